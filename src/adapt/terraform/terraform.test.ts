import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCidr, formatIp } from '../../engines/net/index.js';
import type { Cluster } from '../../model/azure.js';
import { DiagnosticSink } from '../../model/diagnostic.js';
import { ModelBuilder } from '../../model/model.js';
import { parseSource } from '../../load/parse.js';
import { adaptText, where } from '../azcli/script/testing.js';
import { adaptTerraformPlan } from './index.js';

type Obj = Record<string, unknown>;
const res = (address: string, values: Obj): Obj => ({ address, mode: 'managed', type: address.split('.').slice(-2)[0], name: address.split('.').pop(), values });
const plan = (resources: Obj[], extra: Obj = {}): string =>
  JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources } }, ...extra }, null, 2);
const RG = { resource_group_name: 'rg', location: 'westeurope' };
const vnet = res('azurerm_virtual_network.v', { ...RG, name: 'vnet', address_space: ['10.0.0.0/16'] });
const subnet = res('azurerm_subnet.nodes', { ...RG, name: 'nodes', virtual_network_name: 'vnet', address_prefixes: ['10.0.1.0/24'] });
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/microsoft.network/virtualnetworks/vnet/subnets/nodes';
const aks = (pool: Obj, np: Obj | undefined): Obj => res('azurerm_kubernetes_cluster.main', {
  ...RG, name: 'aks', kubernetes_version: '1.30', default_node_pool: [{ name: 'system', node_count: 2, vm_size: 'Standard_D4s_v5', ...pool }],
  ...(np ? { network_profile: [np] } : {}),
});
const one = (text: string): { c: Cluster; diagnostics: ReturnType<typeof adaptText>['diagnostics'] } => {
  const { model, diagnostics } = adaptText('plan.json', text);
  assert.equal(model.clusters.length, 1);
  return { c: model.clusters[0]!, diagnostics };
};

describe('terraform: azurerm_kubernetes_cluster attributes, provider 3.x and 4.x spellings', () => {
  const cases: { name: string; pool?: Obj; np?: Obj; check: (c: Cluster) => unknown; expect: unknown }[] = [
    { name: 'network_plugin kubenet', np: { network_plugin: 'kubenet' }, check: (c) => c.networkMode, expect: 'kubenet' },
    { name: 'network_plugin azure + network_plugin_mode overlay', np: { network_plugin: 'azure', network_plugin_mode: 'overlay' }, check: (c) => c.networkMode, expect: 'azure-cni-overlay' },
    { name: 'network_policy calico', np: { network_plugin: 'azure', network_policy: 'calico' }, check: (c) => c.networkPolicy, expect: 'calico' },
    { name: '4.x network_data_plane cilium', np: { network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'cilium' }, check: (c) => c.dataplane, expect: 'cilium' },
    { name: '3.x ebpf_data_plane cilium', np: { network_plugin: 'azure', network_plugin_mode: 'overlay', ebpf_data_plane: 'cilium' }, check: (c) => c.dataplane, expect: 'cilium' },
    { name: 'pod_cidr', np: { network_plugin: 'kubenet', pod_cidr: '10.250.0.0/16' }, check: (c) => c.podCidrs.map(formatCidr), expect: ['10.250.0.0/16'] },
    { name: 'pod_cidrs', np: { network_plugin: 'kubenet', pod_cidrs: ['10.251.0.0/16'] }, check: (c) => c.podCidrs.map(formatCidr), expect: ['10.251.0.0/16'] },
    { name: 'service_cidr + dns_service_ip', np: { network_plugin: 'azure', service_cidr: '10.2.0.0/16', dns_service_ip: '10.2.0.10' }, check: (c) => [c.serviceCidrs.map(formatCidr), formatIp(c.dnsServiceIp!)], expect: [['10.2.0.0/16'], '10.2.0.10'] },
    { name: 'outbound_type userDefinedRouting', np: { network_plugin: 'azure', outbound_type: 'userDefinedRouting' }, check: (c) => c.outbound.type, expect: 'userDefinedRouting' },
    { name: 'load_balancer_profile managed_outbound_ip_count', np: { network_plugin: 'azure', load_balancer_profile: [{ managed_outbound_ip_count: 4, outbound_ports_allocated: 8000 }] }, check: (c) => [c.outbound.outboundIps, c.outbound.allocatedOutboundPorts], expect: [4, 8000] },
    { name: 'empty strings are unset', np: { network_plugin: 'azure', network_plugin_mode: '', pod_cidr: '' }, check: (c) => c.networkMode, expect: 'azure-cni-node-subnet' },
    { name: '4.x auto_scaling_enabled', pool: { auto_scaling_enabled: true, min_count: 2, max_count: 7 }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.autoscale, expect: { min: 2, max: 7 } },
    { name: '3.x enable_auto_scaling', pool: { enable_auto_scaling: true, min_count: 1, max_count: 5 }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.autoscale, expect: { min: 1, max: 5 } },
    { name: 'max_pods', pool: { max_pods: 77 }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.maxPods, expect: 77 },
    { name: 'upgrade_settings max_surge', pool: { upgrade_settings: [{ max_surge: '25%' }] }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.maxSurge, expect: { kind: 'percent', value: 25 } },
    { name: 'node_count', pool: { node_count: 6 }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.count, expect: 6 },
    { name: 'no network_profile: AKS defaults recorded', check: (c) => c.defaults.some((d) => d.field === 'networkProfile.networkPlugin'), expect: true },
    { name: 'known vnet_subnet_id', pool: { vnet_subnet_id: SUBNET_ID }, np: { network_plugin: 'azure' }, check: (c) => c.pools[0]!.vnetSubnetId, expect: SUBNET_ID },
  ];
  for (const x of cases) {
    it(x.name, () => {
      const { c, diagnostics } = one(plan([vnet, subnet, aks(x.pool ?? {}, x.np)]));
      assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(x.check(c), x.expect);
    });
  }
  it('converter diagnostics point into the plan', () => {
    const { diagnostics } = one(plan([aks({}, { network_plugin: 'azure', service_cidr: '10.2.0.0/33' })]));
    const d = diagnostics.find((x) => x.code === 'AKS1101')!;
    assert.ok(d);
    const pos = parseSource('plan.json', plan([aks({}, { network_plugin: 'azure', service_cidr: '10.2.0.0/33' })])).docs[0]!
      .position(['planned_values', 'root_module', 'resources', 0, 'values', 'network_profile', 0, 'service_cidr']);
    assert.deepEqual([d.origin?.line, d.origin?.column], [pos.line, pos.column]);
  });
});

