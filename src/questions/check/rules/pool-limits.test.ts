import { ruleCases } from '../testing/cases.js';
import { poolLimits } from './pool-limits.js';

ruleCases(poolLimits, [
  { name: 'maxCount 1000 plus 10 % surge', expect: [{ severity: 'error', resource: 'aks1/user', message: 'pool aks1/user reaches 1100 nodes (1000 + 100 surge); a pool holds at most 1000' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 1000, maxSurge: '10%' }] }] } },
  { name: '101 pools', expect: [{ severity: 'error', resource: 'aks1', message: 'cluster aks1 has 101 node pools; AKS allows at most 100' }],
    sketch: { clusters: [{ name: 'aks1', pools: Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, count: 1 })) }] } },
  { name: '900 nodes', expect: [],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 900, maxSurge: '10%' }] }] } },
]);
