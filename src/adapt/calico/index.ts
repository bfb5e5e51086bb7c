// adapt/calico: projectcalico.org/v3 and crd.projectcalico.org/v1 objects → the model. NetworkPolicy and
// GlobalNetworkPolicy become NormalizedPolicies (tier, order, actions, rule criteria as endpoint-label peers,
// shared/reference/policy-semantics.md §6); NetworkSet, GlobalNetworkSet and HostEndpoint become labelled IP sets that
// selectors match; Tier gives tier order and end action. Policies are finished in linkCalico, when every set and
// tier of the run is known.
import { IpSet, type Cidr, type L4Protocol, PortSet, parseCidr } from '../../engines/net/index.js';
import type { DocPath, SourceDocument } from '../../load/document.js';
import { NAMESPACE_NAME_LABEL, type Labels } from '../../model/k8s.js';
import { formatOrigin } from '../../model/origin.js';
import {
  ENDPOINT_LABEL_KEYS as K, type Direction, type NormalizedPolicy, type Peer, type PolicyRule, type PolicySource,
  type PortMatch, type RuleAction, type Selector,
} from '../../model/policy.js';
import type { AdaptContext } from '../context.js';
import { ObjectReader, describe, isObj } from '../k8s/reader.js';
import { CALICO_CODES } from './codes.js';
import { readSelector } from './selector-field.js';
import {
  evaluateSelector, prefixKeys, printSelector, replaceFunctions, toModelSelector, type CalicoAst,
} from './selector/index.js';
import { calicoState, type CalicoEnv, type LabelledSet } from './state.js';

/** API groups of Calico objects. */
export const CALICO_GROUPS: readonly string[] = ['projectcalico.org', 'crd.projectcalico.org'];

const DEFAULT_NAMESPACE = 'default';

