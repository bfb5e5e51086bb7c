// AKS2401 lb-pending with public IP resources in the input: the SKU of the public IP a Service names (azure-pip-name)
// or whose address it fixes (azure-load-balancer-ipv4) against the cluster's load balancer SKU, and a named public IP
// missing from the input's public IPs. Sketches have no public IPs, so they are added to the built model here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIp } from '../../../engines/net/index.js';
import type { PublicIpAddress } from '../../../model/azure.js';
import { armId } from '../../../model/model.js';
import { runRules } from '../run.js';
import { buildSketch, type ModelSketch, type SketchService } from '../sketch.js';
import { lbPending } from './lb-pending.js';

const PIP_NAME = 'service.beta.kubernetes.io/azure-pip-name';
const IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
const O = { file: 'pip.json', line: 1, column: 1 };
const lb = (name: string, annotations: Record<string, string> = {}): SketchService => ({ name, type: 'LoadBalancer', ports: [{ port: 80 }], annotations });
const sketch = (services: SketchService[], sku: 'standard' | 'basic'): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }] }],
  clusters: [{ name: 'aks1', loadBalancerSku: sku, pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
  services,
});
const pip = (name: string, sku: 'basic' | 'standard', address?: string, skuDefaulted = false): PublicIpAddress => ({
  id: armId('mc_rg_aks1', 'Microsoft.Network/publicIPAddresses', name), name, origin: O, sku, allocation: 'static',
  ...(address ? { address: parseIp(address)! } : {}), ...(skuDefaulted ? { skuDefaulted } : {}),
});

const cases: { name: string; sku: 'standard' | 'basic'; services: SketchService[]; pips: PublicIpAddress[]; want: string[] }[] = [
  { name: 'a Basic public IP named on a Standard load balancer', sku: 'standard', services: [lb('web', { [PIP_NAME]: 'web-pip' })], pips: [pip('web-pip', 'basic')],
    want: ['default/web: SKU mismatch: service.beta.kubernetes.io/azure-pip-name names public IP web-pip, a Basic public IP, but cluster aks1 uses a Standard load balancer'] },
  { name: 'a Standard public IP named on a Basic load balancer (the reverse)', sku: 'basic', services: [lb('web', { [PIP_NAME]: 'WEB-PIP' })], pips: [pip('web-pip', 'standard')],
    want: ['default/web: SKU mismatch: service.beta.kubernetes.io/azure-pip-name names public IP WEB-PIP, a Standard public IP, but cluster aks1 uses a Basic load balancer'] },
  { name: 'matching SKUs: nothing to say', sku: 'standard', services: [lb('web', { [PIP_NAME]: 'web-pip' })], pips: [pip('web-pip', 'standard')], want: [] },
  { name: 'the fixed address belongs to a Basic public IP (defaulted SKU said so)', sku: 'standard', services: [lb('web', { [IPV4]: '20.50.1.2' })],
    pips: [pip('old', 'basic', '20.50.1.2', true)],
    want: ['default/web: SKU mismatch: the frontend address 20.50.1.2 belongs to public IP old, a Basic public IP (SKU not given: the tool\'s default), but cluster aks1 uses a Standard load balancer'] },
  { name: 'a fixed address no public IP of the input holds: nothing known', sku: 'standard', services: [lb('web', { [IPV4]: '20.50.1.9' })], pips: [pip('old', 'basic', '20.50.1.2')], want: [] },
  { name: 'a named public IP missing while public IPs are given', sku: 'standard', services: [lb('web', { [PIP_NAME]: 'nope' })], pips: [pip('web-pip', 'standard')],
    want: ['default/web: service.beta.kubernetes.io/azure-pip-name names public IP nope, which is not among the public IPs of the input (web-pip)'] },
  { name: 'a named public IP when the input gives none: nothing known', sku: 'standard', services: [lb('web', { [PIP_NAME]: 'nope' })], pips: [], want: [] },
];

for (const c of cases) {
  test(`AKS2401 lb-pending (public IPs): ${c.name}`, () => {
    const model = { ...buildSketch(sketch(c.services, c.sku)), publicIps: c.pips };
    const found = runRules([lbPending], model, { today: '2026-01-01' });
    assert.deepEqual(found.map((f) => `${f.resource}: ${f.message.replace(/^LoadBalancer Service \S+ will stay <pending>: /, '')}`), c.want);
    for (const f of found) assert.ok(f.hint && f.hint.length > 0, 'every finding says what to do');
  });
}
