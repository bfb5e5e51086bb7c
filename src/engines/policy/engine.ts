// The class-based policy engine. Pods that every policy treats alike (same relevant namespace labels, pod labels,
// named ports, ipBlock membership, and node where that matters) share a class; for each class and direction the
// other classes are partitioned by which of its rules match them (bitsets over classes, refined a word at a time),
// and the evaluator runs once per part. Subject classes selected by the same policies share their partition and
// results. A matrix row (classRow) intersects the source's egress-open bitset with the transposed ingress-open
// bitsets, so its cost follows the destinations that get something. No loop ever runs over pods × pods × policies.
import { ConnSet, formatIp, type Ip, type IpFamily, type IpSet, type L4Protocol, PortSet } from '../net/index.js';
import type { ContainerPort, Labels, Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, Selector } from '../../model/policy.js';
import { decideDirection, directionVerdict, policyIsolates, type EvalContext } from './evaluate.js';
import {
  endPortNarrowed, ipblockApplies, numericPorts, peerDependsOnSubject, peerMatches, rulePeersMatch, ruleHasNamedPort, rulePortsToward,
  subjectSelects,
} from './match.js';
import type { EngineProfile } from './profile.js';
import { resolveTiers, tierOfPolicy } from './profile.js';
import { matchSelector, projectLabels, selectorCacheKey, selectorKeys } from './selector.js';
import type { ClassRow, DecisionStep, Endpoint, ExternalAtom, FlowOptions, FlowVerdict, PolicyEngine } from './types.js';
import { andBits, bitsWhere, emptyBits, forEachBit, orInto, setBit, type ClassBits } from './bits.js';
import { LabelIndex } from './label-index.js';
import { Refinement, type GroupArray } from './partition.js';
import { endpointLabels, endpointView, isOwnNode, namespaceLabels, podView, viewTables, type View, type ViewTables } from './view.js';

const EMPTY: readonly NormalizedPolicy[] = Object.freeze([]);
const ALL = ConnSet.all();
const NONE = ConnSet.none();
const ALL_ID = 0;
const NONE_ID = 1;

