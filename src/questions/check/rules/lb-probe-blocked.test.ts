import { ruleCases } from '../testing/cases.js';
import type { ModelSketch, SketchNsgRule, SketchService } from '../sketch.js';
import { lbProbeBlocked } from './lb-probe-blocked.js';

const WEB: SketchService = { name: 'web', type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };
const sketch = (rules: SketchNsgRule[] | undefined, services: SketchService[] = [WEB], mode: 'self-managed' | 'azure-cni-overlay' = 'azure-cni-overlay'): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: rules ? 'nodes-nsg' : undefined }] }],
  clusters: [{ name: 'aks1', mode, podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
  nsgs: rules ? [{ name: 'nodes-nsg', rules }] : [],
  services,
});
const DENY_ALL: SketchNsgRule = { name: 'deny-all', priority: 4096, access: 'Deny' };

ruleCases(lbProbeBlocked, [
  { name: 'a deny-all inbound above the default AllowAzureLoadBalancerInBound', sketch: sketch([DENY_ALL]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'subnet NSG nodes-nsg of vnet/nodes denies the health probe of LoadBalancer Service default/web port TCP/80: rule deny-all (priority 4096) drops TCP 168.63.129.16 -> 10.1.0.4:30000',
      hint: 'allow source AzureLoadBalancer (all ports) in nodes-nsg with a priority below 4096' }] },
  { name: 'AzureLoadBalancer allowed before the deny-all', sketch: sketch([{ name: 'allow-probes', priority: 100, source: ['AzureLoadBalancer'] }, DENY_ALL]), expect: [] },
  { name: 'an explicit deny of AzureLoadBalancer', sketch: sketch([{ name: 'no-lb', priority: 100, access: 'Deny', source: ['AzureLoadBalancer'] }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'rule no-lb (priority 100) drops TCP 168.63.129.16 -> 10.1.0.4:30000' }] },
  { name: 'only the Service port allowed, not the nodePort the probe uses', sketch: sketch([{ name: 'web', priority: 100, source: ['*'], destinationPorts: ['80'] }, DENY_ALL]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'rule deny-all (priority 4096)' }] },
  { name: 'the nodePort range allowed', sketch: sketch([{ name: 'nodeports', priority: 100, protocol: 'Tcp', destinationPorts: ['30000-32767'] }, DENY_ALL]), expect: [] },
  { name: 'a given nodePort is the one probed', sketch: sketch([DENY_ALL], [{ ...WEB, ports: [{ port: 80, nodePort: 31080 }] }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'drops TCP 168.63.129.16 -> 10.1.0.4:31080 (nodePort)' }] },
  { name: 'default rules only', sketch: sketch([]), expect: [] },
  { name: 'no NSG on the subnet', sketch: sketch(undefined), expect: [] },
  { name: 'a ClusterIP Service has no probe', sketch: sketch([DENY_ALL], [{ name: 'db', ports: [{ port: 5432 }] }]), expect: [] },
  { name: 'two ports: one finding each', sketch: sketch([DENY_ALL], [{ ...WEB, ports: [{ port: 80 }, { port: 443 }] }]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'port TCP/443: rule deny-all (priority 4096) drops TCP 168.63.129.16 -> 10.1.0.4:30001' },
      { severity: 'error', resource: 'nodes-nsg', message: 'port TCP/80: rule deny-all (priority 4096) drops TCP 168.63.129.16 -> 10.1.0.4:30000' },
    ] },
  { name: 'externalTrafficPolicy Local: the probe targets the allocated healthCheckNodePort (after its nodePort), not the nodePort',
    sketch: sketch([{ name: 'nodeports', priority: 100, protocol: 'Tcp', destinationPorts: ['30000'] }, DENY_ALL], [{ ...WEB, externalTrafficPolicy: 'Local' }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'denies the health probe of LoadBalancer Service default/web (externalTrafficPolicy Local): rule deny-all (priority 4096) drops HTTP /healthz over TCP 168.63.129.16 -> 10.1.0.4:30001 (healthCheckNodePort, allocated by aksnet)' }] },
  { name: 'externalTrafficPolicy Local: a given healthCheckNodePort allowed passes although the nodePort is denied',
    sketch: sketch([{ name: 'hc', priority: 100, protocol: 'Tcp', destinationPorts: ['32100'] }, DENY_ALL], [{ ...WEB, externalTrafficPolicy: 'Local', healthCheckNodePort: 32100 }]),
    expect: [] },
  { name: 'externalTrafficPolicy Local with two ports: one probe, one finding',
    sketch: sketch([DENY_ALL], [{ ...WEB, externalTrafficPolicy: 'Local', healthCheckNodePort: 32100, ports: [{ port: 80 }, { port: 443 }] }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'drops HTTP /healthz over TCP 168.63.129.16 -> 10.1.0.4:32100 (healthCheckNodePort)' }] },
  { name: 'a Service of the second cluster (--cluster) is probed on that cluster\'s nodes, not the first\'s',
    sketch: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
        { name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }, { name: 'nodes2', prefix: '10.1.4.0/22' }] }],
      clusters: [
        { name: 'aks1', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
        { name: 'aks2', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes2' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [DENY_ALL] }],
      services: [{ ...WEB, cluster: 'aks2' }],
    },
    expect: [] },
  { name: 'several clusters and nothing tells: the first is assumed',
    sketch: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
        { name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }, { name: 'nodes2', prefix: '10.1.4.0/22' }] }],
      clusters: [
        { name: 'aks1', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] },
        { name: 'aks2', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes2' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [DENY_ALL] }],
      services: [WEB],
    },
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'drops TCP 168.63.129.16 -> 10.1.0.4:30000' }] },
]);
