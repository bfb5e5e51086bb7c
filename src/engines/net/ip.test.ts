import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Ip, compareIp, formatIp, ipAdd, ipBits, ipEquals, ipMaxValue, makeIp, parseIp } from './ip.js';
import { ipValueArb, valueArb } from './testing/arbitraries.js';

const v4 = (value: bigint): Ip => ({ family: 4, value });
const v6 = (value: bigint): Ip => ({ family: 6, value });

describe('parseIp: valid IPv4', () => {
  const cases: [string, bigint][] = [
    ['0.0.0.0', 0n],
    ['255.255.255.255', 0xffffffffn],
    ['10.0.0.1', 0x0a000001n],
    ['192.168.1.254', 0xc0a801fen],
    ['1.2.3.4', 0x01020304n],
    ['100.64.0.0', 0x64400000n],
    ['0.0.0.255', 255n],
    ['9.99.199.249', 0x0963c7f9n],
  ];
  for (const [text, value] of cases) {
    it(text, () => assert.deepEqual(parseIp(text), v4(value)));
  }
});

describe('parseIp: invalid IPv4', () => {
  const cases: [string, string][] = [
    ['010.0.0.1', 'leading zero'],
    ['10.0.0.01', 'leading zero in last part'],
    ['00.0.0.0', 'double zero'],
    ['1.2.3', 'three parts'],
    ['1.2.3.4.5', 'five parts'],
    ['256.0.0.0', 'part above 255'],
    ['1.2.3.1000', 'four digits'],
    ['1.2.3.4.', 'trailing dot'],
    ['.1.2.3.4', 'leading dot'],
    ['1..2.3', 'empty part'],
    [' 1.2.3.4', 'leading space'],
    ['1.2.3.4 ', 'trailing space'],
    ['1.2.3.-4', 'sign'],
    ['+1.2.3.4', 'plus sign'],
    ['1.2.3.4/32', 'prefix is not an address'],
    ['0x1.2.3.4', 'hex part'],
    ['16909060', 'single integer'],
    ['1.2.3.４', 'non-ASCII digit'],
    ['', 'empty'],
    ['a.b.c.d', 'letters'],
  ];
  for (const [text, why] of cases) {
    it(`${JSON.stringify(text)} (${why})`, () => assert.equal(parseIp(text), undefined));
  }
});

