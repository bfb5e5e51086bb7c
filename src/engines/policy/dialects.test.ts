// Calico, Cilium, Azure NPM and `none` semantics, one row per point (shared/reference/policy-semantics.md §6, §7,
// §9, §10): every row runs through decide(), connections() and the naive oracle, and checks the deciding layer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpSet, type L4Protocol } from '../net/index.js';
import type { NormalizedPolicy, Peer, PolicyRule, RuleAction, Selector } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { engineProfile, type EngineName, type EngineOptions } from './profile.js';
import { cidr, ip, ipblock, mkModel, mkNamespace, mkNode, mkPod, np } from './testing/builders.js';
import type { Endpoint, FlowOptions } from './types.js';

const at = { file: 't.yaml', line: 1, column: 1 };
const eq = (key: string, value: string): Selector => ({ op: 'eq', key, value });
const ep = (selector: Selector, sets = IpSet.empty()): Peer => ({ kind: 'endpoints', selector, sets });

function rule(direction: 'ingress' | 'egress', index: number, action: RuleAction, peers: Peer[] | 'any', extra: Partial<PolicyRule> = {}): PolicyRule {
  return { direction, index, action, peers, ports: 'any', origin: at, ...extra };
}

function calico(name: string, o: Partial<NormalizedPolicy> & { rules: PolicyRule[]; ns?: string; selector?: Selector }): NormalizedPolicy {
  const { ns, selector, ...rest } = o;
  return {
    id: `${ns ? 'CalicoNetworkPolicy' : 'GlobalNetworkPolicy'} ${ns ? ns + '/' : ''}${name}`, name, namespace: ns,
    source: ns ? 'calico-networkpolicy' : 'calico-globalnetworkpolicy',
    subject: { namespaces: ns ? eq('kubernetes.io/metadata.name', ns) : { op: 'all' }, pods: { op: 'all' }, endpoint: selector ?? { op: 'all' } },
    directions: [...new Set(o.rules.map((r) => r.direction))], origin: at, ...rest,
  };
}

function cilium(name: string, ns: string, o: Partial<NormalizedPolicy> & { rules: PolicyRule[]; selector?: Selector }): NormalizedPolicy {
  const { selector, ...rest } = o;
  return {
    id: `CiliumNetworkPolicy ${ns}/${name}`, name, namespace: ns, source: 'cilium-networkpolicy',
    subject: { namespaces: eq('kubernetes.io/metadata.name', ns), pods: { op: 'all' }, endpoint: selector ?? { op: 'all' } },
    directions: [...new Set(o.rules.map((r) => r.direction))], origin: at, ...rest,
  };
}

// x/a 10.0.0.1 and x/b 10.0.0.2 on n1; y/c 10.0.1.1 (service account api) on n2.
function model(policies: NormalizedPolicy[]) {
  return mkModel({
    namespaces: [mkNamespace('x', { team: 'red' }), mkNamespace('y', { team: 'blue' })],
    nodes: [mkNode('n1', '192.168.0.1'), mkNode('n2', '192.168.0.2')],
    pods: [
      mkPod('x', 'a', { labels: { app: 'a' }, ip: '10.0.0.1', node: 'n1', hostIp: '192.168.0.1', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
      mkPod('x', 'b', { labels: { app: 'b' }, ip: '10.0.0.2', node: 'n1', hostIp: '192.168.0.1' }),
      { ...mkPod('y', 'c', { labels: { app: 'c' }, ip: '10.0.1.1', node: 'n2', hostIp: '192.168.0.2' }), serviceAccount: 'api' },
    ],
    policies,
  });
}

interface Row {
  name: string;
  engine: EngineName;
  options?: EngineOptions;
  policies: NormalizedPolicy[];
  from: string;
  to: string;
  probe?: [L4Protocol, number];
  flow?: FlowOptions;
  allowed: boolean;
  /** A piece of the egress + ingress explanation. */
  says?: string;
}

const denyFromB = (index = 0) => rule('ingress', index, 'deny', [ep(eq('app', 'b'))]);
const allowAll = (dir: 'ingress' | 'egress', index = 0) => rule(dir, index, 'allow', 'any');
const npAllowB = np('x', 'allow-b', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }] });

