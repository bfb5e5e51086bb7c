// AKS2002 subnet-overlap: two subnets of one VNet share addresses.
import { cidrOverlaps, formatCidr } from '../../../engines/net/index.js';
import type { Subnet } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Reports every pair of subnets of the same VNet whose prefixes overlap (on the later subnet of the pair). */
export const subnetOverlap: CheckRule = {
  id: 'AKS2002',
  slug: 'subnet-overlap',
  title: 'Subnets of one VNet overlap',
  severity: 'error',
  description: 'Compares the prefixes of every pair of subnets that belong to the same VNet.',
  rationale: 'Azure rejects a subnet whose prefix overlaps another subnet of its VNet; a template or plan that '
    + 'contains both cannot be deployed.',
  source: 'AZ:virtual-network/virtual-networks-faq; shared/reference/aks-networking.md §7',
  examples: {
    failing: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [
      { name: 'nodes', prefix: '10.0.0.0/22' }, { name: 'pods', prefix: '10.0.2.0/24' }] }] },
    passing: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [
      { name: 'nodes', prefix: '10.0.0.0/22' }, { name: 'pods', prefix: '10.0.4.0/22' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const byVnet = new Map<string, Subnet[]>();
    for (const s of model.subnets) byVnet.set(s.vnetId, [...(byVnet.get(s.vnetId) ?? []), s]);
    for (const subnets of byVnet.values()) {
      for (let i = 0; i < subnets.length; i++) {
        for (let j = i + 1; j < subnets.length; j++) {
          const a = subnets[i];
          const b = subnets[j];
          for (const x of a.prefixes) {
            for (const y of b.prefixes) {
              if (!cidrOverlaps(x, y)) continue;
              const later = (b.origin.file === a.origin.file ? b.origin.line >= a.origin.line : b.origin.file > a.origin.file) ? b : a;
              const other = later === b ? a : b;
              const [lp, op] = later === b ? [y, x] : [x, y];
              out.push(finding(this.id, 'error', subnetLabel(model, later), later.origin,
                `subnet ${subnetLabel(model, later)} (${formatCidr(lp)}) overlaps subnet ${subnetLabel(model, other)} (${formatCidr(op)})`,
                'give each subnet its own part of the VNet space'));
            }
          }
        }
      }
    }
    return out;
  },
};
