import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpSet, parseCidr, parseIp, type Ip } from '../net/index.js';
import type { Nsg, NsgDirection, NsgRule } from '../../model/azure.js';
import { RecordingTracer, type Flow } from '../trace-types.js';
import { makeNsgContext } from './context.js';
import { evaluateNsg, evaluateNsgPath, returnTrafficVerdict, reverseFlow } from './evaluate.js';
import { lintNsg } from './lint.js';
import { PACKET_CODES } from './codes.js';

const O = { file: 'nsg.json', line: 3, column: 5 };
function ip(s: string): Ip {
  const r = parseIp(s);
  if (!r) throw new Error(s);
  return r;
}
/** A rule: defaults any/any/any, Inbound Allow. */
function rule(name: string, priority: number, o: Partial<Omit<NsgRule, 'name' | 'priority'>> = {}): NsgRule {
  return {
    name, priority, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddresses: ['*'], sourcePorts: ['*'],
    destinationAddresses: ['*'], destinationPorts: ['*'], sourceAsgIds: [], destinationAsgIds: [], origin: O, ...o,
  };
}
function nsg(name: string, rules: NsgRule[]): Nsg {
  return { id: `/nsg/${name}`, name, origin: O, rules };
}
/** A flow; `null` for a port = absent (ICMP, or `*`). */
function flow(src: string, dst: string, dstPort: number | null = 80, protocol: Flow['protocol'] = 'TCP', srcPort: number | null = 40000): Flow {
  return { protocol, srcIp: ip(src), dstIp: ip(dst), ...(srcPort === null ? {} : { srcPort }), ...(dstPort === null ? {} : { dstPort }) };
}
const VNET = IpSet.fromCidr(parseCidr('10.0.0.0/16')!.cidr);
const CTX = makeNsgContext({ virtualNetwork: VNET, serviceTags: new Map([['AzureMonitor', IpSet.fromCidr(parseCidr('20.50.0.0/16')!.cidr)]]) });

interface Case {
  readonly name: string;
  readonly rules: NsgRule[];
  readonly direction: NsgDirection;
  readonly flow: Flow;
  readonly access: 'Allow' | 'Deny';
  readonly ruleName: string;
}

describe('evaluateNsg: priority and first match', () => {
  const cases: Case[] = [
    { name: 'lower priority number wins over a later deny', direction: 'Inbound', flow: flow('203.0.113.5', '10.0.0.4', 80),
      rules: [rule('deny-web', 200, { access: 'Deny' }), rule('allow-web', 100)], access: 'Allow', ruleName: 'securityRules/allow-web' },
    { name: 'deny at 100 beats allow at 200', direction: 'Inbound', flow: flow('203.0.113.5', '10.0.0.4', 80),
      rules: [rule('allow-web', 200), rule('deny-web', 100, { access: 'Deny' })], access: 'Deny', ruleName: 'securityRules/deny-web' },
    { name: 'non-matching port falls through to the next rule', direction: 'Inbound', flow: flow('203.0.113.5', '10.0.0.4', 443),
      rules: [rule('deny-80', 100, { access: 'Deny', destinationPorts: ['80'] }), rule('allow-all', 200)], access: 'Allow', ruleName: 'securityRules/allow-all' },
    { name: 'outbound rules ignored for inbound flows', direction: 'Inbound', flow: flow('203.0.113.5', '10.0.0.4', 80),
      rules: [rule('out-allow', 100, { direction: 'Outbound' })], access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'protocol Udp does not match TCP', direction: 'Inbound', flow: flow('10.0.1.4', '10.0.0.4', 53),
      rules: [rule('deny-udp', 100, { access: 'Deny', protocol: 'Udp' })], access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'protocol Tcp matches TCP', direction: 'Inbound', flow: flow('10.0.1.4', '10.0.0.4', 53),
      rules: [rule('deny-tcp', 100, { access: 'Deny', protocol: 'Tcp' })], access: 'Deny', ruleName: 'securityRules/deny-tcp' },
    { name: 'ICMP ignores port lists', direction: 'Inbound', flow: flow('10.0.1.4', '10.0.0.4', null, 'ICMP', null),
      rules: [rule('deny-icmp', 100, { access: 'Deny', protocol: 'Icmp', destinationPorts: ['22'] })], access: 'Deny', ruleName: 'securityRules/deny-icmp' },
    { name: 'source port list restricts', direction: 'Inbound', flow: flow('10.0.1.4', '10.0.0.4', 80, 'TCP', 1000),
      rules: [rule('deny-from-high', 100, { access: 'Deny', sourcePorts: ['1024-65535'] })], access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateNsg(nsg('n', c.rules), c.direction, c.flow, CTX);
      assert.equal(v.access, c.access);
      assert.equal(v.ruleName, c.ruleName);
      assert.equal(v.nsgId, '/nsg/n');
    });
  }
});

