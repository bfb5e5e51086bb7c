// How lab results print (root-free): the probe and verify texts and the verify JSON, against goldens
// (test/lab/golden; AKSNET_UPDATE=1 rewrites them). NodePort destinations print as the node and port probed
// (`node/<node>:<nodePort>`, the node's address and the Service behind them), never as the Service's cluster IP;
// every verify entry carries the layer that stopped it in the simulator (JSON `layer`, null when allowed).
// The plan is the real one for test/lab/nsg-two-subnets; observations and comparisons are made up here, so the
// goldens test the printing, not the simulator.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/cli/pipeline.js';
import {
  nodePortTarget, planLab, renderProbeText, renderVerifyJson, renderVerifyText, targetName, targetText,
  type LabPlan, type LabRun, type ProbeObservation, type VerifyComparison, type VerifyEntry,
} from '../../src/lab/index.js';
import { compareGolden } from '../../src/testing/golden.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, 'golden');

function plan(nodePorts: boolean): LabPlan {
  const { model } = loadModel([join(HERE, 'nsg-two-subnets')]);
  return planLab(model, { engine: 'azure-npm', mode: 'bridge', nodePorts }, 'ak0000', false);
}

function run(p: LabPlan, observations: readonly ProbeObservation[], comparison: VerifyComparison, built = true): LabRun {
  return {
    plan: p, observations, comparison, diagnostics: [], reprobed: 1, kept: false, built,
    timings: { upMs: 1200, probeMs: 3400, downMs: 500 },
  };
}

const NODE_A = 'aks-poola-00000000-vmss000000';
const NODE_B = 'aks-poolb-00000000-vmss000000';

/** A comparison covering every kind of destination and layer, with two disagreements. */
function comparison(): VerifyComparison {
  const np = (node: string, ip: string, service: string) => ({ node, ip, service });
  const entries: VerifyEntry[] = [
    { from: '(vnet)/pool-a', to: `node/${NODE_B}:30090`, nodePort: np(NODE_B, '10.20.2.4', 'shop/web-b'), port: 30090, protocol: 'TCP', simulated: false, observed: true, outcome: 'allowed', agree: false, layer: 'nsg', explanation: 'decided by nsg: nsg-b securityRules/deny: made up' },
    { from: 'shop/client-a', to: `node/${NODE_A}:30091`, nodePort: np(NODE_A, '10.20.1.4', 'shop/servers-local'), port: 30091, protocol: 'TCP', simulated: false, observed: false, outcome: 'blocked', agree: true, layer: 'kube-proxy', explanation: 'decided by kube-proxy: made up' },
    { from: 'shop/client-a', to: 'shop/server-b', port: 8080, protocol: 'TCP', simulated: false, observed: false, outcome: 'blocked', agree: true, layer: 'nsg', explanation: 'decided by nsg: nsg-b securityRules/deny-a-8080' },
    { from: 'shop/client-a', to: 'shop/server-b', port: 9090, protocol: 'TCP', simulated: true, observed: true, outcome: 'allowed', agree: true },
    { from: 'shop/client-b', to: 'shop/client-a', port: 8080, protocol: 'TCP', simulated: false, observed: true, outcome: 'allowed', agree: false, layer: 'policy', explanation: 'egress: allowed; ingress: denied (made up)' },
    { from: 'shop/client-b', to: 'svc:shop/web-b', port: 80, protocol: 'TCP', simulated: true, observed: true, outcome: 'allowed', agree: true },
  ];
  return {
    total: entries.length, agree: entries.filter((e) => e.agree).length, entries,
    uncompared: [{ from: 'shop/client-b', to: `node/${NODE_A}:30091`, nodePort: np(NODE_A, '10.20.1.4', 'shop/servers-local'), port: 30091, protocol: 'TCP', observed: true, reason: 'made up' }],
  };
}

function golden(name: string, text: string): void {
  const g = compareGolden(join(GOLDEN, name), text);
  assert.ok(g.ok, g.diff);
}