/** Reads the Calico object at `path` of `doc` (kind and apiVersion already known to be Calico). */
export function readCalicoObject(doc: SourceDocument, ctx: AdaptContext, path: DocPath, kind: string, apiVersion: string): void {
  const rawName = (isObj(doc.value) || Array.isArray(doc.value)) ? rawAt(doc, [...path, 'metadata', 'name']) : undefined;
  if (typeof rawName !== 'string' || rawName === '') {
    const r0 = new ObjectReader(doc, ctx, path, kind, '(unnamed)');
    r0.error(CALICO_CODES.INVALID_OBJECT, ['metadata'], `${kind} without metadata.name; skipped`, 'every object needs metadata.name');
    return;
  }
  const r = new ObjectReader(doc, ctx, path, kind, rawName);
  const st = calicoState(ctx.builder);
  const nsRaw = r.str(['metadata', 'namespace']);
  const ns = nsRaw && nsRaw !== '' ? nsRaw : DEFAULT_NAMESPACE;
  const namespaced = kind === 'NetworkPolicy' || kind === 'NetworkSet' || kind === 'StagedNetworkPolicy';
  const key = `${kind}/${namespaced ? ns : ''}/${rawName}`;
  const first = st.seen.get(key);
  if (first) {
    r.error(CALICO_CODES.DUPLICATE, ['metadata', 'name'], `duplicate ${kind} ${namespaced ? ns + '/' : ''}${rawName} (first at ${formatOrigin(first)}); ignored`);
    return;
  }
  st.seen.set(key, r.at([]));
  const ignore = (reason: string, severity: 'info' | 'warning' = 'info'): void => {
    ctx.builder.ignored.push({ kind: `${kind} (${apiVersion})`, name: rawName, reason, origin: r.at([]) });
    r.report(severity, CALICO_CODES.NOT_EVALUATED, [], reason);
  };
  switch (kind) {
    case 'Tier': {
      const order = readNumber(r, ['spec', 'order']);
      const da = r.str(['spec', 'defaultAction']);
      if (da !== undefined && da !== 'Deny' && da !== 'Pass') {
        r.error(CALICO_CODES.INVALID_ACTION, ['spec', 'defaultAction'], `defaultAction must be Deny or Pass, found ${JSON.stringify(da)}; Deny assumed`);
      }
      st.tiers.set(rawName, { name: rawName, order, defaultAction: da === 'Pass' ? 'pass' : 'deny', origin: r.at([]) });
      return;
    }
    case 'NetworkSet':
    case 'GlobalNetworkSet': {
      const labels = r.stringMap(['metadata', 'labels']);
      const cidrs = readCidrList(r, ['spec', 'nets']);
      st.sets.push({ kind, namespace: kind === 'NetworkSet' ? ns : undefined, name: rawName, labels, cidrs });
      return;
    }
    case 'HostEndpoint': {
      const labels = r.stringMap(['metadata', 'labels']);
      const ips = (r.list(['spec', 'expectedIPs']) ?? []).flatMap((v, i) => {
        const c = typeof v === 'string' ? parseCidr(v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`) : undefined;
        if (!c) {
          r.error(CALICO_CODES.INVALID_CIDR, ['spec', 'expectedIPs', i], `expectedIPs entry ${describe(v)} is not an IP address`);
          return [];
        }
        return [c.cidr];
      });
      st.sets.push({ kind: 'HostEndpoint', name: rawName, labels, cidrs: ips });
      r.report('info', CALICO_CODES.NOT_EVALUATED, [], 'host endpoint: selectors match its expectedIPs; policy applied to the host itself is not evaluated (nodes are not policed)');
      return;
    }
    case 'NetworkPolicy':
    case 'GlobalNetworkPolicy': {
      if (!isObj(r.raw(['spec']))) {
        r.error(CALICO_CODES.INVALID_OBJECT, ['spec'], `a ${kind} needs a spec object; skipped`);
        return;
      }
      if (r.bool(['spec', 'preDNAT']) || r.bool(['spec', 'doNotTrack'])) {
        ignore('preDNAT / doNotTrack policies apply to host endpoints, which aksnet does not police; not evaluated', 'warning');
        return;
      }
      st.pending.push(readPolicy(r, kind, kind === 'NetworkPolicy' ? ns : undefined));
      return;
    }
    case 'Profile':
      ignore('Calico profiles apply to host endpoints; pods get their namespace profile, which allows (modelled as the default allow)');
      return;
    default:
      ignore(`Calico kind ${kind} is not modelled`);
  }
}

function rawAt(doc: SourceDocument, path: DocPath): unknown {
  let cur: unknown = doc.value;
  for (const s of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

function readNumber(r: ObjectReader, path: DocPath): number | undefined {
  const v = r.raw(path);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  r.error(CALICO_CODES.INVALID_OBJECT, path, `${path.join('.')} must be a number, found ${describe(v)}; ignored`);
  return undefined;
}

function readCidrList(r: ObjectReader, path: DocPath): Cidr[] {
  return (r.list(path) ?? []).flatMap((v, i) => {
    const p = typeof v === 'string' ? parseCidr(v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`) : undefined;
    if (!p) {
      r.error(CALICO_CODES.INVALID_CIDR, [...path, i], `${describe(v)} is not a CIDR`, 'write address/prefix, e.g. 10.0.0.0/8');
      return [];
    }
    return [p.cidr];
  });
}

const and = (xs: (Selector | undefined)[]): Selector => {
  const kept = xs.filter((x): x is Selector => x !== undefined && x.op !== 'all');
  return kept.length === 0 ? { op: 'all' } : kept.length === 1 ? kept[0] : { op: 'and', args: kept };
};
const nsIs = (ns: string): Selector => ({ op: 'eq', key: K.calicoNamespace, value: ns });
const HAS_NS: CalicoAst = { t: 'has', key: K.calicoNamespace };
const NO_NS: CalicoAst = { t: 'not', arg: HAS_NS };

/** A namespaceSelector as Calico rewrites it: pcns.-prefixed, all() → has(namespace), global() → !has(namespace). */
function namespaceSelector(ast: CalicoAst): CalicoAst {
  if (ast.t === 'global') return NO_NS;
  return replaceFunctions(prefixKeys(ast, K.calicoNamespacePrefix), HAS_NS, NO_NS);
}

/** The labels Calico selectors see on a labelled set (§6.2). */
export function setLabels(s: LabelledSet, nsLabels: (ns: string) => Labels): Labels {
  if (s.kind !== 'NetworkSet' || s.namespace === undefined) return s.labels;
  const out: Record<string, string> = { [K.calicoNamespace]: s.namespace, [`${K.calicoNamespacePrefix}${K.calicoName}`]: s.namespace };
  for (const [k, v] of Object.entries(nsLabels(s.namespace))) out[K.calicoNamespacePrefix + k] = v;
  return { ...out, ...s.labels };
}

/** The addresses of every labelled set `sel` selects. */
function selectedSets(env: CalicoEnv, sel: CalicoAst | Selector, isAst: boolean): IpSet {
  let out = IpSet.empty();
  for (const { set, labels } of env.sets) {
    const hit = isAst ? evaluateSelector(sel as CalicoAst, labels) : matchModel(sel as Selector, labels);
    if (hit) out = out.union(IpSet.fromCidrs(set.cidrs));
  }
  return out;
}

function matchModel(s: Selector, labels: Labels): boolean {
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);
  switch (s.op) {
    case 'all': return true;
    case 'none': return false;
    case 'eq': return has(s.key) && labels[s.key] === s.value;
    case 'neq': return !has(s.key) || labels[s.key] !== s.value;
    case 'in': return has(s.key) && s.values.includes(labels[s.key]);
    case 'notin': return !has(s.key) || !s.values.includes(labels[s.key]);
    case 'has': return has(s.key);
    case 'nothas': return !has(s.key);
    case 'contains': return has(s.key) && labels[s.key].includes(s.value);
    case 'startswith': return has(s.key) && labels[s.key].startsWith(s.value);
    case 'endswith': return has(s.key) && labels[s.key].endsWith(s.value);
    case 'and': return s.args.every((a) => matchModel(a, labels));
    case 'or': return s.args.some((a) => matchModel(a, labels));
    case 'not': return !matchModel(s.arg, labels);
    default: {
      const never: never = s;
      throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
    }
  }
}

const PROTOCOL_NUMBERS: Readonly<Record<number, string>> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPV6', 132: 'SCTP', 136: 'UDPLITE' };
const L4: readonly L4Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A protocol field: an L4 protocol, 'other' (ICMP, UDPLite, a number: no TCP/UDP/SCTP connection), or undefined (absent / bad). */
function readProtocol(r: ObjectReader, path: DocPath): L4Protocol | 'other' | undefined | 'bad' {
  const v = r.raw(path);
  if (v === undefined || v === null) return undefined;
  let name: string | undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 255) name = PROTOCOL_NUMBERS[v] ?? 'OTHER';
  else if (typeof v === 'string') name = v.toUpperCase();
  if (name === 'TCP' || name === 'UDP' || name === 'SCTP') return name;
  if (name === 'ICMP' || name === 'ICMPV6' || name === 'UDPLITE' || name === 'OTHER') return 'other';
  r.error(CALICO_CODES.INVALID_PROTOCOL, path, `unknown protocol ${describe(v)}`, 'use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255');
  return 'bad';
}

