// AKS2208 route-table-shared: one route table carrying the node routes of two clusters.
import { clusterRouteTableId, usesNodeRoutes } from '../../../derive/demand.js';
import { nameFromId, type Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Error for every route table that two or more kubenet / route-table self-managed clusters write node routes into. */
export const routeTableShared: CheckRule = {
  id: 'AKS2208',
  slug: 'route-table-shared',
  title: 'Route table shared by clusters that program node routes',
  severity: 'error',
  description: 'Finds, for every kubenet or route-table self-managed cluster, the route table its node routes go to '
    + '(its own, else the one on its node subnet) and reports tables used by more than one such cluster.',
  rationale: 'Each cluster\'s cloud provider reconciles the table to its own nodes and may delete the other\'s routes; '
    + 'AKS does not support sharing a kubenet route table between clusters.',
  source: 'shared/reference/aks-networking.md §7, §13.4, §23 (a common AKS issue: the failing example below, one route table '
    + 'shared by two kubenet clusters, is reported)',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
        { name: 'a', prefix: '10.1.0.0/22', routeTable: 'rt' }, { name: 'b', prefix: '10.1.4.0/22', routeTable: 'rt' }] }],
      routeTables: [{ name: 'rt' }],
      clusters: [
        { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
        { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/b' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
        { name: 'a', prefix: '10.1.0.0/22', routeTable: 'rt1' }, { name: 'b', prefix: '10.1.4.0/22', routeTable: 'rt2' }] }],
      routeTables: [{ name: 'rt1' }, { name: 'rt2' }],
      clusters: [
        { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
        { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/b' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const users = new Map<string, string[]>();
    for (const c of model.clusters) {
      if (!usesNodeRoutes(c)) continue;
      const id = clusterRouteTableId(c, model);
      if (id) users.set(id, [...(users.get(id) ?? []), c.name]);
    }
    for (const [id, names] of [...users.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (names.length < 2) continue;
      const rt = indexOf(model).routeTables.get(id);
      const name = rt?.name ?? nameFromId(id);
      const origin = rt?.origin ?? model.clusters.find((c) => c.name === names[1])?.origin;
      out.push(finding(this.id, 'error', name, origin,
        `route table ${name} receives the node routes of ${names.length} clusters: ${names.join(', ')}`,
        'give each cluster its own route table'));
    }
    return out;
  },
};
