// The shared converter: network modes, defaults (each recorded with its fact), both field spellings, managed VNet.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatCidr, formatIp } from '../../engines/net/index.js';
import { DiagnosticSink } from '../../model/diagnostic.js';
import { ModelBuilder } from '../../model/model.js';
import type { AdaptContext } from '../context.js';
import type { ArmManagedCluster, InputSource } from './arm-shape.js';
import { convertAgentPool, convertManagedCluster, convertSubnet } from './convert.js';
import { linkAzure } from './link.js';

const ctxOf = (): AdaptContext => ({ builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] });
const at = () => ({ file: 'in.json', line: 1, column: 1 });
const SUB = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/${name}`;

function convert(mc: ArmManagedCluster, source: InputSource = 'arm', apiVersion?: string) {
  const ctx = ctxOf();
  convertManagedCluster(mc, at, ctx, { source, apiVersion });
  linkAzure(ctx);
  const model = ctx.builder.build();
  return { cluster: model.clusters[0]!, model, diagnostics: ctx.diagnostics.items };
}

interface ModeCase {
  name: string;
  networkProfile: Record<string, unknown> | undefined;
  pool: Record<string, unknown>;
  mode: string;
  plugin: string;
  podCidrs: string[];
  maxPods: number;
  policy: string;
  dataplane: string;
}
const modeCases: ModeCase[] = [
  { name: 'kubenet', networkProfile: { networkPlugin: 'kubenet' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'kubenet', plugin: 'kubenet', podCidrs: ['10.244.0.0/16'], maxPods: 110, policy: 'none', dataplane: 'azure' },
  { name: 'Azure CNI node subnet', networkProfile: { networkPlugin: 'azure' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'azure-cni-node-subnet', plugin: 'azure', podCidrs: [], maxPods: 30, policy: 'none', dataplane: 'azure' },
  { name: 'Azure CNI pod subnet (dynamic)', networkProfile: { networkPlugin: 'azure' }, pool: { vnetSubnetID: SUB('n'), podSubnetID: SUB('p') },
    mode: 'azure-cni-pod-subnet', plugin: 'azure', podCidrs: [], maxPods: 250, policy: 'none', dataplane: 'azure' },
  { name: 'Azure CNI pod subnet (static block, az spelling)', networkProfile: { networkPlugin: 'azure' },
    pool: { vnetSubnetId: SUB('n'), podSubnetId: SUB('p'), podIpAllocationMode: 'StaticBlock' },
    mode: 'azure-cni-pod-subnet', plugin: 'azure', podCidrs: [], maxPods: 250, policy: 'none', dataplane: 'azure' },
  { name: 'overlay', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'azure-cni-overlay', plugin: 'azure', podCidrs: ['10.244.0.0/16'], maxPods: 250, policy: 'none', dataplane: 'azure' },
  { name: 'Cilium overlay', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', podCidr: '192.168.0.0/16' },
    pool: {}, mode: 'azure-cni-overlay', plugin: 'azure', podCidrs: ['192.168.0.0/16'], maxPods: 250, policy: 'cilium', dataplane: 'cilium' },
  { name: 'Cilium pod subnet', networkProfile: { networkPlugin: 'azure', networkDataplane: 'cilium', networkPolicy: 'cilium' },
    pool: { vnetSubnetID: SUB('n'), podSubnetID: SUB('p') }, mode: 'azure-cni-pod-subnet', plugin: 'azure', podCidrs: [], maxPods: 250, policy: 'cilium', dataplane: 'cilium' },
  { name: 'Cilium node subnet', networkProfile: { networkPlugin: 'azure', networkDataplane: 'cilium' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'azure-cni-node-subnet', plugin: 'azure', podCidrs: [], maxPods: 30, policy: 'cilium', dataplane: 'cilium' },
  { name: 'BYO CNI', networkProfile: { networkPlugin: 'none' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'byo-cni', plugin: 'none', podCidrs: [], maxPods: 250, policy: 'none', dataplane: 'azure' },
  { name: 'no network profile → default plugin (overlay)', networkProfile: undefined, pool: {},
    mode: 'azure-cni-overlay', plugin: 'azure', podCidrs: ['10.244.0.0/16'], maxPods: 250, policy: 'none', dataplane: 'azure' },
  { name: 'Calico on kubenet', networkProfile: { networkPlugin: 'kubenet', networkPolicy: 'calico', podCidr: '10.250.0.0/16' }, pool: { vnetSubnetID: SUB('n') },
    mode: 'kubenet', plugin: 'kubenet', podCidrs: ['10.250.0.0/16'], maxPods: 110, policy: 'calico', dataplane: 'azure' },
];

for (const c of modeCases) {
  test(`network mode: ${c.name}`, () => {
    const { cluster, diagnostics } = convert({ name: 'c', kubernetesVersion: '1.30', networkProfile: c.networkProfile, agentPoolProfiles: [{ name: 'p1', ...c.pool }] });
    assert.equal(cluster.networkMode, c.mode);
    assert.equal(cluster.networkPlugin, c.plugin);
    assert.deepEqual(cluster.podCidrs.map(formatCidr), c.podCidrs);
    assert.equal(cluster.pools[0]!.maxPods, c.maxPods);
    assert.equal(cluster.networkPolicy, c.policy);
    assert.equal(cluster.dataplane, c.dataplane);
    // The subnets are not in this input (AKS1120); nothing else may be reported.
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120').map((d) => d.message), []);
  });
}

test('static block mode is kept; dynamic is the recorded default', () => {
  const s = convert({ name: 'c', networkProfile: { networkPlugin: 'azure' }, agentPoolProfiles: [
    { name: 'a', vnetSubnetID: SUB('n'), podSubnetID: SUB('p'), podIPAllocationMode: 'StaticBlock' },
    { name: 'b', vnetSubnetID: SUB('n'), podSubnetID: SUB('p') },
  ] }).cluster;
  assert.equal(s.pools[0]!.podIpAllocation, 'StaticBlock');
  assert.equal(s.pools[1]!.podIpAllocation, 'DynamicIndividual');
  assert.ok(s.defaults.some((d) => d.field === 'pools[b].podIpAllocation' && d.factId === 'DEFAULT_POD_IP_ALLOCATION'));
});

interface SurgeCase {
  name: string;
  k8s?: string;
  poolVersion?: string;
  api?: string;
  given?: string | number;
  expect: string;
  factId?: string;
}
const surgeCases: SurgeCase[] = [
  { name: 'k8s 1.26 → 1 node', k8s: '1.26.3', expect: 'count:1', factId: 'DEFAULT_MAX_SURGE_LEGACY' },
  { name: 'k8s 1.27 → 10%', k8s: '1.27.0', expect: 'percent:10', factId: 'DEFAULT_MAX_SURGE_PERCENT' },
  { name: 'k8s 1.30, old API → 10% (version decides)', k8s: '1.30', api: '2024-09-01', expect: 'percent:10', factId: 'DEFAULT_MAX_SURGE_PERCENT' },
  { name: 'pool version overrides cluster version', k8s: '1.30', poolVersion: '1.26.1', expect: 'count:1', factId: 'DEFAULT_MAX_SURGE_LEGACY' },
  { name: 'no version, API 2024-09-01 → 1', api: '2024-09-01', expect: 'count:1', factId: 'DEFAULT_MAX_SURGE_LEGACY' },
  { name: 'no version, API 2025-10-01 → 10%', api: '2025-10-01', expect: 'percent:10', factId: 'DEFAULT_MAX_SURGE_PERCENT' },
  { name: 'no version, no API → 10% (current AKS)', expect: 'percent:10', factId: 'DEFAULT_MAX_SURGE_PERCENT' },
  { name: 'explicit "33%" kept', k8s: '1.26', given: '33%', expect: 'percent:33' },
  { name: 'explicit "1" kept', k8s: '1.30', given: '1', expect: 'count:1' },
  { name: 'explicit number 2 kept', k8s: '1.30', given: 2, expect: 'count:2' },
];
for (const c of surgeCases) {
  test(`maxSurge: ${c.name}`, () => {
    const { cluster } = convert({ name: 'c', kubernetesVersion: c.k8s, agentPoolProfiles: [{ name: 'p', orchestratorVersion: c.poolVersion,
      upgradeSettings: c.given === undefined ? undefined : { maxSurge: c.given } }] }, 'arm', c.api);
    const s = cluster.pools[0]!.maxSurge;
    assert.equal(`${s.kind}:${s.value}`, c.expect);
    const d = cluster.defaults.find((x) => x.field === 'pools[p].maxSurge');
    assert.equal(d?.factId, c.factId);
  });
}

interface CountCase {
  name: string;
  source: InputSource;
  pool: Record<string, unknown>;
  count: number;
  defaulted: boolean;
}
const countCases: CountCase[] = [
  { name: 'ARM: 1', source: 'arm', pool: {}, count: 1, defaulted: true },
  { name: 'az script (CLI): 3', source: 'az-script', pool: {}, count: 3, defaulted: true },
  { name: 'terraform: 1', source: 'terraform', pool: {}, count: 1, defaulted: true },
  { name: 'autoscale without count: minCount', source: 'arm', pool: { enableAutoScaling: true, minCount: 4, maxCount: 9 }, count: 4, defaulted: false },
  { name: 'given count kept (string from a parameter)', source: 'arm', pool: { count: '7' }, count: 7, defaulted: false },
];
for (const c of countCases) {
  test(`node count default: ${c.name}`, () => {
    const { cluster } = convert({ name: 'c', agentPoolProfiles: [{ name: 'p', ...c.pool }] }, c.source);
    assert.equal(cluster.pools[0]!.count, c.count);
    assert.equal(cluster.defaults.some((d) => d.field === 'pools[p].count'), c.defaulted);
  });
}

test('portal kubenet pools default to 30 pods', () => {
  const { cluster } = convert({ name: 'c', networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'p' }] }, 'portal');
  assert.equal(cluster.pools[0]!.maxPods, 30);
  assert.ok(cluster.defaults.some((d) => d.factId === 'KUBENET_PORTAL_DEFAULT_MAX_PODS'));
});

test('every default is recorded with its fact: a minimal cluster', () => {
  const { cluster } = convert({ name: 'c', agentPoolProfiles: [{ name: 'p' }] }, 'arm', '2025-10-01');
  assert.deepEqual(cluster.defaults.map((d) => `${d.field}=${d.value} [${d.factId}]`).sort(), [
    'managedVnet.addressSpace=10.224.0.0/12 [MANAGED_VNET_ADDRESS_SPACE]',
    'networkProfile.dnsServiceIP=10.0.0.10 [DEFAULT_DNS_SERVICE_IP]',
    'networkProfile.ipFamilies=IPv4 [DEFAULT_IP_FAMILIES]',
    'networkProfile.loadBalancerProfile.allocatedOutboundPorts=0 [DEFAULT_ALLOCATED_OUTBOUND_PORTS]',
    'networkProfile.loadBalancerProfile.managedOutboundIPs.count=1 [DEFAULT_MANAGED_OUTBOUND_IPS]',
    'networkProfile.loadBalancerSku=standard [DEFAULT_LOAD_BALANCER_SKU]',
    'networkProfile.networkDataplane=azure [DEFAULT_NETWORK_DATAPLANE]',
    'networkProfile.networkPlugin=azure [DEFAULT_NETWORK_PLUGIN]',
    'networkProfile.networkPluginMode=overlay [DEFAULT_NETWORK_PLUGIN]',
    'networkProfile.networkPolicy=none [DEFAULT_NETWORK_POLICY]',
    'networkProfile.outboundType=loadBalancer [DEFAULT_OUTBOUND_TYPE]',
    'networkProfile.podCidr=10.244.0.0/16 [DEFAULT_POD_CIDR]',
    'networkProfile.serviceCidr=10.0.0.0/16 [DEFAULT_SERVICE_CIDR]',
    'pools[p].count=1 [DEFAULT_NODE_COUNT_ARM]',
    'pools[p].maxPods=250 [DEFAULT_MAX_PODS]',
    'pools[p].maxSurge=10% [DEFAULT_MAX_SURGE_PERCENT]',
    'pools[p].mode=System [DEFAULT_FIRST_POOL_MODE]',
    'pools[p].osType=Linux [DEFAULT_OS_TYPE]',
    'pools[p].vnetSubnetId=10.224.0.0/16 (aks-subnet) [MANAGED_VNET_SUBNET]',
  ]);
});

test('managed VNet: synthetic VNet and subnet exist and pools point at the subnet; kubenet also gets a route table', () => {
  const { cluster, model } = convert({ name: 'c', location: 'westeurope', networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'p' }] });
  assert.equal(cluster.managedVnet, true);
  assert.deepEqual(model.vnets.map((v) => v.addressSpace.map(formatCidr)), [['10.224.0.0/12']]);
  assert.deepEqual(model.subnets.map((s) => s.prefixes.map(formatCidr)), [['10.224.0.0/16']]);
  assert.equal(cluster.pools[0]!.vnetSubnetId, model.subnets[0]!.id);
  assert.match(model.subnets[0]!.id, /resourcegroups\/mc_rg_c_westeurope\//);
  assert.equal(cluster.routeTableId, model.routeTables[0]!.id);
  assert.equal(model.subnets[0]!.routeTableId, cluster.routeTableId);
});

test('ARM and az spellings give the same cluster', () => {
  const arm = convert({ name: 'c', kubernetesVersion: '1.30', networkProfile: { networkPlugin: 'azure', dnsServiceIP: '10.2.0.10', serviceCidr: '10.2.0.0/16' },
    agentPoolProfiles: [{ name: 'p', vnetSubnetID: SUB('n'), podSubnetID: SUB('p'), podIPAllocationMode: 'StaticBlock' }] }).cluster;
  const az = convert({ name: 'c', kubernetesVersion: '1.30', networkProfile: { networkPlugin: 'azure', dnsServiceIp: '10.2.0.10', serviceCidr: '10.2.0.0/16' },
    agentPoolProfiles: [{ name: 'p', vnetSubnetId: SUB('n'), podSubnetId: SUB('p'), podIpAllocationMode: 'StaticBlock' }] }).cluster;
  assert.deepEqual(az, arm);
  assert.equal(formatIp(az.dnsServiceIp!), '10.2.0.10');
});

test('ARM REST shape (properties nested) reads like az output', () => {
  const flat = convert({ name: 'c', kubernetesVersion: '1.30', networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'p', count: 2 }] }).cluster;
  const nested = convert({ name: 'c', properties: { kubernetesVersion: '1.30', networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'p', count: 2 }] } }).cluster;
  assert.deepEqual(nested, flat);
});

test('cluster ids: given ids are lower-cased; missing ids are built from resource group and name', () => {
  const a = convert({ id: '/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C/', name: 'C', agentPoolProfiles: [{ name: 'p' }] }).cluster;
  assert.equal(a.id, '/subscriptions/s/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c');
  const b = convert({ name: 'C', resourceGroup: 'my-rg', agentPoolProfiles: [{ name: 'p' }] }).cluster;
  assert.equal(b.id, '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/my-rg/providers/microsoft.containerservice/managedclusters/c');
});

test('dual-stack: IPv6 pod and service defaults', () => {
  const { cluster } = convert({ name: 'c', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', ipFamilies: ['IPv4', 'IPv6'] }, agentPoolProfiles: [{ name: 'p' }] });
  assert.deepEqual(cluster.ipFamilies, [4, 6]);
  assert.deepEqual(cluster.podCidrs.map(formatCidr), ['10.244.0.0/16', 'fd12:3456:789a::/64']);
  assert.deepEqual(cluster.serviceCidrs.map(formatCidr), ['10.0.0.0/16', 'fd12:3456:789a:1::/108']);
});

interface WarnCase {
  name: string;
  mc: ArmManagedCluster;
  code: string;
  severity: string;
}
const warnCases: WarnCase[] = [
  { name: 'podCidr on node-subnet CNI', code: 'AKS1111', severity: 'warning',
    mc: { name: 'c', networkProfile: { networkPlugin: 'azure', podCidr: '10.244.0.0/16' }, agentPoolProfiles: [{ name: 'p', vnetSubnetID: SUB('n') }] } },
  { name: 'networkPolicy cilium without the cilium dataplane', code: 'AKS1111', severity: 'warning',
    mc: { name: 'c', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'cilium' }, agentPoolProfiles: [{ name: 'p' }] } },
  { name: 'unknown outboundType', code: 'AKS1103', severity: 'error',
    mc: { name: 'c', networkProfile: { outboundType: 'nat' }, agentPoolProfiles: [{ name: 'p' }] } },
  { name: 'unknown networkPolicy', code: 'AKS1103', severity: 'error',
    mc: { name: 'c', networkProfile: { networkPolicy: 'weave' }, agentPoolProfiles: [{ name: 'p' }] } },
  { name: 'minCount > maxCount', code: 'AKS1111', severity: 'error',
    mc: { name: 'c', agentPoolProfiles: [{ name: 'p', enableAutoScaling: true, minCount: 5, maxCount: 2 }] } },
  { name: 'cluster without name', code: 'AKS1109', severity: 'error', mc: { agentPoolProfiles: [{ name: 'p' }] } },
  { name: 'unknown agent pool field', code: 'AKS1106', severity: 'warning', mc: { name: 'c', agentPoolProfiles: [{ name: 'p', maxPod: 30 }] } },
  { name: 'subnet id of the wrong type', code: 'AKS1110', severity: 'warning',
    mc: { name: 'c', agentPoolProfiles: [{ name: 'p', vnetSubnetID: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v' }] } },
  { name: 'some pools without a subnet', code: 'AKS1111', severity: 'warning',
    mc: { name: 'c', agentPoolProfiles: [{ name: 'a', vnetSubnetID: SUB('n') }, { name: 'b' }] } },
];
for (const c of warnCases) {
  test(`validation: ${c.name} → ${c.code}`, () => {
    const { diagnostics } = convert(c.mc);
    const hit = diagnostics.find((d) => d.code === c.code);
    assert.ok(hit, `expected ${c.code}, got ${diagnostics.map((d) => d.code).join(',')}`);
    assert.equal(hit.severity, c.severity);
  });
}

test('enum values with the allowed values in the hint', () => {
  const { diagnostics } = convert({ name: 'c', networkProfile: { networkPlugin: 'flannel' }, agentPoolProfiles: [{ name: 'p' }] });
  const d = diagnostics.find((x) => x.code === 'AKS1103')!;
  assert.equal(d.hint, 'allowed values: azure, kubenet, none');
});

test('pools read apart: cluster later, cluster defaults apply; without cluster a placeholder with a warning', () => {
  const ctx = ctxOf();
  const poolId = '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/extra';
  convertAgentPool({ name: 'extra', id: poolId }, at, ctx, { source: 'az-cli' });
  convertManagedCluster({ id: '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c', name: 'c',
    networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'sys', vnetSubnetId: SUB('n') }] }, at, ctx, { source: 'az-cli' });
  convertSubnet({ name: 'n', id: SUB('n'), addressPrefix: '10.0.0.0/24' }, at, ctx, { source: 'az-cli' });
  linkAzure(ctx);
  const c = ctx.builder.build().clusters[0]!;
  assert.deepEqual(c.pools.map((p) => [p.name, p.mode, p.maxPods]), [['sys', 'System', 110], ['extra', 'User', 110]]);
  assert.ok(c.defaults.some((d) => d.field === 'pools[extra].maxPods'));

  const orphan = ctxOf();
  convertAgentPool({ name: 'x', id: '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/gone/agentPools/x' }, at, orphan, { source: 'az-cli' });
  linkAzure(orphan);
  const m = orphan.builder.build();
  assert.equal(m.clusters[0]!.name, 'gone');
  assert.equal(m.clusters[0]!.networkMode, 'azure-cni-overlay');
  const w = orphan.diagnostics.items.find((d) => d.code === 'AKS1123')!;
  assert.equal(w.hint, 'add the output of `az aks show -g rg -n gone -o json`');
});

test('a cluster without embedded pools is built in link with the pools that name it', () => {
  const ctx = ctxOf();
  const cid = '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c';
  assert.equal(convertManagedCluster({ id: cid, name: 'c', networkProfile: { networkPlugin: 'azure' } }, at, ctx, { source: 'terraform' }), undefined);
  convertAgentPool({ name: 'p', vnetSubnetID: SUB('n'), podSubnetID: SUB('p') }, at, ctx, { source: 'terraform', clusterId: cid });
  linkAzure(ctx);
  const c = ctx.builder.build().clusters[0]!;
  assert.equal(c.networkMode, 'azure-cni-pod-subnet');
  assert.equal(c.managedVnet, false);
});

test('kubenet in a BYO VNet takes the route table of its node subnet', () => {
  const ctx = ctxOf();
  const rt = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt';
  convertManagedCluster({ name: 'c', networkProfile: { networkPlugin: 'kubenet' }, agentPoolProfiles: [{ name: 'p', vnetSubnetID: SUB('n') }] }, at, ctx, { source: 'arm' });
  convertSubnet({ name: 'n', id: SUB('n'), addressPrefix: '10.0.0.0/24', routeTable: { id: rt } }, at, ctx, { source: 'arm' });
  linkAzure(ctx);
  const m = ctx.builder.build();
  assert.equal(m.clusters[0]!.routeTableId, rt.toLowerCase());
  assert.ok(ctx.diagnostics.items.some((d) => d.code === 'AKS1122' && d.severity === 'info'), 'route table not in the input: info');
  assert.ok(ctx.diagnostics.items.some((d) => d.code === 'AKS1121' && d.severity === 'info'), 'VNet not in the input: info');
});

test('fuzz: the converters never throw on any JSON-shaped input', async () => {
  const { default: fc } = await import('fast-check');
  const { convertVNet, convertNsg, convertRouteTable } = await import('./convert.js');
  const key = fc.constantFrom('name', 'id', 'networkProfile', 'agentPoolProfiles', 'networkPlugin', 'podCidr', 'count', 'maxPods',
    'vnetSubnetID', 'podSubnetId', 'upgradeSettings', 'maxSurge', 'subnets', 'addressPrefix', 'addressPrefixes', 'securityRules',
    'routes', 'properties', 'priority', 'protocol', 'addressSpace', 'enableAutoScaling', 'minCount', 'ipFamilies', 'outboundType',
    'ipConfigurations', 'applicationSecurityGroups', 'privateIPAddress', 'privateIPAllocationMethod', 'sku', 'publicIPAllocationMethod',
    'ipAddress', 'virtualMachine', 'networkSecurityGroup', 'subnet', 'publicIPAddress');
  const { convertNic, convertAsg, convertPublicIp } = await import('./network-interfaces.js');
  const json = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.dictionary(key, tie('v'), { maxKeys: 5 }), fc.array(tie('v'), { maxLength: 3 })),
  })).v;
  fc.assert(fc.property(fc.dictionary(key, json, { maxKeys: 8 }), (obj) => {
    const ctx = ctxOf();
    const o = { source: 'arm' as const };
    convertManagedCluster(obj, at, ctx, o);
    convertVNet(obj, at, ctx, o);
    convertNsg(obj, at, ctx, o);
    convertRouteTable(obj, at, ctx, o);
    convertAgentPool(obj, at, ctx, { ...o, clusterName: 'c' });
    convertSubnet(obj, at, ctx, { ...o, vnetName: 'v' });
    convertNic(obj, at, ctx, o);
    convertAsg(obj, at, ctx, o);
    convertPublicIp(obj, at, ctx, { source: 'terraform' });
    linkAzure(ctx);
    ctx.builder.build();
  }), { numRuns: 1500 });
});
