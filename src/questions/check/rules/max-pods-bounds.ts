// AKS2104 max-pods-bounds: maxPods outside 10..250, or a pool without room for 30 pods.
import { poolScale } from '../../../derive/scale.js';
import { MAX_PODS_MAX, MAX_PODS_MIN, MIN_PODS_PER_POOL } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { poolLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * AKS pools only (kubelet on self-managed clusters has its own limits): error when maxPods < MAX_PODS_MIN or
 * > MAX_PODS_MAX; error when a pool with nodes has room for fewer than MIN_PODS_PER_POOL pods (maxPods × nodes, with
 * the autoscaler minimum when it manages the pool). Pools scaled to zero are not judged by the 30-pod rule.
 */
export const maxPodsBounds: CheckRule = {
  id: 'AKS2104',
  slug: 'max-pods-bounds',
  title: 'maxPods out of bounds or pool with room for fewer than 30 pods',
  severity: 'error',
  description: `Checks maxPods of every AKS pool against ${MAX_PODS_MIN.value}..${MAX_PODS_MAX.value} and that maxPods × nodes `
    + `is at least ${MIN_PODS_PER_POOL.value}.`,
  rationale: 'AKS rejects pools outside these bounds; maxPods is fixed at pool creation, so a wrong value means a new pool.',
  source: `shared/reference/aks-networking.md §2.1; facts ${MAX_PODS_MIN.id}, ${MAX_PODS_MAX.id}, ${MIN_PODS_PER_POOL.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 2, maxPods: 10 }] }] },
    passing: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3, maxPods: 10 }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      for (const p of c.pools) {
        const label = poolLabel(c, p);
        if (p.maxPods < MAX_PODS_MIN.value || p.maxPods > MAX_PODS_MAX.value) {
          out.push(finding(this.id, 'error', label, p.origin,
            `maxPods ${p.maxPods} of pool ${label} is outside ${MAX_PODS_MIN.value}..${MAX_PODS_MAX.value}`,
            `set maxPods between ${MAX_PODS_MIN.value} and ${MAX_PODS_MAX.value} (it cannot be changed later; create a new pool)`));
          continue;
        }
        const nodes = p.autoscale ? Math.min(p.autoscale.min, poolScale(p).nodesNow) : poolScale(p).nodesNow;
        if (nodes > 0 && nodes * p.maxPods < MIN_PODS_PER_POOL.value) {
          const need = Math.ceil(MIN_PODS_PER_POOL.value / p.maxPods);
          out.push(finding(this.id, 'error', label, p.origin,
            `pool ${label} has room for ${nodes} × ${p.maxPods} = ${nodes * p.maxPods} pods; every pool needs at least ${MIN_PODS_PER_POOL.value}`,
            `run at least ${need} nodes${p.autoscale ? ' (autoscaler minCount)' : ''}, or raise maxPods to ${Math.ceil(MIN_PODS_PER_POOL.value / nodes)}`));
        }
      }
    }
    return out;
  },
};
