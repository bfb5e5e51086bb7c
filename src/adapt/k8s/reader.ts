// Typed, diagnosing access to the fields of one Kubernetes object inside a source document. Every getter reports a
// wrong JSON type at the field's own line and column and returns undefined, so callers never see a bad value.
import type { Severity } from '../../model/diagnostic.js';
import type { Origin } from '../../model/origin.js';
import { type DocPath, type SourceDocument, getAt, isJsonObject, originAt } from '../../load/document.js';
import type { AdaptContext } from '../context.js';
import { K8S_CODES } from './codes.js';

/** A plain JSON object. */
export type Obj = Readonly<Record<string, unknown>>;

/** True for a non-null, non-array object (load/document.ts isJsonObject). */
export const isObj: (v: unknown) => v is Obj = isJsonObject;

/**
 * Reads one object of a document: `base` is the object's path in the document (`['items', 3]` inside a List), `kind`
 * and `name` label every origin and diagnostic.
 */
export class ObjectReader {
  constructor(
    readonly doc: SourceDocument,
    readonly ctx: AdaptContext,
    readonly base: DocPath,
    readonly kind: string,
    readonly name: string,
  ) {}

  /** The origin of the value at `path` (relative to the object). */
  at(path: DocPath): Origin {
    return originAt(this.doc, [...this.base, ...path], this.kind, this.name);
  }

  /** The raw value at `path` (relative to the object). */
  raw(path: DocPath): unknown {
    return getAt(getAt(this.doc.value, this.base), path);
  }

  /** Reports a diagnostic at `path`. */
  report(severity: Severity, code: string, path: DocPath, message: string, hint?: string): void {
    this.ctx.diagnostics.report({
      code, severity, message: `${this.kind} ${this.name}: ${message}`, origin: this.at(path), resource: `${this.kind}/${this.name}`, hint,
    });
  }

  error(code: string, path: DocPath, message: string, hint?: string): void {
    this.report('error', code, path, message, hint);
  }

  warning(code: string, path: DocPath, message: string, hint?: string): void {
    this.report('warning', code, path, message, hint);
  }

  private wrongType(path: DocPath, expected: string, v: unknown): void {
    this.error(K8S_CODES.WRONG_TYPE, path, `${pathText(path)} must be ${expected}, found ${describe(v)}; ignored`,
      'fix the field type (compare with `kubectl explain`)');
  }

  /** The object at `path`; undefined when absent or null; a wrong type is reported. */
  obj(path: DocPath): Obj | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.wrongType(path, 'an object', v);
    return undefined;
  }

  /** The list at `path`; undefined when absent or null; a wrong type is reported. */
  list(path: DocPath): readonly unknown[] | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    this.wrongType(path, 'a list', v);
    return undefined;
  }

  /** The string at `path`; undefined when absent or null; a wrong type is reported. */
  str(path: DocPath): string | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.wrongType(path, 'a string', v);
    return undefined;
  }

  /** The integer at `path`; undefined when absent or null; a non-integer is reported. */
  int(path: DocPath): number | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    this.wrongType(path, 'an integer', v);
    return undefined;
  }

  /** The boolean at `path`; undefined when absent or null; a wrong type is reported. */
  bool(path: DocPath): boolean | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.wrongType(path, 'true or false', v);
    return undefined;
  }

  /** An integer or a string (Kubernetes IntOrString) at `path`; undefined when absent or null. */
  intOrString(path: DocPath): number | string | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    this.wrongType(path, 'an integer or a string', v);
    return undefined;
  }

  /** A string → string map (labels, annotations, selector); entries with non-string values are reported and dropped. */
  stringMap(path: DocPath): Record<string, string> {
    const o = this.obj(path);
    const out: Record<string, string> = {};
    if (!o) return out;
    for (const k of Object.keys(o).sort()) {
      const v = o[k];
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') {
        // The API server rejects non-string label values; YAML `version: 1` is the usual cause.
        this.error(K8S_CODES.WRONG_TYPE, [...path, k], `${pathText([...path, k])} must be a string, found ${describe(v)}`,
          'quote the value in YAML');
        out[k] = String(v);
      } else if (v !== null) this.wrongType([...path, k], 'a string', v);
    }
    return out;
  }

  /** Reports keys of the object at `path` that are not in `known` (warning: "unknown field X — ignored"). */
  unknownFields(path: DocPath, known: readonly string[]): void {
    const o = this.obj(path);
    if (!o) return;
    for (const k of Object.keys(o).sort()) {
      if (!known.includes(k)) {
        this.warning(K8S_CODES.UNKNOWN_FIELD, [...path, k], `unknown field ${pathText([...path, k])} — ignored`,
          `known fields here: ${known.join(', ')}`);
      }
    }
  }
}

/** `spec.ingress[0].from` style text of a relative path. */
export function pathText(path: DocPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '(object)' : out;
}

/** A short description of a JSON value's type for messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'object': return 'an object';
    case 'string': return `the string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
    case 'number': return `the number ${v}`;
    case 'boolean': return `${v}`;
    default: return typeof v;
  }
}
