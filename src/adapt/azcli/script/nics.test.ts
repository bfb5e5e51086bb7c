// az scripts: network nic create, nic ip-config update, asg create, public-ip create, vm create (with --nics, or the
// NIC, NSG and public IP it makes: AZ_VM_CREATE_DEFAULTS), nsg rule create --source-asgs/--destination-asgs and
// aks nodepool add --asg-ids. Expectations written out; problems at their line:column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { adaptText, where } from './testing.js';

const NET = [
  'az network vnet create -g net -n hub --address-prefixes 10.30.0.0/16',
  'az network vnet subnet create -g net --vnet-name hub -n mgmt --address-prefixes 10.30.1.0/24',
  'az network nsg create -g net -n nsg-jump',
  'az network asg create -g net -n asg-jump',
  'az network asg create -g net -n asg-ops',
].join('\n') + '\n';
const last = (id: string | undefined): string | undefined => id?.split('/').pop();
const nics = (m: Model): unknown => m.nics.map((n) => ({
  name: n.name, vm: n.vmName, nsg: last(n.nsgId),
  configs: n.ipConfigurations.map((c) => [c.name, last(c.subnetId), c.privateIp ? formatIp(c.privateIp) : undefined, c.knowledge, c.asgIds.map(last), last(c.publicIpId)]),
}));

describe('az network nic / asg / public-ip and az vm create', () => {
  const cases: { name: string; script: string; nics: unknown; extra?: (m: Model) => unknown; expect?: unknown }[] = [
    { name: 'nic create with every flag', script: 'az network nic create -g net -n jump-nic --vnet-name hub --subnet mgmt --private-ip-address 10.30.1.4 --network-security-group nsg-jump --asgs asg-jump asg-ops --public-ip-address jump-pip',
      nics: [{ name: 'jump-nic', vm: undefined, nsg: 'nsg-jump', configs: [['ipconfig1', 'mgmt', '10.30.1.4', 'static', ['asg-jump', 'asg-ops'], 'jump-pip']] }] },
    { name: 'nic create without --private-ip-address: the address Azure assigns is unknown', script: 'az network nic create -g net -n n --vnet-name hub --subnet mgmt',
      nics: [{ name: 'n', vm: undefined, nsg: undefined, configs: [['ipconfig1', 'mgmt', undefined, 'unknown', [], undefined]] }] },
    { name: 'nic ip-config update --asgs sets the ASGs of the configuration', script: 'az network nic create -g net -n n --vnet-name hub --subnet mgmt --asgs asg-ops\naz network nic ip-config update -g net --nic-name n -n ipconfig1 --asgs asg-jump',
      nics: [{ name: 'n', vm: undefined, nsg: undefined, configs: [['ipconfig1', 'mgmt', undefined, 'unknown', ['asg-jump'], undefined]] }] },
    { name: 'vm create --nics: the NIC belongs to the VM', script: 'az network nic create -g net -n n --vnet-name hub --subnet mgmt\naz vm create -g net -n jumpbox --nics n --image Ubuntu2204 --generate-ssh-keys',
      nics: [{ name: 'n', vm: 'jumpbox', nsg: undefined, configs: [['ipconfig1', 'mgmt', undefined, 'unknown', [], undefined]] }] },
    { name: 'vm create without --nics: NIC <vm>VMNic, NSG <vm>NSG with default-allow-ssh, public IP <vm>PublicIP',
      script: 'az vm create -g net -n web --image Ubuntu2204 --vnet-name hub --subnet mgmt --asgs asg-ops',
      nics: [{ name: 'webVMNic', vm: 'web', nsg: 'webnsg', configs: [['ipconfigweb', 'mgmt', undefined, 'unknown', ['asg-ops'], 'webpublicip']] }],
      extra: (m) => [m.nsgs.find((n) => n.name === 'webNSG')?.rules.map((r) => `${r.name} ${r.priority} ${r.direction} ${r.access} ${r.protocol} ${r.sourceAddresses} ${r.destinationPorts}`),
        m.publicIps.map((p) => `${p.name} ${p.sku}`)],
      expect: [['default-allow-ssh 1000 Inbound Allow Tcp * 22'], ['webPublicIP standard']] },
    { name: 'vm create --nsg "" is no NSG; --public-ip-address "" is none', script: 'az vm create -g net -n w --image Win2022Datacenter --vnet-name hub --subnet mgmt --nsg "" --public-ip-address "" --private-ip-address 10.30.1.9',
      nics: [{ name: 'wVMNic', vm: 'w', nsg: undefined, configs: [['ipconfigw', 'mgmt', '10.30.1.9', 'static', [], undefined]] }],
      extra: (m) => [m.nsgs.map((n) => n.name), m.publicIps.length], expect: [['nsg-jump'], 0] },
    { name: 'vm create --nsg-rule RDP: rule rdp on 3389', script: 'az vm create -g net -n w --vnet-name hub --subnet mgmt --nsg-rule RDP --public-ip-address ""',
      nics: [{ name: 'wVMNic', vm: 'w', nsg: 'wnsg', configs: [['ipconfigw', 'mgmt', undefined, 'unknown', [], undefined]] }],
      extra: (m) => m.nsgs.find((n) => n.name === 'wNSG')?.rules.map((r) => `${r.name} ${r.destinationPorts}`), expect: ['rdp 3389'] },
    { name: 'public-ip create: the CLI default SKU (Standard) unless --sku', script: 'az network public-ip create -g net -n a\naz network public-ip create -g net -n b --sku Basic --allocation-method Dynamic',
      nics: [], extra: (m) => m.publicIps.map((p) => `${p.name} ${p.sku}${p.skuDefaulted ? ' (default)' : ''} ${p.allocation}`), expect: ['a standard (default) static', 'b basic dynamic'] },
    { name: 'nsg rule --source-asgs: no default source prefix; the destination keeps *', script: 'az network nsg rule create -g net --nsg-name nsg-jump -n ssh --priority 100 --source-asgs asg-jump --destination-port-ranges 22',
      nics: [], extra: (m) => m.nsgs[0]?.rules.map((r) => [r.sourceAddresses, r.sourceAsgIds.map(last), r.destinationAddresses, r.destinationAsgIds]), expect: [[[], ['asg-jump'], ['*'], []]] },
    { name: 'aks nodepool add --asg-ids (and aks create --asg-ids): the pools join the ASGs',
      script: 'A=$(az network asg show -g net -n asg-ops --query id -o tsv)\naz aks create -g net -n k --network-plugin azure --network-plugin-mode overlay --asg-ids $A\naz aks nodepool add -g net --cluster-name k -n user --asg-ids $A',
      nics: [], extra: (m) => m.clusters[0]?.pools.map((p) => [p.name, p.asgIds?.map(last)]), expect: [['nodepool1', ['asg-ops']], ['user', ['asg-ops']]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText('s.sh', NET + c.script);
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120')), []);
      const lowerNsg = (x: unknown): unknown => JSON.parse(JSON.stringify(x), (_k, v: unknown) => (typeof v === 'string' && /nsg$|publicip$/i.test(v) ? v.toLowerCase() : v));
      assert.deepEqual(lowerNsg(nics(model)), lowerNsg(c.nics));
      if (c.extra) assert.deepEqual(c.extra(model), c.expect);
      assert.deepEqual(model.asgs.map((a) => a.name), ['asg-jump', 'asg-ops']);
    });
  }
  it('vm create says which defaults it used (AKS1215, at the command)', () => {
    const { diagnostics } = adaptText('s.sh', NET + 'az vm create -g net -n web --vnet-name hub --subnet mgmt');
    const d = diagnostics.find((x) => x.code === 'AKS1215' && x.message.includes('az vm create'));
    assert.equal(d?.message, 'az default used: az vm create makes NIC webVMNic, public IP webPublicIP, NSG webNSG with rule default-allow-ssh (priority 1000, Tcp port 22 from any) (AZ_VM_CREATE_DEFAULTS)');
    assert.deepEqual([d?.origin?.line, d?.origin?.column], [6, 1]);
  });
});

