// AKS2206 kubenet-subnet-shared: a kubenet cluster's node subnet also used by another cluster.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, nodeSubnetIds, subnetIdLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Error for every node subnet used by a kubenet cluster and by at least one other cluster (of any mode). */
export const kubenetSubnetShared: CheckRule = {
  id: 'AKS2206',
  slug: 'kubenet-subnet-shared',
  title: 'kubenet cluster shares its subnet',
  severity: 'error',
  description: 'Checks that a subnet holding the nodes of a kubenet cluster holds no other cluster.',
  rationale: 'kubenet routes pods through the route table of its subnet; AKS supports one kubenet cluster per subnet, '
    + 'and another cluster\'s nodes would follow (and could break) those routes.',
  source: 'shared/reference/aks-networking.md §5.1, §7',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [
        { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
        { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }, { name: 'nodes2', prefix: '10.1.4.0/22' }] }],
      clusters: [
        { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
        { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes2' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const users = new Map<string, { name: string; kubenet: boolean }[]>();
    for (const c of model.clusters) {
      for (const id of nodeSubnetIds(c)) users.set(id, [...(users.get(id) ?? []), { name: c.name, kubenet: c.networkMode === 'kubenet' }]);
    }
    for (const [id, list] of [...users.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (list.length < 2 || !list.some((x) => x.kubenet)) continue;
      const label = subnetIdLabel(model, id);
      const origin = indexOf(model).subnets.get(id)?.origin ?? model.clusters.find((c) => c.name === list[1].name)?.origin;
      out.push(finding(this.id, 'error', label, origin,
        `subnet ${label} holds the nodes of ${list.length} clusters (${list.map((x) => x.name).join(', ')}), one of them kubenet; kubenet needs a subnet of its own`,
        'give each kubenet cluster its own node subnet and route table'));
    }
    return out;
  },
};
