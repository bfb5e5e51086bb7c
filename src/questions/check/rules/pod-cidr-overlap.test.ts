import { ruleCases } from '../testing/cases.js';
import { podCidrOverlap } from './pod-cidr-overlap.js';

// 10.1/16 keeps the VNet clear of the default service CIDR 10.0.0.0/16.
const vnet = { name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] };
ruleCases(podCidrOverlap, [
  { name: 'overlay pod CIDR overlapping peered space', expect: [{ severity: 'error', resource: 'aks1', message: 'pod CIDR 10.244.0.0/16 of cluster aks1 overlaps peered space 10.244.0.0/20 (peering vnet/hub)' }],
    sketch: { vnets: [{ ...vnet, peerings: [{ name: 'hub', addressSpace: ['10.244.0.0/20'] }] }],
      clusters: [{ name: 'aks1', podCidr: '10.244.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'kubenet pod CIDR on a subnet', expect: [{ severity: 'error', resource: 'k1', message: 'overlaps subnet vnet/nodes (10.1.0.0/24)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '10.1.0.0/20', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'overlay pod CIDR in unused VNet space is an error', expect: [{ severity: 'error', resource: 'aks1', message: 'overlaps VNet vnet (10.1.0.0/16)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', podCidr: '10.1.128.0/17', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'kubenet pod CIDR in unused VNet space is a warning', expect: [{ severity: 'warning', resource: 'k1', message: 'overlaps VNet vnet (10.1.0.0/16)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '10.1.128.0/17', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'pod CIDR overlapping the service CIDR and on-premises', expect: [
    { severity: 'error', resource: 'aks1', message: 'overlaps on-premises range onPremises[0] (192.168.0.0/16)' },
    { severity: 'error', resource: 'aks1', message: 'overlaps the service CIDR 192.168.10.0/24' }],
    sketch: { vnets: [vnet], onPremises: ['192.168.0.0/16'],
      clusters: [{ name: 'aks1', podCidr: '192.168.0.0/16', serviceCidr: '192.168.10.0/24', dnsServiceIp: '192.168.10.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'managed VNet: pod CIDR inside 10.224.0.0/12', expect: [{ severity: 'error', resource: 'aks1', message: 'overlaps the AKS-managed VNet (10.224.0.0/12)' }],
    sketch: { clusters: [{ name: 'aks1', podCidr: '10.230.0.0/16', pools: [{ name: 'system' }] }] } },
  { name: 'Calico policy-only pods inside the VNet but outside subnets', expect: [],
    sketch: { vnets: [vnet], clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '10.1.128.0/17', pools: [{ name: 'workers', subnet: 'vnet/nodes' }] }] } },
  { name: 'two overlay clusters reusing one pod CIDR', expect: [],
    sketch: { vnets: [{ ...vnet, subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'nodes2', prefix: '10.1.1.0/24' }] }],
      clusters: [
        { name: 'a', podCidr: '10.244.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
        { name: 'b', podCidr: '10.244.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes2' }] }] } },
  { name: 'node-subnet CNI has no pod CIDR', expect: [],
    sketch: { vnets: [vnet], clusters: [{ name: 'flat', mode: 'azure-cni-node-subnet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
]);