describe('evaluateNsg: the six default rules', () => {
  const cases: Case[] = [
    { name: 'VNet to VNet inbound: AllowVnetInBound', direction: 'Inbound', flow: flow('10.0.1.4', '10.0.0.4', 22), rules: [],
      access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'Internet inbound: DenyAllInBound', direction: 'Inbound', flow: flow('203.0.113.5', '10.0.0.4', 22), rules: [],
      access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'health probe from 168.63.129.16: AllowAzureLoadBalancerInBound', direction: 'Inbound', flow: flow('168.63.129.16', '10.0.0.4', 80), rules: [],
      access: 'Allow', ruleName: 'defaultSecurityRules/AllowAzureLoadBalancerInBound' },
    { name: 'VNet to VNet outbound: AllowVnetOutBound', direction: 'Outbound', flow: flow('10.0.0.4', '10.0.2.9', 5432), rules: [],
      access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetOutBound' },
    { name: 'to a public address: AllowInternetOutBound', direction: 'Outbound', flow: flow('10.0.0.4', '8.8.8.8', 443), rules: [],
      access: 'Allow', ruleName: 'defaultSecurityRules/AllowInternetOutBound' },
    { name: 'to a private address outside VirtualNetwork: DenyAllOutBound', direction: 'Outbound', flow: flow('10.0.0.4', '192.168.5.5', 443), rules: [],
      access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllOutBound' },
    { name: 'a user deny of Internet outbound overrides AllowInternetOutBound', direction: 'Outbound', flow: flow('10.0.0.4', '8.8.8.8', 443),
      rules: [rule('no-internet', 4000, { direction: 'Outbound', access: 'Deny', destinationAddresses: ['Internet'] })],
      access: 'Deny', ruleName: 'securityRules/no-internet' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateNsg(nsg('n', c.rules), c.direction, c.flow, CTX);
      assert.equal(v.access, c.access);
      assert.equal(v.ruleName, c.ruleName);
      assert.equal(v.decidedBy, c.ruleName.startsWith('default') ? 'default-rule' : 'rule');
    });
  }
});

describe('evaluateNsg: addresses, service tags and port lists', () => {
  const cases: Case[] = [
    { name: 'CIDR source matches', direction: 'Inbound', flow: flow('203.0.113.77', '10.0.0.4', 22),
      rules: [rule('office', 100, { sourceAddresses: ['203.0.113.0/24'], destinationPorts: ['22'] })], access: 'Allow', ruleName: 'securityRules/office' },
    { name: 'single IP source', direction: 'Inbound', flow: flow('203.0.113.77', '10.0.0.4', 22),
      rules: [rule('one', 100, { sourceAddresses: ['203.0.113.78'] })], access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'source list, second entry matches', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 22),
      rules: [rule('list', 100, { sourceAddresses: ['203.0.113.0/24', '198.51.100.0/24'] })], access: 'Allow', ruleName: 'securityRules/list' },
    { name: 'Any keyword', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 22),
      rules: [rule('any', 100, { sourceAddresses: ['Any'] })], access: 'Allow', ruleName: 'securityRules/any' },
    { name: 'Internet tag holds a public address', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 443),
      rules: [rule('web', 100, { sourceAddresses: ['Internet'], destinationPorts: ['443'] })], access: 'Allow', ruleName: 'securityRules/web' },
    { name: 'Internet tag does not hold a VNet address', direction: 'Inbound', flow: flow('10.0.5.5', '10.0.0.4', 443),
      rules: [rule('deny-internet', 100, { access: 'Deny', sourceAddresses: ['Internet'] })], access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'VirtualNetwork tag is case-insensitive', direction: 'Inbound', flow: flow('10.0.5.5', '10.0.0.4', 443),
      rules: [rule('deny-vnet', 100, { access: 'Deny', sourceAddresses: ['virtualnetwork'] })], access: 'Deny', ruleName: 'securityRules/deny-vnet' },
    { name: 'a tag given as prefixes', direction: 'Outbound', flow: flow('10.0.0.4', '20.50.1.1', 443),
      rules: [rule('no-monitor', 100, { direction: 'Outbound', access: 'Deny', destinationAddresses: ['AzureMonitor'] })], access: 'Deny', ruleName: 'securityRules/no-monitor' },
    { name: 'an unknown tag matches nothing', direction: 'Outbound', flow: flow('10.0.0.4', '20.60.1.1', 443),
      rules: [rule('no-storage', 100, { direction: 'Outbound', access: 'Deny', destinationAddresses: ['Storage.WestEurope'] })],
      access: 'Allow', ruleName: 'defaultSecurityRules/AllowInternetOutBound' },
    { name: 'port list 80,443 holds 443', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 443),
      rules: [rule('web', 100, { destinationPorts: ['80', '443'] })], access: 'Allow', ruleName: 'securityRules/web' },
    { name: 'port range holds its ends', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 2000),
      rules: [rule('range', 100, { destinationPorts: ['1000-2000'] })], access: 'Allow', ruleName: 'securityRules/range' },
    { name: 'port range excludes the next port', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', 2001),
      rules: [rule('range', 100, { destinationPorts: ['1000-2000'] })], access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'unknown port (*) only matches any-port rules', direction: 'Inbound', flow: flow('198.51.100.1', '10.0.0.4', null),
      rules: [rule('web', 100, { destinationPorts: ['80'] }), rule('all', 200, { destinationPorts: ['0-65535'] })], access: 'Allow', ruleName: 'securityRules/all' },
    { name: 'ASG with no known member matches nothing', direction: 'Inbound', flow: flow('10.0.5.5', '10.0.0.4', 22),
      rules: [rule('asg', 100, { access: 'Deny', sourceAddresses: [], sourceAsgIds: ['/asg/web'] })], access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateNsg(nsg('n', c.rules), c.direction, c.flow, CTX);
      assert.equal(v.access, c.access);
      assert.equal(v.ruleName, c.ruleName);
    });
  }
  it('unknown tags and ASGs leave a note and a note step', () => {
    const t = new RecordingTracer();
    const v = evaluateNsg(nsg('n', [rule('asg', 100, { sourceAddresses: ['AzureCloud'], sourceAsgIds: ['/x/asg/web'] })]), 'Inbound',
      flow('10.0.5.5', '10.0.0.4', 22), CTX, t);
    assert.deepEqual(v.notes, [
      'securityRules/asg: source service tag AzureCloud has no known prefixes; treated as matching nothing',
      'securityRules/asg: source application security group web has no known member; treated as matching nothing',
    ]);
    assert.deepEqual(t.steps.map((s) => `${s.type}/${s.action}`), ['note/info', 'note/info', 'nsg/allow']);
  });
  it('an address outside the known members of a partly unknown ASG: no match, and a note naming why', () => {
    const ctx = makeNsgContext({ virtualNetwork: VNET, asgMembers: new Map([['/x/asg/web', IpSet.fromIp(ip('10.0.5.5'))]]),
      asgUnknown: new Map([['/x/asg/web', 'membership depends on addresses the input does not give: NIC b']]) });
    const v = evaluateNsg(nsg('n', [rule('asg', 100, { access: 'Deny', sourceAddresses: [], sourceAsgIds: ['/x/asg/web'] })]), 'Inbound',
      flow('10.0.5.6', '10.0.0.4', 22), ctx);
    assert.equal(v.ruleName, 'defaultSecurityRules/AllowVnetInBound');
    assert.deepEqual(v.notes, ['securityRules/asg: source application security group web: membership depends on addresses the input does not give: NIC b; 10.0.5.6 is not a known member']);
  });
  it('a known ASG membership matches', () => {
    const ctx = makeNsgContext({ virtualNetwork: VNET, asgMembers: new Map([['/X/ASG/WEB', IpSet.fromIp(ip('10.0.5.5'))]]) });
    const v = evaluateNsg(nsg('n', [rule('asg', 100, { access: 'Deny', sourceAddresses: [], sourceAsgIds: ['/x/asg/web'] })]), 'Inbound',
      flow('10.0.5.5', '10.0.0.4', 22), ctx);
    assert.equal(v.ruleName, 'securityRules/asg');
  });
});

