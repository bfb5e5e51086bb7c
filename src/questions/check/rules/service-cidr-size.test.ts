import { ruleCases } from '../testing/cases.js';
import { serviceCidrSize } from './service-cidr-size.js';

ruleCases(serviceCidrSize, [
  { name: 'AKS /12 is too large', expect: [{ severity: 'error', resource: 'aks1', message: 'service CIDR 10.0.0.0/12 of cluster aks1 is too large: it must be smaller than /12' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/12', pools: [{ name: 'system' }] }] } },
  { name: 'AKS /8', expect: [{ severity: 'error', resource: 'aks1', message: 'is too large' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/8', pools: [{ name: 'system' }] }] } },
  { name: 'self-managed /11 is too large', expect: [{ severity: 'error', resource: 'gs', message: 'it must be /12 or smaller' }],
    sketch: { clusters: [{ name: 'gs', mode: 'self-managed', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/11', pools: [{ name: 'w' }] }] } },
  { name: 'self-managed /12 is accepted', expect: [],
    sketch: { clusters: [{ name: 'gs', mode: 'self-managed', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/12', pools: [{ name: 'w' }] }] } },
  { name: 'AKS /13', expect: [], sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/13', pools: [{ name: 'system' }] }] } },
]);
