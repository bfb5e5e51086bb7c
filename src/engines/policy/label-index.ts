// Label selectors evaluated over many classes at once: an inverted index (key → value → classes) turns a selector
// into bitset operations, so matching costs words per selector term instead of one label lookup per class.
import type { Labels } from '../../model/k8s.js';
import type { Selector } from '../../model/policy.js';
import { andBits, andNotBits, emptyBits, orInto, setBit, type ClassBits } from './bits.js';

/** The label maps of a set of classes (the universe), indexed by key and value. */
export class LabelIndex {
  private readonly byKey = new Map<string, Map<string, ClassBits>>();
  private readonly withKey = new Map<string, ClassBits>();
  /** The indexed classes; every answer is a subset of it. */
  readonly universe: ClassBits;

  /** An empty index over class ids 0..n-1. */
  constructor(private readonly n: number) {
    this.universe = emptyBits(n);
  }

  /** Adds class c with labels `labels` (each class at most once). */
  add(c: number, labels: Labels): void {
    setBit(this.universe, c);
    for (const k of Object.keys(labels)) {
      let values = this.byKey.get(k);
      if (values === undefined) {
        values = new Map();
        this.byKey.set(k, values);
      }
      let b = values.get(labels[k]);
      if (b === undefined) {
        b = emptyBits(this.n);
        values.set(labels[k], b);
      }
      setBit(b, c);
      let h = this.withKey.get(k);
      if (h === undefined) {
        h = emptyBits(this.n);
        this.withKey.set(k, h);
      }
      setBit(h, c);
    }
  }

  /** The indexed classes whose labels satisfy `sel`, exactly as matchSelector decides (a new bitset). */
  select(sel: Selector): ClassBits {
    switch (sel.op) {
      case 'all':
        return this.universe.slice();
      case 'none':
        return emptyBits(this.n);
      case 'eq':
        return this.valuesIn(sel.key, [sel.value]);
      case 'neq':
        return andNotBits(this.universe, this.valuesIn(sel.key, [sel.value]));
      case 'in':
        return this.valuesIn(sel.key, sel.values);
      case 'notin':
        return andNotBits(this.universe, this.valuesIn(sel.key, sel.values));
      case 'has':
        return this.withKey.get(sel.key)?.slice() ?? emptyBits(this.n);
      case 'nothas': {
        const h = this.withKey.get(sel.key);
        return h === undefined ? this.universe.slice() : andNotBits(this.universe, h);
      }
      case 'contains':
        return this.valuesWhere(sel.key, (v) => v.includes(sel.value));
      case 'startswith':
        return this.valuesWhere(sel.key, (v) => v.startsWith(sel.value));
      case 'endswith':
        return this.valuesWhere(sel.key, (v) => v.endsWith(sel.value));
      case 'and': {
        let out: ClassBits = this.universe.slice();
        for (const a of sel.args) out = andBits(out, this.select(a));
        return out;
      }
      case 'or': {
        const out = emptyBits(this.n);
        for (const a of sel.args) orInto(out, this.select(a));
        return out;
      }
      case 'not':
        return andNotBits(this.universe, this.select(sel.arg));
      default: {
        const never: never = sel;
        throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
      }
    }
  }

  /** Classes whose label `key` has one of `values`. */
  private valuesIn(key: string, values: readonly string[]): ClassBits {
    const out = emptyBits(this.n);
    const byValue = this.byKey.get(key);
    if (byValue === undefined) return out;
    for (const v of values) {
      const b = byValue.get(v);
      if (b !== undefined) orInto(out, b);
    }
    return out;
  }

  /** Classes having key `key` with a value for which `pred` holds. */
  private valuesWhere(key: string, pred: (value: string) => boolean): ClassBits {
    const out = emptyBits(this.n);
    const values = this.byKey.get(key);
    if (values === undefined) return out;
    for (const [v, b] of values) if (pred(v)) orInto(out, b);
    return out;
  }
}
