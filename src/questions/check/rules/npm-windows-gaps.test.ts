import { ruleCases } from '../testing/cases.js';
import { npmWindowsGaps } from './npm-windows-gaps.js';

const npmWin = [{ name: 'aks1', policy: 'azure' as const, pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' as const }] }];
ruleCases(npmWindowsGaps, [
  { name: 'named port', expect: [{ severity: 'error', resource: 'NetworkPolicy default/a', message: 'uses named ports' }], sketch: { clusters: npmWin, policies: [{ name: 'a', port: 'http' }] } },
  { name: 'SCTP', expect: [{ severity: 'error', resource: 'NetworkPolicy default/b', message: 'uses SCTP' }], sketch: { clusters: npmWin, policies: [{ name: 'b', port: 9000, protocol: 'SCTP' }] } },
  { name: 'NotIn', expect: [{ severity: 'error', resource: 'NetworkPolicy default/c', message: 'NotIn / DoesNotExist selectors' }], sketch: { clusters: npmWin, policies: [{ name: 'c', notIn: true }] } },
  { name: 'except', expect: [{ severity: 'error', resource: 'NetworkPolicy default/d', message: 'ipBlock except' }], sketch: { clusters: npmWin, policies: [{ name: 'd', ipBlock: '10.0.0.0/8', except: ['10.1.0.0/16'] }] } },
  { name: 'no Windows pool', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }], policies: [{ name: 'a', port: 'http' }] } },
  { name: 'plain ports', expect: [], sketch: { clusters: npmWin, policies: [{ name: 'a', port: 80 }] } },
]);
