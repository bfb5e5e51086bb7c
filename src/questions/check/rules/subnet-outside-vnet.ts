// AKS2003 subnet-outside-vnet: a subnet prefix that is not inside its VNet's address space.
import { formatCidr, IpSet } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Reports subnet prefixes not contained in the address space of their VNet (when the VNet and its space are known). */
export const subnetOutsideVnet: CheckRule = {
  id: 'AKS2003',
  slug: 'subnet-outside-vnet',
  title: 'Subnet outside its VNet address space',
  severity: 'error',
  description: 'Checks that every prefix of every subnet lies inside the address space of the VNet it belongs to.',
  rationale: 'Azure only accepts subnets carved from the VNet address space; anything else fails to deploy.',
  source: 'AZ:virtual-network/virtual-networks-faq; shared/reference/aks-networking.md §6.1',
  examples: {
    failing: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] }] },
    passing: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.1.0/24' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    for (const s of model.subnets) {
      const v = ix.vnets.get(s.vnetId);
      if (!v || v.addressSpace.length === 0) continue;
      const space = IpSet.fromCidrs(v.addressSpace);
      for (const p of s.prefixes) {
        if (space.containsCidr(p)) continue;
        out.push(finding(this.id, 'error', subnetLabel(model, s), s.origin,
          `subnet ${subnetLabel(model, s)} (${formatCidr(p)}) is not inside the address space of VNet ${v.name} (${space.toString()})`,
          `pick a prefix inside ${space.toString()} or add its range to the VNet address space`));
      }
    }
    return out;
  },
};
