// Synthetic cluster generator for benchmarks: namespaces, workloads with replicas, and a realistic mix of
// NetworkPolicies (default deny, tier-to-tier allows on named ports, cross-namespace allows by team, CIDR egress),
// a few AdminNetworkPolicies and a BaselineAdminNetworkPolicy. Deterministic for a given seed.
import { IpSet, parseCidr, PortSet, type Cidr, type Ip } from '../src/engines/net/index.js';
import {
  emptyModel, NAMESPACE_NAME_LABEL, type ContainerPort, type Model, type Namespace, type NormalizedPolicy, type Origin,
  type Peer, type PolicyRule, type PortMatch, type Selector,
} from '../src/model/index.js';
import type { Pod, Workload } from '../src/model/k8s.js';

/** Size of the generated cluster. */
export interface GenerateOptions {
  readonly namespaces: number;
  readonly workloads: number;
  readonly replicas: number;
  readonly policies: number;
  readonly nodes: number;
  readonly seed: number;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORIGIN: Origin = { file: 'synthetic.yaml', line: 1, column: 1 };
const TIERS = ['web', 'api', 'db', 'cache'] as const;
const PORTS: Record<(typeof TIERS)[number], ContainerPort[]> = {
  web: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
  api: [{ name: 'http', port: 8000, protocol: 'TCP' }, { name: 'grpc', port: 9000, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
  db: [{ name: 'sql', port: 5432, protocol: 'TCP' }, { name: 'metrics', port: 9187, protocol: 'TCP' }],
  cache: [{ name: 'redis', port: 6379, protocol: 'TCP' }],
};

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new Error(text);
  return c.cidr;
}
function ipv4(n: number): Ip {
  return { family: 4, value: BigInt(n >>> 0) };
}
const eq = (key: string, value: string): Selector => ({ op: 'eq', key, value });
const and = (...args: Selector[]): Selector => ({ op: 'and', args });
const ALL: Selector = { op: 'all' };
const ipblock = (c: string, except: string[] = []): Peer => {
  const block = cidr(c);
  const ex = except.map(cidr);
  return { kind: 'ipblock', cidr: block, except: ex, set: IpSet.fromCidr(block).subtract(IpSet.fromCidrs(ex)) };
};
const tcp = (lo: number, hi = lo): PortMatch => ({ kind: 'numeric', protocol: 'TCP', ports: PortSet.range(lo, hi) });
const named = (name: string): PortMatch => ({ kind: 'named', protocol: 'TCP', name });

/** Generates the model. Pods carry addresses (10.244.0.0/14, sequential) and nodes. */
export function generateCluster(o: GenerateOptions): Model {
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const namespaces: Namespace[] = [];
  for (let i = 0; i < o.namespaces; i++) {
    const name = `ns-${String(i).padStart(3, '0')}`;
    namespaces.push({ name, labels: { [NAMESPACE_NAME_LABEL]: name, team: `team-${i % 10}`, env: i % 3 === 0 ? 'prod' : 'dev' }, synthesized: false, origin: ORIGIN });
  }
  const workloads: Workload[] = [];
  const pods: Pod[] = [];
  let ipN = (10 << 24) | (244 << 16);
  for (let w = 0; w < o.workloads; w++) {
    const ns = namespaces[w % o.namespaces].name;
    const tier = TIERS[w % TIERS.length];
    const name = `app-${String(w).padStart(5, '0')}`;
    const podLabels = { app: name, tier, 'app.kubernetes.io/part-of': `system-${w % 37}` };
    workloads.push({ namespace: ns, name, kind: 'Deployment', replicas: o.replicas, podLabels, ports: PORTS[tier], hostNetwork: false, serviceAccount: 'default', origin: ORIGIN });
    for (let k = 0; k < o.replicas; k++) {
      const node = (w * o.replicas + k) % o.nodes;
      pods.push({
        namespace: ns, name: `${name}-${k}`, labels: { ...podLabels, 'pod-template-hash': `h${k % 2}` }, ports: PORTS[tier],
        ip: ipv4(ipN++), hostIp: ipv4((10 << 24) | (224 << 16) | (node + 4)), hostNetwork: false, nodeName: `node-${node}`,
        serviceAccount: 'default', workload: { kind: 'Deployment', name }, origin: ORIGIN,
      });
    }
  }
  const policies: NormalizedPolicy[] = [];
  const np = (ns: string, name: string, pods: Selector, directions: ('ingress' | 'egress')[], rules: Omit<PolicyRule, 'origin'>[]): void => {
    policies.push({
      id: `NetworkPolicy ${ns}/${name}`, source: 'k8s-networkpolicy', namespace: ns, name,
      subject: { namespaces: eq(NAMESPACE_NAME_LABEL, ns), pods }, directions, rules: rules.map((x) => ({ ...x, origin: ORIGIN })), origin: ORIGIN,
    });
  };
  // Default deny ingress in every namespace; default deny egress (with DNS) in every fifth.
  for (const [i, n] of namespaces.entries()) {
    np(n.name, 'default-deny-ingress', ALL, ['ingress'], []);
    if (i % 5 === 0) {
      np(n.name, 'default-deny-egress', ALL, ['egress'], [
        { direction: 'egress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: eq(NAMESPACE_NAME_LABEL, 'kube-system'), pods: ALL }], ports: [{ kind: 'numeric', protocol: 'UDP', ports: PortSet.single(53) }, tcp(53)] },
        { direction: 'egress', index: 1, action: 'allow', peers: [{ kind: 'pods', namespaces: eq(NAMESPACE_NAME_LABEL, n.name), pods: ALL }], ports: 'any' },
      ]);
    }
  }
  // Per-workload allows until the policy budget is spent.
  const anps = Math.min(10, Math.floor(o.policies / 200));
  let w = 0;
  while (policies.length < o.policies - anps - 1) {
    const wl = workloads[(w * 7919) % workloads.length];
    w++;
    const ns = wl.namespace;
    const self = eq('app', wl.name);
    const kind = Math.floor(r() * 5);
    const from = pick(TIERS);
    switch (kind) {
      case 0: // same-namespace tier → this app on its first named port
        np(ns, `${wl.name}-from-${from}-${w}`, self, ['ingress'], [
          { direction: 'ingress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: eq(NAMESPACE_NAME_LABEL, ns), pods: eq('tier', from) }], ports: [named(wl.ports[0].name ?? 'http')] },
        ]);
        break;
      case 1: // a team's namespaces, one tier, numeric port range
        np(ns, `${wl.name}-from-team-${w}`, self, ['ingress'], [
          { direction: 'ingress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: eq('team', `team-${Math.floor(r() * 10)}`), pods: eq('tier', from) }], ports: [tcp(8000, 8080)] },
        ]);
        break;
      case 2: // a specific app elsewhere, two rules
        np(ns, `${wl.name}-from-app-${w}`, self, ['ingress'], [
          { direction: 'ingress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: ALL, pods: eq('app', pick(workloads).name) }], ports: 'any' },
          { direction: 'ingress', index: 1, action: 'allow', peers: [{ kind: 'pods', namespaces: eq('env', 'prod'), pods: and(eq('tier', 'web'), eq('app.kubernetes.io/part-of', `system-${w % 37}`)) }], ports: [named('metrics')] },
        ]);
        break;
      case 3: // ingress from an external range
        np(ns, `${wl.name}-from-lb-${w}`, self, ['ingress'], [
          { direction: 'ingress', index: 0, action: 'allow', peers: [ipblock(`203.0.${Math.floor(r() * 256)}.0/24`), ipblock('198.51.100.0/24', ['198.51.100.128/25'])], ports: [tcp(443), tcp(8080)] },
        ]);
        break;
      default: // egress to databases and an external API
        np(ns, `${wl.name}-egress-${w}`, self, ['egress'], [
          { direction: 'egress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: eq(NAMESPACE_NAME_LABEL, ns), pods: eq('tier', 'db') }], ports: [named('sql')] },
          { direction: 'egress', index: 1, action: 'allow', peers: [ipblock('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])], ports: [tcp(443)] },
        ]);
    }
  }
  // AdminNetworkPolicies: deny dev → prod databases, pass monitoring, allow kube-system.
  for (let i = 0; i < anps; i++) {
    policies.push({
      id: `AdminNetworkPolicy anp-${i}`, source: 'admin-network-policy', name: `anp-${i}`, priority: i * 10,
      subject: { namespaces: eq('team', `team-${i}`), pods: ALL }, directions: ['ingress'],
      rules: [
        { direction: 'ingress', index: 0, name: 'allow-kube-system', action: 'allow', peers: [{ kind: 'pods', namespaces: eq(NAMESPACE_NAME_LABEL, 'kube-system'), pods: ALL }], ports: 'any', origin: ORIGIN },
        { direction: 'ingress', index: 1, name: 'pass-metrics', action: 'pass', peers: [{ kind: 'pods', namespaces: ALL, pods: eq('tier', 'web') }], ports: [named('metrics')], origin: ORIGIN },
        { direction: 'ingress', index: 2, name: 'deny-dev', action: 'deny', peers: [{ kind: 'pods', namespaces: eq('env', 'dev'), pods: eq('tier', 'cache') }], ports: 'any', origin: ORIGIN },
      ],
      origin: ORIGIN,
    });
  }
  policies.push({
    id: 'BaselineAdminNetworkPolicy default', source: 'baseline-admin-network-policy', name: 'default',
    subject: { namespaces: ALL, pods: ALL }, directions: ['egress'],
    rules: [{ direction: 'egress', index: 0, name: 'deny-metadata', action: 'deny', peers: [ipblock('169.254.169.254/32')], ports: 'any', origin: ORIGIN }],
    origin: ORIGIN,
  });
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...emptyModel(), namespaces, workloads, pods, policies: policies.sort(byId) };
}
