// Which subnet an address sits in.
import { cidrContainsIp, type Ip } from '../net/index.js';
import type { Subnet } from '../../model/azure.js';
import type { Model } from '../../model/model.js';

/** The subnet whose prefix holds `ip`, the most specific one when subnets overlap; undefined when none does. */
export function subnetContaining(model: Model, ip: Ip): Subnet | undefined {
  let best: { s: Subnet; len: number } | undefined;
  for (const s of model.subnets) {
    for (const p of s.prefixes) if (cidrContainsIp(p, ip) && (!best || p.prefix > best.len)) best = { s, len: p.prefix };
  }
  return best?.s;
}