describe('evaluateNsg: platform exception and missing NSG', () => {
  it('outbound DNS to 168.63.129.16 passes a deny-all rule (platform exception)', () => {
    const v = evaluateNsg(nsg('n', [rule('deny-all-out', 100, { direction: 'Outbound', access: 'Deny' })]), 'Outbound',
      flow('10.0.0.4', '168.63.129.16', 53, 'UDP'), CTX);
    assert.deepEqual([v.access, v.decidedBy, v.ruleName], ['Allow', 'platform', '']);
  });
  it('IMDS is not filtered by a deny-all rule', () => {
    const v = evaluateNsg(nsg('n', [rule('deny-all-out', 100, { direction: 'Outbound', access: 'Deny' })]), 'Outbound',
      flow('10.0.0.4', '169.254.169.254', 80), CTX);
    assert.equal(v.decidedBy, 'platform');
  });
  it('a rule naming AzurePlatformIMDS does filter IMDS', () => {
    const v = evaluateNsg(nsg('n', [rule('no-imds', 100, { direction: 'Outbound', access: 'Deny', destinationAddresses: ['AzurePlatformIMDS'] })]),
      'Outbound', flow('10.0.0.4', '169.254.169.254', 80), CTX);
    assert.deepEqual([v.access, v.ruleName], ['Deny', 'securityRules/no-imds']);
  });
  it('denying AzureLoadBalancer blocks health probes', () => {
    const v = evaluateNsg(nsg('n', [rule('no-probes', 100, { access: 'Deny', sourceAddresses: ['AzureLoadBalancer'] })]), 'Inbound',
      flow('168.63.129.16', '10.0.0.4', 80), CTX);
    assert.deepEqual([v.access, v.ruleName], ['Deny', 'securityRules/no-probes']);
  });
  it('a user deny-all inbound above AllowAzureLoadBalancerInBound fails health probes (no platform exception inbound)', () => {
    const v = evaluateNsg(nsg('n', [rule('deny-all-in', 4096, { access: 'Deny' })]), 'Inbound', flow('168.63.129.16', '10.0.0.4', 31000), CTX);
    assert.deepEqual([v.access, v.decidedBy, v.ruleName], ['Deny', 'rule', 'securityRules/deny-all-in']);
  });
  it('an allow of AzureLoadBalancer above the deny-all lets probes through', () => {
    const v = evaluateNsg(nsg('n', [rule('probes', 100, { sourceAddresses: ['AzureLoadBalancer'] }), rule('deny-all-in', 4096, { access: 'Deny' })]),
      'Inbound', flow('168.63.129.16', '10.0.0.4', 31000), CTX);
    assert.deepEqual([v.access, v.ruleName], ['Allow', 'securityRules/probes']);
  });
  it('no NSG allows and records a skip step', () => {
    const t = new RecordingTracer();
    const v = evaluateNsg(undefined, 'Inbound', flow('203.0.113.5', '10.0.0.4', 22), CTX, t);
    assert.deepEqual([v.access, v.decidedBy, v.ruleName, v.nsgId], ['Allow', 'no-nsg', '', undefined]);
    assert.equal(t.steps[0].action, 'skip');
  });
});

