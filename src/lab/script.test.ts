// The commands that build a lab: every mode's node and pod wiring, veths created directly in lab namespaces, names
// within 15 characters, nothing addressed to the host's own namespace.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadModel } from '../cli/pipeline.js';
import { emptyModel } from '../model/model.js';
import { parseCidr, parseIp } from '../engines/net/index.js';
import type { Pod } from '../model/k8s.js';
import { fullArgv } from './exec.js';
import { attachMode, buildPhases, deleteNamespaces, labNamespaces } from './script.js';
import { labTopology, type LabMode, LAB_MODES } from './topology.js';
import { planLab } from './run.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ORIGIN = { file: 't.yaml', line: 1, column: 1 };
function pod(name: string, ip: string, node: string): Pod {
  return {
    namespace: 'x', name, labels: {}, ports: [], hostNetwork: false, serviceAccount: 'default', workload: { kind: 'Pod', name },
    origin: ORIGIN, ip: parseIp(ip), nodeName: node,
  };
}

function topo(mode: LabMode) {
  const c1 = parseCidr('10.244.0.0/24')?.cidr;
  const c2 = parseCidr('10.244.1.0/24')?.cidr;
  assert.ok(c1 && c2);
  const nodes = [
    { name: 'n1', ip: parseIp('10.240.0.4'), range: { kind: 'pod-cidr' as const, cidr: c1 }, maxPods: 30, virtual: false },
    { name: 'n2', ip: parseIp('10.240.0.5'), range: { kind: 'pod-cidr' as const, cidr: c2 }, maxPods: 30, virtual: false },
  ];
  const pods = [pod('a', '10.244.0.2', 'n1'), pod('b', '10.244.0.3', 'n1'), pod('c', '10.244.1.2', 'n2')];
  return labTopology({ model: emptyModel(), pods, nodes }, mode, 'ak00aa');
}

/** Every line the phases send to `ip -batch`, with the namespace they run in. */
function lines(mode: LabMode): string[] {
  const out: string[] = [];
  for (const ph of buildPhases(topo(mode))) {
    for (const c of ph.commands) {
      const argv = fullArgv(c);
      const where = argv.includes('-n') ? argv[argv.indexOf('-n') + 1] : c.netns ?? 'host';
      if (c.input) for (const l of c.input.trim().split('\n')) out.push(`${where}: ${l}`);
      else out.push(`${where}: ${c.argv.join(' ')}`);
    }
  }
  return out;
}

test('attachMode: bridge, kubenet and flannel attach pods to a bridge, transparent, overlay and canal route them', () => {
  const want: Record<LabMode, string> = {
    bridge: 'bridge', kubenet: 'bridge', flannel: 'bridge', transparent: 'transparent', overlay: 'transparent', canal: 'transparent',
  };
  for (const m of LAB_MODES) assert.equal(attachMode(m), want[m], m);
});

test('every mode: namespaces first, veths created directly inside lab namespaces, host only runs ip batches', () => {
  for (const mode of LAB_MODES) {
    const t = topo(mode);
    const ls = lines(mode);
    assert.ok(ls[0]?.startsWith('host: netns add ak00aa-'), `${mode}: namespaces come first`);
    for (const l of ls.filter((x) => x.startsWith('host: '))) {
      assert.match(l, /^host: (netns add ak00aa-\S+|link add eth0 netns ak00aa-\S+( address \S+)? type veth peer name \S+ netns ak00aa-\S+( address \S+)?)$/, `${mode}: ${l}`);
    }
    assert.deepEqual(labNamespaces(t), ['ak00aa-vn', 'ak00aa-n0', 'ak00aa-n1', 'ak00aa-p0', 'ak00aa-p1', 'ak00aa-p2']);
    for (const l of ls) for (const m of l.matchAll(/(?:dev|name|master) (\S+)/g)) assert.ok((m[1] ?? '').length <= 15, `${mode}: ${m[1]}`);
  }
});

