import { ruleCases } from '../testing/cases.js';
import { ciliumEndport } from './cilium-endport.js';

const cluster = (kubernetesVersion: string) => [{ name: 'aks1', policy: 'cilium' as const, dataplane: 'cilium' as const, kubernetesVersion, pools: [{ name: 'system' }] }];
const named = (name: string, kubernetesVersion: string, policy: 'cilium' | 'calico' = 'cilium') =>
  ({ name, policy, ...(policy === 'cilium' ? { dataplane: 'cilium' as const } : {}), kubernetesVersion, pools: [{ name: 'system' }] });
ruleCases(ciliumEndport, [
  { name: 'Kubernetes 1.31 runs Cilium 1.16', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'Cilium 1.16.16: endPort ranges are not enforced' }],
    sketch: { clusters: cluster('1.31.2'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'Kubernetes 1.30 predates the table', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'older than 1.16.16' }],
    sketch: { clusters: cluster('1.30'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'Kubernetes 1.33 runs Cilium 1.17', expect: [], sketch: { clusters: cluster('1.33'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'a single port is fine', expect: [], sketch: { clusters: cluster('1.31'), policies: [{ name: 'r', port: 8000 }] } },
  // Several clusters: each cluster's own engine and version (not the first cluster's).
  { name: 'two Cilium clusters, only the second on 1.31: named', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'cluster old: Kubernetes 1.31 on AKS runs Cilium 1.16.16' }],
    sketch: { clusters: [named('new', '1.33'), named('old', '1.31.2')], policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'a Calico cluster on 1.31 next to a Cilium one on 1.33: nothing', expect: [],
    sketch: { clusters: [named('new', '1.33'), named('calico', '1.31', 'calico')], policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'two Cilium clusters on 1.30 and 1.31: both named in one finding per rule', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'cluster a: Kubernetes 1.30 on AKS runs Cilium older than 1.16.16' }],
    sketch: { clusters: [named('a', '1.30'), named('b', '1.31')], policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
]);
