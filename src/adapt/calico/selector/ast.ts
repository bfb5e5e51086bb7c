// The parsed form of a Calico selector, its canonical text (§5.4), its evaluation (§5.3), key rewriting (§6.3) and
// its translation into the model's Selector.
import type { Labels } from '../../../model/k8s.js';
import type { Selector } from '../../../model/policy.js';

/** A comparison operator of the selector language, as printed in canonical form. */
export type CompareOp = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

/**
 * A parsed selector. `and`/`or` keep the grouping as written (a chain `a && b && c` is one node with three args;
 * `(a && b) && c` nests); parentheses around a single operation leave no trace. `set.values` are sorted and unique.
 */
export type CalicoAst =
  | { readonly t: 'all' }
  | { readonly t: 'global' }
  | { readonly t: 'has'; readonly key: string }
  | { readonly t: 'cmp'; readonly op: CompareOp; readonly key: string; readonly value: string }
  | { readonly t: 'set'; readonly op: 'in' | 'not in'; readonly key: string; readonly values: readonly string[] }
  | { readonly t: 'not'; readonly arg: CalicoAst }
  | { readonly t: 'and'; readonly args: readonly CalicoAst[] }
  | { readonly t: 'or'; readonly args: readonly CalicoAst[] };

/** A string literal in canonical form: double quotes unless the text contains one, then single quotes. */
export function quote(s: string): string {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

/** The canonical text of a selector (Calico's `String()`): `(a == "b" && !has(c))`, `k in {"a", "b"}`, `all()`. */
export function printSelector(a: CalicoAst): string {
  switch (a.t) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${a.key})`;
    case 'cmp':
      return `${a.key} ${a.op} ${quote(a.value)}`;
    case 'set':
      return `${a.key} ${a.op} {${a.values.map(quote).join(', ')}}`;
    case 'not':
      return `!${printSelector(a.arg)}`;
    case 'and':
      return `(${a.args.map(printSelector).join(' && ')})`;
    case 'or':
      return `(${a.args.map(printSelector).join(' || ')})`;
    default: {
      const never: never = a;
      throw new RangeError(`unknown selector node ${JSON.stringify(never)}`);
    }
  }
}

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Evaluates a selector on one label map exactly as Calico does (global() is true as a label test). */
export function evaluateSelector(a: CalicoAst, labels: Labels): boolean {
  switch (a.t) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return has(labels, a.key);
    case 'cmp': {
      const present = has(labels, a.key);
      const v = present ? labels[a.key] : '';
      const op = a.op;
      switch (op) {
        case '==': return present && v === a.value;
        case '!=': return !present || v !== a.value;
        case 'contains': return present && v.includes(a.value);
        case 'starts with': return present && v.startsWith(a.value);
        case 'ends with': return present && v.endsWith(a.value);
        default: {
          const never: never = op;
          throw new RangeError(`unknown operator ${String(never)}`);
        }
      }
    }
    case 'set': {
      const present = has(labels, a.key);
      const inSet = present && a.values.includes(labels[a.key]);
      return a.op === 'in' ? inSet : !inSet;
    }
    case 'not':
      return !evaluateSelector(a.arg, labels);
    case 'and':
      return a.args.every((x) => evaluateSelector(x, labels));
    case 'or':
      return a.args.some((x) => evaluateSelector(x, labels));
    default: {
      const never: never = a;
      throw new RangeError(`unknown selector node ${JSON.stringify(never)}`);
    }
  }
}

/** Prefixes every label key (Calico's PrefixVisitor): `app == "x"` → `pcns.app == "x"`. */
export function prefixKeys(a: CalicoAst, prefix: string): CalicoAst {
  switch (a.t) {
    case 'all':
    case 'global':
      return a;
    case 'has':
    case 'cmp':
    case 'set':
      return { ...a, key: prefix + a.key };
    case 'not':
      return { t: 'not', arg: prefixKeys(a.arg, prefix) };
    case 'and':
    case 'or':
      return { t: a.t, args: a.args.map((x) => prefixKeys(x, prefix)) };
    default: {
      const never: never = a;
      throw new RangeError(`unknown selector node ${JSON.stringify(never)}`);
    }
  }
}

/** Replaces `all()` and `global()` nodes (how a rule's namespaceSelector is rewritten, §6.3). */
export function replaceFunctions(a: CalicoAst, all: CalicoAst, global: CalicoAst): CalicoAst {
  switch (a.t) {
    case 'all':
      return all;
    case 'global':
      return global;
    case 'has':
    case 'cmp':
    case 'set':
      return a;
    case 'not':
      return { t: 'not', arg: replaceFunctions(a.arg, all, global) };
    case 'and':
    case 'or':
      return { t: a.t, args: a.args.map((x) => replaceFunctions(x, all, global)) };
    default: {
      const never: never = a;
      throw new RangeError(`unknown selector node ${JSON.stringify(never)}`);
    }
  }
}

/** True when the selector uses `global()` anywhere. */
export function usesGlobal(a: CalicoAst): boolean {
  switch (a.t) {
    case 'global':
      return true;
    case 'not':
      return usesGlobal(a.arg);
    case 'and':
    case 'or':
      return a.args.some(usesGlobal);
    default:
      return false;
  }
}

/** Every label key the selector reads. */
export function selectorKeysOf(a: CalicoAst, out = new Set<string>()): Set<string> {
  switch (a.t) {
    case 'has':
    case 'cmp':
    case 'set':
      out.add(a.key);
      break;
    case 'not':
      selectorKeysOf(a.arg, out);
      break;
    case 'and':
    case 'or':
      for (const x of a.args) selectorKeysOf(x, out);
      break;
    default:
      break;
  }
  return out;
}

/** The model's Selector for a Calico selector (same truth table on every label map; global() is `all`). */
export function toModelSelector(a: CalicoAst): Selector {
  switch (a.t) {
    case 'all':
    case 'global':
      return { op: 'all' };
    case 'has':
      return { op: 'has', key: a.key };
    case 'cmp': {
      const op = a.op;
      switch (op) {
        case '==': return { op: 'eq', key: a.key, value: a.value };
        case '!=': return { op: 'neq', key: a.key, value: a.value };
        case 'contains': return { op: 'contains', key: a.key, value: a.value };
        case 'starts with': return { op: 'startswith', key: a.key, value: a.value };
        case 'ends with': return { op: 'endswith', key: a.key, value: a.value };
        default: {
          const never: never = op;
          throw new RangeError(`unknown operator ${String(never)}`);
        }
      }
    }
    case 'set':
      return a.op === 'in' ? { op: 'in', key: a.key, values: a.values } : { op: 'notin', key: a.key, values: a.values };
    case 'not':
      return { op: 'not', arg: toModelSelector(a.arg) };
    case 'and':
      return { op: 'and', args: a.args.map(toModelSelector) };
    case 'or':
      return { op: 'or', args: a.args.map(toModelSelector) };
    default: {
      const never: never = a;
      throw new RangeError(`unknown selector node ${JSON.stringify(never)}`);
    }
  }
}
