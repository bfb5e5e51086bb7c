// Azure NPM (Linux, v2): the filter-table chains and ipsets NPM programs on a node. Base chains AZURE-NPM,
// -INGRESS, -INGRESS-ALLOW-MARK, -EGRESS, -ACCEPT; FORWARD hook for NEW connections; one chain per policy and
// direction; masked marks (shared/reference/aks-networking.md §17). NPM's ipsets are cluster-wide, so every node
// checks every policy on every flow it forwards.
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PolicySource, PortMatch } from '../../model/policy.js';
import { NPM_HASH_SCHEME, NPM_MARKS } from '../../model/facts.js';
import { COMPILE_CODES } from '../codes.js';
import { comment, FilterTable, matchSet, protoPort } from '../iptables.js';
import { renderIpsets } from '../ipsets.js';
import { coverMembers, ipblockMembers } from '../nets.js';
import { peerAddresses } from '../peers.js';
import type { CompiledNode, CompileOptions } from '../types.js';
import { buildUniverse, interfacesOf, type Universe } from '../universe.js';
import { npmChainSuffix, NpmSets, nsSelectorLits, podSelectorLits, type SetLit } from './sets.js';

export const NPM_CHAIN = 'AZURE-NPM';
export const NPM_INGRESS = 'AZURE-NPM-INGRESS';
export const NPM_INGRESS_ALLOW_MARK = 'AZURE-NPM-INGRESS-ALLOW-MARK';
export const NPM_EGRESS = 'AZURE-NPM-EGRESS';
export const NPM_ACCEPT = 'AZURE-NPM-ACCEPT';

const M = NPM_MARKS.value;

/** Compiles what Azure NPM programs on node `node` (see CompiledNode). */
export function compileNpm(model: Model, pods: readonly Pod[], node: string, opts: CompileOptions = {}): CompiledNode {
  const u = buildUniverse(model, pods, 'azure-npm', node, opts);
  const scheme = opts.npmHashScheme ?? NPM_HASH_SCHEME.value;
  const sets = new NpmSets(u, scheme);
  const t = new FilterTable();
  for (const c of [NPM_CHAIN, NPM_INGRESS, NPM_INGRESS_ALLOW_MARK, NPM_EGRESS, NPM_ACCEPT]) t.chain(c);
  t.append('FORWARD', '-m conntrack --ctstate NEW', comment('AZURE-NPM-FORWARD'), `-j ${NPM_CHAIN}`);

  // The profile's tiers already hold Kubernetes NetworkPolicies only; the explicit filter keeps a future profile
  // change from sending another dialect's rules (deny, pass, Calico selectors) into NPM's allow-only chains.
  const policies = u.tiers.flat().filter((p) => npmEnforces(p.source));
  let any = false;
  for (const dir of ['ingress', 'egress'] as const) {
    for (const p of policies) {
      if (!p.directions.includes(dir)) continue;
      const subject = subjectLits(sets, p);
      if (subject === 'never') continue;
      any = true;
      const chain = `AZURE-NPM-${dir === 'ingress' ? 'INGRESS' : 'EGRESS'}-${npmChainSuffix(`${p.namespace ?? ''}/${p.name}`, scheme)}`;
      t.chain(chain);
      const side = dir === 'ingress' ? 'dst' : 'src';
      t.append(dir === 'ingress' ? NPM_INGRESS : NPM_EGRESS, ...subject.map((l) => matchSet(l.kernel, side, l.negate)),
        comment(`${dir === 'ingress' ? 'INGRESS' : 'EGRESS'}-POLICY-${p.namespace ?? ''}/${p.name}-${dir === 'ingress' ? 'TO' : 'FROM'}-${p.id}`),
        `-j ${chain}`);
      compilePolicyChain(u, sets, t, p, dir, chain);
    }
  }
  if (any) {
    t.append(NPM_CHAIN, `-j ${NPM_INGRESS}`);
    t.append(NPM_CHAIN, `-j ${NPM_EGRESS}`);
    t.append(NPM_CHAIN, `-j ${NPM_ACCEPT}`);
  }
  t.append(NPM_INGRESS, `-m mark --mark ${M.ingressDrop}`, comment('DROP-ON-INGRESS-DROP-MARK'), '-j DROP');
  t.append(NPM_INGRESS_ALLOW_MARK, `-j MARK --set-xmark ${M.ingressAllow}`, comment('SET-INGRESS-ALLOW-MARK'));
  t.append(NPM_INGRESS_ALLOW_MARK, `-j ${NPM_EGRESS}`);
  t.append(NPM_EGRESS, `-m mark --mark ${M.egressDrop}`, comment('DROP-ON-EGRESS-DROP-MARK'), '-j DROP');
  t.append(NPM_EGRESS, `-m mark --mark ${M.ingressAllow}`, comment('ACCEPT-ON-INGRESS-ALLOW-MARK'), `-j ${NPM_ACCEPT}`);
  t.append(NPM_ACCEPT, `-j MARK --set-xmark ${M.clear}`, comment('CLEAR-AZURE-NPM-MARKS'));
  t.append(NPM_ACCEPT, '-j ACCEPT');

  const ipsets = sets.all();
  return {
    engine: 'azure-npm', node, mode: u.mode,
    iptablesSave: t.render(`aksnet compile --engine azure-npm --node ${node} (Azure NPM v2, ${scheme} names)`),
    ipsetRestore: renderIpsets(ipsets), interfaces: interfacesOf(u), scope: 'cluster', ipsets, diagnostics: u.diagnostics,
  };
}

