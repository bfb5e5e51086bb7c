// Property tests for the Calico and Cilium semantics: on random clusters with random Calico policies (tiers, order,
// Allow/Deny/Pass/Log, selectors over endpoint labels, labelled IP sets, nets/notNets, notPorts) and Cilium policies
// (deny rules, per-direction default deny, entities), the class engine, decide() and the naive oracle agree; and the
// differential property of issue 4: for policies all four engines read alike (NetworkPolicy only, no ipBlock, no
// hostNetwork pods, no node traffic), upstream, calico, cilium and azure-npm allow exactly the same connections.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IpSet, PortSet, type L4Protocol } from '../net/index.js';
import type { Model, NormalizedPolicy, Peer, PolicyRule, PortMatch, RuleAction, Selector } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { ENFORCING_ENGINES, engineProfile, type EngineProfile } from './profile.js';
import { cidr, ip, ipblock, mkModel, mkNamespace, mkNode, mkPod, np, type LabelSelector, type NpPeer, type NpPort, type NpRule } from './testing/builders.js';
import type { Endpoint, FlowOptions } from './types.js';

const NSS = ['x', 'y', 'z'];
const at = { file: 'gen.yaml', line: 1, column: 1 };

const epSelArb: fc.Arbitrary<Selector> = fc.oneof(
  fc.constant<Selector>({ op: 'all' }),
  fc.constantFrom('a', 'b').map((v): Selector => ({ op: 'eq', key: 'app', value: v })),
  fc.constantFrom('x', 'y').map((v): Selector => ({ op: 'eq', key: 'projectcalico.org/namespace', value: v })),
  fc.constantFrom('red', 'blue').map((v): Selector => ({ op: 'eq', key: 'pcns.team', value: v })),
  fc.constant<Selector>({ op: 'has', key: 'tier' }),
  fc.constantFrom('x', 'z').map((v): Selector => ({ op: 'eq', key: 'io.kubernetes.pod.namespace', value: v })),
  fc.constant<Selector>({ op: 'eq', key: 'projectcalico.org/serviceaccount', value: 'api' }),
  fc.constant<Selector>({ op: 'not', arg: { op: 'eq', key: 'app', value: 'c' } }),
);
const setArb = fc.constantFrom(IpSet.empty(), IpSet.fromCidr(cidr('10.0.0.0/30')), IpSet.fromCidr(cidr('203.0.113.0/24')));
const leafPeerArb: fc.Arbitrary<Peer> = fc.oneof(
  fc.tuple(epSelArb, setArb).map(([selector, sets]): Peer => ({ kind: 'endpoints', selector, sets })),
  fc.constantFrom('10.0.0.0/29', '0.0.0.0/0', '203.0.113.0/24', '192.168.0.0/24').map((c) => ipblock(c)),
  fc.constantFrom('world', 'cluster', 'host', 'remote-node', 'all').map((entity): Peer => ({ kind: 'entity', entity: entity as 'world' })),
);
const peerArb: fc.Arbitrary<Peer> = fc.oneof(
  leafPeerArb,
  leafPeerArb.map((peer): Peer => ({ kind: 'not', peer })),
  fc.array(fc.oneof(leafPeerArb, leafPeerArb.map((peer): Peer => ({ kind: 'not', peer }))), { minLength: 2, maxLength: 3 })
    .map((peers): Peer => ({ kind: 'all-of', peers })),
);
const portArb: fc.Arbitrary<PortMatch> = fc.oneof(
  fc.tuple(fc.constantFrom<L4Protocol>('TCP', 'UDP'), fc.constantFrom(PortSet.single(80), PortSet.range(80, 81), PortSet.all()))
    .map(([protocol, ports]): PortMatch => ({ kind: 'numeric', protocol, ports })),
  fc.constantFrom('http', 'dns').map((name): PortMatch => ({ kind: 'named', name })),
);
function ruleArb(actions: RuleAction[]): fc.Arbitrary<Omit<PolicyRule, 'direction' | 'index'>> {
  return fc.record({
    action: fc.constantFrom(...actions),
    peers: fc.oneof(fc.constant<'any'>('any'), fc.array(peerArb, { minLength: 1, maxLength: 2 })),
    ports: fc.oneof(fc.constant<'any'>('any'), fc.array(portArb, { minLength: 1, maxLength: 2 })),
    notPorts: fc.option(fc.array(portArb, { minLength: 1, maxLength: 1 }), { nil: undefined }),
  }).map((r) => ({ ...r, origin: at }));
}
function rules(ing: Omit<PolicyRule, 'direction' | 'index'>[], eg: Omit<PolicyRule, 'direction' | 'index'>[]): PolicyRule[] {
  return [
    ...ing.map((r, index): PolicyRule => ({ ...r, direction: 'ingress', index })),
    ...eg.map((r, index): PolicyRule => ({ ...r, direction: 'egress', index })),
  ];
}
const dirsArb = fc.subarray(['ingress', 'egress'] as const, { minLength: 1 });