describe('terraform: references unknown until apply', () => {
  const pool = res('azurerm_kubernetes_cluster_node_pool.user', { name: 'user', node_count: 3, mode: 'User' });
  const newSubnet = res('azurerm_subnet.pods', { ...RG, name: 'pods', virtual_network_name: 'vnet', address_prefixes: ['10.0.8.0/22'] });
  const config = {
    configuration: { root_module: { resources: [{ address: 'azurerm_kubernetes_cluster_node_pool.user', expressions: {
      kubernetes_cluster_id: { references: ['azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'] },
      vnet_subnet_id: { references: ['azurerm_subnet.pods.id', 'azurerm_subnet.pods'] },
    } }] } },
    resource_changes: [{ address: 'azurerm_kubernetes_cluster_node_pool.user', change: { after_unknown: { kubernetes_cluster_id: true, vnet_subnet_id: true } } }],
  };
  it('resolve through configuration references to the planned resource', () => {
    const { c, diagnostics } = one(plan([vnet, newSubnet, aks({ vnet_subnet_id: SUBNET_ID.replace('nodes', 'pods') }, { network_plugin: 'azure' }), pool], config));
    assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), []);
    assert.deepEqual(c.pools.map((p) => [p.name, p.vnetSubnetId?.split('/').pop()]), [['system', 'pods'], ['user', 'pods']]);
  });
  it('are reported when nothing resolves them, and the pool is not dropped silently', () => {
    const { diagnostics } = adaptText('plan.json', plan([aks({}, { network_plugin: 'azure' }), pool], { resource_changes: config.resource_changes }));
    assert.deepEqual(diagnostics.filter((d) => d.code === 'AKS1230').map((d) => d.message),
      ['kubernetes_cluster_id of azurerm_kubernetes_cluster_node_pool.user is unknown until apply and the configuration names no resource aksnet can resolve',
        'azurerm_kubernetes_cluster_node_pool.user: its cluster (kubernetes_cluster_id) is not known; the pool is skipped']);
  });
});