describe('parseIp: valid IPv6 (text → canonical)', () => {
  const cases: [string, string][] = [
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:DB8::1', '2001:db8::1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['1::8', '1::8'],
    ['fd00:0:0:0::', 'fd00::'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::FFFF:129.144.52.38', '::ffff:129.144.52.38'],
    ['0:0:0:0:0:ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['::ffff:0102:0304', '::ffff:1.2.3.4'],
    ['::13.1.68.3', '::d01:4403'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['fe80::1', 'fe80::1'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3::8a2e:370:7334'],
  ];
  for (const [text, canonical] of cases) {
    it(text, () => {
      const ip = parseIp(text);
      assert.ok(ip, 'should parse');
      assert.equal(ip.family, 6);
      assert.equal(formatIp(ip), canonical);
    });
  }
});

describe('parseIp: invalid IPv6', () => {
  const cases: [string, string][] = [
    [':::', 'triple colon'],
    [':', 'lone colon'],
    ['1:::2', 'triple colon inside'],
    ['1::2::3', 'two double colons'],
    [':1::2', 'leading single colon'],
    ['1::2:', 'trailing single colon'],
    ['1:2:3:4:5:6:7', 'seven groups without ::'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['1::2:3:4:5:6:7:8', ':: standing for zero groups'],
    ['12345::', 'five hex digits'],
    ['g::', 'non-hex digit'],
    ['fe80::1%eth0', 'zone id'],
    ['fe80::1%1', 'numeric zone id'],
    ['[::1]', 'brackets'],
    ['::1/128', 'prefix is not an address'],
    [' ::1', 'leading space'],
    ['::1 ', 'trailing space'],
    ['1.2.3.4::', 'IPv4 before ::'],
    ['::1.2.3.4:1', 'IPv4 not last'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'IPv4 making nine groups'],
    ['::ffff:1.2.3', 'short IPv4 tail'],
    ['::ffff:01.2.3.4', 'leading zero in IPv4 tail'],
    ['::ffff:256.2.3.4', 'IPv4 tail part above 255'],
    ['-1::', 'sign'],
    ['0x1::', 'hex prefix'],
  ];
  for (const [text, why] of cases) {
    it(`${JSON.stringify(text)} (${why})`, () => assert.equal(parseIp(text), undefined));
  }
});

describe('formatIp: RFC 5952 §4 examples', () => {
  const cases: [string, string, string][] = [
    ['2001:0db8::0001', '2001:db8::1', '4.1 leading zeros suppressed'],
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1', '4.2.1 shorten as much as possible'],
    ['2001:db8::0:1', '2001:db8::1', '4.2.1 :: covers the whole run'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1', '4.2.2 a single zero group is not compressed'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1', '4.2.3 the longest run is compressed'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', '4.2.3 first run on ties'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', '4.3 lowercase'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3', 'longest run later in the address'],
    ['0:0:1:0:0:0:0:0', '0:0:1::', 'longest run at the end'],
    ['0:0:0:1:0:0:0:0', '0:0:0:1::', 'later run is longer'],
    ['0:0:0:1:0:0:0:1', '::1:0:0:0:1', 'tie of three-group runs: first wins'],
    ['0:0:1:0:0:1:0:0', '::1:0:0:1:0:0', 'three-way tie of two-group runs: first wins'],
    ['1:0:1:0:1:0:1:0', '1:0:1:0:1:0:1:0', 'only single zeros'],
  ];
  for (const [text, canonical, why] of cases) {
    it(`${text} → ${canonical} (${why})`, () => assert.equal(formatIp(parseIp(text)!), canonical));
  }
});

describe('formatIp: IPv4 and edges', () => {
  const cases: [Ip, string][] = [
    [v4(0n), '0.0.0.0'],
    [v4(0xffffffffn), '255.255.255.255'],
    [v4(0x0a000001n), '10.0.0.1'],
    [v6(0n), '::'],
    [v6(1n), '::1'],
    [v6((1n << 128n) - 1n), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    [v6(0xffffn << 32n), '::ffff:0.0.0.0'],
    [v6((0xffffn << 32n) - 1n), '::fffe:ffff:ffff'],
    [v6((0xffffn << 32n) + 0xffffffffn), '::ffff:255.255.255.255'],
    [v6(0x1ffffn << 32n), '::1:ffff:0:0'],
  ];
  for (const [ip, text] of cases) {
    it(text, () => assert.equal(formatIp(ip), text));
  }
});

describe('ipBits, ipMaxValue, makeIp', () => {
  it('bits per family', () => {
    assert.equal(ipBits(4), 32);
    assert.equal(ipBits(6), 128);
  });
  it('max values', () => {
    assert.equal(ipMaxValue(4), 4294967295n);
    assert.equal(ipMaxValue(6), 340282366920938463463374607431768211455n);
  });
  const cases: [4 | 6, bigint, boolean][] = [
    [4, 0n, true],
    [4, 4294967295n, true],
    [4, 4294967296n, false],
    [4, -1n, false],
    [6, 0n, true],
    [6, (1n << 128n) - 1n, true],
    [6, 1n << 128n, false],
    [6, -1n, false],
  ];
  for (const [family, value, ok] of cases) {
    it(`makeIp(${family}, ${value}) ${ok ? 'ok' : 'undefined'}`, () =>
      assert.deepEqual(makeIp(family, value), ok ? { family, value } : undefined));
  }
});

describe('ipEquals and compareIp', () => {
  const cases: [Ip, Ip, number][] = [
    [v4(1n), v4(1n), 0],
    [v4(1n), v4(2n), -1],
    [v4(2n), v4(1n), 1],
    [v4(0xffffffffn), v6(0n), -1],
    [v6(0n), v4(0xffffffffn), 1],
    [v4(5n), v6(5n), -1],
    [v6((1n << 128n) - 1n), v6((1n << 128n) - 2n), 1],
  ];
  for (const [a, b, want] of cases) {
    it(`${a.family}:${a.value} vs ${b.family}:${b.value} → ${want}`, () => {
      assert.equal(compareIp(a, b), want);
      assert.equal(ipEquals(a, b), want === 0);
    });
  }
});

describe('ipAdd', () => {
  const cases: [Ip, bigint, Ip | undefined][] = [
    [v4(0n), 1n, v4(1n)],
    [v4(0xfffffffen), 1n, v4(0xffffffffn)],
    [v4(0xffffffffn), 1n, undefined],
    [v4(0n), -1n, undefined],
    [v4(10n), -10n, v4(0n)],
    [v6((1n << 128n) - 1n), 1n, undefined],
    [v6((1n << 32n) - 1n), 1n, v6(1n << 32n)],
    [v6(0n), 0n, v6(0n)],
  ];
  for (const [ip, n, want] of cases) {
    it(`${formatIp(ip)} + ${n}`, () => assert.deepEqual(ipAdd(ip, n), want));
  }
});

// Renders a valid IPv6 value in a random non-canonical but legal way.
function nonCanonicalV6(value: bigint, style: { upper: boolean; pad: boolean; compress: number; dotted: boolean }) {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let pieces = groups.map((g) => (style.pad ? g.toString(16).padStart(4, '0') : g.toString(16)));
  if (style.upper) pieces = pieces.map((p) => p.toUpperCase());
  if (style.dotted) {
    const lo = Number(value & 0xffffffffn);
    pieces = [...pieces.slice(0, 6), `${lo >>> 24}.${(lo >>> 16) & 255}.${(lo >>> 8) & 255}.${lo & 255}`];
  }
  // Compress some run of zero groups (any length >= 1), not necessarily the longest.
  const zeroRuns: [number, number][] = [];
  const n = pieces.length;
  for (let i = 0; i < n; i++) {
    if (!/^0+$/.test(pieces[i])) continue;
    let j = i;
    while (j + 1 < n && /^0+$/.test(pieces[j + 1])) j++;
    zeroRuns.push([i, j]);
    i = j;
  }
  if (zeroRuns.length > 0 && style.compress > 0) {
    const [i, j] = zeroRuns[style.compress % zeroRuns.length];
    return `${pieces.slice(0, i).join(':')}::${pieces.slice(j + 1).join(':')}`;
  }
  return pieces.join(':');
}

describe('ip properties', () => {
  it('parseIp(formatIp(x)) equals x for both families', () => {
    fc.assert(
      fc.property(ipValueArb, (ip) => {
        assert.deepEqual(parseIp(formatIp(ip)), ip);
      }),
      { numRuns: 1000 },
    );
  });

  it('every legal non-canonical IPv6 rendering parses to the same value', () => {
    const style = fc.record({
      upper: fc.boolean(),
      pad: fc.boolean(),
      compress: fc.nat(8),
      dotted: fc.boolean(),
    });
    fc.assert(
      fc.property(valueArb(6), style, (value, st) => {
        const text = nonCanonicalV6(value, st);
        assert.deepEqual(parseIp(text), { family: 6, value }, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('IPv6 formatting agrees with the WHATWG URL serializer outside ::ffff:0:0/96', () => {
    fc.assert(
      fc.property(valueArb(6), (value) => {
        fc.pre(value >> 32n !== 0xffffn);
        const text = formatIp({ family: 6, value });
        assert.equal(`[${text}]`, new URL(`http://[${text}]/`).hostname);
      }),
      { numRuns: 500 },
    );
  });

  it('canonical IPv6 text is the shortest rendering and never contains a "::" for a single group', () => {
    fc.assert(
      fc.property(valueArb(6), (value) => {
        const text = formatIp({ family: 6, value });
        assert.doesNotMatch(text, /[A-F]/);
        assert.doesNotMatch(text, /(^|:)0[0-9a-f]/);
        if (text.includes('::') && !text.startsWith('::ffff:')) {
          const groups = text.split('::').flatMap((h) => (h === '' ? [] : h.split(':')));
          assert.ok(groups.length <= 6, text);
        }
      }),
      { numRuns: 500 },
    );
  });

  const ipAlphabet = fc.constantFrom(...'0123456789abcdefABCDEFxg:.%/[] -+'.split(''));
  const ipLike = fc.oneof(
    fc.string(),
    // Any code point, lone surrogates included (cheaper to build than fast-check's 'binary' unit).
    fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)), maxLength: 50 }),
    fc.string({ unit: fc.constantFrom('1', '.', ':', ':', 'f', '０', '١', '\u00a0', '\t', '\n', '%'), maxLength: 50 }),
    fc.string({ unit: ipAlphabet, maxLength: 48 }),
    ipValueArb.chain((ip) =>
      fc.tuple(fc.nat(60), fc.nat(60), fc.string({ unit: ipAlphabet, maxLength: 3 })).map(([i, j, s]) => {
        // Mutate a valid address: splice a few characters in.
        const t = formatIp(ip);
        const a = Math.min(i, t.length);
        return t.slice(0, a) + s + t.slice(Math.min(a + (j % 3), t.length));
      }),
    ),
  );

  it('parseIp never throws and agrees with node:net isIP on arbitrary text (zone ids aside)', () => {
    fc.assert(
      fc.property(ipLike, (text) => {
        const ip = parseIp(text);
        if (text.includes('%')) {
          assert.equal(ip, undefined);
          return;
        }
        assert.equal(ip === undefined ? 0 : ip.family, isIP(text), text);
        if (ip) assert.ok(ip.value >= 0n && ip.value <= ipMaxValue(ip.family), 'ip.value >= 0n && ip.value <= ipMaxValue(ip.family)');
      }),
      { numRuns: 3000 },
    );
  });

  it('parseIp returns undefined for non-string input instead of throwing', () => {
    for (const x of [undefined, null, 1, {}, []]) assert.equal(parseIp(x as unknown as string), undefined);
  });

  it('compareIp is a total order consistent with ipEquals', () => {
    fc.assert(
      fc.property(ipValueArb, ipValueArb, ipValueArb, (a, b, c) => {
        assert.ok(Math.sign(compareIp(a, b)) === -Math.sign(compareIp(b, a)), 'Math.sign(compareIp(a, b)) === -Math.sign(compareIp(b, a))');
        assert.equal(compareIp(a, b) === 0, ipEquals(a, b));
        if (compareIp(a, b) <= 0 && compareIp(b, c) <= 0) assert.ok(compareIp(a, c) <= 0, 'compareIp(a, c) <= 0');
      }),
    );
  });

  it('ipAdd is defined exactly when the result stays in range, and is invertible', () => {
    fc.assert(
      fc.property(ipValueArb, fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }), (ip, n) => {
        const r = ipAdd(ip, n);
        const v = ip.value + n;
        assert.equal(r !== undefined, v >= 0n && v <= ipMaxValue(ip.family));
        if (r) assert.deepEqual(ipAdd(r, -n), ip);
      }),
    );
  });
});
