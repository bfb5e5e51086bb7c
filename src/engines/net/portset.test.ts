import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_PORT, MIN_PORT, PortSet } from './portset.js';
import { criticalPorts, portRangesArb, refPortHas, refPortRanges } from './testing/arbitraries.js';

describe('PortSet.toString', () => {
  const cases: [string, PortSet, string][] = [
    ['empty', PortSet.empty(), ''],
    ['single', PortSet.single(80), '80'],
    ['range', PortSet.range(8080, 9090), '8080-9090'],
    ['all', PortSet.all(), '1-65535'],
    ['all but one', PortSet.single(8080).complement(), '1-8079,8081-65535'],
    ['two singles', PortSet.single(9090).union(PortSet.single(8080)), '8080,9090'],
    ['adjacent singles merge', PortSet.single(80).union(PortSet.single(81)), '80-81'],
    ['edges', PortSet.single(1).union(PortSet.single(65535)), '1,65535'],
    ['complement of edges', PortSet.single(1).union(PortSet.single(65535)).complement(), '2-65534'],
    ['mixed', PortSet.fromRanges([[5000, 6000], [80, 80], [443, 443]]), '80,443,5000-6000'],
  ];
  for (const [why, set, text] of cases) {
    it(`${why}: "${text}"`, () => assert.equal(set.toString(), text));
  }
});

describe('PortSet constructors clip to 1..65535', () => {
  const cases: [string, () => PortSet, [number, number][]][] = [
    ['single(0) is empty', () => PortSet.single(0), []],
    ['single(65536) is empty', () => PortSet.single(65536), []],
    ['single(-1) is empty', () => PortSet.single(-1), []],
    ['single(1)', () => PortSet.single(1), [[1, 1]]],
    ['single(65535)', () => PortSet.single(65535), [[65535, 65535]]],
    ['range(0, 10) starts at 1', () => PortSet.range(0, 10), [[1, 10]]],
    ['range(65530, 70000) ends at 65535', () => PortSet.range(65530, 70000), [[65530, 65535]]],
    ['range(-100, 100000) is all', () => PortSet.range(-100, 100000), [[1, 65535]]],
    ['range(10, 9) is empty', () => PortSet.range(10, 9), []],
    ['range(70000, 80000) is empty', () => PortSet.range(70000, 80000), []],
    ['fromRanges merges and clips', () => PortSet.fromRanges([[0, 5], [6, 9], [65535, 70000]]), [[1, 9], [65535, 65535]]],
    ['fromRanges of nothing', () => PortSet.fromRanges([]), []],
  ];
  for (const [why, make, ranges] of cases) {
    it(why, () => assert.deepEqual(make().ranges(), ranges));
  }
  const bad: [string, () => PortSet][] = [
    ['single(NaN)', () => PortSet.single(Number.NaN)],
    ['single(80.5)', () => PortSet.single(80.5)],
    ['range(1, Infinity)', () => PortSet.range(1, Number.POSITIVE_INFINITY)],
    ['fromRanges with a fraction', () => PortSet.fromRanges([[1, 2.5]])],
  ];
  for (const [why, make] of bad) {
    it(`${why} throws RangeError (a programming error)`, () => assert.throws(make, RangeError));
  }
});

