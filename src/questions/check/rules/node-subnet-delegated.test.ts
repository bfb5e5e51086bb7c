import { ruleCases } from '../testing/cases.js';
import { nodeSubnetDelegated } from './node-subnet-delegated.js';

ruleCases(nodeSubnetDelegated, [
  { name: 'delegated node subnet', expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'node subnet vnet/nodes of aks1 is delegated to Microsoft.Web/serverFarms' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24', delegations: ['Microsoft.Web/serverFarms'] }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'delegated subnet nobody uses for nodes', expect: [],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/24' }, { name: 'api', prefix: '10.1.1.0/28', delegations: ['Microsoft.ContainerService/managedClusters'] }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
]);
