import { ruleCases } from '../testing/cases.js';
import { kubenetRouteTable } from './kubenet-route-table.js';

ruleCases(kubenetRouteTable, [
  { name: 'BYO subnet without a route table', expect: [{ severity: 'warning', resource: 'vnet/nodes', message: 'kubenet cluster k1 uses subnet vnet/nodes, which has no route table' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'route table attached', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', routeTable: 'rt' }] }], routeTables: [{ name: 'rt' }],
      clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'managed VNet', expect: [], sketch: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system' }] }] } },
  { name: 'overlay needs none', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'o1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
]);
