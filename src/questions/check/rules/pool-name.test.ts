import { ruleCases } from '../testing/cases.js';
import { poolName } from './pool-name.js';

ruleCases(poolName, [
  { name: 'Windows pool with 8 characters', expect: [{ severity: 'error', resource: 'aks1/windows1', message: 'Windows pool name "windows1" is longer than 6 characters', hint: '"window"' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'windows1', os: 'Windows' }] }] } },
  { name: 'upper case and too long', expect: [
    { severity: 'error', resource: 'aks1/System', message: 'pool name "System" is not 1–12 lower-case letters' },
    { severity: 'error', resource: 'aks1/averyveryverylongname', message: 'pool name "averyveryverylongname"' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'System' }, { name: 'averyveryverylongname' }] }] } },
  { name: 'valid names', expect: [], sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }, { name: 'gpu12345abcd' }] }] } },
]);
