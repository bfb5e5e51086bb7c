// Random small clusters for property tests: three namespaces, up to six pods (some hostNetwork, some without an
// address), up to four NetworkPolicies and, optionally, AdminNetworkPolicies and a BaselineAdminNetworkPolicy; the
// endpoints to probe (every pod, both nodes, two external addresses) and the engine profiles to run them under.
import fc from 'fast-check';
import type { L4Protocol } from '../../net/index.js';
import type { Model, NormalizedPolicy } from '../../../model/index.js';
import { ENGINE_NAMES, engineProfile, type EngineProfile } from '../profile.js';
import {
  anp, banp, ip, mkModel, mkNamespace, mkNode, mkPod, np,
  type AnpPeer, type AnpPort, type AnpSpec, type AnpRule, type LabelSelector, type NpPeer, type NpPort, type NpRule,
} from './builders.js';
import type { Endpoint } from '../types.js';

/** The namespaces every random cluster has. */
export const NSS = ['x', 'y', 'z'];
/** Pod labels: app a|b|c and tier f|g, each possibly absent. */
export const labelsArb = fc.record({ app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('f', 'g') }, { requiredKeys: [] });
/** A pod selector: empty, matchLabels, or one or two matchExpressions. */
export const selArb: fc.Arbitrary<LabelSelector> = fc.oneof(
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
/** A namespace selector: empty, by name, or by team. */
export const nsSelArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...NSS).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constantFrom('red', 'blue').map((t) => ({ matchLabels: { team: t } })),
);
/** The CIDRs ipBlock and networks peers draw from (overlapping on purpose). */
export const CIDRS = ['10.0.0.0/29', '10.0.0.4/30', '0.0.0.0/0', '10.0.0.9/32', '192.168.0.0/24', '203.0.113.0/24'];
/** A NetworkPolicy peer: pod selector, namespace selector, both, or an ipBlock with excepts inside it. */
export const npPeerArb: fc.Arbitrary<NpPeer> = fc.oneof(
  selArb.map((s) => ({ podSelector: s })),
  nsSelArb.map((s) => ({ namespaceSelector: s })),
  fc.tuple(selArb, nsSelArb).map(([p, n]) => ({ podSelector: p, namespaceSelector: n })),
  fc.tuple(fc.constantFrom(...CIDRS), fc.subarray(['10.0.0.2/32', '10.0.0.5/32', '192.168.0.1/32'])).map(([c, e]) => ({
    ipBlock: { cidr: c, except: e.filter((x) => c === '0.0.0.0/0' || (c.startsWith('10.0.0') && x.startsWith('10.0.0')) || (c.startsWith('192') && x.startsWith('192'))) },
  })),
);
/** A NetworkPolicy port: number, protocol only, endPort range, or a named port. */
export const npPortArb: fc.Arbitrary<NpPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 81) }, { requiredKeys: ['port'] }),
  fc.record({ protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }),
  fc.constant({ port: 80, endPort: 81 }),
  fc.record({ port: fc.constantFrom('http', 'dns', 'alt', 'nope'), protocol: fc.constantFrom<L4Protocol>('TCP', 'UDP') }, { requiredKeys: ['port'] }),
);
/** A NetworkPolicy ingress (`from`) or egress (`to`) rule. */
export const npRuleArb = (dir: 'from' | 'to'): fc.Arbitrary<NpRule> => fc.record({
  [dir]: fc.array(npPeerArb, { maxLength: 2 }),
  ports: fc.array(npPortArb, { maxLength: 2 }),
}, { requiredKeys: [] }) as fc.Arbitrary<NpRule>;
/** A NetworkPolicy (policyTypes absent = inferred). */
export const npArb = fc.record({
  ns: fc.constantFrom(...NSS),
  podSelector: selArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }), { nil: undefined }),
  ingress: fc.option(fc.array(npRuleArb('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(npRuleArb('to'), { maxLength: 2 }), { nil: undefined }),
});

/** An AdminNetworkPolicy peer: namespaces, pods, networks or nodes. */
export const anpPeerArb: fc.Arbitrary<AnpPeer> = fc.oneof(
  nsSelArb.map((n) => ({ namespaces: n })),
  fc.tuple(nsSelArb, selArb).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } })),
  fc.constantFrom(...CIDRS).map((c) => ({ networks: [c] })),
  fc.constantFrom<LabelSelector>({}, { matchLabels: { pool: 'p1' } }).map((s) => ({ nodes: s })),
);
/** An AdminNetworkPolicy port: number, range, or named port. */
export const anpPortArb: fc.Arbitrary<AnpPort> = fc.oneof(
  fc.constantFrom(53, 80, 81).map((port) => ({ portNumber: { port, protocol: 'TCP' as const } })),
  fc.constant({ portRange: { protocol: 'UDP' as const, start: 50, end: 80 } }),
  fc.constantFrom('http', 'dns').map((n) => ({ namedPort: n })),
);
/** An AdminNetworkPolicy rule with one of `actions`. */
export const anpRuleArb = (dir: 'from' | 'to', actions: AnpRule['action'][]): fc.Arbitrary<AnpRule> => fc.record({
  name: fc.constantFrom('r1', 'r2', 'r3'),
  action: fc.constantFrom(...actions),
  [dir]: fc.array(anpPeerArb, { minLength: 1, maxLength: 2 }),
  ports: fc.option(fc.array(anpPortArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
}) as fc.Arbitrary<AnpRule>;
/** An AdminNetworkPolicy subject: namespaces or pods. */
export const subjectArb = fc.oneof(
  nsSelArb.map((n) => ({ namespaces: n })),
  fc.tuple(nsSelArb, selArb).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } })),
);
/** An AdminNetworkPolicy with priority 0..3. */
export const anpArb = fc.record({
  priority: fc.integer({ min: 0, max: 3 }),
  subject: subjectArb,
  ingress: fc.array(anpRuleArb('from', ['Allow', 'Deny', 'Pass']), { maxLength: 2 }),
  egress: fc.array(anpRuleArb('to', ['Allow', 'Deny', 'Pass']), { maxLength: 2 }),
});
/** A BaselineAdminNetworkPolicy (Allow/Deny only). */
export const banpArb = fc.record({
  subject: subjectArb,
  ingress: fc.array(anpRuleArb('from', ['Allow', 'Deny']), { maxLength: 2 }),
  egress: fc.array(anpRuleArb('to', ['Allow', 'Deny']), { maxLength: 2 }),
});

