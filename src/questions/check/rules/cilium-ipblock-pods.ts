// AKS3005 cilium-ipblock-pods: ipBlock / CIDR peers covering pod or node addresses, under Cilium (they never match them).
import { IpSet, formatCidr } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { peersOf, policyEngine } from './policy-engine.js';

/** Pod and node addresses of the model: cluster pod CIDRs, pod IPs and node IPs. */
function clusterAddresses(model: Model): { pods: IpSet; nodes: IpSet } {
  let pods = IpSet.empty();
  let nodes = IpSet.empty();
  for (const c of model.clusters) pods = pods.union(IpSet.fromCidrs(c.podCidrs));
  for (const p of model.pods) if (p.ip && !p.hostNetwork) pods = pods.union(IpSet.fromCidr({ family: p.ip.family, base: p.ip.value, prefix: p.ip.family === 4 ? 32 : 128 }));
  for (const n of model.nodes) if (n.ip) nodes = nodes.union(IpSet.fromCidr({ family: n.ip.family, base: n.ip.value, prefix: n.ip.family === 4 ? 32 : 128 }));
  return { pods, nodes };
}

/** Under Cilium: one warning per ipBlock / CIDR peer that overlaps pod or node addresses. */
export const ciliumIpblockPods: CheckRule = {
  id: 'AKS3005',
  slug: 'cilium-ipblock-pods',
  title: 'ipBlock covers pod or node addresses under Cilium',
  severity: 'warning',
  description: 'Under the Cilium engine, reports every ipBlock (or CIDR rule) that overlaps the cluster pod CIDR, a pod '
    + 'address or a node address: Cilium matches CIDR rules only against addresses without a cluster identity, so the '
    + 'block never matches pods or nodes (0.0.0.0/0 does not allow pod-to-pod traffic).',
  rationale: 'A policy written for Azure NPM or Calico (where ipBlock matches pod IPs) silently changes meaning after a move to Cilium.',
  source: 'shared/reference/policy-semantics.md §7.4, §8, §10 (rows 1–2); cilium#9209',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }], policies: [{ name: 'to-pods', ipBlock: '10.244.0.0/16' }] },
    passing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }], policies: [{ name: 'to-internet', ipBlock: '203.0.113.0/24' }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    if (policyEngine(model, ctx).engine !== 'cilium') return [];
    const { pods, nodes } = clusterAddresses(model);
    const out: Finding[] = [];
    for (const p of model.policies) for (const r of p.rules) for (const peer of peersOf(r)) {
      if (peer.kind !== 'ipblock') continue;
      const what = [peer.set.overlaps(pods) ? 'pod' : '', peer.set.overlaps(nodes) ? 'node' : ''].filter(Boolean);
      if (what.length === 0) continue;
      out.push(finding(this.id, 'warning', p.id, r.origin,
        `${p.id}: ipBlock ${formatCidr(peer.cidr)} covers ${what.join(' and ')} addresses, but under Cilium CIDR rules never match pods or nodes`,
        'select pods with podSelector / namespaceSelector: {} and nodes with a CiliumNetworkPolicy toEntities: [host, remote-node]'));
    }
    return out;
  },
};