test('per-mode wiring (table of characteristic lines)', () => {
  const want: Record<LabMode, string[]> = {
    bridge: [
      'ak00aa-n0: link add azure0 address 0a:58:0a:f0:00:04 type bridge', 'ak00aa-n0: link set eth0 master azure0', 'ak00aa-n0: link set azv0 master azure0',
      'ak00aa-n0: addr add 10.240.0.4/32 dev azure0', 'ak00aa-p0: route add 10.244.0.3/32 dev eth0 scope link',
      'ak00aa-p0: route add default via 169.254.0.1 dev eth0', 'ak00aa-n0: sysctl -q -w net.bridge.bridge-nf-call-iptables=1',
      'ak00aa-vn: route add 10.244.0.2/32 dev n0 scope link',
    ],
    transparent: [
      'ak00aa-n0: route add 10.244.0.2/32 dev azv0 scope link', 'ak00aa-p0: route add default via 169.254.1.1 dev eth0',
      'ak00aa-p0: neigh add 169.254.1.1 lladdr ee:ee:ee:ee:ee:ee dev eth0 nud permanent',
      'ak00aa-vn: route add 10.244.0.2/32 via 10.240.0.4 dev n0 onlink',
    ],
    kubenet: [
      'ak00aa-n0: link add cbr0 address 0a:58:0a:f4:00:01 type bridge', 'ak00aa-n0: addr add 10.244.0.1/24 dev cbr0', 'ak00aa-p0: addr add 10.244.0.2/24 dev eth0',
      'ak00aa-p0: route add default via 10.244.0.1 dev eth0', 'ak00aa-vn: route add 10.244.1.0/24 via 10.240.0.5 dev n1 onlink',
    ],
    overlay: [
      'ak00aa-n1: route add 10.244.1.2/32 dev azv2 scope link', 'ak00aa-vn: route add 10.244.0.0/24 via 10.240.0.4 dev n0 onlink',
    ],
    flannel: [
      'ak00aa-n0: link add cni0 address 0a:58:0a:f4:00:01 type bridge', 'ak00aa-n0: addr add 10.244.0.1/24 dev cni0',
      'ak00aa-p0: addr add 10.244.0.2/24 dev eth0', 'ak00aa-p0: link set eth0 mtu 1450', 'ak00aa-p0: route add default via 10.244.0.1 dev eth0',
      'ak00aa-n0: link add flannel.1 address 0a:5a:00:00:00:00 mtu 1450 type vxlan id 1 local 10.240.0.4 dev eth0 dstport 8472 nolearning',
      'ak00aa-n0: addr add 10.244.0.0/32 dev flannel.1',
      'ak00aa-n0: route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
      'ak00aa-n0: neigh replace 10.244.1.0 lladdr 0a:5a:00:00:00:01 dev flannel.1 nud permanent',
      'ak00aa-n0: fdb append 0a:5a:00:00:00:01 dev flannel.1 dst 10.240.0.5 self permanent',
      'ak00aa-n1: fdb append 0a:5a:00:00:00:00 dev flannel.1 dst 10.240.0.4 self permanent',
      'ak00aa-n0: sysctl -q -w net.bridge.bridge-nf-call-iptables=1',
    ],
    canal: [
      'ak00aa-n0: route add 10.244.0.2/32 dev azv0 scope link', 'ak00aa-p0: addr add 10.244.0.2/32 dev eth0',
      'ak00aa-p0: route add default via 169.254.1.1 dev eth0', 'ak00aa-n0: link set azv0 mtu 1450',
      'ak00aa-n1: route add 10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink',
      'ak00aa-n1: fdb append 0a:5a:00:00:00:00 dev flannel.1 dst 10.240.0.4 self permanent',
    ],
  };
  for (const mode of LAB_MODES) {
    const ls = lines(mode);
    for (const w of want[mode]) assert.ok(ls.includes(w), `${mode}: missing '${w}'`);
  }
  assert.ok(!lines('transparent').some((l) => l.includes('bridge-nf-call-iptables')), 'routed modes leave br_netfilter alone');
  assert.ok(!lines('canal').some((l) => l.includes('bridge-nf-call-iptables')), 'canal routes pods: no br_netfilter');
});

test('flannel modes: the VNet routes node addresses only; every node reaches every other pod CIDR through flannel.1', () => {
  for (const mode of ['flannel', 'canal'] as const) {
    const ls = lines(mode);
    const vnet = ls.filter((l) => l.startsWith('ak00aa-vn: route add'));
    assert.deepEqual(vnet, ['ak00aa-vn: route add 10.240.0.4/32 dev n0 scope link', 'ak00aa-vn: route add 10.240.0.5/32 dev n1 scope link'], mode);
    const t = topo(mode);
    for (const n of t.nodes) {
      const own = ls.filter((l) => l.startsWith(`${n.ns}: `) && /flannel\.1/.test(l));
      for (const m of t.nodes.filter((x) => x !== n)) {
        assert.ok(own.some((l) => l.includes(`route add ${m.podCidr} via ${m.vtep?.ip} dev flannel.1 onlink`)), `${mode} ${n.name} → ${m.name} route`);
        assert.ok(own.some((l) => l.includes(`fdb append ${m.vtep?.mac} dev flannel.1 dst ${m.ip}`)), `${mode} ${n.name} → ${m.name} fdb`);
      }
      assert.ok(!own.some((l) => l.includes(`route add ${n.podCidr}`)), `${mode} ${n.name}: no route to its own pod CIDR through the tunnel`);
    }
    const vteps = t.nodes.map((n) => n.vtep?.mac);
    assert.equal(new Set(vteps).size, vteps.length, `${mode}: distinct VTEP MACs`);
  }
  for (const mode of ['bridge', 'transparent', 'kubenet', 'overlay'] as const) assert.ok(!lines(mode).some((l) => l.includes('vxlan')), `${mode}: no VXLAN`);
});

