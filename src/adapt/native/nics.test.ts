// Native aksnet/v1: applicationSecurityGroups, publicIps, networkInterfaces and NSG rule sourceAsgs/destinationAsgs of
// a Network, and a SelfManagedCluster pool's applicationSecurityGroups. Expectations written out; bad names reported
// at their line and column; never throws on damaged or arbitrary near-valid documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatIp } from '../../engines/net/index.js';
import { asgMembership } from '../../engines/nsg/asg.js';
import { adaptText, where } from '../azcli/script/testing.js';

const NETWORK = `apiVersion: aksnet/v1
kind: Network
metadata:
  name: hub
spec:
  addressSpace: [10.30.0.0/16]
  subnets:
    - { name: nodes, prefix: 10.30.0.0/24, nsg: nsg-nodes }
    - { name: mgmt, prefix: 10.30.1.0/24 }
  applicationSecurityGroups: [asg-jumpbox, asg-nodes]
  publicIps:
    - { name: jump-pip, sku: Basic, allocation: Static, address: 20.50.1.2 }
    - { name: other-pip }
  nsgs:
    - name: nsg-nodes
      rules:
        - { name: allow-ssh, priority: 100, direction: Inbound, access: Allow, protocol: Tcp,
            sourceAsgs: [asg-jumpbox], sourcePorts: "*", destinationAsgs: [asg-nodes], destinationPorts: "22" }
    - name: nsg-jumpbox
  networkInterfaces:
    - name: jumpbox-nic
      vm: jumpbox
      nsg: nsg-jumpbox
      ipConfigurations:
        - { subnet: mgmt, privateIp: 10.30.1.4, applicationSecurityGroups: [asg-jumpbox], publicIp: jump-pip }
    - name: agent-nic
      ipConfigurations:
        - { name: primary, subnet: mgmt }
`;
const CLUSTER = `apiVersion: aksnet/v1
kind: SelfManagedCluster
metadata:
  name: k
spec:
  network: hub
  cni: calico-vxlan
  controllerManager: { clusterCidr: 10.244.0.0/16 }
  pools:
    - { name: workers, count: 2, subnet: nodes, applicationSecurityGroups: [asg-nodes] }
`;
const ID = (type: string, name: string): string => `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/native/providers/microsoft.network/${type}/${name}`;

describe('native: NICs, ASGs and public IPs', () => {
  const { model, diagnostics } = adaptText('net.yaml', NETWORK + '---\n' + CLUSTER);
  it('reads without warnings or errors', () => assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), []));
  it('ASGs by name, with native ids', () => assert.deepEqual(model.asgs.map((a) => a.id), [ID('applicationsecuritygroups', 'asg-jumpbox'), ID('applicationsecuritygroups', 'asg-nodes')]));
  it('public IPs: given SKU, allocation and address; defaults for the other', () => {
    assert.deepEqual(model.publicIps.map((p) => `${p.name} ${p.sku}${p.skuDefaulted ? ' (default)' : ''} ${p.allocation} ${p.address ? formatIp(p.address) : '-'}`),
      ['jump-pip basic static 20.50.1.2', 'other-pip standard (default) static -']);
  });
  it('NICs: VM, NSG, subnet, static or unknown address, ASGs, public IP', () => {
    const nics = model.nics.map((n) => ({
      name: n.name, vm: n.vmName, nsg: n.nsgId?.split('/').pop(),
      configs: n.ipConfigurations.map((c) => [c.name, c.subnetId?.split('/').pop(), c.privateIp ? formatIp(c.privateIp) : undefined, c.knowledge,
        c.asgIds.map((a) => a.split('/').pop()), c.publicIpId?.split('/').pop()]),
    }));
    assert.deepEqual(nics, [
      { name: 'agent-nic', vm: undefined, nsg: undefined, configs: [['primary', 'mgmt', undefined, 'unknown', [], undefined]] },
      { name: 'jumpbox-nic', vm: 'jumpbox', nsg: 'nsg-jumpbox', configs: [['ipconfig1', 'mgmt', '10.30.1.4', 'static', ['asg-jumpbox'], 'jump-pip']] },
    ]);
  });
  it('NSG rules name ASGs in place of addresses', () => {
    const r = model.nsgs.find((n) => n.name === 'nsg-nodes')?.rules[0];
    assert.deepEqual([r?.sourceAddresses, r?.sourceAsgIds, r?.destinationAddresses, r?.destinationAsgIds],
      [[], [ID('applicationsecuritygroups', 'asg-jumpbox')], [], [ID('applicationsecuritygroups', 'asg-nodes')]]);
  });
  it('a pool joins its ASGs: its nodes are members', () => {
    assert.deepEqual(model.clusters[0]?.pools[0]?.asgIds, [ID('applicationsecuritygroups', 'asg-nodes')]);
    const m = asgMembership(model);
    assert.equal(m.members.get(ID('applicationsecuritygroups', 'asg-nodes'))?.size(4), 2n);
    assert.equal(m.members.get(ID('applicationsecuritygroups', 'asg-jumpbox'))?.size(4), 1n);
  });
});

