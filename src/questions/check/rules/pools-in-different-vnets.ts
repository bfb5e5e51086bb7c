// AKS2204 pools-in-different-vnets: node pools of one AKS cluster in subnets of different VNets.
import type { Model } from '../../../model/model.js';
import { nameFromId } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, clusterVnetIds } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** AKS clusters whose pools' node and pod subnets lie in more than one VNet (error). */
export const poolsInDifferentVnets: CheckRule = {
  id: 'AKS2204',
  slug: 'pools-in-different-vnets',
  title: 'Node pools of one cluster in different VNets',
  severity: 'error',
  description: 'Collects the VNets of every node and pod subnet of an AKS cluster and checks there is only one.',
  rationale: 'AKS requires every node-pool subnet of a cluster to be in the same VNet (aks-engine enforced the same).',
  source: 'shared/reference/aks-networking.md §7',
  examples: {
    failing: {
      vnets: [
        { name: 'v1', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] },
        { name: 'v2', addressSpace: ['10.2.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.2.0.0/24' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'v1/nodes' }, { name: 'user', subnet: 'v2/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'v1', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'user', prefix: '10.1.1.0/24' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'v1/nodes' }, { name: 'user', subnet: 'v1/user' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const ix = indexOf(model);
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      const ids = clusterVnetIds(model, c);
      if (ids.length < 2) continue;
      const names = ids.map((id) => ix.vnets.get(id)?.name ?? nameFromId(id));
      out.push(finding(this.id, 'error', c.name, c.origin,
        `pools of cluster ${c.name} use subnets in ${ids.length} VNets: ${names.join(', ')}`,
        'put every node-pool (and pod) subnet of the cluster in one VNet'));
    }
    return out;
  },
};
