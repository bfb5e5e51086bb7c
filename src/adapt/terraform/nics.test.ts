// Terraform plans: azurerm_network_interface, the NIC ↔ ASG / NSG associations, azurerm_application_security_group,
// azurerm_public_ip, VMs' network_interface_ids and node pools' node_network_profile.application_security_group_ids.
// Values known only after apply stay unknown: an address Azure assigns is absent, an ASG association whose ASG cannot
// be resolved makes the NIC's ASG list unknown, and the NSG lint then says membership is unknown (AKS4002).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp } from '../../engines/net/index.js';
import { lintNsg } from '../../engines/nsg/lint.js';
import { nsgContextForSubnet } from '../../engines/nsg/model-context.js';
import { parseSource } from '../../load/parse.js';
import type { Model } from '../../model/model.js';
import { adaptText, where } from '../azcli/script/testing.js';

type Obj = Record<string, unknown>;
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network';
const res = (address: string, values: Obj): Obj => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], values });
const plan = (resources: Obj[], unknown: Record<string, Obj> = {}, refs: Record<string, Obj> = {}): string => JSON.stringify({
  format_version: '1.2', planned_values: { root_module: { resources } },
  resource_changes: Object.entries(unknown).map(([address, after_unknown]) => ({ address, change: { actions: ['create'], after_unknown } })),
  configuration: { root_module: { resources: Object.entries(refs).map(([address, expressions]) => ({ address, expressions })) } },
}, null, 2);
const ref = (...addrs: string[]): Obj => ({ references: addrs.flatMap((a) => [`${a}.id`, a]) });
const RG = { resource_group_name: 'net', location: 'westeurope' };
const subnetRes = res('azurerm_subnet.mgmt', { ...RG, name: 'mgmt', virtual_network_name: 'hub', address_prefixes: ['10.30.1.0/24'] });
const asgRes = res('azurerm_application_security_group.jump', { ...RG, name: 'asg-jump' });
const nicRes = (ipc: Obj, name = 'jump-nic'): Obj => res(`azurerm_network_interface.${name.replace(/-/g, '_')}`, { ...RG, name, ip_configuration: [{ name: 'ipconfig1', ...ipc }] });
const assoc = (values: Obj = {}): Obj => res('azurerm_network_interface_application_security_group_association.jump', values);
const nsgWithAsgRule = res('azurerm_network_security_group.n', { ...RG, name: 'nsg', security_rule: [{ name: 'ssh', priority: 100, direction: 'Inbound', access: 'Allow',
  protocol: 'Tcp', source_port_range: '*', destination_port_range: '22', destination_address_prefix: '*',
  source_application_security_group_ids: [`${SUB}/applicationSecurityGroups/asg-jump`] }] });

const nicView = (m: Model): unknown => m.nics.map((n) => ({
  name: n.name, vm: n.vmName, nsg: n.nsgId?.split('/').pop(),
  configs: n.ipConfigurations.map((c) => ({ subnet: c.subnetId?.split('/').pop(), ip: c.privateIp ? formatIp(c.privateIp) : undefined, knowledge: c.knowledge,
    asgs: c.asgIds.map((a) => a.split('/').pop()), asgsUnknown: c.asgsUnknown ?? false, pip: c.publicIpId?.split('/').pop() })),
}));

