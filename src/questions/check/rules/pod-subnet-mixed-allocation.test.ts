import { ruleCases } from '../testing/cases.js';
import { podSubnetMixedAllocation } from './pod-subnet-mixed-allocation.js';

const vnet = { name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
  { name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'pods', prefix: '10.1.64.0/18' }, { name: 'pods2', prefix: '10.1.128.0/18' }] };
ruleCases(podSubnetMixedAllocation, [
  { name: 'two pools of one cluster', expect: [{ severity: 'error', resource: 'vnet/pods', message: 'pod subnet vnet/pods is used with DynamicIndividual and StaticBlock allocation: aks1/system DynamicIndividual, aks1/batch StaticBlock' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [
      { name: 'system', subnet: 'vnet/nodes', podSubnet: 'vnet/pods' },
      { name: 'batch', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation: 'StaticBlock' }] }] } },
  { name: 'two clusters sharing a pod subnet', expect: [{ severity: 'error', resource: 'vnet/pods', message: 'a/system DynamicIndividual, b/system StaticBlock' }],
    sketch: { vnets: [vnet], clusters: [
      { name: 'a', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', subnet: 'vnet/nodes', podSubnet: 'vnet/pods' }] },
      { name: 'b', mode: 'azure-cni-pod-subnet', pools: [{ name: 'system', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods', podIpAllocation: 'StaticBlock' }] }] } },
  { name: 'separate pod subnets', expect: [],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', mode: 'azure-cni-pod-subnet', pools: [
      { name: 'system', subnet: 'vnet/nodes', podSubnet: 'vnet/pods' },
      { name: 'batch', maxPods: 31, subnet: 'vnet/nodes', podSubnet: 'vnet/pods2', podIpAllocation: 'StaticBlock' }] }] } },
]);