/**
 * True for the policy dialects Azure NPM programs: Kubernetes NetworkPolicy only. AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy, ClusterNetworkPolicy, Calico and Cilium objects are ignored by NPM (and reported by the
 * universe as AKS3703).
 */
export function npmEnforces(source: PolicySource): boolean {
  switch (source) {
    case 'k8s-networkpolicy':
      return true;
    case 'admin-network-policy':
    case 'baseline-admin-network-policy':
    case 'cluster-network-policy-admin':
    case 'cluster-network-policy-baseline':
    case 'calico-networkpolicy':
    case 'calico-globalnetworkpolicy':
    case 'cilium-networkpolicy':
    case 'cilium-clusterwide-networkpolicy':
      return false;
    default: {
      const never: never = source;
      throw new RangeError(`unknown policy source ${String(never)}`);
    }
  }
}

/** The subject's set matches: the namespace's ns- set (or its namespace selector) and the pod selector's sets. */
function subjectLits(sets: NpmSets, p: NormalizedPolicy): SetLit[] | 'never' {
  const base = podPeerLits(sets, p.subject.namespaces, p.subject.pods);
  if (base === 'never' || p.subject.endpoint === undefined) return base;
  // Not a Kubernetes NetworkPolicy subject: the selected pods' addresses.
  return [{ kernel: sets.subjectPods(p), logical: 'podlabel-expr', negate: false }];
}

/** Matches for a pods peer; an all-negative match is anchored to `all-namespaces` so only pods match. */
function podPeerLits(sets: NpmSets, ns: NormalizedPolicy['subject']['namespaces'], pods: NormalizedPolicy['subject']['pods']): SetLit[] | 'never' {
  const a = nsSelectorLits(sets, ns);
  const b = podSelectorLits(sets, pods);
  if (a === 'never' || b === 'never') return 'never';
  const all = [...a, ...b];
  if (!all.some((l) => !l.negate)) all.unshift({ kernel: sets.allNamespaces(), logical: 'all-namespaces', negate: false });
  return all;
}

