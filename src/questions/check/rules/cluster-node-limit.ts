// AKS2201 cluster-node-limit: more nodes in a cluster than the default quota or the hard limit.
import { poolScale } from '../../../derive/scale.js';
import { MAX_NODES_PER_CLUSTER, NODES_PER_CLUSTER_DEFAULT_QUOTA } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * AKS clusters: nodes at maximum scale (Σ maxCount or count) plus the largest single-pool surge (pools upgrade one
 * at a time) above MAX_NODES_PER_CLUSTER → error; above NODES_PER_CLUSTER_DEFAULT_QUOTA → warning.
 */
export const clusterNodeLimit: CheckRule = {
  id: 'AKS2201',
  slug: 'cluster-node-limit',
  title: 'Cluster above the node quota or the node limit',
  severity: 'error',
  description: `Sums the maximum nodes of every pool of an AKS cluster, plus the surge of the pool with the largest surge, `
    + `and compares with the default quota (${NODES_PER_CLUSTER_DEFAULT_QUOTA.value}) and the limit (${MAX_NODES_PER_CLUSTER.value}).`,
  rationale: 'Scaling beyond the quota fails until a support request raises it; beyond the hard limit it always fails.',
  source: `shared/reference/aks-networking.md §2.2, §24 item 15; facts ${NODES_PER_CLUSTER_DEFAULT_QUOTA.id}, ${MAX_NODES_PER_CLUSTER.id}`,
  examples: {
    failing: { clusters: [{ name: 'big', pools: [{ name: 'system', count: 3 }, { name: 'a', count: 10, maxCount: 600 }, { name: 'b', count: 10, maxCount: 600 }] }] },
    passing: { clusters: [{ name: 'big', pools: [{ name: 'system', count: 3 }, { name: 'a', count: 10, maxCount: 400 }, { name: 'b', count: 10, maxCount: 400 }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      const scales = c.pools.map(poolScale);
      const max = scales.reduce((s, x) => s + x.nodesMax, 0);
      const surge = scales.reduce((m, x) => Math.max(m, x.surge), 0);
      const total = max + surge;
      const what = `cluster ${c.name} reaches ${total} nodes (${max} at maximum scale + ${surge} upgrade surge)`;
      if (total > MAX_NODES_PER_CLUSTER.value) {
        out.push(finding(this.id, 'error', c.name, c.origin, `${what}; AKS allows at most ${MAX_NODES_PER_CLUSTER.value}`,
          'lower maxCount, or split the workload over several clusters'));
      } else if (total > NODES_PER_CLUSTER_DEFAULT_QUOTA.value) {
        out.push(finding(this.id, 'warning', c.name, c.origin, `${what}, above the default quota of ${NODES_PER_CLUSTER_DEFAULT_QUOTA.value}`,
          'request a node quota increase before scaling past it'));
      }
    }
    return out;
  },
};
