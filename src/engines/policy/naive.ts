// The naive reference evaluator: a deliberately simple, pairwise, one-flow-at-a-time transcription of
// shared/reference/policy-semantics.md — §1.4 (NetworkPolicy), §4.3 (AdminNetworkPolicy → NetworkPolicy →
// BaselineAdminNetworkPolicy → default allow), §6.5–6.6 (Calico tiers, first match, Pass, end-of-tier deny, profiles),
// §7.3 (Cilium: deny beats allow, per-direction default deny) and §9 (Azure NPM) — with the engine profile's flags.
// It shares nothing with the class engine but label-selector matching; it is the test oracle and the benchmark
// baseline, never used by questions. It branches on the engine's name on purpose: it is the other way to say it.
import { ipEquals, type Ip, type L4Protocol } from '../net/index.js';
import { NAMESPACE_NAME_LABEL, type Labels, type Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PolicySource, PortMatch } from '../../model/policy.js';
import { tierOf, type EngineProfile } from './profile.js';
import { matchSelector } from './selector.js';
import type { Endpoint, FlowOptions } from './types.js';

interface Side {
  kind: 'pod' | 'node' | 'external';
  pod?: Pod;
  ip?: Ip;
  nodeName?: string;
  nodeLabels: Labels;
}

function side(model: Model, profile: EngineProfile, e: Endpoint): Side {
  if (e.kind === 'external') return { kind: 'external', ip: e.ip, nodeLabels: {} };
  if (e.kind === 'node') {
    const n = model.nodes.find((x) => x.name === e.name);
    return { kind: 'node', ip: e.ip ?? n?.ip, nodeName: e.name, nodeLabels: n?.labels ?? {} };
  }
  const pod = e.pod;
  if (pod.hostNetwork && profile.hostNetworkPods === 'node') {
    const n = model.nodes.find((x) => x.name === pod.nodeName);
    return { kind: 'node', pod, ip: pod.hostIp ?? pod.ip ?? n?.ip, nodeName: pod.nodeName, nodeLabels: n?.labels ?? {} };
  }
  return { kind: 'pod', pod, ip: pod.ip, nodeName: pod.nodeName, nodeLabels: {} };
}

