// az CLI JSON: realistic outputs of the commands aksnet reads (testdata/), bad input with positions, isolation.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatCidr, formatIp } from '../../engines/net/index.js';
import type { SourceDocument } from '../../load/document.js';
import { parseSource } from '../../load/parse.js';
import { adaptDocuments } from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): SourceDocument[] => parseSource(`testdata/${name}`, readFileSync(join(here, 'testdata', name), 'utf8')).docs;
const inline = (file: string, text: string): SourceDocument[] => parseSource(file, text).docs;
const ALL = ['aks-show-overlay-cilium.json', 'aks-nodepool-list.json', 'vnet-show.json', 'nsg-show.json', 'route-table-show.json'];

test('real az outputs: no diagnostics at all', () => {
  const r = adaptDocuments(ALL.flatMap(fixture));
  assert.deepEqual(r.diagnostics.items.map((d) => `${d.code} ${d.message}`), []);
});

test('az aks show (overlay + Cilium, UDR, private) → cluster', () => {
  const { model } = adaptDocuments(ALL.flatMap(fixture));
  assert.equal(model.clusters.length, 1);
  const c = model.clusters[0]!;
  assert.equal(c.name, 'aks-cilium');
  assert.equal(c.networkMode, 'azure-cni-overlay');
  assert.equal(c.dataplane, 'cilium');
  assert.equal(c.networkPolicy, 'cilium');
  assert.deepEqual(c.podCidrs.map(formatCidr), ['192.168.0.0/16']);
  assert.deepEqual(c.serviceCidrs.map(formatCidr), ['172.16.0.0/16']);
  assert.equal(formatIp(c.dnsServiceIp!), '172.16.0.10');
  assert.equal(c.outbound.type, 'userDefinedRouting');
  assert.equal(c.privateCluster, true);
  assert.equal(c.managedVnet, false);
  assert.equal(c.kubernetesVersion, '1.31.2');
});

test('az aks nodepool list: the pool also in agentPoolProfiles is not doubled; the extra pool joins with defaults', () => {
  const { model } = adaptDocuments(ALL.flatMap(fixture));
  const c = model.clusters[0]!;
  assert.deepEqual(c.pools.map((p) => p.name), ['system', 'batch']);
  const batch = c.pools[1]!;
  assert.equal(batch.maxPods, 250, 'overlay default maxPods');
  assert.deepEqual(batch.maxSurge, { kind: 'percent', value: 10 }, 'k8s 1.31 → 10%');
  assert.deepEqual(batch.autoscale, { min: 2, max: 8 });
  assert.deepEqual(c.defaults.filter((d) => d.field.startsWith('pools[batch]')).map((d) => `${d.field}=${d.value}:${d.factId}`), [
    'pools[batch].maxPods=250:DEFAULT_MAX_PODS', 'pools[batch].maxSurge=10%:DEFAULT_MAX_SURGE_PERCENT',
  ]);
});

test('nodepool list before the cluster document gives the same model', () => {
  const a = adaptDocuments(ALL.flatMap(fixture)).model;
  const b = adaptDocuments([...ALL].reverse().flatMap(fixture)).model;
  assert.deepEqual(b.clusters[0]!.pools.map((p) => p.name).sort(), a.clusters[0]!.pools.map((p) => p.name).sort());
  assert.equal(b.clusters[0]!.networkMode, a.clusters[0]!.networkMode);
});

