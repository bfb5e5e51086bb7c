// AKS2101 subnet-exhaustion: the AKS pre-allocation check ("InsufficientSubnetSize") per subnet and pod CIDR.
import { rangeDemands, type RangeDemand } from '../../../derive/demand.js';
import { poolScale } from '../../../derive/scale.js';
import type { Model } from '../../../model/model.js';
import { smallestFittingPrefix } from '../../plan/plan.js';
import { contributingPools, largestFittingMax, largestFittingSurge } from '../capacity.js';
import { finding } from '../finding.js';
import { subnetIdLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

function isBlocks(d: RangeDemand, model: Model): boolean {
  const c = model.clusters.find((x) => x.id === d.clusterId);
  return d.kind === 'pod-cidr' && c !== undefined && c.networkMode !== 'azure-cni-overlay';
}

function resourceOf(d: RangeDemand, model: Model): string {
  if (d.kind === 'pod-cidr') return model.clusters.find((c) => c.id === d.clusterId)?.name ?? d.name;
  if (d.id.includes('/managed-vnet/')) return `${d.contributions[0]?.cluster ?? ''}/${d.name} (AKS-managed VNet)`;
  return subnetIdLabel(model, d.id);
}

function breakdown(d: RangeDemand, unit: string): string {
  return d.contributions.map((c) => `${c.cluster}/${c.pool} ${c.nodes} × ${c.perNode} = ${c.total}`).join(', ') +
    (unit ? ` ${unit}` : '');
}

function hint(d: RangeDemand, model: Model, blocks: boolean): string {
  const parts: string[] = [];
  for (const p of contributingPools(model, d).filter((x) => x.contribution.perNode > 0).slice(0, 4)) {
    const sc = poolScale(p.pool);
    const what = p.pool.autoscale ? 'maxCount' : 'count';
    const n = largestFittingMax(d, p);
    const s = largestFittingSurge(d, p, sc.nodesMax);
    const label = `${p.cluster.name}/${p.pool.name}`;
    if (n !== undefined && n > 0 && n < sc.nodesMax) parts.push(`${label} ${what} ≤ ${n}`);
    if (s !== undefined && s < sc.surge) parts.push(`${label} maxSurge ≤ ${s} at ${what} ${sc.nodesMax}`);
  }
  const p = smallestFittingPrefix(d, model.clusters.find((x) => x.id === d.clusterId), d.requiredMax);
  if (p !== undefined) parts.push(blocks ? `a pod CIDR of /${p} or larger` : `a /${p} ${d.kind === 'pod-cidr' ? 'pod CIDR' : 'subnet'} or larger`);
  return parts.length ? `it fits with ${parts.join('; or ')}` : 'use a larger range or fewer nodes';
}

/** What leaves room for one more node: the smallest range that holds the demand plus one node's share. */
function headroomHint(d: RangeDemand, model: Model, blocks: boolean): string {
  const perNode = Math.max(1, ...d.contributions.map((c) => c.perNode));
  const cluster = model.clusters.find((x) => x.id === d.clusterId);
  if (blocks) {
    const p = smallestFittingPrefix(d, cluster, d.requiredMax + 1);
    return p !== undefined ? `leave headroom: a pod CIDR of /${p} or larger` : 'leave headroom: a larger pod CIDR';
  }
  const p = smallestFittingPrefix(d, cluster, d.requiredMax + perNode);
  return p !== undefined ? `leave headroom: a /${p} ${d.kind === 'pod-cidr' ? 'pod CIDR' : 'subnet'} or larger` : 'leave headroom: a larger range';
}

/**
 * For every node subnet, pod subnet and pod CIDR (rangeDemands): error when the addresses AKS pre-allocates exceed
 * what the range has — at current counts, or at the configured maximum (autoscaler maxCount) with the upgrade surge;
 * warning when the demand at maximum scale with surge fills the range exactly (no headroom left).
 * The message quotes the AKS error shape; the hint gives the largest count/maxCount or maxSurge per pool that fits,
 * and the smallest prefix that holds the whole demand. kubenet / self-managed pod CIDRs are counted in node CIDRs.
 */
export const subnetExhaustion: CheckRule = {
  id: 'AKS2101',
  slug: 'subnet-exhaustion',
  title: 'Subnet or pod CIDR too small at maximum scale or during an upgrade',
  severity: 'error',
  description: 'Sums, over every cluster and pool sharing a node subnet, pod subnet or pod CIDR, the addresses AKS '
    + 'pre-allocates for the pool\'s maximum node count plus its upgrade surge (flat CNI: nodes × (maxPods + 1); '
    + 'kubenet / overlay / pod-subnet node subnet: one per node; overlay pod CIDR: 256 per node; pod subnet: 16 per node, '
    + 'or 16 × ceil((maxPods + 1) / 16) for static blocks), and compares it with the usable size of the range. '
    + 'A range that is exactly full is a warning: AKS accepts it, but no node, pool or surge can be added.',
  rationale: 'AKS reserves addresses for the theoretical maximum, not for running pods, and refuses to create, scale '
    + 'or upgrade a pool when they do not fit, with "InsufficientSubnetSize" (or "SubnetIsFull" during an upgrade). '
    + 'Upgrades add surge nodes, so a cluster that fits today can fail its next upgrade.',
  source: 'shared/reference/aks-networking.md §6, §8 (message shape §8.1, model §8.3), §9; derive/demand.ts',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [
        { name: 'system', count: 3, maxSurge: 1, subnet: 'vnet/nodes' },
        { name: 'user', count: 3, maxCount: 6, maxSurge: 1, subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [
        { name: 'system', count: 3, maxSurge: 1, subnet: 'vnet/nodes' },
        { name: 'user', count: 3, maxCount: 6, maxSurge: 1, subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const d of rangeDemands(model)) {
      if (d.kind !== 'node-subnet' && d.kind !== 'pod-subnet' && d.kind !== 'pod-cidr') continue;
      if (!Number.isFinite(d.available)) continue;
      const now = d.requiredNow > d.available;
      const blocks = isBlocks(d, model);
      if (!now && d.requiredMax === d.available && d.requiredMax > 0) {
        // Fits exactly: AKS accepts equal, but one more node, pool or surge node fails (Azure/AKS#4467).
        const unit = blocks ? 'node CIDRs' : 'addresses';
        out.push(finding(this.id, 'warning', resourceOf(d, model), d.origin,
          `${d.kind === 'pod-cidr' ? 'pod CIDR' : 'subnet'} ${d.name} ${d.prefix ?? ''} is exactly full at maximum scale during an upgrade: `
          + `${d.requiredMax} of ${d.available} ${unit} (${breakdown(d, '')}); any growth, new pool or larger surge fails`,
          headroomHint(d, model, blocks)));
        continue;
      }
      if (!now && d.requiredMax <= d.available) continue;
      const when = now ? 'at the current node counts' : 'at maximum scale during an upgrade: autoscaler maxCount plus maxSurge';
      const n = now ? d.requiredNow : d.requiredMax;
      const resource = resourceOf(d, model);
      const message = blocks
        ? `pod CIDR ${d.prefix ?? ''} of cluster ${resource} has ${d.available} node CIDRs but ${n} nodes need one each ${when}` +
          (now && d.requiredMax > d.requiredNow ? ` (${d.requiredMax} at maximum scale with surge: ${breakdown(d, '')})` : ` (${breakdown(d, '')})`)
        : `Pre-allocated IPs ${n} exceeds IPs available ${d.available} in Subnet Cidr ${d.prefix ?? '?'}, Subnet Name ${d.name} ` +
          `(${when}; ${breakdown(d, 'IPs')})` + (now && d.requiredMax > d.requiredNow ? `; at maximum scale with surge ${d.requiredMax}` : '');
      out.push(finding(this.id, 'error', resource, d.origin, message, hint(d, model, blocks)));
    }
    return out;
  },
};