/** A pod: namespace, labels, declared ports, node, maybe no address, 20% hostNetwork. */
export const podArb = fc.record({
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

/** A random cluster and the endpoints to probe in it. */
export interface World {
  model: Model;
  endpoints: Endpoint[];
}

/** How big a random cluster is: pods and NetworkPolicies. */
export interface WorldSize {
  readonly minPods: number;
  readonly maxPods: number;
  readonly maxNps: number;
}

/** The default: 1–6 pods (every flow can be checked against the naive evaluator), up to 4 NetworkPolicies. */
export const SMALL_WORLD: WorldSize = { minPods: 1, maxPods: 6, maxNps: 4 };

/** Random clusters; `withAdmin` adds AdminNetworkPolicies and a BaselineAdminNetworkPolicy. */
export function world(withAdmin: boolean, size: WorldSize = SMALL_WORLD): fc.Arbitrary<World> {
  return fc.record({
    pods: fc.array(podArb, { minLength: size.minPods, maxLength: size.maxPods }),
    nsTeams: fc.tuple(fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue')),
    nps: fc.array(npArb, { maxLength: size.maxNps }),
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

/** The (protocol, port) probes checked per endpoint pair. */
export const PROBES: [L4Protocol, number][] = [['TCP', 80], ['TCP', 81], ['UDP', 53], ['UDP', 81], ['SCTP', 80], ['TCP', 82]];
/** Every engine profile, plus upstream with ipBlocks ignoring pods and cilium with them matching pods. */
export const PROFILES: EngineProfile[] = [
  ...ENGINE_NAMES.map((n) => engineProfile(n)),
  engineProfile('upstream', { ipblockPods: 'ignore' }),
  engineProfile('cilium', { ipblockPods: 'match' }),
];
