// AKS3003 ipip-on-azure: a self-managed Calico cluster using IPIP encapsulation, which the Azure fabric drops.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/** Error for every self-managed cluster with `cni: calico-bgp-ipip`. */
export const ipipOnAzure: CheckRule = {
  id: 'AKS3003',
  slug: 'ipip-on-azure',
  title: 'Calico IPIP on Azure',
  severity: 'error',
  description: 'Reports self-managed clusters whose Calico uses BGP with IPIP encapsulation.',
  rationale: 'Azure does not forward IP-in-IP (protocol 4) packets between VMs, so pod-to-pod traffic across nodes is '
    + 'silently dropped. Calico VXLAN, or policy-only Calico with route-table routing, work.',
  source: 'shared/reference/aks-networking.md §21 (Tigera, public-cloud/azure); docs/formats/native.md',
  examples: {
    failing: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-bgp-ipip', podCidr: '192.168.0.0/16', pools: [{ name: 'w' }] }] },
    passing: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '192.168.0.0/16', pools: [{ name: 'w' }] }] },
  },
  run(model: Model): Finding[] {
    return model.clusters
      .filter((c) => c.kind === 'self-managed' && c.selfManagedCni === 'calico-bgp-ipip')
      .map((c) => finding(this.id, 'error', c.name, c.origin,
        `cluster ${c.name} uses Calico BGP with IPIP encapsulation, which the Azure network drops: pods on different nodes cannot talk`,
        'switch the IP pool to VXLAN (ipipMode: Never, vxlanMode: Always), or use Calico policy-only with a route table'));
  },
};