describe('az NIC commands: problems at their line:column', () => {
  const cases: { name: string; text: string; expect: string[] }[] = [
    { name: 'a subnet name without --vnet-name', text: 'az network nic create -g net -n n --subnet mgmt', expect: ['AKS1216@1:35'] },
    { name: 'nic create without --subnet', text: 'az network nic create -g net -n n', expect: ['AKS1214@1:1'] },
    { name: 'nic create without --name', text: 'az network nic create -g net --vnet-name hub --subnet mgmt', expect: ['AKS1214@1:1'] },
    { name: 'an unknown flag', text: 'az network nic create -g net -n n --vnet-name hub --subnet mgmt --bogus 1', expect: ['AKS1210@1:65'] },
    { name: 'a bad private address (converter, at the flag)', text: 'az network nic create -g net -n n --vnet-name hub --subnet mgmt --private-ip-address 10.1.2.300', expect: ['AKS1108@1:65'] },
    { name: 'a bad public IP SKU', text: 'az network public-ip create -g net -n p --sku Premium', expect: ['AKS1103@1:41'] },
    { name: 'vm create without --subnet (az makes a VNet aksnet does not model)', text: 'az vm create -g net -n v', expect: ['AKS1217@1:1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { diagnostics } = adaptText('bad.sh', c.text);
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120')), c.expect);
    });
  }
  it('ip-config update of a NIC the script did not create: info at the command, nothing applied', () => {
    const { diagnostics, model } = adaptText('u.sh', 'az network nic ip-config update -g net --nic-name other -n ipconfig1 --asgs a');
    assert.deepEqual(where(diagnostics.filter((d) => d.code === 'AKS1217')), ['AKS1217@1:1']);
    assert.equal(model.nics.length, 0);
  });
});