const calicoArb: fc.Arbitrary<Omit<NormalizedPolicy, 'id' | 'name'>> = fc.record({
  global: fc.boolean(),
  ns: fc.constantFrom(...NSS),
  tier: fc.constantFrom<[string | undefined, number | undefined, 'deny' | 'pass']>(
    [undefined, undefined, 'deny'], ['security', 100, 'pass'], ['security', 100, 'pass'], ['platform', 2_000_000, 'deny'], ['late', undefined, 'deny']),
  priority: fc.option(fc.constantFrom(10, 1000, 2000), { nil: undefined }),
  endpoint: epSelArb,
  directions: dirsArb,
  ingress: fc.array(ruleArb(['allow', 'deny', 'pass', 'log']), { maxLength: 2 }),
  egress: fc.array(ruleArb(['allow', 'deny', 'pass', 'log']), { maxLength: 2 }),
}).map((c) => ({
  source: c.global ? 'calico-globalnetworkpolicy' : 'calico-networkpolicy',
  namespace: c.global ? undefined : c.ns,
  subject: {
    namespaces: c.global ? { op: 'all' } : { op: 'eq', key: 'kubernetes.io/metadata.name', value: c.ns },
    pods: { op: 'all' }, endpoint: c.endpoint,
  },
  directions: [...c.directions], priority: c.priority, tier: c.tier[0], tierOrder: c.tier[1], tierDefaultAction: c.tier[2],
  rules: rules(c.ingress, c.egress), origin: at,
}));

const ciliumArb: fc.Arbitrary<Omit<NormalizedPolicy, 'id' | 'name'>> = fc.record({
  clusterwide: fc.boolean(),
  ns: fc.constantFrom(...NSS),
  endpoint: epSelArb,
  directions: dirsArb,
  isolates: fc.option(fc.subarray(['ingress', 'egress'] as const), { nil: undefined }),
  ingress: fc.array(ruleArb(['allow', 'deny']), { maxLength: 2 }),
  egress: fc.array(ruleArb(['allow', 'deny']), { maxLength: 2 }),
}).map((c) => ({
  source: c.clusterwide ? 'cilium-clusterwide-networkpolicy' : 'cilium-networkpolicy',
  namespace: c.clusterwide ? undefined : c.ns,
  subject: {
    namespaces: c.clusterwide ? { op: 'all' } : { op: 'eq', key: 'kubernetes.io/metadata.name', value: c.ns },
    pods: { op: 'all' }, endpoint: c.endpoint,
  },
  directions: [...c.directions], isolates: c.isolates === undefined ? undefined : [...c.isolates],
  rules: rules(c.ingress, c.egress), origin: at,
}));

const labelsArb = fc.record({ app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('f', 'g') }, { requiredKeys: [] });
const podArb = fc.record({
  ns: fc.constantFrom(...NSS),
  labels: labelsArb,
  sa: fc.constantFrom('default', 'api'),
  ports: fc.subarray([{ name: 'http', port: 80, protocol: 'TCP' as const }, { name: 'dns', port: 53, protocol: 'UDP' as const },
    { name: 'http', port: 81, protocol: 'UDP' as const }]),
  node: fc.constantFrom('n1', 'n2'),
  hostNetwork: fc.integer({ min: 0, max: 9 }).map((n) => n < 1),
});

