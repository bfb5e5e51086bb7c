// AKS2401 lb-pending with `spec.loadBalancerIP` (deprecated, still common): the requested frontend address when the
// azure-load-balancer-ipv4 annotation is absent; the annotation wins when both are given (fact
// LB_IP_ANNOTATION_OVER_SPEC, cloud-provider-azure getServiceLoadBalancerIP). Sketches carry no loadBalancerIP, so it
// is set on the built model's Services here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIp } from '../../../engines/net/index.js';
import type { PublicIpAddress } from '../../../model/azure.js';
import { armId } from '../../../model/model.js';
import { runRules } from '../run.js';
import { buildSketch, type SketchService } from '../sketch.js';
import { lbPending } from './lb-pending.js';

const IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const O = { file: 'pip.json', line: 1, column: 1 };
const lb = (annotations: Record<string, string> = {}): SketchService => ({ name: 'web', type: 'LoadBalancer', ports: [{ port: 80 }], annotations });
const basicPip: PublicIpAddress = {
  id: armId('mc_rg_aks1', 'Microsoft.Network/publicIPAddresses', 'old'), name: 'old', origin: O, sku: 'basic', allocation: 'static',
  address: parseIp('20.50.1.2')!,
};

const cases: { name: string; service: SketchService; specIp: string; want: string[] }[] = [
  { name: 'spec.loadBalancerIP held by a Basic public IP on a Standard load balancer', service: lb(), specIp: '20.50.1.2',
    want: ['default/web: SKU mismatch: the frontend address 20.50.1.2 belongs to public IP old, a Basic public IP, but cluster aks1 uses a Standard load balancer'] },
  { name: 'the annotation wins over spec.loadBalancerIP (its address is no Basic public IP)', service: lb({ [IPV4]: '20.50.1.9' }), specIp: '20.50.1.2', want: [] },
  { name: 'the annotation wins even when spec.loadBalancerIP is the fine one', service: lb({ [IPV4]: '20.50.1.2' }), specIp: '20.50.1.9',
    want: ['default/web: SKU mismatch: the frontend address 20.50.1.2 belongs to public IP old, a Basic public IP, but cluster aks1 uses a Standard load balancer'] },
  { name: 'a private spec.loadBalancerIP for a public frontend', service: lb(), specIp: '10.1.0.50',
    want: ['default/web: a public frontend cannot take the private address 10.1.0.50 of spec.loadBalancerIP: no public IP resource has it'] },
  { name: 'an internal frontend whose spec.loadBalancerIP lies outside the node subnet', service: lb({ [INTERNAL]: 'true' }), specIp: '10.1.8.5',
    want: ['default/web: internal frontend address 10.1.8.5 (spec.loadBalancerIP) is outside its subnet vnet/nodes'] },
  { name: 'an internal frontend with a free spec.loadBalancerIP in its subnet', service: lb({ [INTERNAL]: 'true' }), specIp: '10.1.0.200', want: [] },
  { name: 'an IPv6 spec.loadBalancerIP is not an IPv4 frontend request (ignored)', service: lb(), specIp: '2001:db8::1', want: [] },
];

for (const c of cases) {
  test(`AKS2401 lb-pending (spec.loadBalancerIP): ${c.name}`, () => {
    const built = buildSketch({
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
      clusters: [{ name: 'aks1', loadBalancerSku: 'standard', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      services: [c.service],
    });
    const model = { ...built, publicIps: [basicPip], services: built.services.map((s) => ({ ...s, loadBalancerIp: parseIp(c.specIp)! })) };
    const found = runRules([lbPending], model, { today: '2026-01-01' });
    assert.deepEqual(found.map((f) => `${f.resource}: ${f.message.replace(/^LoadBalancer Service \S+ will stay <pending>: /, '')}`), c.want);
    for (const f of found) assert.ok(f.hint && f.hint.length > 0, 'every finding says what to do');
  });
}
