import { ruleCases } from '../testing/cases.js';
import { ciliumIpblockPods } from './cilium-ipblock-pods.js';

const cilium = [{ name: 'aks1', policy: 'cilium' as const, dataplane: 'cilium' as const, pools: [{ name: 'system' }] }];
ruleCases(ciliumIpblockPods, [
  { name: 'ipBlock over the pod CIDR', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/to-pods', message: 'ipBlock 10.244.0.0/16 covers pod addresses' }],
    sketch: { clusters: cilium, policies: [{ name: 'to-pods', ipBlock: '10.244.0.0/16' }] } },
  { name: '0.0.0.0/0 covers pods too', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/all', message: 'ipBlock 0.0.0.0/0 covers pod addresses' }],
    sketch: { clusters: cilium, policies: [{ name: 'all', ipBlock: '0.0.0.0/0' }] } },
  { name: 'an external block is fine', expect: [], sketch: { clusters: cilium, policies: [{ name: 'ext', ipBlock: '203.0.113.0/24' }] } },
  { name: 'not a Cilium cluster', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }], policies: [{ name: 'to-pods', ipBlock: '10.244.0.0/16' }] } },
]);