describe('evaluateNsgPath: order of levels', () => {
  const subnet = nsg('subnet', [rule('subnet-allow-22', 100, { destinationPorts: ['22'] })]);
  const nicDeny = nsg('nic', [rule('nic-deny-22', 100, { access: 'Deny', destinationPorts: ['22'] }),
    rule('nic-deny-out', 100, { direction: 'Outbound', access: 'Deny' })]);
  const subnetDenyOut = nsg('subnet2', [rule('subnet-deny-out', 100, { direction: 'Outbound', access: 'Deny' })]);
  it('inbound: subnet first, then NIC; a NIC deny decides', () => {
    const t = new RecordingTracer();
    const v = evaluateNsgPath({ subnet, nic: nicDeny }, 'Inbound', flow('203.0.113.5', '10.0.0.4', 22), CTX, t);
    assert.deepEqual([v.access, v.ruleName, v.nsgId], ['Deny', 'securityRules/nic-deny-22', '/nsg/nic']);
    assert.deepEqual(v.stages.map((s) => s.level), ['subnet', 'nic']);
    assert.deepEqual(t.steps.map((s) => s.resource), ['/nsg/subnet', '/nsg/nic']);
  });
  it('outbound: NIC first; its deny stops evaluation before the subnet', () => {
    const v = evaluateNsgPath({ subnet: subnetDenyOut, nic: nicDeny }, 'Outbound', flow('10.0.0.4', '8.8.8.8', 443), CTX);
    assert.deepEqual([v.access, v.ruleName], ['Deny', 'securityRules/nic-deny-out']);
    assert.deepEqual(v.stages.map((s) => s.level), ['nic']);
  });
  it('outbound: the subnet deny decides when the NIC has no NSG', () => {
    const v = evaluateNsgPath({ subnet: subnetDenyOut }, 'Outbound', flow('10.0.0.4', '8.8.8.8', 443), CTX);
    assert.deepEqual([v.access, v.ruleName, v.stages.map((s) => s.verdict.decidedBy)], ['Deny', 'securityRules/subnet-deny-out', ['no-nsg', 'rule']]);
  });
  it('both allow: the rule of the last NSG evaluated is reported', () => {
    const nicAllow = nsg('nic', []);
    const v = evaluateNsgPath({ subnet, nic: nicAllow }, 'Inbound', flow('10.0.1.4', '10.0.0.4', 22), CTX);
    assert.deepEqual([v.access, v.ruleName, v.nsgId], ['Allow', 'defaultSecurityRules/AllowVnetInBound', '/nsg/nic']);
  });
  it('no NSG at either level: Allow with no rule', () => {
    const v = evaluateNsgPath({}, 'Inbound', flow('203.0.113.5', '10.0.0.4', 22), CTX);
    assert.deepEqual([v.access, v.ruleName, v.nsgId], ['Allow', '', undefined]);
  });
  it('stateful: the reply of an allowed flow is allowed without rules, of a denied flow is not', () => {
    const f = flow('203.0.113.5', '10.0.0.4', 22);
    const ok = evaluateNsgPath({ subnet }, 'Inbound', f, CTX);
    const t = new RecordingTracer();
    assert.equal(returnTrafficVerdict(ok, reverseFlow(f), t), 'Allow');
    assert.equal(t.steps[0].rule, 'stateful');
    const denied = evaluateNsgPath({ subnet: nsg('s', []) }, 'Inbound', f, CTX);
    assert.equal(returnTrafficVerdict(denied, reverseFlow(f)), 'Deny');
  });
});

