// The model's JSON round trip and the builder's merging for NICs, application security groups and public IPs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIp, type Ip } from '../engines/net/index.js';
import type { NetworkInterface, PublicIpAddress } from './azure.js';
import { armId, ModelBuilder } from './model.js';
import { deserializeModel, serializeModel } from './serialize.js';

const O = { file: 'nic.json', line: 2, column: 3 };

function ip(s: string): Ip {
  const r = parseIp(s);
  if (!r) throw new Error(s);
  return r;
}

const ASG = armId('rg', 'Microsoft.Network/applicationSecurityGroups', 'jump');
const NIC: NetworkInterface = {
  id: armId('rg', 'Microsoft.Network/networkInterfaces', 'jump-nic'), name: 'jump-nic', origin: O, vmName: 'jump',
  nsgId: armId('rg', 'Microsoft.Network/networkSecurityGroups', 'jump-nsg'),
  ipConfigurations: [{ name: 'ipconfig1', subnetId: armId('rg', 'Microsoft.Network/virtualNetworks', 'v', 'subnets', 'mgmt'),
    privateIp: ip('10.0.2.4'), knowledge: 'static', asgIds: [ASG], origin: O }],
};
const PIP: PublicIpAddress = { id: armId('rg', 'Microsoft.Network/publicIPAddresses', 'web'), name: 'web', origin: O, sku: 'basic',
  allocation: 'static', address: ip('20.1.2.3') };

describe('NICs, ASGs and public IPs in the model', () => {
  it('round-trip through JSON unchanged', () => {
    const b = new ModelBuilder();
    b.addNic(NIC);
    b.addAsg({ id: ASG, name: 'jump', origin: O });
    b.addPublicIp(PIP);
    const m = b.build();
    const back = deserializeModel(serializeModel(m));
    assert.equal(back.error, '');
    assert.deepEqual(back.model.nics, m.nics);
    assert.deepEqual(back.model.asgs, m.asgs);
    assert.deepEqual(back.model.publicIps, m.publicIps);
    assert.equal(back.model.nics[0]?.ipConfigurations[0]?.privateIp?.value, ip('10.0.2.4').value);
  });
  it('a serialised model without the new lists reads them as empty', () => {
    const r = deserializeModel('{"aksnetModel":1,"model":{"vnets":[]}}');
    assert.equal(r.error, '');
    assert.deepEqual([r.model.nics, r.model.asgs, r.model.publicIps], [[], [], []]);
  });
  it('a second document of the same NIC fills gaps and adds IP configurations by name', () => {
    const b = new ModelBuilder();
    b.addNic({ ...NIC, vmName: undefined, nsgId: undefined });
    b.addNic({ ...NIC, ipConfigurations: [{ ...NIC.ipConfigurations[0]!, name: 'ipconfig2', privateIp: ip('10.0.2.5') }] });
    const [n] = b.build().nics;
    assert.equal(n?.vmName, 'jump');
    assert.equal(n?.nsgId, NIC.nsgId);
    assert.deepEqual(n?.ipConfigurations.map((c) => c.name), ['ipconfig1', 'ipconfig2']);
  });
  it('the same ASG twice is one ASG; the first public IP seen keeps its set fields', () => {
    const b = new ModelBuilder();
    b.addAsg({ id: ASG, name: 'jump', origin: O });
    b.addAsg({ id: ASG, name: 'JUMP', origin: O });
    b.addPublicIp({ ...PIP, address: undefined });
    b.addPublicIp({ ...PIP, sku: 'standard' });
    const m = b.build();
    assert.deepEqual(m.asgs.map((a) => a.name), ['jump']);
    assert.equal(m.publicIps[0]?.sku, 'basic');
    assert.equal(m.publicIps[0]?.address?.value, ip('20.1.2.3').value);
  });
});
