import { ruleCases } from '../testing/cases.js';
import { ipipOnAzure } from './ipip-on-azure.js';

ruleCases(ipipOnAzure, [
  { name: 'Calico BGP + IPIP', expect: [{ severity: 'error', resource: 'gs', message: 'cluster gs uses Calico BGP with IPIP encapsulation, which the Azure network drops', hint: 'VXLAN' }],
    sketch: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-bgp-ipip', podCidr: '192.168.0.0/16', pools: [{ name: 'w' }] }] } },
  { name: 'Calico VXLAN', expect: [], sketch: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '192.168.0.0/16', pools: [{ name: 'w' }] }] } },
  { name: 'canal', expect: [], sketch: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'canal', podCidr: '192.168.0.0/16', pools: [{ name: 'w' }] }] } },
]);
