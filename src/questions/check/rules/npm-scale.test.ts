import { ruleCases } from '../testing/cases.js';
import { npmScale } from './npm-scale.js';

ruleCases(npmScale, [
  { name: '303 nodes', expect: [{ severity: 'error', resource: 'aks1', message: 'cluster aks1 uses Azure NPM and reaches 303 nodes at maximum scale; NPM supports at most 250' }],
    sketch: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 50, maxCount: 300 }] }] } },
  { name: '200 nodes × 110 pods', expect: [{ severity: 'warning', resource: 'aks1', message: 'has room for 22000 pods at maximum scale; NPM supports at most 20000' }],
    sketch: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system', count: 200, maxPods: 110 }] }] } },
  { name: '203 nodes × 30 pods', expect: [],
    sketch: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 50, maxCount: 200 }] }] } },
  { name: 'Cilium has no such limit', expect: [],
    sketch: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 50, maxCount: 900 }] }] } },
]);