/** A ports / notPorts list: numbers, "a:b" ranges and names. Numeric entries need an L4 protocol. */
function readPorts(r: ObjectReader, path: DocPath, protocol: L4Protocol | 'other' | undefined): PortMatch[] | undefined {
  const list = r.list(path);
  if (list === undefined) return undefined;
  const out: PortMatch[] = [];
  list.forEach((v, i) => {
    let lo: number | undefined;
    let hi: number | undefined;
    if (typeof v === 'number' && Number.isInteger(v)) lo = hi = v;
    else if (typeof v === 'string' && /^\d+(:\d+)?$/.test(v)) {
      const [a, b] = v.split(':');
      lo = Number(a);
      hi = Number(b ?? a);
    } else if (typeof v === 'string' && /^[a-zA-Z0-9_.-]{1,128}$/.test(v)) {
      out.push({ kind: 'named', name: v, ...(protocol !== undefined && protocol !== 'other' ? { protocol } : {}) });
      return;
    } else {
      r.error(CALICO_CODES.INVALID_PORT, [...path, i], `${describe(v)} is not a port, a range a:b or a port name`);
      return;
    }
    if (lo < 0 || hi > 65535 || lo > hi) {
      r.error(CALICO_CODES.INVALID_PORT, [...path, i], `port ${String(v)} is outside 0-65535 or its range is reversed`);
      return;
    }
    if (protocol === undefined || protocol === 'other') {
      r.error(CALICO_CODES.INVALID_PROTOCOL, [...path, i], 'numeric ports need protocol TCP, UDP or SCTP on the rule', 'add protocol: TCP');
      return;
    }
    out.push({ kind: 'numeric', protocol, ports: PortSet.range(Math.max(lo, 1), Math.max(hi, 1)) });
  });
  return out;
}

const ENTITY_FIELDS = ['nets', 'notNets', 'selector', 'notSelector', 'namespaceSelector', 'serviceAccounts', 'services', 'ports', 'notPorts'];
const RULE_FIELDS = ['action', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'source', 'destination', 'http', 'metadata'];

