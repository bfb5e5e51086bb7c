// Property tests on random small models: the class engine, decide() and the naive reference agree on every flow under
// every profile, and adding an allow rule to a NetworkPolicy never removes connectivity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { L4Protocol } from '../net/index.js';
import type { Model, NormalizedPolicy } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { ENGINE_NAMES, engineProfile, type EngineProfile } from './profile.js';
import {
  anp, banp, ip, mkModel, mkNamespace, mkNode, mkPod, np,
  type AnpPeer, type AnpPort, type AnpSpec, type AnpRule, type LabelSelector, type NpPeer, type NpPort, type NpRule,
} from './testing/builders.js';
import type { Endpoint } from './types.js';

const NSS = ['x', 'y', 'z'];
const labelsArb = fc.record({ app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('f', 'g') }, { requiredKeys: [] });
const selArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  labelsArb.map((l) => ({ matchLabels: l as Record<string, string> })),
  fc.record({
    matchExpressions: fc.array(fc.record({
      key: fc.constantFrom('app', 'tier', 'team'),
      operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const),
      values: fc.subarray(['a', 'b', 'f', 'red']),
    }), { minLength: 1, maxLength: 2 }),
  }),
);
const nsSelArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...NSS).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constantFrom('red', 'blue').map((t) => ({ matchLabels: { team: t } })),
);
const CIDRS = ['10.0.0.0/29', '10.0.0.4/30', '0.0.0.0/0', '10.0.0.9/32', '192.168.0.0/24', '203.0.113.0/24'];
const npPeerArb: fc.Arbitrary<NpPeer> = fc.oneof(
  selArb.map((s) => ({ podSelector: s })),
  nsSelArb.map((s) => ({ namespaceSelector: s })),
  fc.tuple(selArb, nsSelArb).map(([p, n]) => ({ podSelector: p, namespaceSelector: n })),
  fc.tuple(fc.constantFrom(...CIDRS), fc.subarray(['10.0.0.2/32', '10.0.0.5/32', '192.168.0.1/32'])).map(([c, e]) => ({
    ipBlock: { cidr: c, except: e.filter((x) => c === '0.0.0.0/0' || (c.startsWith('10.0.0') && x.startsWith('10.0.0')) || (c.startsWith('192') && x.startsWith('192'))) },
  })),
);
const npPortArb: fc.Arbitrary<NpPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 81) }, { requiredKeys: ['port'] }),
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }),
  fc.constant({ port: 80, endPort: 81 }),
  fc.record({ port: fc.constantFrom('http', 'dns', 'alt', 'nope'), protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }, { requiredKeys: ['port'] }),
);
const npRuleArb = (dir: 'from' | 'to'): fc.Arbitrary<NpRule> => fc.record({
  [dir]: fc.array(npPeerArb, { maxLength: 2 }),
  ports: fc.array(npPortArb, { maxLength: 2 }),
}, { requiredKeys: [] }) as fc.Arbitrary<NpRule>;
const npArb = fc.record({
  ns: fc.constantFrom(...NSS),
  podSelector: selArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }), { nil: undefined }),
  ingress: fc.option(fc.array(npRuleArb('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(npRuleArb('to'), { maxLength: 2 }), { nil: undefined }),
});

const anpPeerArb: fc.Arbitrary<AnpPeer> = fc.oneof(
  nsSelArb.map((n) => ({ namespaces: n })),
  fc.tuple(nsSelArb, selArb).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } })),
  fc.constantFrom(...CIDRS).map((c) => ({ networks: [c] })),
  fc.constantFrom<LabelSelector>({}, { matchLabels: { pool: 'p1' } }).map((s) => ({ nodes: s })),
);
const anpPortArb: fc.Arbitrary<AnpPort> = fc.oneof(
  fc.constantFrom(53, 80, 81).map((port) => ({ portNumber: { port, protocol: 'TCP' as const } })),
  fc.constant({ portRange: { protocol: 'UDP' as const, start: 50, end: 80 } }),
  fc.constantFrom('http', 'dns').map((n) => ({ namedPort: n })),
);
const anpRuleArb = (dir: 'from' | 'to', actions: AnpRule['action'][]): fc.Arbitrary<AnpRule> => fc.record({
  name: fc.constantFrom('r1', 'r2', 'r3'),
  action: fc.constantFrom(...actions),
  [dir]: fc.array(anpPeerArb, { minLength: 1, maxLength: 2 }),
  ports: fc.option(fc.array(anpPortArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
}) as fc.Arbitrary<AnpRule>;
const subjectArb = fc.oneof(
  nsSelArb.map((n) => ({ namespaces: n })),
  fc.tuple(nsSelArb, selArb).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } })),
);
const anpArb = fc.record({
  priority: fc.integer({ min: 0, max: 3 }),
  subject: subjectArb,
  ingress: fc.array(anpRuleArb('from', ['Allow', 'Deny', 'Pass']), { maxLength: 2 }),
  egress: fc.array(anpRuleArb('to', ['Allow', 'Deny', 'Pass']), { maxLength: 2 }),
});
const banpArb = fc.record({
  subject: subjectArb,
  ingress: fc.array(anpRuleArb('from', ['Allow', 'Deny']), { maxLength: 2 }),
  egress: fc.array(anpRuleArb('to', ['Allow', 'Deny']), { maxLength: 2 }),
});

