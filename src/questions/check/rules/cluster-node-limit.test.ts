import { ruleCases } from '../testing/cases.js';
import { clusterNodeLimit } from './cluster-node-limit.js';

ruleCases(clusterNodeLimit, [
  { name: 'above the default quota', expect: [{ severity: 'warning', resource: 'big', message: 'cluster big reaches 1263 nodes (1203 at maximum scale + 60 upgrade surge), above the default quota of 1000' }],
    sketch: { clusters: [{ name: 'big', pools: [{ name: 'system', count: 3 }, { name: 'a', count: 10, maxCount: 600 }, { name: 'b', count: 10, maxCount: 600 }] }] } },
  { name: 'above the hard limit', expect: [{ severity: 'error', resource: 'huge', message: 'AKS allows at most 5000' }],
    sketch: { clusters: [{ name: 'huge', pools: [{ name: 'system', count: 3 }, { name: 'a', maxCount: 1000 }, { name: 'b', maxCount: 1000 }, { name: 'c', maxCount: 1000 }, { name: 'd', maxCount: 1000 }, { name: 'e', maxCount: 1000 }] }] } },
  { name: 'below the quota', expect: [],
    sketch: { clusters: [{ name: 'big', pools: [{ name: 'system', count: 3 }, { name: 'a', count: 10, maxCount: 400 }, { name: 'b', count: 10, maxCount: 400 }] }] } },
]);
