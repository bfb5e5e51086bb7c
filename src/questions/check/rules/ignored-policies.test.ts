import { ruleCases } from '../testing/cases.js';
import { ignoredPolicies } from './ignored-policies.js';

ruleCases(ignoredPolicies, [
  { name: 'Calico policy on a Cilium cluster', expect: [{ severity: 'warning', resource: 'CalicoNetworkPolicy default/c', message: 'not enforced by the cilium engine the cluster runs' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }], policies: [{ name: 'c', kind: 'CalicoNetworkPolicy' }] } },
  { name: 'AdminNetworkPolicy under Azure NPM', expect: [{ severity: 'warning', resource: 'AdminNetworkPolicy a', message: 'not enforced by the azure-npm engine' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }], policies: [{ name: 'a', kind: 'AdminNetworkPolicy' }] } },
  { name: 'Cilium policy under Calico', expect: [{ severity: 'warning', resource: 'CiliumNetworkPolicy default/x', message: 'calico engine' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'calico', pools: [{ name: 'system' }] }], policies: [{ name: 'x', kind: 'CiliumNetworkPolicy' }] } },
  { name: 'Kubernetes NetworkPolicy everywhere', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }], policies: [{ name: 'k' }] } },
  { name: 'engine none is left to AKS3004', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'none', pools: [{ name: 'system' }] }], policies: [{ name: 'c', kind: 'CalicoNetworkPolicy' }] } },
]);
