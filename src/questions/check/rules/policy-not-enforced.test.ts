import { ruleCases } from '../testing/cases.js';
import { policyNotEnforced } from './policy-not-enforced.js';

ruleCases(policyNotEnforced, [
  { name: 'networkPolicy none with a policy', expect: [{ severity: 'warning', resource: 'aks1', message: 'has networkPolicy none but the input holds 1 network policy' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'none', pools: [{ name: 'system' }] }], policies: [{ name: 'p' }] } },
  { name: 'networkPolicy none without policies', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'none', pools: [{ name: 'system' }] }] } },
  { name: 'Cilium enforces them', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }], policies: [{ name: 'p' }] } },
]);
