// Reading fields of ARM-shaped objects defensively: every value comes from a user's file, so every read checks its
// type and reports a diagnostic at the field's own position instead of throwing.
import { isJsonObject, type DocPath } from '../../load/document.js';
import type { DiagnosticSink } from '../../model/diagnostic.js';
import type { Origin } from '../../model/origin.js';
import { parseCidr, parseIp, type Cidr, type Ip } from '../../engines/net/index.js';
import { AZ_CODES } from './codes.js';

/** Gives the origin of a path inside the object being converted (relative to that object). */
export type At = (path: DocPath) => Origin;

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object (load/document.ts isJsonObject). */
export const isObject: (v: unknown) => v is JsonObject = isJsonObject;

/**
 * A view of one ARM-shaped object: fields are looked up case-insensitively (az prints `vnetSubnetId`, ARM writes
 * `vnetSubnetID`), first on the object itself, then inside its `properties` (ARM templates and REST output nest
 * them; az flattens them). `null` counts as absent, as az prints every unset field as null.
 */
export class Fields {
  constructor(
    /** The object as written. */
    readonly value: JsonObject,
    /** Origin of a path relative to `value`. */
    readonly at: At,
    /** Where problems are reported. */
    readonly diagnostics: DiagnosticSink,
  ) {}

  /** Finds `name` (case-insensitively) and returns the value with the path it was found at; undefined if absent/null. */
  find(name: string): { value: unknown; path: DocPath } | undefined {
    const own = lookup(this.value, name);
    if (own !== undefined) return { value: this.value[own], path: [own] };
    const propsKey = lookup(this.value, 'properties');
    if (propsKey !== undefined) {
      const props = this.value[propsKey];
      if (isObject(props)) {
        const k = lookup(props, name);
        if (k !== undefined) return { value: props[k], path: [propsKey, k] };
      }
    }
    return undefined;
  }

  /** True when the field is present and not null. */
  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** Origin of the field `name` (of the object itself when the field is absent). */
  originOf(name: string): Origin {
    const f = this.find(name);
    return this.at(f ? f.path : []);
  }

  /** Origin of the object itself. */
  get origin(): Origin {
    return this.at([]);
  }

  /** A string field; numbers and booleans are accepted as their text; other types are reported. */
  str(name: string): string | undefined {
    const f = this.find(name);
    if (!f) return undefined;
    if (typeof f.value === 'string') return f.value;
    if (typeof f.value === 'number' || typeof f.value === 'boolean') return String(f.value);
    this.wrongType(name, f, 'a string');
    return undefined;
  }

  /** A boolean field; the strings "true"/"false" are accepted (az prints some booleans as strings). */
  bool(name: string): boolean | undefined {
    const f = this.find(name);
    if (!f) return undefined;
    if (typeof f.value === 'boolean') return f.value;
    if (typeof f.value === 'string' && /^(true|false)$/i.test(f.value)) return f.value.toLowerCase() === 'true';
    this.wrongType(name, f, 'true or false');
    return undefined;
  }

