// The class engine's own contract: class counts, class connections, external atoms, explanation shapes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnSet, formatIp, PortSet } from '../net/index.js';
import { buildPolicyEngine } from './engine.js';
import { engineProfile } from './profile.js';
import { e2eModel, ip, mkModel, mkNamespace, mkPod, np } from './testing/builders.js';

describe('classes', () => {
  it('pods differing only in labels no policy reads share a class', () => {
    const m = mkModel({
      namespaces: [mkNamespace('x')],
      pods: [
        mkPod('x', 'a1', { labels: { app: 'a', hash: '1' }, ip: '10.0.0.1' }),
        mkPod('x', 'a2', { labels: { app: 'a', hash: '2' }, ip: '10.0.0.2' }),
        mkPod('x', 'b1', { labels: { app: 'b' }, ip: '10.0.0.3' }),
      ],
      policies: [np('x', 'p', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }] })],
    });
    const e = buildPolicyEngine(m, engineProfile('upstream'));
    assert.equal(e.classCount, 2);
    assert.equal(e.classOf(m.pods[0]), e.classOf(m.pods[1]));
    assert.notEqual(e.classOf(m.pods[0]), e.classOf(m.pods[2]));
    assert.equal(e.classOf(mkPod('x', 'unknown')), -1);
  });
  it('ipBlock membership splits a class only when ipBlocks match pods', () => {
    const m = mkModel({
      namespaces: [mkNamespace('x')],
      pods: [mkPod('x', 'a1', { labels: { app: 'a' }, ip: '10.0.0.1' }), mkPod('x', 'a2', { labels: { app: 'a' }, ip: '10.0.0.200' })],
      policies: [np('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/25' } }] }] })],
    });
    assert.equal(buildPolicyEngine(m, engineProfile('upstream')).classCount, 2);
    assert.equal(buildPolicyEngine(m, engineProfile('cilium')).classCount, 1);
  });
  it('classConnections is the per-pod connection set (egress ∩ ingress)', () => {
    const m = e2eModel([
      np('x', 'in80', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] }),
      np('y', 'eg', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }, { port: 81 }] }] }),
    ]);
    const e = buildPolicyEngine(m, engineProfile('upstream'));
    const pod = (k: string) => m.pods.find((p) => `${p.namespace}/${p.name}` === k)!;
    const got = e.classConnections(e.classOf(pod('y/b')), e.classOf(pod('x/a')));
    assert.equal(got.toString(), 'TCP 80');
    assert.ok(got.equals(e.connections({ kind: 'pod', pod: pod('y/b') }, { kind: 'pod', pod: pod('x/a') })));
    assert.ok(e.classConnections(e.classOf(pod('x/b')), e.classOf(pod('x/a'))).equals(ConnSet.from({ TCP: PortSet.single(80), UDP: PortSet.single(53) })));
    assert.equal(e.connections({ kind: 'pod', pod: pod('x/a') }, { kind: 'pod', pod: pod('x/a') }).toString(), 'All Connections');
  });
});

describe('externalAtoms', () => {
  it('splits IPv4 at every CIDR boundary and merges ranges treated alike', () => {
    const m = mkModel({
      namespaces: [mkNamespace('x')],
      pods: [mkPod('x', 'a', { ip: '10.0.0.1' })],
      policies: [np('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { ipBlock: { cidr: '10.1.0.0/16' } }] }] })],
    });
    const atoms = buildPolicyEngine(m, engineProfile('upstream')).externalAtoms();
    const show = atoms.map((a) => `${formatIp({ family: a.family, value: a.lo })}-${formatIp({ family: a.family, value: a.hi })}`);
    assert.deepEqual(show, ['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.1.255.255', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255']);
  });
  it('includes IPv6 when a policy uses it', () => {
    const m = mkModel({
      namespaces: [mkNamespace('x')],
      policies: [np('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8' } }] }] })],
    });
    const atoms = buildPolicyEngine(m, engineProfile('upstream')).externalAtoms();
    assert.deepEqual(atoms.map((a) => a.family), [4, 6, 6, 6]);
    assert.equal(atoms[2].lo, ip('fd00::').value);
  });
});

describe('explanations', () => {
  it('a decision names the policy, rule and origin that decided', () => {
    const m = e2eModel([np('x', 'allow-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] })]);
    const e = buildPolicyEngine(m, engineProfile('upstream'));
    const pod = (k: string) => ({ kind: 'pod' as const, pod: m.pods.find((p) => `${p.namespace}/${p.name}` === k)! });
    const v = e.decide(pod('x/b'), pod('x/a'), 'TCP', 80);
    assert.equal(v.allowed, true);
    assert.equal(v.egress.summary, '[NetworkPolicy] No policy selects x/b for egress -> [default] Allowed');
    assert.equal(v.ingress.steps.length, 1);
    const s = v.ingress.steps[0];
    assert.deepEqual([s.layer, s.outcome, s.policy, s.rule, s.text], ['NetworkPolicy', 'allow', 'NetworkPolicy x/allow-b', 'ingress rule #1', '[NetworkPolicy] Allowed (x/allow-b, ingress rule #1)']);
    assert.equal(s.origin?.file, 'test.yaml');
    const d = e.decide(pod('x/c'), pod('x/a'), 'TCP', 80);
    assert.equal(d.ingress.steps[0].outcome, 'deny');
    assert.equal(d.ingress.steps[0].policy, 'NetworkPolicy x/allow-b');
  });
  it('an external source is not policed on its side', () => {
    const m = e2eModel([]);
    const e = buildPolicyEngine(m, engineProfile('upstream'));
    const v = e.decide({ kind: 'external', ip: ip('8.8.8.8') }, { kind: 'pod', pod: m.pods[0] }, 'UDP', 53);
    assert.equal(v.egress.summary, '[not policed] 8.8.8.8 is outside the cluster');
    assert.equal(v.allowed, true);
  });
});
