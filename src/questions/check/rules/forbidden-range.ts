// AKS2006 forbidden-range: pod CIDR, service CIDR or VNet space touching ranges Azure / AKS reserve.
import { cidrOverlaps, formatCidr, parseCidr, type Cidr } from '../../../engines/net/index.js';
import { FORBIDDEN_CLUSTER_RANGES, FORBIDDEN_VNET_RANGES } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import type { Origin } from '../../../model/origin.js';
import { finding } from '../finding.js';
import { clusterVnetIds, indexOf } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

function cidrs(list: readonly string[]): Cidr[] {
  return list.flatMap((t) => {
    const p = parseCidr(t);
    return p ? [p.cidr] : [];
  });
}
const CLUSTER_FORBIDDEN = cidrs(FORBIDDEN_CLUSTER_RANGES.value);
const VNET_FORBIDDEN = cidrs(FORBIDDEN_VNET_RANGES.value);

/**
 * Reports (errors): a cluster's pod CIDR, service CIDR or the address space of its VNet overlapping — containing or
 * contained in — one of FORBIDDEN_CLUSTER_RANGES; and any VNet's address space overlapping FORBIDDEN_VNET_RANGES.
 * Each (resource, range, forbidden range) is reported once.
 */
export const forbiddenRange: CheckRule = {
  id: 'AKS2006',
  slug: 'forbidden-range',
  title: 'Reserved or forbidden address range used',
  severity: 'error',
  description: `Checks pod CIDRs, service CIDRs and cluster VNet space against ${FORBIDDEN_CLUSTER_RANGES.value.join(', ')} `
    + `and every VNet's space against ${FORBIDDEN_VNET_RANGES.value.join(', ')} — also when the range only contains `
    + 'the reserved one (e.g. a 172.16.0.0/12 pod CIDR contains 172.30.0.0/16).',
  rationale: 'AKS rejects these ranges as service CIDR, pod CIDR and cluster VNet space, and Azure rejects the second '
    + 'list as VNet address space (link-local, loopback, multicast, broadcast, the Azure platform address).',
  source: `shared/reference/aks-networking.md §3; facts ${FORBIDDEN_CLUSTER_RANGES.id} (${FORBIDDEN_CLUSTER_RANGES.source}), `
    + `${FORBIDDEN_VNET_RANGES.id} (${FORBIDDEN_VNET_RANGES.source})`,
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] }],
      clusters: [{ name: 'aks1', mode: 'kubenet', podCidr: '172.16.0.0/12', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] }],
      clusters: [{ name: 'aks1', mode: 'kubenet', podCidr: '172.16.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const ix = indexOf(model);
    const check = (resource: string, origin: Origin, what: (r: string) => string, range: Cidr, forbidden: readonly Cidr[], hint: string): void => {
      for (const f of forbidden) {
        if (!cidrOverlaps(range, f)) continue;
        const key = `${resource}|${formatCidr(range)}|${formatCidr(f)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const how = range.prefix < f.prefix ? 'contains' : 'lies in';
        out.push(finding(this.id, 'error', resource, origin,
          `${what(formatCidr(range))} ${how} the reserved range ${formatCidr(f)}`, hint));
      }
    };
    for (const c of model.clusters) {
      for (const p of c.podCidrs) {
        check(c.name, c.origin, (r) => `pod CIDR ${r} of cluster ${c.name}`, p, CLUSTER_FORBIDDEN, 'pick a pod CIDR that neither is nor contains a reserved range, e.g. 10.244.0.0/16');
      }
      for (const s of c.serviceCidrs) {
        check(c.name, c.origin, (r) => `service CIDR ${r} of cluster ${c.name}`, s, CLUSTER_FORBIDDEN, 'pick a service CIDR that neither is nor contains a reserved range, e.g. 10.0.0.0/16 outside the VNet');
      }
      for (const id of clusterVnetIds(model, c)) {
        const v = ix.vnets.get(id);
        if (!v) continue;
        for (const a of v.addressSpace) {
          check(v.name, v.origin, (r) => `address space ${r} of VNet ${v.name} (used by cluster ${c.name})`, a, CLUSTER_FORBIDDEN,
            'AKS cannot use a VNet whose space touches a reserved range; re-address the VNet');
        }
      }
    }
    for (const v of model.vnets) {
      for (const a of v.addressSpace) {
        check(v.name, v.origin, (r) => `address space ${r} of VNet ${v.name}`, a, VNET_FORBIDDEN, 'Azure does not accept this range as VNet space; use RFC 1918 or RFC 6598 space');
      }
    }
    return out;
  },
};