test('targetText: pods and Services with protocol/port; NodePorts as node/<node>:<nodePort> with the address and the Service', () => {
  const rows: [Parameters<typeof targetText>, string][] = [
    [['shop/server-b', 'TCP', 8080], 'shop/server-b TCP/8080'],
    [['svc:shop/web-b', 'UDP', 53], 'svc:shop/web-b UDP/53'],
    [[`node/${NODE_B}:30090`, 'TCP', 30090, { node: NODE_B, ip: '10.20.2.4', service: 'shop/web-b' }], `node/${NODE_B}:30090 TCP (10.20.2.4, NodePort of svc:shop/web-b)`],
  ];
  for (const [args, want] of rows) assert.equal(targetText(...args), want);
});

test('NodePort flows are named by the node and nodePort probed, with the node address and Service alongside', () => {
  const p = plan(true);
  const names = p.flows.filter((f) => f.to.kind === 'node-port').map((f) => [targetName(f.to), nodePortTarget(f.to)?.ip, nodePortTarget(f.to)?.service, f.port] as const);
  assert.ok(names.length > 0);
  for (const [name, ip, service, port] of names) {
    assert.match(name, /^node\/aks-pool[ab]-00000000-vmss000000:(30080|30090|30091)$/);
    assert.ok(name.endsWith(`:${port}`), `${name}: the nodePort is the flow's port`);
    assert.match(ip ?? '', /^10\.20\.[12]\.\d+$/);
    assert.ok(service === 'shop/web-b' || service === 'shop/web-b-8080' || service === 'shop/servers-local', service);
  }
  for (const f of p.flows.filter((x) => x.to.kind !== 'node-port')) assert.equal(nodePortTarget(f.to), undefined);
});

test('probe text (golden): one sorted line per flow; NodePorts print as node/<node>:<nodePort>, not svc:', () => {
  const p = plan(true);
  const outcomes = ['allowed', 'blocked', 'refused'] as const;
  const obs: ProbeObservation[] = p.flows.map((flow, i) => ({ flow, outcome: outcomes[i % 3] ?? 'allowed', ms: i }));
  const text = renderProbeText(run(p, obs, { total: 0, agree: 0, entries: [], uncompared: [] }));
  golden('probe.txt', text);
  assert.ok(!text.split('\n').some((l) => l.includes(':30090') && l.includes('-> svc:')), 'a NodePort is not printed as its Service');
  assert.ok(text.includes(`-> node/${NODE_B}:30090 TCP (`), 'NodePort lines name the node and port');
});

test('verify text (golden): a per-layer summary, disagreements with the deciding layer, every flow with --all-flows', () => {
  const p = plan(true);
  golden('verify.txt', renderVerifyText(run(p, [], comparison())));
  const all = renderVerifyText(run(p, [], comparison()), true);
  golden('verify-all.txt', all);
  assert.match(all, /simulator blocks 4 flow\(s\): 1 by kube-proxy, 2 by nsg, 1 by policy/);
  assert.ok(all.includes('simulated blocked by nsg, observed allowed'));
});

test('verify JSON (golden): entries keep from,to,port,protocol,simulated,observed and gain layer (null when allowed)', () => {
  const p = plan(true);
  const json = renderVerifyJson(run(p, [], comparison()));
  golden('verify.json', json);
  const parsed = JSON.parse(json) as { built: boolean; entries: Record<string, unknown>[] };
  assert.equal(parsed.built, true);
  for (const e of parsed.entries) {
    assert.deepEqual(Object.keys(e).slice(0, 7), ['from', 'to', 'port', 'protocol', 'simulated', 'observed', 'layer']);
    assert.equal(e['layer'] === null, e['simulated'] === true, `${String(e['from'])} -> ${String(e['to'])}: layer null exactly when allowed`);
  }
  assert.deepEqual(parsed.entries.map((e) => e['layer']), ['nsg', 'kube-proxy', 'nsg', null, 'policy', null]);
});

test('a run that built nothing says so in text and JSON', () => {
  const { model } = loadModel([join(HERE, '..', '..', 'examples', 'azure-cni-npm')]);
  const p = planLab(model, {}, 'ak0000', false);
  const r = run(p, [], { total: 0, agree: 0, entries: [], uncompared: [] }, false);
  assert.equal(renderVerifyText(r), 'lab ak0000: nothing to probe (0 pod(s) with addresses, no flow); no lab was built');
  assert.equal(renderProbeText(r), renderVerifyText(r));
  assert.equal((JSON.parse(renderVerifyJson(r)) as { built: boolean }).built, false);
});
