// Address sets as hash:net members: an ipBlock as its CIDR plus `nomatch` excepts (how Azure NPM writes it), or the
// exact CIDR cover of a set; /0 is split into two /1 (ipset rejects /0).
import { cidrContains, cidrEquals, formatCidr, type Cidr, type IpSet } from '../engines/net/index.js';

/** hash:net members of an IPv4 ipBlock `cidr` minus `except` whose exact address set is `set`. */
export function ipblockMembers(cidr: Cidr, except: readonly Cidr[], set: IpSet): string[] {
  const v4 = except.filter((e) => e.family === 4);
  const nested = cidr.family === 4 && v4.every((e) => cidrContains(cidr, e) && !cidrEquals(cidr, e));
  if (!nested) return coverMembers(set);
  const out = [...splitZero(cidr)];
  for (const e of v4) for (const s of splitZero(e)) out.push(`${s} nomatch`);
  return dedupe(out);
}

/** hash:net members covering exactly the IPv4 part of `set`. */
export function coverMembers(set: IpSet): string[] {
  return dedupe(set.ofFamily(4).toCidrs().flatMap(splitZero));
}

function splitZero(c: Cidr): string[] {
  if (c.prefix === 0) return ['0.0.0.0/1', '128.0.0.0/1'];
  return [formatCidr(c)];
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const key = x.replace(/ nomatch$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x);
  }
  return out;
}