const ROWS: Row[] = [
  // Calico: order, first match, tiers, Pass, Log, end-of-tier deny, profiles
  { name: 'calico: no policy → the namespace profile allows', engine: 'calico', policies: [], from: 'x/b', to: 'x/a', allowed: true, says: '[default] Allowed' },
  { name: 'calico: a Deny at order 500 runs before the Kubernetes NP (order 1000)', engine: 'calico', from: 'x/b', to: 'x/a', allowed: false,
    policies: [npAllowB, calico('deny-b', { ns: 'x', priority: 500, rules: [denyFromB()] })], says: 'Denied (x/deny-b' },
  { name: 'calico: a Deny at order 2000 runs after the Kubernetes NP', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [npAllowB, calico('deny-b', { ns: 'x', priority: 2000, rules: [denyFromB()] })], says: 'Allowed (x/allow-b' },
  { name: 'calico: a Deny without order runs last', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [npAllowB, calico('deny-b', { ns: 'x', rules: [denyFromB()] })] },
  { name: 'calico: first matching rule wins (Allow before Deny)', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [calico('p', { ns: 'x', rules: [rule('ingress', 0, 'allow', [ep(eq('app', 'b'))]), denyFromB(1)] })] },
  { name: 'calico: Log continues to the next rule', engine: 'calico', from: 'x/b', to: 'x/a', allowed: false,
    policies: [calico('p', { ns: 'x', rules: [rule('ingress', 0, 'log', 'any'), denyFromB(1)] })] },
  { name: 'calico: end-of-tier deny when the tier selected the pod and no rule matched', engine: 'calico', from: 'y/c', to: 'x/a', allowed: false,
    policies: [calico('p', { ns: 'x', rules: [rule('ingress', 0, 'allow', [ep(eq('app', 'b'))])] })], says: 'is isolated for ingress' },
  { name: 'calico: Pass skips the rest of the tier (the next tier decides)', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [
      calico('pass', { tier: 'security', tierOrder: 100, tierDefaultAction: 'deny', rules: [rule('ingress', 0, 'pass', 'any')] }),
      calico('deny-later', { tier: 'security', tierOrder: 100, priority: 10, rules: [rule('ingress', 0, 'log', 'any')] }),
    ], says: 'Pass' },
  { name: 'calico: a user tier with defaultAction Deny denies what it selected and did not decide', engine: 'calico', from: 'x/b', to: 'x/a', allowed: false,
    policies: [calico('sec', { tier: 'security', tierOrder: 100, rules: [rule('ingress', 0, 'allow', [ep(eq('app', 'c'))])] })], says: 'Calico tier security' },
  { name: 'calico: a user tier with defaultAction Pass passes what it did not decide', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [calico('sec', { tier: 'security', tierOrder: 100, tierDefaultAction: 'pass', rules: [rule('ingress', 0, 'allow', [ep(eq('app', 'c'))])] })] },
  { name: 'calico: tiers by order — an ordered tier before the default tier overrides a NetworkPolicy allow', engine: 'calico', from: 'x/b', to: 'x/a', allowed: false,
    policies: [npAllowB, calico('deny', { tier: 'security', tierOrder: 100, rules: [denyFromB()] })] },
  { name: 'calico: a tier without order comes after the default tier', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true,
    policies: [npAllowB, calico('deny', { tier: 'zzz', rules: [denyFromB()] })] },
  { name: 'calico: a selector over projectcalico.org/serviceaccount', engine: 'calico', from: 'y/c', to: 'x/a', allowed: false,
    policies: [calico('deny-sa', { rules: [rule('ingress', 0, 'deny', [ep(eq('projectcalico.org/serviceaccount', 'api'))])] })] },
  { name: 'calico: a selector over pcns.<namespace label>', engine: 'calico', from: 'y/c', to: 'x/a', allowed: false,
    policies: [calico('deny-blue', { rules: [rule('ingress', 0, 'deny', [ep(eq('pcns.team', 'blue'))])] })] },
  { name: 'calico: a NetworkSet selected by labels matches its addresses', engine: 'calico', from: 'x/a', to: '203.0.113.9', allowed: false,
    policies: [calico('deny-set', { ns: 'x', rules: [rule('egress', 0, 'deny', [ep(eq('role', 'bad'), IpSet.fromCidr(cidr('203.0.113.0/24')))])] })] },
  { name: 'calico: notSelector matches addresses outside the cluster too', engine: 'calico', from: 'x/a', to: '8.8.8.8', allowed: false,
    policies: [calico('deny-not-b', { ns: 'x', selector: eq('app', 'a'), rules: [rule('egress', 0, 'deny', [{ kind: 'not', peer: ep(eq('app', 'b')) }])] })] },
  { name: 'calico: nets AND notNets', engine: 'calico', from: 'x/a', to: '10.0.0.2', allowed: true,
    policies: [calico('p', { ns: 'x', selector: eq('app', 'a'), rules: [
      rule('egress', 0, 'deny', [{ kind: 'all-of', peers: [ipblock('10.0.0.0/24'), { kind: 'not', peer: ipblock('10.0.0.2/32') }] }]),
      allowAll('egress', 1)] })] },
  { name: 'calico: notPorts excludes a port', engine: 'calico', from: 'x/b', to: 'x/a', probe: ['TCP', 8080], allowed: false,
    policies: [calico('p', { ns: 'x', selector: eq('app', 'a'), rules: [rule('ingress', 0, 'allow', 'any', { notPorts: [{ kind: 'named', name: 'http' }] })] })] },
  { name: 'calico: ingress from the own node is always allowed', engine: 'calico', from: 'node:n1', to: 'x/a', allowed: true,
    policies: [calico('deny-all', { ns: 'x', rules: [rule('ingress', 0, 'deny', 'any')] })] },
  { name: 'calico: NodePort with externalTrafficPolicy Cluster is seen from the forwarding node', engine: 'calico', from: '8.8.8.8', to: 'x/a', allowed: true,
    flow: { via: { service: 'x/web', type: 'NodePort', externalTrafficPolicy: 'Cluster', node: 'n2' } },
    policies: [calico('from-nodes', { ns: 'x', rules: [rule('ingress', 0, 'allow', [ipblock('192.168.0.0/24')])] })] },
  // A node without a Node object (derived from a node pool): its address comes with the via, and ipBlocks match it.
  { name: 'calico: NodePort ETP Cluster through a node known only by the via\'s address matches an ipBlock of the node subnet', engine: 'calico',
    from: '8.8.8.8', to: 'x/a', allowed: true,
    flow: { via: { service: 'x/web', type: 'NodePort', externalTrafficPolicy: 'Cluster', node: 'aks-np-vmss000003', nodeIps: [ip('10.1.0.7')] } },
    policies: [calico('from-node-subnet', { ns: 'x', rules: [rule('ingress', 0, 'allow', [ipblock('10.1.0.0/24')])] })], says: 'node aks-np-vmss000003' },
  { name: 'calico: the via\'s node address outside the ipBlock is denied', engine: 'calico', from: '8.8.8.8', to: 'x/a', allowed: false,
    flow: { via: { service: 'x/web', type: 'NodePort', externalTrafficPolicy: 'Cluster', node: 'aks-np-vmss000003', nodeIps: [ip('10.2.0.7')] } },
    policies: [calico('from-node-subnet', { ns: 'x', rules: [rule('ingress', 0, 'allow', [ipblock('10.1.0.0/24')])] })] },
  // Cilium
  { name: 'cilium: a CNP deny beats a NetworkPolicy allow', engine: 'cilium', from: 'x/b', to: 'x/a', allowed: false,
    policies: [npAllowB, cilium('deny-b', 'x', { rules: [denyFromB()] })], says: 'Denied (x/deny-b' },
  { name: 'cilium: a deny-only policy isolates the direction', engine: 'cilium', from: 'y/c', to: 'x/a', allowed: false,
    policies: [cilium('deny-b', 'x', { rules: [denyFromB()] })] },
  { name: 'cilium: enableDefaultDeny ingress false does not isolate', engine: 'cilium', from: 'y/c', to: 'x/a', allowed: true,
    policies: [cilium('deny-b', 'x', { isolates: [], rules: [denyFromB()] })] },
  { name: 'cilium: enableDefaultDeny false still denies with its deny rules', engine: 'cilium', from: 'x/b', to: 'x/a', allowed: false,
    policies: [cilium('deny-b', 'x', { isolates: [], rules: [denyFromB()] })] },
  { name: 'cilium: egress to the own node needs entity host', engine: 'cilium', from: 'x/a', to: 'node:n1', allowed: true,
    policies: [cilium('host', 'x', { rules: [rule('egress', 0, 'allow', [{ kind: 'entity', entity: 'host' }])] })] },
  { name: 'cilium: entity host is not another node', engine: 'cilium', from: 'x/a', to: 'node:n2', allowed: false,
    policies: [cilium('host', 'x', { rules: [rule('egress', 0, 'allow', [{ kind: 'entity', entity: 'host' }])] })] },
  { name: 'cilium: toCIDR 0.0.0.0/0 never matches pods', engine: 'cilium', from: 'x/a', to: 'y/c', allowed: false,
    policies: [cilium('cidr', 'x', { rules: [rule('egress', 0, 'allow', [ipblock('0.0.0.0/0')])] })] },
  { name: 'cilium: fromEndpoints over io.kubernetes.pod.namespace', engine: 'cilium', from: 'y/c', to: 'x/a', allowed: true,
    policies: [cilium('from-y', 'x', { rules: [rule('ingress', 0, 'allow', [ep(eq('io.kubernetes.pod.namespace', 'y'))])] })] },
  { name: 'cilium ≥ 1.17: endPort range enforced', engine: 'cilium', from: 'x/b', to: 'x/a', probe: ['TCP', 81], allowed: true,
    policies: [np('x', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 90 }] }] })] },
  { name: 'cilium < 1.17: only the first port of an endPort range', engine: 'cilium', options: { endPort: false }, from: 'x/b', to: 'x/a', probe: ['TCP', 81], allowed: false,
    policies: [np('x', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 90 }] }] })] },
  { name: 'cilium: LoadBalancer with externalTrafficPolicy Cluster is seen as world', engine: 'cilium', from: 'x/b', to: 'x/a', allowed: false,
    flow: { via: { service: 'x/web', type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' } }, policies: [npAllowB] },
  // Azure NPM
  { name: 'azure-npm: LoadBalancer with externalTrafficPolicy Cluster bypasses ingress policy', engine: 'azure-npm', from: '8.8.8.8', to: 'x/a', allowed: true,
    flow: { via: { service: 'x/web', type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' } },
    policies: [np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })], says: '[service bypass]' },
  { name: 'azure-npm: externalTrafficPolicy Local is policed', engine: 'azure-npm', from: '8.8.8.8', to: 'x/a', allowed: false,
    flow: { via: { service: 'x/web', type: 'LoadBalancer', externalTrafficPolicy: 'Local' } },
    policies: [np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })] },
  { name: 'upstream: LoadBalancer ingress is policed with the client as source', engine: 'upstream', from: '8.8.8.8', to: 'x/a', allowed: false,
    flow: { via: { service: 'x/web', type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' } },
    policies: [np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })] },
  { name: 'azure-npm ignores Calico policies', engine: 'azure-npm', from: 'x/b', to: 'x/a', allowed: true, policies: [calico('deny', { ns: 'x', rules: [denyFromB()] })] },
  { name: 'calico ignores Cilium policies', engine: 'calico', from: 'x/b', to: 'x/a', allowed: true, policies: [cilium('deny', 'x', { rules: [denyFromB()] })] },
  // none
  { name: 'none: a deny-all policy is not enforced', engine: 'none', from: 'x/b', to: 'x/a', allowed: true,
    policies: [np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })], says: '[not enforced]' },
];