/** One alternative match of a rule's peer (already in iptables words), or undefined when the peer never matches. */
function peerWords(u: Universe, sets: NpmSets, p: NormalizedPolicy, r: PolicyRule, peer: Peer, idx: number, side: 'src' | 'dst'): string[] | undefined {
  switch (peer.kind) {
    case 'pods': {
      const lits = podPeerLits(sets, peer.namespaces, peer.pods);
      return lits === 'never' ? undefined : lits.map((l) => matchSet(l.kernel, side, l.negate));
    }
    case 'ipblock': {
      if (peer.cidr.family !== 4) {
        u.diagnostics.push({ code: COMPILE_CODES.IPV6_SKIPPED, severity: 'warning', origin: r.origin, resource: p.id,
          message: `${p.id}: IPv6 ipBlock peers are not supported by Azure NPM; this peer matches nothing in the compiled rules`, hint: 'Azure NPM is IPv4 only' });
        return undefined;
      }
      const dir = r.direction === 'ingress' ? 'IN' : 'OUT';
      const name = `cidr-${p.name}-in-ns-${p.namespace ?? ''}-${r.index}-${idx}${dir}`;
      return [matchSet(sets.cidr(name, ipblockMembers(peer.cidr, peer.except, peer.set)), side)];
    }
    case 'nodes':
    case 'entity':
    case 'endpoints':
    case 'all-of':
    case 'not': {
      // Not a Kubernetes NetworkPolicy peer: written as the set of addresses it matches.
      const addrs = peerAddresses(u, peer);
      if (addrs === undefined) {
        u.diagnostics.push({ code: COMPILE_CODES.PEER_UNSUPPORTED, severity: 'warning', origin: r.origin, resource: p.id,
          message: `${p.id}: a ${peer.kind} peer has no Azure NPM form; it matches nothing in the compiled rules`, hint: 'Azure NPM implements Kubernetes NetworkPolicy only' });
        return undefined;
      }
      const dir = r.direction === 'ingress' ? 'IN' : 'OUT';
      return [matchSet(sets.cidr(`cidr-${p.name}-in-ns-${p.namespace ?? ''}-${r.index}-${idx}${dir}`, coverMembers(addrs)), side)];
    }
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

function portWords(sets: NpmSets, ports: readonly PortMatch[] | 'any'): { words: string; text: string }[] {
  if (ports === 'any') return [{ words: '', text: 'ALL' }];
  const out: { words: string; text: string }[] = [];
  for (const pm of ports) {
    switch (pm.kind) {
      case 'numeric':
        for (const [lo, hi] of pm.ports.ranges()) {
          out.push({ words: protoPort(pm.protocol, lo, hi), text: `${pm.protocol}-TO-PORT-${lo === hi ? lo : `${lo}:${hi}`}` });
        }
        break;
      case 'named':
        out.push({
          words: [pm.protocol !== undefined ? `-p ${pm.protocol.toLowerCase()}` : '', matchSet(sets.namedPort(pm.name), 'dst,dst')].filter(Boolean).join(' '),
          text: `${pm.protocol ?? 'ANY'}-TO-NAMEDPORT-${pm.name}`,
        });
        break;
      default: {
        const never: never = pm;
        throw new RangeError(`unknown port ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

function compilePolicyChain(u: Universe, sets: NpmSets, t: FilterTable, p: NormalizedPolicy, dir: Direction, chain: string): void {
  const side = dir === 'ingress' ? 'src' : 'dst';
  const allowTarget = dir === 'ingress' ? NPM_INGRESS_ALLOW_MARK : NPM_ACCEPT;
  const rules = p.rules.filter((r) => r.direction === dir).sort((a, b) => a.index - b.index);
  for (const r of rules) {
    // Kubernetes NetworkPolicy rules only allow; other actions cannot reach this engine's tier.
    if (r.action !== 'allow') continue;
    const peers: { words: string[]; text: string }[] = [];
    if (r.peers === 'any') peers.push({ words: [], text: 'ALL' });
    else r.peers.forEach((peer, i) => {
      const w = peerWords(u, sets, p, r, peer, i, side);
      if (w !== undefined) peers.push({ words: w, text: peerText(peer) });
    });
    const ports = portWords(sets, r.ports);
    for (const pe of peers) for (const po of ports) {
      const verb = dir === 'ingress' ? `ALLOW-FROM-${pe.text}` : `ALLOW-TO-${pe.text}`;
      t.append(chain, po.words, ...pe.words, comment(`${verb}-ON-${po.text}`), `-j ${allowTarget}`);
    }
  }
  const drop = dir === 'ingress' ? M.ingressDrop : M.egressDrop;
  t.append(chain, `-j MARK --set-xmark ${drop}`, comment(`DROP-ALL-${dir === 'ingress' ? 'TO' : 'FROM'}-${p.id}`));
}

function peerText(peer: Peer): string {
  switch (peer.kind) {
    case 'pods':
      return 'pods';
    case 'ipblock':
      return `cidr-${peer.cidr.family === 4 ? peer.set.toString().replace(/, /g, '+') : 'v6'}`;
    case 'nodes':
    case 'endpoints':
    case 'all-of':
    case 'not':
      return peer.kind;
    case 'entity':
      return peer.entity;
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}
