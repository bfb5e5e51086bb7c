// Calico (felix, iptables dataplane): per-workload chains cali-tw-<iface> (to the pod: ingress policy) and
// cali-fw-<iface> (from the pod: egress policy) reached through dispatch chains from cali-FORWARD and (pod → host)
// cali-INPUT; tiers in the endpoint chains with the pass and accept marks; one chain per policy and direction
// (cali-pi-/cali-po-); the namespace profile chains (cali-pri-/cali-pro-) allow what no tier decided. Selectors and
// nets become `cali40s:` ipsets of addresses, named ports `cali40n:` ip,port sets. Only this node's endpoints are
// policed here (shared/reference/policy-semantics.md §6).
import { IpSet } from '../../engines/net/index.js';
import type { TierSpec } from '../../engines/policy/index.js';
import { policyIsolates } from '../../engines/policy/evaluate.js';
import { CALICO_MARKS } from '../../model/facts.js';
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PortMatch, RuleAction } from '../../model/policy.js';
import { COMPILE_CODES } from '../codes.js';
import { base36, sha256 } from '../hash.js';
import { comment, FilterTable, MAX_CHAIN_NAME, matchSet, protoPort } from '../iptables.js';
import { renderIpsets } from '../ipsets.js';
import { coverMembers, ipblockMembers } from '../nets.js';
import type { CompiledIpset, CompiledNode, CompileOptions } from '../types.js';
import { peerAddresses, subjectSelects } from '../peers.js';
import { buildUniverse, interfacesOf, type LocalPod, type Universe } from '../universe.js';
import { byKey } from '../../model/compare.js';

const M = CALICO_MARKS.value;

/** A chain name: `prefix + body` when it fits iptables' limit, else `prefix + '_' +` a hash of the body. */
export function calicoChainName(prefix: string, body: string): string {
  const plain = prefix + body;
  if (plain.length <= MAX_CHAIN_NAME && /^[A-Za-z0-9_.:-]+$/.test(body)) return plain;
  return prefix + '_' + base36(sha256(body)).slice(0, MAX_CHAIN_NAME - prefix.length - 1);
}

class CalicoSets {
  private readonly sets = new Map<string, CompiledIpset>();
  /** A `cali40s:` hash:net set with the given members, keyed by what it stands for. */
  net(key: string, members: () => string[]): string {
    return this.add('cali40s:', key, 'hash:net', members);
  }
  /** A `cali40n:` hash:ip,port set. */
  ipPort(key: string, members: () => string[]): string {
    return this.add('cali40n:', key, 'hash:ip,port', members);
  }
  private add(prefix: string, key: string, type: CompiledIpset['type'], members: () => string[]): string {
    const kernelName = prefix + base36(sha256(key)).slice(0, 22);
    if (!this.sets.has(kernelName)) this.sets.set(kernelName, { kernelName, logicalName: key, type, members: members() });
    return kernelName;
  }
  all(): CompiledIpset[] {
    return [...this.sets.values()].sort(byKey((s) => s.kernelName));
  }
}

