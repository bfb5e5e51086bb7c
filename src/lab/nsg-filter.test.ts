// The VNet namespace's NSG filter: rule order, Allow/Deny, protocols, port lists, prefixes, tags resolved by the NSG
// engine, defaults, the outbound (NIC then subnet) and inbound (subnet then NIC) order, statefulness, and AKS4806
// for rules the lab cannot realise exactly. Expectations are written out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IpSet, parseCidr } from '../engines/net/index.js';
import { makeNsgContext } from '../engines/nsg/index.js';
import type { Nsg, NsgRule } from '../model/azure.js';
import { LAB_CODES } from './codes.js';
import { nsgFilterTable, type NsgFilterNode, type NsgLevel } from './nsg-filter.js';

const VNET = IpSet.fromCidr(parseCidr('10.20.0.0/16')!.cidr);
const CTX = makeNsgContext({ virtualNetwork: VNET });

function rule(over: Partial<NsgRule> & Pick<NsgRule, 'name' | 'priority'>): NsgRule {
  return {
    direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: ['*'], sourcePorts: ['*'], destinationAddresses: ['*'],
    destinationPorts: ['*'], sourceAsgIds: [], destinationAsgIds: [], origin: { file: 'nsg.sh', line: 7, column: 1 }, ...over,
  };
}

function nsg(name: string, rules: NsgRule[]): Nsg {
  return { id: `/subscriptions/s/resourcegroups/rg/providers/microsoft.network/networksecuritygroups/${name}`, name, origin: { file: 'nsg.sh', line: 1, column: 1 }, rules };
}

const level = (n: Nsg, lvl: 'subnet' | 'nic' = 'subnet'): NsgLevel => ({ nsg: n, ctx: CTX, contextId: 'subnet-b', level: lvl });

test('inbound deny of one port from a prefix, then the defaults: written out line by line', () => {
  const b = nsg('nsg-b', [rule({ name: 'deny-a-8080', priority: 100, access: 'Deny', sourceAddresses: ['10.20.1.0/24'], destinationPorts: ['8080'] })]);
  const nodes: NsgFilterNode[] = [
    { index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [], byDestination: [] },
    { index: 1, name: 'b', vnetIf: 'n1', outbound: [level(b)], inbound: [level(b)], byDestination: [] },
  ];
  const f = nsgFilterTable(nodes);
  assert.deepEqual(f.nsgs, ['nsg-b']);
  assert.deepEqual(f.diagnostics, []);
  const lines = f.iptablesRestore.split('\n');
  assert.deepEqual(lines.slice(0, 4), ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]']);
  const rules = lines.filter((l) => l.startsWith('-A '));
  assert.deepEqual(rules.filter((l) => l.startsWith('-A FORWARD')), [
    '-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -m comment --comment "NSGs are stateful: replies of allowed flows pass" -j ACCEPT',
    '-A FORWARD -i n1 -m comment --comment "leaving b" -j NSG-OUT-N1',
    '-A FORWARD -o n1 -m comment --comment "entering b" -j NSG-IN-N1',
  ]);
  assert.deepEqual(rules.filter((l) => l.startsWith('-A NSG1-I ')), [
    '-A NSG1-I -s 10.20.1.0/24 -p tcp -m tcp -m multiport --dports 8080 -m comment --comment "nsg-b deny-a-8080 100 Deny" -j DROP',
    // AllowVnetInBound: VirtualNetwork → VirtualNetwork is the engine's set (the /16 here).
    '-A NSG1-I -s 10.20.0.0/16 -d 10.20.0.0/16 -m comment --comment "nsg-b AllowVnetInBound 65000 Allow" -j RETURN',
    // AllowAzureLoadBalancerInBound: the host VIP.
    '-A NSG1-I -s 168.63.129.16/32 -m comment --comment "nsg-b AllowAzureLoadBalancerInBound 65001 Allow" -j RETURN',
    '-A NSG1-I -m comment --comment "nsg-b DenyAllInBound 65500 Deny" -j DROP',
  ]);
  assert.ok(rules.includes('-A NSG-IN-N1 -m comment --comment "b: subnet NSG nsg-b inbound" -j NSG1-I'));
  assert.ok(rules.includes('-A OUTPUT -o n1 -m comment --comment "entering b" -j NSG-IN-N1'), 'a client in the VNet meets inbound NSGs');
  assert.equal(lines[lines.length - 2], 'COMMIT');
  for (const c of new Set(rules.map((l) => l.split(' ')[1]))) {
    assert.ok(['FORWARD', 'OUTPUT'].includes(c ?? '') || lines.includes(`:${c} - [0:0]`), `chain ${c} declared`);
  }
});

