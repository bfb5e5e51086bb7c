// AKS2009 pod-cidr-inside-vnet: a Calico policy-only (route-table) self-managed cluster with pods outside the VNet.
import { formatCidr, IpSet } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { clusterVnetRanges } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Self-managed clusters with `cni: calico-policy-only`: every cluster CIDR must lie inside the cluster's VNet space. */
export const podCidrInsideVnet: CheckRule = {
  id: 'AKS2009',
  slug: 'pod-cidr-inside-vnet',
  title: 'Self-managed route-table cluster with its cluster CIDR outside the VNet',
  severity: 'error',
  description: 'For self-managed clusters whose pods are routed by the Azure route table (Calico policy-only), checks '
    + 'that the cluster CIDR (--cluster-cidr) is part of the VNet address space.',
  rationale: 'Azure only forwards to a route\'s next hop for destinations it routes inside the VNet; Tigera\'s Azure '
    + 'guide and the Giant Swarm design require the pod CIDR to be inside the VNet range (but outside every subnet, '
    + 'see AKS2004).',
  source: 'shared/reference/aks-networking.md §21 (policy-only with UDRs), §5.3; docs/formats/native.md',
  examples: {
    failing: {
      vnets: [{ name: 'net', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'vms', prefix: '10.0.0.0/24', routeTable: 'k8s' }] }],
      routeTables: [{ name: 'k8s' }],
      clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '192.168.0.0/17', routeTable: 'k8s',
        pools: [{ name: 'workers', subnet: 'net/vms', count: 3, maxSurge: 1 }] }],
    },
    passing: {
      vnets: [{ name: 'net', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'vms', prefix: '10.0.0.0/24', routeTable: 'k8s' }] }],
      routeTables: [{ name: 'k8s' }],
      clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '10.0.128.0/17', routeTable: 'k8s',
        pools: [{ name: 'workers', subnet: 'net/vms', count: 3, maxSurge: 1 }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.kind !== 'self-managed' || c.selfManagedCni !== 'calico-policy-only' || c.managedVnet) continue;
      const ranges = clusterVnetRanges(model, c);
      if (ranges.length === 0) continue;
      const space = IpSet.fromCidrs(ranges.map((r) => r.cidr));
      for (const p of c.podCidrs) {
        if (space.containsCidr(p)) continue;
        out.push(finding(this.id, 'error', c.name, c.origin,
          `cluster CIDR ${formatCidr(p)} of ${c.name} is not inside its VNet address space (${space.toString()}); ` +
            'Calico policy-only pods are routed by the Azure route table and must use VNet addresses',
          'choose a cluster CIDR from an unused part of the VNet space (outside every subnet), or add a range to the VNet'));
      }
    }
    return out;
  },
};
