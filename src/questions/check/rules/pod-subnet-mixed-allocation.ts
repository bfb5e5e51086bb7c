// AKS2106 pod-subnet-mixed-allocation: one pod subnet used both with dynamic and with static-block allocation.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { indexOf, poolLabel, subnetIdLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Error for every pod subnet whose pools (across clusters) use both DynamicIndividual and StaticBlock. */
export const podSubnetMixedAllocation: CheckRule = {
  id: 'AKS2106',
  slug: 'pod-subnet-mixed-allocation',
  title: 'Pod subnet mixes dynamic and static-block allocation',
  severity: 'error',
  description: 'Groups pools by pod subnet and checks that all pools of one pod subnet use the same pod IP allocation mode.',
  rationale: 'A pod subnet can be shared by pools and clusters, but one subnet cannot mix dynamic and static-block modes.',
  source: 'shared/reference/aks-networking.md §6.5',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [
        { name: 'system', subnet: 'vnet/nodes', podSubnet: 'vnet/pods' },
        { name: 'batch', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation: 'StaticBlock' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }, { name: 'pods2', prefix: '10.1.128.0/18' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [
        { name: 'system', subnet: 'vnet/nodes', podSubnet: 'vnet/pods' },
        { name: 'batch', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods2', podIpAllocation: 'StaticBlock' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const users = new Map<string, { label: string; mode: string }[]>();
    for (const c of model.clusters) {
      for (const p of c.pools) {
        if (!p.podSubnetId) continue;
        const mode = p.podIpAllocation ?? 'DynamicIndividual';
        users.set(p.podSubnetId, [...(users.get(p.podSubnetId) ?? []), { label: poolLabel(c, p), mode }]);
      }
    }
    for (const [id, list] of [...users.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const modes = [...new Set(list.map((x) => x.mode))].sort();
      if (modes.length < 2) continue;
      const label = subnetIdLabel(model, id);
      const s = indexOf(model).subnets.get(id);
      const origin = s?.origin ?? model.clusters.flatMap((c) => c.pools).find((p) => p.podSubnetId === id)?.origin;
      out.push(finding(this.id, 'error', label, origin,
        `pod subnet ${label} is used with ${modes.join(' and ')} allocation: ${list.map((x) => `${x.label} ${x.mode}`).join(', ')}`,
        'give static-block pools their own pod subnet'));
    }
    return out;
  },
};
