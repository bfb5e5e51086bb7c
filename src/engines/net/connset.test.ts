import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConnSet, L4_PROTOCOLS, type L4Protocol } from './connset.js';
import { PortSet } from './portset.js';
import { criticalPorts, portRangesArb, refPortHas, refPortRanges } from './testing/arbitraries.js';

const tcp = (lo: number, hi = lo) => ConnSet.of('TCP', PortSet.range(lo, hi));
const udp = (lo: number, hi = lo) => ConnSet.of('UDP', PortSet.range(lo, hi));
const sctp = (lo: number, hi = lo) => ConnSet.of('SCTP', PortSet.range(lo, hi));

describe('ConnSet.toString (np-guard netpol-analyzer format)', () => {
  const cases: [string, ConnSet, string][] = [
    ['all', ConnSet.all(), 'All Connections'],
    ['none', ConnSet.none(), 'No Connections'],
    ['all built from parts', ConnSet.of('TCP', PortSet.all()).union(ConnSet.of('UDP', PortSet.all())).union(ConnSet.of('SCTP', PortSet.all())), 'All Connections'],
    ['empty ports', ConnSet.of('TCP', PortSet.empty()), 'No Connections'],
    ['TCP and UDP', tcp(9090).union(udp(53)), 'TCP 9090,UDP 53'],
    ['all but TCP 9090', ConnSet.all().subtract(tcp(9090)), 'SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535'],
    ['all but TCP 80 and UDP 80-81', ConnSet.all().subtract(tcp(80, 81)).subtract(udp(80, 81)), 'SCTP 1-65535,TCP 1-79,82-65535,UDP 1-79,82-65535'],
    ['every protocol, alphabetical', udp(5353).union(tcp(8080)).union(sctp(9003)), 'SCTP 9003,TCP 8080,UDP 5353'],
    ['one protocol, all ports', tcp(1, 65535), 'TCP 1-65535'],
    ['ranges and singles', tcp(8080).union(udp(80)).union(udp(5000, 6000)), 'TCP 8080,UDP 80,5000-6000'],
    ['TCP pair of ranges', tcp(10053, 10054).union(udp(10053)), 'TCP 10053-10054,UDP 10053'],
    ['two protocols full', ConnSet.from({ TCP: PortSet.all(), UDP: PortSet.all() }), 'TCP 1-65535,UDP 1-65535'],
  ];
  for (const [why, set, text] of cases) {
    it(`${why}: "${text}"`, () => assert.equal(set.toString(), text));
  }
});

describe('ConnSet queries', () => {
  const set = tcp(80).union(tcp(443)).union(udp(53));
  const allows: [L4Protocol, number, boolean][] = [
    ['TCP', 80, true],
    ['TCP', 443, true],
    ['TCP', 53, false],
    ['UDP', 53, true],
    ['UDP', 80, false],
    ['SCTP', 80, false],
    ['TCP', 0, false],
    ['TCP', 65536, false],
  ];
  for (const [proto, port, want] of allows) {
    it(`allows(${proto}, ${port}): ${want}`, () => assert.equal(set.allows(proto, port), want));
  }
  it('ports per protocol', () => {
    assert.equal(set.ports('TCP').toString(), '80,443');
    assert.equal(set.ports('UDP').toString(), '53');
    assert.ok(set.ports('SCTP').isEmpty(), "set.ports('SCTP').isEmpty()");
  });
  it('isEmpty, isAll, equals, isSubsetOf, overlaps', () => {
    assert.ok(ConnSet.none().isEmpty(), 'ConnSet.none().isEmpty()');
    assert.ok(ConnSet.all().isAll(), 'ConnSet.all().isAll()');
    assert.ok(!set.isEmpty() && !set.isAll(), '!set.isEmpty() && !set.isAll()');
    assert.ok(ConnSet.all().subtract(ConnSet.all()).isEmpty(), 'ConnSet.all().subtract(ConnSet.all()).isEmpty()');
    assert.ok(tcp(80, 81).equals(tcp(80).union(tcp(81))), 'tcp(80, 81).equals(tcp(80).union(tcp(81)))');
    assert.ok(!tcp(80).equals(udp(80)), '!tcp(80).equals(udp(80))');
    assert.ok(tcp(80).isSubsetOf(set), 'tcp(80).isSubsetOf(set)');
    assert.ok(!udp(80).isSubsetOf(set), '!udp(80).isSubsetOf(set)');
    assert.ok(ConnSet.none().isSubsetOf(ConnSet.none()), 'ConnSet.none().isSubsetOf(ConnSet.none())');
    assert.ok(set.isSubsetOf(ConnSet.all()), 'set.isSubsetOf(ConnSet.all())');
    assert.ok(set.overlaps(tcp(1, 100)), 'set.overlaps(tcp(1, 100))');
    assert.ok(!set.overlaps(sctp(1, 65535)), '!set.overlaps(sctp(1, 65535))');
    assert.ok(set.complement().union(set).isAll(), 'set.complement().union(set).isAll()');
  });
  it('L4_PROTOCOLS', () => assert.deepEqual(L4_PROTOCOLS, ['TCP', 'UDP', 'SCTP']));
  it('key distinguishes protocols and matches for equal sets', () => {
    assert.equal(tcp(80, 81).key(), tcp(80).union(tcp(81)).key());
    assert.notEqual(tcp(80).key(), udp(80).key());
    assert.notEqual(tcp(80).key(), sctp(80).key());
    assert.notEqual(ConnSet.none().key(), ConnSet.all().key());
    const m = new Map<string, string>([[tcp(80).key(), 'web']]);
    assert.equal(m.get(ConnSet.of('TCP', PortSet.single(80)).key()), 'web');
  });
});

