// `can`: reference resolution, port names, the answer's shape, and the CLI end to end on a manifest fixture.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../cli/main.js';
import { anp, mkModel, mkNamespace, mkNode, mkPod, np } from '../../engines/policy/testing/builders.js';
import { cluster, model as buildModel, pool, subnet } from '../../derive/testing/build.js';
import { can, resolveRef } from './index.js';
import { canJson, canText } from './render.js';

const model = mkModel({
  namespaces: [mkNamespace('x'), mkNamespace('y')],
  nodes: [mkNode('n1', '192.168.0.1')],
  pods: [
    mkPod('x', 'a', { labels: { pod: 'a' }, ip: '10.0.0.1', node: 'n1', hostIp: '192.168.0.1', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    mkPod('y', 'web-2', { labels: { pod: 'b' }, ip: '10.0.1.2', workload: 'web' }),
    mkPod('y', 'web-1', { labels: { pod: 'b' }, ip: '10.0.1.1', workload: 'web' }),
  ],
  policies: [
    anp('pass-example', { priority: 10, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }, ingress: [{ name: 'pass-y', action: 'Pass', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }] }),
    np('x', 'allow-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ port: 'http' }] }] }),
  ],
});

describe('resolveRef', () => {
  const rows: [string, string][] = [
    ['x/a', 'pod x/a'],
    ['y/web', 'pod y/web-1'],
    ['y/web-2', 'pod y/web-2'],
    ['10.0.1.2', 'pod y/web-2'],
    ['192.168.0.1', 'node n1'],
    ['node:n1', 'node n1'],
    ['203.0.113.5', 'external 203.0.113.5'],
    ['y/nope', "no pod or workload 'y/nope' in the input"],
    ['node:n9', "no node named 'n9'"],
    ['a/b/c', "'a/b/c' is not a reference: use ns/pod, ns/workload, node:<name> or an IP address"],
    ['justaname', "'justaname' is not a reference: use ns/pod, ns/workload, node:<name> or an IP address"],
  ];
  for (const [ref, want] of rows) {
    it(ref, () => {
      const r = resolveRef(model, model.pods, ref);
      assert.equal(typeof r === 'string' ? r : `${r.peer.kind} ${r.peer.name}`, want);
    });
  }
});

describe('resolveRef: nodes derived from the cluster\'s pools (no Node objects in the input)', () => {
  const aks = {
    ...model,
    ...buildModel({ subnets: [subnet('nodes', '10.1.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [pool('np', { count: 2, subnet: 'nodes' })] })] }),
    namespaces: model.namespaces, pods: model.pods, nodes: model.nodes, policies: model.policies,
  };
  const rows: [string, string][] = [
    ['10.1.0.5', 'node aks-np-00000000-vmss000001 10.1.0.5'],
    ['node:aks-np-00000000-vmss000000', 'node aks-np-00000000-vmss000000 10.1.0.4'],
    ['10.1.0.6', 'external 10.1.0.6 10.1.0.6'],
    ['192.168.0.1', 'node n1 192.168.0.1'],
  ];
  for (const [ref, want] of rows) {
    it(ref, () => {
      const r = resolveRef(aks, aks.pods, ref);
      assert.equal(typeof r === 'string' ? r : `${r.peer.kind} ${r.peer.name} ${r.peer.ip}`, want);
    });
  }
});

describe('can', () => {
  it('named port resolves on the destination pod, and the explanation names ANP and NP rules', () => {
    const r = can(model, { from: 'y/web', to: 'x/a', port: 'http', engine: 'upstream' });
    assert.ok(r.ok);
    assert.equal(r.answer.allowed, true);
    assert.equal(r.answer.port, 8080);
    assert.equal(r.answer.protocol, 'TCP');
    assert.equal(r.answer.ingress.summary, '[ANP] Pass (rule pass-y) -> [NetworkPolicy] Allowed (x/allow-b, ingress rule #1)');
    const j = canJson(r.answer);
    assert.equal(j.allowed, true);
    assert.deepEqual(Object.keys(j).filter((k) => ['allowed', 'ingress', 'egress'].includes(k)).sort(), ['allowed', 'egress', 'ingress']);
  });
  it('a named port takes its own protocol (dns = UDP 53) and is denied by the NP', () => {
    const r = can(model, { from: 'y/web', to: 'x/a', port: 'dns', engine: 'upstream' });
    assert.ok(r.ok);
    assert.deepEqual([r.answer.protocol, r.answer.port, r.answer.allowed], ['UDP', 53, false]);
    assert.match(canText(r.answer), /^y\/web-1 -> x\/a UDP\/53 \(dns\) under upstream: DENIED/);
  });
  it('the cilium engine reports the ANP as ignored', () => {
    const r = can(model, { from: 'y/web', to: 'x/a', port: '8080', engine: 'cilium' });
    assert.ok(r.ok);
    assert.deepEqual(r.answer.ignoredPolicies, ['AdminNetworkPolicy pass-example']);
  });
  const errors: [string, Parameters<typeof can>[1], string][] = [
    ['unknown port name', { from: 'y/web', to: 'x/a', port: 'grpc', engine: 'upstream' }, '--port grpc: x/a has no container port of that name (named ports: dns, http)'],
    ['port out of range', { from: 'y/web', to: 'x/a', port: '70000', engine: 'upstream' }, '--port 70000: a port is 1..65535'],
    ['port name to an address', { from: 'x/a', to: '8.8.8.8', port: 'http', engine: 'upstream' }, '--port http: a port name needs a pod as destination'],
    ['bad --to', { from: 'x/a', to: 'q/q', port: '80', engine: 'upstream' }, "--to: no pod or workload 'q/q' in the input"],
  ];
  for (const [name, params, want] of errors) {
    it(`error: ${name}`, () => {
      const r = can(model, params);
      assert.equal(r.ok ? 'ok' : r.error, want);
    });
  }
});

describe('aksnet can (CLI)', () => {
  const fixture = 'src/engines/policy/testdata/anp-pass';
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['can', fixture, ...args], { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; } });
    return { code, out, err };
  };
  it('allowed flow: exit 0, text names the ANP pass and the NP rule', async () => {
    const r = await run('--from', 'y/client', '--to', 'x/a', '--port', 'http');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /ALLOWED/);
    assert.match(r.out, /\[ANP\] Pass \(rule pass-y\) -> \[NetworkPolicy\] Allowed \(x\/allow-b, ingress rule #1\)/);
    assert.match(r.out, /cluster\.yaml:\d+:\d+/);
  });
  it('denied flow: exit 1, JSON has allowed/ingress/egress', async () => {
    const r = await run('--from', 'y/other', '--to', 'x/a', '--port', '8080', '--format', 'json');
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as { allowed: boolean; ingress: { allowed: boolean }; egress: { allowed: boolean } };
    assert.deepEqual([j.allowed, j.egress.allowed, j.ingress.allowed], [false, true, false]);
  });
  it('bad reference and bad flags: exit 2 with a message', async () => {
    const r1 = await run('--from', 'y/nope', '--to', 'x/a', '--port', '80');
    assert.equal(r1.code, 2);
    assert.match(r1.err, /no pod or workload 'y\/nope'/);
    const r2 = await run('--from', 'y/other', '--to', 'x/a', '--port', '80', '--engine', 'weave');
    assert.equal(r2.code, 2);
    assert.match(r2.err, /--engine must be one of upstream, calico, cilium, azure-npm/);
    const r3 = await run('--from', 'y/other', '--to', 'x/a', '--port', '80', '--ipblock-pods', 'maybe');
    assert.equal(r3.code, 2);
  });
});

describe('aksnet can: the engine comes from the cluster unless --engine overrides it', () => {
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    let out = '';
    const code = await main(['can', 'examples/cilium', '--from', 'store/web', '--to', 'observability/prometheus',
      '--port', '9090', '--format', 'json', ...args], { out: (t) => { out += t + '\n'; }, err: () => undefined });
    return { code, out };
  };
  const cases: { name: string; args: string[]; engine: string }[] = [
    { name: 'networkPolicy cilium in the cluster script', args: [], engine: 'cilium' },
    { name: '--engine upstream (what-if)', args: ['--engine', 'upstream'], engine: 'upstream' },
    { name: '--engine azure-npm (what-if)', args: ['--engine', 'azure-npm'], engine: 'azure-npm' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run(c.args);
      assert.notEqual(r.code, 2, 'the input is usable');
      assert.equal((JSON.parse(r.out) as { engine: string }).engine, c.engine);
    });
  }
});
