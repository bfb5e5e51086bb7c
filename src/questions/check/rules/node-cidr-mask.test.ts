import { ruleCases } from '../testing/cases.js';
import { nodeCidrMask } from './node-cidr-mask.js';

ruleCases(nodeCidrMask, [
  { name: '/8 cluster CIDR with /26 nodes (18 bits)', expect: [{ severity: 'error', resource: 'gs', message: 'node CIDR mask /26 of cluster gs is 18 bits longer than its pod CIDR 10.0.0.0/8; at most 16 are allowed' }],
    sketch: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '10.0.0.0/8', nodeCidrMaskSize: 26, pools: [{ name: 'w' }] }] } },
  { name: 'node mask equal to the pod CIDR prefix', expect: [{ severity: 'error', resource: 'k1', message: 'node CIDR mask /24 of cluster k1 is not longer than its pod CIDR 10.244.0.0/24' }],
    sketch: { clusters: [{ name: 'k1', mode: 'kubenet', podCidr: '10.244.0.0/24', pools: [{ name: 'system' }] }] } },
  { name: 'exactly 16 bits', expect: [],
    sketch: { clusters: [{ name: 'gs', mode: 'self-managed', cni: 'calico-vxlan', podCidr: '10.0.0.0/8', nodeCidrMaskSize: 24, pools: [{ name: 'w' }] }] } },
  { name: 'AKS default /16 with /24 nodes', expect: [], sketch: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system' }] }] } },
]);
