// Sets of L4 ports (1..65535) as interval sets.
import { IntervalSet, NUMBER_ARITH } from './interval-set.js';

/** Smallest L4 port a set can hold (port 0 is not a usable destination port). */
export const MIN_PORT = 1;
/** Largest L4 port (inclusive). */
export const MAX_PORT = 65535;

type Set1 = IntervalSet<number>;

function checkInteger(p: number, what: string): void {
  if (!Number.isInteger(p)) throw new RangeError(`PortSet: ${what} must be an integer, got ${String(p)}`);
}

/**
 * An immutable set of L4 ports within MIN_PORT..MAX_PORT (inclusive). Empty means no port; all() means every port.
 * Constructors clip to the domain; non-integer bounds are programming errors and throw RangeError.
 */
export class PortSet {
  private constructor(private readonly s: Set1) {}

  private static readonly EMPTY = new PortSet(IntervalSet.empty(NUMBER_ARITH));
  private static readonly ALL = new PortSet(IntervalSet.range(NUMBER_ARITH, MIN_PORT, MAX_PORT));

  private static make(s: Set1): PortSet {
    return s.isEmpty() ? PortSet.EMPTY : new PortSet(s);
  }

  /** The set with no ports. */
  static empty(): PortSet {
    return PortSet.EMPTY;
  }

  /** Every port 1..65535. */
  static all(): PortSet {
    return PortSet.ALL;
  }

  /** Just port p; empty when p is outside 1..65535. */
  static single(p: number): PortSet {
    return PortSet.range(p, p);
  }

  /** Ports lo..hi inclusive, clipped to 1..65535; empty when lo > hi. */
  static range(lo: number, hi: number): PortSet {
    checkInteger(lo, 'lo');
    checkInteger(hi, 'hi');
    if (lo <= MIN_PORT && hi >= MAX_PORT) return PortSet.ALL;
    return PortSet.make(
      IntervalSet.range(NUMBER_ARITH, lo < MIN_PORT ? MIN_PORT : lo, hi > MAX_PORT ? MAX_PORT : hi),
    );
  }

  /** Union of inclusive ranges [lo, hi] in any order (overlaps allowed), clipped to 1..65535. */
  static fromRanges(ranges: Iterable<readonly [number, number]>): PortSet {
    const items: [number, number][] = [];
    for (const [lo, hi] of ranges) {
      checkInteger(lo, 'lo');
      checkInteger(hi, 'hi');
      items.push([lo < MIN_PORT ? MIN_PORT : lo, hi > MAX_PORT ? MAX_PORT : hi]);
    }
    return PortSet.make(IntervalSet.fromIntervals(NUMBER_ARITH, items));
  }

  /** Ports in this or o. */
  union(o: PortSet): PortSet {
    return PortSet.make(this.s.union(o.s));
  }

  /** Ports in both this and o. */
  intersect(o: PortSet): PortSet {
    return PortSet.make(this.s.intersect(o.s));
  }

  /** Ports in this but not in o. */
  subtract(o: PortSet): PortSet {
    return PortSet.make(this.s.subtract(o.s));
  }

  /** Ports of 1..65535 not in this. */
  complement(): PortSet {
    return PortSet.make(this.s.complement(MIN_PORT, MAX_PORT));
  }

  /** True when port p is in the set (false for non-integers and ports outside 1..65535). */
  contains(p: number): boolean {
    return Number.isInteger(p) && this.s.contains(p);
  }

  /** True when the set has no port. */
  isEmpty(): boolean {
    return this.s.isEmpty();
  }

  /** True when the set holds every port 1..65535. */
  isAll(): boolean {
    return this.s.equals(PortSet.ALL.s);
  }

  /** True when this and o hold exactly the same ports. */
  equals(o: PortSet): boolean {
    return this.s.equals(o.s);
  }

  /** True when every port of this is in o (the empty set is a subset of everything). */
  isSubsetOf(o: PortSet): boolean {
    return this.s.isSubsetOf(o.s);
  }

  /** True when this and o share at least one port. */
  overlaps(o: PortSet): boolean {
    return this.s.overlaps(o.s);
  }

  /** Number of ports in the set (0..65535). */
  size(): number {
    return this.s.size();
  }

  /** Maximal inclusive ranges [lo, hi] in increasing order; a fresh array ([] when empty). */
  ranges(): [number, number][] {
    return this.s.intervals();
  }

  /** Ranges joined by ",", each "p" or "lo-hi": "80", "1-8079,8081-65535"; "" when empty. */
  toString(): string {
    let out = '';
    for (const [lo, hi] of this.s) {
      if (out !== '') out += ',';
      out += lo === hi ? `${lo}` : `${lo}-${hi}`;
    }
    return out;
  }
}