describe('terraform: networking resources and associations', () => {
  const resources = [
    vnet, subnet,
    res('azurerm_route_table.rt', { ...RG, name: 'rt', bgp_route_propagation_enabled: false, route: [{ name: 'fw', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.9.4' }] }),
    res('azurerm_route.extra', { ...RG, name: 'onprem', route_table_name: 'rt', address_prefix: '192.168.0.0/16', next_hop_type: 'VirtualNetworkGateway', next_hop_in_ip_address: null }),
    res('azurerm_network_security_group.nsg', { ...RG, name: 'nsg', security_rule: [{ name: 'https', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      source_address_prefix: '*', source_address_prefixes: [], source_port_range: '*', source_port_ranges: [], destination_address_prefix: '', destination_address_prefixes: ['10.0.1.0/24'],
      destination_port_range: '', destination_port_ranges: ['443', '8443'] }] }),
    res('azurerm_network_security_rule.ssh', { ...RG, name: 'ssh', network_security_group_name: 'nsg', priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp',
      source_address_prefix: 'Internet', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '22' }),
    res('azurerm_subnet_route_table_association.a', { subnet_id: SUBNET_ID, route_table_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt' }),
    res('azurerm_subnet_network_security_group_association.b', {}),
    res('azurerm_resource_group.rg', { name: 'rg', location: 'westeurope' }),
  ];
  const extra = { configuration: { root_module: { resources: [{ address: 'azurerm_subnet_network_security_group_association.b', expressions: {
    subnet_id: { references: ['azurerm_subnet.nodes.id', 'azurerm_subnet.nodes'] },
    network_security_group_id: { references: ['azurerm_network_security_group.nsg.id', 'azurerm_network_security_group.nsg'] },
  } }] } } };
  const { model, diagnostics } = adaptText('plan.json', plan(resources, extra));
  const cases: { name: string; actual: () => unknown; expect: unknown }[] = [
    { name: 'no warnings or errors', actual: () => diagnostics.filter((d) => d.severity !== 'info'), expect: [] },
    { name: 'inline route + azurerm_route', actual: () => model.routeTables[0]!.routes.map((r) => `${r.name} ${r.addressPrefix} ${r.nextHopType}`), expect: ['fw 0.0.0.0/0 VirtualAppliance', 'onprem 192.168.0.0/16 VirtualNetworkGateway'] },
    { name: '4.x bgp_route_propagation_enabled false', actual: () => model.routeTables[0]!.disableBgpRoutePropagation, expect: true },
    { name: 'inline security_rule + azurerm_network_security_rule', actual: () => model.nsgs[0]!.rules.map((r) => `${r.name} ${r.access} ${r.destinationPorts.join(',')} ${r.destinationAddresses.join(',')}`),
      expect: ['https Allow 443,8443 10.0.1.0/24', 'ssh Deny 22 *'] },
    { name: 'route table association (known ids)', actual: () => model.subnets[0]!.routeTableId === model.routeTables[0]!.id, expect: true },
    { name: 'NSG association (by configuration references)', actual: () => model.subnets[0]!.nsgId === model.nsgs[0]!.id, expect: true },
    { name: 'other resource types are kept as ignored', actual: () => model.ignored.map((i) => `${i.kind} ${i.name}`), expect: ['azurerm_resource_group azurerm_resource_group.rg'] },
    { name: 'subnet joins its VNet', actual: () => model.vnets[0]!.subnetIds, expect: [SUBNET_ID] },
  ];
  for (const x of cases) it(x.name, () => assert.deepEqual(x.actual(), x.expect));
  it('an association of a subnet not in the plan is reported at the association', () => {
    const r = adaptText('plan.json', plan([res('azurerm_subnet_route_table_association.a', { subnet_id: SUBNET_ID.replace('nodes', 'gone'), route_table_id: 'x' })]));
    assert.deepEqual(r.diagnostics.filter((d) => d.code === 'AKS1231').length, 1);
  });
});

describe('terraform: child modules', () => {
  it('reads resources of nested modules and resolves module-local references', () => {
    const text = JSON.stringify({
      format_version: '1.2', planned_values: { root_module: { child_modules: [{ address: 'module.net', resources: [
        { ...res('module.net.azurerm_virtual_network.v', { ...RG, name: 'vnet', address_space: ['10.0.0.0/16'] }), type: 'azurerm_virtual_network' },
        { ...res('module.net.azurerm_subnet.s', { ...RG, name: 's', virtual_network_name: 'vnet', address_prefixes: ['10.0.4.0/24'] }), type: 'azurerm_subnet' },
      ] }] } },
    });
    const { model } = adaptText('plan.json', text);
    assert.deepEqual(model.subnets.map((s) => s.prefixes.map(formatCidr).join()), ['10.0.4.0/24']);
    assert.equal(model.vnets.length, 1);
  });
});

describe('adaptTerraformPlan never throws', () => {
  it('on arbitrary JSON under planned_values', () => {
    const type = fc.constantFrom('azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_subnet', 'azurerm_virtual_network',
      'azurerm_route_table', 'azurerm_route', 'azurerm_network_security_group', 'azurerm_network_security_rule', 'azurerm_subnet_route_table_association',
      'azurerm_network_interface', 'azurerm_application_security_group', 'azurerm_public_ip', 'azurerm_linux_virtual_machine',
      'azurerm_network_interface_application_security_group_association', 'azurerm_network_interface_security_group_association');
    fc.assert(fc.property(fc.array(fc.tuple(type, fc.jsonValue()), { maxLength: 5 }), fc.jsonValue(), (rs, conf) => {
      const text = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: rs.map(([t, v], i) => ({ address: `${t}.r${i}`, type: t, values: v })) } },
        configuration: conf, resource_changes: conf });
      for (const doc of parseSource('p.json', text).docs) adaptTerraformPlan(doc, { builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] });
      return true;
    }), { numRuns: 500 });
  });
});
