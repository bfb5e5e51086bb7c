import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseIp } from '../../engines/net/index.js';
import { main } from '../main.js';
import { parseServiceTags } from './ipflow.js';

const NPM = 'examples/azure-cni-npm';
const LB = 'src/questions/ipflow/fixtures/lb';
const TAGS = 'src/questions/ipflow/fixtures/tags';
const SM = 'examples/self-managed-calico-udr';
const NODE0 = 'aks-nodepool1-00000000-vmss000000';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t.endsWith('\n') ? t : t + '\n'; }, err: (t) => { err += t.endsWith('\n') ? t : t + '\n'; } });
  return { code, out, err };
}
function flow(direction: string, local: string, remote: string, vm = NODE0, protocol = 'TCP'): string[] {
  return ['--vm', vm, '--direction', direction, '--protocol', protocol, '--local', local, '--remote', remote];
}

describe('aksnet ipflow', () => {
  const cases: { name: string; args: string[]; code: number; access: string; rule: string }[] = [
    { name: 'SSH from the Internet: the subnet NSG user deny', args: ['ipflow', NPM, ...flow('Inbound', '10.10.0.4:22', '203.0.113.5:50000')],
      code: 1, access: 'Deny', rule: 'securityRules/DenySshRdpFromInternet' },
    { name: 'HTTP from the Internet, no LoadBalancer Service: the node NSG denies', args: ['ipflow', NPM, ...flow('Inbound', '10.10.0.4:80', '203.0.113.5:50000')],
      code: 1, access: 'Deny', rule: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'HTTP from an allowed source range of a LoadBalancer Service', args: ['ipflow', NPM, LB, ...flow('Inbound', '10.10.0.4:80', '198.51.100.7:50000')],
      code: 0, access: 'Allow', rule: 'securityRules/a-web-frontend-TCP-80-198.51.100.0_24' },
    { name: 'HTTP from outside the source ranges', args: ['ipflow', NPM, LB, ...flow('Inbound', '10.10.0.4:80', '203.0.113.5:50000')],
      code: 1, access: 'Deny', rule: 'defaultSecurityRules/DenyAllInBound' },
    { name: 'VNet traffic inbound: AllowVnetInBound (NIC NSG decides last)', args: ['ipflow', NPM, ...flow('Inbound', '10.10.0.4:22', '10.10.1.9:40000')],
      code: 0, access: 'Allow', rule: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'outbound to the Internet', args: ['ipflow', NPM, ...flow('Outbound', '10.10.0.4:40000', '8.8.8.8:443')],
      code: 0, access: 'Allow', rule: 'defaultSecurityRules/AllowInternetOutBound' },
    // Probes are filtered like other inbound traffic; the host VIP is part of VirtualNetwork (service-tags-overview),
    // so AllowVnetInBound (65000) matches before AllowAzureLoadBalancerInBound (65001).
    { name: 'health probe from the host VIP', args: ['ipflow', NPM, ...flow('Inbound', '10.10.0.4:10256', '168.63.129.16:40000')],
      code: 0, access: 'Allow', rule: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'a target by IP address, UDP, lower-case flags', args: ['ipflow', NPM, ...flow('inbound', '10.10.0.35:53', '10.10.0.4:40000', '10.10.0.35', 'udp')],
      code: 0, access: 'Allow', rule: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'a subnet target has no NIC NSG: the subnet rule decides', args: ['ipflow', NPM, ...flow('Inbound', '10.10.0.200:443', '203.0.113.5:50000', 'snet-nodes')],
      code: 0, access: 'Allow', rule: 'securityRules/AllowHttpHttpsInbound' },
    { name: 'a subnet without NSG: allowed, no rule', args: ['ipflow', NPM, ...flow('Inbound', '10.10.1.10:443', '203.0.113.5:50000', 'vnet-aks/snet-ilb')],
      code: 0, access: 'Allow', rule: '' },
    { name: 'self-managed node: office SSH allowed by the subnet NSG', args: ['ipflow', SM, ...flow('Inbound', '10.0.0.7:22', '203.0.113.9:50000', 'workers-0')],
      code: 0, access: 'Allow', rule: 'securityRules/allow-ssh-office' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run([...c.args, '--format', 'json']);
      assert.equal(r.code, c.code, r.err);
      const j = JSON.parse(r.out) as { access: string; ruleName: string; nsgId: string | null; steps: unknown[] };
      assert.equal(j.access, c.access);
      assert.equal(j.ruleName, c.rule);
      assert.ok(j.steps.length >= 1, 'at least one step');
    });
  }
  it('text output starts with the two Network Watcher lines', async () => {
    const r = await run(['ipflow', NPM, ...flow('Inbound', '10.10.0.4:22', '203.0.113.5:50000')]);
    assert.match(r.out, /^Access: Deny\nRule name: securityRules\/DenySshRdpFromInternet\nNSG: \/subscriptions\/.*\/networksecuritygroups\/nsg-snet-nodes\n/);
    assert.match(r.out, /Steps:\n {2}1\. nsg deny securityRules\/DenySshRdpFromInternet: .*\(examples\/azure-cni-npm\/nsg\.json:\d+:\d+\)/);
  });
  it('output is identical across runs', async () => {
    const a = await run(['ipflow', NPM, LB, ...flow('Inbound', '10.10.0.4:80', '198.51.100.7:50000')]);
    const b = await run(['ipflow', NPM, LB, ...flow('Inbound', '10.10.0.4:80', '198.51.100.7:50000')]);
    assert.equal(a.out, b.out);
  });
  it('an unknown service tag matches nothing (warning AKS4001 with line:column); --service-tag gives it prefixes', async () => {
    const args = ['ipflow', TAGS, ...flow('Outbound', '10.20.1.4:40000', '20.1.2.3:443', 'apps'), '--format', 'json'];
    const without = await run(args);
    assert.equal(without.code, 0);
    assert.equal((JSON.parse(without.out) as { ruleName: string }).ruleName, 'defaultSecurityRules/AllowInternetOutBound');
    assert.match(without.err, /network\.yaml:15:11: warning AKS4001 NSG apps-nsg rule deny-monitor: destination service tag AzureMonitor/);
    const withTag = await run([...args, '--service-tag', 'AzureMonitor=20.0.0.0/8']);
    assert.equal(withTag.code, 1);
    assert.equal((JSON.parse(withTag.out) as { ruleName: string }).ruleName, 'securityRules/deny-monitor');
    assert.doesNotMatch(withTag.err, /AKS4001/);
  });
  const usage: { name: string; args: string[]; msg: RegExp }[] = [
    { name: 'unknown vm', args: flow('Inbound', '10.10.0.4:22', '1.2.3.4:5', 'nope'), msg: /--vm nope: not a node/ },
    { name: 'local outside the subnet', args: flow('Inbound', '10.10.1.4:22', '1.2.3.4:5'), msg: /--local 10\.10\.1\.4 is not inside subnet snet-nodes/ },
    { name: 'bad direction', args: flow('Sideways', '10.10.0.4:22', '1.2.3.4:5'), msg: /--direction must be one of Inbound, Outbound/ },
    { name: 'bad protocol', args: flow('Inbound', '10.10.0.4:22', '1.2.3.4:5', NODE0, 'ICMP'), msg: /--protocol must be one of TCP, UDP/ },
    { name: 'bad endpoint', args: flow('Inbound', '10.10.0.4', '1.2.3.4:5'), msg: /--local: '10\.10\.0\.4' is not ip:port/ },
    { name: 'bad service tag', args: [...flow('Inbound', '10.10.0.4:22', '1.2.3.4:5'), '--service-tag', 'X'], msg: /expected NAME=CIDR/ },
  ];
  for (const u of usage) {
    it(`usage error: ${u.name} (exit 2)`, async () => {
      const r = await run(['ipflow', NPM, ...u.args]);
      assert.equal(r.code, 2);
      assert.match(r.err, u.msg);
      assert.equal(r.out, '');
    });
  }
  it('a missing required flag is a usage error', async () => {
    const r = await run(['ipflow', NPM, '--vm', NODE0]);
    assert.equal(r.code, 2);
  });
});

describe('parseServiceTags', () => {
  it('merges repeated names case-insensitively', () => {
    const r = parseServiceTags(['AzureMonitor=20.0.0.0/8', 'azuremonitor=30.0.0.1', 'Storage.WestEurope=40.0.0.0/16,41.0.0.0/16']);
    assert.ok(typeof r !== 'string', 'parses');
    assert.equal(r.get('azuremonitor')?.toString(), '20.0.0.0/8, 30.0.0.1/32');
    assert.equal(r.get('storage.westeurope')?.contains(parseIp('41.0.1.1')!), true);
  });
  const bad: string[] = ['X', '=1.2.3.4', 'X=', 'X=1.2.3', '9X=1.2.3.4', 'X Y=1.2.3.4'];
  for (const b of bad) it(`rejects '${b}'`, () => assert.equal(typeof parseServiceTags([b]), 'string'));
  it('never throws (fuzz)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }), (vs) => {
      const r = parseServiceTags(vs);
      assert.ok(typeof r === 'string' || r instanceof Map, 'reason or a map');
    }));
  });
});
