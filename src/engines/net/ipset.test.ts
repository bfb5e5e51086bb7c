import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Cidr, cidrFirst, cidrLast, formatCidr, parseCidr } from './cidr.js';
import { type IpFamily, parseIp } from './ip.js';
import { IpSet, rangeToCidrs } from './ipset.js';
import {
  MAX_VALUE,
  type RefSet,
  WINDOW,
  type WindowRanges,
  type Windows,
  familyArb,
  refCidrs,
  refOf,
  refZip,
  runs,
  valueArb,
  windowRangesArb,
  windowsArb,
} from './testing/arbitraries.js';

function C(text: string): Cidr {
  const p = parseCidr(text);
  assert.ok(p, `test table error: ${text}`);
  return p.cidr;
}
const S = (...cidrs: string[]) => IpSet.fromCidrs(cidrs.map(C));
const ip = (text: string) => parseIp(text)!;

describe('IpSet.toString / toCidrs', () => {
  const cases: [string, IpSet, string][] = [
    ['empty', IpSet.empty(), ''],
    ['all IPv4', IpSet.all(4), '0.0.0.0/0'],
    ['all IPv6', IpSet.all(6), '::/0'],
    ['both families', IpSet.all(), '0.0.0.0/0, ::/0'],
    ['example from the API', S('192.168.1.0/24', '10.0.0.0/8'), '10.0.0.0/8, 192.168.1.0/24'],
    ['adjacent halves merge', S('10.0.0.0/25', '10.0.0.128/25'), '10.0.0.0/24'],
    ['adjacent but unaligned halves do not merge', S('10.0.1.0/24', '10.0.2.0/24'), '10.0.1.0/24, 10.0.2.0/24'],
    ['nested collapses', S('10.0.0.0/8', '10.1.0.0/16'), '10.0.0.0/8'],
    ['v6 sorts after v4', S('fd00::/8', '10.0.0.0/8'), '10.0.0.0/8, fd00::/8'],
    ['range 10.0.0.1-10.0.0.6', IpSet.fromRange(4, 0x0a000001n, 0x0a000006n), '10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32'],
    ['top of IPv4', IpSet.fromRange(4, 0xfffffffen, 0xffffffffn), '255.255.255.254/31'],
    ['top of IPv6', IpSet.fromRange(6, MAX_VALUE[6] - 2n, MAX_VALUE[6]), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd/128, ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127'],
    ['range clipped to the family', IpSet.fromRange(4, -5n, 1n << 40n), '0.0.0.0/0'],
    ['reversed range is empty', IpSet.fromRange(4, 10n, 9n), ''],
    ['single address', IpSet.fromIp(ip('10.1.2.3')), '10.1.2.3/32'],
    ['single IPv6 address', IpSet.fromIp(ip('::1')), '::1/128'],
    ['all IPv4 except one address', IpSet.all(4).subtract(IpSet.fromIp(ip('128.0.0.0'))), '0.0.0.0/1, 128.0.0.1/32, 128.0.0.2/31, 128.0.0.4/30, 128.0.0.8/29, 128.0.0.16/28, 128.0.0.32/27, 128.0.0.64/26, 128.0.0.128/25, 128.0.1.0/24, 128.0.2.0/23, 128.0.4.0/22, 128.0.8.0/21, 128.0.16.0/20, 128.0.32.0/19, 128.0.64.0/18, 128.0.128.0/17, 128.1.0.0/16, 128.2.0.0/15, 128.4.0.0/14, 128.8.0.0/13, 128.16.0.0/12, 128.32.0.0/11, 128.64.0.0/10, 128.128.0.0/9, 129.0.0.0/8, 130.0.0.0/7, 132.0.0.0/6, 136.0.0.0/5, 144.0.0.0/4, 160.0.0.0/3, 192.0.0.0/2'],
    ['RFC 1918 complement within 10/8 except 10.1/16', S('10.0.0.0/8').subtract(S('10.1.0.0/16')), '10.0.0.0/16, 10.2.0.0/15, 10.4.0.0/14, 10.8.0.0/13, 10.16.0.0/12, 10.32.0.0/11, 10.64.0.0/10, 10.128.0.0/9'],
    ['complement of IPv4 everything is all of IPv6', IpSet.all(4).complement(), '::/0'],
  ];
  for (const [why, set, text] of cases) {
    it(`${why}: "${text.length > 60 ? text.slice(0, 60) + '…' : text}"`, () => {
      assert.equal(set.toString(), text);
      assert.deepEqual(set.toCidrs().map(formatCidr), text === '' ? [] : text.split(', '));
    });
  }
});

describe('rangeToCidrs', () => {
  const cases: [IpFamily, bigint, bigint, string[]][] = [
    [4, 0n, MAX_VALUE[4], ['0.0.0.0/0']],
    [4, 1n, 0n, []],
    [4, 0n, 0n, ['0.0.0.0/32']],
    [4, 0x0a000001n, 0x0a000006n, ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']],
    [4, 0x0a0000ffn, 0x0a000100n, ['10.0.0.255/32', '10.0.1.0/32']],
    [6, 0n, MAX_VALUE[6], ['::/0']],
    [6, 1n, 2n, ['::1/128', '::2/128']],
    [6, 4n, 7n, ['::4/126']],
    [6, 0n, (1n << 127n) - 1n, ['::/1']],
  ];
  for (const [family, lo, hi, want] of cases) {
    it(`IPv${family} [${lo}, ${hi}]`, () => assert.deepEqual(rangeToCidrs(family, lo, hi).map(formatCidr), want));
  }
  it('1 .. 2^32-2 needs one block per size on each side (31 + 31)', () => {
    const got = rangeToCidrs(4, 1n, MAX_VALUE[4] - 1n);
    assert.equal(got.length, 62);
    assert.equal(formatCidr(got[0]), '0.0.0.1/32');
    assert.equal(formatCidr(got[61]), '255.255.255.254/32');
  });
  it('1 .. 2^128-2 needs 127 + 127 blocks', () => {
    assert.equal(rangeToCidrs(6, 1n, MAX_VALUE[6] - 1n).length, 254);
  });
});

describe('IpSet queries', () => {
  const set = S('10.0.0.0/8', '192.168.1.0/24', 'fd00::/64');
  const contains: [string, boolean][] = [
    ['10.0.0.0', true],
    ['10.255.255.255', true],
    ['11.0.0.0', false],
    ['9.255.255.255', false],
    ['192.168.1.7', true],
    ['192.168.2.0', false],
    ['fd00::1', true],
    ['fd00:0:0:1::', false],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
  ];
  for (const [text, want] of contains) {
    it(`contains ${text}: ${want}`, () => assert.equal(set.contains(ip(text)), want));
  }
  const containsCidr: [string, boolean][] = [
    ['10.0.0.0/8', true],
    ['10.1.0.0/16', true],
    ['10.0.0.0/7', false],
    ['192.168.0.0/16', false],
    ['192.168.1.128/25', true],
    ['fd00::/48', false],
    ['fd00::/65', true],
    ['0.0.0.0/0', false],
  ];
  for (const [text, want] of containsCidr) {
    it(`containsCidr ${text}: ${want}`, () => assert.equal(set.containsCidr(C(text)), want));
  }
  it('size per family', () => {
    assert.equal(set.size(4), (1n << 24n) + 256n);
    assert.equal(set.size(6), 1n << 64n);
    assert.equal(IpSet.all().size(6), 1n << 128n);
    assert.equal(IpSet.empty().size(4), 0n);
  });
  it('ranges are sorted, IPv4 first', () => {
    assert.deepEqual(set.ranges(), [
      { family: 4, lo: 0x0a000000n, hi: 0x0affffffn },
      { family: 4, lo: 0xc0a80100n, hi: 0xc0a801ffn },
      { family: 6, lo: 0xfd00n << 112n, hi: (0xfd00n << 112n) + (1n << 64n) - 1n },
    ]);
  });
  it('overlaps, isSubsetOf, equals', () => {
    assert.ok(set.overlaps(S('10.9.9.9/32')), "set.overlaps(S('10.9.9.9/32'))");
    assert.ok(!set.overlaps(S('11.0.0.0/8', 'fd01::/16')), "!set.overlaps(S('11.0.0.0/8', 'fd01::/16'))");
    assert.ok(!set.overlaps(IpSet.empty()), '!set.overlaps(IpSet.empty())');
    assert.ok(S('10.1.0.0/16').isSubsetOf(set), "S('10.1.0.0/16').isSubsetOf(set)");
    assert.ok(!S('10.1.0.0/16', '::/0').isSubsetOf(set), "!S('10.1.0.0/16', '::/0').isSubsetOf(set)");
    assert.ok(IpSet.empty().isSubsetOf(IpSet.empty()), 'IpSet.empty().isSubsetOf(IpSet.empty())');
    assert.ok(S('10.0.0.0/9', '10.128.0.0/9').equals(S('10.0.0.0/8')), "S('10.0.0.0/9', '10.128.0.0/9').equals(S('10.0.0.0/8'))");
    assert.ok(!S('0.0.0.0/0').equals(S('::/0')), "!S('0.0.0.0/0').equals(S('::/0'))");
    assert.ok(IpSet.all().equals(IpSet.all(4).union(IpSet.all(6))), 'IpSet.all().equals(IpSet.all(4).union(IpSet.all(6)))');
  });
  it('families are independent', () => {
    assert.ok(IpSet.all(4).intersect(IpSet.all(6)).isEmpty(), 'IpSet.all(4).intersect(IpSet.all(6)).isEmpty()');
    assert.ok(!IpSet.all(6).contains(ip('1.2.3.4')), "!IpSet.all(6).contains(ip('1.2.3.4'))");
    assert.ok(IpSet.empty().complement().equals(IpSet.all()), 'IpSet.empty().complement().equals(IpSet.all())');
    assert.ok(IpSet.all().complement().isEmpty(), 'IpSet.all().complement().isEmpty()');
  });
});

// ---- property tests against the enumerated-window reference ----

interface Scenario {
  w: Windows;
  a: WindowRanges;
  b: WindowRanges;
  c: WindowRanges;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  w: windowsArb,
  a: windowRangesArb,
  b: windowRangesArb,
  c: windowRangesArb,
});

function toSet(w: Windows, rs: WindowRanges): IpSet {
  return IpSet.fromRanges(rs.map((r) => ({ family: r.family, lo: w[r.family] + BigInt(r.lo), hi: w[r.family] + BigInt(r.hi) })));
}

// Asserts that `set` holds exactly the members of `ref` (and nothing outside the windows).
function assertMatches(set: IpSet, w: Windows, ref: RefSet, what: string): void {
  for (const family of [4, 6] as const) {
    const base = w[family];
    const bits = ref[family];
    for (let i = 0; i < WINDOW; i++) {
      assert.equal(set.contains({ family, value: base + BigInt(i) }), bits[i], `${what}: IPv${family} offset ${i}`);
    }
    if (base > 0n) assert.equal(set.contains({ family, value: base - 1n }), false, `${what}: below window`);
    const above = base + BigInt(WINDOW);
    if (above <= MAX_VALUE[family]) assert.equal(set.contains({ family, value: above }), false, `${what}: above window`);
    assert.equal(set.size(family), BigInt(bits.filter(Boolean).length), `${what}: size`);
    const wantRanges = runs(bits).map(([lo, hi]) => ({ family, lo: base + BigInt(lo), hi: base + BigInt(hi) }));
    assert.deepEqual(
      set.ranges().filter((r) => r.family === family),
      wantRanges,
      `${what}: ranges`,
    );
    assert.deepEqual(
      set.toCidrs().filter((c) => c.family === family).map((c) => ({ base: c.base, prefix: c.prefix })),
      refCidrs(family, base, bits),
      `${what}: minimal CIDR cover`,
    );
  }
  assert.equal(set.isEmpty(), !ref[4].some(Boolean) && !ref[6].some(Boolean), `${what}: isEmpty`);
}

describe('IpSet properties against an enumerated window', () => {
  it('construction, union, intersect, subtract match pointwise logic; toCidrs is the minimal cover', () => {
    fc.assert(
      fc.property(scenarioArb, ({ w, a, b }) => {
        const A = toSet(w, a);
        const B = toSet(w, b);
        const ra = refOf(a);
        const rb = refOf(b);
        assertMatches(A, w, ra, 'A');
        assertMatches(A.union(B), w, refZip(ra, rb, (x, y) => x || y), 'A ∪ B');
        assertMatches(A.intersect(B), w, refZip(ra, rb, (x, y) => x && y), 'A ∩ B');
        assertMatches(A.subtract(B), w, refZip(ra, rb, (x, y) => x && !y), 'A − B');
        const anyBoth = refZip(ra, rb, (x, y) => x && y);
        assert.equal(A.overlaps(B), anyBoth[4].some(Boolean) || anyBoth[6].some(Boolean), 'overlaps');
        const aNotB = refZip(ra, rb, (x, y) => x && !y);
        assert.equal(A.isSubsetOf(B), !aNotB[4].some(Boolean) && !aNotB[6].some(Boolean), 'isSubsetOf');
        const same = refZip(ra, rb, (x, y) => x === y);
        assert.equal(A.equals(B), same[4].every(Boolean) && same[6].every(Boolean), 'equals');
      }),
      { numRuns: 150 },
    );
  });

  it('complement contains exactly the non-members, in both full spaces', () => {
    fc.assert(
      fc.property(scenarioArb, ({ w, a }) => {
        const A = toSet(w, a);
        const ra = refOf(a);
        const N = A.complement();
        for (const family of [4, 6] as const) {
          for (let i = 0; i < WINDOW; i++) {
            assert.equal(N.contains({ family, value: w[family] + BigInt(i) }), !ra[family][i]);
          }
          if (w[family] > 0n) assert.ok(N.contains({ family, value: w[family] - 1n }), 'N.contains({ family, value: w[family] - 1n })');
          assert.ok(N.contains({ family, value: 0n }) === !(w[family] === 0n && ra[family][0]), 'N.contains({ family, value: 0n }) === !(w[family] === 0n && ra[fami...');
          const members = BigInt(ra[family].filter(Boolean).length);
          assert.equal(N.size(family), MAX_VALUE[family] + 1n - members);
        }
        assert.ok(N.complement().equals(A), 'N.complement().equals(A)');
        assert.ok(N.intersect(A).isEmpty(), 'N.intersect(A).isEmpty()');
        assert.ok(N.union(A).equals(IpSet.all()), 'N.union(A).equals(IpSet.all())');
        assert.ok(IpSet.fromCidrs(N.toCidrs()).equals(N), 'toCidrs round-trip of the complement');
      }),
      { numRuns: 150 },
    );
  });

  it('containsCidr agrees with enumeration for every block inside the window', () => {
    fc.assert(
      fc.property(scenarioArb, familyArb, fc.nat(WINDOW - 1), fc.nat(6), ({ w, a }, family, off, k) => {
        const A = toSet(w, a);
        const ra = refOf(a);
        const size = 1n << BigInt(k);
        const v = w[family] + BigInt(off);
        const start = v - (v % size);
        const bits = family === 4 ? 32 : 128;
        const cidr: Cidr = { family, base: start, prefix: bits - k };
        let want = true;
        for (let x = start; x < start + size; x++) {
          const i = x - w[family];
          want &&= i >= 0n && i < BigInt(WINDOW) && ra[family][Number(i)];
        }
        assert.equal(A.containsCidr(cidr), want);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- algebraic laws on unconstrained sets (ranges anywhere, biased to the extremes) ----

const rangeArb = familyArb.chain((family) =>
  fc.tuple(valueArb(family), valueArb(family)).map(([x, y]) => ({ family, lo: x < y ? x : y, hi: x < y ? y : x })),
);
const setArb: fc.Arbitrary<IpSet> = fc.oneof(
  fc.array(rangeArb, { maxLength: 5 }).map((rs) => IpSet.fromRanges(rs)),
  fc.constantFrom(IpSet.empty(), IpSet.all(), IpSet.all(4), IpSet.all(6)),
);

describe('IpSet algebraic laws', () => {
  it('commutativity, associativity, distributivity, De Morgan', () => {
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        assert.ok(a.union(b).equals(b.union(a)), 'a.union(b).equals(b.union(a))');
        assert.ok(a.intersect(b).equals(b.intersect(a)), 'a.intersect(b).equals(b.intersect(a))');
        assert.ok(a.union(b).union(c).equals(a.union(b.union(c))), 'a.union(b).union(c).equals(a.union(b.union(c)))');
        assert.ok(a.intersect(b).intersect(c).equals(a.intersect(b.intersect(c))), 'a.intersect(b).intersect(c).equals(a.intersect(b.intersect(c)))');
        assert.ok(a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c))), 'a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))');
        assert.ok(a.union(b.intersect(c)).equals(a.union(b).intersect(a.union(c))), 'a.union(b.intersect(c)).equals(a.union(b).intersect(a.union(c)))');
        assert.ok(a.union(b).complement().equals(a.complement().intersect(b.complement())), 'a.union(b).complement().equals(a.complement().intersect(b.complemen...');
        assert.ok(a.intersect(b).complement().equals(a.complement().union(b.complement())), 'a.intersect(b).complement().equals(a.complement().union(b.complemen...');
      }),
      { numRuns: 200 },
    );
  });

  it('subtract, subset, overlap and equality are consistent', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        assert.ok(a.subtract(b).equals(a.intersect(b.complement())), 'a.subtract(b).equals(a.intersect(b.complement()))');
        assert.equal(a.isSubsetOf(b), a.union(b).equals(b));
        assert.equal(a.isSubsetOf(b), a.intersect(b).equals(a));
        assert.equal(a.overlaps(b), !a.intersect(b).isEmpty());
        assert.equal(a.equals(b), a.isSubsetOf(b) && b.isSubsetOf(a));
        assert.equal(a.equals(b), a.toString() === b.toString());
        assert.ok(a.subtract(b).intersect(b).isEmpty(), 'a.subtract(b).intersect(b).isEmpty()');
        assert.ok(a.subtract(b).union(a.intersect(b)).equals(a), 'a.subtract(b).union(a.intersect(b)).equals(a)');
        for (const f of [4, 6] as const) assert.equal(a.union(b).size(f) + a.intersect(b).size(f), a.size(f) + b.size(f));
      }),
      { numRuns: 200 },
    );
  });

  it('toCidrs round-trips, is sorted, disjoint and contained', () => {
    fc.assert(
      fc.property(setArb, (a) => {
        const cidrs = a.toCidrs();
        assert.ok(IpSet.fromCidrs(cidrs).equals(a), 'IpSet.fromCidrs(cidrs).equals(a)');
        for (let i = 1; i < cidrs.length; i++) {
          const p = cidrs[i - 1];
          const q = cidrs[i];
          assert.ok(p.family < q.family || (p.family === q.family && cidrLast(p) < cidrFirst(q)), 'sorted and disjoint');
        }
        for (const c of cidrs) assert.ok(a.containsCidr(c), 'a.containsCidr(c)');
        assert.ok(IpSet.fromRanges(a.ranges()).equals(a), 'IpSet.fromRanges(a.ranges()).equals(a)');
      }),
      { numRuns: 200 },
    );
  });
});