type PeerBuilder = (env: CalicoEnv) => readonly Peer[] | 'any';

/** The remote side of a rule (§6.3): the peers it stands for, built at link time (labelled sets are needed). */
function readRemote(r: ObjectReader, path: DocPath, ns: string | undefined, action: RuleAction): PeerBuilder | 'drop' {
  if (r.obj(path) === undefined) return () => 'any';
  r.unknownFields(path, ENTITY_FIELDS);
  if (r.raw([...path, 'services']) != null) {
    r.warning(CALICO_CODES.NOT_MODELLED, [...path, 'services'], `services peers are not modelled; this ${action} rule is ${action === 'allow' ? 'dropped (it allows nothing here)' : 'read as matching every peer'}`);
    return action === 'allow' ? 'drop' : () => 'any';
  }
  const sel = readSelector(r, [...path, 'selector']);
  const notSel = readSelector(r, [...path, 'notSelector']);
  const nsSelRaw = readSelector(r, [...path, 'namespaceSelector'], true);
  const sa = r.obj([...path, 'serviceAccounts']);
  const saSel = sa ? readSelector(r, [...path, 'serviceAccounts', 'selector']) : { bad: false };
  const saNames = sa ? (r.list([...path, 'serviceAccounts', 'names']) ?? []).filter((x): x is string => typeof x === 'string') : [];
  if (sel.bad || notSel.bad || nsSelRaw.bad || saSel.bad) {
    // Fail closed: a broken allow matches nothing, a broken deny/pass matches everything.
    return action === 'allow' ? 'drop' : () => 'any';
  }
  const nets = r.raw([...path, 'nets']) != null ? readCidrList(r, [...path, 'nets']) : undefined;
  const notNets = r.raw([...path, 'notNets']) != null ? readCidrList(r, [...path, 'notNets']) : undefined;
  const hasSel = sel.ast !== undefined || sa !== undefined || notSel.ast !== undefined || nsSelRaw.ast !== undefined;
  const nsSel: CalicoAst | undefined = nsSelRaw.ast !== undefined ? namespaceSelector(nsSelRaw.ast)
    : ns !== undefined ? { t: 'cmp', op: '==', key: K.calicoNamespace, value: ns } : undefined;
  const saParts: CalicoAst[] = [];
  if (saSel.ast) saParts.push(replaceFunctions(prefixKeys(saSel.ast, K.calicoServiceAccountPrefix), { t: 'has', key: K.calicoServiceAccount }, { t: 'has', key: K.calicoServiceAccount }));
  if (saNames.length > 0) saParts.push({ t: 'set', op: 'in', key: K.calicoServiceAccount, values: [...new Set(saNames)].sort() });
  const posParts: CalicoAst[] = [...(sel.ast ? [sel.ast] : []), ...saParts];
  let positive: CalicoAst | undefined;
  if (nsSel !== undefined && hasSel) positive = posParts.length ? { t: 'and', args: [nsSel, ...posParts] } : nsSel;
  else if (posParts.length) positive = posParts.length === 1 ? posParts[0] : { t: 'and', args: posParts };
  return (env) => {
    const common: Peer[] = [];
    if (positive !== undefined) {
      common.push({ kind: 'endpoints', selector: toModelSelector(positive), sets: selectedSets(env, positive, true), text: printSelector(positive) });
    }
    if (notSel.ast !== undefined) {
      common.push({ kind: 'not', peer: { kind: 'endpoints', selector: toModelSelector(notSel.ast), sets: selectedSets(env, notSel.ast, true), text: printSelector(notSel.ast) } });
    }
    for (const c of notNets ?? []) common.push({ kind: 'not', peer: cidrPeer(c) });
    const alternatives: Peer[][] = nets === undefined ? [common] : nets.map((c) => [...common, cidrPeer(c)]);
    if (nets !== undefined && nets.length === 0) return [];
    if (alternatives.length === 1 && alternatives[0].length === 0) return 'any';
    return alternatives.map((ps) => (ps.length === 1 ? ps[0] : { kind: 'all-of', peers: ps }));
  };
}

function cidrPeer(c: Cidr): Peer {
  return { kind: 'ipblock', cidr: c, except: [], set: IpSet.fromCidr(c) };
}

