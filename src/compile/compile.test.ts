import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadModel } from '../cli/pipeline.js';
import { deriveNodes } from '../derive/nodes.js';
import { planPodAddresses } from '../derive/pods.js';
import { compareGolden } from '../testing/golden.js';
import { compileNode, type CompileEngine } from './index.js';
import { ipblockMembers } from './nets.js';
import { parseCidr, IpSet } from '../engines/net/index.js';

function placed(dir: string) {
  const { model } = loadModel([dir]);
  const plan = planPodAddresses(model, deriveNodes(model));
  return { model, pods: plan.pods, nodes: plan.nodes.map((n) => n.name) };
}

const EXAMPLES: { dir: string; node: string }[] = [
  { dir: 'examples/kubenet-calico', node: 'aks-nodepool1-00000000-vmss000000' },
  { dir: 'examples/cilium', node: '' },
  { dir: 'examples/self-managed-calico-udr', node: '' },
];
const ENGINES: CompileEngine[] = ['azure-npm', 'calico'];

describe('compile goldens', () => {
  for (const ex of EXAMPLES) for (const engine of ENGINES) for (const mode of ['transparent', 'bridge'] as const) {
    const name = `${ex.dir.split('/')[1]}.${engine}.${mode}`;
    it(name, () => {
      const { model, pods, nodes } = placed(ex.dir);
      const node = ex.node || nodes.find((n) => pods.some((p) => p.nodeName === n && !p.hostNetwork)) || nodes[0];
      const out = compileNode(model, pods, engine, node, { mode });
      const g1 = compareGolden(`test/compile/${name}.iptables`, out.iptablesSave);
      assert.ok(g1.ok, g1.diff);
      const g2 = compareGolden(`test/compile/${name}.ipset`, out.ipsetRestore);
      assert.ok(g2.ok, g2.diff);
    });
  }
});

describe('compile output shape', () => {
  const { model, pods } = placed('examples/kubenet-calico');
  const node = 'aks-nodepool1-00000000-vmss000000';
  it('podInterface names are used in Calico dispatch and reported', () => {
    const out = compileNode(model, pods, 'calico', node, { mode: 'transparent', podInterface: (p) => `veth-${p.name}`.slice(0, 15) });
    assert.deepEqual(out.interfaces, [{ pod: 'backend/backend-0', name: 'veth-backend-0', ip: '10.244.0.2' }]);
    assert.match(out.iptablesSave, /^-A cali-from-wl-dispatch -i veth-backend-0 .*-g cali-fw-veth-backend-0$/m);
    assert.equal(out.scope, 'local-endpoints');
  });
  it('bridge mode dispatches by address', () => {
    const out = compileNode(model, pods, 'calico', node, { mode: 'bridge' });
    assert.match(out.iptablesSave, /^-A cali-to-wl-dispatch -d 10\.244\.0\.2\/32 /m);
  });
  it('NPM hooks FORWARD for NEW connections and uses masked marks', () => {
    const out = compileNode(model, pods, 'azure-npm', node);
    assert.match(out.iptablesSave, /^-A FORWARD -m conntrack --ctstate NEW .*-j AZURE-NPM$/m);
    assert.match(out.iptablesSave, /^-A AZURE-NPM-INGRESS -m mark --mark 0x400\/0x400 .*-j DROP$/m);
    assert.match(out.iptablesSave, /^-A AZURE-NPM-ACCEPT -j MARK --set-xmark 0x0\/0xe00/m);
    assert.equal(out.scope, 'cluster');
  });
  it('an invalid interface name is an error diagnostic and the default name is used', () => {
    const out = compileNode(model, pods, 'calico', node, { podInterface: () => 'this name is far too long' });
    assert.ok(out.diagnostics.some((d) => d.code === 'AKS3705'), JSON.stringify(out.diagnostics));
    assert.match(out.interfaces[0]?.name ?? '', /^cali[0-9a-f]{11}$/);
  });
  it('an unknown node is AKS3700', () => {
    const out = compileNode(model, pods, 'azure-npm', 'nope');
    assert.ok(out.diagnostics.some((d) => d.code === 'AKS3700'));
    assert.deepEqual(out.interfaces, []);
  });
});