test('every mode: on-link neighbours are permanent entries with the fixed MACs, so nothing is resolved by ARP', () => {
  for (const mode of LAB_MODES) {
    const t = topo(mode);
    const ls = lines(mode);
    const neigh = (ns: string, ip: string, mac: string): boolean =>
      ls.some((l) => l.startsWith(`${ns}: neigh `) && l.includes(` ${ip} lladdr ${mac} `) && l.endsWith('nud permanent'));
    for (const n of t.nodes) assert.ok(ls.some((l) => l.startsWith(`ak00aa-vn: neigh replace ${n.ip} lladdr `)), `${mode}: VNet knows node ${n.name}`);
    for (const p of t.pods) {
      assert.match(p.mac, /^0a:58(:[0-9a-f]{2}){4}$/);
      assert.ok(ls.some((l) => l.startsWith(`host: link add eth0 netns ${p.ns} address ${p.mac} `)), `${mode}: ${p.name} has its MAC`);
      // The node delivers to its pods without ARP.
      assert.ok(ls.some((l) => l.startsWith(`${t.nodes[p.node]?.ns}: neigh replace ${p.ip} lladdr ${p.mac} `)), `${mode}: node knows ${p.name}`);
    }
    if (mode === 'bridge') {
      const [a, b] = t.pods;
      assert.ok(a && b && neigh(a.ns, b.ip, b.mac) && neigh(b.ns, a.ip, a.mac), 'bridge: pods of one node know each other');
      assert.ok(a && neigh('ak00aa-vn', a.ip, a.mac), 'bridge: the VNet knows pod addresses');
    }
  }
  const macs = topo('bridge').pods.map((p) => p.mac);
  assert.equal(new Set(macs).size, macs.length, 'distinct pod MACs');
});

test('deleteNamespaces: one forced batch', () => {
  const c = deleteNamespaces(['ak00aa-vn', 'ak00aa-p0']);
  assert.deepEqual(c.argv, ['ip', '-force', '-batch', '-']);
  assert.equal(c.input, 'netns delete ak00aa-vn\nnetns delete ak00aa-p0\n');
});

/** Why a command would do nothing or fail for want of arguments (undefined = it has something to do). */
function emptiness(c: { argv: readonly string[]; input?: string }): string | undefined {
  if (c.argv.includes('-batch') && (c.input ?? '').trim() === '') return 'a -batch command without input';
  if (c.argv[0] === 'sysctl' && !c.argv.slice(1).some((a) => !a.startsWith('-'))) return 'sysctl without variables';
  if (c.argv.length === 0) return 'no argv';
  return undefined;
}

function phaseProblems(t: ReturnType<typeof labTopology>): string[] {
  const out: string[] = [];
  for (const ph of buildPhases(t)) {
    if (ph.commands.length === 0) out.push(`phase ${ph.name}: no command`);
    for (const c of ph.commands) {
      const why = emptiness(c);
      if (why) out.push(`phase ${ph.name}: ${why}: ${c.argv.join(' ')}`);
    }
  }
  return out;
}

test('regression: an input without pods (examples/azure-cni-npm) builds only the VNet namespace, with no empty command (was: sysctl: no variables specified)', () => {
  const { model } = loadModel([join(ROOT, 'examples', 'azure-cni-npm')]);
  for (const mode of LAB_MODES) {
    const plan = planLab(model, { engine: 'azure-npm', mode }, 'ak00ab', false);
    assert.equal(plan.topology.pods.length, 0, 'the example has no pods');
    assert.deepEqual(labNamespaces(plan.topology), ['ak00ab-vn'], mode);
    assert.deepEqual(phaseProblems(plan.topology), [], mode);
    const names = buildPhases(plan.topology).map((p) => p.name);
    assert.ok(!names.includes('proxy ARP delay'), `${mode}: no proxy-ARP delays to set without nodes`);
    assert.deepEqual(plan.flows, []);
    assert.ok(plan.diagnostics.some((d) => d.code === 'AKS4811'), `${mode}: AKS4811 says there is nothing to probe`);
  }
});

test('property: whatever subset of nodes and pods, in every mode, no phase is empty and no command lacks its arguments', () => {
  const c1 = parseCidr('10.244.0.0/24')?.cidr;
  const c2 = parseCidr('10.244.1.0/24')?.cidr;
  assert.ok(c1 && c2);
  const allNodes = [
    { name: 'n1', ip: parseIp('10.240.0.4'), range: { kind: 'pod-cidr' as const, cidr: c1 }, maxPods: 30, virtual: false },
    { name: 'n2', ip: parseIp('10.240.0.5'), range: { kind: 'pod-cidr' as const, cidr: c2 }, maxPods: 30, virtual: false },
  ];
  const allPods = [pod('a', '10.244.0.2', 'n1'), pod('b', '10.244.0.3', 'n1'), pod('c', '10.244.1.2', 'n2')];
  fc.assert(fc.property(
    fc.constantFrom(...LAB_MODES), fc.subarray(allNodes), fc.subarray(allPods),
    (mode, nodes, pods) => {
      const t = labTopology({ model: emptyModel(), pods, nodes }, mode, 'ak00ac');
      assert.deepEqual(phaseProblems(t), []);
    },
  ), { numRuns: 200 });
});
