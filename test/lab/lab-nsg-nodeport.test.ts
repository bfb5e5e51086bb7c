// The lab's VNet namespace enforces subnet and NIC NSGs, and kube-proxy's NodePorts are probed, against the kernel
// (needs root and iproute2/iptables/ipset/socat; skipped with a message otherwise). Fixture test/lab/nsg-two-subnets:
// two node pools in two subnets, the NSG of subnet pool-b denies TCP 8080 from pool-a while NetworkPolicy admits it;
// three NodePort Services (externalTrafficPolicy Cluster on 9090 and on the NSG-denied 8080, and Local). Under azure-npm and calico, in bridge and
// transparent modes, kernel and simulator agree on every flow, and the flows the NSG blocks are said to be blocked by
// the NSG layer.
import assert from 'node:assert/strict';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/cli/pipeline.js';
import {
  checkRequirements, freshPrefix, hasCommand, listLabNamespaces, planLab, prefixOfNamespace, runLab, spawnRunner,
  type LabEngine, type LabMode,
} from '../../src/lab/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(HERE, 'nsg-two-subnets');
const COMBOS: [LabEngine, LabMode][] = [['azure-npm', 'bridge'], ['calico', 'transparent'], ['azure-npm', 'transparent'], ['calico', 'bridge']];

function executable(f: string): boolean {
  try {
    accessSync(f, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const problems = checkRequirements({
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  has: (c) => hasCommand(c, process.env['PATH'], executable),
});
const SKIP = problems.length > 0 ? `lab tests need root and iproute2/iptables/ipset: ${problems.map((p) => p.message).join('; ')}` : false;
if (SKIP) process.stderr.write(`test/lab/lab-nsg-nodeport: skipped: ${SKIP}\n`);

const stateDir = mkdtempSync(join(tmpdir(), 'aksnet-lab-nsg-test-'));

test('plan (no root needed): the VNet namespace gets the subnet NSG and the AKS NIC NSG; no rule approximated', () => {
  const { model } = loadModel([FIXTURE]);
  const plan = planLab(model, { engine: 'azure-npm', mode: 'bridge', nodePorts: true }, 'ak0000');
  assert.deepEqual(plan.nsgFilter.nsgs, ['aks-agentpool-00000000-nsg', 'nsg-b']);
  assert.ok(plan.nsgFilter.iptablesRestore.includes('-s 10.20.1.0/24 -p tcp -m tcp -m multiport --dports 8080 -m comment --comment "nsg-b deny-a-8080 100 Deny" -j DROP'));
  assert.deepEqual(plan.diagnostics.filter((d) => d.code === 'AKS4806'), []);
  const nodePortFlows = plan.flows.filter((f) => f.to.kind === 'node-port').map((f) => `${f.from.name}>${f.to.kind === 'node-port' ? f.to.node.name : ''}:${f.port}`);
  assert.equal(nodePortFlows.length, 22, 'clients to the three NodePorts on both nodes; server-a to web-b and web-b-8080 on both nodes; the VNet client to the three on both');
  assert.deepEqual([plan.vnetClient?.ip, plan.vnetClient?.name], ['10.20.1.254', 'pool-a'], 'the VNet client: the top free address of the first node\'s subnet');
  assert.ok(nodePortFlows.includes('client-a>aks-poolb-00000000-vmss000000:30090'));
  assert.ok(!nodePortFlows.some((f) => f.startsWith('server-b>')), 'an endpoint does not probe its own Service');
});

for (const [engine, mode] of COMBOS) {
  test(`lab verify: test/lab/nsg-two-subnets under ${engine} in ${mode} mode — the NSG blocks pool-a -> pool-b TCP 8080, NodePorts agree`, { skip: SKIP }, async () => {
    const paths = [FIXTURE];
    const { model } = loadModel(paths);
    const plan = planLab(model, { engine, mode, nodePorts: true }, freshPrefix(stateDir));
    const run = await runLab(model, plan, { runner: spawnRunner, stateDir, paths, handlers: false });
    const bad = run.comparison.entries.filter((e) => !e.agree).map((e) => `${e.from}->${e.to} ${e.protocol}/${e.port} sim=${e.simulated} obs=${e.outcome} ${e.explanation ?? ''}`);
    assert.deepEqual(bad, [], 'kernel and simulator disagree');
    assert.deepEqual(run.comparison.uncompared, []);
    const entry = (from: string, to: string, port: number) => run.comparison.entries.find((e) => e.from === from && e.to === to && e.port === port);
    // Blocked by the NSG although policy admits it: the kernel and the simulator say so, and the NSG layer decided.
    for (const from of ['shop/client-a', 'shop/server-a']) {
      const e = entry(from, 'shop/server-b', 8080);
      assert.ok(e, `${from} -> server-b 8080 probed`);
      assert.equal(e.observed, false);
      assert.equal(e.simulated, false);
      assert.equal(e.layer, 'nsg');
      assert.match(e.explanation ?? '', /decided by nsg: nsg-b securityRules\/deny-a-8080/);
    }
    // The same port in the other direction and the other port across: allowed (the NSG only denies a -> b 8080).
    assert.equal(entry('shop/client-b', 'shop/server-a', 8080)?.observed, true);
    assert.equal(entry('shop/client-a', 'shop/server-b', 9090)?.observed, true);
    assert.equal(entry('shop/client-a', 'shop/server-a', 8080)?.observed, true, 'same node: no NSG on the path');
    // NodePorts on 9090 (web-b, servers-local): every probed one gets through, on the local and the remote node, from
    // pods and from the VNet client.
    const np = run.comparison.entries.filter((e) => e.nodePort !== undefined && e.to.startsWith('node/'));
    assert.equal(np.length, 22);
    assert.equal(np.filter((e) => e.from === '(vnet)/pool-a').length, 6);
    const open = np.filter((e) => e.nodePort?.service !== 'shop/web-b-8080');
    assert.ok(open.every((e) => e.observed && e.simulated), open.filter((e) => !e.observed).map((e) => `${e.from}->${e.to}`).join(', '));
    // web-b-8080 (server-b:8080) through node A: node A masquerades to its own address in pool-a, and the NSG of
    // pool-b denies pool-a -> 8080, from every source (the pods of both pools and the VNet client). Through node B: the
    // NSG saw port 30080 on the way in and node B delivers locally, so it gets through from everywhere.
    const nodeA = 'node/aks-poola-00000000-vmss000000:30080';
    const nodeB = 'node/aks-poolb-00000000-vmss000000:30080';
    for (const from of ['shop/client-a', 'shop/client-b', 'shop/server-a', '(vnet)/pool-a']) {
      const a = entry(from, nodeA, 30080);
      assert.ok(a, `${from} -> ${nodeA} probed`);
      assert.deepEqual([a.observed, a.simulated, a.layer], [false, false, 'nsg'], `${from} -> ${nodeA}`);
      assert.match(a.explanation ?? '', /decided by nsg: nsg-b securityRules\/deny-a-8080/);
      const b = entry(from, nodeB, 30080);
      assert.ok(b, `${from} -> ${nodeB} probed`);
      assert.deepEqual([b.observed, b.simulated], [true, true], `${from} -> ${nodeB}`);
    }
    assert.deepEqual((await listLabNamespaces(spawnRunner)).filter((n) => prefixOfNamespace(n) === plan.topology.prefix), [], 'torn down');
  });
}
