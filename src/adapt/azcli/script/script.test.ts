import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCidr, formatIp } from '../../../engines/net/index.js';
import type { Cluster } from '../../../model/azure.js';
import { DiagnosticSink } from '../../../model/diagnostic.js';
import { ModelBuilder } from '../../../model/model.js';
import { adaptAzScript } from '../script.js';
import { adaptText, where } from './testing.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups';
const cluster = (text: string): Cluster => {
  const { model } = adaptText('create.sh', text);
  assert.equal(model.clusters.length, 1, 'one cluster');
  return model.clusters[0]!;
};

describe('az script: the AKS documentation command lines', () => {
  it('kubenet with own VNet (configure-kubenet)', () => {
    const text = [
      'az group create --name myResourceGroup --location eastus',
      'az network vnet create \\',
      '    --resource-group myResourceGroup \\',
      '    --name myAKSVnet \\',
      '    --address-prefixes 192.168.0.0/16 \\',
      '    --subnet-name myAKSSubnet \\',
      '    --subnet-prefix 192.168.1.0/24',
      'SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)',
      'az aks create --resource-group myResourceGroup --name myAKSCluster --network-plugin kubenet --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --pod-cidr 10.244.0.0/16 --vnet-subnet-id $SUBNET_ID',
    ].join('\n');
    const { model, diagnostics } = adaptText('create.sh', text);
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
    const c = model.clusters[0]!;
    assert.equal(c.networkMode, 'kubenet');
    assert.deepEqual(c.podCidrs.map(formatCidr), ['10.244.0.0/16']);
    assert.deepEqual(c.serviceCidrs.map(formatCidr), ['10.0.0.0/16']);
    assert.equal(formatIp(c.dnsServiceIp!), '10.0.0.10');
    assert.equal(c.pools[0]!.name, 'nodepool1');
    assert.equal(c.pools[0]!.count, 3, 'the CLI default node count');
    assert.equal(c.pools[0]!.vnetSubnetId, `${SUB}/myresourcegroup/providers/microsoft.network/virtualnetworks/myaksvnet/subnets/myakssubnet`);
    assert.equal(c.managedVnet, false);
    assert.deepEqual(model.subnets.map((s) => s.prefixes.map(formatCidr).join()), ['192.168.1.0/24']);
    assert.equal(model.vnets[0]!.location, 'eastus', 'location from az group create');
    assert.ok(c.defaults.some((d) => d.field === 'pools[nodepool1].count' && d.value === '3' && d.factId === 'DEFAULT_NODE_COUNT'));
    assert.ok(c.defaults.some((d) => d.field === 'pools[nodepool1].name' && d.factId === 'AZ_DEFAULT_NODEPOOL_NAME'));
    // Origins point at the flag that set the value.
    assert.equal(c.origin.line, 9);
  });
});

