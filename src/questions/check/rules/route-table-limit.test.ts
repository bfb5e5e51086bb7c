import { ruleCases } from '../testing/cases.js';
import { routeTableLimit } from './route-table-limit.js';

const vnet = { name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/20', routeTable: 'rt' }] };
ruleCases(routeTableLimit, [
  { name: 'kubenet at maxCount 400 plus surge', expect: [{ severity: 'error', resource: 'aks-agentpool-routetable', message: 'needs 443 node routes at maximum scale with surge (k1/system 3, k1/user 440)' }],
    sketch: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', count: 3, maxSurge: 0 }, { name: 'user', count: 10, maxCount: 400, maxSurge: '10%' }] }] } },
  { name: 'user routes take room too', expect: [{ severity: 'error', resource: 'rt', message: 'route table rt needs 396 node routes at maximum scale with surge (k1/system 396) besides its 5 user-defined routes' }],
    sketch: { vnets: [vnet], routeTables: [{ name: 'rt', routes: [
      { name: 'r1', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' },
      { name: 'r2', prefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' },
      { name: 'r3', prefix: '10.3.0.0/16', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' },
      { name: 'r4', prefix: '10.4.0.0/16', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' },
      { name: 'r5', prefix: '10.5.0.0/16', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' }] }],
      clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '10.244.0.0/15', pools: [{ name: 'system', count: 396, maxSurge: 0, subnet: 'vnet/nodes' }] }] } },
  { name: 'kubenet at 300 nodes', expect: [],
    sketch: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 300, maxSurge: '10%' }] }] } },
  { name: 'overlay uses no route table', expect: [],
    sketch: { clusters: [{ name: 'o1', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 900 }] }] } },
]);