describe('terraform: azurerm_network_interface and its associations', () => {
  // `codes`: each diagnostic as [code, path of the plan value it points at].
  const cases: { name: string; text: string; nics: unknown; codes: [string, (string | number)[]][] }[] = [
    {
      name: 'an existing NIC: planned id, subnet id and the dynamic address it got',
      text: plan([nicRes({ subnet_id: `${SUB}/virtualNetworks/hub/subnets/mgmt`, private_ip_address_allocation: 'Dynamic', private_ip_address: '10.30.1.7' })]),
      nics: [{ name: 'jump-nic', vm: undefined, nsg: undefined, configs: [{ subnet: 'mgmt', ip: '10.30.1.7', knowledge: 'dynamic', asgs: [], asgsUnknown: false, pip: undefined }] }],
      codes: [],
    },
    {
      name: 'a new NIC: subnet through the configuration, Dynamic address unknown until apply',
      text: plan([subnetRes, nicRes({ private_ip_address_allocation: 'Dynamic' })],
        { 'azurerm_network_interface.jump_nic': { ip_configuration: [{ subnet_id: true, private_ip_address: true }] } },
        { 'azurerm_network_interface.jump_nic': { ip_configuration: [{ subnet_id: ref('azurerm_subnet.mgmt') }] } }),
      nics: [{ name: 'jump-nic', vm: undefined, nsg: undefined, configs: [{ subnet: 'mgmt', ip: undefined, knowledge: 'unknown', asgs: [], asgsUnknown: false, pip: undefined }] }],
      codes: [],
    },
    {
      name: 'ASG and NSG associations and the VM, all resolved through references',
      text: plan([subnetRes, asgRes, nicRes({ private_ip_address_allocation: 'Static', private_ip_address: '10.30.1.4' }), assoc(),
        res('azurerm_network_security_group.jump', { ...RG, name: 'nsg-jump' }), res('azurerm_network_interface_security_group_association.jump', {}),
        res('azurerm_linux_virtual_machine.jump', { ...RG, name: 'jumpbox' })],
      { 'azurerm_network_interface.jump_nic': { ip_configuration: [{ subnet_id: true }] }, 'azurerm_linux_virtual_machine.jump': { network_interface_ids: true },
        'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: true, application_security_group_id: true },
        'azurerm_network_interface_security_group_association.jump': { network_interface_id: true, network_security_group_id: true } },
      { 'azurerm_network_interface.jump_nic': { ip_configuration: [{ subnet_id: ref('azurerm_subnet.mgmt') }] },
        'azurerm_linux_virtual_machine.jump': { network_interface_ids: ref('azurerm_network_interface.jump_nic') },
        'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: ref('azurerm_network_interface.jump_nic'),
          application_security_group_id: ref('azurerm_application_security_group.jump') },
        'azurerm_network_interface_security_group_association.jump': { network_interface_id: ref('azurerm_network_interface.jump_nic'),
          network_security_group_id: ref('azurerm_network_security_group.jump') } }),
      nics: [{ name: 'jump-nic', vm: 'jumpbox', nsg: 'nsg-jump', configs: [{ subnet: 'mgmt', ip: '10.30.1.4', knowledge: 'static', asgs: ['asg-jump'], asgsUnknown: false, pip: undefined }] }],
      codes: [],
    },
    {
      name: 'an ASG id known only after apply and not resolvable: the NIC\'s ASG list is unknown (warned at the association)',
      text: plan([nicRes({ private_ip_address_allocation: 'Static', private_ip_address: '10.30.1.4', subnet_id: `${SUB}/virtualNetworks/hub/subnets/mgmt` }), assoc()],
        { 'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: true, application_security_group_id: true } },
        { 'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: ref('azurerm_network_interface.jump_nic'),
          application_security_group_id: { references: ['data.azurerm_application_security_group.shared.id'] } } }),
      nics: [{ name: 'jump-nic', vm: undefined, nsg: undefined, configs: [{ subnet: 'mgmt', ip: '10.30.1.4', knowledge: 'static', asgs: [], asgsUnknown: true, pip: undefined }] }],
      codes: [['AKS1230', ['planned_values', 'root_module', 'resources', 1, 'values']]],
    },
    {
      name: 'an association naming a NIC outside the plan is skipped with a warning at network_interface_id',
      text: plan([asgRes, assoc({ network_interface_id: `${SUB}/networkInterfaces/elsewhere`, application_security_group_id: `${SUB}/applicationSecurityGroups/asg-jump` })]),
      nics: [],
      codes: [['AKS1231', ['planned_values', 'root_module', 'resources', 1, 'values', 'network_interface_id']]],
    },
    {
      name: 'a public IP attached by reference',
      text: plan([nicRes({ private_ip_address_allocation: 'Dynamic', public_ip_address_id: `${SUB}/publicIPAddresses/jump-pip` })]),
      nics: [{ name: 'jump-nic', vm: undefined, nsg: undefined, configs: [{ subnet: undefined, ip: undefined, knowledge: 'unknown', asgs: [], asgsUnknown: false, pip: 'jump-pip' }] }],
      codes: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText('plan.json', c.text);
      const doc = parseSource('plan.json', c.text).docs[0]!;
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120')),
        c.codes.map(([code, path]) => `${code}@${doc.position(path).line}:${doc.position(path).column}`));
      assert.deepEqual(nicView(model), c.nics);
    });
  }
  it('positions are line:column in the plan file (the dangling association: line 23, column 13)', () => {
    const { diagnostics } = adaptText('plan.json', cases[4]!.text);
    assert.deepEqual(where(diagnostics.filter((d) => d.code === 'AKS1231')), ['AKS1231@23:13']);
  });
  it('a NIC whose ASG list is unknown makes the NSG lint say ASG membership is unknown (AKS4002), not "no member"', () => {
    const text = plan([nsgWithAsgRule, asgRes, nicRes({ private_ip_address_allocation: 'Static', private_ip_address: '10.30.1.4', subnet_id: `${SUB}/virtualNetworks/hub/subnets/mgmt` }), assoc()],
      { 'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: true, application_security_group_id: true } },
      { 'azurerm_network_interface_application_security_group_association.jump': { network_interface_id: ref('azurerm_network_interface.jump_nic') } });
    const { model } = adaptText('plan.json', text);
    const nsg = model.nsgs[0]!;
    const lint = lintNsg(nsg, nsgContextForSubnet(model, `${SUB}/virtualNetworks/hub/subnets/mgmt`.toLowerCase()));
    assert.deepEqual(lint.map((d) => `${d.code} ${d.message}`).filter((m) => m.includes('asg-jump')),
      ['AKS4002 NSG nsg rule ssh: source application security group asg-jump: membership depends on addresses the input does not give: NIC jump-nic/ipconfig1 (its ASG list is not known until apply); the entry matches only members with known addresses']);
  });
});