test('az network vnet show: address space, embedded subnets, delegations, NAT gateway, addressPrefixes, peering', () => {
  const { model } = adaptDocuments(fixture('vnet-show.json'));
  assert.equal(model.vnets.length, 1);
  const v = model.vnets[0]!;
  assert.deepEqual(v.addressSpace.map(formatCidr), ['10.40.0.0/16', '10.41.0.0/16']);
  assert.equal(v.subnetIds.length, 3);
  assert.deepEqual(v.peerings.map((p) => [p.name, p.remoteAddressSpace.map(formatCidr)]), [['to-spoke', ['10.50.0.0/16']]]);
  const byName = new Map(model.subnets.map((s) => [s.name, s]));
  assert.deepEqual(byName.get('snet-aks')!.prefixes.map(formatCidr), ['10.40.0.0/22']);
  assert.match(byName.get('snet-aks')!.routeTableId!, /routetables\/rt-aks$/);
  assert.match(byName.get('snet-aks')!.nsgId!, /networksecuritygroups\/nsg-aks$/);
  assert.deepEqual(byName.get('snet-db')!.delegations, ['Microsoft.DBforPostgreSQL/flexibleServers']);
  assert.match(byName.get('snet-db')!.natGatewayId!, /natgateways\/ng-1$/);
  assert.deepEqual(byName.get('snet-multi')!.prefixes.map(formatCidr), ['10.40.8.0/24', '10.40.9.0/24']);
});

test('az network nsg show: user rules only, singular and plural fields merged, ASGs', () => {
  const { model } = adaptDocuments(fixture('nsg-show.json'));
  const n = model.nsgs[0]!;
  assert.deepEqual(n.rules.map((r) => r.name), ['allow-https', 'allow-asg', 'deny-ssh']);
  const https = n.rules[0]!;
  assert.deepEqual(https.sourceAddresses, ['203.0.113.0/24', '198.51.100.7']);
  assert.deepEqual(https.destinationAddresses, ['10.40.0.0/22']);
  assert.deepEqual(https.destinationPorts, ['443', '8443-8445']);
  assert.deepEqual(https.sourcePorts, ['*']);
  assert.equal(https.protocol, 'Tcp');
  assert.equal(n.rules[1]!.destinationAsgIds.length, 1);
  assert.match(n.rules[1]!.destinationAsgIds[0]!, /applicationsecuritygroups\/asg-web$/);
  assert.equal(n.rules[2]!.protocol, '*');
});

test('az network route-table show: routes, service tag prefix, next hops', () => {
  const { model } = adaptDocuments(fixture('route-table-show.json'));
  const t = model.routeTables[0]!;
  assert.equal(t.disableBgpRoutePropagation, true);
  assert.deepEqual(t.routes.map((r) => [r.name, r.cidr ? formatCidr(r.cidr) : r.addressPrefix, r.nextHopType, r.nextHopIp ? formatIp(r.nextHopIp) : '']), [
    ['default-to-fw', '0.0.0.0/0', 'VirtualAppliance', '10.40.255.4'],
    ['aad', 'AzureActiveDirectory', 'Internet', ''],
    ['blackhole', '10.99.0.0/16', 'None', ''],
  ]);
});

