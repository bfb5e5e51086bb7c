import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type Cidr,
  cidrContains,
  cidrContainsIp,
  cidrCount,
  cidrEquals,
  cidrFirst,
  cidrHostIp,
  cidrLast,
  cidrOf,
  cidrOverlaps,
  cidrSize,
  cidrSubnet,
  compareCidr,
  formatCidr,
  parseCidr,
  smallestPrefixFor,
} from './cidr.js';
import { type IpFamily, formatIp, parseIp } from './ip.js';
import { MAX_VALUE, familyArb, ipValueArb, valueArb } from './testing/arbitraries.js';

// Parses a CIDR known to be valid in a test table.
function C(text: string): Cidr {
  const p = parseCidr(text);
  assert.ok(p, `test table error: ${text}`);
  return p.cidr;
}

const TOP6 = (1n << 128n) - 1n;

describe('parseCidr: valid', () => {
  const cases: [string, string, boolean][] = [
    ['10.0.0.0/8', '10.0.0.0/8', false],
    ['10.0.0.5/24', '10.0.0.0/24', true],
    ['10.0.0.5', '10.0.0.5/32', false],
    ['0.0.0.0/0', '0.0.0.0/0', false],
    ['255.255.255.255/0', '0.0.0.0/0', true],
    ['255.255.255.255/32', '255.255.255.255/32', false],
    ['192.168.1.1/31', '192.168.1.0/31', true],
    ['172.16.0.0/12', '172.16.0.0/12', false],
    ['::/0', '::/0', false],
    ['::1', '::1/128', false],
    ['::1/128', '::1/128', false],
    ['2001:DB8::/32', '2001:db8::/32', false],
    ['2001:db8::1/64', '2001:db8::/64', true],
    ['fd00:0:0:0:0:0:0:1/127', 'fd00::/127', true],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1', '8000::/1', true],
    ['::ffff:10.0.0.0/104', '::ffff:10.0.0.0/104', false],
  ];
  for (const [text, canonical, hostBitsSet] of cases) {
    it(`${text} → ${canonical}${hostBitsSet ? ' (host bits set)' : ''}`, () => {
      const p = parseCidr(text);
      assert.ok(p, 'p');
      assert.equal(formatCidr(p.cidr), canonical);
      assert.equal(p.hostBitsSet, hostBitsSet);
    });
  }
});

describe('parseCidr: invalid', () => {
  const cases: [string, string][] = [
    ['10.0.0.0/33', 'IPv4 prefix above 32'],
    ['::/129', 'IPv6 prefix above 128'],
    ['10.0.0.0/', 'empty prefix'],
    ['/8', 'empty address'],
    ['10.0.0.0/08', 'leading zero in prefix'],
    ['10.0.0.0/-1', 'negative prefix'],
    ['10.0.0.0/+8', 'signed prefix'],
    ['10.0.0.0/ 8', 'space in prefix'],
    ['10.0.0.0/8 ', 'trailing space'],
    [' 10.0.0.0/8', 'leading space'],
    ['10.0.0.0/8/8', 'two slashes'],
    ['10.0.0.0/0x8', 'hex prefix'],
    ['10.0.0.0/1000', 'four-digit prefix'],
    ['10.0.0/8', 'short address'],
    ['010.0.0.0/8', 'leading zero in address'],
    ['fe80::%eth0/64', 'zone id'],
    ['', 'empty'],
    ['/', 'lone slash'],
  ];
  for (const [text, why] of cases) {
    it(`${JSON.stringify(text)} (${why})`, () => assert.equal(parseCidr(text), undefined));
  }
});

describe('cidrFirst, cidrLast, cidrSize at the edges', () => {
  const cases: [string, bigint, bigint, bigint][] = [
    ['0.0.0.0/0', 0n, 0xffffffffn, 1n << 32n],
    ['10.0.0.0/8', 0x0a000000n, 0x0affffffn, 1n << 24n],
    ['10.1.2.3/32', 0x0a010203n, 0x0a010203n, 1n],
    ['10.1.2.2/31', 0x0a010202n, 0x0a010203n, 2n],
    ['255.255.255.255/32', 0xffffffffn, 0xffffffffn, 1n],
    ['::/0', 0n, TOP6, 1n << 128n],
    ['::/128', 0n, 0n, 1n],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', TOP6, TOP6, 1n],
    ['8000::/1', 1n << 127n, TOP6, 1n << 127n],
    ['fd00::/64', 0xfd00n << 112n, (0xfd00n << 112n) + (1n << 64n) - 1n, 1n << 64n],
  ];
  for (const [text, first, last, size] of cases) {
    it(text, () => {
      const c = C(text);
      assert.equal(cidrFirst(c), first);
      assert.equal(cidrLast(c), last);
      assert.equal(cidrSize(c), size);
    });
  }
});

