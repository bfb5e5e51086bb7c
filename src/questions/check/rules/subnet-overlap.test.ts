import { ruleCases } from '../testing/cases.js';
import { subnetOverlap } from './subnet-overlap.js';

ruleCases(subnetOverlap, [
  { name: 'a /24 inside a /22 of the same VNet', expect: [{ severity: 'error', resource: 'vnet/pods', message: 'subnet vnet/pods (10.0.2.0/24) overlaps subnet vnet/nodes (10.0.0.0/22)' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/22' }, { name: 'pods', prefix: '10.0.2.0/24' }] }] } },
  { name: 'identical prefixes', expect: [{ severity: 'error', resource: 'vnet/b', message: 'subnet vnet/b (10.0.1.0/24) overlaps subnet vnet/a (10.0.1.0/24)' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'a', prefix: '10.0.1.0/24' }, { name: 'b', prefix: '10.0.1.0/24' }] }] } },
  { name: 'same prefix in different VNets is not this rule', expect: [],
    sketch: { vnets: [
      { name: 'v1', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'a', prefix: '10.0.1.0/24' }] },
      { name: 'v2', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'a', prefix: '10.0.1.0/24' }] }] } },
  { name: 'adjacent subnets', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/22' }, { name: 'pods', prefix: '10.0.4.0/22' }] }] } },
]);
