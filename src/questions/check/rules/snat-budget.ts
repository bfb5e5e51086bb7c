// AKS2103 snat-budget: load-balancer outbound SNAT ports per node × nodes exceed what the outbound IPs provide.
import { defaultSnatPorts, rangeDemands } from '../../../derive/demand.js';
import { poolScale } from '../../../derive/scale.js';
import { SNAT_PORTS_PER_LB_IP } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * Clusters with outboundType loadBalancer: error when nodes (maximum plus surge) × SNAT ports per node exceed
 * outbound IPs × 64,000; warning when, with automatic allocation (allocatedOutboundPorts 0), scaling from the current
 * to the maximum node count crosses a row of Azure's default table and so lowers every node's ports.
 */
export const snatBudget: CheckRule = {
  id: 'AKS2103',
  slug: 'snat-budget',
  title: 'Outbound SNAT ports do not cover every node',
  severity: 'error',
  description: 'Multiplies the SNAT ports each node gets (allocatedOutboundPorts, or Azure\'s default by backend pool '
    + 'size) by the nodes at maximum scale with surge, and compares with 64,000 ports per outbound public IP.',
  rationale: 'Ports are pre-allocated per node; nodes that get none cannot open outbound connections, and shrinking '
    + 'default allocations when the pool crosses 50/100/200/400/800 nodes resets connections on existing nodes.',
  source: `shared/reference/aks-networking.md §11.1, §11.3; facts ${SNAT_PORTS_PER_LB_IP.id}, DEFAULT_SNAT_PORTS_TABLE`,
  examples: {
    failing: { clusters: [{ name: 'aks1', outboundIps: 1, allocatedOutboundPorts: 4000, pools: [{ name: 'system', count: 3 }, { name: 'user', count: 5, maxCount: 20, maxSurge: 1 }] }] },
    passing: { clusters: [{ name: 'aks1', outboundIps: 2, allocatedOutboundPorts: 4000, pools: [{ name: 'system', count: 3 }, { name: 'user', count: 5, maxCount: 20, maxSurge: 1 }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const d of rangeDemands(model)) {
      if (d.kind !== 'snat-ports') continue;
      const c = model.clusters.find((x) => x.id === d.clusterId);
      if (!c) continue;
      const nodesMax = d.contributions.reduce((s, x) => s + x.nodes, 0);
      const per = d.contributions[0]?.perNode ?? 0;
      if (d.requiredMax > d.available) {
        const ips = Math.ceil(d.requiredMax / SNAT_PORTS_PER_LB_IP.value);
        const fitPorts = nodesMax > 0 ? Math.floor(d.available / nodesMax / 8) * 8 : 0;
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster ${c.name} needs ${nodesMax} nodes × ${per} SNAT ports = ${d.requiredMax} at maximum scale with surge, ` +
            `but ${c.outbound.outboundIps} outbound IP(s) give ${d.available}`,
          `use ${ips} outbound IPs, or allocatedOutboundPorts ≤ ${fitPorts}, or a NAT gateway`));
      }
      if (c.outbound.allocatedOutboundPorts === 0) {
        const nodesNow = c.pools.reduce((s, p) => s + poolScale(p).nodesNow, 0);
        const a = defaultSnatPorts(nodesNow);
        const b = defaultSnatPorts(nodesMax);
        if (nodesNow > 0 && b < a) {
          out.push(finding(this.id, 'warning', c.name, c.origin,
            `cluster ${c.name} uses automatic SNAT allocation: growing from ${nodesNow} to ${nodesMax} nodes lowers every node's ports from ${a} to ${b}, which resets existing connections`,
            'set allocatedOutboundPorts explicitly (a multiple of 8) for the maximum node count'));
        }
      }
    }
    return out;
  },
};
