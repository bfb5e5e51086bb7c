// Sets of IP addresses over both families, as interval sets; exact conversion back to a minimal CIDR list.
import { type Cidr, cidrFirst, cidrLast, formatCidr } from './cidr.js';
import { type Ip, type IpFamily, ipBits, ipMaxValue } from './ip.js';
import { BIGINT_ARITH, IntervalSet } from './interval-set.js';

type Set1 = IntervalSet<bigint>;

const EMPTY: Set1 = IntervalSet.empty(BIGINT_ARITH);
const ALL4: Set1 = IntervalSet.range(BIGINT_ARITH, 0n, ipMaxValue(4));
const ALL6: Set1 = IntervalSet.range(BIGINT_ARITH, 0n, ipMaxValue(6));

/** One maximal run of consecutive addresses of one family, inclusive bounds. */
export interface IpRange {
  /** Family of both bounds. */
  readonly family: IpFamily;
  /** First address of the run. */
  readonly lo: bigint;
  /** Last address of the run (inclusive). */
  readonly hi: bigint;
}

/**
 * The minimal list of CIDR blocks whose union is exactly the inclusive range [lo, hi] of `family`, in address
 * order (empty when lo > hi). Each block is the largest aligned block starting at the current address.
 */
export function rangeToCidrs(family: IpFamily, lo: bigint, hi: bigint): Cidr[] {
  const bits = ipBits(family);
  const out: Cidr[] = [];
  while (lo <= hi) {
    // Block size 2^k: limited by the alignment of lo (its lowest set bit) and by the remaining span.
    const align = lo === 0n ? bits : bitLength(lo & -lo) - 1;
    const fit = bitLength(hi - lo + 1n) - 1;
    const k = align < fit ? align : fit;
    out.push(Object.freeze({ family, base: lo, prefix: bits - k }));
    lo += 1n << BigInt(k);
  }
  return out;
}

// Number of bits needed to write x > 0 (floor(log2 x) + 1).
function bitLength(x: bigint): number {
  return x <= 0xffffffffn ? 32 - Math.clz32(Number(x)) : x.toString(2).length;
}

/**
 * An immutable set of IP addresses of both families. The empty set contains no address of either family;
 * operations treat the two families independently (IPv4 10.0.0.1 and IPv6 ::ffff:10.0.0.1 are different).
 */
export class IpSet {
  private constructor(
    private readonly v4: Set1,
    private readonly v6: Set1,
  ) {}

  private static readonly EMPTY_SET = new IpSet(EMPTY, EMPTY);
  private static readonly ALL_SET = new IpSet(ALL4, ALL6);
  private static readonly ALL4_SET = new IpSet(ALL4, EMPTY);
  private static readonly ALL6_SET = new IpSet(EMPTY, ALL6);

  private static make(v4: Set1, v6: Set1): IpSet {
    return v4.isEmpty() && v6.isEmpty() ? IpSet.EMPTY_SET : new IpSet(v4, v6);
  }

  /** The set with no addresses. */
  static empty(): IpSet {
    return IpSet.EMPTY_SET;
  }

  /** Every address of `family`, or of both families when family is omitted. */
  static all(family?: IpFamily): IpSet {
    return family === undefined ? IpSet.ALL_SET : family === 4 ? IpSet.ALL4_SET : IpSet.ALL6_SET;
  }

  /** The addresses of one CIDR block. */
  static fromCidr(c: Cidr): IpSet {
    const s = IntervalSet.range(BIGINT_ARITH, cidrFirst(c), cidrLast(c));
    return c.family === 4 ? new IpSet(s, EMPTY) : new IpSet(EMPTY, s);
  }

  /** Union of the given blocks (any order, overlaps allowed); empty for no blocks. O(n log n). */
  static fromCidrs(cs: Iterable<Cidr>): IpSet {
    const r4: [bigint, bigint][] = [];
    const r6: [bigint, bigint][] = [];
    for (const c of cs) (c.family === 4 ? r4 : r6).push([cidrFirst(c), cidrLast(c)]);
    return IpSet.make(IntervalSet.fromIntervals(BIGINT_ARITH, r4), IntervalSet.fromIntervals(BIGINT_ARITH, r6));
  }