/** Compiles what Calico's felix programs in the filter table of node `node` (see CompiledNode). */
export function compileCalico(model: Model, pods: readonly Pod[], node: string, opts: CompileOptions = {}): CompiledNode {
  const u = buildUniverse(model, pods, 'calico', node, opts);
  const sets = new CalicoSets();
  const t = new FilterTable();
  for (const c of ['cali-FORWARD', 'cali-INPUT', 'cali-from-wl-dispatch', 'cali-to-wl-dispatch', 'cali-wl-to-host']) t.chain(c);
  t.append('FORWARD', comment('cali:Calico FORWARD chain'), '-j cali-FORWARD');
  t.append('INPUT', comment('cali:Calico INPUT chain'), '-j cali-INPUT');
  t.append('cali-FORWARD', `-j MARK --set-xmark ${M.clearAll}`, comment('cali:clear accept and pass marks'));
  t.append('cali-FORWARD', comment('cali:from workload'), '-j cali-from-wl-dispatch');
  t.append('cali-FORWARD', comment('cali:to workload'), '-j cali-to-wl-dispatch');
  t.append('cali-FORWARD', `-m mark --mark ${M.accept}`, comment('cali:Policy explicitly accepted packet.'), '-j ACCEPT');
  t.append('cali-INPUT', `-j MARK --set-xmark ${M.clearAll}`, comment('cali:clear accept and pass marks'));
  t.append('cali-INPUT', comment('cali:workload to host'), '-j cali-wl-to-host');
  t.append('cali-INPUT', `-m mark --mark ${M.accept}`, comment('cali:Policy explicitly accepted packet.'), '-j ACCEPT');
  t.append('cali-wl-to-host', '-j cali-from-wl-dispatch');

  const policyChains = new Map<string, string | undefined>();
  const profileChains = new Set<string>();
  for (const l of u.local) {
    const tw = calicoChainName('cali-tw-', l.iface);
    const fw = calicoChainName('cali-fw-', l.iface);
    t.chain(tw);
    t.chain(fw);
    if (u.mode === 'bridge') {
      t.append('cali-from-wl-dispatch', `-s ${l.ipText}/32`, comment(`cali:${l.id}`), `-g ${fw}`);
      t.append('cali-to-wl-dispatch', `-d ${l.ipText}/32`, comment(`cali:${l.id}`), `-g ${tw}`);
    } else {
      t.append('cali-from-wl-dispatch', `-i ${l.iface}`, comment(`cali:${l.id}`), `-g ${fw}`);
      t.append('cali-to-wl-dispatch', `-o ${l.iface}`, comment(`cali:${l.id}`), `-g ${tw}`);
    }
    endpointChain(u, sets, t, l, 'ingress', tw, policyChains, profileChains);
    endpointChain(u, sets, t, l, 'egress', fw, policyChains, profileChains);
  }
  const ipsets = sets.all();
  return {
    engine: 'calico', node, mode: u.mode,
    iptablesSave: t.render(`aksnet compile --engine calico --node ${node} (Calico felix iptables dataplane, ${u.mode} mode)`),
    ipsetRestore: renderIpsets(ipsets), interfaces: interfacesOf(u), scope: 'local-endpoints', ipsets, diagnostics: u.diagnostics,
  };
}

function selects(p: NormalizedPolicy, l: LocalPod, dir: Direction): boolean {
  return p.directions.includes(dir) && subjectSelects(p.subject, l);
}

/**
 * Which rules of the selecting policies one pass over a tier runs. Ordered tiers (Calico's) run every rule in written
 * order once; unordered tiers run in phases so the kernel's first match gives the evaluator's precedence:
 * deny-overrides = deny, then allow, then pass; allow-union = allow, then pass (it ignores deny rules).
 */
type Phase = 'ordered' | 'deny' | 'allow' | 'pass';

function tierPhases(tier: TierSpec): readonly Phase[] {
  switch (tier.kind) {
    case 'ordered-first-match':
      return ['ordered'];
    case 'deny-overrides':
      return ['deny', 'allow', 'pass'];
    case 'allow-union':
      return ['allow', 'pass'];
    default: {
      const never: never = tier.kind;
      throw new RangeError(`unknown tier kind ${String(never)}`);
    }
  }
}

function phaseRuns(phase: Phase, action: RuleAction): boolean {
  return phase === 'ordered' || phase === action;
}