describe('terraform: public IPs, ASGs and pool ASGs', () => {
  it('azurerm_public_ip: sku, allocation_method, ip_address; an unknown address stays absent', () => {
    const { model, diagnostics } = adaptText('plan.json', plan([
      res('azurerm_public_ip.a', { ...RG, name: 'pip-a', sku: 'Basic', allocation_method: 'Dynamic' }),
      res('azurerm_public_ip.b', { ...RG, name: 'pip-b', sku: 'Standard', allocation_method: 'Static', ip_address: '20.50.1.2' }),
      res('azurerm_public_ip.c', { ...RG, name: 'pip-c', allocation_method: 'Static' }),
    ], { 'azurerm_public_ip.a': { ip_address: true } }));
    assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), []);
    assert.deepEqual(model.publicIps.map((p) => `${p.name} ${p.sku}${p.skuDefaulted ? ' (default)' : ''} ${p.allocation} ${p.address ? formatIp(p.address) : '-'}`),
      ['pip-a basic dynamic -', 'pip-b standard static 20.50.1.2', 'pip-c standard (default) static -']);
  });
  it('a bad SKU is reported at its position in the plan', () => {
    const text = plan([res('azurerm_public_ip.a', { ...RG, name: 'pip-a', sku: 'Premium', allocation_method: 'Static' })]);
    const { diagnostics } = adaptText('plan.json', text);
    const pos = parseSource('plan.json', text).docs[0]!.position(['planned_values', 'root_module', 'resources', 0, 'values', 'sku']);
    assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), [`AKS1103@${pos.line}:${pos.column}`]);
  });
  const aks = (pool: Obj): Obj => res('azurerm_kubernetes_cluster.aks', { ...RG, name: 'aks', default_node_pool: [{ name: 'system', node_count: 2, ...pool }],
    network_profile: [{ network_plugin: 'azure', network_plugin_mode: 'overlay' }] });
  it('node_network_profile.application_security_group_ids: planned ids', () => {
    const { model } = adaptText('plan.json', plan([aks({ node_network_profile: [{ application_security_group_ids: [`${SUB}/applicationSecurityGroups/asg-nodes`] }] })]));
    assert.deepEqual(model.clusters[0]?.pools[0]?.asgIds?.map((a) => a.split('/').pop()), ['asg-nodes']);
  });
  it('node_network_profile.application_security_group_ids: ASGs created in the plan, through the configuration (a separate node pool too)', () => {
    const { model, diagnostics } = adaptText('plan.json', plan([asgRes, aks({ node_network_profile: [{}] }),
      res('azurerm_kubernetes_cluster_node_pool.user', { name: 'user', node_count: 1, mode: 'User', node_network_profile: [{}] })],
    { 'azurerm_kubernetes_cluster.aks': { default_node_pool: [{ node_network_profile: [{ application_security_group_ids: true }] }] },
      'azurerm_kubernetes_cluster_node_pool.user': { kubernetes_cluster_id: true, node_network_profile: [{ application_security_group_ids: true }] } },
    { 'azurerm_kubernetes_cluster.aks': { default_node_pool: [{ node_network_profile: [{ application_security_group_ids: ref('azurerm_application_security_group.jump') }] }] },
      'azurerm_kubernetes_cluster_node_pool.user': { kubernetes_cluster_id: ref('azurerm_kubernetes_cluster.aks'),
        node_network_profile: [{ application_security_group_ids: ref('azurerm_application_security_group.jump') }] } }));
    assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), []);
    assert.deepEqual(model.clusters[0]?.pools.map((p) => [p.name, p.asgIds?.map((a) => a.split('/').pop())]), [['system', ['asg-jump']], ['user', ['asg-jump']]]);
  });
  it('an unresolvable pool ASG list is warned (AKS1230) and the pool gets no ASG', () => {
    const text = plan([aks({ node_network_profile: [{}] })], { 'azurerm_kubernetes_cluster.aks': { default_node_pool: [{ node_network_profile: [{ application_security_group_ids: true }] }] } });
    const { model, diagnostics } = adaptText('plan.json', text);
    const pos = parseSource('plan.json', text).docs[0]!.position(['planned_values', 'root_module', 'resources', 0, 'values', 'default_node_pool', 0, 'node_network_profile', 0]);
    assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), [`AKS1230@${pos.line}:${pos.column}`]);
    assert.equal(model.clusters[0]?.pools[0]?.asgIds, undefined);
  });
});