describe('ipblockMembers', () => {
  const c = (s: string) => parseCidr(s)!.cidr;
  const cases: { cidr: string; except: string[]; want: string[] }[] = [
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'], want: ['10.0.0.0/16', '10.0.1.0/24 nomatch'] },
    { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'], want: ['0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8 nomatch'] },
    { cidr: '10.0.0.0/24', except: [], want: ['10.0.0.0/24'] },
  ];
  for (const t of cases) {
    it(`${t.cidr} except ${t.except.join(',') || '-'}`, () => {
      const set = IpSet.fromCidr(c(t.cidr)).subtract(IpSet.fromCidrs(t.except.map(c)));
      assert.deepEqual(ipblockMembers(c(t.cidr), t.except.map(c), set), t.want);
    });
  }
});

describe('compile never throws', () => {
  it('on any node name and interface namer', () => {
    const { model, pods } = placed('examples/kubenet-calico');
    fc.assert(fc.property(fc.string(), fc.string(), fc.constantFrom<CompileEngine>('azure-npm', 'calico'), fc.constantFrom('bridge' as const, 'transparent' as const),
      (node, iface, engine, mode) => {
        const out = compileNode(model, pods, engine, node, { mode, podInterface: () => iface });
        assert.ok(out.iptablesSave.includes('*filter\n') && out.iptablesSave.trimEnd().endsWith('COMMIT'), 'a filter table');
      }), { numRuns: 50 });
  });
});

// Loads the output into the kernel inside a throwaway network namespace (root and iptables/ipset needed).
function kernelSkip(): string | false {
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace';
  for (const tool of ['ip', 'iptables-restore', 'ipset']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  return false;
}

describe('compiled output loads in the kernel', () => {
  const skip = kernelSkip();
  if (skip) console.log(`# SKIP kernel load tests: ${skip}`);
  for (const ex of EXAMPLES) for (const engine of ENGINES) for (const mode of ['transparent', 'bridge'] as const) {
    it(`${ex.dir} ${engine} ${mode}: ipset restore + iptables-restore in a netns`, { skip }, () => {
      const { model, pods, nodes } = placed(ex.dir);
      const node = ex.node || nodes.find((n) => pods.some((p) => p.nodeName === n && !p.hostNetwork)) || nodes[0];
      const out = compileNode(model, pods, engine, node, { mode });
      const ns = `aksnet-compile-${randomBytes(4).toString('hex')}`;
      execFileSync('ip', ['netns', 'add', ns]);
      try {
        execFileSync('ip', ['netns', 'exec', ns, 'ipset', 'restore'], { input: out.ipsetRestore });
        execFileSync('ip', ['netns', 'exec', ns, 'iptables-restore'], { input: out.iptablesSave });
        const saved = execFileSync('ip', ['netns', 'exec', ns, 'iptables-save', '-t', 'filter'], { encoding: 'utf8' });
        const want = out.iptablesSave.split('\n').filter((l) => l.startsWith('-A ')).length;
        const got = saved.split('\n').filter((l) => l.startsWith('-A ')).length;
        assert.equal(got, want, 'every rule is in the kernel');
        const sets = execFileSync('ip', ['netns', 'exec', ns, 'ipset', 'list', '-n'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
        assert.equal(sets.length, out.ipsets.length, 'every ipset is in the kernel');
      } finally {
        execFileSync('ip', ['netns', 'del', ns]);
      }
    });
  }
});

describe('calico: policies in the tiers the policy engine uses', () => {
  const { model } = loadModel(['test/e2e-upstream/base', 'test/lab/calico-native']);
  const plan = planPodAddresses(model, deriveNodes(model));
  const out = compileNode(model, plan.pods, 'calico', 'node-1', { mode: 'transparent' });
  const lines = out.iptablesSave.split('\n');
  /** The tier-start comments of the endpoint chain that jumps to the policy chain with this comment, in order. */
  function tiersBefore(policyComment: string): string[] {
    const pc = lines.find((l) => l.includes(policyComment))?.split(' ')[1] ?? '';
    const jump = lines.find((l) => l.endsWith(`-j ${pc}`) && /^-A cali-[tf]w-/.test(l)) ?? '';
    const chain = jump.split(' ')[1] ?? '';
    const own = lines.filter((l) => l.startsWith(`-A ${chain} `));
    return own.slice(0, own.indexOf(jump)).map((l) => /Start of tier (\S+)"/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
  }
  const cases: { name: string; policy: string; lastTier: string }[] = [
    { name: 'a GlobalNetworkPolicy without a tier is in default', policy: 'GlobalNetworkPolicy x-from-y ingress rule #1', lastTier: 'CalicoTier:default' },
    { name: 'a Kubernetes NetworkPolicy is in default', policy: 'NetworkPolicy x/a-from-z ingress rule #1', lastTier: 'CalicoTier:default' },
    { name: 'a policy of tier security (order 100) is in security', policy: 'GlobalNetworkPolicy security.quarantine-c ingress rule #1', lastTier: 'CalicoTier:security' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tiers = tiersBefore(c.policy);
      assert.equal(tiers[tiers.length - 1], c.lastTier, tiers.join(' > '));
    });
  }
  it('tier security (defaultAction Pass) ends without a drop; platform and default (Deny) end with one', () => {
    assert.ok(!out.iptablesSave.includes('End of tier CalicoTier:security'));
    assert.match(out.iptablesSave, /End of tier CalicoTier:platform\. Drop/);
    assert.match(out.iptablesSave, /End of tier CalicoTier:default\. Drop/);
  });
  it('notPorts: the rule jumps to its own chain, which returns for port 81 before it allows', () => {
    const jump = lines.find((l) => l.includes('platform.z-egress egress rule #1"') && / -j cali-pr-/.test(l));
    assert.ok(jump, 'a jump to the rule chain');
    const target = jump.split(' -j ')[1] ?? '';
    const own = lines.filter((l) => l.startsWith(`-A ${target} `));
    assert.equal(own.length, 2);
    assert.match(own[0] ?? '', /-p tcp -m tcp --dport 81 .*-j RETURN$/);
    assert.match(own[1] ?? '', /-j MARK --set-xmark 0x10000\/0x10000$/);
  });
  it('azure-npm compiles only the Kubernetes NetworkPolicy and reports the Calico ones as ignored (AKS3703)', () => {
    const npm = compileNode(model, plan.pods, 'azure-npm', 'node-1', { mode: 'bridge' });
    assert.ok(npm.diagnostics.some((d) => d.code === 'AKS3703' && d.message.includes('GlobalNetworkPolicy x-from-y')));
    assert.match(npm.iptablesSave, /INGRESS-POLICY-x\/a-from-z/);
    assert.doesNotMatch(npm.iptablesSave, /x-from-y|z-egress|quarantine|y-ingress/);
  });
});