test('outbound: NIC NSG before subnet NSG; inbound: subnet before NIC; chains shared per NSG, direction and context', () => {
  const sub = nsg('sub', []);
  const nic = nsg('aks-agentpool-1-nsg', []);
  const n: NsgFilterNode = { index: 0, name: 'a', vnetIf: 'n0', outbound: [level(nic, 'nic'), level(sub)], inbound: [level(sub), level(nic, 'nic')], byDestination: [] };
  const n2: NsgFilterNode = { ...n, index: 1, name: 'b', vnetIf: 'n1' };
  const rules = nsgFilterTable([n, n2]).iptablesRestore.split('\n').filter((l) => l.startsWith('-A NSG-'));
  assert.deepEqual(rules.filter((l) => l.startsWith('-A NSG-OUT-N0')).map((l) => l.split(' -j ')[1]), ['NSG0-O', 'NSG1-O']);
  assert.deepEqual(rules.filter((l) => l.startsWith('-A NSG-IN-N0')).map((l) => l.split(' -j ')[1]), ['NSG2-I', 'NSG3-I']);
  assert.deepEqual(rules.filter((l) => l.startsWith('-A NSG-OUT-N1')).map((l) => l.split(' -j ')[1]), ['NSG0-O', 'NSG1-O'], 'same chains for the second node');
  const text = nsgFilterTable([n]).iptablesRestore;
  // Outbound defaults: VNet allowed, Internet allowed, the rest dropped.
  assert.ok(text.includes('-A NSG0-O -s 10.20.0.0/16 -d 10.20.0.0/16 -m comment --comment "aks-agentpool-1-nsg AllowVnetOutBound 65000 Allow" -j RETURN'));
  assert.ok(text.includes('-A NSG0-O -m comment --comment "aks-agentpool-1-nsg DenyAllOutBound 65500 Deny" -j DROP'));
});

test('priority order, protocol *, port lists and ranges, several prefixes through sub-chains with the allow mark', () => {
  const x = nsg('x', [
    rule({ name: 'late', priority: 300, access: 'Deny', protocol: '*', destinationPorts: ['80'] }),
    rule({ name: 'early', priority: 200, protocol: 'Udp', sourceAddresses: ['10.20.1.0/24', '10.20.3.0/24'], destinationPorts: ['53', '1000-2000', '5353'] }),
  ]);
  const text = nsgFilterTable([{ index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [level(x)], byDestination: [] }]).iptablesRestore;
  const own = text.split('\n').filter((l) => l.startsWith('-A NSG0-I '));
  assert.deepEqual(own.slice(0, 8), [
    '-A NSG0-I -j MARK --set-xmark 0x0/0x10000',
    '-A NSG0-I -p udp -m udp -m multiport --dports 53,1000:2000,5353 -m comment --comment "x early 200 Allow" -j NSG0-I-R0',
    '-A NSG0-I -m mark --mark 0x10000/0x10000 -m comment --comment "x early 200 Allow" -j RETURN',
    '-A NSG0-I -p tcp -m tcp -m multiport --dports 80 -m comment --comment "x late 300 Deny" -j DROP',
    '-A NSG0-I -p udp -m udp -m multiport --dports 80 -m comment --comment "x late 300 Deny" -j DROP',
    '-A NSG0-I -p sctp -m sctp -m multiport --dports 80 -m comment --comment "x late 300 Deny" -j DROP',
    '-A NSG0-I -p icmp -m comment --comment "x late 300 Deny" -j DROP',
    '-A NSG0-I -s 10.20.0.0/16 -d 10.20.0.0/16 -m comment --comment "x AllowVnetInBound 65000 Allow" -j RETURN',
  ]);
  assert.ok(text.includes('-A NSG0-I-R0 -s 10.20.1.0/24 -j NSG0-I-R0D\n-A NSG0-I-R0 -s 10.20.3.0/24 -j NSG0-I-R0D'));
  assert.ok(text.includes('-A NSG0-I-R0D -j MARK --set-xmark 0x10000/0x10000'));
});

test('the Internet tag is the engine\'s set (everything outside VirtualNetwork and the private ranges), as CIDRs', () => {
  const x = nsg('x', [rule({ name: 'web', priority: 100, sourceAddresses: ['Internet'], destinationPorts: ['443'] })]);
  const text = nsgFilterTable([{ index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [level(x)], byDestination: [] }]).iptablesRestore;
  const srcs = text.split('\n').filter((l) => l.startsWith('-A NSG0-I-R0 ')).map((l) => l.split(' ')[3] ?? '');
  const set = IpSet.fromCidrs(srcs.map((c) => parseCidr(c)!.cidr));
  assert.ok(set.equals(CTX.internet.ofFamily(4)), 'the sub-chain lists exactly the Internet tag');
  assert.ok(!srcs.includes('10.0.0.0/8'));
});

