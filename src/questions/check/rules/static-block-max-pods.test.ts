import { ruleCases } from '../testing/cases.js';
import { staticBlockMaxPods } from './static-block-max-pods.js';

const vnet = { name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }] };
const pool = (maxPods: number, podIpAllocation: 'StaticBlock' | 'DynamicIndividual') =>
  ({ name: 'system', maxPods, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation });
ruleCases(staticBlockMaxPods, [
  { name: 'maxPods 32 takes 3 blocks', expect: [{ severity: 'info', resource: 'aks1/system', message: 'maxPods 32 of static-block pool aks1/system takes 3 blocks of 16 per node and leaves 15 addresses unused on each', hint: 'use maxPods 47 (same blocks, no waste) or 31 (one block fewer)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [pool(32, 'StaticBlock')] }] } },
  { name: 'maxPods 250', expect: [{ severity: 'info', resource: 'aks1/system', message: 'takes 16 blocks of 16 per node and leaves 5 addresses unused' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [pool(250, 'StaticBlock')] }] } },
  { name: 'maxPods 31', expect: [], sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [pool(31, 'StaticBlock')] }] } },
  { name: 'dynamic allocation is not judged', expect: [], sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [pool(32, 'DynamicIndividual')] }] } },
]);