function endpointChain(u: Universe, sets: CalicoSets, t: FilterTable, l: LocalPod, dir: Direction, chain: string,
  policyChains: Map<string, string | undefined>, profileChains: Set<string>): void {
  t.append(chain, '-m conntrack --ctstate RELATED,ESTABLISHED', '-j ACCEPT');
  t.append(chain, '-m conntrack --ctstate INVALID', '-j DROP');
  t.append(chain, `-j MARK --set-xmark ${M.clearAccept}`);
  u.tiers.forEach((ps, ti) => {
    const tier = u.profile.tiers[ti];
    const selecting = ps.filter((p) => selects(p, l, dir));
    if (selecting.length === 0) return;
    t.append(chain, comment(`cali:Start of tier ${tier.layer}`), `-j MARK --set-xmark ${M.clearPass}`);
    for (const phase of tierPhases(tier)) {
      for (const p of selecting) {
        const pc = policyChain(u, sets, t, tier, p, dir, phase, policyChains);
        if (pc === undefined) continue;
        t.append(chain, `-m mark --mark ${M.clearPass}`, `-j ${pc}`);
        t.append(chain, `-m mark --mark ${M.accept}`, comment('cali:Return if policy accepted'), '-j RETURN');
      }
    }
    // The evaluator ends a tier with its drop only when a selecting policy isolates the pod in this direction.
    const end: TierSpec['whenSelectedNoMatch'] = selecting.some((p) => policyIsolates(p, dir)) ? tier.whenSelectedNoMatch : 'continue';
    switch (end) {
      case 'deny':
        t.append(chain, `-m mark --mark ${M.clearPass}`, comment(`cali:End of tier ${tier.layer}. Drop if no policies passed packet`), '-j DROP');
        break;
      case 'continue':
        break;
      default: {
        const never: never = end;
        throw new RangeError(`unknown tier end ${String(never)}`);
      }
    }
  });
  const prefix = dir === 'ingress' ? 'cali-pri-' : 'cali-pro-';
  const prof = calicoChainName(prefix, `kns.${l.pod.namespace}`);
  if (!profileChains.has(prof)) {
    profileChains.add(prof);
    t.chain(prof);
    switch (u.profile.defaultAction) {
      case 'allow':
        t.append(prof, `-j MARK --set-xmark ${M.accept}`, comment(`cali:namespace ${l.pod.namespace} profile allows`));
        t.append(prof, `-m mark --mark ${M.accept}`, '-j RETURN');
        break;
      case 'deny':
        break;
      default: {
        const never: never = u.profile.defaultAction;
        throw new RangeError(`unknown default ${String(never)}`);
      }
    }
  }
  t.append(chain, `-j ${prof}`);
  t.append(chain, `-m mark --mark ${M.accept}`, comment('cali:Return if profile accepted'), '-j RETURN');
  t.append(chain, comment('cali:Drop if no profiles matched'), '-j DROP');
}

/** The rule's action as iptables words, in the chain the rule's matches jump to (or the policy chain itself). */
function actionLines(t: FilterTable, chain: string, label: string, action: RuleAction, match: readonly string[]): void {
  switch (action) {
    case 'allow':
      t.append(chain, ...match, comment(`cali:${label} allow`), `-j MARK --set-xmark ${M.accept}`);
      break;
    case 'deny':
      t.append(chain, ...match, comment(`cali:${label} deny`), '-j DROP');
      break;
    case 'pass':
      t.append(chain, ...match, comment(`cali:${label} pass`), `-j MARK --set-xmark ${M.pass}`);
      break;
    case 'log':
      t.append(chain, ...match, comment(`cali:${label} log`), '-j LOG --log-prefix "calico-packet: " --log-level 5');
      break;
    default: {
      const never: never = action;
      throw new RangeError(`unknown action ${String(never)}`);
    }
  }
}

/** After a rule decided: leave the policy chain when the packet was accepted or passed. */
function afterAction(t: FilterTable, chain: string, action: RuleAction): void {
  switch (action) {
    case 'allow':
      t.append(chain, `-m mark --mark ${M.accept}`, '-j RETURN');
      break;
    case 'pass':
      t.append(chain, `-m mark --mark ${M.pass}`, '-j RETURN');
      break;
    case 'deny':
    case 'log':
      break;
    default: {
      const never: never = action;
      throw new RangeError(`unknown action ${String(never)}`);
    }
  }
}

/**
 * The chain of policy `p` for `dir` and `phase` (created once), or undefined when no rule of the phase exists (then
 * nothing is jumped to). Each rule becomes one line per (peer, port) alternative. A rule with `notPorts` jumps to its
 * own chain `cali-pr-…`, which returns for the excluded ports first and then acts (iptables cannot negate a union of
 * protocol/port matches in one rule).
 */
