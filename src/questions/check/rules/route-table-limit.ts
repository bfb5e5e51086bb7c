// AKS2102 route-table-limit: more node routes than a route table can hold (kubenet, self-managed UDR clusters).
import { rangeDemands } from '../../../derive/demand.js';
import { ROUTE_TABLE_MAX_ROUTES } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For every route table that carries per-node pod routes: error when the nodes at maximum scale plus surge, added to
 * the user-defined routes already in the table, exceed ROUTE_TABLE_MAX_ROUTES. This is also the kubenet 400-node cap.
 */
export const routeTableLimit: CheckRule = {
  id: 'AKS2102',
  slug: 'route-table-limit',
  title: 'Route table cannot hold a route per node',
  severity: 'error',
  description: `Counts one route per node (at autoscaler maximum plus upgrade surge) of every kubenet or route-table `
    + `self-managed cluster using a route table, plus the table's own routes, against the ${ROUTE_TABLE_MAX_ROUTES.value}-route limit.`,
  rationale: 'The cloud provider writes one route per node podCIDR; once the table is full new nodes get no route and '
    + 'their pods are unreachable from other nodes. This is why kubenet is limited to 400 nodes.',
  source: `shared/reference/aks-networking.md §2.2 (kubenet 400 nodes), §7, §13.2, §13.4; fact ${ROUTE_TABLE_MAX_ROUTES.id}`,
  examples: {
    failing: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 400, maxSurge: '10%' }] }] },
    passing: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 300, maxSurge: '10%' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const d of rangeDemands(model)) {
      if (d.kind !== 'route-table' || d.requiredMax <= d.available) continue;
      const user = d.reserved ?? 0;
      const pools = d.contributions.map((c) => `${c.cluster}/${c.pool} ${c.nodes}`).join(', ');
      const fit = Math.max(0, d.available);
      out.push(finding(this.id, 'error', d.name, d.origin,
        `route table ${d.name} needs ${d.requiredMax} node routes at maximum scale with surge (${pools})` +
          (user ? ` besides its ${user} user-defined routes` : '') + `; a route table holds ${ROUTE_TABLE_MAX_ROUTES.value} routes`,
        `keep the clusters on this table to ${fit} nodes including surge, or move to Azure CNI Overlay (no route table, up to 5,000 nodes)`));
    }
    return out;
  },
};