interface BadCase {
  name: string;
  text: string;
  code: string;
  line: number;
  column: number;
}
const SUBNET_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s';
const badCases: BadCase[] = [
  { name: 'invalid subnet CIDR', code: 'AKS1101', line: 3, column: 3,
    text: `{\n  "name": "s", "id": "${SUBNET_ID}",\n  "addressPrefix": "10.0.0.0/33"\n}` },
  { name: 'host bits set', code: 'AKS1102', line: 3, column: 3,
    text: `{\n  "name": "s", "id": "${SUBNET_ID}",\n  "addressPrefix": "10.0.0.5/24"\n}` },
  { name: 'unknown network plugin', code: 'AKS1103', line: 4, column: 5,
    text: '{\n  "name": "c", "kubernetesVersion": "1.30",\n  "networkProfile": {\n    "networkPlugin": "flannel"\n  },\n  "agentPoolProfiles": [{"name": "a"}]\n}' },
  { name: 'negative count', code: 'AKS1104', line: 4, column: 19,
    text: '{\n  "name": "c",\n  "agentPoolProfiles": [\n    {"name": "a", "count": -2}\n  ]\n}' },
  { name: 'maxSurge unparsable', code: 'AKS1105', line: 4, column: 39,
    text: '{\n  "name": "c",\n  "agentPoolProfiles": [\n    {"name": "a", "upgradeSettings": {"maxSurge": "lots"}}\n  ]\n}' },
  { name: 'unknown networkProfile field', code: 'AKS1106', line: 3, column: 22,
    text: '{\n  "name": "c", "kubernetesVersion": "1.30",\n  "networkProfile": {"networkPlugn": "azure"},\n  "agentPoolProfiles": [{"name": "a"}]\n}' },
  { name: 'invalid dnsServiceIP', code: 'AKS1108', line: 3, column: 22,
    text: '{\n  "name": "c", "kubernetesVersion": "1.30",\n  "networkProfile": {"dnsServiceIP": "10.0.0.300"},\n  "agentPoolProfiles": [{"name": "a"}]\n}' },
  { name: 'dangling subnet reference (at the vnetSubnetID field)', code: 'AKS1120', line: 4, column: 19,
    text: `{\n  "name": "c",\n  "agentPoolProfiles": [\n    {"name": "a", "vnetSubnetID": "${SUBNET_ID}"}\n  ]\n}` },
  { name: 'unknown NSG protocol', code: 'AKS1103', line: 4, column: 79,
    text: '{\n  "name": "n",\n  "securityRules": [\n    {"name": "r", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Sctp"}\n  ]\n}' },
  { name: 'array element that is not an Azure object', code: 'AKS1150', line: 3, column: 3,
    text: '[\n  {"name": "n", "securityRules": []},\n  {"hello": "world"}\n]' },
];

for (const c of badCases) {
  test(`bad input: ${c.name} → ${c.code} at ${c.line}:${c.column}`, () => {
    const r = adaptDocuments(inline('bad.json', c.text));
    const hit = r.diagnostics.items.find((d) => d.code === c.code);
    assert.ok(hit, `expected ${c.code}, got ${r.diagnostics.items.map((d) => d.code).join(', ')}`);
    assert.equal(hit.origin?.file, 'bad.json');
    assert.equal(hit.origin?.line, c.line);
    assert.equal(hit.origin?.column, c.column);
    assert.ok(hit.hint !== undefined && hit.hint.length > 0, 'every input diagnostic says what to do');
  });
}

test('dangling subnet hint names the az command with resource group and VNet', () => {
  const r = adaptDocuments(inline('c.json', `{"name": "c", "agentPoolProfiles": [{"name": "a", "vnetSubnetID": "${SUBNET_ID}"}]}`));
  const d = r.diagnostics.items.find((x) => x.code === 'AKS1120')!;
  assert.equal(d.severity, 'warning');
  assert.equal(d.hint, 'add the output of `az network vnet show -g rg -n v -o json`, or correct the subnet id');
});

test('an internal failure in one element does not stop the others', () => {
  const good = inline('vnet.json', readFileSync(join(here, 'testdata', 'vnet-show.json'), 'utf8'))[0]!;
  let reads = 0;
  const hostile = new Proxy({ name: 'x' }, {
    get(target, key) {
      // The whole-document recogniser may look once; the adapter's own read fails.
      if (key === 'securityRules' && ++reads > 1) throw new Error('boom');
      return Reflect.get(target, key);
    },
    has: (_t, key) => key === 'securityRules' || key === 'name',
    ownKeys: () => ['name', 'securityRules'],
    getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: [] }),
  });
  const broken: SourceDocument = { ...good, file: 'broken.json', value: [hostile, { name: 'ok-nsg', securityRules: [] }] };
  const r = adaptDocuments([broken, good]);
  assert.ok(r.diagnostics.items.some((d) => d.code === 'AKS1999' && d.origin?.file === 'broken.json'));
  assert.equal(r.model.vnets.length, 1, 'the next document is still read');
  assert.ok(r.model.nsgs.some((n) => n.name === 'ok-nsg'), 'the next element is still read');
});