describe('PortSet queries', () => {
  const set = PortSet.fromRanges([[53, 53], [80, 81], [8000, 9000]]);
  const contains: [number, boolean][] = [
    [0, false],
    [1, false],
    [52, false],
    [53, true],
    [54, false],
    [80, true],
    [81, true],
    [82, false],
    [8000, true],
    [9000, true],
    [9001, false],
    [65535, false],
    [65536, false],
    [80.5, false],
    [Number.NaN, false],
  ];
  for (const [p, want] of contains) {
    it(`contains(${p}): ${want}`, () => assert.equal(set.contains(p), want));
  }
  it('constants', () => {
    assert.equal(MIN_PORT, 1);
    assert.equal(MAX_PORT, 65535);
  });
  it('isEmpty, isAll, size', () => {
    assert.ok(PortSet.empty().isEmpty(), 'PortSet.empty().isEmpty()');
    assert.ok(!PortSet.empty().isAll(), '!PortSet.empty().isAll()');
    assert.ok(PortSet.all().isAll(), 'PortSet.all().isAll()');
    assert.ok(PortSet.range(1, 65535).isAll(), 'PortSet.range(1, 65535).isAll()');
    assert.ok(PortSet.range(1, 100).union(PortSet.range(101, 65535)).isAll(), 'PortSet.range(1, 100).union(PortSet.range(101, 65535)).isAll()');
    assert.ok(!PortSet.range(2, 65535).isAll(), '!PortSet.range(2, 65535).isAll()');
    assert.equal(PortSet.all().size(), 65535);
    assert.equal(set.size(), 1 + 2 + 1001);
  });
  it('equals, isSubsetOf, overlaps', () => {
    assert.ok(PortSet.range(80, 81).equals(PortSet.single(80).union(PortSet.single(81))), 'PortSet.range(80, 81).equals(PortSet.single(80).union(PortSet.singl...');
    assert.ok(PortSet.single(80).isSubsetOf(set), 'PortSet.single(80).isSubsetOf(set)');
    assert.ok(!PortSet.range(80, 82).isSubsetOf(set), '!PortSet.range(80, 82).isSubsetOf(set)');
    assert.ok(PortSet.empty().isSubsetOf(PortSet.empty()), 'PortSet.empty().isSubsetOf(PortSet.empty())');
    assert.ok(set.overlaps(PortSet.range(9000, 9999)), 'set.overlaps(PortSet.range(9000, 9999))');
    assert.ok(!set.overlaps(PortSet.range(9001, 9999)), '!set.overlaps(PortSet.range(9001, 9999))');
    assert.ok(PortSet.all().complement().isEmpty(), 'PortSet.all().complement().isEmpty()');
    assert.ok(PortSet.empty().complement().isAll(), 'PortSet.empty().complement().isAll()');
  });
  it('ranges() returns a fresh array each time', () => {
    const r = set.ranges();
    r[0][0] = 1;
    r.pop();
    assert.deepEqual(set.ranges(), [[53, 53], [80, 81], [8000, 9000]]);
  });
});

describe('PortSet properties against brute-force membership', () => {
  it('operations match the reference at every point where membership can change', () => {
    fc.assert(
      fc.property(portRangesArb, portRangesArb, (a, b) => {
        const A = PortSet.fromRanges(a);
        const B = PortSet.fromRanges(b);
        const ha = (p: number) => refPortHas(a, p);
        const hb = (p: number) => refPortHas(b, p);
        const inDomain = (p: number) => p >= 1 && p <= 65535;
        const crit = criticalPorts(a, b);
        const ops: [string, PortSet, (p: number) => boolean][] = [
          ['A', A, ha],
          ['A ∪ B', A.union(B), (p) => ha(p) || hb(p)],
          ['A ∩ B', A.intersect(B), (p) => ha(p) && hb(p)],
          ['A − B', A.subtract(B), (p) => ha(p) && !hb(p)],
          ['¬A', A.complement(), (p) => inDomain(p) && !ha(p)],
        ];
        for (const [name, got, has] of ops) {
          for (const p of crit) assert.equal(got.contains(p), has(p), `${name} contains ${p}`);
          const want = refPortRanges(has, crit);
          assert.deepEqual(got.ranges(), want, `${name} ranges`);
          assert.equal(got.toString(), want.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(','));
          assert.equal(got.size(), want.reduce((n, [lo, hi]) => n + hi - lo + 1, 0));
          assert.equal(got.isEmpty(), want.length === 0);
          assert.equal(got.isAll(), want.length === 1 && want[0][0] === 1 && want[0][1] === 65535);
        }
        const both = crit.some((p) => ha(p) && hb(p));
        assert.equal(A.overlaps(B), both);
        assert.equal(A.isSubsetOf(B), !crit.some((p) => ha(p) && !hb(p)));
        assert.equal(A.equals(B), !crit.some((p) => ha(p) !== hb(p)));
      }),
      { numRuns: 500 },
    );
  });

  const setArb = portRangesArb.map((r) => PortSet.fromRanges(r));
  it('algebraic laws', () => {
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        assert.ok(a.union(b).equals(b.union(a)), 'a.union(b).equals(b.union(a))');
        assert.ok(a.intersect(b).equals(b.intersect(a)), 'a.intersect(b).equals(b.intersect(a))');
        assert.ok(a.union(b.union(c)).equals(a.union(b).union(c)), 'a.union(b.union(c)).equals(a.union(b).union(c))');
        assert.ok(a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c))), 'a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))');
        assert.ok(a.union(b).complement().equals(a.complement().intersect(b.complement())), 'a.union(b).complement().equals(a.complement().intersect(b.complemen...');
        assert.ok(a.subtract(b).equals(a.intersect(b.complement())), 'a.subtract(b).equals(a.intersect(b.complement()))');
        assert.ok(a.complement().complement().equals(a), 'a.complement().complement().equals(a)');
        assert.equal(a.isSubsetOf(b), a.union(b).equals(b));
        assert.equal(a.equals(b), a.toString() === b.toString());
        assert.ok(PortSet.fromRanges(a.ranges()).equals(a), 'PortSet.fromRanges(a.ranges()).equals(a)');
      }),
      { numRuns: 300 },
    );
  });
});
