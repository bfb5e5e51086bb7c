// AKS2207 kubenet-route-table: a kubenet cluster on a bring-your-own subnet without a route table.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, nodeSubnetIds, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * Warning for every BYO node subnet of a kubenet cluster that has no route table of the user's own: none attached,
 * or only the one AKS creates for the cluster (a route table with `managedBy`). Subnets named but not described in
 * the input, and the AKS-managed VNet, are not judged.
 */
export const kubenetRouteTable: CheckRule = {
  id: 'AKS2207',
  slug: 'kubenet-route-table',
  title: 'kubenet cluster on a subnet without a route table',
  severity: 'warning',
  description: 'Checks that each bring-your-own node subnet of a kubenet cluster has a route table attached.',
  rationale: 'kubenet needs a route table on its subnet for the per-node pod routes. AKS creates one when it is '
    + 'missing, but a route table you bring must be attached before the cluster is created and cannot be replaced '
    + 'later; without it your own routes (firewall, hub) cannot coexist with the pod routes.',
  source: 'shared/reference/aks-networking.md §5.1, §7, §13.4',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', routeTable: 'k1-routes' }] }],
      routeTables: [{ name: 'k1-routes' }],
      clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    for (const c of model.clusters) {
      if (c.networkMode !== 'kubenet' || c.managedVnet) continue;
      for (const id of nodeSubnetIds(c)) {
        const s = ix.subnets.get(id);
        if (!s) continue;
        const rt = s.routeTableId ? ix.routeTables.get(s.routeTableId) : undefined;
        if (s.routeTableId && rt?.managedBy === undefined) continue;
        const label = subnetLabel(model, s);
        out.push(finding(this.id, 'warning', label, s.origin,
          `kubenet cluster ${c.name} uses subnet ${label}, which has no route table; AKS will create and own one`,
          'create a route table, attach it to the subnet before creating the cluster, and give the cluster a user-assigned identity'));
      }
    }
    return out;
  },
};
