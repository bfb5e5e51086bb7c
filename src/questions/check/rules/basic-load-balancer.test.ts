import { ruleCases } from '../testing/cases.js';
import { basicLoadBalancer } from './basic-load-balancer.js';

const basic = { clusters: [{ name: 'aks1', loadBalancerSku: 'basic' as const, pools: [{ name: 'system' }] }] };
ruleCases(basicLoadBalancer, [
  { name: 'after retirement', today: '2026-01-01', expect: [{ severity: 'error', resource: 'aks1', message: 'cluster aks1 uses the Basic load balancer, which was retired on 2025-09-30 (93 days ago)' }], sketch: basic },
  { name: 'before retirement (old snapshot)', today: '2025-09-01', expect: [{ severity: 'warning', resource: 'aks1', message: 'retires on 2025-09-30 (29 days left)' }], sketch: basic },
  { name: 'standard', today: '2026-01-01', expect: [], sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }] }] } },
]);
