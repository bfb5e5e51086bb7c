// Label-selector evaluation over one label map: the one primitive every policy dialect's selectors compile to.
import type { Labels } from '../../model/k8s.js';
import type { Selector } from '../../model/policy.js';

/**
 * True when `labels` satisfy `sel`. A missing key makes `eq`, `in`, `has`, `contains`, `startswith`, `endswith`
 * false and `neq`, `notin`, `nothas` true; `all` is always true, `none` never; `and` of no args is true, `or` of
 * no args is false.
 */
export function matchSelector(sel: Selector, labels: Labels): boolean {
  switch (sel.op) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'eq':
      return hasKey(labels, sel.key) && labels[sel.key] === sel.value;
    case 'neq':
      return !hasKey(labels, sel.key) || labels[sel.key] !== sel.value;
    case 'in':
      return hasKey(labels, sel.key) && sel.values.includes(labels[sel.key]);
    case 'notin':
      return !hasKey(labels, sel.key) || !sel.values.includes(labels[sel.key]);
    case 'has':
      return hasKey(labels, sel.key);
    case 'nothas':
      return !hasKey(labels, sel.key);
    case 'contains':
      return hasKey(labels, sel.key) && labels[sel.key].includes(sel.value);
    case 'startswith':
      return hasKey(labels, sel.key) && labels[sel.key].startsWith(sel.value);
    case 'endswith':
      return hasKey(labels, sel.key) && labels[sel.key].endsWith(sel.value);
    case 'and':
      return sel.args.every((a) => matchSelector(a, labels));
    case 'or':
      return sel.args.some((a) => matchSelector(a, labels));
    case 'not':
      return !matchSelector(sel.arg, labels);
    default: {
      const never: never = sel;
      throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
    }
  }
}

// Own keys only: a label named "constructor" or "__proto__" must not see Object.prototype.
function hasKey(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Adds every label key `sel` reads to `out` (the keys that can change its result). */
export function selectorKeys(sel: Selector, out: Set<string>): void {
  switch (sel.op) {
    case 'all':
    case 'none':
      return;
    case 'eq':
    case 'neq':
    case 'in':
    case 'notin':
    case 'has':
    case 'nothas':
    case 'contains':
    case 'startswith':
    case 'endswith':
      out.add(sel.key);
      return;
    case 'and':
    case 'or':
      for (const a of sel.args) selectorKeys(a, out);
      return;
    case 'not':
      selectorKeys(sel.arg, out);
      return;
    default: {
      const never: never = sel;
      throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
    }
  }
}

/** A canonical string for `sel` (equal trees give equal strings), used as a cache key. */
export function selectorCacheKey(sel: Selector): string {
  return JSON.stringify(sel);
}

/**
 * The labels restricted to `keys`, as a canonical string (sorted, length-prefixed key and value parts).
 * Two label maps with equal projections satisfy exactly the same selectors over `keys`.
 */
export function projectLabels(labels: Labels, keys: ReadonlySet<string>): string {
  const parts: string[] = [];
  // Each part is length-prefixed (`<len>:<key><len>:<value>`), so the concatenation reads back unambiguously.
  for (const k of Object.keys(labels)) if (keys.has(k)) parts.push(`${k.length}:${k}${labels[k].length}:${labels[k]}`);
  parts.sort();
  return parts.join('');
}