// Reference connection set: raw port ranges per protocol; membership by brute force.
type RefConn = Record<L4Protocol, [number, number][]>;
const refArb: fc.Arbitrary<RefConn> = fc.oneof(
  fc.record({ TCP: portRangesArb, UDP: portRangesArb, SCTP: portRangesArb }),
  fc.constant({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] } as RefConn),
  fc.constant({ TCP: [], UDP: [], SCTP: [] } as RefConn),
);
const build = (r: RefConn) =>
  L4_PROTOCOLS.reduce((acc, p) => acc.union(ConnSet.of(p, PortSet.fromRanges(r[p]))), ConnSet.none());
const fmt = (rs: [number, number][]) => rs.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',');

describe('ConnSet properties against brute-force membership', () => {
  it('operations, toString and key match the reference', () => {
    fc.assert(
      fc.property(refArb, refArb, (a, b) => {
        const A = build(a);
        const B = build(b);
        const ops: [string, ConnSet, (p: L4Protocol, port: number) => boolean][] = [
          ['A', A, (p, x) => refPortHas(a[p], x)],
          ['A ∪ B', A.union(B), (p, x) => refPortHas(a[p], x) || refPortHas(b[p], x)],
          ['A ∩ B', A.intersect(B), (p, x) => refPortHas(a[p], x) && refPortHas(b[p], x)],
          ['A − B', A.subtract(B), (p, x) => refPortHas(a[p], x) && !refPortHas(b[p], x)],
        ];
        for (const [name, got, has] of ops) {
          const per = {} as Record<L4Protocol, [number, number][]>;
          for (const p of L4_PROTOCOLS) {
            const crit = criticalPorts(a[p], b[p]);
            for (const x of crit) assert.equal(got.allows(p, x), has(p, x), `${name} ${p} ${x}`);
            per[p] = refPortRanges((x) => has(p, x), crit);
          }
          const full = L4_PROTOCOLS.every((p) => per[p].length === 1 && per[p][0][0] === 1 && per[p][0][1] === 65535);
          const empty = L4_PROTOCOLS.every((p) => per[p].length === 0);
          const want = full
            ? 'All Connections'
            : empty
              ? 'No Connections'
              : (['SCTP', 'TCP', 'UDP'] as const).filter((p) => per[p].length > 0).map((p) => `${p} ${fmt(per[p])}`).join(',');
          assert.equal(got.toString(), want, `${name} toString`);
          assert.equal(got.isAll(), full);
          assert.equal(got.isEmpty(), empty);
        }
        const same = L4_PROTOCOLS.every((p) => criticalPorts(a[p], b[p]).every((x) => refPortHas(a[p], x) === refPortHas(b[p], x)));
        assert.equal(A.equals(B), same);
        assert.equal(A.key() === B.key(), same, 'equal sets ⇔ equal keys');
        assert.equal(A.toString() === B.toString(), same);
      }),
      { numRuns: 300 },
    );
  });

  const connArb = refArb.map(build);
  it('algebraic laws', () => {
    fc.assert(
      fc.property(connArb, connArb, connArb, (a, b, c) => {
        assert.ok(a.union(b).equals(b.union(a)), 'a.union(b).equals(b.union(a))');
        assert.ok(a.intersect(b).equals(b.intersect(a)), 'a.intersect(b).equals(b.intersect(a))');
        assert.ok(a.union(b.union(c)).equals(a.union(b).union(c)), 'a.union(b.union(c)).equals(a.union(b).union(c))');
        assert.ok(a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c))), 'a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))');
        assert.ok(ConnSet.all().subtract(a.union(b)).equals(ConnSet.all().subtract(a).intersect(ConnSet.all().subtract(b))), 'ConnSet.all().subtract(a.union(b)).equals(ConnSet.all().subtract(a)...');
        assert.ok(a.subtract(b).equals(a.intersect(b.complement())), 'a.subtract(b).equals(a.intersect(b.complement()))');
        assert.ok(a.union(ConnSet.none()).equals(a), 'a.union(ConnSet.none()).equals(a)');
        assert.ok(a.intersect(ConnSet.all()).equals(a), 'a.intersect(ConnSet.all()).equals(a)');
        assert.ok(a.union(ConnSet.all()).isAll(), 'a.union(ConnSet.all()).isAll()');
        assert.ok(a.intersect(ConnSet.none()).isEmpty(), 'a.intersect(ConnSet.none()).isEmpty()');
        assert.equal(a.isSubsetOf(b), a.union(b).equals(b));
        assert.equal(a.isSubsetOf(b), b.subtract(a).union(a).equals(b));
        assert.equal(a.overlaps(b), !a.intersect(b).isEmpty());
        assert.ok(a.union(b).isSubsetOf(ConnSet.all()), 'a.union(b).isSubsetOf(ConnSet.all())');
        assert.ok(a.isSubsetOf(a.union(b)), 'a.isSubsetOf(a.union(b))');
      }),
      { numRuns: 300 },
    );
  });
});
