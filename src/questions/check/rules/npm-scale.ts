// AKS3002 npm-scale: Azure Network Policy Manager beyond 250 nodes or 20,000 pods.
import { poolScale } from '../../../derive/scale.js';
import { NPM_MAX_NODES, NPM_MAX_PODS } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * Clusters with networkPolicy azure: error when nodes at maximum scale exceed NPM_MAX_NODES; warning when the pod
 * capacity (Σ maximum nodes × maxPods) exceeds NPM_MAX_PODS (the running pod count is not known offline).
 */
export const npmScale: CheckRule = {
  id: 'AKS3002',
  slug: 'npm-scale',
  title: 'Azure NPM beyond its node or pod limit',
  severity: 'error',
  description: `For clusters using Azure Network Policy Manager, compares nodes at maximum scale with ${NPM_MAX_NODES.value} `
    + `and the pod capacity with ${NPM_MAX_PODS.value}.`,
  rationale: 'NPM keeps every pod IP in ipsets on every node; beyond these limits it can run out of memory and stop '
    + 'enforcing policy.',
  source: `shared/reference/aks-networking.md §2.4; facts ${NPM_MAX_NODES.id}, ${NPM_MAX_PODS.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 50, maxCount: 300 }] }] },
    passing: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 50, maxCount: 200 }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.networkPolicy !== 'azure') continue;
      const scales = c.pools.map(poolScale);
      const nodes = scales.reduce((s, x) => s + x.nodesMax, 0);
      const pods = scales.reduce((s, x) => s + x.nodesMax * x.pool.maxPods, 0);
      if (nodes > NPM_MAX_NODES.value) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster ${c.name} uses Azure NPM and reaches ${nodes} nodes at maximum scale; NPM supports at most ${NPM_MAX_NODES.value}`,
          `keep the cluster at ${NPM_MAX_NODES.value} nodes, or move to Cilium network policy`));
      } else if (pods > NPM_MAX_PODS.value) {
        out.push(finding(this.id, 'warning', c.name, c.origin,
          `cluster ${c.name} uses Azure NPM and has room for ${pods} pods at maximum scale; NPM supports at most ${NPM_MAX_PODS.value}`,
          'keep the running pods below the limit (lower maxPods or maxCount), or move to Cilium network policy'));
      }
    }
    return out;
  },
};