function endpoint(m: ReturnType<typeof model>, ref: string): Endpoint {
  if (ref.startsWith('node:')) return { kind: 'node', name: ref.slice(5) };
  const pod = m.pods.find((p) => `${p.namespace}/${p.name}` === ref);
  return pod ? { kind: 'pod', pod } : { kind: 'external', ip: ip(ref) };
}

describe('Calico, Cilium, Azure NPM and none semantics', () => {
  for (const r of ROWS) {
    it(r.name, () => {
      const m = model(r.policies);
      const profile = engineProfile(r.engine, r.options);
      const engine = buildPolicyEngine(m, profile);
      const [proto, port] = r.probe ?? ['TCP', 8080];
      const src = endpoint(m, r.from);
      const dst = endpoint(m, r.to);
      const v = engine.decide(src, dst, proto, port, r.flow);
      const why = `${v.egress.summary} || ${v.ingress.summary}`;
      assert.equal(v.allowed, r.allowed, why);
      assert.equal(engine.connections(src, dst, r.flow).allows(proto, port), r.allowed, 'connections()');
      assert.equal(naiveAllowed(m, profile, src, dst, proto, port, r.flow), r.allowed, 'naive oracle');
      if (r.says !== undefined) assert.ok(why.includes(r.says), `explanation lacks ${JSON.stringify(r.says)}: ${why}`);
    });
  }
  it('ignored dialects are listed', () => {
    const m = model([calico('deny', { ns: 'x', rules: [denyFromB()] }), cilium('d', 'x', { rules: [denyFromB()] })]);
    assert.deepEqual(buildPolicyEngine(m, engineProfile('azure-npm')).ignoredPolicies.map((p) => p.id),
      ['CalicoNetworkPolicy x/deny', 'CiliumNetworkPolicy x/d']);
    assert.deepEqual(buildPolicyEngine(m, engineProfile('none')).ignoredPolicies.length, 2);
  });
  it('calico tiers are sorted by order, nil last, then name', () => {
    const m = model([
      calico('a', { tier: 'zeta', rules: [allowAll('ingress')] }), calico('b', { tier: 'alpha', rules: [allowAll('ingress')] }),
      calico('c', { tier: 'early', tierOrder: 5, rules: [allowAll('ingress')] }),
    ]);
    const layers = buildPolicyEngine(m, engineProfile('calico')).profile.tiers.map((t) => t.layer);
    assert.deepEqual(layers, ['CalicoTier:early', 'CalicoTier:kube-admin', 'CalicoTier:default', 'CalicoTier:kube-baseline', 'CalicoTier:alpha', 'CalicoTier:zeta']);
  });
});
