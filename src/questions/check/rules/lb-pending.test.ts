import { ruleCases } from '../testing/cases.js';
import type { ModelSketch, SketchService } from '../sketch.js';
import { lbPending } from './lb-pending.js';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const SUBNET = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
const PREFIX = 'service.beta.kubernetes.io/azure-pip-prefix-id';
const lb = (name: string, annotations: Record<string, string> = {}): SketchService => ({ name, type: 'LoadBalancer', ports: [{ port: 80 }], annotations });
const sketch = (services: SketchService[], sku: 'standard' | 'basic' = 'standard', ilb = '10.1.4.0/29'): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }, { name: 'ilb', prefix: ilb }] }],
  clusters: [{ name: 'aks1', loadBalancerSku: sku, pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
  services,
});
const inIlb = (name: string): SketchService => lb(name, { [INTERNAL]: 'true', [SUBNET]: 'ilb' });

ruleCases(lbPending, [
  { name: 'a /29 internal subnet holds three frontends; the fourth stays pending', sketch: sketch([inIlb('a'), inIlb('b'), inIlb('c'), inIlb('d')]),
    expect: [{ severity: 'error', resource: 'default/d', message: 'LoadBalancer Service default/d will stay <pending>: internal frontend: subnet vnet/ilb has no free address left', hint: 'name a subnet with free addresses' }] },
  { name: 'three frontends fit', sketch: sketch([inIlb('a'), inIlb('b'), inIlb('c')]), expect: [] },
  { name: 'SKU mismatch: a public IP prefix on a Basic load balancer', sketch: sketch([lb('web', { [PREFIX]: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPPrefixes/p' })], 'basic'),
    expect: [{ severity: 'error', resource: 'default/web', message: 'SKU mismatch: service.beta.kubernetes.io/azure-pip-prefix-id asks for a frontend IP from a public IP prefix, which only the Standard SKU has', hint: 'Standard load balancer' }] },
  { name: 'a public IP prefix on a Standard load balancer', sketch: sketch([lb('web', { [PREFIX]: 'p' })]), expect: [] },
  { name: 'a public frontend given a private address (internal annotation forgotten)', sketch: sketch([lb('web', { [IPV4]: '10.1.4.5' })]),
    expect: [{ severity: 'error', resource: 'default/web', message: 'a public frontend cannot take the private address 10.1.4.5', hint: 'azure-load-balancer-internal: "true"' }] },
  { name: 'a public frontend with a public address', sketch: sketch([lb('web', { [IPV4]: '20.50.1.2' })]), expect: [] },
  { name: 'an internal address outside the frontend subnet', sketch: sketch([lb('api', { [INTERNAL]: 'true', [SUBNET]: 'ilb', [IPV4]: '10.1.0.9' })]),
    expect: [{ severity: 'error', resource: 'default/api', message: 'internal frontend address 10.1.0.9 (service.beta.kubernetes.io/azure-load-balancer-ipv4) is outside its subnet vnet/ilb', hint: '10.1.4.0/29' }] },
  { name: 'an internal address inside the node subnet (no subnet annotation)', sketch: sketch([lb('api', { [INTERNAL]: 'true', [IPV4]: '10.1.3.200' })]), expect: [] },
  { name: 'the internal subnet annotation names a subnet the VNet does not have', sketch: sketch([lb('api', { [INTERNAL]: 'true', [SUBNET]: 'frontends' })]),
    expect: [{ severity: 'error', resource: 'default/api', message: 'names subnet frontends, which VNet vnet of cluster aks1 does not have', hint: 'ilb, nodes' }] },
  { name: 'a ClusterIP Service is never pending', sketch: sketch([{ name: 'db', ports: [{ port: 5432 }], annotations: { [IPV4]: '10.9.9.9' } }]), expect: [] },
  { name: 'managed VNet: the internal frontend subnet is not in the input, nothing to say', expect: [],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }] }], services: [lb('api', { [INTERNAL]: 'true' })] } },
]);
