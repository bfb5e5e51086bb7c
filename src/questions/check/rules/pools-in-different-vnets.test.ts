import { ruleCases } from '../testing/cases.js';
import { poolsInDifferentVnets } from './pools-in-different-vnets.js';

const v1 = { name: 'v1', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }] };
const v2 = { name: 'v2', addressSpace: ['10.2.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.2.0.0/24' }, { name: 'pods', prefix: '10.2.64.0/18' }] };
ruleCases(poolsInDifferentVnets, [
  { name: 'node subnets in two VNets', expect: [{ severity: 'error', resource: 'aks1', message: 'pools of cluster aks1 use subnets in 2 VNets: v1, v2' }],
    sketch: { vnets: [v1, v2], clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'v1/nodes' }, { name: 'user', subnet: 'v2/nodes' }] }] } },
  { name: 'pod subnet in another VNet', expect: [{ severity: 'error', resource: 'aks1', message: 'in 2 VNets' }],
    sketch: { vnets: [v1, v2], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', subnet: 'v1/nodes', podSubnet: 'v2/pods' }] }] } },
  { name: 'one VNet', expect: [],
    sketch: { vnets: [v1], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', subnet: 'v1/nodes', podSubnet: 'v1/pods' }] }] } },
]);
