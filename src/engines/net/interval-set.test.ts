import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Arith, BIGINT_ARITH, IntervalSet, NUMBER_ARITH } from './interval-set.js';

type Iv = [number, number];

// Each table runs once over `number` and once over `bigint` values, since one implementation serves both.
const FLAVOURS: [string, Arith<number> | Arith<bigint>, (n: number) => number | bigint][] = [
  ['number', NUMBER_ARITH, (n) => n],
  ['bigint', BIGINT_ARITH, (n) => BigInt(n)],
];

function build<T extends number | bigint>(arith: Arith<T>, conv: (n: number) => T, ivs: Iv[]): IntervalSet<T> {
  return IntervalSet.fromIntervals(arith, ivs.map(([lo, hi]) => [conv(lo), conv(hi)] as [T, T]));
}

function asNumbers<T extends number | bigint>(s: IntervalSet<T>): Iv[] {
  return s.intervals().map(([lo, hi]) => [Number(lo), Number(hi)]);
}

describe('IntervalSet.fromIntervals normalises', () => {
  const cases: [string, Iv[], Iv[]][] = [
    ['empty input', [], []],
    ['reversed interval is ignored', [[5, 3]], []],
    ['single point', [[4, 4]], [[4, 4]]],
    ['unsorted input is sorted', [[10, 12], [1, 2]], [[1, 2], [10, 12]]],
    ['overlapping intervals merge', [[1, 5], [3, 8]], [[1, 8]]],
    ['adjacent intervals merge', [[1, 5], [6, 8]], [[1, 8]]],
    ['gap of one point stays', [[1, 5], [7, 8]], [[1, 5], [7, 8]]],
    ['contained interval disappears', [[1, 10], [3, 4]], [[1, 10]]],
    ['duplicates', [[2, 3], [2, 3], [2, 3]], [[2, 3]]],
    ['chain of touching points', [[3, 3], [1, 1], [2, 2]], [[1, 3]]],
    ['long interval swallows later ones', [[0, 100], [5, 6], [50, 60], [101, 101]], [[0, 101]]],
  ];
  for (const [flavour, arith, conv] of FLAVOURS) {
    for (const [why, input, want] of cases) {
      it(`${flavour}: ${why}`, () => assert.deepEqual(asNumbers(build(arith as Arith<number>, conv as (n: number) => number, input)), want));
    }
  }
});

describe('IntervalSet binary operations', () => {
  // a, b, a ∪ b, a ∩ b, a − b, a △ b
  const cases: [string, Iv[], Iv[], Iv[], Iv[], Iv[], Iv[]][] = [
    ['both empty', [], [], [], [], [], []],
    ['empty right', [[1, 3]], [], [[1, 3]], [], [[1, 3]], [[1, 3]]],
    ['empty left', [], [[1, 3]], [[1, 3]], [], [], [[1, 3]]],
    ['equal', [[1, 3]], [[1, 3]], [[1, 3]], [[1, 3]], [], []],
    ['disjoint', [[1, 3]], [[6, 9]], [[1, 3], [6, 9]], [], [[1, 3]], [[1, 3], [6, 9]]],
    ['touching', [[1, 3]], [[4, 9]], [[1, 9]], [], [[1, 3]], [[1, 9]]],
    ['overlapping', [[1, 5]], [[4, 9]], [[1, 9]], [[4, 5]], [[1, 3]], [[1, 3], [6, 9]]],
    ['nested', [[1, 9]], [[4, 5]], [[1, 9]], [[4, 5]], [[1, 3], [6, 9]], [[1, 3], [6, 9]]],
    ['shared left edge', [[1, 9]], [[1, 5]], [[1, 9]], [[1, 5]], [[6, 9]], [[6, 9]]],
    ['shared right edge', [[1, 9]], [[5, 9]], [[1, 9]], [[5, 9]], [[1, 4]], [[1, 4]]],
    ['single points', [[5, 5]], [[5, 5]], [[5, 5]], [[5, 5]], [], []],
    [
      'interleaved',
      [[0, 2], [6, 8], [12, 14]],
      [[2, 6], [10, 12]],
      [[0, 8], [10, 14]],
      [[2, 2], [6, 6], [12, 12]],
      [[0, 1], [7, 8], [13, 14]],
      [[0, 1], [3, 5], [7, 8], [10, 11], [13, 14]],
    ],
    ['right bridges a gap', [[0, 2], [4, 6]], [[3, 3]], [[0, 6]], [], [[0, 2], [4, 6]], [[0, 6]]],
  ];
  for (const [flavour, arith, conv] of FLAVOURS) {
    for (const [why, a, b, union, inter, diff, xor] of cases) {
      it(`${flavour}: ${why}`, () => {
        const A = build(arith as Arith<number>, conv as (n: number) => number, a);
        const B = build(arith as Arith<number>, conv as (n: number) => number, b);
        assert.deepEqual(asNumbers(A.union(B)), union, 'union');
        assert.deepEqual(asNumbers(A.intersect(B)), inter, 'intersect');
        assert.deepEqual(asNumbers(A.subtract(B)), diff, 'subtract');
        assert.deepEqual(asNumbers(A.symmetricDifference(B)), xor, 'symmetricDifference');
        assert.equal(A.overlaps(B), inter.length > 0, 'overlaps');
        assert.equal(A.isSubsetOf(B), diff.length === 0, 'isSubsetOf');
        assert.equal(A.equals(B), xor.length === 0, 'equals');
      });
    }
  }
});

