// AKS2010 node-cidr-mask: per-node pod CIDR mask incompatible with the cluster (pod) CIDR.
import { formatCidr } from '../../../engines/net/index.js';
import { NODE_CIDR_MAX_DIFF } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For IPv4 pod CIDRs of clusters with per-node pod ranges: error when the node mask is not longer than the cluster
 * prefix, or longer by more than NODE_CIDR_MAX_DIFF (kube-controller-manager refuses to start).
 */
export const nodeCidrMask: CheckRule = {
  id: 'AKS2010',
  slug: 'node-cidr-mask',
  title: 'Node CIDR mask incompatible with the cluster CIDR',
  severity: 'error',
  description: `Checks that the per-node mask (--node-cidr-mask-size; /24 on AKS) is longer than the pod CIDR prefix and at `
    + `most ${NODE_CIDR_MAX_DIFF.value} bits longer.`,
  rationale: 'The node IPAM controller carves one node CIDR per node from the cluster CIDR; it needs at least one '
    + `node CIDR, and refuses more than 2^${NODE_CIDR_MAX_DIFF.value} of them (clusterSubnetMaxDiff).`,
  source: `shared/reference/aks-networking.md §5.3; fact ${NODE_CIDR_MAX_DIFF.id} (${NODE_CIDR_MAX_DIFF.source})`,
  examples: {
    failing: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '10.0.0.0/8', nodeCidrMaskSize: 26, pools: [{ name: 'workers' }] }] },
    passing: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '10.0.0.0/8', nodeCidrMaskSize: 24, pools: [{ name: 'workers' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      const mask = c.nodeCidrMaskSize;
      for (const p of c.podCidrs) {
        if (p.family !== 4) continue;
        const what = `node CIDR mask /${mask} of cluster ${c.name}`;
        if (mask <= p.prefix) {
          out.push(finding(this.id, 'error', c.name, c.origin,
            `${what} is not longer than its pod CIDR ${formatCidr(p)}`,
            `use a pod CIDR shorter than /${mask}, or a longer node mask`));
        } else if (mask - p.prefix > NODE_CIDR_MAX_DIFF.value) {
          out.push(finding(this.id, 'error', c.name, c.origin,
            `${what} is ${mask - p.prefix} bits longer than its pod CIDR ${formatCidr(p)}; at most ${NODE_CIDR_MAX_DIFF.value} are allowed`,
            `use a node mask of at most /${p.prefix + NODE_CIDR_MAX_DIFF.value}, or a pod CIDR of at least /${mask - NODE_CIDR_MAX_DIFF.value}`));
        }
      }
    }
    return out;
  },
};