describe('native: bad NIC, ASG and public IP input is reported at its line and column', () => {
  const cases: { name: string; from: string; to: string; expect: string[] }[] = [
    { name: 'a NIC subnet the Network does not declare', from: 'subnet: mgmt, privateIp', to: 'subnet: nope, privateIp', expect: ['AKS1203@25:13'] },
    { name: 'an IP configuration ASG not declared', from: 'applicationSecurityGroups: [asg-jumpbox]', to: 'applicationSecurityGroups: [asg-x]', expect: ['AKS1203@25:77'] },
    { name: 'a NIC NSG not declared', from: 'nsg: nsg-jumpbox\n      ipConfigurations', to: 'nsg: nsg-gone\n      ipConfigurations', expect: ['AKS1203@23:7'] },
    { name: 'a rule ASG not declared', from: 'sourceAsgs: [asg-jumpbox]', to: 'sourceAsgs: [asg-y]', expect: ['AKS1203@18:26'] },
    { name: 'a public IP the IP configuration names is not declared', from: 'publicIp: jump-pip }', to: 'publicIp: no-pip }', expect: ['AKS1203@25:91'] },
    { name: 'a bad public IP SKU', from: 'sku: Basic', to: 'sku: Premium', expect: ['AKS1103@12:25'] },
    { name: 'a bad private address', from: 'privateIp: 10.30.1.4', to: 'privateIp: 10.30.1.400', expect: ['AKS1108@25:27'] },
    { name: 'an unknown NIC field', from: '      vm: jumpbox', to: '      vm: jumpbox\n      zone: 1', expect: ['AKS1201@23:7'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.ok(NETWORK.includes(c.from), c.from);
      const { diagnostics } = adaptText('net.yaml', NETWORK.replace(c.from, c.to));
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), c.expect);
    });
  }
});

describe('native NIC sections never throw', () => {
  it('on damaged versions of the NIC example', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (a, b) => {
      const t = NETWORK + '---\n' + CLUSTER;
      const i = a % t.length;
      adaptText('x.yaml', t.slice(0, i) + t.slice(i + (b % 25)));
      return true;
    }), { numRuns: 300 });
  });
  it('on arbitrary values in the NIC, ASG and public IP sections', () => {
    const v = fc.oneof(fc.jsonValue(), fc.constantFrom('mgmt', 'asg-jumpbox', 'jump-pip', 'nsg-jumpbox', '10.30.1.9', 'Standard'));
    const section = fc.array(fc.oneof(v, fc.dictionary(fc.constantFrom('name', 'vm', 'nsg', 'ipConfigurations', 'sku', 'allocation', 'address',
      'subnet', 'privateIp', 'applicationSecurityGroups', 'publicIp'), fc.oneof(v, fc.array(fc.dictionary(fc.constantFrom('name', 'subnet', 'privateIp',
      'applicationSecurityGroups', 'publicIp'), v), { maxLength: 2 })), { maxKeys: 5 })), { maxLength: 3 });
    fc.assert(fc.property(section, section, section, (nics, asgs, pips) => {
      const spec = { addressSpace: ['10.30.0.0/16'], subnets: [{ name: 'mgmt', prefix: '10.30.1.0/24' }], networkInterfaces: nics, applicationSecurityGroups: asgs, publicIps: pips };
      adaptText('x.json', JSON.stringify({ apiVersion: 'aksnet/v1', kind: 'Network', metadata: { name: 'n' }, spec }));
      return true;
    }), { numRuns: 300 });
  });
});

describe('docs/formats/native.md', () => {
  it('its examples read without warnings or errors, with the NIC, ASG and public IP sections', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'formats', 'native.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.ok(blocks.length >= 2, 'two yaml examples');
    const { model, diagnostics } = adaptText('native.md.yaml', blocks.join('---\n'));
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`), []);
    assert.deepEqual([model.asgs.length, model.publicIps.length, model.nics.map((n) => n.vmName)], [2, 1, ['jumpbox']]);
    assert.deepEqual(model.clusters.find((c) => c.name === 'giantswarm')?.pools.find((p) => p.name === 'workers')?.asgIds?.map((a) => a.split('/').pop()), ['workers']);
  });
});