describe('az aks create: flags → cluster fields', () => {
  const base = 'az aks create -g rg -n aks --network-plugin azure ';
  const cases: { name: string; flags: string; check: (c: Cluster) => unknown; expect: unknown }[] = [
    { name: '--network-plugin kubenet', flags: 'az aks create -g rg -n aks --network-plugin kubenet', check: (c) => c.networkMode, expect: 'kubenet' },
    { name: '--network-plugin azure (node subnet)', flags: base, check: (c) => c.networkMode, expect: 'azure-cni-node-subnet' },
    { name: '--network-plugin-mode overlay', flags: base + '--network-plugin-mode overlay', check: (c) => c.networkMode, expect: 'azure-cni-overlay' },
    { name: '--network-plugin none', flags: 'az aks create -g rg -n aks --network-plugin none', check: (c) => c.networkMode, expect: 'byo-cni' },
    { name: 'no plugin: CLI default overlay', flags: 'az aks create -g rg -n aks', check: (c) => c.networkMode, expect: 'azure-cni-overlay' },
    { name: '--network-policy calico', flags: base + '--network-policy calico', check: (c) => c.networkPolicy, expect: 'calico' },
    { name: '--network-dataplane cilium', flags: base + '--network-plugin-mode overlay --network-dataplane cilium', check: (c) => [c.dataplane, c.networkPolicy], expect: ['cilium', 'cilium'] },
    { name: '--pod-cidr', flags: base + '--network-plugin-mode overlay --pod-cidr 192.168.0.0/16', check: (c) => c.podCidrs.map(formatCidr), expect: ['192.168.0.0/16'] },
    { name: '--service-cidr', flags: base + '--service-cidr 10.1.0.0/16', check: (c) => c.serviceCidrs.map(formatCidr), expect: ['10.1.0.0/16'] },
    { name: '--dns-service-ip', flags: base + '--dns-service-ip 10.0.0.53', check: (c) => formatIp(c.dnsServiceIp!), expect: '10.0.0.53' },
    { name: '--outbound-type userDefinedRouting', flags: base + '--outbound-type userDefinedRouting', check: (c) => c.outbound.type, expect: 'userDefinedRouting' },
    { name: '--load-balancer-managed-outbound-ip-count', flags: base + '--load-balancer-managed-outbound-ip-count 3', check: (c) => c.outbound.outboundIps, expect: 3 },
    { name: '--load-balancer-outbound-ports', flags: base + '--load-balancer-outbound-ports 4000', check: (c) => c.outbound.allocatedOutboundPorts, expect: 4000 },
    { name: '--enable-private-cluster', flags: base + '--enable-private-cluster', check: (c) => c.privateCluster, expect: true },
    { name: '--kubernetes-version', flags: base + '--kubernetes-version 1.30', check: (c) => c.kubernetesVersion, expect: '1.30' },
    { name: '--node-count / -c', flags: base + '-c 5', check: (c) => c.pools[0]!.count, expect: 5 },
    { name: '--max-pods / -m', flags: base + '-m 60', check: (c) => c.pools[0]!.maxPods, expect: 60 },
    { name: 'maxPods default for node subnet', flags: base, check: (c) => c.pools[0]!.maxPods, expect: 30 },
    { name: '--nodepool-name', flags: base + '--nodepool-name sys', check: (c) => c.pools[0]!.name, expect: 'sys' },
    { name: '--enable-cluster-autoscaler --min-count --max-count', flags: base + '--enable-cluster-autoscaler --min-count 2 --max-count 9', check: (c) => c.pools[0]!.autoscale, expect: { min: 2, max: 9 } },
    { name: '--max-surge percent', flags: base + '--max-surge 33%', check: (c) => c.pools[0]!.maxSurge, expect: { kind: 'percent', value: 33 } },
    { name: '--max-surge count', flags: base + '--max-surge 2', check: (c) => c.pools[0]!.maxSurge, expect: { kind: 'count', value: 2 } },
    { name: 'no subnet: managed VNet', flags: base, check: (c) => c.managedVnet, expect: true },
    { name: '--pod-subnet-id + --pod-ip-allocation-mode', flags: base + '--vnet-subnet-id /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n --pod-subnet-id /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/p --pod-ip-allocation-mode StaticBlock',
      check: (c) => [c.networkMode, c.pools[0]!.podIpAllocation], expect: ['azure-cni-pod-subnet', 'StaticBlock'] },
    { name: '--ip-families ipv4,ipv6 --pod-cidrs', flags: base + '--network-plugin-mode overlay --ip-families ipv4,ipv6 --pod-cidrs 10.244.0.0/16,fd00:1::/64', check: (c) => [c.ipFamilies, c.podCidrs.map(formatCidr)], expect: [[4, 6], ['10.244.0.0/16', 'fd00:1::/64']] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(c.check(cluster(c.flags)), c.expect));
});

describe('az aks nodepool add', () => {
  const create = 'az aks create -g rg -n aks --network-plugin azure --network-plugin-mode overlay\n';
  const cases: { name: string; line: string; check: (c: Cluster) => unknown; expect: unknown }[] = [
    { name: 'joins its cluster', line: 'az aks nodepool add -g rg --cluster-name aks -n user1', check: (c) => c.pools.map((p) => p.name), expect: ['nodepool1', 'user1'] },
    { name: 'second pool defaults to User', line: 'az aks nodepool add -g rg --cluster-name aks -n user1', check: (c) => c.pools[1]!.mode, expect: 'User' },
    { name: '--mode System', line: 'az aks nodepool add -g rg --cluster-name aks -n sys2 --mode System', check: (c) => c.pools[1]!.mode, expect: 'System' },
    { name: '--os-type Windows', line: 'az aks nodepool add -g rg --cluster-name aks -n win --os-type Windows', check: (c) => c.pools[1]!.osType, expect: 'Windows' },
    { name: '--node-count default 3', line: 'az aks nodepool add -g rg --cluster-name aks -n user1', check: (c) => c.pools[1]!.count, expect: 3 },
    { name: '--max-pods', line: 'az aks nodepool add -g rg --cluster-name aks -n user1 --max-pods 100', check: (c) => c.pools[1]!.maxPods, expect: 100 },
    { name: '--nodepool-name alias', line: 'az aks nodepool add -g rg --cluster-name aks --nodepool-name user2', check: (c) => c.pools[1]!.name, expect: 'user2' },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(c.check(cluster(create + c.line)), c.expect));
  it('a pool of a cluster not in the script is still read (AKS defaults assumed, reported)', () => {
    const { model, diagnostics } = adaptText('p.sh', 'az aks nodepool add -g rg --cluster-name other -n user1 --node-count 4');
    assert.equal(model.clusters[0]?.pools[0]?.count, 4);
    assert.ok(diagnostics.some((d) => d.code === 'AKS1123'));
  });
});

describe('az network commands', () => {
  it('route table, routes, NSG, rules and subnet associations', () => {
    const text = [
      'az network route-table create -g rg -n rt --disable-bgp-route-propagation true',
      'az network route-table route create -g rg --route-table-name rt -n fw --address-prefix 0.0.0.0/0 --next-hop-type VirtualAppliance --next-hop-ip-address 10.0.1.4',
      'az network nsg create -g rg -n nsg1',
      'az network nsg rule create -g rg --nsg-name nsg1 -n https --priority 100 --protocol Tcp --destination-port-ranges 443 8443',
      'az network vnet create -g rg -n v --address-prefixes 10.0.0.0/16',
      'az network vnet subnet create -g rg --vnet-name v -n s1 --address-prefixes 10.0.1.0/24 --route-table rt --nsg nsg1',
      'az network vnet subnet create -g rg --vnet-name v -n s2 --address-prefixes 10.0.2.0/24',
      'az network vnet subnet update -g rg --vnet-name v -n s2 --route-table rt',
    ].join('\n');
    const { model, diagnostics } = adaptText('net.sh', text);
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
    const rt = model.routeTables[0]!;
    assert.equal(rt.disableBgpRoutePropagation, true);
    assert.deepEqual(rt.routes.map((r) => [r.name, r.addressPrefix, r.nextHopType, formatIp(r.nextHopIp!)]), [['fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.1.4']]);
    assert.equal(rt.routes[0]!.origin.line, 2);
    const rule = model.nsgs[0]!.rules[0]!;
    assert.deepEqual([rule.priority, rule.direction, rule.access, rule.protocol, rule.destinationPorts, rule.sourceAddresses],
      [100, 'Inbound', 'Allow', 'Tcp', ['443', '8443'], ['*']]);
    assert.ok(diagnostics.some((d) => d.code === 'AKS1215' && d.origin?.line === 4), 'the az defaults used are reported');
    const [s1, s2] = model.subnets;
    assert.equal(s1!.routeTableId, rt.id);
    assert.equal(s1!.nsgId, model.nsgs[0]!.id);
    assert.equal(s2!.routeTableId, rt.id, 'subnet update associates the route table');
    assert.deepEqual(model.vnets[0]!.subnetIds.length, 2);
  });
  it('vnet create without prefixes uses the az defaults and says so', () => {
    const { model, diagnostics } = adaptText('v.sh', 'az network vnet create -g rg -n v --subnet-name s');
    assert.deepEqual(model.vnets[0]!.addressSpace.map(formatCidr), ['10.0.0.0/16']);
    assert.deepEqual(model.subnets[0]!.prefixes.map(formatCidr), ['10.0.0.0/24']);
    assert.deepEqual(where(diagnostics.filter((d) => d.code === 'AKS1215')), ['AKS1215@1:1', 'AKS1215@1:35']);
  });
  it('subnet list --query "[0].id" gives the first subnet created', () => {
    const c = cluster('az network vnet create -g rg -n v --address-prefixes 10.0.0.0/16 --subnet-name first --subnet-prefixes 10.0.0.0/24\n'
      + 'S=$(az network vnet subnet list -g rg --vnet-name v --query "[0].id" --output tsv)\naz aks create -g rg -n a --network-plugin kubenet --vnet-subnet-id $S');
    assert.equal(c.pools[0]!.vnetSubnetId, `${SUB}/rg/providers/microsoft.network/virtualnetworks/v/subnets/first`);
  });
});

describe('az script: problems are reported at their line:column', () => {
  const cases: { name: string; text: string; expect: string[] }[] = [
    { name: 'unsupported flag', text: 'az aks create -g rg -n a \\\n    --network-plugin kubenet \\\n    --bogus-flag 3', expect: ['AKS1210@3:5'] },
    { name: 'unsupported flag in --x=y form', text: 'az network vnet create -g rg -n v --address-prefixes 10.0.0.0/16 --frobnicate=1', expect: ['AKS1210@1:66'] },
    { name: 'unsupported command', text: 'az network firewall create -g rg -n fw', expect: ['AKS1211@1:1'] },
    { name: 'known and ignored commands are silent', text: 'az login\naz account set --subscription x\naz aks get-credentials -g rg -n a\naz extension add -n aks-preview', expect: [] },
    { name: 'unknown value from an unset variable', text: 'az network vnet create -g rg -n v --address-prefixes $PREFIX', expect: ['AKS1212@1:35'] },
    { name: 'missing --name', text: 'az network nsg create -g rg', expect: ['AKS1214@1:1'] },
    { name: 'unterminated quote', text: 'az group create -n "rg', expect: ['AKS1213@1:20'] },
    { name: 'CLI refuses --pod-cidr without a plugin', text: 'az aks create -g rg -n a --pod-cidr 10.244.0.0/16', expect: ['AKS1216@1:26'] },
    { name: 'converter errors point at the flag', text: 'az aks create -g rg -n a --network-plugin kubenet\\\n  --service-cidr 10.0.0.0/33', expect: ['AKS1101@2:3'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { diagnostics } = adaptText('x.sh', c.text);
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info' || d.code === 'AKS1214')), c.expect);
    });
  }
  it('the unsupported-flag message names the flag', () => {
    const { diagnostics } = adaptText('x.sh', 'az aks create -g rg -n a --bogus-flag');
    assert.equal(diagnostics.find((d) => d.code === 'AKS1210')?.message, 'unsupported az flag --bogus-flag, ignored');
  });
  it('keeps analysing after a bad command', () => {
    const { model } = adaptText('x.sh', 'az network nsg create -g rg\naz network vnet create -g rg -n v --address-prefixes 10.0.0.0/16');
    assert.equal(model.vnets.length, 1);
  });
});

describe('adaptAzScript never throws', () => {
  it('on arbitrary text', () => {
    const piece = fc.constantFrom('az ', 'aks ', 'create ', 'nodepool add ', 'network vnet ', 'subnet create ', '-g rg ', '-n x ', '--cluster-name x ',
      '--vnet-name v ', '--address-prefixes ', '10.0.0.0/16 ', '--node-count ', '-1 ', '--max-surge ', '%', '"', '$(', ')', '\\\n', '\n', '$X ', 'X=',
      'nic ', 'ip-config update ', '--nic-name n ', 'asg ', 'public-ip ', 'vm ', '--nics ', '--asgs ', '--asg-ids ', '--subnet s ', '--nsg ', '""',
      '--private-ip-address ', '10.0.0.4 ', '--sku ', 'Basic ', '--source-asgs ', '--public-ip-address ', '--nsg-rule ', 'RDP ');
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(piece, { maxLength: 30 }).map((a) => a.join(''))), (text) => {
      adaptAzScript({ file: 'f.sh', format: 'shell', index: 0, value: undefined, text, position: () => ({ line: 1, column: 1 }) },
        { builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] });
      return true;
    }), { numRuns: 500 });
  });
});