  /** A non-negative integer field (numeric strings accepted: ARM parameters are often strings). */
  count(name: string): number | undefined {
    const f = this.find(name);
    if (!f) return undefined;
    const n = typeof f.value === 'number' ? f.value : typeof f.value === 'string' && /^\s*-?\d+\s*$/.test(f.value) ? Number(f.value) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      this.diagnostics.error(AZ_CODES.INVALID_NUMBER, `${name} must be a non-negative integer, got ${show(f.value)}`,
        this.at(f.path), `write ${name} as a whole number ≥ 0`);
      return undefined;
    }
    return n;
  }

  /** A nested object field; a non-object is reported. */
  obj(name: string): Fields | undefined {
    const f = this.find(name);
    if (!f) return undefined;
    if (!isObject(f.value)) {
      this.wrongType(name, f, 'an object');
      return undefined;
    }
    const base = f.path;
    return new Fields(f.value, (p) => this.at([...base, ...p]), this.diagnostics);
  }

  /** An array field's elements (non-objects are reported and skipped when `objects` is true). */
  list(name: string): { value: unknown; at: At; path: DocPath }[] {
    const f = this.find(name);
    if (!f) return [];
    if (!Array.isArray(f.value)) {
      this.wrongType(name, f, 'an array');
      return [];
    }
    const base = f.path;
    return f.value.map((value, i) => ({ value, path: [...base, i], at: (p: DocPath) => this.at([...base, i, ...p]) }));
  }

  /** The object elements of an array field as Fields (other elements are reported). */
  objects(name: string): Fields[] {
    const out: Fields[] = [];
    for (const item of this.list(name)) {
      if (isObject(item.value)) out.push(new Fields(item.value, item.at, this.diagnostics));
      else if (item.value !== null) {
        this.diagnostics.error(AZ_CODES.WRONG_TYPE, `each element of ${name} must be an object, got ${show(item.value)}`, item.at([]));
      }
    }
    return out;
  }

  /** The string elements of an array field (others reported). */
  strings(name: string): { text: string; origin: Origin }[] {
    const out: { text: string; origin: Origin }[] = [];
    for (const item of this.list(name)) {
      if (typeof item.value === 'string') out.push({ text: item.value, origin: item.at([]) });
      else if (item.value !== null) {
        this.diagnostics.error(AZ_CODES.WRONG_TYPE, `each element of ${name} must be a string, got ${show(item.value)}`, item.at([]));
      }
    }
    return out;
  }

  /** An `{ "id": "..." }` reference field (subnet.routeTable, ...), normalised by the caller. */
  refId(name: string): { id: string; origin: Origin } | undefined {
    const o = this.obj(name);
    if (!o) return undefined;
    const id = o.str('id');
    return id === undefined ? undefined : { id, origin: o.originOf('id') };
  }

  /**
   * An enumerated string field. Matches case-insensitively and returns the canonical spelling; an unknown value is
   * reported with the allowed values and undefined is returned (the caller applies its default).
   */
  enumOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const text = this.str(name);
    if (text === undefined) return undefined;
    const hit = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
    if (hit !== undefined) return hit;
    this.diagnostics.error(AZ_CODES.UNKNOWN_ENUM, `unknown ${name} "${text}"`, this.originOf(name),
      `allowed values: ${allowed.join(', ')}`);
    return undefined;
  }

  /** A CIDR string (validated: invalid → error; host bits set → warning, block used). */
  cidr(name: string): Cidr | undefined {
    const text = this.str(name);
    if (text === undefined) return undefined;
    return checkCidr(text, name, this.originOf(name), this.diagnostics);
  }

  /** An IP address string (invalid → error). */
  ip(name: string): Ip | undefined {
    const text = this.str(name);
    if (text === undefined) return undefined;
    const ip = parseIp(text.trim());
    if (!ip) {
      this.diagnostics.error(AZ_CODES.INVALID_IP, `${name} "${text}" is not an IP address`, this.originOf(name),
        'write a dotted-quad IPv4 address such as 10.0.0.10');
    }
    return ip;
  }

  /** Keys present on the object (and in its `properties`) as written. */
  keys(): string[] {
    const out = Object.keys(this.value).filter((k) => k.toLowerCase() !== 'properties');
    const propsKey = lookup(this.value, 'properties');
    const props = propsKey === undefined ? undefined : this.value[propsKey];
    if (isObject(props)) out.push(...Object.keys(props));
    return out;
  }

  /** Warns about every key not in `known` (case-insensitive): "unknown field X ignored". */
  warnUnknown(known: ReadonlySet<string>, what: string): void {
    for (const k of this.keys()) {
      if (known.has(k.toLowerCase())) continue;
      const f = this.find(k);
      this.diagnostics.warning(AZ_CODES.UNKNOWN_FIELD, `unknown field ${k} in ${what} ignored`, this.at(f ? f.path : []),
        'check the spelling against the ARM schema (Microsoft.ContainerService/managedClusters)');
    }
  }

  private wrongType(name: string, f: { value: unknown; path: DocPath }, expected: string): void {
    this.diagnostics.error(AZ_CODES.WRONG_TYPE, `${name} must be ${expected}, got ${show(f.value)}`, this.at(f.path));
  }
}

/** Validates a CIDR text: invalid → error (undefined); host bits set → warning and the normalised block. */
export function checkCidr(text: string, what: string, origin: Origin, diagnostics: DiagnosticSink): Cidr | undefined {
  const parsed = parseCidr(text.trim());
  if (!parsed || !text.includes('/')) {
    diagnostics.error(AZ_CODES.INVALID_CIDR, `${what} "${text}" is not a valid CIDR`, origin,
      'write an address block such as 10.0.0.0/16 (address/prefix length)');
    return undefined;
  }
  if (parsed.hostBitsSet) {
    diagnostics.warning(AZ_CODES.HOST_BITS_SET, `${what} "${text}" has host bits set; it is read as the block containing it`,
      origin, 'write the first address of the block (the network address) before the slash');
  }
  return parsed.cidr;
}

/** The key of `obj` equal to `name` ignoring case (exact match preferred); undefined if absent or null. */
export function lookup(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name] === null || obj[name] === undefined ? undefined : name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower && obj[k] !== null && obj[k] !== undefined) return k;
  }
  return undefined;
}

/** A short rendering of a value for messages. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
