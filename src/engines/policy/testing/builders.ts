// Test helpers: build models and normalised policies in code from Kubernetes-shaped input, so evaluator tests read
// like the manifests they stand for. The translation mirrors the Kubernetes semantics of
// shared/reference/policy-semantics.md §1 (policyTypes defaulting, empty vs absent, peers, ports).
import { IpSet, parseCidr, parseIp, PortSet, type Cidr, type Ip, type L4Protocol } from '../../net/index.js';
import {
  emptyModel, NAMESPACE_NAME_LABEL, type ContainerPort, type Direction, type K8sNode, type Labels, type Model,
  type Namespace, type NormalizedPolicy, type Origin, type Peer, type PolicyRule, type PortMatch, type RuleAction,
  type Selector,
} from '../../../model/index.js';
import type { Pod } from '../../../model/k8s.js';

let line = 0;
function origin(kind: string, name: string): Origin {
  line += 1;
  return { file: 'test.yaml', line, column: 1, kind, name };
}

/** A Kubernetes LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** LabelSelector → Selector (AND of every term; {} = all). */
export function sel(ls: LabelSelector = {}): Selector {
  const args: Selector[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) args.push({ op: 'eq', key, value });
  for (const e of ls.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        args.push({ op: 'in', key: e.key, values: e.values ?? [] });
        break;
      case 'NotIn':
        args.push({ op: 'notin', key: e.key, values: e.values ?? [] });
        break;
      case 'Exists':
        args.push({ op: 'has', key: e.key });
        break;
      case 'DoesNotExist':
        args.push({ op: 'nothas', key: e.key });
        break;
    }
  }
  if (args.length === 0) return { op: 'all' };
  return args.length === 1 ? args[0] : { op: 'and', args };
}

/** The selector of one namespace by name. */
export function nsNamed(name: string): Selector {
  return { op: 'eq', key: NAMESPACE_NAME_LABEL, value: name };
}

export function ip(text: string): Ip {
  const v = parseIp(text);
  if (!v) throw new Error(`bad ip ${text}`);
  return v;
}

export function cidr(text: string): Cidr {
  const v = parseCidr(text);
  if (!v) throw new Error(`bad cidr ${text}`);
  return v.cidr;
}

/** An ipBlock peer: cidr minus except. */
export function ipblock(c: string, except: string[] = []): Peer {
  const block = cidr(c);
  const ex = except.map(cidr);
  return { kind: 'ipblock', cidr: block, except: ex, set: IpSet.fromCidr(block).subtract(IpSet.fromCidrs(ex)) };
}

// ── Kubernetes NetworkPolicy ────────────────────────────────────────────────────────────────────────────────
export interface NpPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
export interface NpPort {
  protocol?: L4Protocol;
  port?: number | string;
  endPort?: number;
}
export interface NpRule {
  from?: NpPeer[];
  to?: NpPeer[];
  ports?: NpPort[];
}
export interface NpSpec {
  podSelector?: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: NpRule[];
  egress?: NpRule[];
}

function npPeer(ns: string, p: NpPeer): Peer {
  if (p.ipBlock) return ipblock(p.ipBlock.cidr, p.ipBlock.except ?? []);
  if (p.namespaceSelector !== undefined) {
    return { kind: 'pods', namespaces: sel(p.namespaceSelector), pods: sel(p.podSelector ?? {}) };
  }
  return { kind: 'pods', namespaces: nsNamed(ns), pods: sel(p.podSelector ?? {}) };
}

export function npPorts(ports: NpPort[] | undefined): PortMatch[] | 'any' {
  if (ports === undefined || ports.length === 0) return 'any';
  return ports.map((p): PortMatch => {
    const protocol = p.protocol ?? 'TCP';
    if (typeof p.port === 'string') return { kind: 'named', protocol, name: p.port };
    if (p.port === undefined) return { kind: 'numeric', protocol, ports: PortSet.all() };
    return { kind: 'numeric', protocol, ports: PortSet.range(p.port, p.endPort ?? p.port) };
  });
}

