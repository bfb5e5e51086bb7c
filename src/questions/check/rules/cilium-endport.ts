// AKS3006 cilium-endport: endPort ranges on a Cilium cluster whose Cilium predates 1.17 (AKS Kubernetes < 1.32).
import { ciliumEndPort, engineOfNetworkPolicy } from '../../../engines/policy/choose.js';
import type { Cluster } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';

/**
 * The clusters whose Cilium enforces only the first port of a range: those running the Cilium engine (`--engine
 * cilium` makes every cluster one; else its networkPolicy) on a Kubernetes version before Cilium 1.17, each with the
 * version note. No cluster in the input: none (the version is unknown, endPort support is assumed).
 */
function narrowingClusters(model: Model, ctx: CheckContext): { cluster: Cluster; note: string }[] {
  return model.clusters.flatMap((c) => {
    if ((ctx.engine ?? engineOfNetworkPolicy(c.networkPolicy)) !== 'cilium') return [];
    const e = ciliumEndPort(c.kubernetesVersion);
    return e.supported ? [] : [{ cluster: c, note: e.note }];
  });
}

/** One warning per Kubernetes / Cilium policy rule with a port range when Cilium enforces only its first port. */
export const ciliumEndport: CheckRule = {
  id: 'AKS3006',
  slug: 'cilium-endport',
  title: 'endPort ranges not enforced by the cluster\'s Cilium version',
  severity: 'warning',
  description: 'Under the Cilium engine on AKS Kubernetes before 1.32 (Cilium before 1.17), reports NetworkPolicy and '
    + 'Cilium rules with endPort ranges: only the first port of the range is enforced.',
  rationale: 'Traffic to the other ports of the range is denied although the policy seems to allow it.',
  source: 'shared/reference/policy-semantics.md §7.6, §8; facts AKS_CILIUM_MIN_VERSION, CILIUM_ENDPORT_MIN_VERSION',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', kubernetesVersion: '1.31', pools: [{ name: 'system' }] }], policies: [{ name: 'range', port: 8000, endPort: 8100 }] },
    passing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', kubernetesVersion: '1.32', pools: [{ name: 'system' }] }], policies: [{ name: 'range', port: 8000, endPort: 8100 }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    // Per cluster: each runs its own engine and Cilium version (policies of the input apply to every cluster).
    const narrowing = narrowingClusters(model, ctx);
    if (narrowing.length === 0) return [];
    const why = narrowing.map((n) => `cluster ${n.cluster.name}: ${n.note}`).join('; ');
    const out: Finding[] = [];
    for (const p of model.policies) {
      if (p.source !== 'k8s-networkpolicy' && p.source !== 'cilium-networkpolicy' && p.source !== 'cilium-clusterwide-networkpolicy') continue;
      for (const r of p.rules) {
        if (r.ports === 'any') continue;
        const range = r.ports.find((m) => m.kind === 'numeric' && !m.ports.isAll() && m.ports.size() > 1);
        if (range === undefined || range.kind !== 'numeric') continue;
        out.push(finding(this.id, 'warning', p.id, r.origin,
          `${p.id}: port range ${range.protocol} ${range.ports.toString()} — ${why}`,
          'upgrade the cluster to Kubernetes 1.32 or later, or list the ports one by one'));
      }
    }
    return out;
  },
};
