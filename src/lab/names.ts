// Names of everything a lab creates. One short per-run prefix (`ak` + 4 hex digits) starts every namespace name, so
// `down --all` finds leftovers of any lab and two labs never collide. Linux limits interface names to 15 characters;
// network namespace names are kept as short so they can also serve as interface names in listings.

/** The prefix every lab object name starts with, followed by 4 lower-case hex digits and a dash. */
export const LAB_PREFIX_PATTERN = /^ak[0-9a-f]{4}$/;

/** Matches a namespace name some lab created (any prefix). */
export const LAB_NAMESPACE_PATTERN = /^ak[0-9a-f]{4}-(?:vn|n\d{1,4}|p\d{1,5})$/;

/** Longest interface or namespace name Linux accepts (IFNAMSIZ - 1). */
export const MAX_IFNAME = 15;

/** A fresh prefix from 16 random bits, avoiding the ones in `taken` (existing labs). */
export function newPrefix(random: () => number, taken: ReadonlySet<string> = new Set()): string {
  for (let i = 0; i < 1000; i++) {
    const p = 'ak' + Math.floor(random() * 0x10000).toString(16).padStart(4, '0').slice(-4);
    if (!taken.has(p)) return p;
  }
  throw new Error('no free lab prefix: remove old labs with `aksnet lab down --all`');
}

/** True when `p` is a lab prefix (`ak` + 4 hex digits). */
export function isPrefix(p: string): boolean {
  return LAB_PREFIX_PATTERN.test(p);
}

/** The VNet namespace of a lab. */
export function vnetNs(prefix: string): string {
  return `${prefix}-vn`;
}

/** The namespace of node number `i` (nodes numbered in name order). */
export function nodeNs(prefix: string, i: number): string {
  return `${prefix}-n${i}`;
}

/** The namespace of pod number `j` (pods numbered in namespace/name order). */
export function podNs(prefix: string, j: number): string {
  return `${prefix}-p${j}`;
}

/** The VNet-side interface towards node `i` (inside the VNet namespace). */
export function vnetIf(i: number): string {
  return `n${i}`;
}

/** The node-side interface of pod `j` (inside the node namespace; `azv` as Azure CNI names host veths). */
export function hostVethIf(j: number): string {
  return `azv${j}`;
}

/** The prefix of a lab namespace name, or undefined when the name is not a lab's. */
export function prefixOfNamespace(name: string): string | undefined {
  return LAB_NAMESPACE_PATTERN.test(name) ? name.slice(0, 6) : undefined;
}

/**
 * A fixed, locally administered unicast MAC address for an IPv4 address: `0a:58:` + the address's four bytes (the
 * convention of the CNI bridge plugin). Pod interfaces and node bridges take it, so the lab can write every on-link
 * neighbour as a permanent entry instead of resolving it by ARP. Undefined when `ip` is not dotted IPv4.
 */
export function macOfIp(ip: string): string | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return ['0a', '58', ...parts.map((p) => Number(p).toString(16).padStart(2, '0'))].join(':');
}

/**
 * A fixed MAC address for lab device number `i` of a kind (`kind` 0–255 picks the second byte's family: 0x59 + kind),
 * locally administered and unicast: `0a:<59+kind>:00:00:<i high>:<i low>`. Used for the VNet's node-facing
 * interfaces (kind 0) and the flannel VTEPs (kind 1), which have no IPv4 address of their own to derive one from.
 */
export function macOfIndex(kind: number, i: number): string {
  const hex = (n: number): string => (n & 255).toString(16).padStart(2, '0');
  return ['0a', hex(0x59 + kind), '00', hex(i >>> 16), hex(i >>> 8), hex(i)].join(':');
}
