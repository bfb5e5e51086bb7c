// AKS2301 udr-default-route: outboundType userDefinedRouting without a usable 0.0.0.0/0 route.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, nodeSubnetIds, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For clusters with outboundType userDefinedRouting, per described node subnet: error when it has no route table,
 * when the table has no 0.0.0.0/0 route, or when that route's next hop is Internet; warning when it is None
 * (egress is dropped). VirtualAppliance and VirtualNetworkGateway pass.
 */
export const udrDefaultRoute: CheckRule = {
  id: 'AKS2301',
  slug: 'udr-default-route',
  title: 'userDefinedRouting without a default route to an appliance',
  severity: 'error',
  description: 'For outboundType userDefinedRouting, checks that every node subnet has a route table whose 0.0.0.0/0 '
    + 'route goes to a virtual appliance (firewall / NVA) or gateway.',
  rationale: 'With userDefinedRouting AKS creates no outbound path; it validates that the subnet\'s default route '
    + 'exists and does not point to Internet. Without it nodes cannot reach the API server or pull images.',
  source: 'shared/reference/aks-networking.md §10 (userDefinedRouting), §13.2, §23 (a common AKS issue: the failing example below, '
    + '0.0.0.0/0 → Internet with outboundType userDefinedRouting, is reported)',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', routeTable: 'egress' }] }],
      routeTables: [{ name: 'egress', routes: [{ name: 'default', prefix: '0.0.0.0/0', nextHopType: 'Internet' }] }],
      clusters: [{ name: 'aks1', outboundType: 'userDefinedRouting', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', routeTable: 'egress' }] }],
      routeTables: [{ name: 'egress', routes: [{ name: 'default', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: '10.0.1.4' }] }],
      clusters: [{ name: 'aks1', outboundType: 'userDefinedRouting', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    for (const c of model.clusters) {
      if (c.outbound.type !== 'userDefinedRouting') continue;
      for (const id of nodeSubnetIds(c)) {
        const s = ix.subnets.get(id);
        if (!s) continue;
        const label = subnetLabel(model, s);
        const rt = s.routeTableId ? ix.routeTables.get(s.routeTableId) : undefined;
        if (!s.routeTableId) {
          out.push(finding(this.id, 'error', label, s.origin,
            `cluster ${c.name} uses outboundType userDefinedRouting but its subnet ${label} has no route table`,
            'attach a route table with 0.0.0.0/0 → VirtualAppliance (your firewall) to the subnet'));
          continue;
        }
        if (!rt) continue; // the table is named but not in the input: nothing to judge
        const def = rt.routes.find((r) => r.cidr !== undefined && r.cidr.family === 4 && r.cidr.prefix === 0);
        const where = `route table ${rt.name} of subnet ${label} (cluster ${c.name}, outboundType userDefinedRouting)`;
        if (!def) {
          out.push(finding(this.id, 'error', rt.name, rt.origin, `${where} has no 0.0.0.0/0 route`,
            'add 0.0.0.0/0 → VirtualAppliance with the firewall\'s private IP'));
        } else if (def.nextHopType === 'Internet') {
          out.push(finding(this.id, 'error', rt.name, def.origin, `${where} sends 0.0.0.0/0 to Internet; AKS requires it to go to an appliance or gateway`,
            'point 0.0.0.0/0 at the firewall (VirtualAppliance), or use outboundType loadBalancer / NAT gateway'));
        } else if (def.nextHopType === 'None') {
          out.push(finding(this.id, 'warning', rt.name, def.origin, `${where} drops 0.0.0.0/0 (next hop None): nodes have no egress`,
            'point 0.0.0.0/0 at the firewall (VirtualAppliance), or use outboundType none/block deliberately'));
        }
      }
    }
    return out;
  },
};
