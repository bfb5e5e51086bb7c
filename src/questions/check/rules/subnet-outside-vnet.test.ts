import { ruleCases } from '../testing/cases.js';
import { subnetOutsideVnet } from './subnet-outside-vnet.js';

ruleCases(subnetOutsideVnet, [
  { name: 'subnet in another range', expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'subnet vnet/nodes (10.1.0.0/24) is not inside the address space of VNet vnet (10.0.0.0/16)' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }] }] } },
  { name: 'subnet straddling the edge of the space', expect: [{ severity: 'error', resource: 'vnet/big', message: '(10.0.0.0/15)' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'big', prefix: '10.0.0.0/15' }] }] } },
  { name: 'subnet spanning two adjacent address ranges', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/17', '10.0.128.0/17'], subnets: [{ name: 'all', prefix: '10.0.0.0/16' }] }] } },
  { name: 'subnet inside', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.1.0/24' }] }] } },
]);
