// Test-only fast-check arbitraries and deliberately simple reference models for the net algebra.
// Note for test authors: always pass a message to assert.ok in these .ts tests. Without one, Node 20 re-reads
// the TypeScript source to build the message, and on some files that never returns (seen during shrinking).
import fc from 'fast-check';
import type { IpFamily } from '../ip.js';

/** Largest address value per family (restated here so the reference does not depend on the code under test). */
export const MAX_VALUE: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** A family. */
export const familyArb: fc.Arbitrary<IpFamily> = fc.constantFrom<IpFamily>(4, 6);

/** Address values of `family`, biased towards 0, the top of the space and (for IPv6) the 2^32 boundary. */
export function valueArb(family: IpFamily): fc.Arbitrary<bigint> {
  const max = MAX_VALUE[family];
  const parts = [
    fc.bigInt({ min: 0n, max: 300n }),
    fc.bigInt({ min: max - 300n, max }),
    fc.bigInt({ min: 0n, max }),
  ];
  if (family === 6) parts.push(fc.bigInt({ min: (1n << 32n) - 300n, max: (1n << 32n) + 300n }));
  // IPv4-mapped range ::ffff:0:0/96 is formatted specially.
  if (family === 6) parts.push(fc.bigInt({ min: 0xffffn << 32n, max: (0xffffn << 32n) + MAX_VALUE[4] }));
  return fc.oneof(...parts);
}

/** An address of either family. */
export const ipValueArb: fc.Arbitrary<{ family: IpFamily; value: bigint }> = familyArb.chain((family) =>
  valueArb(family).map((value) => ({ family, value })),
);

/** Width of the reference window: sets in window scenarios live entirely inside [base, base + WINDOW - 1]. */
export const WINDOW = 64;

/** Where the IPv4 and IPv6 windows of one scenario start: near 0, near the top, or anywhere. */
export interface Windows {
  readonly 4: bigint;
  readonly 6: bigint;
}

function windowBaseArb(family: IpFamily): fc.Arbitrary<bigint> {
  const max = MAX_VALUE[family];
  const W = BigInt(WINDOW);
  const parts = [
    fc.constant(0n),
    fc.constant(max - W + 1n),
    fc.bigInt({ min: 0n, max: 40n }),
    fc.bigInt({ min: max - W - 40n, max: max - W + 1n }),
    fc.bigInt({ min: 0n, max: max - W + 1n }),
  ];
  if (family === 6) parts.push(fc.constant((1n << 32n) - W / 2n));
  return fc.oneof(...parts);
}

/** A pair of window bases. */
export const windowsArb: fc.Arbitrary<Windows> = fc.record({ 4: windowBaseArb(4), 6: windowBaseArb(6) });

/** A reference set: explicit membership of each window offset, per family. */
export interface RefSet {
  readonly 4: readonly boolean[];
  readonly 6: readonly boolean[];
}

/** A list of (family, lo offset, hi offset) ranges inside the window, in arbitrary order, possibly overlapping. */
export type WindowRanges = { family: IpFamily; lo: number; hi: number }[];

/** Random window ranges (lo may exceed hi, which must mean "nothing"). */
export const windowRangesArb: fc.Arbitrary<WindowRanges> = fc.array(
  fc.record({
    family: familyArb,
    lo: fc.integer({ min: 0, max: WINDOW - 1 }),
    hi: fc.integer({ min: 0, max: WINDOW - 1 }),
  }),
  { maxLength: 8 },
);

/** Enumerates the members of window ranges into a reference set (the deliberately naive model). */
export function refOf(ranges: WindowRanges): RefSet {
  const r: { 4: boolean[]; 6: boolean[] } = { 4: new Array(WINDOW).fill(false), 6: new Array(WINDOW).fill(false) };
  for (const { family, lo, hi } of ranges) for (let i = lo; i <= hi; i++) r[family][i] = true;
  return r;
}

/** Pointwise combination of reference sets. */
export function refZip(a: RefSet, b: RefSet, f: (x: boolean, y: boolean) => boolean): RefSet {
  return { 4: a[4].map((x, i) => f(x, b[4][i])), 6: a[6].map((x, i) => f(x, b[6][i])) };
}

/** Maximal runs of `true` in a boolean array, as inclusive [lo, hi] offsets. */
export function runs(bits: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < bits.length; i++) {
    if (!bits[i]) continue;
    let j = i;
    while (j + 1 < bits.length && bits[j + 1]) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/**
 * The minimal exact CIDR cover of a window reference set by brute force: for every member, the largest aligned
 * block around it whose addresses are all members (such maximal blocks are unique and partition the set).
 */
export function refCidrs(family: IpFamily, base: bigint, bits: readonly boolean[]): { base: bigint; prefix: number }[] {
  const famBits = family === 4 ? 32 : 128;
  const member = (v: bigint) => v >= base && v < base + BigInt(WINDOW) && bits[Number(v - base)];
  const seen = new Map<string, { base: bigint; prefix: number }>();
  for (let i = 0; i < WINDOW; i++) {
    if (!bits[i]) continue;
    const a = base + BigInt(i);
    let best = { base: a, prefix: famBits };
    // A block larger than the window cannot lie inside it.
    for (let k = 1; k <= famBits && 1 << k <= WINDOW; k++) {
      const size = 1n << BigInt(k);
      const start = a - (a % size);
      let all = true;
      for (let v = start; v < start + size; v++) {
        if (!member(v)) {
          all = false;
          break;
        }
      }
      if (!all) break;
      best = { base: start, prefix: famBits - k };
    }
    seen.set(`${best.base}/${best.prefix}`, best);
  }
  return [...seen.values()].sort((x, y) => (x.base < y.base ? -1 : x.base > y.base ? 1 : 0));
}

/** Port bounds biased to the edges of 1..65535, including out-of-domain values that constructors must clip. */
export const portBoundArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 65515, max: 65536 }),
  fc.integer({ min: 0, max: 65536 }),
  fc.constantFrom(-5, 0, 1, 65535, 65536, 70000),
);

/** Unnormalised port ranges (any order, overlapping, possibly lo > hi or outside 1..65535). */
export const portRangesArb: fc.Arbitrary<[number, number][]> = fc.array(fc.tuple(portBoundArb, portBoundArb), {
  maxLength: 6,
});

/** Reference port membership by brute force over the raw ranges, clipped to 1..65535. */
export function refPortHas(ranges: readonly (readonly [number, number])[], p: number): boolean {
  return p >= 1 && p <= 65535 && ranges.some(([lo, hi]) => lo <= p && p <= hi);
}

/** Every point where membership of any of the given range lists could change, plus the domain edges. */
export function criticalPorts(...lists: (readonly (readonly [number, number])[])[]): number[] {
  const pts = new Set<number>([-1, 0, 1, 2, 65534, 65535, 65536]);
  for (const list of lists) for (const [lo, hi] of list) for (const p of [lo - 1, lo, hi, hi + 1]) pts.add(p);
  return [...pts].sort((a, b) => a - b);
}

/**
 * The normalised ranges of a membership predicate, computed piecewise: membership is constant between
 * consecutive critical points, so one probe per piece decides it.
 */
export function refPortRanges(has: (p: number) => boolean, critical: readonly number[]): [number, number][] {
  const cuts = [...new Set([1, 65536, ...critical.filter((p) => p >= 1 && p <= 65536)])].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i];
    const hi = cuts[i + 1] - 1;
    if (!has(lo)) continue;
    const last = out[out.length - 1];
    if (last && last[1] + 1 === lo) last[1] = hi;
    else out.push([lo, hi]);
  }
  return out;
}
