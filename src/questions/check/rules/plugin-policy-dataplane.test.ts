import { ruleCases } from '../testing/cases.js';
import { pluginPolicyDataplane } from './plugin-policy-dataplane.js';

ruleCases(pluginPolicyDataplane, [
  { name: 'cilium policy on the Azure dataplane', expect: [{ severity: 'error', resource: 'aks1', message: 'cluster aks1: networkPolicy cilium requires networkDataplane cilium' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'azure', pools: [{ name: 'system' }] }] } },
  { name: 'NPM with kubenet', expect: [{ severity: 'error', resource: 'k1', message: 'Azure Network Policy Manager (networkPolicy azure) is not available with kubenet' }],
    sketch: { clusters: [{ name: 'k1', mode: 'kubenet', policy: 'azure', pools: [{ name: 'system' }] }] } },
  { name: 'kubenet with a Windows pool', expect: [{ severity: 'error', resource: 'k1', message: 'kubenet does not support Windows pools (win1)' }],
    sketch: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }] } },
  { name: 'Cilium dataplane with Windows and NPM', expect: [
    { severity: 'error', resource: 'aks1', message: 'networkDataplane cilium enforces policy itself; networkPolicy azure cannot run with it' },
    { severity: 'error', resource: 'aks1', message: 'networkDataplane cilium is Linux-only but the cluster has Windows pools (win1)' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'azure', dataplane: 'cilium', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }] } },
  { name: 'NPM on dual-stack', expect: [{ severity: 'error', resource: 'aks1', message: 'does not support IPv6' }],
    sketch: { clusters: [{ name: 'aks1', policy: 'azure', ipv6: true, pools: [{ name: 'system' }] }] } },
  { name: 'BYO CNI with Calico', expect: [{ severity: 'error', resource: 'b1', message: 'networkPlugin none (bring your own CNI) cannot be combined with networkPolicy calico' }],
    sketch: { clusters: [{ name: 'b1', mode: 'byo-cni', policy: 'calico', pools: [{ name: 'system' }] }] } },
  { name: 'Cilium everything', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }] } },
  { name: 'kubenet with Calico', expect: [], sketch: { clusters: [{ name: 'k1', mode: 'kubenet', policy: 'calico', pools: [{ name: 'system' }] }] } },
  { name: 'overlay NPM with Windows', expect: [], sketch: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }] } },
]);