/** A Kubernetes NetworkPolicy in namespace `ns`, normalised with the API server's policyTypes defaulting. */
export function np(ns: string, name: string, spec: NpSpec): NormalizedPolicy {
  const directions: Direction[] = spec.policyTypes
    ? spec.policyTypes.map((t) => (t === 'Ingress' ? 'ingress' : 'egress'))
    : ['ingress', ...((spec.egress?.length ?? 0) > 0 ? ['egress' as const] : [])];
  const rules: PolicyRule[] = [];
  (spec.ingress ?? []).forEach((r, index) => rules.push({
    direction: 'ingress', index, action: 'allow', origin: origin('NetworkPolicy', name),
    peers: r.from === undefined || r.from.length === 0 ? 'any' : r.from.map((p) => npPeer(ns, p)), ports: npPorts(r.ports),
  }));
  (spec.egress ?? []).forEach((r, index) => rules.push({
    direction: 'egress', index, action: 'allow', origin: origin('NetworkPolicy', name),
    peers: r.to === undefined || r.to.length === 0 ? 'any' : r.to.map((p) => npPeer(ns, p)), ports: npPorts(r.ports),
  }));
  return {
    id: `NetworkPolicy ${ns}/${name}`, source: 'k8s-networkpolicy', namespace: ns, name,
    subject: { namespaces: nsNamed(ns), pods: sel(spec.podSelector ?? {}) }, directions, rules,
    origin: origin('NetworkPolicy', name),
  };
}

// ── AdminNetworkPolicy / BaselineAdminNetworkPolicy ───────────────────────────────────────────────────────────
export interface AnpPeer {
  namespaces?: LabelSelector;
  pods?: { namespaceSelector: LabelSelector; podSelector: LabelSelector };
  networks?: string[];
  nodes?: LabelSelector;
}
export type AnpPort =
  | { portNumber: { protocol?: L4Protocol; port: number } }
  | { portRange: { protocol?: L4Protocol; start: number; end: number } }
  | { namedPort: string };
export interface AnpRule {
  name: string;
  action: 'Allow' | 'Deny' | 'Pass';
  from?: AnpPeer[];
  to?: AnpPeer[];
  ports?: AnpPort[];
}
export interface AnpSpec {
  priority?: number;
  subject: { namespaces?: LabelSelector; pods?: { namespaceSelector: LabelSelector; podSelector: LabelSelector } };
  ingress?: AnpRule[];
  egress?: AnpRule[];
}

function anpPeers(ps: AnpPeer[]): Peer[] {
  const out: Peer[] = [];
  for (const p of ps) {
    if (p.namespaces) out.push({ kind: 'pods', namespaces: sel(p.namespaces), pods: { op: 'all' } });
    if (p.pods) out.push({ kind: 'pods', namespaces: sel(p.pods.namespaceSelector), pods: sel(p.pods.podSelector) });
    for (const n of p.networks ?? []) out.push(ipblock(n));
    if (p.nodes) out.push({ kind: 'nodes', nodes: sel(p.nodes) });
  }
  return out;
}

function anpPorts(ports: AnpPort[] | undefined): PortMatch[] | 'any' {
  if (ports === undefined) return 'any';
  return ports.map((p): PortMatch => {
    if ('portNumber' in p) return { kind: 'numeric', protocol: p.portNumber.protocol ?? 'TCP', ports: PortSet.single(p.portNumber.port) };
    if ('portRange' in p) return { kind: 'numeric', protocol: p.portRange.protocol ?? 'TCP', ports: PortSet.range(p.portRange.start, p.portRange.end) };
    return { kind: 'named', name: p.namedPort };
  });
}

function adminPolicy(kind: 'anp' | 'banp', name: string, spec: AnpSpec): NormalizedPolicy {
  const action = (a: AnpRule['action']): RuleAction => (a === 'Allow' ? 'allow' : a === 'Deny' ? 'deny' : 'pass');
  const rules: PolicyRule[] = [];
  const k = kind === 'anp' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
  (spec.ingress ?? []).forEach((r, index) => rules.push({
    direction: 'ingress', index, name: r.name, action: action(r.action), origin: origin(k, name),
    peers: anpPeers(r.from ?? []), ports: anpPorts(r.ports),
  }));
  (spec.egress ?? []).forEach((r, index) => rules.push({
    direction: 'egress', index, name: r.name, action: action(r.action), origin: origin(k, name),
    peers: anpPeers(r.to ?? []), ports: anpPorts(r.ports),
  }));
  const subject = spec.subject.pods
    ? { namespaces: sel(spec.subject.pods.namespaceSelector), pods: sel(spec.subject.pods.podSelector) }
    : { namespaces: sel(spec.subject.namespaces ?? {}), pods: { op: 'all' } as Selector };
  const directions: Direction[] = [];
  if (spec.ingress?.length) directions.push('ingress');
  if (spec.egress?.length) directions.push('egress');
  return {
    id: `${k} ${name}`, source: kind === 'anp' ? 'admin-network-policy' : 'baseline-admin-network-policy', name,
    subject, directions, priority: spec.priority, rules, origin: origin(k, name),
  };
}

export function anp(name: string, spec: AnpSpec): NormalizedPolicy {
  return adminPolicy('anp', name, spec);
}
export function banp(spec: Omit<AnpSpec, 'priority'>): NormalizedPolicy {
  return adminPolicy('banp', 'default', spec);
}

