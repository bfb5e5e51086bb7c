// Engine-profile behaviour (shared/reference/policy-semantics.md §10) and the §2 pitfalls not already covered by the
// e2e table: one row per point, each run through decide(), connections() and the naive reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { L4Protocol } from '../net/index.js';
import type { NormalizedPolicy } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { engineProfile, type EngineName, type EngineOptions } from './profile.js';
import { anp, ip, mkModel, mkNamespace, mkNode, mkPod, np } from './testing/builders.js';
import type { Endpoint } from './types.js';

// x/a (10.0.0.1) and x/b (10.0.0.2) on node n1 (192.168.0.1); y/c (10.0.1.1) on n2; y/host is hostNetwork on n2.
function model(policies: NormalizedPolicy[]) {
  return mkModel({
    namespaces: [mkNamespace('x'), mkNamespace('y')],
    nodes: [mkNode('n1', '192.168.0.1', { role: 'a' }), mkNode('n2', '192.168.0.2', { role: 'b' })],
    pods: [
      mkPod('x', 'a', { labels: { app: 'a' }, ip: '10.0.0.1', node: 'n1', hostIp: '192.168.0.1', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
      mkPod('x', 'b', { labels: { app: 'b' }, ip: '10.0.0.2', node: 'n1', hostIp: '192.168.0.1', ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] }),
      mkPod('y', 'c', { labels: { app: 'c' }, ip: '10.0.1.1', node: 'n2', hostIp: '192.168.0.2' }),
      mkPod('y', 'host', { labels: { app: 'host' }, ip: '192.168.0.2', node: 'n2', hostIp: '192.168.0.2', hostNetwork: true }),
      mkPod('x', 'noip', { labels: { app: 'noip' } }),
    ],
    policies,
  });
}

const denyAllX = np('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const egressTo = (cidr: string, except: string[] = []) =>
  np('x', 'egress-cidr', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr, except } }] }] });
const ingressFrom = (cidr: string) =>
  np('x', 'ingress-cidr', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr } }] }] });

interface Row {
  name: string;
  engine: EngineName;
  options?: EngineOptions;
  policies: NormalizedPolicy[];
  from: string;
  to: string;
  probe?: [L4Protocol, number];
  allowed: boolean;
}

