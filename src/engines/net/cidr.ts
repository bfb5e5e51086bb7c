// CIDR blocks (prefixes): parsing, formatting, containment and subnet arithmetic.
import { type Ip, type IpFamily, formatIp, ipBits, makeIp, parseIp } from './ip.js';

/** A CIDR block: the 2^(bits-prefix) addresses starting at `base`; `base` always has its host bits cleared. */
export interface Cidr {
  /** Address family of the block. */
  readonly family: IpFamily;
  /** First address of the block as an unsigned integer (host bits are zero). */
  readonly base: bigint;
  /** Prefix length: 0 (the whole family) .. 32 or 128 (a single address). */
  readonly prefix: number;
}

/** Result of parseCidr: the block, and whether the text had host bits set ("10.0.0.5/24" → true). */
export interface ParsedCidr {
  /** The block with host bits cleared. */
  cidr: Cidr;
  /** True when the written address was not the block's first address (often a typo worth reporting). */
  hostBitsSet: boolean;
}

// hostMask[p] = 2^(bits-p) - 1 for each family, precomputed because masks are used in every hot path.
const HOST_MASK4: readonly bigint[] = Array.from({ length: 33 }, (_, p) => (1n << BigInt(32 - p)) - 1n);
const HOST_MASK6: readonly bigint[] = Array.from({ length: 129 }, (_, p) => (1n << BigInt(128 - p)) - 1n);

function hostMask(family: IpFamily, prefix: number): bigint {
  return family === 4 ? HOST_MASK4[prefix] : HOST_MASK6[prefix];
}

function validPrefix(family: IpFamily, prefix: number): boolean {
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= ipBits(family);
}

/** The block of length `prefix` that contains `ip` (host bits cleared); undefined for an invalid prefix. */
export function cidrOf(ip: Ip, prefix: number): Cidr | undefined {
  if (!validPrefix(ip.family, prefix)) return undefined;
  return Object.freeze({ family: ip.family, base: ip.value & ~hostMask(ip.family, prefix), prefix });
}

/**
 * Parses "a.b.c.d/n" (n 0..32) or "<ipv6>/n" (n 0..128); a bare address means /32 or /128. The prefix length is
 * decimal without sign or leading zeros. Host bits are cleared and reported in `hostBitsSet`. Undefined if invalid.
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  let prefix = ipBits(ip.family) as number;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (p.length < 1 || p.length > 3 || (p.length > 1 && p.charCodeAt(0) === 48)) return undefined;
    prefix = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      prefix = prefix * 10 + (c - 48);
    }
  }
  const cidr = cidrOf(ip, prefix);
  if (cidr === undefined) return undefined;
  return { cidr, hostBitsSet: cidr.base !== ip.value };
}

/** Canonical text "address/prefix" with the address formatted by formatIp. */
export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.base })}/${c.prefix}`;
}

/** First address of the block (its base). */
export function cidrFirst(c: Cidr): bigint {
  return c.base;
}

/** Last address of the block (inclusive). */
export function cidrLast(c: Cidr): bigint {
  return c.base | hostMask(c.family, c.prefix);
}

/** Number of addresses in the block, 2^(bits-prefix) (no addresses are reserved here). */
export function cidrSize(c: Cidr): bigint {
  return hostMask(c.family, c.prefix) + 1n;
}

/** True when `ip` is in the block (always false across families). */
export function cidrContainsIp(c: Cidr, ip: Ip): boolean {
  return c.family === ip.family && (ip.value & ~hostMask(c.family, c.prefix)) === c.base;
}

/** True when every address of `inner` is in `outer` (inner ⊆ outer; false across families). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    (inner.base & ~hostMask(outer.family, outer.prefix)) === outer.base
  );
}

/** True when the blocks share at least one address (blocks are always nested or disjoint). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.prefix <= b.prefix ? cidrContains(a, b) : cidrContains(b, a);
}

/**
 * The `index`-th (0-based) block of length `newPrefix` inside `c`, in address order; undefined when newPrefix is
 * shorter than c.prefix or longer than the family allows, or index is outside 0..cidrCount(c, newPrefix)-1.
 */
export function cidrSubnet(c: Cidr, newPrefix: number, index: bigint): Cidr | undefined {
  const count = cidrCount(c, newPrefix);
  if (index < 0n || index >= count) return undefined;
  const base = c.base + (index << BigInt(ipBits(c.family) - newPrefix));
  return Object.freeze({ family: c.family, base, prefix: newPrefix });
}

/** How many blocks of length `newPrefix` fit in `c`: 2^(newPrefix-prefix), or 0 if newPrefix < prefix or invalid. */
export function cidrCount(c: Cidr, newPrefix: number): bigint {
  if (!validPrefix(c.family, newPrefix) || newPrefix < c.prefix) return 0n;
  return 1n << BigInt(newPrefix - c.prefix);
}

/** The address base + offset when it lies inside `c` (0 <= offset < cidrSize(c)); otherwise undefined. */
export function cidrHostIp(c: Cidr, offset: bigint): Ip | undefined {
  if (offset < 0n || offset > hostMask(c.family, c.prefix)) return undefined;
  return makeIp(c.family, c.base + offset);
}

/** Total order: IPv4 before IPv6, then by base address, then shorter prefix (the enclosing block) first. */
export function compareCidr(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1;
  if (a.base !== b.base) return a.base < b.base ? -1 : 1;
  return a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0;
}

/** True when a and b are the same block. */
export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base === b.base && a.prefix === b.prefix;
}

/**
 * The longest prefix p such that a /p block of `family` holds `addresses` usable addresses after `reserved` ones
 * (2^(bits-p) - reserved >= addresses); undefined when no block is large enough or an input is negative.
 * Example: 1581 addresses with 5 reserved (Azure subnets) → 21.
 */
export function smallestPrefixFor(family: IpFamily, addresses: bigint, reserved: bigint): number | undefined {
  if (addresses < 0n || reserved < 0n) return undefined;
  const need = addresses + reserved;
  const bits = ipBits(family);
  let k = 0;
  while (k <= bits && 1n << BigInt(k) < need) k++;
  return k > bits ? undefined : bits - k;
}