describe('cidrContainsIp', () => {
  const cases: [string, string, boolean][] = [
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['10.0.0.0/8', '9.255.255.255', false],
    ['0.0.0.0/0', '255.255.255.255', true],
    ['0.0.0.0/0', '::', false],
    ['::/0', '0.0.0.0', false],
    ['::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['::ffff:0:0/96', '::ffff:10.0.0.1', true],
    ['::ffff:0:0/96', '10.0.0.1', false],
    ['10.0.0.1/32', '10.0.0.1', true],
    ['10.0.0.1/32', '10.0.0.2', false],
  ];
  for (const [cidr, ip, want] of cases) {
    it(`${cidr} ∋ ${ip}: ${want}`, () => assert.equal(cidrContainsIp(C(cidr), parseIp(ip)!), want));
  }
});

describe('cidrContains and cidrOverlaps', () => {
  const cases: [string, string, boolean, boolean][] = [
    // outer, inner, outer ⊇ inner, overlap
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/8', '10.0.0.0/8', true, true],
    ['10.0.0.0/8', '11.0.0.0/8', false, false],
    ['10.0.0.0/9', '10.128.0.0/9', false, false],
    ['0.0.0.0/0', '255.255.255.255/32', true, true],
    ['0.0.0.0/0', '::/0', false, false],
    ['::/0', '0.0.0.0/0', false, false],
    ['::/0', '2001:db8::/32', true, true],
    ['2001:db8::/32', '2001:db9::/32', false, false],
    ['2001:db8::/32', '2001:db8:ffff:ffff::/64', true, true],
    ['::ffff:0:0/96', '::ffff:10.0.0.0/104', true, true],
  ];
  for (const [a, b, contains, overlaps] of cases) {
    it(`${a} vs ${b}`, () => {
      assert.equal(cidrContains(C(a), C(b)), contains);
      assert.equal(cidrOverlaps(C(a), C(b)), overlaps);
      assert.equal(cidrOverlaps(C(b), C(a)), overlaps);
    });
  }
});

describe('cidrSubnet', () => {
  const cases: [string, number, bigint, string | undefined][] = [
    ['10.0.0.0/16', 24, 0n, '10.0.0.0/24'],
    ['10.0.0.0/16', 24, 1n, '10.0.1.0/24'],
    ['10.0.0.0/16', 24, 255n, '10.0.255.0/24'],
    ['10.0.0.0/16', 24, 256n, undefined],
    ['10.0.0.0/16', 24, -1n, undefined],
    ['10.0.0.0/16', 16, 0n, '10.0.0.0/16'],
    ['10.0.0.0/16', 16, 1n, undefined],
    ['10.0.0.0/16', 15, 0n, undefined],
    ['10.0.0.0/16', 33, 0n, undefined],
    ['10.0.0.0/16', 32, 65535n, '10.0.255.255/32'],
    ['0.0.0.0/0', 1, 1n, '128.0.0.0/1'],
    ['0.0.0.0/0', 32, 0xffffffffn, '255.255.255.255/32'],
    ['10.244.0.0/16', 24, 3n, '10.244.3.0/24'],
    ['fd00::/48', 64, 2n, 'fd00:0:0:2::/64'],
    ['::/0', 128, TOP6, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'],
    ['::/0', 129, 0n, undefined],
    ['2001:db8::/32', 48, 65535n, '2001:db8:ffff::/48'],
  ];
  for (const [c, p, i, want] of cases) {
    it(`${c} /${p} #${i} → ${want ?? 'undefined'}`, () => {
      const s = cidrSubnet(C(c), p, i);
      assert.equal(s === undefined ? undefined : formatCidr(s), want);
    });
  }
});

describe('cidrCount', () => {
  const cases: [string, number, bigint][] = [
    ['10.0.0.0/16', 24, 256n],
    ['10.0.0.0/16', 16, 1n],
    ['10.0.0.0/16', 15, 0n],
    ['10.0.0.0/16', 33, 0n],
    ['10.0.0.0/16', 24.5, 0n],
    ['0.0.0.0/0', 32, 1n << 32n],
    ['::/0', 128, 1n << 128n],
    ['fd00::/64', 80, 65536n],
  ];
  for (const [c, p, want] of cases) {
    it(`${c} in /${p}: ${want}`, () => assert.equal(cidrCount(C(c), p), want));
  }
});

describe('cidrHostIp', () => {
  const cases: [string, bigint, string | undefined][] = [
    ['10.0.0.0/24', 0n, '10.0.0.0'],
    ['10.0.0.0/24', 4n, '10.0.0.4'],
    ['10.0.0.0/24', 255n, '10.0.0.255'],
    ['10.0.0.0/24', 256n, undefined],
    ['10.0.0.0/24', -1n, undefined],
    ['10.0.0.7/32', 0n, '10.0.0.7'],
    ['10.0.0.7/32', 1n, undefined],
    ['0.0.0.0/0', 0xffffffffn, '255.255.255.255'],
    ['fd00::/64', 10n, 'fd00::a'],
    ['::/0', TOP6, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ];
  for (const [c, off, want] of cases) {
    it(`${c} + ${off}`, () => {
      const ip = cidrHostIp(C(c), off);
      assert.equal(ip === undefined ? undefined : formatIp(ip), want);
    });
  }
});

describe('compareCidr', () => {
  it('sorts IPv4 before IPv6, then by base, enclosing block first', () => {
    const input = ['::/0', '10.0.0.0/24', '10.0.0.0/8', '9.0.0.0/8', '::1/128', '0.0.0.0/0', '10.0.1.0/24', '::/1'];
    const want = ['0.0.0.0/0', '9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/24', '10.0.1.0/24', '::/0', '::/1', '::1/128'];
    assert.deepEqual(input.map(C).sort(compareCidr).map(formatCidr), want);
  });
  it('is 0 exactly for equal blocks', () => {
    assert.equal(compareCidr(C('10.0.0.0/8'), C('10.1.2.3/8')), 0);
    assert.ok(cidrEquals(C('10.0.0.0/8'), C('10.1.2.3/8')), "cidrEquals(C('10.0.0.0/8'), C('10.1.2.3/8'))");
    assert.notEqual(compareCidr(C('0.0.0.0/0'), C('::/0')), 0);
  });
});

describe('smallestPrefixFor', () => {
  const cases: [IpFamily, bigint, bigint, number | undefined, string][] = [
    [4, 1581n, 5n, 21, 'Azure subnet: 1581 addresses + 5 reserved'],
    [4, 251n, 5n, 24, 'exactly fills a /24 with Azure reservations'],
    [4, 252n, 5n, 23, 'one more needs a /23'],
    [4, 256n, 0n, 24, 'exact power of two, nothing reserved'],
    [4, 257n, 0n, 23, 'one above a power of two'],
    [4, 1n, 0n, 32, 'single address'],
    [4, 0n, 0n, 32, 'nothing needed'],
    [4, 0n, 5n, 29, 'only reserved addresses'],
    [4, 3n, 5n, 29, '/29 has 8 addresses'],
    [4, 4n, 5n, 28, '/29 too small'],
    [4, 1n << 32n, 0n, 0, 'the whole IPv4 space'],
    [4, (1n << 32n) - 4n, 5n, undefined, 'more than IPv4 can hold'],
    [4, -1n, 0n, undefined, 'negative addresses'],
    [4, 1n, -1n, undefined, 'negative reservation'],
    [6, 1n << 64n, 0n, 64, 'a /64'],
    [6, 1n, 0n, 128, 'single IPv6 address'],
    [6, 1n << 128n, 0n, 0, 'the whole IPv6 space'],
    [6, 1n << 128n, 1n, undefined, 'more than IPv6 can hold'],
  ];
  for (const [family, addresses, reserved, want, why] of cases) {
    it(`IPv${family} ${addresses} + ${reserved} reserved → ${want ?? 'undefined'} (${why})`, () =>
      assert.equal(smallestPrefixFor(family, addresses, reserved), want));
  }
});

const cidrArb: fc.Arbitrary<Cidr> = ipValueArb.chain((ip) =>
  fc.integer({ min: 0, max: ip.family === 4 ? 32 : 128 }).map((p) => cidrOf(ip, p)!),
);

describe('cidr properties', () => {
  it('formatCidr/parseCidr round-trip without host bits', () => {
    fc.assert(
      fc.property(cidrArb, (c) => {
        assert.deepEqual(parseCidr(formatCidr(c)), { cidr: c, hostBitsSet: false });
      }),
      { numRuns: 500 },
    );
  });

  it('parsing "ip/p" clears host bits and reports them', () => {
    fc.assert(
      fc.property(ipValueArb, fc.nat(128), (ip, n) => {
        const p = n % (ip.family === 4 ? 33 : 129);
        const parsed = parseCidr(`${formatIp(ip)}/${p}`);
        assert.ok(parsed, 'parsed');
        const bits = ip.family === 4 ? 32 : 128;
        const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - p)) - 1n);
        assert.equal(parsed.cidr.base, ip.value & mask);
        assert.equal(parsed.hostBitsSet, (ip.value & mask) !== ip.value);
        assert.ok(cidrContainsIp(parsed.cidr, ip), 'cidrContainsIp(parsed.cidr, ip)');
      }),
      { numRuns: 500 },
    );
  });

  it('parseCidr never throws on arbitrary text', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:./%- '.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 52 })), (text) => {
        const p = parseCidr(text);
        if (p) assert.ok(p.cidr.prefix >= 0 && p.cidr.prefix <= (p.cidr.family === 4 ? 32 : 128), 'p.cidr.prefix >= 0 && p.cidr.prefix <= (p.cidr.family === 4 ? 32 : ...');
      }),
      { numRuns: 2000 },
    );
  });

  it('containment agrees with first/last arithmetic', () => {
    fc.assert(
      fc.property(familyArb.chain((f) => fc.tuple(fc.constant(f), valueArb(f), valueArb(f), fc.nat(128), fc.nat(128))),
        ([family, x, y, p1, p2]) => {
          const bits = family === 4 ? 33 : 129;
          const a = cidrOf({ family, value: x }, p1 % bits)!;
          const b = cidrOf({ family, value: y }, p2 % bits)!;
          const within = cidrFirst(a) <= cidrFirst(b) && cidrLast(b) <= cidrLast(a);
          assert.equal(cidrContains(a, b), within);
          const meet = cidrFirst(a) <= cidrLast(b) && cidrFirst(b) <= cidrLast(a);
          assert.equal(cidrOverlaps(a, b), meet);
          assert.equal(cidrContainsIp(a, { family, value: y }), cidrFirst(a) <= y && y <= cidrLast(a));
          assert.equal(cidrSize(a), cidrLast(a) - cidrFirst(a) + 1n);
        }),
      { numRuns: 1000 },
    );
  });

  it('subnets tile their parent: consecutive, inside, and counted by cidrCount', () => {
    fc.assert(
      fc.property(cidrArb, fc.nat(8), fc.bigInt({ min: 0n, max: 1n << 130n }), (c, extra, r) => {
        const bits = c.family === 4 ? 32 : 128;
        const p = Math.min(bits, c.prefix + extra);
        const count = cidrCount(c, p);
        assert.equal(count, 1n << BigInt(p - c.prefix));
        const i = r % count;
        const s = cidrSubnet(c, p, i)!;
        assert.ok(cidrContains(c, s), 'cidrContains(c, s)');
        assert.equal(s.prefix, p);
        assert.equal(cidrFirst(s), cidrFirst(c) + i * cidrSize(s));
        if (i + 1n < count) assert.equal(cidrFirst(cidrSubnet(c, p, i + 1n)!), cidrLast(s) + 1n);
        else assert.equal(cidrLast(s), cidrLast(c));
        assert.equal(cidrSubnet(c, p, count), undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('smallestPrefixFor returns the longest prefix that fits', () => {
    fc.assert(
      fc.property(
        familyArb,
        fc.oneof(fc.bigInt({ min: 0n, max: 5000n }), fc.bigInt({ min: 0n, max: MAX_VALUE[6] + 2n })),
        fc.bigInt({ min: 0n, max: 10n }),
        (family, addresses, reserved) => {
          const bits = family === 4 ? 32 : 128;
          const p = smallestPrefixFor(family, addresses, reserved);
          const fits = (q: number) => (1n << BigInt(bits - q)) - reserved >= addresses;
          if (p === undefined) assert.ok(!fits(0), '!fits(0)');
          else {
            assert.ok(fits(p), 'fits(p)');
            if (p < bits) assert.ok(!fits(p + 1), '!fits(p + 1)');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('compareCidr is a total order consistent with cidrEquals', () => {
    fc.assert(
      fc.property(cidrArb, cidrArb, (a, b) => {
        assert.ok(Math.sign(compareCidr(a, b)) === -Math.sign(compareCidr(b, a)), 'Math.sign(compareCidr(a, b)) === -Math.sign(compareCidr(b, a))');
        assert.equal(compareCidr(a, b) === 0, cidrEquals(a, b));
      }),
    );
  });
});
