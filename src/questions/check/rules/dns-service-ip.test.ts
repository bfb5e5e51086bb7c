import { ruleCases } from '../testing/cases.js';
import { dnsServiceIp } from './dns-service-ip.js';

ruleCases(dnsServiceIp, [
  { name: 'first address (.1, kubernetes.default.svc)', expect: [{ severity: 'error', resource: 'aks1', message: 'dnsServiceIP 10.0.0.1 of cluster aks1 is the first address of the service CIDR 10.0.0.0/16' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.1', pools: [{ name: 'system' }] }] } },
  { name: 'network address', expect: [{ severity: 'error', resource: 'aks1', message: 'dnsServiceIP 10.0.0.0 of cluster aks1 is the network address of the service CIDR 10.0.0.0/16' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.0', pools: [{ name: 'system' }] }] } },
  { name: 'first address of a smaller service CIDR', expect: [{ severity: 'error', resource: 'aks1', message: 'dnsServiceIP 10.10.1.1 of cluster aks1 is the first address of the service CIDR 10.10.1.0/24' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.10.1.0/24', dnsServiceIp: '10.10.1.1', pools: [{ name: 'system' }] }] } },
  { name: 'outside the service CIDR', expect: [{ severity: 'error', resource: 'aks1', message: 'dnsServiceIP 10.1.0.10 of cluster aks1 is not inside the service CIDR 10.0.0.0/16' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.1.0.10', pools: [{ name: 'system' }] }] } },
  { name: 'broadcast address', expect: [{ severity: 'warning', resource: 'aks1', message: 'is the broadcast address of the service CIDR 10.0.0.0/16' }],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.255.255', pools: [{ name: 'system' }] }] } },
  { name: 'the conventional .10', expect: [],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10', pools: [{ name: 'system' }] }] } },
  { name: 'second address (.2)', expect: [],
    sketch: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.2', pools: [{ name: 'system' }] }] } },
]);
