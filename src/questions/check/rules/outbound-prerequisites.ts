// AKS2302 outbound-prerequisites: outbound types that need (or forbid) a bring-your-own subnet or a NAT gateway.
import type { OutboundType } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, nodeSubnetIds, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Whether an outbound type needs a BYO subnet ('byo'), a managed VNet ('managed') or works with both. */
function vnetNeed(t: OutboundType): 'byo' | 'managed' | 'any' {
  switch (t) {
    case 'userDefinedRouting':
    case 'userAssignedNATGateway': return 'byo';
    case 'managedNATGateway':
    case 'managedNATGatewayV2':
    case 'block': return 'managed';
    case 'loadBalancer':
    case 'none': return 'any';
    default: {
      const never: never = t;
      return never;
    }
  }
}

/**
 * AKS clusters: error when userDefinedRouting / userAssignedNATGateway are used with the AKS-managed VNet, when
 * managedNATGateway(V2) / block are used with a BYO subnet, and when userAssignedNATGateway's node subnets (as
 * described in the input) have no NAT gateway.
 */
export const outboundPrerequisites: CheckRule = {
  id: 'AKS2302',
  slug: 'outbound-prerequisites',
  title: 'Outbound type prerequisites not met',
  severity: 'error',
  description: 'Checks the VNet each outbound type needs (BYO subnet or AKS-managed VNet) and that userAssignedNATGateway '
    + 'node subnets have a NAT gateway attached.',
  rationale: 'AKS rejects userDefinedRouting and userAssignedNATGateway without --vnet-subnet-id, and managed NAT '
    + 'gateway / block on bring-your-own VNets; a user-assigned NAT gateway must already be on the subnet.',
  source: 'shared/reference/aks-networking.md §10',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'aks1', outboundType: 'userAssignedNATGateway', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', natGateway: true }] }],
      clusters: [{ name: 'aks1', outboundType: 'userAssignedNATGateway', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      const t = c.outbound.type;
      const need = vnetNeed(t);
      if (need === 'byo' && c.managedVnet) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster ${c.name} uses outboundType ${t}, which needs a bring-your-own subnet, but its pools use the AKS-managed VNet`,
          'give the pools a vnetSubnetID prepared with the route table / NAT gateway'));
      } else if (need === 'managed' && !c.managedVnet) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster ${c.name} uses outboundType ${t}, which is only available with the AKS-managed VNet, but its pools use their own subnets`,
          t === 'block' ? 'use the managed VNet, or control egress with a firewall (userDefinedRouting)' : 'use userAssignedNATGateway with a NAT gateway on the subnet'));
      }
      if (t === 'userAssignedNATGateway') {
        for (const id of nodeSubnetIds(c)) {
          const s = ix.subnets.get(id);
          if (!s || s.natGatewayId) continue;
          const label = subnetLabel(model, s);
          out.push(finding(this.id, 'error', label, s.origin,
            `cluster ${c.name} uses outboundType userAssignedNATGateway but subnet ${label} has no NAT gateway`,
            'associate your NAT gateway with the subnet before creating the cluster'));
        }
      }
    }
    return out;
  },
};