function policyChain(u: Universe, sets: CalicoSets, t: FilterTable, tier: TierSpec, p: NormalizedPolicy, dir: Direction, phase: Phase,
  done: Map<string, string | undefined>): string | undefined {
  const key = `${dir}|${tier.layer}|${p.id}|${phase}`;
  if (done.has(key)) return done.get(key);
  const rules = p.rules.filter((r) => r.direction === dir && phaseRuns(phase, r.action)).sort((a, b) => a.index - b.index);
  if (rules.length === 0 && phase !== 'ordered') {
    done.set(key, undefined);
    return undefined;
  }
  const name = calicoChainName(dir === 'ingress' ? 'cali-pi-' : 'cali-po-', `${tier.layer}/${p.id}${phase === 'ordered' ? '' : `/${phase}`}`);
  done.set(key, name);
  t.chain(name);
  const side = dir === 'ingress' ? 'src' : 'dst';
  for (const r of rules) {
    const peers: string[][] = [];
    if (r.peers === 'any') peers.push([]);
    else for (const peer of r.peers) {
      const w = peerWords(u, sets, p, r, peer, side);
      if (w !== undefined) peers.push(w);
    }
    const ports = portWords(u, sets, r.ports);
    const label = `${p.id} ${r.name ?? `${r.direction} rule #${r.index + 1}`}`;
    const notPorts = r.notPorts ?? [];
    let target: string | undefined;
    if (notPorts.length > 0 && peers.length > 0 && ports.length > 0) {
      target = calicoChainName('cali-pr-', `${tier.layer}/${p.id}/${dir}/${r.index}`);
      t.chain(target);
      for (const np of portWords(u, sets, notPorts)) t.append(target, np, comment(`cali:${label} notPorts`), '-j RETURN');
      actionLines(t, target, label, r.action, []);
    }
    for (const pe of peers) for (const po of ports) {
      const match = [po, ...pe];
      if (target !== undefined) t.append(name, ...match, comment(`cali:${label}`), `-j ${target}`);
      else actionLines(t, name, label, r.action, match);
      afterAction(t, name, r.action);
    }
  }
  return name;
}

function peerWords(u: Universe, sets: CalicoSets, p: NormalizedPolicy, r: PolicyRule, peer: Peer, side: 'src' | 'dst'): string[] | undefined {
  if (peer.kind === 'ipblock' && peer.cidr.family !== 4) {
    u.diagnostics.push({ code: COMPILE_CODES.IPV6_SKIPPED, severity: 'warning', origin: r.origin, resource: p.id,
      message: `${p.id}: IPv6 nets are not compiled (aksnet compiles the IPv4 filter table); this peer matches nothing here`, hint: 'felix programs IPv6 in ip6tables' });
    return undefined;
  }
  const addrs = peerAddresses(u, peer);
  if (addrs === undefined) {
    u.diagnostics.push({ code: COMPILE_CODES.PEER_UNSUPPORTED, severity: 'warning', origin: r.origin, resource: p.id,
      message: `${p.id}: a peer with a Cilium entity has no Calico form; it matches nothing in the compiled rules`, hint: 'Calico does not read Cilium policies' });
    return undefined;
  }
  if (addrs.equals(IpSet.all(4))) return [];
  const members = peer.kind === 'ipblock' ? ipblockMembers(peer.cidr, peer.except, peer.set) : coverMembers(addrs);
  return [matchSet(sets.net(`${peer.kind}:${addrs.toString()}`, () => members), side)];
}

function portWords(u: Universe, sets: CalicoSets, ports: readonly PortMatch[] | 'any'): string[] {
  if (ports === 'any') return [''];
  const out: string[] = [];
  for (const pm of ports) {
    switch (pm.kind) {
      case 'numeric':
        for (const [lo, hi] of pm.ports.ranges()) out.push(protoPort(pm.protocol, lo, hi));
        break;
      case 'named': {
        const s = sets.ipPort(`namedport:${pm.protocol ?? '*'}:${pm.name}`, () => {
          const m: string[] = [];
          for (const e of u.pods) for (const cp of e.pod.ports) {
            if (cp.name === pm.name && (pm.protocol === undefined || pm.protocol === cp.protocol)) m.push(`${e.ipText},${cp.protocol.toLowerCase()}:${cp.port}`);
          }
          return [...new Set(m)].sort();
        });
        out.push([pm.protocol !== undefined ? `-p ${pm.protocol.toLowerCase()}` : '', matchSet(s, 'dst,dst')].filter(Boolean).join(' '));
        break;
      }
      default: {
        const never: never = pm;
        throw new RangeError(`unknown port ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

