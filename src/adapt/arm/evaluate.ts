// Evaluates parsed ARM expressions. Values are JSON values or UNKNOWN (an input aksnet cannot know offline:
// reference(), a failed sub-expression, ...); UNKNOWN propagates through every function. Problems are reported
// through `report` and never thrown.
import { SYNTHETIC_SUBSCRIPTION } from '../../model/model.js';
import { SYNTHETIC_RESOURCE_GROUP } from '../aks/arm-shape.js';
import { AZ_CODES } from '../aks/codes.js';
import type { Expr } from './expression.js';

/** A value an expression cannot produce offline; it propagates through every function. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A JSON value, or UNKNOWN anywhere inside. */
export type ArmValue = string | number | boolean | null | Unknown | readonly ArmValue[] | { readonly [k: string]: ArmValue };

/** The location that `resourceGroup().location` gives (templates are evaluated without a deployment). */
export const SYNTHETIC_LOCATION = 'location';

/** What the evaluator needs from the template around it. */
export interface EvalEnv {
  /** The value of parameter `name` (UNKNOWN, after reporting, when undeclared or without value). */
  parameter(name: string): ArmValue;
  /** The value of variable `name` (UNKNOWN, after reporting, when undeclared or circular). */
  variable(name: string): ArmValue;
  /** Reports a problem of this expression (code from AZ_CODES, message, hint). */
  report(code: string, severity: 'error' | 'warning', message: string, hint?: string): void;
}

