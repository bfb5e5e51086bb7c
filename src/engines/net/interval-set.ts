// Sets of integers as sorted, disjoint, non-adjacent intervals; the one algorithm behind IpSet and PortSet.
//
// Representation: a flat, strictly increasing array of half-open boundaries [s0, e0, s1, e1, ...] meaning
// [s0, e0) ∪ [s1, e1) ∪ ...; e_i < s_{i+1} strictly, so intervals never touch. Every set operation is one linear
// merge of two boundary arrays that only compares values, so the same code serves `number` (ports) and `bigint`
// (addresses) without duplication; arithmetic (+1, -1, sums) is needed only at the edges and comes from `Arith`.

/** Integer arithmetic an IntervalSet needs at its edges, for `number` or `bigint` values. */
export interface Arith<T extends number | bigint> {
  /** Zero of the type (the size of an empty set). */
  readonly zero: T;
  /** x + 1. */
  succ(x: T): T;
  /** x - 1. */
  pred(x: T): T;
  /** a + b. */
  add(a: T, b: T): T;
  /** a - b. */
  sub(a: T, b: T): T;
}

/** Arith for safe-integer `number` values (ports, small counters). */
export const NUMBER_ARITH: Arith<number> = Object.freeze({
  zero: 0,
  succ: (x: number) => x + 1,
  pred: (x: number) => x - 1,
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
});

/** Arith for `bigint` values (addresses). */
export const BIGINT_ARITH: Arith<bigint> = Object.freeze({
  zero: 0n,
  succ: (x: bigint) => x + 1n,
  pred: (x: bigint) => x - 1n,
  add: (a: bigint, b: bigint) => a + b,
  sub: (a: bigint, b: bigint) => a - b,
});

// Merge operators: whether a point is in the result given membership in the left and right operands.
const OP_UNION = 0;
const OP_INTERSECT = 1;
const OP_SUBTRACT = 2;
const OP_XOR = 3;
type Op = typeof OP_UNION | typeof OP_INTERSECT | typeof OP_SUBTRACT | typeof OP_XOR;

function apply(op: Op, inA: boolean, inB: boolean): boolean {
  switch (op) {
    case OP_UNION:
      return inA || inB;
    case OP_INTERSECT:
      return inA && inB;
    case OP_SUBTRACT:
      return inA && !inB;
    case OP_XOR:
      return inA !== inB;
  }
}

// Linear sweep over both boundary arrays; emits a boundary whenever op's result flips. Equal boundaries of a and b
// are consumed together, so touching results (e.g. [0,5) ∪ [5,9)) come out merged.
function merge<T extends number | bigint>(a: readonly T[], b: readonly T[], op: Op): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  let inA = false;
  let inB = false;
  let inOut = false;
  const na = a.length;
  const nb = b.length;
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
    if (i < na && a[i] === x) {
      inA = !inA;
      i++;
    }
    if (j < nb && b[j] === x) {
      inB = !inB;
      j++;
    }
    const now = apply(op, inA, inB);
    if (now !== inOut) {
      out.push(x);
      inOut = now;
    }
  }
  return out;
}

// Same sweep as merge, but only answers whether op's result is non-empty (no allocation; stops early).
function mergeAny<T extends number | bigint>(a: readonly T[], b: readonly T[], op: Op): boolean {
  let i = 0;
  let j = 0;
  let inA = false;
  let inB = false;
  const na = a.length;
  const nb = b.length;
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
    if (i < na && a[i] === x) {
      inA = !inA;
      i++;
    }
    if (j < nb && b[j] === x) {
      inB = !inB;
      j++;
    }
    if (apply(op, inA, inB)) return true;
  }
  return false;
}

