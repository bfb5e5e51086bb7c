// az CLI JSON of NICs, application security groups and public IPs: realistic outputs, bad input with positions.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatIp } from '../../engines/net/index.js';
import type { SourceDocument } from '../../load/document.js';
import { parseSource } from '../../load/parse.js';
import { adaptDocuments } from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): SourceDocument[] => parseSource(`testdata/${name}`, readFileSync(join(here, 'testdata', name), 'utf8')).docs;
const inline = (file: string, text: string): SourceDocument[] => parseSource(file, text).docs;
const ALL = ['nic-list.json', 'asg-show.json', 'public-ip-list.json'];

test('real az network nic list / asg show / public-ip list outputs: no diagnostics, nothing skipped', () => {
  const r = adaptDocuments(ALL.flatMap(fixture));
  assert.deepEqual(r.diagnostics.items.map((d) => `${d.code} ${d.message}`), []);
  assert.deepEqual(r.skipped, []);
});

test('az network nic list → NICs with IP configurations, ASG membership, NIC NSG and VM', () => {
  const { model } = adaptDocuments(ALL.flatMap(fixture));
  assert.deepEqual(model.nics.map((n) => n.name), ['db-nic', 'jumpbox-nic']);
  const jump = model.nics.find((n) => n.name === 'jumpbox-nic')!;
  assert.equal(jump.vmName, 'jumpbox');
  assert.match(jump.nsgId ?? '', /networksecuritygroups\/jumpbox-nsg$/);
  const c = jump.ipConfigurations[0]!;
  assert.equal(formatIp(c.privateIp!), '10.20.3.4');
  assert.equal(c.knowledge, 'dynamic', 'Dynamic allocation, address shown by az: the address it got');
  assert.deepEqual(c.asgIds.map((id) => id.split('/').pop()), ['asg-jumpbox']);
  assert.match(c.subnetId ?? '', /virtualnetworks\/hub-vnet\/subnets\/mgmt$/);
  assert.match(c.publicIpId ?? '', /publicipaddresses\/jumpbox-pip$/);
  const db = model.nics.find((n) => n.name === 'db-nic')!;
  assert.equal(db.ipConfigurations[0]!.knowledge, 'static');
  assert.equal(db.nsgId, undefined);
  assert.equal(db.vmName, undefined);
});

test('az network asg show / public-ip list → ASG and public IPs with SKU, allocation and address', () => {
  const { model } = adaptDocuments(ALL.flatMap(fixture));
  assert.deepEqual(model.asgs.map((a) => a.name), ['asg-jumpbox']);
  assert.deepEqual(model.publicIps.map((p) => `${p.name} ${p.sku} ${p.allocation} ${p.address ? formatIp(p.address) : '-'}`),
    ['jumpbox-pip standard static 20.61.10.5', 'legacy-pip basic dynamic -']);
});

test('a public IP without a SKU gets the az CLI default (Standard), marked as defaulted', () => {
  const { model } = adaptDocuments(inline('pip.json', '{"type": "Microsoft.Network/publicIPAddresses", "name": "p"}'));
  assert.equal(model.publicIps[0]?.sku, 'standard');
  assert.equal(model.publicIps[0]?.skuDefaulted, true);
  assert.equal(model.publicIps[0]?.allocation, 'static');
});

test('a NIC without type is recognised by its ipConfigurations; a Dynamic configuration without address is unknown', () => {
  const { model, diagnostics } = adaptDocuments(inline('nic.json', '{"name": "n", "ipConfigurations": [{"name": "c", "privateIPAllocationMethod": "Dynamic"}]}'));
  assert.equal(model.nics[0]?.ipConfigurations[0]?.knowledge, 'unknown');
  assert.deepEqual(diagnostics.items, []);
});

const badCases: { name: string; code: string; line: number; column: number; text: string }[] = [
  { name: 'NIC private address that is no IP', code: 'AKS1108', line: 3, column: 25,
    text: '{\n  "type": "Microsoft.Network/networkInterfaces", "name": "n",\n  "ipConfigurations": [{"privateIPAddress": "10.0.0.300"}]\n}' },
  { name: 'NIC without a name', code: 'AKS1109', line: 1, column: 1,
    text: '{"type": "Microsoft.Network/networkInterfaces", "ipConfigurations": []}' },
  { name: 'ASG reference that is not an ASG id', code: 'AKS1110', line: 3, column: 55,
    text: '{\n  "type": "Microsoft.Network/networkInterfaces", "name": "n",\n  "ipConfigurations": [{"applicationSecurityGroups": [{"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/x"}]}]\n}' },
  { name: 'unknown public IP SKU', code: 'AKS1103', line: 2, column: 11,
    text: '{"type": "Microsoft.Network/publicIPAddresses", "name": "p",\n  "sku": {"name": "Premium"}}' },
  { name: 'ipConfigurations that is not an array', code: 'AKS1107', line: 2, column: 3,
    text: '{"type": "Microsoft.Network/networkInterfaces", "name": "n",\n  "ipConfigurations": 5}' },
];

for (const c of badCases) {
  test(`bad input: ${c.name} → ${c.code} at ${c.line}:${c.column}`, () => {
    const r = adaptDocuments(inline('bad.json', c.text));
    const hit = r.diagnostics.items.find((d) => d.code === c.code);
    assert.ok(hit, `expected ${c.code}, got ${r.diagnostics.items.map((d) => `${d.code} ${d.origin?.line}:${d.origin?.column}`).join(', ')}`);
    assert.equal(hit.origin?.file, 'bad.json');
    assert.equal(hit.origin?.line, c.line);
    assert.equal(hit.origin?.column, c.column);
  });
}
