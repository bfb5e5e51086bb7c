import { ruleCases } from '../testing/cases.js';
import { npmRetirement } from './npm-retirement.js';

ruleCases(npmRetirement, [
  { name: 'Linux only', today: '2026-01-01', expect: [{ severity: 'warning', resource: 'aks1', message: 'cluster aks1 uses Azure Network Policy Manager, which on Linux retires on 2028-09-30 (1003 days left)' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }] } },
  { name: 'Windows pools after the Windows date', today: '2026-10-01', expect: [
    { severity: 'error', resource: 'aks1', message: 'on Windows pools (win1), which was retired on 2026-09-30 (1 day ago)' },
    { severity: 'warning', resource: 'aks1', message: 'on Linux retires on 2028-09-30' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }] } },
  { name: 'Calico', today: '2026-01-01', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'calico', pools: [{ name: 'system' }] }] } },
]);
