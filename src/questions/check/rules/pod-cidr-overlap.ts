// AKS2004 pod-cidr-overlap: the pod CIDR overlaps networks the pods must be able to tell apart from their own.
import { cidrOverlaps, formatCidr } from '../../../engines/net/index.js';
import type { Cluster } from '../../../model/azure.js';
import type { Severity } from '../../../model/diagnostic.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import {
  clusterVnetIds, clusterVnetRanges, onPremRanges, peeredRanges, subnetRanges, subnetsOfVnets, type NamedRange,
} from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * How an overlap of the pod CIDR with the cluster's own (otherwise unused) VNet space is judged: an error for
 * overlay (AKS rejects it), a warning for kubenet and self-managed routed/encapsulated CNIs (works only while no
 * subnet ever takes those addresses), and allowed for Calico policy-only, whose design puts pods inside the VNet.
 */
function vnetSpaceSeverity(c: Cluster): Severity | undefined {
  switch (c.networkMode) {
    case 'azure-cni-overlay': return 'error';
    case 'kubenet': return 'warning';
    case 'self-managed': return c.selfManagedCni === 'calico-policy-only' ? undefined : 'warning';
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
    case 'byo-cni': return 'warning';
    default: {
      const never: never = c.networkMode;
      return never;
    }
  }
}

/**
 * For every cluster with a pod CIDR (kubenet, overlay, self-managed cluster CIDR): reports overlap with any subnet of
 * the cluster's VNets, with the space of VNets peered to them, with declared on-premises ranges and with the
 * cluster's service CIDR (errors), and with the VNet space itself (severity per mode, see vnetSpaceSeverity).
 * Overlay pod CIDRs reused by several clusters are not reported: AKS allows it.
 */
export const podCidrOverlap: CheckRule = {
  id: 'AKS2004',
  slug: 'pod-cidr-overlap',
  title: 'Pod CIDR overlaps subnets, VNet space, peered or on-premises networks or the service CIDR',
  severity: 'error',
  description: 'Compares the pod CIDR of each kubenet, overlay and self-managed cluster with the subnets and address '
    + 'space of its VNet, the space of peered VNets, declared on-premises ranges and the cluster\'s service CIDR.',
  rationale: 'Pod addresses that also exist elsewhere are unreachable or hijack traffic: a packet to the other range '
    + 'is delivered to a pod (or the other way round). AKS requires the overlay pod CIDR not to overlap the cluster '
    + 'subnet or directly connected networks; kubenet needs a range "not in use elsewhere in your network"; a '
    + 'self-managed Calico policy-only cluster keeps its pod range inside the VNet (checked by AKS2009) but outside '
    + 'every subnet.',
  source: 'shared/reference/aks-networking.md §4 rule 1, §5.1, §5.2, §20.1, §21, §23',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }],
        peerings: [{ name: 'hub', addressSpace: ['10.244.0.0/20'] }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }],
        peerings: [{ name: 'hub', addressSpace: ['10.100.0.0/20'] }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.podCidrs.length === 0) continue;
      const vnetIds = clusterVnetIds(model, c);
      const targets: { r: NamedRange; severity: Severity }[] = [
        ...subnetRanges(model, subnetsOfVnets(model, vnetIds)).map((r) => ({ r, severity: 'error' as const })),
        ...peeredRanges(model, vnetIds).map((r) => ({ r, severity: 'error' as const })),
        ...onPremRanges(model).map((r) => ({ r, severity: 'error' as const })),
        ...c.serviceCidrs.map((s) => ({ r: { label: `the service CIDR ${formatCidr(s)}`, cidr: s }, severity: 'error' as const })),
      ];
      const vs = vnetSpaceSeverity(c);
      for (const pod of c.podCidrs) {
        const hits = targets.filter((t) => cidrOverlaps(pod, t.r.cidr));
        for (const t of hits) {
          out.push(finding(this.id, t.severity, c.name, c.origin,
            `pod CIDR ${formatCidr(pod)} of cluster ${c.name} overlaps ${t.r.label}`,
            'choose a pod CIDR outside every subnet, peered and on-premises range and the service CIDR (e.g. 10.244.0.0/16 or 100.64.0.0/10 space)'));
        }
        // VNet space: only when no subnet already explains the overlap, so one mistake is reported once.
        if (vs === undefined || hits.length > 0) continue;
        for (const r of clusterVnetRanges(model, c)) {
          if (!cidrOverlaps(pod, r.cidr)) continue;
          out.push(finding(this.id, vs, c.name, c.origin,
            `pod CIDR ${formatCidr(pod)} of cluster ${c.name} overlaps ${r.label}`,
            vs === 'error'
              ? 'the overlay pod CIDR must lie outside the VNet address space'
              : 'keep the pod CIDR outside the VNet space, or reserve that part of the VNet so no subnet is ever created there'));
        }
      }
    }
    return out;
  },
};
