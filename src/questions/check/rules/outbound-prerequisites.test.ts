import { ruleCases } from '../testing/cases.js';
import { outboundPrerequisites } from './outbound-prerequisites.js';

const vnet = (natGateway: boolean) => ({ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', natGateway }] });
ruleCases(outboundPrerequisites, [
  { name: 'user-assigned NAT gateway missing on the subnet', expect: [{ severity: 'error', resource: 'vnet/nodes', message: 'cluster aks1 uses outboundType userAssignedNATGateway but subnet vnet/nodes has no NAT gateway' }],
    sketch: { vnets: [vnet(false)], clusters: [{ name: 'aks1', outboundType: 'userAssignedNATGateway', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'userDefinedRouting with the managed VNet', expect: [{ severity: 'error', resource: 'aks1', message: 'outboundType userDefinedRouting, which needs a bring-your-own subnet' }],
    sketch: { clusters: [{ name: 'aks1', outboundType: 'userDefinedRouting', pools: [{ name: 'system' }] }] } },
  { name: 'managed NAT gateway on a BYO subnet', expect: [{ severity: 'error', resource: 'aks1', message: 'outboundType managedNATGateway, which is only available with the AKS-managed VNet' }],
    sketch: { vnets: [vnet(false)], clusters: [{ name: 'aks1', outboundType: 'managedNATGateway', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'NAT gateway attached', expect: [],
    sketch: { vnets: [vnet(true)], clusters: [{ name: 'aks1', outboundType: 'userAssignedNATGateway', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'managed NAT gateway with the managed VNet', expect: [], sketch: { clusters: [{ name: 'aks1', outboundType: 'managedNATGateway', pools: [{ name: 'system' }] }] } },
]);
