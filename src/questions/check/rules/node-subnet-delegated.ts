// AKS2205 node-subnet-delegated: a node subnet delegated to a service.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, nodeSubnetIds, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Error for every subnet used as a node subnet by some cluster that has a delegation. */
export const nodeSubnetDelegated: CheckRule = {
  id: 'AKS2205',
  slug: 'node-subnet-delegated',
  title: 'Node subnet is delegated',
  severity: 'error',
  description: 'Checks that no subnet used for node NICs is delegated to a service.',
  rationale: 'AKS cannot place node VMs in a delegated subnet (only the API-server VNet-integration subnet is delegated, to Microsoft.ContainerService/managedClusters).',
  source: 'shared/reference/aks-networking.md §6.6, §7',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24', delegations: ['Microsoft.Web/serverFarms'] }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    const users = new Map<string, string[]>();
    for (const c of model.clusters) for (const id of nodeSubnetIds(c)) users.set(id, [...(users.get(id) ?? []), c.name]);
    for (const [id, clusters] of users) {
      const s = ix.subnets.get(id);
      if (!s || s.delegations.length === 0) continue;
      const label = subnetLabel(model, s);
      out.push(finding(this.id, 'error', label, s.origin,
        `node subnet ${label} of ${clusters.join(', ')} is delegated to ${s.delegations.join(', ')}`,
        'use an undelegated subnet for nodes, or remove the delegation'));
    }
    return out;
  },
};