function readRule(r: ObjectReader, path: DocPath, direction: Direction, index: number, ns: string | undefined): ((env: CalicoEnv) => PolicyRule) | undefined {
  if (!isObj(r.raw(path))) {
    r.error(CALICO_CODES.INVALID_OBJECT, path, `a rule must be an object, found ${describe(r.raw(path))}; ignored`);
    return undefined;
  }
  r.unknownFields(path, RULE_FIELDS);
  const a = r.str([...path, 'action']);
  const action: RuleAction | undefined = a === 'Allow' ? 'allow' : a === 'Deny' ? 'deny' : a === 'Pass' ? 'pass' : a === 'Log' ? 'log' : undefined;
  if (action === undefined) {
    r.error(CALICO_CODES.INVALID_ACTION, [...path, 'action'], `action must be Allow, Deny, Log or Pass, found ${describe(r.raw([...path, 'action']))}; the rule is ignored`);
    return undefined;
  }
  const origin = r.at(path);
  const remoteField = direction === 'ingress' ? 'source' : 'destination';
  const localField = direction === 'ingress' ? 'destination' : 'source';
  const local = r.obj([...path, localField]);
  if (local) {
    const extra = Object.keys(local).filter((k) => direction === 'ingress' ? k !== 'ports' && k !== 'notPorts' : true).sort();
    if (extra.length > 0) {
      r.warning(CALICO_CODES.NOT_MODELLED, [...path, localField], `${localField}.${extra.join(', ')} (criteria on the policy's own endpoint or source ports) are not modelled and are ignored`);
    }
  }
  if (r.raw([...path, 'http']) != null) {
    r.warning(CALICO_CODES.NOT_MODELLED, [...path, 'http'], 'http match criteria need application-layer policy; they are not evaluated (the rule is read without them)');
  }
  const proto = readProtocol(r, [...path, 'protocol']);
  const notProto = readProtocol(r, [...path, 'notProtocol']);
  if (proto === 'bad' || notProto === 'bad') return undefined;
  if (proto === 'other') {
    r.report('info', CALICO_CODES.NOT_MODELLED, [...path, 'protocol'], 'ICMP / non-TCP/UDP/SCTP rules are not evaluated (aksnet models TCP, UDP and SCTP connections); this rule matches none of them');
  }
  const dstPath: DocPath = [...path, 'destination'];
  const ports = readPorts(r, [...dstPath, 'ports'], proto);
  const notPorts = readPorts(r, [...dstPath, 'notPorts'], proto);
  if (direction === 'ingress' && r.raw([...path, 'source', 'ports']) != null) {
    r.warning(CALICO_CODES.NOT_MODELLED, [...path, 'source', 'ports'], 'source ports are not modelled and are ignored');
  }
  let portMatches: readonly PortMatch[] | 'any';
  if (proto === 'other') portMatches = [];
  else if (ports !== undefined && ports.length > 0) portMatches = ports;
  else if (proto !== undefined) portMatches = [{ kind: 'numeric', protocol: proto, ports: PortSet.all() }];
  else if (notProto !== undefined && notProto !== 'other') portMatches = L4.filter((p) => p !== notProto).map((p): PortMatch => ({ kind: 'numeric', protocol: p, ports: PortSet.all() }));
  else portMatches = 'any';
  if (ports !== undefined && ports.length === 0 && (r.list([...dstPath, 'ports'])?.length ?? 0) > 0) portMatches = action === 'allow' ? [] : portMatches;
  if (proto !== undefined && proto !== 'other' && notProto === proto) portMatches = [];
  const remote = readRemote(r, [...path, remoteField], ns, action);
  if (remote === 'drop') return (): PolicyRule => ({ direction, index, action, peers: [], ports: [], origin });
  return (env) => ({ direction, index, action, peers: remote(env), ports: portMatches, ...(notPorts?.length ? { notPorts } : {}), origin });
}