const ROWS: Row[] = [
  // ipBlock vs pod IPs (§10 row 1, pitfall 10)
  { name: 'upstream: ipBlock matches a pod IP', engine: 'upstream', policies: [egressTo('10.0.1.0/24')], from: 'x/a', to: 'y/c', allowed: true },
  { name: 'upstream --ipblock-pods ignore: ipBlock does not match a pod IP', engine: 'upstream', options: { ipblockPods: 'ignore' }, policies: [egressTo('10.0.1.0/24')], from: 'x/a', to: 'y/c', allowed: false },
  { name: 'calico: ipBlock matches a pod IP', engine: 'calico', policies: [egressTo('10.0.1.0/24')], from: 'x/a', to: 'y/c', allowed: true },
  { name: 'azure-npm: ipBlock matches a pod IP', engine: 'azure-npm', policies: [egressTo('10.0.1.0/24')], from: 'x/a', to: 'y/c', allowed: true },
  { name: 'cilium: ipBlock 0.0.0.0/0 never matches pods', engine: 'cilium', policies: [egressTo('0.0.0.0/0')], from: 'x/a', to: 'y/c', allowed: false },
  { name: 'cilium: ipBlock 0.0.0.0/0 still matches external addresses', engine: 'cilium', policies: [egressTo('0.0.0.0/0')], from: 'x/a', to: '8.8.8.8', allowed: true },
  { name: 'upstream: ipBlock except excludes the address', engine: 'upstream', policies: [egressTo('0.0.0.0/0', ['8.8.8.0/24'])], from: 'x/a', to: '8.8.8.8', allowed: false },
  { name: 'upstream: a pod without an IP never matches an ipBlock', engine: 'upstream', policies: [egressTo('0.0.0.0/0')], from: 'x/a', to: 'x/noip', allowed: false },
  { name: 'upstream: ingress ipBlock matches the source pod IP', engine: 'upstream', policies: [ingressFrom('10.0.0.2/32')], from: 'x/b', to: 'x/a', allowed: true },
  // ipBlock vs node IPs (§10 row 2)
  { name: 'upstream: ipBlock matches a node IP', engine: 'upstream', policies: [egressTo('192.168.0.0/24')], from: 'x/a', to: 'node:n2', allowed: true },
  { name: 'cilium: ipBlock does not match node IPs', engine: 'cilium', policies: [egressTo('192.168.0.0/24')], from: 'x/a', to: 'node:n2', allowed: false },
  { name: 'azure-npm: ipBlock matches node IPs', engine: 'azure-npm', policies: [egressTo('192.168.0.0/24')], from: 'x/a', to: 'node:n2', allowed: true },
  // Own node (§10 rows 3-4, pitfall 11)
  { name: 'upstream: ingress from the own node is always allowed', engine: 'upstream', policies: [denyAllX], from: 'node:n1', to: 'x/a', allowed: true },
  { name: 'upstream: ingress from another node is policed', engine: 'upstream', policies: [denyAllX], from: 'node:n2', to: 'x/a', allowed: false },
  { name: 'upstream: own node recognised by the pod hostIP', engine: 'upstream', policies: [denyAllX], from: 'node-ip:192.168.0.1', to: 'x/a', allowed: true },
  { name: 'upstream: egress to the own node is policed', engine: 'upstream', policies: [denyAllX], from: 'x/a', to: 'node:n1', allowed: false },
  { name: 'azure-npm: egress to the own node is allowed', engine: 'azure-npm', policies: [denyAllX], from: 'x/a', to: 'node:n1', allowed: true },
  { name: 'azure-npm: egress to another node is policed', engine: 'azure-npm', policies: [denyAllX], from: 'x/a', to: 'node:n2', allowed: false },
  { name: 'cilium: egress to the own node is blocked', engine: 'cilium', policies: [denyAllX], from: 'x/a', to: 'node:n1', allowed: false },
  { name: 'cilium: ingress from the own node is allowed', engine: 'cilium', policies: [denyAllX], from: 'node:n1', to: 'x/a', allowed: true },
  // hostNetwork pods (pitfall 12)
  {
    name: 'upstream: a hostNetwork pod is a pod (selectors see its labels)', engine: 'upstream', from: 'y/host', to: 'x/a', allowed: true,
    policies: [np('x', 'from-host-label', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'host' } } }] }] })],
  },
  {
    name: 'cilium: a hostNetwork pod is its node (selectors do not see it)', engine: 'cilium', from: 'y/host', to: 'x/a', allowed: false,
    policies: [np('x', 'from-host-label', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'host' } } }] }] })],
  },
  {
    name: 'azure-npm: a hostNetwork pod is seen as its node IP (ipBlock matches)', engine: 'azure-npm', from: 'y/host', to: 'x/a', allowed: true,
    policies: [ingressFrom('192.168.0.2/32')],
  },
  // ANP support
  {
    name: 'cilium ignores AdminNetworkPolicy', engine: 'cilium', from: 'x/b', to: 'x/a', allowed: true,
    policies: [anp('deny', { priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] })],
  },
  {
    name: 'azure-npm ignores AdminNetworkPolicy', engine: 'azure-npm', from: 'x/b', to: 'x/a', allowed: true,
    policies: [anp('deny', { priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] })],
  },
  {
    name: 'calico applies AdminNetworkPolicy (kube-admin tier)', engine: 'calico', from: 'x/b', to: 'x/a', allowed: false,
    policies: [anp('deny', { priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] })],
  },
  // Loopback (pitfall 13) and external endpoints
  { name: 'loopback is always allowed', engine: 'upstream', policies: [denyAllX], from: 'x/a', to: 'x/a', allowed: true },
  { name: 'external source: only the destination ingress is policed', engine: 'upstream', policies: [denyAllX], from: '8.8.8.8', to: 'x/a', allowed: false },
  { name: 'external source to an unisolated pod is allowed', engine: 'upstream', policies: [denyAllX], from: '8.8.8.8', to: 'y/c', allowed: true },
  {
    name: 'namespaceSelector {} does not match external addresses (pitfall 4)', engine: 'upstream', from: '8.8.8.8', to: 'x/a', allowed: false,
    policies: [np('x', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })],
  },
  { name: 'empty from matches external addresses (pitfall 3)', engine: 'upstream', policies: [np('x', 'any', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })], from: '8.8.8.8', to: 'x/a', allowed: true },
  // Pitfalls 1, 7, 8, 9
  {
    name: 'pitfall 1: egress rules without policyTypes also isolate ingress', engine: 'upstream', from: 'y/c', to: 'x/a', allowed: false,
    policies: [np('x', 'egress-only', { podSelector: { matchLabels: { app: 'a' } }, egress: [{}] })],
  },
  {
    name: 'pitfall 1: egress: [] without policyTypes is not an egress policy', engine: 'upstream', from: 'x/a', to: 'y/c', allowed: true,
    policies: [np('x', 'empty-egress', { podSelector: { matchLabels: { app: 'a' } }, egress: [] })],
  },
  {
    name: 'pitfall 7: omitted protocol is TCP (UDP 80 denied)', engine: 'upstream', probe: ['UDP', 80], from: 'y/c', to: 'x/a', allowed: false,
    policies: [np('x', 'p80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })],
  },
  {
    name: 'pitfall 8: a named port resolves per destination pod (x/a http = 8080)', engine: 'upstream', probe: ['TCP', 8080], from: 'y/c', to: 'x/a', allowed: true,
    policies: [np('x', 'http', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
  },
  {
    name: 'pitfall 8: the same name is 9090 on x/b, so 8080 is denied there', engine: 'upstream', probe: ['TCP', 8080], from: 'y/c', to: 'x/b', allowed: false,
    policies: [np('x', 'http', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
  },
  {
    name: 'pitfall 8: a named port never matches an ipBlock destination', engine: 'upstream', probe: ['TCP', 8080], from: 'x/a', to: '8.8.8.8', allowed: false,
    policies: [np('x', 'eg-http', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
  },
  {
    name: 'pitfall 9: endPort range is inclusive (32768 allowed)', engine: 'upstream', probe: ['TCP', 32768], from: 'y/c', to: 'x/a', allowed: true,
    policies: [np('x', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 32000, endPort: 32768 }] }] })],
  },
  {
    name: 'pitfall 9: endPort range excludes the next port', engine: 'upstream', probe: ['TCP', 32769], from: 'y/c', to: 'x/a', allowed: false,
    policies: [np('x', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 32000, endPort: 32768 }] }] })],
  },
];