function nsLabels(model: Model, name: string): Labels {
  const ns = model.namespaces.find((n) => n.name === name);
  return { ...(ns?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

/** Pod labels plus the Calico and Cilium identity labels, written out again here on purpose. */
function epLabels(model: Model, pod: Pod): Labels {
  const out: Record<string, string> = {};
  const nsl = nsLabels(model, pod.namespace);
  for (const [k, v] of Object.entries(nsl)) {
    out[`pcns.${k}`] = v;
    out[`io.cilium.k8s.namespace.labels.${k}`] = v;
  }
  out['pcns.projectcalico.org/name'] = pod.namespace;
  out['pcsa.projectcalico.org/name'] = pod.serviceAccount;
  out['projectcalico.org/namespace'] = pod.namespace;
  out['projectcalico.org/orchestrator'] = 'k8s';
  if (pod.serviceAccount.length < 63) out['projectcalico.org/serviceaccount'] = pod.serviceAccount;
  out['io.kubernetes.pod.namespace'] = pod.namespace;
  out['io.cilium.k8s.policy.serviceaccount'] = pod.serviceAccount;
  out['io.cilium.k8s.policy.cluster'] = 'default';
  return { ...out, ...pod.labels };
}

function selects(model: Model, p: NormalizedPolicy, pod: Pod, dir: Direction): boolean {
  return p.directions.includes(dir) && matchSelector(p.subject.namespaces, nsLabels(model, pod.namespace)) &&
    matchSelector(p.subject.pods, pod.labels) && (p.subject.endpoint === undefined || matchSelector(p.subject.endpoint, epLabels(model, pod)));
}

function ownNode(subject: Pod, remote: Side): boolean {
  if (remote.kind !== 'node') return false;
  if (remote.nodeName !== undefined && remote.nodeName === subject.nodeName) return true;
  return remote.ip !== undefined && subject.hostIp !== undefined && ipEquals(remote.ip, subject.hostIp);
}

function peerOk(model: Model, profile: EngineProfile, peer: Peer, subject: Pod, remote: Side): boolean {
  switch (peer.kind) {
    case 'pods':
      return remote.kind === 'pod' && remote.pod !== undefined &&
        matchSelector(peer.namespaces, nsLabels(model, remote.pod.namespace)) && matchSelector(peer.pods, remote.pod.labels);
    case 'ipblock': {
      if (remote.ip === undefined) return false;
      const seen = remote.kind === 'external' || (remote.kind === 'pod' ? profile.ipblockMatchesPods : profile.ipblockMatchesNodes);
      return seen && peer.set.contains(remote.ip);
    }
    case 'nodes':
      return remote.kind === 'node' && matchSelector(peer.nodes, remote.nodeLabels);
    case 'entity':
      if (peer.entity === 'all') return true;
      if (peer.entity === 'world') return remote.kind === 'external';
      if (peer.entity === 'cluster') return remote.kind !== 'external';
      if (peer.entity === 'host') return ownNode(subject, remote);
      if (peer.entity === 'remote-node') return remote.kind === 'node' && !ownNode(subject, remote);
      if (peer.entity === 'world-ipv4') return remote.kind === 'external' && remote.ip?.family === 4;
      if (peer.entity === 'world-ipv6') return remote.kind === 'external' && remote.ip?.family === 6;
      return false;
    case 'endpoints':
      if (remote.kind === 'pod' && remote.pod !== undefined && matchSelector(peer.selector, epLabels(model, remote.pod))) return true;
      return remote.ip !== undefined && peer.sets.contains(remote.ip);
    case 'all-of':
      return peer.peers.every((p) => peerOk(model, profile, p, subject, remote));
    case 'not':
      return !peerOk(model, profile, peer.peer, subject, remote);
  }
}

function onePortOk(pm: PortMatch, dst: Side, protocol: L4Protocol, port: number, firstOnly: boolean): boolean {
  if (pm.kind === 'numeric') {
    if (pm.protocol !== protocol) return false;
    if (firstOnly && !pm.ports.isAll() && pm.ports.size() > 1) return pm.ports.ranges()[0][0] === port;
    return pm.ports.contains(port);
  }
  if (dst.kind !== 'pod' || dst.pod === undefined) return false;
  return dst.pod.ports.some((cp) => cp.name === pm.name && (pm.protocol === undefined || pm.protocol === cp.protocol) &&
    cp.protocol === protocol && cp.port === port);
}

function portOk(profile: EngineProfile, source: PolicySource, rule: PolicyRule, dst: Side, protocol: L4Protocol, port: number): boolean {
  const firstOnly = !profile.endPortSupported &&
    (source === 'k8s-networkpolicy' || source === 'cilium-networkpolicy' || source === 'cilium-clusterwide-networkpolicy');
  const inPorts = rule.ports === 'any' || rule.ports.some((pm) => onePortOk(pm, dst, protocol, port, firstOnly));
  const excluded = (rule.notPorts ?? []).some((pm) => onePortOk(pm, dst, protocol, port, false));
  return inPorts && !excluded;
}

function ruleOk(model: Model, profile: EngineProfile, p: NormalizedPolicy, r: PolicyRule, subject: Pod, remote: Side, dst: Side,
  protocol: L4Protocol, port: number): boolean {
  const peers = r.peers === 'any' || r.peers.some((x) => peerOk(model, profile, x, subject, remote));
  return peers && portOk(profile, p.source, r, dst, protocol, port);
}

function rulesFor(p: NormalizedPolicy, dir: Direction): PolicyRule[] {
  return p.rules.filter((r) => r.direction === dir).sort((a, b) => a.index - b.index);
}

function byPriority(dflt: (p: NormalizedPolicy) => number) {
  return (a: NormalizedPolicy, b: NormalizedPolicy): number => {
    const pa = a.priority ?? dflt(a);
    const pb = b.priority ?? dflt(b);
    return pa - pb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}
const LAST = (): number => Number.POSITIVE_INFINITY;

interface Flow {
  model: Model;
  profile: EngineProfile;
  dir: Direction;
  subject: Pod;
  remote: Side;
  dst: Side;
  protocol: L4Protocol;
  port: number;
}

/** Upstream and Azure NPM: ANP → NetworkPolicy union → BANP → allow (dialects the engine lacks are skipped). */
function upstreamAllowed(f: Flow): boolean {
  const { model, profile, dir, subject } = f;
  const ok = (p: NormalizedPolicy, r: PolicyRule): boolean => ruleOk(model, profile, p, r, subject, f.remote, f.dst, f.protocol, f.port);
  const of = (s: PolicySource): NormalizedPolicy[] =>
    tierOf(profile, s) >= 0 ? model.policies.filter((p) => p.source === s && selects(model, p, subject, dir)).sort(byPriority(LAST)) : [];
  anp: for (const p of of('admin-network-policy')) {
    for (const r of rulesFor(p, dir)) {
      if (!ok(p, r)) continue;
      if (r.action === 'allow') return true;
      if (r.action === 'deny') return false;
      if (r.action === 'pass') break anp;
    }
  }
  const nps = of('k8s-networkpolicy');
  if (nps.length > 0) return nps.some((p) => rulesFor(p, dir).some((r) => r.action === 'allow' && ok(p, r)));
  for (const p of of('baseline-admin-network-policy')) {
    for (const r of rulesFor(p, dir)) {
      if (!ok(p, r)) continue;
      if (r.action === 'allow') return true;
      if (r.action === 'deny') return false;
    }
  }
  return true;
}

/** Calico: tiers by order (nil last, then name); policies by order then id; first Allow/Deny wins; Pass and
 * pass-tiers go on; a deny-tier that selected the pod denies what no rule decided; then the profile allows. */
function calicoAllowed(f: Flow): boolean {
  const { model, profile, dir, subject } = f;
  interface T { name: string; order?: number; end: 'deny' | 'pass'; policies: NormalizedPolicy[] }
  const tiers = new Map<string, T>([
    ['kube-admin', { name: 'kube-admin', order: 1000, end: 'pass', policies: [] }],
    ['default', { name: 'default', order: 1_000_000, end: 'deny', policies: [] }],
    ['kube-baseline', { name: 'kube-baseline', order: 10_000_000, end: 'pass', policies: [] }],
  ]);
  for (const p of model.policies) {
    let name: string;
    if (p.source === 'admin-network-policy' || p.source === 'cluster-network-policy-admin') name = 'kube-admin';
    else if (p.source === 'baseline-admin-network-policy' || p.source === 'cluster-network-policy-baseline') name = 'kube-baseline';
    else if (p.source === 'k8s-networkpolicy') name = 'default';
    else if (p.source === 'calico-networkpolicy' || p.source === 'calico-globalnetworkpolicy') name = p.tier ?? 'default';
    else continue;
    let t = tiers.get(name);
    if (t === undefined) {
      t = { name, order: p.tierOrder, end: p.tierDefaultAction ?? 'deny', policies: [] };
      tiers.set(name, t);
    }
    if (selects(model, p, subject, dir)) t.policies.push(p);
  }
  const sorted = [...tiers.values()].sort((a, b) =>
    (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  tierLoop: for (const t of sorted) {
    if (t.policies.length === 0) continue;
    const pols = t.policies.sort(byPriority((p) => (p.source === 'k8s-networkpolicy' ? 1000 : Infinity)));
    for (const p of pols) {
      for (const r of rulesFor(p, dir)) {
        if (!ruleOk(model, profile, p, r, subject, f.remote, f.dst, f.protocol, f.port)) continue;
        if (r.action === 'allow') return true;
        if (r.action === 'deny') return false;
        if (r.action === 'pass') continue tierLoop;
      }
    }
    if (t.end === 'deny' && pols.some((p) => (p.isolates ?? p.directions).includes(dir))) return false;
  }
  return true;
}

/** Cilium: NetworkPolicy, CNP and CCNP together; any matching deny denies; otherwise isolated pods need an allow. */
function ciliumAllowed(f: Flow): boolean {
  const { model, profile, dir, subject } = f;
  const pols = model.policies.filter((p) => (p.source === 'k8s-networkpolicy' || p.source === 'cilium-networkpolicy' ||
    p.source === 'cilium-clusterwide-networkpolicy') && selects(model, p, subject, dir));
  const ok = (p: NormalizedPolicy, r: PolicyRule): boolean => ruleOk(model, profile, p, r, subject, f.remote, f.dst, f.protocol, f.port);
  if (pols.some((p) => rulesFor(p, dir).some((r) => r.action === 'deny' && ok(p, r)))) return false;
  if (pols.some((p) => rulesFor(p, dir).some((r) => r.action === 'allow' && ok(p, r)))) return true;
  return !pols.some((p) => (p.isolates ?? p.directions).includes(dir));
}

function dirAllowed(model: Model, profile: EngineProfile, dir: Direction, subjectSide: Side, remote: Side,
  protocol: L4Protocol, port: number): boolean {
  if (subjectSide.kind !== 'pod' || subjectSide.pod === undefined) return true; // nothing to enforce on that side
  const subject = subjectSide.pod;
  if (profile.loopbackAllowed && remote.pod !== undefined && remote.pod.namespace === subject.namespace &&
    remote.pod.name === subject.name) return true;
  if (dir === 'ingress' && profile.ownNodeIngressAllowed && ownNode(subject, remote)) return true;
  if (dir === 'egress' && profile.ownNodeEgressAllowed && ownNode(subject, remote)) return true;
  const f: Flow = { model, profile, dir, subject, remote, dst: dir === 'egress' ? remote : subjectSide, protocol, port };
  switch (profile.name) {
    case 'upstream':
    case 'azure-npm':
      return upstreamAllowed(f);
    case 'calico':
      return calicoAllowed(f);
    case 'cilium':
      return ciliumAllowed(f);
    case 'none':
      return true;
  }
}

/**
 * Whether `protocol`/`port` from `src` to `dst` is allowed: egress at the source AND ingress at the destination
 * (through a NodePort/LoadBalancer Service with externalTrafficPolicy Cluster: NPM does not police ingress, Calico sees
 * the forwarding node, Cilium sees `world`).
 */
export function naiveAllowed(model: Model, profile: EngineProfile, src: Endpoint, dst: Endpoint, protocol: L4Protocol, port: number,
  opts?: FlowOptions): boolean {
  if (!profile.enforced) return true;
  const s = side(model, profile, src);
  const d = side(model, profile, dst);
  if (!dirAllowed(model, profile, 'egress', s, d, protocol, port)) return false;
  let seen = s;
  const via = opts?.via;
  if (via !== undefined && via.externalTrafficPolicy === 'Cluster' && d.kind === 'pod') {
    if (profile.name === 'azure-npm') return true;
    if (profile.name === 'calico') {
      const n = model.nodes.find((x) => x.name === via.node);
      // The address the SNAT wrote: the via's node address of the destination's family, else the Node object's.
      const snat = via.nodeIps?.find((a) => d.ip !== undefined && a.family === d.ip.family) ?? via.nodeIps?.[0];
      seen = { kind: 'node', nodeName: via.node ?? '(forwarding node)', ip: snat ?? n?.ip, nodeLabels: n?.labels ?? {} };
    }
    if (profile.name === 'cilium') seen = { kind: 'external', ip: s.ip, nodeLabels: {} };
  }
  return dirAllowed(model, profile, 'ingress', d, seen, protocol, port);
}
