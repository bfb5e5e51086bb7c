// AKS2105 static-block-max-pods: static-block pools whose maxPods wastes part of a /28 block on every node.
import { STATIC_BLOCK_SIZE } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { poolLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Info on every StaticBlock pool whose maxPods + 1 is not a multiple of STATIC_BLOCK_SIZE (maxPods ≠ 16·N − 1). */
export const staticBlockMaxPods: CheckRule = {
  id: 'AKS2105',
  slug: 'static-block-max-pods',
  title: 'Static block allocation with a maxPods that wastes addresses',
  severity: 'info',
  description: `For pod-subnet pools with StaticBlock allocation, checks that maxPods = ${STATIC_BLOCK_SIZE.value}·N − 1.`,
  rationale: `Each node takes ceil((maxPods + 1) / ${STATIC_BLOCK_SIZE.value}) blocks of ${STATIC_BLOCK_SIZE.value} addresses `
    + '(one address is reserved per node); any other maxPods leaves addresses of the last block unused on every node.',
  source: `shared/reference/aks-networking.md §2.1, §6.5; fact ${STATIC_BLOCK_SIZE.id}`,
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', maxPods: 32, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation: 'StaticBlock' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation: 'StaticBlock' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const size = STATIC_BLOCK_SIZE.value;
    for (const c of model.clusters) {
      for (const p of c.pools) {
        if (!p.podSubnetId || p.podIpAllocation !== 'StaticBlock' || p.maxPods < 1) continue;
        const blocks = Math.ceil((p.maxPods + 1) / size);
        const waste = blocks * size - (p.maxPods + 1);
        if (waste === 0) continue;
        const label = poolLabel(c, p);
        out.push(finding(this.id, 'info', label, p.origin,
          `maxPods ${p.maxPods} of static-block pool ${label} takes ${blocks} blocks of ${size} per node and leaves ${waste} addresses unused on each`,
          `use maxPods ${blocks * size - 1} (same blocks, no waste) or ${(blocks - 1) * size - 1} (one block fewer)`));
      }
    }
    return out;
  },
};
