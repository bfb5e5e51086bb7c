// IP addresses as (family, unsigned integer) values: parsing, canonical formatting, ordering and arithmetic.

/** Address family: 4 = IPv4 (32-bit addresses), 6 = IPv6 (128-bit addresses). */
export type IpFamily = 4 | 6;

/** One IP address; `value` is the address as an unsigned integer, 0..2^32-1 for IPv4 and 0..2^128-1 for IPv6. */
export interface Ip {
  /** Address family of `value`. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are family 6. */
  readonly family: IpFamily;
  /** The address as an unsigned integer within the family's range. */
  readonly value: bigint;
}

/** Both families in their canonical order (IPv4 sorts before IPv6 everywhere). */
export const IP_FAMILIES: readonly IpFamily[] = Object.freeze([4, 6] as const);

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;

/** Number of bits in an address of `family`: 32 for IPv4, 128 for IPv6. */
export function ipBits(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** Largest address value of `family` (2^32-1 or 2^128-1); the smallest is always 0. */
export function ipMaxValue(family: IpFamily): bigint {
  return family === 4 ? MAX4 : MAX6;
}

/** The address `value` of `family` as an Ip, or undefined when value lies outside 0..ipMaxValue(family). */
export function makeIp(family: IpFamily, value: bigint): Ip | undefined {
  if (value < 0n || value > ipMaxValue(family)) return undefined;
  return Object.freeze({ family, value });
}

/** Parses an IPv4 dotted quad or RFC 4291 IPv6 text; undefined for anything else (never throws). */
export function parseIp(text: string): Ip | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.indexOf(':') >= 0) {
    const v = parseIpv6Value(text);
    return v === undefined ? undefined : Object.freeze({ family: 6 as const, value: v });
  }
  const v = parseIpv4Value(text, 0, text.length);
  return v === undefined ? undefined : Object.freeze({ family: 4 as const, value: BigInt(v) });
}

// Dotted quad in text[start, end): exactly four decimal parts 0..255, no sign, no spaces, and no leading
// zeros (except a lone "0") because "010" is octal to some parsers and decimal to others.
function parseIpv4Value(text: string, start: number, end: number): number | undefined {
  let value = 0;
  let parts = 0;
  let i = start;
  for (;;) {
    const partStart = i;
    let n = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      i++;
      if (i - partStart > 3) return undefined;
    }
    const len = i - partStart;
    if (len === 0 || n > 255 || (len > 1 && text.charCodeAt(partStart) === 48)) return undefined;
    value = value * 256 + n;
    parts++;
    if (i === end) break;
    if (text.charCodeAt(i) !== 46 || parts === 4) return undefined;
    i++;
  }
  return parts === 4 ? value : undefined;
}

// Groups of one colon-separated piece list ("" → none); the last piece may be a dotted quad when allowed.
function parseIpv6Groups(text: string, allowIpv4Last: boolean, out: number[]): boolean {
  if (text === '') return true;
  const pieces = text.split(':');
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    if (allowIpv4Last && k === pieces.length - 1 && p.indexOf('.') >= 0) {
      const v4 = parseIpv4Value(p, 0, p.length);
      if (v4 === undefined) return false;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
      continue;
    }
    if (p.length < 1 || p.length > 4) return false;
    let g = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else return false;
      g = g * 16 + d;
    }
    out.push(g);
  }
  return true;
}

// RFC 4291 §2.2 text forms: eight 1-4 digit hex groups, at most one "::" standing for one or more zero groups,
// and optionally a dotted quad as the last 32 bits. Zone ids ("%eth0"), brackets and prefixes are rejected.
function parseIpv6Value(text: string): bigint | undefined {
  // Longest valid text: six 4-digit groups plus a full dotted quad (45 characters).
  if (text.length < 2 || text.length > 45) return undefined;
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return undefined; // also rejects ":::"
  const head: number[] = [];
  const tail: number[] = [];
  if (dbl >= 0) {
    const tailText = text.slice(dbl + 2);
    if (!parseIpv6Groups(text.slice(0, dbl), false, head)) return undefined;
    if (!parseIpv6Groups(tailText, true, tail)) return undefined;
    if (head.length + tail.length > 7) return undefined;
  } else {
    if (!parseIpv6Groups(text, true, head)) return undefined;
    if (head.length !== 8) return undefined;
  }
  let v = 0n;
  for (const g of head) v = (v << 16n) | BigInt(g);
  for (let z = head.length + tail.length; z < 8; z++) v <<= 16n;
  for (const g of tail) v = (v << 16n) | BigInt(g);
  return v;
}

function formatIpv4Value(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/**
 * Canonical text of `ip`: IPv4 dotted quad; IPv6 per RFC 5952 (lowercase hex without leading zeros, the longest
 * run of two or more zero groups compressed to "::", the first such run on ties). IPv4-mapped IPv6 addresses
 * (::ffff:0:0/96) are written "::ffff:a.b.c.d" as RFC 5952 §5 recommends.
 */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return formatIpv4Value(Number(ip.value));
  const v = ip.value;
  if (v >> 32n === 0xffffn) return `::ffff:${formatIpv4Value(Number(v & MAX4))}`;
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = Number((v >> BigInt(112 - 16 * i)) & 0xffffn);
  let bestStart = -1;
  let bestLen = 1; // runs of length 1 are never compressed
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/** True when a and b are the same address of the same family. */
export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.value === b.value;
}

/** Total order on addresses: every IPv4 address before every IPv6 address, then by numeric value (-1, 0, 1). */
export function compareIp(a: Ip, b: Ip): number {
  if (a.family !== b.family) return a.family - b.family < 0 ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** ip + n (n may be negative) within the same family; undefined when the result leaves the family's range. */
export function ipAdd(ip: Ip, n: bigint): Ip | undefined {
  return makeIp(ip.family, ip.value + n);
}
