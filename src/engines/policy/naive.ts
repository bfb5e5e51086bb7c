// The naive reference evaluator: a deliberately simple, pairwise, one-flow-at-a-time transcription of
// shared/reference/policy-semantics.md §1.4 (NetworkPolicy) and §4.3 (AdminNetworkPolicy → NetworkPolicy →
// BaselineAdminNetworkPolicy → default allow), with the engine profile's flags. It shares nothing with the class
// engine but label-selector matching; it is the test oracle and the benchmark baseline, never used by questions.
import { ipEquals, type Ip, type L4Protocol } from '../net/index.js';
import { NAMESPACE_NAME_LABEL, type Labels, type Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PolicySource } from '../../model/policy.js';
import { tierOf, type EngineProfile } from './profile.js';
import { matchSelector } from './selector.js';
import type { Endpoint } from './types.js';

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

function selects(model: Model, p: NormalizedPolicy, pod: Pod, dir: Direction): boolean {
  return p.directions.includes(dir) && matchSelector(p.subject.namespaces, nsLabels(model, pod.namespace)) &&
    matchSelector(p.subject.pods, pod.labels);
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
  }
}

function portOk(rule: PolicyRule, dst: Side, protocol: L4Protocol, port: number): boolean {
  if (rule.ports === 'any') return true;
  for (const pm of rule.ports) {
    if (pm.kind === 'numeric') {
      if (pm.protocol === protocol && pm.ports.contains(port)) return true;
    } else if (dst.kind === 'pod' && dst.pod !== undefined) {
      for (const cp of dst.pod.ports) {
        if (cp.name === pm.name && (pm.protocol === undefined || pm.protocol === cp.protocol) &&
          cp.protocol === protocol && cp.port === port) return true;
      }
    }
  }
  return false;
}

function ruleOk(model: Model, profile: EngineProfile, r: PolicyRule, subject: Pod, remote: Side, dst: Side,
  protocol: L4Protocol, port: number): boolean {
  const peers = r.peers === 'any' || r.peers.some((p) => peerOk(model, profile, p, subject, remote));
  return peers && portOk(r, dst, protocol, port);
}

function rulesFor(p: NormalizedPolicy, dir: Direction): PolicyRule[] {
  return p.rules.filter((r) => r.direction === dir).sort((a, b) => a.index - b.index);
}

function byPriority(a: NormalizedPolicy, b: NormalizedPolicy): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  return pa - pb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function dirAllowed(model: Model, profile: EngineProfile, dir: Direction, subjectSide: Side, remote: Side,
  protocol: L4Protocol, port: number): boolean {
  if (subjectSide.kind !== 'pod' || subjectSide.pod === undefined) return true; // nothing to enforce on that side
  const subject = subjectSide.pod;
  if (profile.loopbackAllowed && remote.pod !== undefined && remote.pod.namespace === subject.namespace &&
    remote.pod.name === subject.name) return true;
  if (dir === 'ingress' && profile.ownNodeIngressAllowed && ownNode(subject, remote)) return true;
  if (dir === 'egress' && profile.ownNodeEgressAllowed && ownNode(subject, remote)) return true;
  const dst = dir === 'egress' ? remote : subjectSide;
  const supported = (s: PolicySource): boolean => tierOf(profile, s) >= 0;
  const of = (s: PolicySource): NormalizedPolicy[] =>
    supported(s) ? model.policies.filter((p) => p.source === s && selects(model, p, subject, dir)).sort(byPriority) : [];

  // 1. AdminNetworkPolicy: ascending priority, rules in order, first match decides; Pass goes to NetworkPolicy.
  anp: for (const p of of('admin-network-policy')) {
    for (const r of rulesFor(p, dir)) {
      if (!ruleOk(model, profile, r, subject, remote, dst, protocol, port)) continue;
      if (r.action === 'allow') return true;
      if (r.action === 'deny') return false;
      if (r.action === 'pass') break anp;
    }
  }
  // 2. NetworkPolicy: if any selects the pod for this direction, allowed iff some rule allows.
  const nps = of('k8s-networkpolicy');
  if (nps.length > 0) {
    return nps.some((p) => rulesFor(p, dir).some((r) => r.action === 'allow' && ruleOk(model, profile, r, subject, remote, dst, protocol, port)));
  }
  // 3. BaselineAdminNetworkPolicy: first matching rule.
  for (const p of of('baseline-admin-network-policy')) {
    for (const r of rulesFor(p, dir)) {
      if (!ruleOk(model, profile, r, subject, remote, dst, protocol, port)) continue;
      if (r.action === 'allow') return true;
      if (r.action === 'deny') return false;
    }
  }
  // 4. Default.
  return profile.defaultAction === 'allow';
}

/** Whether `protocol`/`port` from `src` to `dst` is allowed: egress at the source AND ingress at the destination. */
export function naiveAllowed(model: Model, profile: EngineProfile, src: Endpoint, dst: Endpoint, protocol: L4Protocol, port: number): boolean {
  const s = side(model, profile, src);
  const d = side(model, profile, dst);
  return dirAllowed(model, profile, 'egress', s, d, protocol, port) && dirAllowed(model, profile, 'ingress', d, s, protocol, port);
}