test('unknown tags and ASGs match nothing and are reported as AKS4806 at the rule', () => {
  const x = nsg('x', [
    rule({ name: 'storage', priority: 100, access: 'Deny', destinationAddresses: ['Storage.WestEurope'] }),
    rule({ name: 'asg', priority: 110, sourceAddresses: [], sourceAsgIds: ['/subscriptions/s/resourcegroups/rg/providers/microsoft.network/applicationsecuritygroups/web'] }),
  ]);
  const f = nsgFilterTable([{ index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [level(x)], byDestination: [] }]);
  assert.deepEqual(f.diagnostics.map((d) => [d.code, d.resource, d.origin?.line]), [
    [LAB_CODES.NSG_RULE_APPROXIMATED, 'NSG/x/storage', 7], [LAB_CODES.NSG_RULE_APPROXIMATED, 'NSG/x/asg', 7],
  ]);
  assert.match(f.diagnostics[0]?.message ?? '', /Storage\.WestEurope has no known prefixes/);
  assert.ok(!f.iptablesRestore.includes('storage'), 'a rule matching nothing is left out');
});

test('destinations in another subnet (pod subnet) take that subnet\'s NSG inbound first', () => {
  const pods = nsg('pods-nsg', []);
  const sub = nsg('nodes-nsg', []);
  const text = nsgFilterTable([{
    index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [level(sub)],
    byDestination: [{ prefixes: ['10.20.8.0/22'], levels: [{ ...level(pods), contextId: 'pods' }] }],
  }]).iptablesRestore;
  const rules = text.split('\n').filter((l) => l.startsWith('-A NSG-IN-N0'));
  assert.deepEqual(rules.map((l) => l.replace(/ -m comment --comment "[^"]*"/, '')), [
    '-A NSG-IN-N0 -d 10.20.8.0/22 -g NSG-IN-N0-S0',
    '-A NSG-IN-N0-S0 -j NSG0-I',
    '-A NSG-IN-N0 -j NSG1-I',
  ]);
});

test('no NSG level anywhere: nothing to load', () => {
  assert.deepEqual(nsgFilterTable([{ index: 0, name: 'a', vnetIf: 'n0', outbound: [], inbound: [], byDestination: [] }]), { iptablesRestore: '', diagnostics: [], nsgs: [] });
});

test('fuzz: any rule text never throws and every chain used is declared', () => {
  const entry = fc.oneof(fc.constantFrom('*', 'Any', 'VirtualNetwork', 'Internet', 'AzureLoadBalancer', 'Foo.Bar', '10.0.0.0/8', '10.20.1.5', '::/0', ''), fc.string());
  const ports = fc.oneof(fc.constantFrom('*', '80', '1-65535', '0', '70000', '10-5', '22,80'), fc.string());
  const arb = fc.array(fc.record({
    priority: fc.integer({ min: 100, max: 4096 }), access: fc.constantFrom('Allow', 'Deny'), direction: fc.constantFrom('Inbound', 'Outbound'),
    protocol: fc.constantFrom('*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'), src: fc.array(entry, { maxLength: 3 }), dst: fc.array(entry, { maxLength: 3 }),
    sp: fc.array(ports, { maxLength: 2 }), dp: fc.array(ports, { maxLength: 3 }),
  }), { maxLength: 6 });
  fc.assert(fc.property(arb, (rs) => {
    const x = nsg('f', rs.map((r, i) => rule({
      name: `r${i}`, priority: r.priority, access: r.access as 'Allow' | 'Deny', direction: r.direction as 'Inbound' | 'Outbound',
      protocol: r.protocol as NsgRule['protocol'], sourceAddresses: r.src, destinationAddresses: r.dst, sourcePorts: r.sp, destinationPorts: r.dp,
    })));
    const f = nsgFilterTable([{ index: 0, name: 'a', vnetIf: 'n0', outbound: [level(x, 'nic')], inbound: [level(x)], byDestination: [] }]);
    const lines = f.iptablesRestore.split('\n');
    for (const l of lines.filter((y) => y.startsWith('-A '))) {
      const chain = l.split(' ')[1] ?? '';
      assert.ok(['FORWARD', 'OUTPUT'].includes(chain) || lines.includes(`:${chain} - [0:0]`));
      assert.ok(chain.length <= 28);
      assert.doesNotMatch(l, /undefined/);
    }
  }), { numRuns: 150 });
});
