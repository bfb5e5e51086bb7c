// AKS2001 vnet-overlap: VNet address spaces that overlap each other, their peers' space or on-premises ranges.
import { cidrOverlaps, formatCidr } from '../../../engines/net/index.js';
import type { VNet } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, onPremRanges } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

function peered(a: VNet, b: VNet): boolean {
  return a.peerings.some((p) => p.remoteVnetId === b.id) || b.peerings.some((p) => p.remoteVnetId === a.id);
}

/**
 * Reports, for every VNet: overlap with another modelled VNet (error when the two are peered, warning otherwise —
 * overlapping VNets can never be peered or routed to each other later), overlap with the address space a peering
 * reports for a VNet that is not in the input (error), and overlap with a declared on-premises range (error).
 */
export const vnetOverlap: CheckRule = {
  id: 'AKS2001',
  slug: 'vnet-overlap',
  title: 'VNet address spaces overlap each other, peered space or on-premises ranges',
  severity: 'error',
  description: 'Compares the address space of every VNet with every other VNet of the input, with the address space '
    + 'of its peerings, and with the on-premises ranges declared in the input.',
  rationale: 'Azure refuses to peer VNets whose spaces overlap, and a range reachable both in Azure and over VPN / '
    + 'ExpressRoute makes routing ambiguous. Two unpeered overlapping VNets work today but can never be connected.',
  source: 'shared/reference/aks-networking.md §5.2 (directly connected networks), §13.1 (peering routes), §23',
  examples: {
    failing: {
      vnets: [
        { name: 'hub', addressSpace: ['10.0.0.0/16'], peerings: [{ name: 'to-spoke', remote: 'spoke' }] },
        { name: 'spoke', addressSpace: ['10.0.128.0/17'] },
      ],
    },
    passing: {
      vnets: [
        { name: 'hub', addressSpace: ['10.0.0.0/16'], peerings: [{ name: 'to-spoke', remote: 'spoke' }] },
        { name: 'spoke', addressSpace: ['10.1.0.0/16'] },
      ],
      onPremises: ['192.168.0.0/16'],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    const vnets = model.vnets;
    for (let i = 0; i < vnets.length; i++) {
      const a = vnets[i];
      for (let j = i + 1; j < vnets.length; j++) {
        const b = vnets[j];
        for (const x of a.addressSpace) {
          for (const y of b.addressSpace) {
            if (!cidrOverlaps(x, y)) continue;
            const isPeered = peered(a, b);
            out.push(finding(this.id, isPeered ? 'error' : 'warning', b.name, b.origin,
              `VNet ${b.name} (${formatCidr(y)}) overlaps VNet ${a.name} (${formatCidr(x)})` +
                (isPeered ? ' and the two are peered' : ''),
              isPeered
                ? 'give one of the VNets a non-overlapping address space; Azure rejects peerings between overlapping VNets'
                : 'use disjoint address spaces if these VNets may ever be peered or connected'));
          }
        }
      }
      for (const p of a.peerings) {
        if (p.remoteVnetId && ix.vnets.has(p.remoteVnetId)) continue; // compared as a VNet pair above
        for (const x of a.addressSpace) {
          for (const y of p.remoteAddressSpace) {
            if (!cidrOverlaps(x, y)) continue;
            out.push(finding(this.id, 'error', `${a.name}/${p.name}`, p.origin,
              `VNet ${a.name} (${formatCidr(x)}) overlaps the space of its peer ${p.name} (${formatCidr(y)})`,
              'peered VNets need disjoint address spaces; re-address one side'));
          }
        }
      }
      for (const r of onPremRanges(model)) {
        for (const x of a.addressSpace) {
          if (!cidrOverlaps(x, r.cidr)) continue;
          out.push(finding(this.id, 'error', a.name, a.origin,
            `VNet ${a.name} (${formatCidr(x)}) overlaps ${r.label}`,
            'choose VNet space that is not used on premises, or correct the declared on-premises ranges'));
        }
      }
    }
    return out;
  },
};