function isObj(v: ArmValue): v is { readonly [k: string]: ArmValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True when the value is UNKNOWN or contains it. */
export function containsUnknown(v: ArmValue): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObj(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Text of a value as `string()` and `concat` produce it. */
function asText(v: ArmValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(v);
}

/** A deterministic 13-character stand-in for uniqueString (the real one hashes deployment-scope values). */
export function uniqueStringOf(parts: readonly string[]): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of parts.join('-')) {
    h ^= BigInt(ch.codePointAt(0) ?? 0);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let s = '';
  for (let i = 0; i < 13; i++) {
    s += alphabet[Number(h % 32n)];
    h = h / 32n + BigInt(i * 7919);
  }
  return s;
}

type Fn = (args: readonly ArmValue[], env: EvalEnv, name: string) => ArmValue;

function bad(env: EvalEnv, name: string, what: string): Unknown {
  env.report(AZ_CODES.ARM_BAD_ARGUMENTS, 'error', `${name}(): ${what}`, 'see the ARM template function reference');
  return UNKNOWN;
}

function strArgs(args: readonly ArmValue[], env: EvalEnv, name: string, min: number, max: number): string[] | Unknown {
  if (args.length < min || args.length > max) return bad(env, name, `expects ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  const out: string[] = [];
  for (const a of args) {
    if (a === UNKNOWN) return UNKNOWN;
    if (typeof a !== 'string') return bad(env, name, `expects string arguments, got ${asText(a)}`);
    out.push(a);
  }
  return out;
}

function intArg(v: ArmValue, env: EvalEnv, name: string): number | Unknown {
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return bad(env, name, `expects an integer, got ${asText(v)}`);
}

/** Deep equality of two known values (ARM `equals` compares strings case-sensitively). */
function equalValues(a: ArmValue, b: ArmValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `resourceId([subscriptionId], [resourceGroupName], resourceType, name1, name2, ...)`. */
function resourceIdOf(args: readonly ArmValue[], env: EvalEnv, name: string): ArmValue {
  const s = strArgs(args, env, name, 2, 16);
  if (s === UNKNOWN) return UNKNOWN;
  const typeIndex = s.findIndex((x) => /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/[A-Za-z0-9]/.test(x));
  if (typeIndex < 0 || typeIndex > 2) return bad(env, name, 'no resource type such as Microsoft.Network/virtualNetworks among the arguments');
  const sub = typeIndex === 2 ? s[0]! : SYNTHETIC_SUBSCRIPTION;
  const rg = typeIndex === 2 ? s[1]! : typeIndex === 1 ? s[0]! : SYNTHETIC_RESOURCE_GROUP;
  const typeParts = s[typeIndex]!.split('/');
  const names = s.slice(typeIndex + 1).flatMap((n) => n.split('/'));
  const types = typeParts.slice(1);
  if (names.length !== types.length) {
    return bad(env, name, `resource type ${s[typeIndex]} needs ${types.length} name segment(s), got ${names.length}`);
  }
  const path = types.map((t, i) => `${t}/${names[i]}`).join('/');
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${typeParts[0]}/${path}`;
}

/** `format('{0}-{1}', a, b)`: .NET composite format; format specifiers after ':' are ignored. */
function formatOf(args: readonly ArmValue[], env: EvalEnv, name: string): ArmValue {
  if (args.length < 1) return bad(env, name, 'expects a format string');
  const [fmt, ...rest] = args;
  if (fmt === UNKNOWN || rest.some((r) => r === UNKNOWN)) return UNKNOWN;
  if (typeof fmt !== 'string') return bad(env, name, 'the first argument must be a string');
  let failed = false;
  const out = fmt.replace(/\{\{|\}\}|\{(\d+)(?:[,:][^}]*)?\}/g, (m, idx: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = rest[Number(idx)];
    if (v === undefined) {
      failed = true;
      return m;
    }
    return asText(v);
  });
  return failed ? bad(env, name, `the format string "${fmt}" refers to a missing argument`) : out;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  parameters: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 1);
    return s === UNKNOWN ? UNKNOWN : env.parameter(s[0]!);
  },
  variables: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 1);
    return s === UNKNOWN ? UNKNOWN : env.variable(s[0]!);
  },
  resourceid: resourceIdOf,
  format: formatOf,
  concat: (args, env, name) => {
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    if (args.length > 0 && args.every((a) => Array.isArray(a))) return args.flatMap((a) => a as readonly ArmValue[]);
    if (args.some((a) => Array.isArray(a) || isObj(a))) return bad(env, name, 'cannot mix arrays or objects with strings');
    return args.map(asText).join('');
  },
  tolower: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 1);
    return s === UNKNOWN ? UNKNOWN : s[0]!.toLowerCase();
  },
  toupper: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 1);
    return s === UNKNOWN ? UNKNOWN : s[0]!.toUpperCase();
  },
  trim: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 1);
    return s === UNKNOWN ? UNKNOWN : s[0]!.trim();
  },
  replace: (args, env, name) => {
    const s = strArgs(args, env, name, 3, 3);
    return s === UNKNOWN ? UNKNOWN : s[0]!.split(s[1]!).join(s[2]!);
  },
  uniquestring: (args, env, name) => {
    const s = strArgs(args, env, name, 1, 16);
    return s === UNKNOWN ? UNKNOWN : uniqueStringOf(s);
  },
  string: (args, env, name) => {
    if (args.length !== 1) return bad(env, name, 'expects 1 argument');
    return args[0] === UNKNOWN ? UNKNOWN : asText(args[0]!);
  },
  int: (args, env, name) => (args.length !== 1 ? bad(env, name, 'expects 1 argument') : intArg(args[0]!, env, name)),
  bool: (args, env, name) => {
    if (args.length !== 1) return bad(env, name, 'expects 1 argument');
    const a = args[0]!;
    if (a === UNKNOWN) return UNKNOWN;
    if (typeof a === 'boolean') return a;
    if (typeof a === 'string' && /^(true|false)$/i.test(a)) return a.toLowerCase() === 'true';
    if (typeof a === 'number') return a !== 0;
    return bad(env, name, `cannot convert ${asText(a)} to a boolean`);
  },
  true: (args, env, name) => (args.length === 0 ? true : bad(env, name, 'expects no arguments')),
  false: (args, env, name) => (args.length === 0 ? false : bad(env, name, 'expects no arguments')),
  null: (args, env, name) => (args.length === 0 ? null : bad(env, name, 'expects no arguments')),
  equals: (args, env, name) => {
    if (args.length !== 2) return bad(env, name, 'expects 2 arguments');
    if (args.some(containsUnknown)) return UNKNOWN;
    return equalValues(args[0]!, args[1]!);
  },
  not: (args, env, name) => {
    if (args.length !== 1) return bad(env, name, 'expects 1 argument');
    const a = args[0]!;
    if (a === UNKNOWN) return UNKNOWN;
    return typeof a === 'boolean' ? !a : bad(env, name, 'expects a boolean');
  },
  and: (args, env, name) => logic(args, env, name, (xs) => xs.every(Boolean)),
  or: (args, env, name) => logic(args, env, name, (xs) => xs.some(Boolean)),
  if: (args, env, name) => {
    if (args.length !== 3) return bad(env, name, 'expects 3 arguments: condition, true value, false value');
    const c = args[0]!;
    if (c === UNKNOWN) return UNKNOWN;
    if (typeof c !== 'boolean') return bad(env, name, 'the condition must be a boolean');
    return c ? args[1]! : args[2]!;
  },
  empty: (args, env, name) => {
    if (args.length !== 1) return bad(env, name, 'expects 1 argument');
    const a = args[0]!;
    if (a === UNKNOWN) return UNKNOWN;
    if (a === null) return true;
    if (typeof a === 'string' || Array.isArray(a)) return a.length === 0;
    if (isObj(a)) return Object.keys(a).length === 0;
    return bad(env, name, 'expects a string, array or object');
  },
  length: (args, env, name) => {
    if (args.length !== 1) return bad(env, name, 'expects 1 argument');
    const a = args[0]!;
    if (a === UNKNOWN) return UNKNOWN;
    if (typeof a === 'string' || Array.isArray(a)) return a.length;
    if (isObj(a)) return Object.keys(a).length;
    return bad(env, name, 'expects a string, array or object');
  },
  createarray: (args) => [...args],
  array: (args, env, name) => (args.length !== 1 ? bad(env, name, 'expects 1 argument') : Array.isArray(args[0]) ? args[0]! : [args[0]!]),
  createobject: (args, env, name) => {
    if (args.length % 2 !== 0) return bad(env, name, 'expects key/value pairs');
    const o: Record<string, ArmValue> = {};
    for (let i = 0; i < args.length; i += 2) {
      const k = args[i]!;
      if (k === UNKNOWN) return UNKNOWN;
      if (typeof k !== 'string') return bad(env, name, 'keys must be strings');
      o[k] = args[i + 1]!;
    }
    return o;
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a === UNKNOWN) return UNKNOWN;
      if (a !== null) return a;
    }
    return null;
  },
  first: (args, env, name) => ends(args, env, name, true),
  last: (args, env, name) => ends(args, env, name, false),
  contains: (args, env, name) => {
    if (args.length !== 2) return bad(env, name, 'expects 2 arguments');
    const [c, x] = args as [ArmValue, ArmValue];
    if (c === UNKNOWN || x === UNKNOWN) return UNKNOWN;
    if (typeof c === 'string') return typeof x === 'string' ? c.includes(x) : bad(env, name, 'expects a string to find');
    if (Array.isArray(c)) return c.some((e) => equalValues(e, x));
    if (isObj(c)) return typeof x === 'string' && Object.keys(c).includes(x);
    return bad(env, name, 'expects a string, array or object');
  },
  startswith: (args, env, name) => {
    const s = strArgs(args, env, name, 2, 2);
    return s === UNKNOWN ? UNKNOWN : s[0]!.toLowerCase().startsWith(s[1]!.toLowerCase());
  },
  endswith: (args, env, name) => {
    const s = strArgs(args, env, name, 2, 2);
    return s === UNKNOWN ? UNKNOWN : s[0]!.toLowerCase().endsWith(s[1]!.toLowerCase());
  },
  split: (args, env, name) => {
    const s = strArgs(args, env, name, 2, 2);
    return s === UNKNOWN ? UNKNOWN : s[0]!.split(s[1]!);
  },
  substring: (args, env, name) => {
    if (args.length < 2 || args.length > 3) return bad(env, name, 'expects 2 or 3 arguments');
    const s = args[0]!;
    if (s === UNKNOWN) return UNKNOWN;
    if (typeof s !== 'string') return bad(env, name, 'expects a string');
    const start = intArg(args[1]!, env, name);
    const len = args.length === 3 ? intArg(args[2]!, env, name) : s.length;
    if (start === UNKNOWN || len === UNKNOWN) return UNKNOWN;
    if (start < 0 || len < 0 || start + (args.length === 3 ? len : 0) > s.length) return bad(env, name, 'range outside the string');
    return args.length === 3 ? s.substr(start, len) : s.slice(start);
  },
  add: (args, env, name) => arith(args, env, name, (a, b) => a + b),
  sub: (args, env, name) => arith(args, env, name, (a, b) => a - b),
  mul: (args, env, name) => arith(args, env, name, (a, b) => a * b),
  div: (args, env, name) => arith(args, env, name, (a, b) => (b === 0 ? undefined : Math.trunc(a / b))),
  mod: (args, env, name) => arith(args, env, name, (a, b) => (b === 0 ? undefined : a % b)),
  less: (args, env, name) => compare(args, env, name, (c) => c < 0),
  lessorequals: (args, env, name) => compare(args, env, name, (c) => c <= 0),
  greater: (args, env, name) => compare(args, env, name, (c) => c > 0),
  greaterorequals: (args, env, name) => compare(args, env, name, (c) => c >= 0),
  resourcegroup: (args, env, name) => (args.length === 0
    ? {
      name: SYNTHETIC_RESOURCE_GROUP, location: SYNTHETIC_LOCATION,
      id: `/subscriptions/${SYNTHETIC_SUBSCRIPTION}/resourceGroups/${SYNTHETIC_RESOURCE_GROUP}`,
    }
    : bad(env, name, 'expects no arguments')),
  subscription: (args, env, name) => (args.length === 0
    ? { subscriptionId: SYNTHETIC_SUBSCRIPTION, id: `/subscriptions/${SYNTHETIC_SUBSCRIPTION}`, tenantId: SYNTHETIC_SUBSCRIPTION, displayName: 'subscription' }
    : bad(env, name, 'expects no arguments')),
};