interface World {
  model: Model;
  endpoints: Endpoint[];
}

function mkWorld(pods: fc.Arbitrary<{ ns: string; labels: Record<string, string>; sa: string; ports: { name: string; port: number; protocol: L4Protocol }[]; node: string; hostNetwork: boolean }[]>,
  policies: fc.Arbitrary<NormalizedPolicy[]>, withNodes: boolean): fc.Arbitrary<World> {
  return fc.record({ pods, policies, teams: fc.tuple(fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue')) })
    .map(({ pods: ps, policies: pols, teams }) => {
      const model = mkModel({
        namespaces: NSS.map((n, i) => mkNamespace(n, { team: teams[i] })),
        pods: ps.map((p, i) => ({
          ...mkPod(p.ns, `p${i}`, {
            labels: p.labels, ports: p.ports, node: p.node, hostIp: p.node === 'n1' ? '192.168.0.1' : '192.168.0.2',
            ip: p.hostNetwork ? (p.node === 'n1' ? '192.168.0.1' : '192.168.0.2') : `10.0.0.${i + 1}`, hostNetwork: p.hostNetwork,
          }),
          serviceAccount: p.sa,
        })),
        nodes: [mkNode('n1', '192.168.0.1'), mkNode('n2', '192.168.0.2')],
        policies: pols,
      });
      const endpoints: Endpoint[] = [
        ...model.pods.map((pod) => ({ kind: 'pod' as const, pod })),
        ...(withNodes ? [{ kind: 'node' as const, name: 'n1' }, { kind: 'node' as const, name: 'n2', ip: ip('192.168.0.2') }] : []),
        { kind: 'external', ip: ip('10.0.0.9') }, { kind: 'external', ip: ip('203.0.113.7') },
      ];
      return { model, endpoints };
    });
}

const named = (kind: string) => (ps: Omit<NormalizedPolicy, 'id' | 'name'>[]): NormalizedPolicy[] =>
  ps.map((p, i) => ({ ...p, id: `${kind} ${p.namespace ?? ''}/${kind}${i}`, name: `${kind}${i}` }));

const PROBES: [L4Protocol, number][] = [['TCP', 80], ['TCP', 81], ['UDP', 53], ['UDP', 81], ['TCP', 82]];
const VIAS: (FlowOptions | undefined)[] = [
  undefined,
  { via: { service: 'x/lb', type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' } },
  { via: { service: 'x/np', type: 'NodePort', externalTrafficPolicy: 'Cluster', node: 'n2' } },
  // A forwarding node the model has no Node object for, known by the via's address (ipBlocks match it).
  { via: { service: 'x/np', type: 'NodePort', externalTrafficPolicy: 'Cluster', node: 'n9', nodeIps: [ip('10.0.0.9')] } },
];

function disagreements(w: World, profile: EngineProfile, vias: readonly (FlowOptions | undefined)[]): string[] {
  const engine = buildPolicyEngine(w.model, profile);
  const out: string[] = [];
  for (const a of w.endpoints) for (const b of w.endpoints) for (const opts of vias) {
    const conns = engine.connections(a, b, opts);
    for (const [proto, port] of PROBES) {
      const c = conns.allows(proto, port);
      const d = engine.decide(a, b, proto, port, opts).allowed;
      const n = naiveAllowed(w.model, profile, a, b, proto, port, opts);
      if (c !== n || d !== n) {
        const name = (e: Endpoint): string => (e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : e.kind === 'node' ? e.name : JSON.stringify(e.ip.value.toString()));
        out.push(`${profile.name}: ${name(a)} -> ${name(b)} ${proto}/${port} via=${opts?.via?.type ?? '-'} conns=${c} decide=${d} naive=${n}`);
      }
    }
  }
  return out;
}

const PROFILES: EngineProfile[] = [
  engineProfile('calico'), engineProfile('cilium'), engineProfile('cilium', { endPort: false }), engineProfile('upstream'),
  engineProfile('azure-npm'), engineProfile('none'),
];

describe('Calico and Cilium policies: engine ≡ decide ≡ naive', () => {
  const world = mkWorld(fc.array(podArb, { minLength: 1, maxLength: 5 }),
    fc.tuple(fc.array(calicoArb, { maxLength: 3 }).map(named('GlobalNetworkPolicy')), fc.array(ciliumArb, { maxLength: 2 }).map(named('CiliumNetworkPolicy')),
      fc.array(fc.record({ ns: fc.constantFrom(...NSS), sel: fc.constantFrom<LabelSelector>({}, { matchLabels: { app: 'a' } }) }), { maxLength: 2 })
        .map((xs) => xs.map((x, i) => np(x.ns, `np${i}`, { podSelector: x.sel, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }], egress: [{ ports: [{ port: 80, endPort: 81 }] }] }))))
      .map(([a, b, c]) => [...a, ...b, ...c]), true);
  for (const profile of PROFILES) {
    it(`${profile.name}${profile.endPortSupported ? '' : ' (no endPort)'}`, () => {
      fc.assert(fc.property(world, (w) => {
        assert.deepEqual(disagreements(w, profile, VIAS), []);
      }), { numRuns: 120 });
    });
  }
});

// ── Differential: policies every engine reads alike ─────────────────────────────────────────────────────────────
const selArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  labelsArb.map((l) => ({ matchLabels: l as Record<string, string> })),
  fc.record({ matchExpressions: fc.array(fc.record({
    key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const),
    values: fc.subarray(['a', 'b', 'f']),
  }).map((e) => (e.operator === 'Exists' || e.operator === 'DoesNotExist' ? { key: e.key, operator: e.operator } : { ...e, values: e.values.length ? e.values : ['a'] })), { minLength: 1, maxLength: 2 }) }),
);
const nsSelArb: fc.Arbitrary<LabelSelector> = fc.oneof(fc.constant({}), fc.constantFrom(...NSS).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constantFrom('red', 'blue').map((t) => ({ matchLabels: { team: t } })));
const npPeerArb: fc.Arbitrary<NpPeer> = fc.oneof(
  selArb.map((s) => ({ podSelector: s })),
  nsSelArb.map((s) => ({ namespaceSelector: s })),
  fc.tuple(selArb, nsSelArb).map(([p, n]) => ({ podSelector: p, namespaceSelector: n })),
);
const npPortArb: fc.Arbitrary<NpPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 81) }, { requiredKeys: ['port'] }),
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }),
  fc.constant({ port: 80, endPort: 81 }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }, { requiredKeys: ['port'] }),
);
const npRuleArb = (dir: 'from' | 'to'): fc.Arbitrary<NpRule> => fc.record({
  [dir]: fc.array(npPeerArb, { maxLength: 2 }), ports: fc.array(npPortArb, { maxLength: 2 }),
}, { requiredKeys: [] }) as fc.Arbitrary<NpRule>;
const npArb = fc.record({
  ns: fc.constantFrom(...NSS), podSelector: selArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }), { nil: undefined }),
  ingress: fc.option(fc.array(npRuleArb('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(npRuleArb('to'), { maxLength: 2 }), { nil: undefined }),
});

describe('differential: for policies all four engines read alike, all engines agree on random clusters', () => {
  it('upstream = calico = cilium = azure-npm on NetworkPolicy-only clusters without ipBlock, hostNetwork or node traffic', () => {
    const world = mkWorld(fc.array(podArb.map((p) => ({ ...p, hostNetwork: false })), { minLength: 1, maxLength: 6 }),
      fc.array(npArb, { maxLength: 4 }).map((ps) => ps.map((p, i) => np(p.ns, `np${i}`, { podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress }))),
      false);
    fc.assert(fc.property(world, (w) => {
      const engines = ENFORCING_ENGINES.map((n) => buildPolicyEngine(w.model, engineProfile(n)));
      for (const a of w.endpoints) for (const b of w.endpoints) {
        const [first, ...rest] = engines.map((e) => e.connections(a, b));
        rest.forEach((c, i) => assert.ok(c.equals(first), `${ENFORCING_ENGINES[i + 1]} ${c.toString()} ≠ upstream ${first.toString()}`));
      }
    }), { numRuns: 200 });
  });
});
