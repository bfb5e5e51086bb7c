// Peers as address sets. On the wire a peer is a set of IPv4 addresses: pods by their pod IP, nodes (and hostNetwork
// pods) by their node IP, nets as they are. Every engine compiled here lets CIDR peers see pods and nodes, so a peer
// is exactly the set of addresses it matches and `not`/`all-of` are complement/intersection.
import { IpSet, parseIp } from '../engines/net/index.js';
import { endpointLabels as engineEndpointLabels, matchSelector } from '../engines/policy/index.js';
import type { Labels, Peer, Selector } from '../model/index.js';
import type { PodEntry, Universe } from './universe.js';

/**
 * A pod's endpoint labels: its own labels plus the keys Calico and Cilium synthesise (namespace, orchestrator,
 * service account, namespace labels) — see ENDPOINT_LABEL_KEYS. The policy engine's own function, so a selector
 * selects here exactly the pods it selects in the simulator.
 */
export function endpointLabels(e: PodEntry): Labels {
  return engineEndpointLabels(e.pod.labels, e.pod.namespace, e.nsLabels, e.pod.serviceAccount);
}

/** True when policy subject selectors select pod `e`. */
export function subjectSelects(subject: { namespaces: Selector; pods: Selector; endpoint?: Selector }, e: PodEntry): boolean {
  return matchSelector(subject.namespaces, e.nsLabels) && matchSelector(subject.pods, e.pod.labels) &&
    (subject.endpoint === undefined || matchSelector(subject.endpoint, endpointLabels(e)));
}

function podSet(entries: readonly PodEntry[]): IpSet {
  return IpSet.fromRanges(entries.map((e) => ({ family: e.ip.family, lo: e.ip.value, hi: e.ip.value })));
}

/** The IPv4 addresses `peer` matches; undefined for peers with no address form (Cilium entities). */
export function peerAddresses(u: Universe, peer: Peer): IpSet | undefined {
  switch (peer.kind) {
    case 'pods':
      return podSet(u.pods.filter((e) => matchSelector(peer.namespaces, e.nsLabels) && matchSelector(peer.pods, e.pod.labels)));
    case 'ipblock':
      return peer.set.ofFamily(4);
    case 'nodes': {
      const ips = u.nodeAddresses.filter((n) => matchSelector(peer.nodes, n.labels)).map((n) => parseIp(n.ipText));
      return IpSet.fromRanges(ips.filter((ip) => ip !== undefined).map((ip) => ({ family: ip.family, lo: ip.value, hi: ip.value })));
    }
    case 'endpoints':
      return podSet(u.pods.filter((e) => matchSelector(peer.selector, endpointLabels(e)))).union(peer.sets.ofFamily(4));
    case 'all-of': {
      let out = IpSet.all(4);
      for (const p of peer.peers) {
        const s = peerAddresses(u, p);
        if (s === undefined) return undefined;
        out = out.intersect(s);
      }
      return out;
    }
    case 'not': {
      const s = peerAddresses(u, peer.peer);
      return s === undefined ? undefined : s.complement().ofFamily(4);
    }
    case 'entity':
      return undefined;
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}
