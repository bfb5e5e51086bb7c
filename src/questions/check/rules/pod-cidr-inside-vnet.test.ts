import { ruleCases } from '../testing/cases.js';
import { podCidrInsideVnet } from './pod-cidr-inside-vnet.js';

const net = { name: 'net', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'vms', prefix: '10.0.0.0/24' }] };
ruleCases(podCidrInsideVnet, [
  { name: 'policy-only cluster CIDR outside the VNet', expect: [{ severity: 'error', resource: 'gs', message: 'cluster CIDR 192.168.0.0/17 of gs is not inside its VNet address space (10.0.0.0/16)' }],
    sketch: { vnets: [net], clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '192.168.0.0/17', pools: [{ name: 'w', subnet: 'net/vms' }] }] } },
  { name: 'policy-only cluster CIDR half inside', expect: [{ severity: 'error', resource: 'gs', message: 'cluster CIDR 10.0.0.0/15' }],
    sketch: { vnets: [net], clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '10.0.0.0/15', pools: [{ name: 'w', subnet: 'net/vms' }] }] } },
  { name: 'policy-only cluster CIDR inside', expect: [],
    sketch: { vnets: [net], clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '10.0.128.0/17', pools: [{ name: 'w', subnet: 'net/vms' }] }] } },
  { name: 'VXLAN clusters may use any range', expect: [],
    sketch: { vnets: [net], clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '192.168.0.0/17', pools: [{ name: 'w', subnet: 'net/vms' }] }] } },
]);
