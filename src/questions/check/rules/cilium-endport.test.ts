import { ruleCases } from '../testing/cases.js';
import { ciliumEndport } from './cilium-endport.js';

const cluster = (kubernetesVersion: string) => [{ name: 'aks1', policy: 'cilium' as const, dataplane: 'cilium' as const, kubernetesVersion, pools: [{ name: 'system' }] }];
ruleCases(ciliumEndport, [
  { name: 'Kubernetes 1.31 runs Cilium 1.16', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'Cilium 1.16.16: endPort ranges are not enforced' }],
    sketch: { clusters: cluster('1.31.2'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'Kubernetes 1.30 predates the table', expect: [{ severity: 'warning', resource: 'NetworkPolicy default/r', message: 'older than 1.16.16' }],
    sketch: { clusters: cluster('1.30'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'Kubernetes 1.33 runs Cilium 1.17', expect: [], sketch: { clusters: cluster('1.33'), policies: [{ name: 'r', port: 8000, endPort: 8100 }] } },
  { name: 'a single port is fine', expect: [], sketch: { clusters: cluster('1.31'), policies: [{ name: 'r', port: 8000 }] } },
]);