const podArb = fc.record({
  ns: fc.constantFrom(...NSS),
  labels: labelsArb,
  ports: fc.subarray([
    { name: 'http', port: 80, protocol: 'TCP' as const },
    { name: 'dns', port: 53, protocol: 'UDP' as const },
    { name: 'alt', port: 81, protocol: 'TCP' as const },
    { name: 'http', port: 81, protocol: 'UDP' as const },
  ]),
  node: fc.constantFrom('n1', 'n2'),
  hasIp: fc.boolean(),
  hostNetwork: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

interface World {
  model: Model;
  endpoints: Endpoint[];
}

function world(withAdmin: boolean): fc.Arbitrary<World> {
  return fc.record({
    pods: fc.array(podArb, { minLength: 1, maxLength: 6 }),
    nsTeams: fc.tuple(fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue')),
    nps: fc.array(npArb, { maxLength: 4 }),
    anps: (withAdmin ? fc.array(anpArb, { maxLength: 2 }) : fc.constant([])) as fc.Arbitrary<AnpSpec[]>,
    banps: (withAdmin ? fc.array(banpArb, { maxLength: 1 }) : fc.constant([])) as fc.Arbitrary<Omit<AnpSpec, 'priority'>[]>,
  }).map(({ pods, nsTeams, nps, anps, banps }) => {
    const policies: NormalizedPolicy[] = [
      ...nps.map((p, i) => np(p.ns, `np${i}`, { podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress })),
      ...anps.map((a, i) => anp(`anp${i}`, a)),
      ...banps.map((b) => banp(b)),
    ];
    const model = mkModel({
      namespaces: NSS.map((n, i) => mkNamespace(n, { team: nsTeams[i] })),
      pods: pods.map((p, i) => mkPod(p.ns, `p${i}`, {
        labels: p.labels as Record<string, string>, ports: p.ports, node: p.node, hostIp: p.node === 'n1' ? '192.168.0.1' : '192.168.0.2',
        ip: p.hostNetwork ? (p.node === 'n1' ? '192.168.0.1' : '192.168.0.2') : p.hasIp ? `10.0.0.${i + 1}` : undefined, hostNetwork: p.hostNetwork,
      })),
      nodes: [mkNode('n1', '192.168.0.1', { pool: 'p1' }), mkNode('n2', '192.168.0.2', { pool: 'p2' })],
      policies,
    });
    const endpoints: Endpoint[] = [
      ...model.pods.map((pod) => ({ kind: 'pod' as const, pod })),
      { kind: 'node', name: 'n1' }, { kind: 'node', name: 'n2', ip: ip('192.168.0.2') },
      { kind: 'external', ip: ip('10.0.0.9') }, { kind: 'external', ip: ip('203.0.113.7') },
    ];
    return { model, endpoints };
  });
}

const PROBES: [L4Protocol, number][] = [['TCP', 80], ['TCP', 81], ['UDP', 53], ['UDP', 81], ['SCTP', 80], ['TCP', 82]];
const PROFILES: EngineProfile[] = [
  ...ENGINE_NAMES.map((n) => engineProfile(n)),
  engineProfile('upstream', { ipblockPods: 'ignore' }),
  engineProfile('cilium', { ipblockPods: 'match' }),
];

function disagreements(w: World, profile: EngineProfile): string[] {
  const engine = buildPolicyEngine(w.model, profile);
  const out: string[] = [];
  for (const a of w.endpoints) for (const b of w.endpoints) {
    const conns = engine.connections(a, b);
    for (const [proto, port] of PROBES) {
      const c = conns.allows(proto, port);
      const d = engine.decide(a, b, proto, port).allowed;
      const n = naiveAllowed(w.model, profile, a, b, proto, port);
      if (c !== n || d !== n) out.push(`${profile.name}: ${JSON.stringify([a.kind, b.kind, proto, port])} conns=${c} decide=${d} naive=${n}`);
    }
  }
  return out;
}

describe('engine ≡ decide ≡ naive on random models', () => {
  for (const profile of PROFILES) {
    it(`${profile.name} (ipBlock matches pods: ${profile.ipblockMatchesPods}) with NP, ANP and BANP`, () => {
      fc.assert(fc.property(world(true), (w) => {
        assert.deepEqual(disagreements(w, profile), []);
      }), { numRuns: 150 });
    });
  }
});

describe('adding an allow rule never removes connectivity (NetworkPolicy-only models)', () => {
  for (const profile of PROFILES) {
    it(profile.name, () => {
      fc.assert(fc.property(world(false), fc.nat(), fc.boolean(), npRuleArb('from'), npRuleArb('to'), (w, pick, ingress, inRule, egRule) => {
        const nps = w.model.policies;
        fc.pre(nps.length > 0);
        const target = nps[pick % nps.length];
        const extra = np('tmp', 'tmp', ingress ? { ingress: [inRule] } : { policyTypes: ['Egress'], egress: [egRule] });
        const ns = target.namespace ?? 'x';
        const added = extra.rules.map((r) => ({
          ...r, index: target.rules.filter((x) => x.direction === r.direction).length,
          // Re-scope pod-only peers to the target policy's namespace, as the translation would.
          peers: r.peers === 'any' ? r.peers : r.peers.map((p) => (p.kind === 'pods' && p.namespaces.op === 'eq' && p.namespaces.value === 'tmp'
            ? { ...p, namespaces: { ...p.namespaces, value: ns } } : p)),
        }));
        const grown: NormalizedPolicy = { ...target, rules: [...target.rules, ...added] };
        const after = { ...w.model, policies: w.model.policies.map((p) => (p === target ? grown : p)) };
        const e1 = buildPolicyEngine(w.model, profile);
        const e2 = buildPolicyEngine(after, profile);
        for (const a of w.endpoints) for (const b of w.endpoints) {
          const before = e1.connections(a, b);
          const now = e2.connections(a, b);
          assert.ok(before.isSubsetOf(now), `${before.toString()} ⊄ ${now.toString()}`);
        }
      }), { numRuns: 100 });
    });
  }
});