describe('IntervalSet queries', () => {
  const set: Iv[] = [[2, 4], [8, 8], [10, 20]];
  // point, contained
  const points: [number, boolean][] = [
    [0, false],
    [1, false],
    [2, true],
    [3, true],
    [4, true],
    [5, false],
    [7, false],
    [8, true],
    [9, false],
    [10, true],
    [20, true],
    [21, false],
    [1000, false],
  ];
  // lo, hi, containsRange
  const ranges: [number, number, boolean][] = [
    [2, 4, true],
    [3, 3, true],
    [2, 5, false],
    [1, 4, false],
    [4, 8, false],
    [8, 8, true],
    [10, 20, true],
    [11, 19, true],
    [19, 21, false],
    [6, 5, true],
    [21, 30, false],
  ];
  for (const [flavour, arith, conv] of FLAVOURS) {
    const S = build(arith as Arith<number>, conv as (n: number) => number, set);
    const c = conv as (n: number) => number;
    it(`${flavour}: contains`, () => {
      for (const [p, want] of points) assert.equal(S.contains(c(p)), want, `contains(${p})`);
    });
    it(`${flavour}: containsRange`, () => {
      for (const [lo, hi, want] of ranges) assert.equal(S.containsRange(c(lo), c(hi)), want, `[${lo}, ${hi}]`);
    });
    it(`${flavour}: size, count, min, max, complement`, () => {
      assert.equal(S.size(), c(15));
      assert.equal(S.intervalCount(), 3);
      assert.equal(S.min(), c(2));
      assert.equal(S.max(), c(20));
      assert.deepEqual(asNumbers(S.complement(c(0), c(30))), [[0, 1], [5, 7], [9, 9], [21, 30]]);
      assert.deepEqual(asNumbers(S.complement(c(3), c(15))), [[5, 7], [9, 9]]);
      assert.deepEqual(asNumbers(S.complement(c(2), c(20)).complement(c(2), c(20))), set);
    });
    it(`${flavour}: empty set`, () => {
      const E = IntervalSet.empty(arith as Arith<number>);
      assert.ok(E.isEmpty(), 'E.isEmpty()');
      assert.equal(E.size(), c(0));
      assert.equal(E.min(), undefined);
      assert.equal(E.max(), undefined);
      assert.equal(E.contains(c(0)), false);
      assert.ok(E.isSubsetOf(S), 'E.isSubsetOf(S)');
      assert.ok(!S.isSubsetOf(E), '!S.isSubsetOf(E)');
      assert.deepEqual(E.intervals(), []);
      assert.ok(IntervalSet.range(arith as Arith<number>, c(5), c(4)).isEmpty(), 'IntervalSet.range(arith as Arith<number>, c(5), c(4)).isEmpty()');
    });
  }
});

// Property tests on a small domain where every point is enumerated (the reference is a boolean array).
const DOMAIN = 40;
const ivsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: DOMAIN - 1 }), fc.integer({ min: 0, max: DOMAIN - 1 })), {
  maxLength: 6,
});

function ref(ivs: Iv[]): boolean[] {
  const bits = new Array<boolean>(DOMAIN).fill(false);
  for (const [lo, hi] of ivs) for (let i = lo; i <= hi; i++) bits[i] = true;
  return bits;
}

function refIntervals(bits: boolean[]): Iv[] {
  const out: Iv[] = [];
  for (let i = 0; i < bits.length; i++) {
    if (!bits[i]) continue;
    let j = i;
    while (j + 1 < bits.length && bits[j + 1]) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

describe('IntervalSet properties against enumerated membership', () => {
  for (const [flavour, arith, conv] of FLAVOURS) {
    const mk = (ivs: Iv[]) => build(arith as Arith<number>, conv as (n: number) => number, ivs);
    it(`${flavour}: every operation matches pointwise boolean logic`, () => {
      fc.assert(
        fc.property(ivsArb, ivsArb, (a, b) => {
          const A = mk(a);
          const B = mk(b);
          const ra = ref(a);
          const rb = ref(b);
          const ops: [string, IntervalSet<number>, (x: boolean, y: boolean) => boolean][] = [
            ['union', A.union(B), (x, y) => x || y],
            ['intersect', A.intersect(B), (x, y) => x && y],
            ['subtract', A.subtract(B), (x, y) => x && !y],
            ['xor', A.symmetricDifference(B), (x, y) => x !== y],
          ];
          for (const [name, got, f] of ops) {
            const want = ra.map((x, i) => f(x, rb[i]));
            assert.deepEqual(asNumbers(got), refIntervals(want), name);
            for (let i = -1; i <= DOMAIN; i++) {
              assert.equal(got.contains((conv as (n: number) => number)(i)), want[i] ?? false, `${name} ${i}`);
            }
            assert.equal(Number(got.size()), want.filter(Boolean).length);
          }
          assert.equal(A.overlaps(B), ra.some((x, i) => x && rb[i]));
          assert.equal(A.isSubsetOf(B), ra.every((x, i) => !x || rb[i]));
          assert.equal(A.equals(B), ra.every((x, i) => x === rb[i]));
          const comp = A.complement((conv as (n: number) => number)(0), (conv as (n: number) => number)(DOMAIN - 1));
          assert.deepEqual(asNumbers(comp), refIntervals(ra.map((x) => !x)));
        }),
        { numRuns: 300 },
      );
    });
    it(`${flavour}: containsRange matches enumeration`, () => {
      fc.assert(
        fc.property(ivsArb, fc.integer({ min: 0, max: DOMAIN - 1 }), fc.integer({ min: 0, max: DOMAIN - 1 }), (a, lo, hi) => {
          const r = ref(a);
          let want = true;
          for (let i = lo; i <= hi; i++) want &&= r[i];
          const c = conv as (n: number) => number;
          assert.equal(mk(a).containsRange(c(lo), c(hi)), want);
        }),
        { numRuns: 300 },
      );
    });
  }
});