describe('lintNsg', () => {
  it('reports each problem once with its code and the rule origin', () => {
    const n = nsg('n', [
      rule('a', 100, { sourceAddresses: ['AzureMonitor', 'Sql.EastUS', '10.0.0.0/33x'], destinationPorts: ['80-70', '99999'] }),
      rule('b', 100, { sourceAsgIds: ['/x/asg/web'] }),
      rule('c', 5000, { destinationAddresses: [] }),
    ]);
    const codes = lintNsg(n, CTX).map((d) => `${d.code}:${d.message.split(':')[0]}`);
    assert.deepEqual(codes, [
      `${PACKET_CODES.UNKNOWN_SERVICE_TAG}:NSG n rule a`,
      `${PACKET_CODES.INVALID_ADDRESS_ENTRY}:NSG n rule a`,
      `${PACKET_CODES.INVALID_PORT_ENTRY}:NSG n rule a`,
      `${PACKET_CODES.INVALID_PORT_ENTRY}:NSG n rule a`,
      `${PACKET_CODES.DUPLICATE_PRIORITY}:NSG n rule b`,
      `${PACKET_CODES.ASG_NO_MEMBERS}:NSG n rule b`,
      `${PACKET_CODES.PRIORITY_OUT_OF_RANGE}:NSG n rule c`,
      `${PACKET_CODES.EMPTY_ADDRESS_LIST}:NSG n rule c`,
    ]);
    assert.ok(lintNsg(n, CTX).every((d) => d.origin === O));
  });
  const asgCases: { name: string; ctx: Parameters<typeof lintNsg>[1]; want: string[] }[] = [
    { name: 'ASG with known members only: nothing to say', want: [],
      ctx: makeNsgContext({ virtualNetwork: VNET, asgMembers: new Map([['/x/asg/web', IpSet.fromIp(ip('10.0.5.5'))]]) }) },
    { name: 'ASG with no member: info AKS4008', want: [`${PACKET_CODES.ASG_NO_MEMBERS} info`], ctx: CTX },
    { name: 'ASG with a member of unknown address: info AKS4002 naming the member', want: [`${PACKET_CODES.ASG_MEMBERSHIP_UNKNOWN} info`],
      ctx: makeNsgContext({ virtualNetwork: VNET, asgUnknown: new Map([['/x/asg/web', 'membership depends on addresses the input does not give: NIC a']]) }) },
    { name: 'ASG not among the ASGs of the input: warning AKS4009', want: [`${PACKET_CODES.ASG_NOT_IN_INPUT} warning`],
      ctx: makeNsgContext({ virtualNetwork: VNET, asgsInInput: new Set(['/x/asg/other']) }) },
  ];
  for (const c of asgCases) {
    it(c.name, () => {
      const n = nsg('n', [rule('b', 100, { sourceAddresses: [], sourceAsgIds: ['/X/ASG/WEB'] })]);
      assert.deepEqual(lintNsg(n, c.ctx).map((d) => `${d.code} ${d.severity}`), c.want);
    });
  }
  it('a clean NSG has no diagnostics', () => {
    assert.deepEqual(lintNsg(nsg('n', [rule('a', 100, { sourceAddresses: ['VirtualNetwork', '10.1.0.0/16'], destinationPorts: ['80', '8000-8080'] })]), CTX), []);
  });
});
