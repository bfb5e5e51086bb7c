import { ruleCases } from '../testing/cases.js';
import type { SketchRoute } from '../sketch.js';
import { udrDefaultRoute } from './udr-default-route.js';

const sketch = (routes: SketchRoute[] | undefined, outboundType: 'userDefinedRouting' | 'loadBalancer' = 'userDefinedRouting') => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', routeTable: routes ? 'egress' : undefined }] }],
  routeTables: routes ? [{ name: 'egress', routes }] : [],
  clusters: [{ name: 'aks1', outboundType, pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
});
ruleCases(udrDefaultRoute, [
  { name: 'default route to Internet', expect: [{ severity: 'error', resource: 'egress', message: 'sends 0.0.0.0/0 to Internet; AKS requires it to go to an appliance or gateway' }],
    sketch: sketch([{ name: 'default', prefix: '0.0.0.0/0', nextHopType: 'Internet' }]) },
  { name: 'no default route', expect: [{ severity: 'error', resource: 'egress', message: 'route table egress of subnet vnet/nodes (cluster aks1, outboundType userDefinedRouting) has no 0.0.0.0/0 route' }],
    sketch: sketch([{ name: 'hub', prefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHopIp: '10.0.1.4' }]) },
  { name: 'no route table', expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'its subnet vnet/nodes has no route table' }], sketch: sketch(undefined) },
  { name: 'default route to None', expect: [{ severity: 'warning', resource: 'egress', message: 'drops 0.0.0.0/0 (next hop None)' }],
    sketch: sketch([{ name: 'default', prefix: '0.0.0.0/0', nextHopType: 'None' }]) },
  { name: 'default route to the firewall', expect: [], sketch: sketch([{ name: 'default', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: '10.0.1.4' }]) },
  { name: 'load balancer outbound needs no route', expect: [], sketch: sketch(undefined, 'loadBalancer') },
]);
