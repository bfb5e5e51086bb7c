import { ruleCases } from '../testing/cases.js';
import { maxPodsBounds } from './max-pods-bounds.js';

ruleCases(maxPodsBounds, [
  { name: 'maxPods 10 with 2 nodes', expect: [{ severity: 'error', resource: 'aks1/system', message: 'pool aks1/system has room for 2 × 10 = 20 pods; every pool needs at least 30', hint: 'run at least 3 nodes' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 2, maxPods: 10 }] }] } },
  { name: 'autoscaler minimum counts', expect: [{ severity: 'error', resource: 'aks1/user', message: 'room for 1 × 20 = 20 pods' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'user', count: 4, minCount: 1, maxCount: 5, maxPods: 20 }] }] } },
  { name: 'maxPods above 250 and below 10', expect: [
    { severity: 'error', resource: 'aks1/system', message: 'maxPods 300 of pool aks1/system is outside 10..250' },
    { severity: 'error', resource: 'aks1/tiny', message: 'maxPods 5 of pool aks1/tiny is outside 10..250' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', maxPods: 300 }, { name: 'tiny', maxPods: 5 }] }] } },
  { name: 'maxPods 10 with 3 nodes', expect: [], sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3, maxPods: 10 }] }] } },
  { name: 'user pool scaled to zero', expect: [], sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'user', count: 0, maxPods: 10 }] }] } },
  { name: 'self-managed kubelet is not judged', expect: [], sketch: { clusters: [{ name: 'gs', mode: 'self-managed', podCidr: '10.244.0.0/16', pools: [{ name: 'w', count: 1, maxPods: 5 }] }] } },
]);