function logic(args: readonly ArmValue[], env: EvalEnv, name: string, f: (xs: boolean[]) => boolean): ArmValue {
  if (args.length < 2) return bad(env, name, 'expects at least 2 arguments');
  if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
  if (!args.every((a) => typeof a === 'boolean')) return bad(env, name, 'expects booleans');
  return f(args as boolean[]);
}

function ends(args: readonly ArmValue[], env: EvalEnv, name: string, first: boolean): ArmValue {
  if (args.length !== 1) return bad(env, name, 'expects 1 argument');
  const a = args[0]!;
  if (a === UNKNOWN) return UNKNOWN;
  if (typeof a === 'string') return a.length === 0 ? '' : first ? a[0]! : a[a.length - 1]!;
  if (Array.isArray(a)) return a.length === 0 ? null : first ? a[0]! : a[a.length - 1]!;
  return bad(env, name, 'expects a string or array');
}

function arith(args: readonly ArmValue[], env: EvalEnv, name: string, f: (a: number, b: number) => number | undefined): ArmValue {
  if (args.length !== 2) return bad(env, name, 'expects 2 arguments');
  const a = intArg(args[0]!, env, name);
  const b = intArg(args[1]!, env, name);
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  const r = f(a, b);
  return r === undefined ? bad(env, name, 'division by zero') : r;
}

