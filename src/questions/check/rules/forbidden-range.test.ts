import { ruleCases } from '../testing/cases.js';
import { forbiddenRange } from './forbidden-range.js';

const vnet = { name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] };
ruleCases(forbiddenRange, [
  { name: 'pod CIDR containing 172.30/16 and 172.31/16', expect: [
    { severity: 'error', resource: 'k1', message: 'pod CIDR 172.16.0.0/12 of cluster k1 contains the reserved range 172.30.0.0/16' },
    { severity: 'error', resource: 'k1', message: 'pod CIDR 172.16.0.0/12 of cluster k1 contains the reserved range 172.31.0.0/16' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '172.16.0.0/12', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'service CIDR inside 192.0.2.0/24', expect: [{ severity: 'error', resource: 'aks1', message: 'service CIDR 192.0.2.0/25 of cluster aks1 lies in the reserved range 192.0.2.0/24' }],
    sketch: { vnets: [vnet], clusters: [{ name: 'aks1', serviceCidr: '192.0.2.0/25', dnsServiceIp: '192.0.2.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
  { name: 'cluster VNet in 172.31/16 (reported once)', expect: [{ severity: 'error', resource: 'v31', message: 'address space 172.31.0.0/16 of VNet v31 (used by cluster aks1) lies in the reserved range 172.31.0.0/16' }],
    sketch: { vnets: [{ name: 'v31', addressSpace: ['172.31.0.0/16'], subnets: [{ name: 'nodes', prefix: '172.31.0.0/24' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'v31/nodes' }] }] } },
  { name: 'VNet with link-local space', expect: [{ severity: 'error', resource: 'bad', message: 'address space 169.254.0.0/24 of VNet bad lies in the reserved range 169.254.0.0/16' }],
    sketch: { vnets: [{ name: 'bad', addressSpace: ['169.254.0.0/24'] }] } },
  { name: 'a VNet in 172.30/16 without a cluster is fine for Azure', expect: [],
    sketch: { vnets: [{ name: 'v30', addressSpace: ['172.30.0.0/16'] }] } },
  { name: 'defaults are clean', expect: [],
    sketch: { vnets: [vnet], clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '172.16.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }] } },
]);