function readPolicy(r: ObjectReader, kind: 'NetworkPolicy' | 'GlobalNetworkPolicy', ns: string | undefined): (env: CalicoEnv) => NormalizedPolicy | undefined {
  const tierRaw = r.str(['spec', 'tier']);
  const tier = tierRaw && tierRaw !== '' ? tierRaw : 'default';
  const order = readNumber(r, ['spec', 'order']);
  const sel = readSelector(r, ['spec', 'selector']);
  const saSel = readSelector(r, ['spec', 'serviceAccountSelector']);
  const nsSel = kind === 'GlobalNetworkPolicy' ? readSelector(r, ['spec', 'namespaceSelector']) : { bad: false };
  const ingressRaw = r.list(['spec', 'ingress']) ?? [];
  const egressRaw = r.list(['spec', 'egress']) ?? [];
  const typesRaw = r.list(['spec', 'types']);
  const directions: Direction[] = [];
  if (typesRaw !== undefined && typesRaw.length > 0) {
    typesRaw.forEach((t, i) => {
      if (t === 'Ingress') directions.push('ingress');
      else if (t === 'Egress') directions.push('egress');
      else r.error(CALICO_CODES.INVALID_TYPE, ['spec', 'types', i], `types entries are Ingress or Egress, found ${describe(t)}`);
    });
  } else {
    // API defaulting: no egress rules → [Ingress]; egress but no ingress rules → [Egress]; both → both.
    if (ingressRaw.length > 0 || egressRaw.length === 0) directions.push('ingress');
    if (egressRaw.length > 0) directions.push('egress');
  }
  const rules = [
    ...ingressRaw.map((_, i) => readRule(r, ['spec', 'ingress', i], 'ingress', i, ns)),
    ...egressRaw.map((_, i) => readRule(r, ['spec', 'egress', i], 'egress', i, ns)),
  ].filter((x): x is (env: CalicoEnv) => PolicyRule => x !== undefined);
  const subjectBad = sel.bad || saSel.bad || nsSel.bad;
  if (subjectBad) r.warning(CALICO_CODES.INVALID_SELECTOR, ['spec'], 'the policy selects nothing because its selector is invalid');
  const parts: Selector[] = [];
  if (sel.ast) parts.push(toModelSelector(sel.ast));
  if (nsSel.ast) parts.push(toModelSelector(replaceFunctions(prefixKeys(nsSel.ast, K.calicoNamespacePrefix), HAS_NS, HAS_NS)));
  if (saSel.ast) parts.push(toModelSelector(replaceFunctions(prefixKeys(saSel.ast, K.calicoServiceAccountPrefix), { t: 'has', key: K.calicoServiceAccount }, { t: 'has', key: K.calicoServiceAccount })));
  const endpoint: Selector = subjectBad ? { op: 'none' } : and(parts);
  const source: PolicySource = kind === 'NetworkPolicy' ? 'calico-networkpolicy' : 'calico-globalnetworkpolicy';
  const id = `${kind === 'NetworkPolicy' ? 'CalicoNetworkPolicy' : 'GlobalNetworkPolicy'} ${ns !== undefined ? ns + '/' : ''}${r.name}`;
  const origin = r.at([]);
  const tierPath: DocPath = ['spec', 'tier'];
  return (env) => {
    const t = env.tiers.get(tier);
    if (t === undefined && tier !== 'default' && tier !== 'kube-admin' && tier !== 'kube-baseline') {
      r.warning(CALICO_CODES.UNKNOWN_TIER, tierPath, `tier ${JSON.stringify(tier)} is not defined by any Tier in the input; evaluated as a tier without order that denies at its end`,
        'add the Tier object (Calico rejects policies in a missing tier)');
    }
    return {
      id, source, namespace: ns, name: r.name,
      subject: {
        namespaces: ns !== undefined ? { op: 'eq', key: NAMESPACE_NAME_LABEL, value: ns } : { op: 'all' },
        pods: { op: 'all' },
        endpoint: ns !== undefined ? and([nsIs(ns), endpoint]) : endpoint,
      },
      directions, priority: order, tier, tierOrder: t?.order, tierDefaultAction: t?.defaultAction,
      rules: rules.map((f) => f(env)).filter((x) => directions.includes(x.direction)), origin,
    };
  };
}

/** Finishes the run's Calico policies (labelled sets and tiers are known now) into the builder. */
export function linkCalico(ctx: AdaptContext): void {
  const st = calicoState(ctx.builder);
  if (st.pending.length === 0) return;
  const nsLabels = (name: string): Labels => ctx.builder.namespaces.get(name)?.labels ?? { [NAMESPACE_NAME_LABEL]: name };
  const env: CalicoEnv = { sets: st.sets.map((set) => ({ set, labels: setLabels(set, nsLabels) })), tiers: st.tiers };
  for (const make of st.pending) {
    const p = make(env);
    if (p) ctx.builder.policies.push(p);
  }
  st.pending.length = 0;
}