  /** Union of inclusive address ranges (any order, overlaps allowed), each clipped to its family's space. */
  static fromRanges(ranges: Iterable<IpRange>): IpSet {
    const r4: [bigint, bigint][] = [];
    const r6: [bigint, bigint][] = [];
    for (const r of ranges) {
      const lo = r.lo < 0n ? 0n : r.lo;
      const max = ipMaxValue(r.family);
      const hi = r.hi > max ? max : r.hi;
      (r.family === 4 ? r4 : r6).push([lo, hi]);
    }
    return IpSet.make(IntervalSet.fromIntervals(BIGINT_ARITH, r4), IntervalSet.fromIntervals(BIGINT_ARITH, r6));
  }

  /** The inclusive range [lo, hi] of `family`, clipped to the family's space; empty when lo > hi. */
  static fromRange(family: IpFamily, lo: bigint, hi: bigint): IpSet {
    return IpSet.fromRanges([{ family, lo, hi }]);
  }

  /** The set holding just `ip`. */
  static fromIp(ip: Ip): IpSet {
    return IpSet.fromRange(ip.family, ip.value, ip.value);
  }

  /** Addresses in this or o. */
  union(o: IpSet): IpSet {
    return IpSet.make(this.v4.union(o.v4), this.v6.union(o.v6));
  }

  /** Addresses in both this and o. */
  intersect(o: IpSet): IpSet {
    return IpSet.make(this.v4.intersect(o.v4), this.v6.intersect(o.v6));
  }

  /** Addresses in this but not in o. */
  subtract(o: IpSet): IpSet {
    return IpSet.make(this.v4.subtract(o.v4), this.v6.subtract(o.v6));
  }

  /** Every address of either family that is not in this (complement within both full spaces). */
  complement(): IpSet {
    return IpSet.make(ALL4.subtract(this.v4), ALL6.subtract(this.v6));
  }

  /** The addresses of this that belong to `family` (the other family removed). */
  ofFamily(family: IpFamily): IpSet {
    return family === 4 ? IpSet.make(this.v4, EMPTY) : IpSet.make(EMPTY, this.v6);
  }

  /** True when `ip` is in the set. */
  contains(ip: Ip): boolean {
    return (ip.family === 4 ? this.v4 : this.v6).contains(ip.value);
  }

  /** True when every address of block `c` is in the set. */
  containsCidr(c: Cidr): boolean {
    return (c.family === 4 ? this.v4 : this.v6).containsRange(cidrFirst(c), cidrLast(c));
  }

  /** True when this and o share at least one address. */
  overlaps(o: IpSet): boolean {
    return this.v4.overlaps(o.v4) || this.v6.overlaps(o.v6);
  }

  /** True when the set has no address of either family. */
  isEmpty(): boolean {
    return this.v4.isEmpty() && this.v6.isEmpty();
  }

  /** True when this and o hold exactly the same addresses. */
  equals(o: IpSet): boolean {
    return this.v4.equals(o.v4) && this.v6.equals(o.v6);
  }

  /** True when every address of this is in o (the empty set is a subset of everything). */
  isSubsetOf(o: IpSet): boolean {
    return this.v4.isSubsetOf(o.v4) && this.v6.isSubsetOf(o.v6);
  }

  /** Number of addresses of `family` in the set (0 when none). */
  size(family: IpFamily): bigint {
    return (family === 4 ? this.v4 : this.v6).size();
  }

  /** Maximal runs of consecutive addresses, sorted: all IPv4 runs first, then IPv6; a fresh array. */
  ranges(): { family: IpFamily; lo: bigint; hi: bigint }[] {
    const out: { family: IpFamily; lo: bigint; hi: bigint }[] = [];
    for (const [lo, hi] of this.v4) out.push({ family: 4, lo, hi });
    for (const [lo, hi] of this.v6) out.push({ family: 6, lo, hi });
    return out;
  }

  /** The minimal list of CIDR blocks whose union is exactly this set, sorted (IPv4 first, then by address). */
  toCidrs(): Cidr[] {
    const out: Cidr[] = [];
    for (const [lo, hi] of this.v4) out.push(...rangeToCidrs(4, lo, hi));
    for (const [lo, hi] of this.v6) out.push(...rangeToCidrs(6, lo, hi));
    return out;
  }

  /** toCidrs() formatted and joined by ", " (e.g. "10.0.0.0/8, 192.168.1.0/24"); "" when empty. */
  toString(): string {
    return this.toCidrs().map(formatCidr).join(', ');
  }
}
