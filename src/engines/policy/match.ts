// Whether a rule's peer matches a remote endpoint, and which connections a rule's ports admit towards a destination.
import { ConnSet, PortSet } from '../net/index.js';
import type { Peer, PolicyRule, PortMatch } from '../../model/policy.js';
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

/** The connections numeric port entries admit (named entries excluded). */
export function numericPorts(ports: readonly PortMatch[] | 'any'): ConnSet {
  if (ports === 'any') return ConnSet.all();
  let out = ConnSet.none();
  for (const p of ports) if (p.kind === 'numeric') out = out.union(ConnSet.of(p.protocol, p.ports));
  return out;
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
