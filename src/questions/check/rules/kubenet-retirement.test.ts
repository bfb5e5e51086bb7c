import { ruleCases } from '../testing/cases.js';
import { kubenetRetirement } from './kubenet-retirement.js';

const kubenet = { clusters: [{ name: 'k1', mode: 'kubenet' as const, pools: [{ name: 'system' }] }] };
ruleCases(kubenetRetirement, [
  { name: 'two years before', today: '2026-03-31', expect: [{ severity: 'warning', resource: 'k1', message: 'cluster k1 uses kubenet, which retires on 2028-03-31 (731 days left)' }], sketch: kubenet },
  { name: 'the day before', today: '2028-03-30', expect: [{ severity: 'warning', resource: 'k1', message: 'retires on 2028-03-31 (1 day left)' }], sketch: kubenet },
  { name: 'after retirement', today: '2028-04-10', expect: [{ severity: 'error', resource: 'k1', message: 'was retired on 2028-03-31 (10 days ago)' }], sketch: kubenet },
  { name: 'overlay', today: '2026-03-31', expect: [], sketch: { clusters: [{ name: 'o1', pools: [{ name: 'system' }] }] } },
]);