/** Sorts a tier's policies: priority ascending (absent → the tier's default for the source, else last), then id. */
function sortTier(profile: EngineProfile, t: number, ps: NormalizedPolicy[]): NormalizedPolicy[] {
  const tier = profile.tiers[t];
  const prio = (p: NormalizedPolicy): number => p.priority ?? tier.defaultPriority?.[p.source] ?? Number.POSITIVE_INFINITY;
  return ps.sort((a, b) => prio(a) - prio(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const setKeys = new WeakMap<IpSet, string>();

/** A canonical key for an address set (its ranges in hex; equal sets give equal keys), cached per set object. */
function setKey(s: IpSet): string {
  let k = setKeys.get(s);
  if (k === undefined) {
    k = s.ranges().map((r) => `${r.family}:${r.lo.toString(16)}-${r.hi.toString(16)}`).join(',');
    setKeys.set(s, k);
  }
  return k;
}

/** Every address set a peer tests (ipBlocks and labelled IP sets), at any depth. */
function peerSets(peer: Peer, out: Map<string, IpSet>): void {
  switch (peer.kind) {
    case 'ipblock':
      out.set(setKey(peer.set), peer.set);
      return;
    case 'endpoints':
      if (!peer.sets.isEmpty()) out.set(setKey(peer.sets), peer.sets);
      return;
    case 'all-of':
      for (const p of peer.peers) peerSets(p, out);
      return;
    case 'not':
      peerSets(peer.peer, out);
      return;
    case 'pods':
    case 'nodes':
    case 'entity':
      return;
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

/** Every ipBlock peer and labelled IP set of every rule. */
function ipblockSets(policies: readonly NormalizedPolicy[]): IpSet[] {
  const byKey = new Map<string, IpSet>();
  for (const p of policies) for (const r of p.rules) {
    if (r.peers === 'any') continue;
    for (const peer of r.peers) peerSets(peer, byKey);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as IpSet);
}

/** True when some peer tests labelled IP sets (they match pod addresses under every engine). */
function usesEndpointSets(policies: readonly NormalizedPolicy[]): boolean {
  const m = new Map<string, IpSet>();
  for (const p of policies) for (const r of p.rules) {
    if (r.peers === 'any') continue;
    for (const peer of r.peers) {
      if (peer.kind === 'ipblock') continue;
      peerSets(peer, m);
    }
  }
  return m.size > 0;
}

/** Adds the label keys a peer reads, per label map, at any depth. */
function peerKeys(peer: Peer, k: { pod: Set<string>; ns: Set<string>; node: Set<string>; endpoint: Set<string> }): boolean {
  switch (peer.kind) {
    case 'pods':
      selectorKeys(peer.namespaces, k.ns);
      selectorKeys(peer.pods, k.pod);
      return false;
    case 'nodes':
      selectorKeys(peer.nodes, k.node);
      return false;
    case 'endpoints':
      selectorKeys(peer.selector, k.endpoint);
      return false;
    case 'entity':
      return peer.entity === 'host' || peer.entity === 'remote-node';
    case 'all-of':
      return peer.peers.map((p) => peerKeys(p, k)).some(Boolean);
    case 'not':
      return peerKeys(peer.peer, k);
    case 'ipblock':
      return false;
    default: {
      const never: never = peer;
      throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

/** The address space cut at every boundary of the given sets, per family; each atom gets a membership signature. */
class Atoms {
  private readonly starts = new Map<IpFamily, bigint[]>();
  private readonly sigs = new Map<string, string>();
  constructor(private readonly sets: readonly IpSet[], families: readonly IpFamily[]) {
    for (const f of families) {
      const b = new Set<bigint>([0n]);
      for (const s of sets) for (const r of s.ofFamily(f).ranges()) {
        b.add(r.lo);
        b.add(r.hi + 1n);
      }
      const max = f === 4 ? (1n << 32n) : (1n << 128n);
      this.starts.set(f, [...b].filter((x) => x < max).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    }
  }
  /** Index of the atom holding value v of family f. */
  index(f: IpFamily, v: bigint): number {
    const st = this.starts.get(f) ?? [0n];
    let lo = 0;
    let hi = st.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (st[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
  /** Which sets contain the atom, as a string (equal strings = treated alike by every ipBlock). */
  signature(f: IpFamily, atom: number): string {
    const k = `${f}:${atom}`;
    let s = this.sigs.get(k);
    if (s === undefined) {
      const lo = (this.starts.get(f) ?? [0n])[atom];
      const ip = { family: f, value: lo };
      const members: number[] = [];
      this.sets.forEach((set, j) => {
        if (set.contains(ip)) members.push(j);
      });
      s = `${f}:${members.join('.')}`;
      this.sigs.set(k, s);
    }
    return s;
  }
  /** The atoms of family f, adjacent atoms with equal signatures merged. */
  merged(f: IpFamily): ExternalAtom[] {
    const st = this.starts.get(f) ?? [0n];
    const max = f === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    const out: ExternalAtom[] = [];
    let prevSig = '';
    for (let i = 0; i < st.length; i++) {
      const hi = i + 1 < st.length ? st[i + 1] - 1n : max;
      const sig = this.signature(f, i);
      const last = out[out.length - 1];
      if (last !== undefined && sig === prevSig) out[out.length - 1] = { family: f, lo: last.lo, hi };
      else out.push({ family: f, lo: st[i], hi });
      prevSig = sig;
    }
    return out;
  }
}

/** Builds the index once per model and profile; `pods` defaults to model.pods (pass pods with derived addresses). */
export function buildPolicyEngine(model: Model, profile: EngineProfile, pods: readonly Pod[] = model.pods): PolicyEngine {
  return new ClassEngine(model, profile, pods);
}

/**
 * Direction `dir` at one subject class, with every class as the other end: the classes in groups the evaluator cannot
 * tell apart, and what the direction allows per group.
 */
interface Side {
  /** groupOf[c]: the group of class c. */
  readonly groupOf: GroupArray;
  /** reps[g]: one class of group g (the evaluator runs on it). */
  readonly reps: Int32Array;
  /** res[g]: the interned id of what the direction allows for group g; -1 until solved. */
  readonly res: Int32Array;
  /** The classes whose group is allowed something ('all' / 'none': every / no class); absent until all solved. */
  open?: ClassBits | 'all' | 'none';
}

/** A policy's rules in one direction as the class engine splits by them. */
interface PolicySplits {
  /** A number identifying the policy in side keys. */
  readonly index: number;
  /** Some rule has a named port (its result depends on the destination pod's ports). */
  readonly named: boolean;
  /** Some rule's peers depend on the subject (host / remote-node entities); those rules appear in `splits` as rules. */
  readonly subjectDependent: boolean;
  /** Per rule with peers: the classes its peers match, or the rule itself when that depends on the subject. */
  readonly splits: readonly (ClassBits | PolicyRule)[];
}

/** Ingress admission transposed: source s may reach d when d is in `all`, or bit d of row s of `bySource` is set. */
interface IngressOpen {
  /** Classes whose ingress admits something from every class. */
  readonly all: ClassBits;
  /** Row s (words [s × words, (s + 1) × words)): the other classes whose ingress admits something from class s. */
  readonly bySource: Uint32Array;
}

interface ClassInfo {
  readonly rep: Pod;
  readonly view: View;
  /** Index into nsGroups (pod-kind classes), -1 for node-kind classes. */
  readonly nsGroup: number;
  /** Id of the class's named-port projection (0 = none). */
  readonly portCtx: number;
}

class ClassEngine implements PolicyEngine {
  readonly ignoredPolicies: readonly NormalizedPolicy[];
  readonly classCount: number;
  private readonly tables: ViewTables;
  private readonly tierPolicies: NormalizedPolicy[][];
  private readonly tierUsed: boolean[];
  private readonly rules = new Map<NormalizedPolicy, Record<Direction, readonly PolicyRule[]>>();
  private readonly numeric = new Map<PolicyRule, ConnSet>();
  private readonly atoms: Atoms;
  private readonly families: IpFamily[];
  private readonly classes: ClassInfo[] = [];
  private readonly classByPod = new Map<Pod, number>();
  private readonly classByName = new Map<string, number>();
  private readonly podByName = new Map<string, Pod>();
  private readonly nsGroups: { labels: View['nsLabels']; classes: number[]; bits: ClassBits }[] = [];
  /** Pod labels of the pod-kind classes, and selector answers over them and over namespace groups (by selector key). */
  private podIndex: LabelIndex = new LabelIndex(0);
  private readonly podSelectorBits = new Map<string, ClassBits>();
  private readonly nsSelectorBits = new Map<string, ClassBits>();
  /** The keys (setKey) of the address sets the atoms are cut at. */
  private readonly atomSets: ReadonlySet<string>;
  /** addressAtoms(), built on first use. */
  private ipAtoms: { ip: Ip; bits: ClassBits }[] | undefined;
  /** classPolicies[c][dir][tier]: policies selecting class c. */
  private readonly classPolicies: Record<Direction, NormalizedPolicy[][]>[] = [];
  private readonly direct: EvalContext;
  private readonly byClass: EvalContext;
  private readonly words: number;
  private readonly peerBits = new Map<string, Uint32Array>();
  private readonly ruleBits = new Map<PolicyRule, Uint32Array | undefined>();
  /** eSides[c]: egress at class c with every class as the destination (iSides: ingress, every class as the source). */
  private readonly eSides: (Side | undefined)[] = [];
  private readonly iSides: (Side | undefined)[] = [];
  /** Sides shared by subjects with equal keys (see side()); partitions shared by direction and key. */
  private readonly eShared = new Map<string, Side>();
  private readonly iShared = new Map<string, Side>();
  private readonly partitions = new Map<string, { groupOf: GroupArray; reps: Int32Array }>();
  private readonly splitsOf = new Map<NormalizedPolicy, Partial<Record<Direction, PolicySplits>>>();
  /** Each active policy's position in tier order (identifies it in side keys). */
  private readonly policyIndex = new Map<NormalizedPolicy, number>();
  /** The group array every single-group side shares (all zeros, never written). */
  private zeroGroups: GroupArray = new Uint8Array(0);
  /** portCtxBits[v]: the classes whose named-port projection is v (built on first use). */
  private portCtxBits: ClassBits[] | undefined;
  /** Which sources ingress admits at each class, transposed per source (built by the first classRow). */
  private ingressBySource: IngressOpen | undefined;
  /** Distinct connection sets by id; internIds maps ConnSet.key() to the id. */
  private readonly sets: ConnSet[] = [ALL, NONE];
  private readonly internIds = new Map<string, number>([[ALL.key(), ALL_ID], [NONE.key(), NONE_ID]]);
  /** meet[e][i]: id of sets[e] ∩ sets[i]. */
  private readonly meet: (number | undefined)[][] = [];
  private readonly hasNodeClasses: boolean;

  readonly profile: EngineProfile;
  /** Rules whose endPort ranges this engine enforces as their first port only. */
  private readonly narrowed = new Set<PolicyRule>();
  private readonly endpointSets: boolean;

  constructor(model: Model, baseProfile: EngineProfile, pods: readonly Pod[]) {
    const profile = resolveTiers(baseProfile, model.policies);
    this.profile = profile;
    this.tables = viewTables(model.namespaces, model.nodes);
    const ignored: NormalizedPolicy[] = [];
    this.tierPolicies = profile.tiers.map(() => []);
    for (const p of model.policies) {
      if (endPortNarrowed(profile, p)) for (const r of p.rules) this.narrowed.add(r);
      const t = tierOfPolicy(profile, p);
      if (t < 0) ignored.push(p);
      else this.tierPolicies[t].push(p);
      this.rules.set(p, {
        ingress: p.rules.filter((r) => r.direction === 'ingress').sort((a, b) => a.index - b.index),
        egress: p.rules.filter((r) => r.direction === 'egress').sort((a, b) => a.index - b.index),
      });
    }
    this.tierPolicies.forEach((ps, t) => sortTier(profile, t, ps));
    this.tierUsed = this.tierPolicies.map((ps) => ps.length > 0);
    this.ignoredPolicies = ignored.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const active = this.tierPolicies.flat();
    active.forEach((p, i) => this.policyIndex.set(p, i));
    this.endpointSets = usesEndpointSets(active);

    const sets = ipblockSets(active);
    const fam = new Set<IpFamily>([4]);
    for (const s of sets) if (!s.ofFamily(6).isEmpty()) fam.add(6);
    for (const p of pods) if (p.ip?.family === 6) fam.add(6);
    this.families = [...fam].sort();
    this.atoms = new Atoms(sets, this.families);
    this.atomSets = new Set(sets.map(setKey));

    this.direct = this.context(false);
    this.byClass = this.context(true);
    this.buildClasses(pods, active);
    this.classCount = this.classes.length;
    this.words = (this.classCount + 31) >>> 5;
    this.zeroGroups = new Uint8Array(this.classCount);
    this.hasNodeClasses = this.classes.some((c) => c.view.kind === 'node');
    this.podIndex = new LabelIndex(this.classCount);
    this.indexLabels();
    this.indexSubjects();
  }

  // ── classes ────────────────────────────────────────────────────────────────────────────────────────────────
  private buildClasses(pods: readonly Pod[], active: readonly NormalizedPolicy[]): void {
    const podKeys = new Set<string>();
    const nsKeys = new Set<string>();
    const nodeKeys = new Set<string>();
    const endpointKeys = new Set<string>();
    const keys = { pod: podKeys, ns: nsKeys, node: nodeKeys, endpoint: endpointKeys };
    const portNames = new Set<string>();
    let entityNodes = false;
    for (const p of active) {
      selectorKeys(p.subject.namespaces, nsKeys);
      selectorKeys(p.subject.pods, podKeys);
      if (p.subject.endpoint !== undefined) selectorKeys(p.subject.endpoint, endpointKeys);
      for (const r of p.rules) {
        for (const list of [r.ports, r.notPorts ?? []]) {
          if (list !== 'any') for (const pm of list) if (pm.kind === 'named') portNames.add(pm.name);
        }
        if (r.peers === 'any') continue;
        for (const peer of r.peers) if (peerKeys(peer, keys)) entityNodes = true;
      }
    }
    const podIpSig = this.profile.ipblockMatchesPods || this.endpointSets;
    const nodeSensitive = entityNodes || pods.some((p) => p.hostNetwork && this.profile.hostNetworkPods === 'node');
    const byKey = new Map<string, number>();
    const nsGroupByKey = new Map<string, number>();
    const portCtxByKey = new Map<string, number>([['', 0]]);
    // Sorted by `ns/name` (each key built once), so class ids do not depend on input order.
    const byName = pods.map((p) => ({ pod: p, key: `${p.namespace}/${p.name}` }));
    byName.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const nsKeyOf = new Map<string, string>();
    const portKeyOf = new Map<readonly ContainerPort[], string>();
    for (const { pod, key: podName } of byName) {
      // A pod the engine sees as a pod needs no full view here (its endpoint labels only when a policy reads them).
      const asNode = pod.hostNetwork && this.profile.hostNetworkPods === 'node';
      const v = asNode ? podView(this.tables, this.profile, pod) : undefined;
      const ip = v !== undefined ? v.ip : pod.ip;
      const ipSig = ip === undefined ? '-' : this.atoms.signature(ip.family, this.atoms.index(ip.family, ip.value));
      const nodeName = v !== undefined ? v.nodeName : pod.nodeName;
      const hostIp = v !== undefined ? v.hostIp : pod.hostIp;
      const where = nodeSensitive ? `${nodeName ?? '-'}|${hostIp ? formatIp(hostIp) : '-'}|${ip ? formatIp(ip) : '-'}` : '';
      let key: string;
      let nsKey = '';
      let portKey = '';
      let nsLabels: Labels | undefined;
      if (v === undefined) {
        nsLabels = namespaceLabels(this.tables, pod.namespace);
        let k = nsKeyOf.get(pod.namespace);
        if (k === undefined) {
          k = projectLabels(nsLabels, nsKeys);
          nsKeyOf.set(pod.namespace, k);
        }
        nsKey = k;
        let pk = portKeyOf.get(pod.ports);
        if (pk === undefined) {
          pk = pod.ports.filter((cp) => cp.name !== undefined && portNames.has(cp.name))
            .map((cp) => `${cp.name}/${cp.protocol}/${cp.port}`).sort().join(',');
          portKeyOf.set(pod.ports, pk);
        }
        portKey = pk;
        const epKey = endpointKeys.size > 0
          ? projectLabels(endpointLabels(pod.labels, pod.namespace, nsLabels, pod.serviceAccount), endpointKeys) : '';
        key = `P|${nsKey}|${projectLabels(pod.labels, podKeys)}|${epKey}|${portKey}|${podIpSig ? ipSig : ''}|${where}`;
      } else {
        key = `N|${projectLabels(v.labels, nodeKeys)}|${this.profile.ipblockMatchesNodes ? ipSig : ''}|${where}`;
      }
      let c = byKey.get(key);
      if (c === undefined) {
        c = this.classes.length;
        byKey.set(key, c);
        let g = -1;
        if (nsLabels !== undefined) {
          g = nsGroupByKey.get(nsKey) ?? -1;
          if (g < 0) {
            g = this.nsGroups.length;
            nsGroupByKey.set(nsKey, g);
            this.nsGroups.push({ labels: nsLabels, classes: [], bits: emptyBits(0) });
          }
          this.nsGroups[g].classes.push(c);
        }
        let pc = portCtxByKey.get(portKey);
        if (pc === undefined) {
          pc = portCtxByKey.size;
          portCtxByKey.set(portKey, pc);
        }
        // Class representatives carry no pod identity, so loopback never applies between two members of a class.
        this.classes.push({ rep: pod, view: podView(this.tables, this.profile, pod, c, false), nsGroup: g, portCtx: pc });
      }
      this.classByPod.set(pod, c);
      this.classByName.set(podName, c);
      this.podByName.set(podName, pod);
    }
  }

  /** Indexes the pod-kind classes' pod labels, and each namespace group's classes as a bitset. */
  private indexLabels(): void {
    this.classes.forEach((ci, c) => {
      if (ci.view.kind === 'pod') this.podIndex.add(c, ci.view.labels);
    });
    for (const g of this.nsGroups) {
      const b = emptyBits(this.classCount);
      for (const c of g.classes) setBit(b, c);
      g.bits = b;
    }
  }

  /** The pod-kind classes whose namespace labels satisfy `sel` (tested once per namespace group; cached). */
  private nsBits(sel: Selector): ClassBits {
    const key = selectorCacheKey(sel);
    let out = this.nsSelectorBits.get(key);
    if (out === undefined) {
      out = emptyBits(this.classCount);
      for (const g of this.nsGroups) if (matchSelector(sel, g.labels)) orInto(out, g.bits);
      this.nsSelectorBits.set(key, out);
    }
    return out;
  }

  /** The pod-kind classes whose pod labels satisfy `sel` (through the label index; cached). */
  private podBits(sel: Selector): ClassBits {
    const key = selectorCacheKey(sel);
    let out = this.podSelectorBits.get(key);
    if (out === undefined) {
      out = this.podIndex.select(sel);
      this.podSelectorBits.set(key, out);
    }
    return out;
  }

  /** classPolicies: each policy's subject as a bitset (namespace bits ∩ pod bits, then endpoint labels per class). */
  private indexSubjects(): void {
    for (let c = 0; c < this.classCount; c++) {
      this.classPolicies.push({ ingress: this.profile.tiers.map(() => []), egress: this.profile.tiers.map(() => []) });
    }
    this.tierPolicies.forEach((ps, t) => {
      for (const p of ps) {
        const bits = andBits(this.nsBits(p.subject.namespaces), this.podBits(p.subject.pods));
        forEachBit(bits, (c) => {
          if (p.subject.endpoint !== undefined && !subjectSelects(p.subject, this.classes[c].view)) return;
          for (const d of p.directions) this.classPolicies[c][d][t].push(p);
        });
      }
    });
  }

  // ── evaluation contexts ────────────────────────────────────────────────────────────────────────────────────
  private context(useClasses: boolean): EvalContext {
    const profile = this.profile;
    return {
      profile,
      tierUsed: this.tierUsed,
      policiesFor: (subject, dir, tier) => {
        if (subject.kind !== 'pod') return EMPTY;
        if (useClasses && subject.classId !== undefined) return this.classPolicies[subject.classId][dir][tier];
        return this.tierPolicies[tier].filter((p) => p.directions.includes(dir) && subjectSelects(p.subject, subject));
      },
      rulesOf: (p, dir) => this.rules.get(p)?.[dir] ?? [],
      peersMatch: (rule, remote, subject) => rulePeersMatch(profile, rule, remote, subject),
      ports: (rule, dst) => {
        const first = this.narrowed.has(rule);
        if (ruleHasNamedPort(rule) || (rule.notPorts?.length ?? 0) > 0) return rulePortsToward(rule, dst, first);
        let n = this.numeric.get(rule);
        if (n === undefined) {
          n = numericPorts(rule.ports, first);
          this.numeric.set(rule, n);
        }
        return n;
      },
      isolates: (p, dir) => policyIsolates(p, dir),
    };
  }

  // ── public API ─────────────────────────────────────────────────────────────────────────────────────────────
  classOf(pod: Pod): number {
    return this.classByPod.get(pod) ?? this.classByName.get(`${pod.namespace}/${pod.name}`) ?? -1;
  }

  classRepresentative(c: number): Pod {
    const info = this.classes[c];
    if (info === undefined) throw new RangeError(`no class ${c}`);
    return info.rep;
  }

  private view(e: Endpoint): View {
    if (e.kind === 'pod') {
      const own = this.podByName.get(`${e.pod.namespace}/${e.pod.name}`);
      return endpointView(this.tables, this.profile, { kind: 'pod', pod: own ?? e.pod });
    }
    return endpointView(this.tables, this.profile, e);
  }

  /**
   * The remote end ingress at `dv` sees for a flow from `sv` (the flow's via changes it under some engines), or
   * 'bypass' when ingress is not policed at all.
   */
  private ingressSource(sv: View, dv: View, opts: FlowOptions | undefined): View | 'bypass' {
    const via = opts?.via;
    if (via === undefined || via.externalTrafficPolicy !== 'Cluster' || dv.kind !== 'pod') return sv;
    switch (this.profile.serviceIngress) {
      case 'client':
        return sv;
      case 'bypass':
        return 'bypass';
      case 'source-node': {
        const name = via.node ?? '(forwarding node)';
        // The SNAT wrote one of the node's addresses: the one of the destination's family (ipBlock peers match it).
        const ips = via.nodeIps ?? [];
        const ip = ips.find((a) => dv.ip !== undefined && a.family === dv.ip.family) ?? ips[0];
        return this.view({ kind: 'node', name, ...(ip ? { ip } : {}) });
      }
      case 'source-world':
        return sv.kind === 'external' ? sv : { ...sv, kind: 'external', self: undefined, classId: undefined, display: `${sv.display} (as world)` };
      default: {
        const never: never = this.profile.serviceIngress;
        throw new RangeError(`unknown service ingress mode ${String(never)}`);
      }
    }
  }

  private bypassStep(opts: FlowOptions | undefined): DecisionStep {
    const via = opts?.via;
    return {
      layer: 'service-bypass', outcome: 'allow',
      text: `[service bypass] Allowed (arrives through ${via?.type ?? 'Service'} ${via?.service ?? ''} with externalTrafficPolicy Cluster; ${this.profile.name} does not police that ingress)`,
    };
  }

  connections(src: Endpoint, dst: Endpoint, opts?: FlowOptions): ConnSet {
    if (opts?.via !== undefined) {
      const sv = this.view(src);
      const dv = this.view(dst);
      const all = ConnSet.all();
      const remote = this.ingressSource(sv, dv, opts);
      const e = decideDirection(this.direct, 'egress', sv, dv, all);
      return remote === 'bypass' ? e : e.intersect(decideDirection(this.direct, 'ingress', dv, remote, all));
    }
    if (src.kind === 'pod' && dst.kind === 'pod') {
      const same = src.pod.namespace === dst.pod.namespace && src.pod.name === dst.pod.name;
      const a = this.classOf(src.pod);
      const b = this.classOf(dst.pod);
      if (!same && a >= 0 && b >= 0) return this.classConnections(a, b);
    }
    const sv = this.view(src);
    const dv = this.view(dst);
    const all = ConnSet.all();
    return decideDirection(this.direct, 'egress', sv, dv, all).intersect(decideDirection(this.direct, 'ingress', dv, sv, all));
  }

  decide(src: Endpoint, dst: Endpoint, protocol: L4Protocol, port: number, opts?: FlowOptions): FlowVerdict {
    const probe = ConnSet.of(protocol, PortSet.single(port));
    const sv = this.view(src);
    const dv = this.view(dst);
    const eSteps: DecisionStep[] = [];
    const iSteps: DecisionStep[] = [];
    const e = !decideDirection(this.direct, 'egress', sv, dv, probe, eSteps).isEmpty();
    const remote = this.ingressSource(sv, dv, opts);
    let i: boolean;
    if (remote === 'bypass') {
      iSteps.push(this.bypassStep(opts));
      i = true;
    } else {
      if (remote !== sv) {
        iSteps.push({
          layer: 'service-source', outcome: 'note',
          text: `[service source] Ingress sees ${remote.display} as the source (arrives through ${opts?.via?.type ?? 'Service'} ${opts?.via?.service ?? ''} with externalTrafficPolicy Cluster)`,
        });
      }
      i = !decideDirection(this.direct, 'ingress', dv, remote, probe, iSteps).isEmpty();
    }
    return { allowed: e && i, egress: directionVerdict(e, eSteps), ingress: directionVerdict(i, iSteps) };
  }

  classConnections(srcClass: number, dstClass: number): ConnSet {
    // Hot path: one group lookup and one interned result per direction, then a cached intersection of interned sets.
    this.checkClass(srcClass);
    this.checkClass(dstClass);
    const se = this.eSides[srcClass] ?? this.side('egress', srcClass);
    const si = this.iSides[dstClass] ?? this.side('ingress', dstClass);
    const ge = se.groupOf[dstClass];
    const gi = si.groupOf[srcClass];
    let e = se.res[ge];
    if (e < 0) e = this.solve(se, 'egress', srcClass, ge);
    let i = si.res[gi];
    if (i < 0) i = this.solve(si, 'ingress', dstClass, gi);
    return this.sets[this.meetId(e, i)];
  }

  classRow(srcClass: number): ClassRow {
    this.checkClass(srcClass);
    const se = this.fullSide('egress', srcClass);
    const targets: number[] = [];
    const conns: ConnSet[] = [];
    const open = se.open;
    if (open === 'none' || open === undefined) return { targets, conns };
    const t = this.ingressOpen();
    const words = this.words;
    const base = srcClass * words;
    const sets = this.sets;
    const eGroup = se.groupOf;
    const eRes = se.res;
    // Candidates: egress at the source allows something towards d, and ingress at d admits something from the source.
    for (let w = 0; w < words; w++) {
      let x = (t.all[w] | t.bySource[base + w]) & (open === 'all' ? -1 : open[w]);
      while (x !== 0) {
        const low = x & -x;
        const d = (w << 5) + 31 - Math.clz32(low);
        x ^= low;
        const si = this.iSides[d] as Side;
        const m = this.meetId(eRes[eGroup[d]], si.res[si.groupOf[srcClass]]);
        if (m !== NONE_ID) {
          targets.push(d);
          conns.push(sets[m]);
        }
      }
    }
    return { targets, conns };
  }

  externalAtoms(): readonly ExternalAtom[] {
    return this.families.flatMap((f) => this.atoms.merged(f));
  }

  // ── class-level partitions ─────────────────────────────────────────────────────────────────────────────────
  private checkClass(c: number): void {
    if (!(Number.isInteger(c) && c >= 0 && c < this.classCount)) throw new RangeError(`classConnections: no class ${c}`);
  }

  /** The id of `s` among the distinct connection sets met so far (ALL_ID and NONE_ID are fixed). */
  private intern(s: ConnSet): number {
    const k = s.key();
    let id = this.internIds.get(k);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(s);
      this.internIds.set(k, id);
    }
    return id;
  }

  /** The id of sets[e] ∩ sets[i] (cached per pair of ids). */
  private meetId(e: number, i: number): number {
    if (e === i || i === ALL_ID) return e;
    if (e === ALL_ID) return i;
    if (e === NONE_ID || i === NONE_ID) return NONE_ID;
    const row = (this.meet[e] ??= []);
    let m = row[i];
    if (m === undefined) {
      m = this.intern(this.sets[e].intersect(this.sets[i]));
      row[i] = m;
    }
    return m;
  }

  /** Runs the evaluator for group `g` of `side` (direction `dir` at class `subject`) on the group's representative. */
  private solve(side: Side, dir: Direction, subject: number, g: number): number {
    const peer = side.reps[g];
    const r = this.intern(decideDirection(this.byClass, dir, this.classes[subject].view, this.classes[peer].view, ALL));
    side.res[g] = r;
    return r;
  }

  /** The side of `subject` in `dir` with every group solved and its open set known. */
  private fullSide(dir: Direction, subject: number): Side {
    const side = (dir === 'egress' ? this.eSides : this.iSides)[subject] ?? this.side(dir, subject);
    if (side.open !== undefined) return side;
    let anyNone = false;
    let anyOpen = false;
    for (let g = 0; g < side.res.length; g++) {
      const r = side.res[g] < 0 ? this.solve(side, dir, subject, g) : side.res[g];
      if (r === NONE_ID) anyNone = true;
      else anyOpen = true;
    }
    if (!anyNone) side.open = 'all';
    else if (!anyOpen) side.open = 'none';
    else {
      const bits = emptyBits(this.classCount);
      for (let c = 0; c < this.classCount; c++) if (side.res[side.groupOf[c]] !== NONE_ID) setBit(bits, c);
      side.open = bits;
    }
    return side;
  }

  /** Every class's ingress solved, and which sources it admits transposed to one bitset row per source. */
  private ingressOpen(): IngressOpen {
    if (this.ingressBySource !== undefined) return this.ingressBySource;
    const n = this.classCount;
    const words = this.words;
    const all = emptyBits(n);
    const bySource = new Uint32Array(n * words);
    for (let d = 0; d < n; d++) {
      const open = this.fullSide('ingress', d).open;
      if (open === 'all') setBit(all, d);
      else if (open !== 'none' && open !== undefined) {
        const w = d >>> 5;
        const bit = 1 << (d & 31);
        forEachBit(open, (s) => {
          bySource[s * words + w] |= bit;
        });
      }
    }
    this.ingressBySource = { all, bySource };
    return this.ingressBySource;
  }

  /**
   * The side of `dir` at `subject`: all classes split into groups the evaluator cannot tell apart as the other end.
   * The split and the results depend only on the policies selecting the subject, its node (when own-node exemptions
   * or host/remote-node peers apply) and, for ingress with named ports, its named-port projection: subjects with
   * equal keys share one side.
   */
  private side(dir: Direction, subject: number): Side {
    const sides = dir === 'egress' ? this.eSides : this.iSides;
    const view = this.classes[subject].view;
    let key = view.kind === 'pod' ? 'P' : 'N';
    let named = false;
    let nodeDependent = false;
    const splits: (ClassBits | PolicyRule)[] = [];
    if (view.kind === 'pod') {
      const exempt = dir === 'ingress' ? this.profile.ownNodeIngressAllowed : this.profile.ownNodeEgressAllowed;
      if (exempt && this.hasNodeClasses) nodeDependent = true;
      const tiers = this.classPolicies[subject][dir];
      for (let t = 0; t < tiers.length; t++) {
        for (const p of tiers[t]) {
          const f = this.policySplits(p, dir);
          key += `${f.index},`;
          if (f.named) named = true;
          if (f.subjectDependent) nodeDependent = true;
          for (const x of f.splits) splits.push(x);
        }
        key += '|';
      }
      if (nodeDependent) key += `@${view.nodeName ?? ''}@${view.hostIp ? formatIp(view.hostIp) : ''}`;
    }
    const pkey = `${dir}:${key}`;
    // Ingress resolves named ports at the subject: subjects with the same named-port projection still agree.
    if (named && dir === 'ingress') key += `#${this.classes[subject].portCtx}`;
    const shared = dir === 'egress' ? this.eShared : this.iShared;
    const s = shared.get(key);
    if (s !== undefined) {
      sides[subject] = s;
      return s;
    }
    let part = this.partitions.get(pkey);
    if (part === undefined) {
      const n = this.classCount;
      const ref = new Refinement(n);
      if (view.kind === 'pod') {
        const exempt = dir === 'ingress' ? this.profile.ownNodeIngressAllowed : this.profile.ownNodeEgressAllowed;
        if (exempt && this.hasNodeClasses) ref.split(bitsWhere(n, (c) => isOwnNode(view, this.classes[c].view)));
        const seen = new Set<ClassBits>();
        for (const x of splits) {
          if (x instanceof Uint32Array) {
            if (seen.has(x)) continue;
            seen.add(x);
            ref.split(x);
          } else ref.split(bitsWhere(n, (c) => rulePeersMatch(this.profile, x, this.classes[c].view, view)));
        }
        if (named && dir === 'egress') {
          const byCtx = this.portContexts();
          for (let v = 1; v < byCtx.length; v++) ref.split(byCtx[v]);
        }
      }
      part = ref.result(this.zeroGroups);
      this.partitions.set(pkey, part);
    }
    const side: Side = { groupOf: part.groupOf, reps: part.reps, res: new Int32Array(part.reps.length).fill(-1) };
    shared.set(key, side);
    sides[subject] = side;
    return side;
  }

  /** What the rules of `p` in `dir` split by: each rule's peer bitset, or the rule when its match needs the subject. */
  private policySplits(p: NormalizedPolicy, dir: Direction): PolicySplits {
    let byDir = this.splitsOf.get(p);
    if (byDir === undefined) {
      byDir = {};
      this.splitsOf.set(p, byDir);
    }
    let f = byDir[dir];
    if (f === undefined) {
      const splits: (ClassBits | PolicyRule)[] = [];
      let named = false;
      let subjectDependent = false;
      for (const r of this.rules.get(p)?.[dir] ?? []) {
        if (ruleHasNamedPort(r)) named = true;
        if (r.peers === 'any') continue;
        const bits = this.ruleBitset(r);
        if (bits === undefined) subjectDependent = true;
        splits.push(bits ?? r);
      }
      f = { index: this.policyIndex.get(p) ?? -1, named, subjectDependent, splits };
      byDir[dir] = f;
    }
    return f;
  }

  /** portContexts()[v]: the classes whose named-port projection has id v. */
  private portContexts(): ClassBits[] {
    if (this.portCtxBits !== undefined) return this.portCtxBits;
    const out: ClassBits[] = [];
    this.classes.forEach((ci, c) => {
      for (let v = out.length; v <= ci.portCtx; v++) out.push(emptyBits(this.classCount));
      setBit(out[ci.portCtx], c);
    });
    this.portCtxBits = out;
    return out;
  }

  /** Classes matched by some peer of `rule`; undefined when the answer depends on the subject (host entities). */
  private ruleBitset(rule: PolicyRule): Uint32Array | undefined {
    if (this.ruleBits.has(rule)) return this.ruleBits.get(rule);
    let out: Uint32Array | undefined;
    const peers = rule.peers === 'any' ? [] : rule.peers;
    if (peers.some(peerDependsOnSubject)) out = undefined;
    else if (peers.length === 1) out = this.peerBitset(peers[0]);
    else {
      const key = peers.map((p) => this.peerKey(p)).sort().join('||');
      out = this.peerBits.get(key);
      if (out === undefined) {
        out = new Uint32Array(this.words);
        for (const p of peers) {
          const b = this.peerBitset(p);
          for (let w = 0; w < this.words; w++) out[w] |= b[w];
        }
        this.peerBits.set(key, out);
      }
    }
    this.ruleBits.set(rule, out);
    return out;
  }

  private peerKey(p: Peer): string {
    switch (p.kind) {
      case 'pods':
        return `pods:${selectorCacheKey(p.namespaces)}:${selectorCacheKey(p.pods)}`;
      case 'ipblock':
        return `ipblock:${setKey(p.set)}`;
      case 'nodes':
        return `nodes:${selectorCacheKey(p.nodes)}`;
      case 'entity':
        return `entity:${p.entity}`;
      case 'endpoints':
        return `endpoints:${selectorCacheKey(p.selector)}:${setKey(p.sets)}`;
      case 'all-of':
        return `all-of(${p.peers.map((x) => this.peerKey(x)).join(',')})`;
      case 'not':
        return `not(${this.peerKey(p.peer)})`;
      default: {
        const never: never = p;
        throw new RangeError(`unknown peer ${JSON.stringify(never)}`);
      }
    }
  }

  /** The classes ipBlock peers can see (an address, and the profile lets CIDRs match their kind), by address atom. */
  private addressAtoms(): { ip: Ip; bits: ClassBits }[] {
    if (this.ipAtoms !== undefined) return this.ipAtoms;
    const byAtom = new Map<string, { ip: Ip; bits: ClassBits }>();
    this.classes.forEach((ci, c) => {
      const v = ci.view;
      if (v.ip === undefined || !ipblockApplies(this.profile, v)) return;
      const k = `${v.ip.family}:${this.atoms.index(v.ip.family, v.ip.value)}`;
      let a = byAtom.get(k);
      if (a === undefined) {
        a = { ip: v.ip, bits: emptyBits(this.classCount) };
        byAtom.set(k, a);
      }
      setBit(a.bits, c);
    });
    this.ipAtoms = [...byAtom.values()];
    return this.ipAtoms;
  }

  /** Classes a subject-independent peer matches. Pod peers: namespace-group bits ∩ pod-label index bits. */
  private peerBitset(peer: Peer): Uint32Array {
    const key = this.peerKey(peer);
    let out = this.peerBits.get(key);
    if (out !== undefined) return out;
    if (peer.kind === 'pods') out = andBits(this.nsBits(peer.namespaces), this.podBits(peer.pods));
    else if (peer.kind === 'ipblock' && this.atomSets.has(setKey(peer.set))) {
      // The atoms are cut at this set's boundaries, so one address per atom decides for every class in it.
      out = new Uint32Array(this.words);
      for (const a of this.addressAtoms()) if (peer.set.contains(a.ip)) orInto(out, a.bits);
    } else {
      out = new Uint32Array(this.words);
      for (let c = 0; c < this.classCount; c++) {
        const v = this.classes[c].view;
        if (peerMatches(this.profile, peer, v, v)) out[c >>> 5] |= 1 << (c & 31);
      }
    }
    this.peerBits.set(key, out);
    return out;
  }
}
