// Whether a rule's peer matches a remote endpoint, and which connections a rule's ports admit towards a destination.
import { ConnSet, PortSet } from '../net/index.js';
import type { NormalizedPolicy, Peer, PolicyRule, PortMatch, Subject } from '../../model/policy.js';
import type { EngineProfile } from './profile.js';
import { matchSelector } from './selector.js';
import { isOwnNode, type View } from './view.js';

/**
 * True when `peer` matches `remote` for a rule of a policy applied to `subject`.
 * - pods: only cluster pods (never nodes or external addresses); namespace labels AND pod labels.
 * - ipblock: external addresses always; pod and node addresses only when the profile says so.
 * - nodes: nodes (and hostNetwork pods the engine sees as nodes) by node labels.
 * - entity: Cilium reserved identities; `host` is the subject's own node, `remote-node` any other node.
 *   kube-apiserver, health, init, ingress and unmanaged are not modelled and match nothing.
 * - endpoints: pods by endpoint labels, or any address in the peer's labelled IP sets.
 * - all-of / not: conjunction / negation of peers.
 */
export function peerMatches(profile: EngineProfile, peer: Peer, remote: View, subject: View): boolean {
  switch (peer.kind) {
    case 'pods':
      return remote.kind === 'pod' && matchSelector(peer.namespaces, remote.nsLabels) && matchSelector(peer.pods, remote.labels);
    case 'ipblock':
      if (remote.ip === undefined || !ipblockApplies(profile, remote)) return false;
      return peer.set.contains(remote.ip);
    case 'nodes':
      return remote.kind === 'node' && matchSelector(peer.nodes, remote.labels);
    case 'entity':
      switch (peer.entity) {
        case 'all':
          return true;
        case 'world':
          return remote.kind === 'external';
        case 'world-ipv4':
          return remote.kind === 'external' && remote.ip?.family === 4;
        case 'world-ipv6':
          return remote.kind === 'external' && remote.ip?.family === 6;
        case 'cluster':
          return remote.kind !== 'external';
        case 'host':
          return isOwnNode(subject, remote);
        case 'remote-node':
          return remote.kind === 'node' && !isOwnNode(subject, remote);
        case 'none':
        case 'kube-apiserver':
        case 'health':
        case 'init':
        case 'ingress':
        case 'unmanaged':
          return false;
        default: {
          const never: never = peer.entity;
          throw new RangeError(`unknown entity ${String(never)}`);
        }
      }
    case 'endpoints':
      if (remote.kind === 'pod' && matchSelector(peer.selector, remote.endpointLabels)) return true;
      return remote.ip !== undefined && !peer.sets.isEmpty() && peer.sets.contains(remote.ip);
    case 'all-of':
      return peer.peers.every((p) => peerMatches(profile, p, remote, subject));
    case 'not':
      return !peerMatches(profile, peer.peer, remote, subject);
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

/** True when the profile lets CIDR peers see `remote`'s address. */
export function ipblockApplies(profile: EngineProfile, remote: View): boolean {
  switch (remote.kind) {
    case 'external':
      return true;
    case 'pod':
      return profile.ipblockMatchesPods;
    case 'node':
      return profile.ipblockMatchesNodes;
    default: {
      const never: never = remote.kind;
      throw new RangeError(`unknown view kind ${String(never)}`);
    }
  }
}

/** True when some peer of `rule` matches `remote` ('any' matches everything). */
export function rulePeersMatch(profile: EngineProfile, rule: PolicyRule, remote: View, subject: View): boolean {
  if (rule.peers === 'any') return true;
  for (const p of rule.peers) if (peerMatches(profile, p, remote, subject)) return true;
  return false;
}

/** The connections numeric port entries admit (named entries excluded). `firstPortOnly`: ranges shrink to their start. */
export function numericPorts(ports: readonly PortMatch[] | 'any', firstPortOnly = false): ConnSet {
  if (ports === 'any') return ConnSet.all();
  let out = ConnSet.none();
  for (const p of ports) {
    if (p.kind !== 'numeric') continue;
    const r = p.ports.ranges();
    const narrowed = firstPortOnly && !p.ports.isAll() && p.ports.size() > 1 && r.length > 0 ? PortSet.single(r[0][0]) : p.ports;
    out = out.union(ConnSet.of(p.protocol, narrowed));
  }
  return out;
}

/**
 * True when numeric ranges of `policy` are `endPort` ranges an engine without endPort support enforces as their first
 * port only: a Kubernetes NetworkPolicy or Cilium policy range (their only way to write a range) under such an engine.
 */
export function endPortNarrowed(profile: EngineProfile, policy: Pick<NormalizedPolicy, 'source'>): boolean {
  if (profile.endPortSupported) return false;
  switch (policy.source) {
    case 'k8s-networkpolicy':
    case 'cilium-networkpolicy':
    case 'cilium-clusterwide-networkpolicy':
      return true;
    case 'admin-network-policy':
    case 'baseline-admin-network-policy':
    case 'cluster-network-policy-admin':
    case 'cluster-network-policy-baseline':
    case 'calico-networkpolicy':
    case 'calico-globalnetworkpolicy':
      return false;
    default: {
      const never: never = policy.source;
      throw new RangeError(`unknown source ${String(never)}`);
    }
  }
}

/** The connections `rule` admits towards `dst`: its ports minus its notPorts (named entries resolved at `dst`). */
export function rulePortsToward(rule: PolicyRule, dst: View, firstPortOnly = false): ConnSet {
  let out = portsToward(rule.ports, dst, numericPorts(rule.ports, firstPortOnly));
  if (rule.notPorts !== undefined && rule.notPorts.length > 0) out = out.subtract(portsToward(rule.notPorts, dst));
  return out;
}

/** True when a policy with this subject selects `v` (namespace labels, pod labels, and endpoint labels when given). */
export function subjectSelects(subject: Subject, v: View): boolean {
  return v.kind === 'pod' && matchSelector(subject.namespaces, v.nsLabels) && matchSelector(subject.pods, v.labels) &&
    (subject.endpoint === undefined || matchSelector(subject.endpoint, v.endpointLabels));
}

/** True when whether `peer` matches depends on the policy's subject (host / remote-node entities, at any depth). */
export function peerDependsOnSubject(peer: Peer): boolean {
  switch (peer.kind) {
    case 'entity':
      return peer.entity === 'host' || peer.entity === 'remote-node';
    case 'all-of':
      return peer.peers.some(peerDependsOnSubject);
    case 'not':
      return peerDependsOnSubject(peer.peer);
    case 'pods':
    case 'ipblock':
    case 'nodes':
    case 'endpoints':
      return false;
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The connections `ports` admit towards destination `dst`: numeric entries as given, named entries resolved against
 * the destination pod's container ports (name, and protocol when the entry gives one). A named port never matches
 * a destination that is not a pod.
 */
export function portsToward(ports: readonly PortMatch[] | 'any', dst: View, numeric: ConnSet = numericPorts(ports)): ConnSet {
  if (ports === 'any') return numeric;
  let out = numeric;
  for (const p of ports) {
    if (p.kind !== 'named' || dst.kind !== 'pod') continue;
    for (const cp of dst.ports) {
      if (cp.name === p.name && (p.protocol === undefined || p.protocol === cp.protocol)) {
        out = out.union(ConnSet.of(cp.protocol, PortSet.single(cp.port)));
      }
    }
  }
  return out;
}

/** True when `ports` has a named entry (its result depends on the destination pod). */
export function hasNamedPort(ports: readonly PortMatch[] | 'any'): boolean {
  return ports !== 'any' && ports.some((p) => p.kind === 'named');
}

/** True when the rule's ports or notPorts have a named entry. */
export function ruleHasNamedPort(rule: PolicyRule): boolean {
  return hasNamedPort(rule.ports) || hasNamedPort(rule.notPorts ?? []);
}