function endpoint(m: ReturnType<typeof model>, ref: string): Endpoint {
  if (ref.startsWith('node:')) return { kind: 'node', name: ref.slice(5) };
  if (ref.startsWith('node-ip:')) return { kind: 'node', name: 'unnamed', ip: ip(ref.slice(8)) };
  const p = m.pods.find((x) => `${x.namespace}/${x.name}` === ref);
  return p ? { kind: 'pod', pod: p } : { kind: 'external', ip: ip(ref) };
}

describe('engine profiles and pitfalls', () => {
  for (const r of ROWS) {
    it(r.name, () => {
      const m = model(r.policies);
      const profile = engineProfile(r.engine, r.options);
      const engine = buildPolicyEngine(m, profile);
      const [proto, port] = r.probe ?? ['TCP', 80];
      const a = endpoint(m, r.from);
      const b = endpoint(m, r.to);
      const v = engine.decide(a, b, proto, port);
      assert.equal(v.allowed, r.allowed, `${v.egress.summary} | ${v.ingress.summary}`);
      assert.equal(engine.connections(a, b).allows(proto, port), r.allowed, 'connections');
      assert.equal(naiveAllowed(m, profile, a, b, proto, port), r.allowed, 'naive');
    });
  }
});

describe('profile data', () => {
  it('cilium and azure-npm report ANPs as ignored; upstream does not', () => {
    const m = model([anp('deny', { priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] })]);
    assert.deepEqual(buildPolicyEngine(m, engineProfile('cilium')).ignoredPolicies.map((p) => p.id), ['AdminNetworkPolicy deny']);
    assert.deepEqual(buildPolicyEngine(m, engineProfile('azure-npm')).ignoredPolicies.map((p) => p.id), ['AdminNetworkPolicy deny']);
    assert.deepEqual(buildPolicyEngine(m, engineProfile('upstream')).ignoredPolicies, []);
  });
  it('ipblockPods option overrides the engine default both ways', () => {
    assert.equal(engineProfile('upstream').ipblockMatchesPods, true);
    assert.equal(engineProfile('upstream', { ipblockPods: 'ignore' }).ipblockMatchesPods, false);
    assert.equal(engineProfile('cilium').ipblockMatchesPods, false);
    assert.equal(engineProfile('cilium', { ipblockPods: 'match' }).ipblockMatchesPods, true);
  });
});