function compare(args: readonly ArmValue[], env: EvalEnv, name: string, f: (c: number) => boolean): ArmValue {
  if (args.length !== 2) return bad(env, name, 'expects 2 arguments');
  const [a, b] = args as [ArmValue, ArmValue];
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (typeof a === 'number' && typeof b === 'number') return f(a - b);
  if (typeof a === 'string' && typeof b === 'string') return f(a < b ? -1 : a > b ? 1 : 0);
  return bad(env, name, 'expects two integers or two strings');
}

/** Functions that need a deployment (or are non-deterministic): reported as unsupported, value unknown. */
export const UNSUPPORTED_HINT = 'aksnet evaluates templates offline; give the value as a parameter (parameters file) instead';

/** Evaluates an expression. Never throws. */
export function evaluate(e: Expr, env: EvalEnv): ArmValue {
  switch (e.kind) {
    case 'string':
      return e.value;
    case 'number':
      return e.value;
    case 'call': {
      const fn = FUNCTIONS[e.name.toLowerCase()];
      if (!fn) {
        env.report(AZ_CODES.ARM_UNSUPPORTED_FUNCTION, 'warning', `function ${e.name}() is not evaluated; the value is unknown`, UNSUPPORTED_HINT);
        return UNKNOWN;
      }
      // `if` evaluates only the branch it takes (the other may reference missing parameters on purpose).
      if (e.name.toLowerCase() === 'if' && e.args.length === 3) {
        const c = evaluate(e.args[0]!, env);
        if (typeof c === 'boolean') return evaluate(c ? e.args[1]! : e.args[2]!, env);
        return fn([c, UNKNOWN, UNKNOWN], env, e.name);
      }
      return fn(e.args.map((a) => evaluate(a, env)), env, e.name);
    }
    case 'member': {
      const o = evaluate(e.object, env);
      if (o === UNKNOWN) return UNKNOWN;
      if (!isObj(o)) {
        env.report(AZ_CODES.ARM_BAD_ARGUMENTS, 'error', `cannot read property ${e.name} of ${asText(o)}`);
        return UNKNOWN;
      }
      const k = Object.keys(o).find((x) => x.toLowerCase() === e.name.toLowerCase());
      if (k === undefined) {
        env.report(AZ_CODES.ARM_BAD_ARGUMENTS, 'error', `the object has no property ${e.name}`);
        return UNKNOWN;
      }
      return o[k]!;
    }
    case 'index': {
      const o = evaluate(e.object, env);
      const i = evaluate(e.index, env);
      if (o === UNKNOWN || i === UNKNOWN) return UNKNOWN;
      if (Array.isArray(o) && typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < o.length) return o[i]!;
      if (isObj(o) && typeof i === 'string') {
        const k = Object.keys(o).find((x) => x.toLowerCase() === i.toLowerCase());
        if (k !== undefined) return o[k]!;
      }
      env.report(AZ_CODES.ARM_BAD_ARGUMENTS, 'error', `index ${asText(i)} is not in ${Array.isArray(o) ? 'the array' : asText(o)}`);
      return UNKNOWN;
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}