// ── Model ─────────────────────────────────────────────────────────────────────────────────────────────────────
export interface PodSpec {
  labels?: Labels;
  ip?: string;
  node?: string;
  hostIp?: string;
  ports?: ContainerPort[];
  hostNetwork?: boolean;
  workload?: string;
}

export function mkPod(namespace: string, name: string, s: PodSpec = {}): Pod {
  return {
    namespace, name, labels: s.labels ?? {}, ports: s.ports ?? [], ip: s.ip ? ip(s.ip) : undefined,
    hostIp: s.hostIp ? ip(s.hostIp) : undefined, hostNetwork: s.hostNetwork ?? false, nodeName: s.node,
    serviceAccount: 'default', workload: { kind: s.workload ? 'Deployment' : 'Pod', name: s.workload ?? name },
    origin: origin('Pod', name),
  };
}

export function mkNamespace(name: string, labels: Labels = {}): Namespace {
  return { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name }, synthesized: false, origin: origin('Namespace', name) };
}

export function mkNode(name: string, ipText?: string, labels: Labels = {}): K8sNode {
  return { name, labels, ip: ipText ? ip(ipText) : undefined, podCidrs: [], origin: origin('Node', name) };
}

/** A model of the given objects (sorted like ModelBuilder.build). */
export function mkModel(parts: { namespaces?: Namespace[]; pods?: Pod[]; nodes?: K8sNode[]; policies?: NormalizedPolicy[] }): Model {
  const by = <T>(k: (t: T) => string) => (a: T, b: T): number => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
  return {
    ...emptyModel(),
    namespaces: [...(parts.namespaces ?? [])].sort(by((n) => n.name)),
    pods: [...(parts.pods ?? [])].sort(by((p) => `${p.namespace}/${p.name}`)),
    nodes: [...(parts.nodes ?? [])].sort(by((n) => n.name)),
    policies: [...(parts.policies ?? [])].sort(by((p) => p.id)),
  };
}

// ── The upstream e2e model (namespaces x, y, z; pods a, b, c; ports 80, 81 × TCP, UDP, SCTP) ────────────────────
export const E2E_NAMESPACES = ['x', 'y', 'z'] as const;
export const E2E_PODS = ['a', 'b', 'c'] as const;

function e2ePorts(): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const port of [80, 81]) for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    out.push({ name: `serve-${port}-${protocol.toLowerCase()}`, port, protocol });
  }
  return out;
}

/** The e2e model: pod i of namespace n has IP 10.0.<n>.<i+1> and runs on node `node-<n>` (192.168.0.<n+1>). */
export function e2eModel(policies: NormalizedPolicy[], nsLabels: Record<string, Labels> = {}, podLabels: Record<string, Labels> = {}): Model {
  const pods: Pod[] = [];
  E2E_NAMESPACES.forEach((n, ni) => E2E_PODS.forEach((p, pi) => pods.push(mkPod(n, p, {
    labels: { pod: p, ...(podLabels[`${n}/${p}`] ?? {}) }, ip: `10.0.${ni}.${pi + 1}`, node: `node-${n}`, hostIp: `192.168.0.${ni + 1}`,
    ports: e2ePorts(),
  }))));
  return mkModel({
    namespaces: E2E_NAMESPACES.map((n) => mkNamespace(n, { ns: n, ...(nsLabels[n] ?? {}) })),
    pods,
    nodes: E2E_NAMESPACES.map((n, ni) => mkNode(`node-${n}`, `192.168.0.${ni + 1}`, { zone: n })),
    policies,
  });
}

/** Expected reachability among the 9 e2e pods, all allowed by default (the e2e `Reachability` helper). */
export class Reachability {
  private readonly cells = new Map<string, boolean>();
  constructor(private readonly dflt = true) {}
  private static all(): string[] {
    return E2E_NAMESPACES.flatMap((n) => E2E_PODS.map((p) => `${n}/${p}`));
  }
  /** Pods matching a pattern: `x/a`, `x/*`, `* /a` (written without the space), `*`. */
  static match(pattern: string): string[] {
    if (pattern === '*') return Reachability.all();
    const [n, p] = pattern.split('/');
    return Reachability.all().filter((k) => {
      const [kn, kp] = k.split('/');
      return (n === '*' || n === kn) && (p === '*' || p === kp);
    });
  }
  /** Sets every from→to cell matching the patterns. */
  expect(from: string, to: string, v: boolean): this {
    for (const f of Reachability.match(from)) for (const t of Reachability.match(to)) this.cells.set(`${f}>${t}`, v);
    return this;
  }
  get(from: string, to: string): boolean {
    return this.cells.get(`${from}>${to}`) ?? this.dflt;
  }
  static pods(): string[] {
    return Reachability.all();
  }
}
