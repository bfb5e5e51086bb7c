import { ruleCases } from '../testing/cases.js';
import { subnetExhaustion } from './subnet-exhaustion.js';

const vnet = (prefix: string, extra: { name: string; prefix: string }[] = []) => ({
  name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix }, ...extra],
});
ruleCases(subnetExhaustion, [
  { name: 'overlay pod CIDR exactly full: 16 nodes × 256 = 4096 of a /20 (warning, no headroom)',
    expect: [{ severity: 'warning', resource: 'aks1',
      message: 'pod CIDR networkProfile.podCIDR 10.244.0.0/20 is exactly full at maximum scale during an upgrade: 4096 of 4096 addresses',
      hint: 'leave headroom: a /19 pod CIDR or larger' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '10.244.0.0/20', pools: [
      { name: 'system', count: 15, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'overlay pod CIDR one node short of full: no finding',
    expect: [],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '10.244.0.0/20', pools: [
      { name: 'system', count: 14, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'flat CNI: 10 nodes × (30 + 1) = 310 in a /24 (Azure/AKS#456)',
    expect: [{ severity: 'error', resource: 'vnet/nodes',
      message: 'Pre-allocated IPs 310 exceeds IPs available 251 in Subnet Cidr 10.1.0.0/24, Subnet Name nodes (at the current node counts; aks1/system 10 × 31 = 310 IPs)',
      hint: 'aks1/system count ≤ 8' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [{ name: 'system', count: 10, maxSurge: 0, subnet: 'vnet/nodes' }] }] } },
  { name: 'flat CNI fits now but not at maxCount with surge',
    expect: [{ severity: 'error', resource: 'vnet/nodes',
      message: 'Pre-allocated IPs 341 exceeds IPs available 251 in Subnet Cidr 10.1.0.0/24, Subnet Name nodes (at maximum scale during an upgrade',
      hint: 'a /23 subnet or larger' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [
      { name: 'system', count: 3, maxSurge: 1, subnet: 'vnet/nodes' }, { name: 'user', count: 3, maxCount: 6, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'two clusters sharing a subnet are summed',
    expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'a/system 5 × 31 = 155, b/system 5 × 31 = 155 IPs' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [
      { name: 'a', mode: 'azure-cni-node-subnet', pools: [{ name: 'system', count: 4, maxSurge: 1, subnet: 'vnet/nodes' }] },
      { name: 'b', mode: 'azure-cni-node-subnet', pools: [{ name: 'system', count: 4, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'overlay pod CIDR /22 with 5 nodes (AKS-Construction#701)',
    expect: [{ severity: 'error', resource: 'aks1', message: 'Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.244.0.0/22, Subnet Name networkProfile.podCIDR' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', podCidr: '10.244.0.0/22', pools: [{ name: 'system', count: 4, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'kubenet pod CIDR /22 counts /24 node CIDRs',
    expect: [{ severity: 'error', resource: 'k1', message: 'pod CIDR 10.244.0.0/22 of cluster k1 has 4 node CIDRs but 5 nodes need one each at the current node counts (6 at maximum scale with surge: k1/system 6 × 1 = 6)', hint: 'a pod CIDR of /21 or larger' }],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '10.244.0.0/22', pools: [{ name: 'system', count: 5, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'dynamic pod subnet: 16 per node, a /24 holds 15 nodes',
    expect: [{ severity: 'error', resource: 'vnet/pods', message: 'Subnet Name pods (at the current node counts; aks1/system 17 × 16 = 272 IPs)' }],
    sketch: { vnets: [vnet('10.1.0.0/24', [{ name: 'pods', prefix: '10.1.1.0/24' }])], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet',
      pools: [{ name: 'system', count: 16, maxSurge: 1, subnet: 'vnet/nodes', podSubnet: 'vnet/pods' }] }] } },
  { name: 'a /22 holds the flat CNI cluster at maximum', expect: [],
    sketch: { vnets: [vnet('10.1.0.0/22')], clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [
      { name: 'system', count: 3, maxSurge: 1, subnet: 'vnet/nodes' }, { name: 'user', count: 3, maxCount: 6, maxSurge: 1, subnet: 'vnet/nodes' }] }] } },
  { name: 'overlay needs one node IP per node', expect: [],
    sketch: { vnets: [vnet('10.1.0.0/24')], clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 100, maxSurge: '10%', subnet: 'vnet/nodes' }] }] } },
]);
