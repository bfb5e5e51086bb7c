// NSG address entries: `*`/`Any`, IPs, CIDRs and service tags, resolved against a context into address sets.
import { IpSet, parseCidr, type Ip } from '../net/index.js';
import { NSG_PLATFORM_TAGS } from '../../model/facts.js';
import type { NsgContext } from './context.js';

/**
 * One address entry of a rule, resolved. `any`: `*`, `Any`, `0.0.0.0/0` and `::/0` are NOT folded here (a CIDR stays
 * a CIDR); `set`: a CIDR, IP or known tag with its addresses; `unknown-tag`: a tag with no known prefixes (matches
 * nothing); `invalid`: text that is none of these (matches nothing). `platformTag` is true for the tags that name
 * the platform addresses (AzureLoadBalancer, AzurePlatformDNS/IMDS/LKM): only those filter platform traffic.
 */
export type AddressEntry =
  | { readonly kind: 'any'; readonly text: string }
  | { readonly kind: 'set'; readonly text: string; readonly set: IpSet; readonly tag?: string; readonly platformTag: boolean }
  | { readonly kind: 'unknown-tag'; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

const TAG_RE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

const PLATFORM_TAG_SETS: ReadonlyMap<string, { name: string; set: IpSet }> = new Map(
  Object.entries(NSG_PLATFORM_TAGS.value).map(([name, cidrs]) => [name.toLowerCase(), {
    name, set: IpSet.fromCidrs(cidrs.map((c) => parseCidr(c)!.cidr)),
  }]),
);

/** Resolves one entry as written in a rule (case-insensitive tags; surrounding spaces ignored). Never throws. */
export function resolveAddressEntry(text: string, ctx: NsgContext): AddressEntry {
  const t = String(text).trim();
  const lower = t.toLowerCase();
  if (t === '*' || lower === 'any') return { kind: 'any', text: t };
  const c = parseCidr(t);
  if (c) return { kind: 'set', text: t, set: IpSet.fromCidr(c.cidr), platformTag: false };
  if (!TAG_RE.test(t)) return { kind: 'invalid', text: t };
  if (lower === 'virtualnetwork') return { kind: 'set', text: t, set: ctx.virtualNetwork, tag: 'VirtualNetwork', platformTag: false };
  if (lower === 'internet') return { kind: 'set', text: t, set: ctx.internet, tag: 'Internet', platformTag: false };
  const platform = PLATFORM_TAG_SETS.get(lower);
  if (platform) return { kind: 'set', text: t, set: platform.set, tag: platform.name, platformTag: true };
  const user = ctx.serviceTags.get(lower);
  if (user) return { kind: 'set', text: t, set: user, tag: t, platformTag: false };
  return { kind: 'unknown-tag', text: t };
}

/** True when the entry holds `ip`. */
export function entryMatches(e: AddressEntry, ip: Ip): boolean {
  switch (e.kind) {
    case 'any':
      return true;
    case 'set':
      return e.set.contains(ip);
    case 'unknown-tag':
    case 'invalid':
      return false;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** The platform addresses NSGs do not filter (host VIP 168.63.129.16 and IMDS 169.254.169.254). */
export const PLATFORM_ADDRESSES: IpSet = [...PLATFORM_TAG_SETS.values()].reduce((acc, t) => acc.union(t.set), IpSet.empty());
