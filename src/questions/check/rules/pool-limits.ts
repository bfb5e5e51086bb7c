// AKS2202 pool-limits: more than 100 pools in a cluster, or more than 1,000 nodes in one pool.
import { poolScale } from '../../../derive/scale.js';
import { MAX_NODES_PER_POOL, MAX_POOLS_PER_CLUSTER } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { poolLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** AKS clusters: error above MAX_POOLS_PER_CLUSTER pools; error for a pool whose maximum plus surge exceeds MAX_NODES_PER_POOL. */
export const poolLimits: CheckRule = {
  id: 'AKS2202',
  slug: 'pool-limits',
  title: 'Too many pools, or too many nodes in a pool',
  severity: 'error',
  description: `Checks at most ${MAX_POOLS_PER_CLUSTER.value} pools per AKS cluster and at most ${MAX_NODES_PER_POOL.value} `
    + 'nodes (maximum plus upgrade surge) per pool.',
  rationale: 'A VMSS pool holds at most 1,000 nodes; an upgrade of a full pool cannot add its surge nodes.',
  source: `shared/reference/aks-networking.md §2.2; facts ${MAX_POOLS_PER_CLUSTER.id}, ${MAX_NODES_PER_POOL.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 1000, maxSurge: '10%' }] }] },
    passing: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 900, maxSurge: '10%' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      if (c.pools.length > MAX_POOLS_PER_CLUSTER.value) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster ${c.name} has ${c.pools.length} node pools; AKS allows at most ${MAX_POOLS_PER_CLUSTER.value}`,
          'merge pools with the same VM size and labels'));
      }
      for (const p of c.pools) {
        const s = poolScale(p);
        if (s.nodesMax + s.surge <= MAX_NODES_PER_POOL.value) continue;
        const label = poolLabel(c, p);
        out.push(finding(this.id, 'error', label, p.origin,
          `pool ${label} reaches ${s.nodesMax + s.surge} nodes (${s.nodesMax} + ${s.surge} surge); a pool holds at most ${MAX_NODES_PER_POOL.value}`,
          `keep ${p.autoscale ? 'maxCount' : 'count'} + surge ≤ ${MAX_NODES_PER_POOL.value}, or add another pool`));
      }
    }
    return out;
  },
};