// Number of boundaries <= x (binary search); x is inside the set iff the count is odd.
function rank<T extends number | bigint>(b: readonly T[], x: T): number {
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An immutable set of integers of type T as sorted, disjoint, non-adjacent inclusive intervals [lo, hi].
 * The empty set has no intervals. Operands of a binary operation must use the same Arith.
 */
export class IntervalSet<T extends number | bigint> {
  private constructor(
    /** Arithmetic for T. */
    readonly arith: Arith<T>,
    // Half-open boundaries, strictly increasing; never exposed, never mutated.
    private readonly b: readonly T[],
  ) {}

  /** The empty set. */
  static empty<T extends number | bigint>(arith: Arith<T>): IntervalSet<T> {
    return new IntervalSet(arith, []);
  }

  /** The inclusive interval [lo, hi]; empty when lo > hi. */
  static range<T extends number | bigint>(arith: Arith<T>, lo: T, hi: T): IntervalSet<T> {
    return lo > hi ? new IntervalSet(arith, []) : new IntervalSet(arith, [lo, arith.succ(hi)]);
  }

  /** Union of inclusive intervals [lo, hi] given in any order, possibly overlapping; pairs with lo > hi are ignored. */
  static fromIntervals<T extends number | bigint>(
    arith: Arith<T>,
    intervals: Iterable<readonly [T, T]>,
  ): IntervalSet<T> {
    const items: (readonly [T, T])[] = [];
    for (const iv of intervals) if (iv[0] <= iv[1]) items.push(iv);
    items.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const out: T[] = [];
    for (const [lo, hi] of items) {
      const end = arith.succ(hi);
      const n = out.length;
      // Sorted by lo, so an item either extends the last interval (overlapping or touching) or starts a new one.
      if (n > 0 && lo <= out[n - 1]) {
        if (end > out[n - 1]) out[n - 1] = end;
      } else {
        out.push(lo, end);
      }
    }
    return new IntervalSet(arith, out);
  }

  /** Points in this or o. */
  union(o: IntervalSet<T>): IntervalSet<T> {
    if (o.b.length === 0) return this;
    if (this.b.length === 0) return o;
    return new IntervalSet(this.arith, merge(this.b, o.b, OP_UNION));
  }

  /** Points in both this and o. */
  intersect(o: IntervalSet<T>): IntervalSet<T> {
    if (this.b.length === 0) return this;
    if (o.b.length === 0) return o;
    return new IntervalSet(this.arith, merge(this.b, o.b, OP_INTERSECT));
  }

  /** Points in this but not in o. */
  subtract(o: IntervalSet<T>): IntervalSet<T> {
    if (this.b.length === 0 || o.b.length === 0) return this;
    return new IntervalSet(this.arith, merge(this.b, o.b, OP_SUBTRACT));
  }

  /** Points in exactly one of this and o. */
  symmetricDifference(o: IntervalSet<T>): IntervalSet<T> {
    if (o.b.length === 0) return this;
    if (this.b.length === 0) return o;
    return new IntervalSet(this.arith, merge(this.b, o.b, OP_XOR));
  }

  /** Points of the inclusive domain [lo, hi] that are not in this (points of this outside the domain are dropped). */
  complement(lo: T, hi: T): IntervalSet<T> {
    return IntervalSet.range(this.arith, lo, hi).subtract(this);
  }

  /** True when x is in the set (binary search, O(log n)). */
  contains(x: T): boolean {
    return (rank(this.b, x) & 1) === 1;
  }

  /** True when every point of the inclusive interval [lo, hi] is in the set; true for an empty interval (lo > hi). */
  containsRange(lo: T, hi: T): boolean {
    if (lo > hi) return true;
    const r = rank(this.b, lo);
    return (r & 1) === 1 && hi < this.b[r];
  }

  /** True when this and o share at least one point. */
  overlaps(o: IntervalSet<T>): boolean {
    return mergeAny(this.b, o.b, OP_INTERSECT);
  }

  /** True when the set has no points. */
  isEmpty(): boolean {
    return this.b.length === 0;
  }

  /** True when this and o contain exactly the same points. */
  equals(o: IntervalSet<T>): boolean {
    if (this === o) return true;
    const a = this.b;
    const b = o.b;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** True when every point of this is in o (the empty set is a subset of everything). */
  isSubsetOf(o: IntervalSet<T>): boolean {
    return !mergeAny(this.b, o.b, OP_SUBTRACT);
  }

  /** Number of points in the set (zero when empty). */
  size(): T {
    const { arith, b } = this;
    let total = arith.zero;
    for (let i = 0; i < b.length; i += 2) total = arith.add(total, arith.sub(b[i + 1], b[i]));
    return total;
  }

  /** Number of maximal intervals (0 when empty). */
  intervalCount(): number {
    return this.b.length >>> 1;
  }

  /** Smallest point, or undefined when empty. */
  min(): T | undefined {
    return this.b.length === 0 ? undefined : this.b[0];
  }

  /** Largest point, or undefined when empty. */
  max(): T | undefined {
    return this.b.length === 0 ? undefined : this.arith.pred(this.b[this.b.length - 1]);
  }

  /** The maximal inclusive intervals [lo, hi] in increasing order (a fresh array). */
  intervals(): [T, T][] {
    const out: [T, T][] = [];
    for (const iv of this) out.push(iv);
    return out;
  }

  /** Iterates the maximal inclusive intervals [lo, hi] in increasing order. */
  *[Symbol.iterator](): IterableIterator<[T, T]> {
    const { arith, b } = this;
    for (let i = 0; i < b.length; i += 2) yield [b[i], arith.pred(b[i + 1])];
  }
}
