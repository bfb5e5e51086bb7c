import { ruleCases } from '../testing/cases.js';
import { kubenetSubnetShared } from './kubenet-subnet-shared.js';

const vnet = { name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }, { name: 'nodes2', prefix: '10.1.4.0/22' }] };
ruleCases(kubenetSubnetShared, [
  { name: 'two kubenet clusters', expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'subnet vnet/nodes holds the nodes of 2 clusters (k1, k2), one of them kubenet' }],
    sketch: { vnets: [vnet], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
      { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'kubenet and overlay', expect: [{ severity: 'error', resource: 'vnet/nodes', message: '(k1, o1)' }],
    sketch: { vnets: [vnet], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
      { name: 'o1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'two overlay clusters may share', expect: [],
    sketch: { vnets: [vnet], clusters: [
      { name: 'o1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }, { name: 'o2', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'separate subnets', expect: [],
    sketch: { vnets: [vnet], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
      { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes2' }] }] } },
]);
