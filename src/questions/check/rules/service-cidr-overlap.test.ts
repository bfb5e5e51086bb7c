import { ruleCases } from '../testing/cases.js';
import { serviceCidrOverlap } from './service-cidr-overlap.js';

const vnet = { name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] };
ruleCases(serviceCidrOverlap, [
  { name: 'service CIDR inside the VNet space', expect: [{ severity: 'error', resource: 'aks1', message: 'service CIDR 10.0.128.0/20 of cluster aks1 overlaps VNet vnet (10.0.0.0/16)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', serviceCidr: '10.0.128.0/20', dnsServiceIp: '10.0.128.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'service CIDR on the node subnet', expect: [{ severity: 'error', resource: 'aks1', message: 'overlaps subnet vnet/nodes (10.0.0.0/24)' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'service CIDR overlapping peered space and on-premises', expect: [
    { severity: 'error', resource: 'aks1', message: 'overlaps on-premises range onPremises[0] (172.16.0.0/12)' },
    { severity: 'error', resource: 'aks1', message: 'overlaps peered space 172.16.0.0/16 (peering vnet/hub)' }],
    sketch: { vnets: [{ ...vnet, peerings: [{ name: 'hub', addressSpace: ['172.16.0.0/16'] }] }], onPremises: ['172.16.0.0/12'],
      clusters: [{ name: 'aks1', serviceCidr: '172.16.0.0/16', dnsServiceIp: '172.16.0.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'a subnet of another VNet in the service range is a warning', expect: [{ severity: 'warning', resource: 'aks1', message: 'overlaps subnet other/apps (172.16.1.0/24)' }],
    sketch: { vnets: [vnet, { name: 'other', addressSpace: ['172.16.0.0/16'], subnets: [{ name: 'apps', prefix: '172.16.1.0/24' }] }],
      clusters: [{ name: 'aks1', serviceCidr: '172.16.0.0/16', dnsServiceIp: '172.16.0.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'service CIDR used nowhere', expect: [],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', serviceCidr: '172.16.0.0/16', dnsServiceIp: '172.16.0.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
]);
