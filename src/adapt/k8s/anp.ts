// policy.networking.k8s.io AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy
// (v1alpha2) → NormalizedPolicy (shared/reference/policy-semantics.md §4).
import type { DocPath } from '../../load/document.js';
import { IpSet, PortSet } from '../../engines/net/index.js';
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PolicySource, PortMatch, RuleAction, Selector, Subject } from '../../model/policy.js';
import { K8S_CODES } from './codes.js';
import { type FailMode, checkPolicyPort, checkPortName, collectEntries, readPolicyCidr, readProtocol } from './policy-parts.js';
import { type ObjectReader, describe, isObj, pathText } from './reader.js';
import { readLabelSelector } from './selector.js';

/** Which dialect is being read. */
export type ClusterPolicyKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';

/** Lowest and highest ANP / CNP priority the API accepts. */
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 1000;

interface Dialect {
  readonly actions: Readonly<Record<string, RuleAction>>;
  readonly hasPriority: boolean;
  readonly portsField: 'ports' | 'protocols';
}

const DIALECTS: Readonly<Record<ClusterPolicyKind, Dialect>> = {
  AdminNetworkPolicy: { actions: { Allow: 'allow', Deny: 'deny', Pass: 'pass' }, hasPriority: true, portsField: 'ports' },
  BaselineAdminNetworkPolicy: { actions: { Allow: 'allow', Deny: 'deny' }, hasPriority: false, portsField: 'ports' },
  ClusterNetworkPolicy: { actions: { Accept: 'allow', Deny: 'deny', Pass: 'pass' }, hasPriority: true, portsField: 'protocols' },
};

/**
 * Reads a cluster-scoped admin policy.
 * - subject `namespaces: sel` → {namespaces: sel, pods: all}; `pods: {namespaceSelector, podSelector}` → both.
 *   An invalid subject selects nothing (reported).
 * - directions: those with at least one rule (ANP/BANP/CNP never isolate: a direction without rules has no effect).
 * - rules keep their order (`index`) and `name`; actions Allow/Accept → allow, Deny → deny, Pass → pass.
 * - peers: namespaces, pods, nodes (egress), networks (egress; ipblock peer without except); domainNames are not
 *   modelled (warning, dropped).
 * - ports: ANP/BANP portNumber / portRange / namedPort (protocol absent = any protocol the pod declares); CNP protocols
 *   tcp/udp/sctp {destinationPort: {number | range}} or destinationNamedPort.
 * - invalid peers/ports: an allow rule drops them (matches less); a deny/pass rule becomes `any` for that list
 *   (upstream "fail closed": treat it as deny-all). A rule without a valid action is dropped.
 * - ClusterNetworkPolicy: source by `spec.tier` (Admin / Baseline).
 */
export function readClusterPolicy(r: ObjectReader, kind: ClusterPolicyKind): NormalizedPolicy | undefined {
  const dialect = DIALECTS[kind];
  const spec = r.obj(['spec']);
  if (!spec) {
    r.error(K8S_CODES.WRONG_TYPE, ['spec'], `a ${kind} needs a spec`);
    return undefined;
  }
  const known = ['subject', 'ingress', 'egress'];
  if (dialect.hasPriority) known.push('priority');
  if (kind === 'ClusterNetworkPolicy') known.push('tier');
  r.unknownFields(['spec'], known);

  let source: PolicySource;
  switch (kind) {
    case 'AdminNetworkPolicy': source = 'admin-network-policy'; break;
    case 'BaselineAdminNetworkPolicy': source = 'baseline-admin-network-policy'; break;
    case 'ClusterNetworkPolicy': {
      const tier = r.raw(['spec', 'tier']);
      if (tier === 'Admin') source = 'cluster-network-policy-admin';
      else if (tier === 'Baseline') source = 'cluster-network-policy-baseline';
      else {
        r.error(K8S_CODES.UNKNOWN_VALUE, ['spec', 'tier'], `spec.tier must be Admin or Baseline, found ${describe(tier)}; the policy is ignored`,
          'set tier: Admin (before NetworkPolicy) or tier: Baseline (after NetworkPolicy)');
        return undefined;
      }
      break;
    }
    default: {
      const never: never = kind;
      throw new Error(`unhandled kind ${String(never)}`);
    }
  }

  let priority: number | undefined;
  if (dialect.hasPriority) {
    const p = r.raw(['spec', 'priority']);
    if (typeof p === 'number' && Number.isInteger(p) && p >= MIN_PRIORITY && p <= MAX_PRIORITY) priority = p;
    else {
      r.error(K8S_CODES.INVALID_PRIORITY, p === undefined ? ['spec'] : ['spec', 'priority'],
        p === undefined ? 'spec.priority is missing' : `priority ${describe(p)} is not an integer in ${MIN_PRIORITY}-${MAX_PRIORITY}`,
        `set an integer priority between ${MIN_PRIORITY} and ${MAX_PRIORITY} (lower is evaluated first); read as "last"`);
    }
  }

  const subject = readSubject(r);
  const rules: PolicyRule[] = [];
  const directions: Direction[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const list = r.list(['spec', direction]);
    if (!list || list.length === 0) continue;
    directions.push(direction);
    list.forEach((_, i) => {
      const rule = readRule(r, kind, dialect, direction, ['spec', direction, i], i);
      if (rule) rules.push(rule);
    });
  }
  return {
    id: `${kind} ${r.name}`,
    source,
    name: r.name,
    subject,
    directions,
    priority,
    rules,
    origin: r.at([]),
  };
}

const NONE: Selector = { op: 'none' };
const ALL: Selector = { op: 'all' };

function readSubject(r: ObjectReader): Subject {
  const path: DocPath = ['spec', 'subject'];
  const raw = r.raw(path);
  const fields = isObj(raw) ? Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null) : [];
  if (!isObj(raw) || fields.length !== 1 || (fields[0] !== 'namespaces' && fields[0] !== 'pods')) {
    r.error(K8S_CODES.INVALID_SUBJECT, isObj(raw) || raw === null ? path : ['spec'],
      raw === undefined || raw === null ? 'spec.subject is missing or empty; the policy applies to no pod'
        : `spec.subject must set exactly one of namespaces, pods (found ${fields.length ? fields.join(', ') : describe(raw)}); the policy applies to no pod`,
      'write subject: {namespaces: {...}} or subject: {pods: {namespaceSelector: {...}, podSelector: {...}}}');
    return { namespaces: NONE, pods: NONE };
  }
  if (fields[0] === 'namespaces') return { namespaces: readLabelSelector(r, [...path, 'namespaces']) ?? NONE, pods: ALL };
  const pods = readNamespacedPods(r, [...path, 'pods']);
  return pods ?? { namespaces: NONE, pods: NONE };
}

/**
 * `{namespaceSelector, podSelector}`; either absent = `{}` (all): the CRD marks podSelector required, but an absent
 * one decodes to the empty selector and the netpol-analyzer fixtures rely on that reading.
 */
function readNamespacedPods(r: ObjectReader, path: DocPath): { namespaces: Selector; pods: Selector } | undefined {
  if (!r.obj(path)) {
    r.error(K8S_CODES.INVALID_SUBJECT, path, `${pathText(path)} must be an object with namespaceSelector and podSelector`);
    return undefined;
  }
  r.unknownFields(path, ['namespaceSelector', 'podSelector']);
  const pods = readLabelSelector(r, [...path, 'podSelector']) ?? ALL;
  const namespaces = readLabelSelector(r, [...path, 'namespaceSelector']) ?? ALL;
  return { namespaces, pods };
}

function readRule(r: ObjectReader, kind: ClusterPolicyKind, dialect: Dialect, direction: Direction, path: DocPath, index: number): PolicyRule | undefined {
  if (!r.obj(path)) {
    r.error(K8S_CODES.WRONG_TYPE, path, `a ${direction} rule must be an object; the rule is ignored`);
    return undefined;
  }
  const peerField = direction === 'ingress' ? 'from' : 'to';
  r.unknownFields(path, ['name', 'action', peerField, dialect.portsField]);
  const name = r.str([...path, 'name']);
  const actionRaw = r.raw([...path, 'action']);
  const action = typeof actionRaw === 'string' ? dialect.actions[actionRaw] : undefined;
  if (action === undefined) {
    r.error(K8S_CODES.INVALID_ACTION, actionRaw === undefined ? path : [...path, 'action'],
      actionRaw === undefined ? `rule ${name ?? index} has no action; the rule is ignored`
        : `action ${describe(actionRaw)} is not valid in a ${kind}; the rule is ignored`,
      `use one of ${Object.keys(dialect.actions).join(', ')} (case-sensitive)`);
    return undefined;
  }
  const mode: FailMode = action === 'allow' ? 'narrow' : 'widen';
  const origin = r.at(path);
  const base = { direction, index, action, origin, ...(name !== undefined ? { name } : {}) };

  // Peers: required, 1..100 items.
  const peerPath = [...path, peerField];
  const peerList = r.list(peerPath);
  let peers: readonly Peer[] | 'any';
  if (!peerList || peerList.length === 0) {
    r.error(K8S_CODES.INVALID_ANP_PEER, peerList ? peerPath : path,
      `rule ${name ?? index}: ${peerField} is ${peerList ? 'empty' : 'missing'}; it needs at least one peer`,
      `add ${peerField}: [{namespaces: {}}] or similar; read as ${mode === 'narrow' ? 'matching nothing' : 'matching everything (fail closed)'}`);
    peers = mode === 'narrow' ? [] : 'any';
  } else {
    // Each written peer gives zero (domainNames, warned), one, or several (a networks list) model peers.
    const read = collectEntries(peerList.map((_, i) => readPeer(r, direction, [...peerPath, i], action)), mode);
    peers = read === 'any' ? 'any' : read.flat();
  }

  // Ports: optional; when present, 1..100 items.
  const portPath = [...path, dialect.portsField];
  const portList = r.list(portPath);
  let ports: readonly PortMatch[] | 'any' = 'any';
  if (portList) {
    if (portList.length === 0) {
      r.warning(K8S_CODES.INVALID_ANP_PORT, portPath, `${dialect.portsField} is empty; read as all ports`,
        `remove ${dialect.portsField}, or list at least one entry`);
    } else {
      const read = portList.map((_, i) => dialect.portsField === 'ports'
        ? readAnpPort(r, [...portPath, i]) : readCnpProtocol(r, [...portPath, i]));
      ports = collectEntries(read, mode);
    }
  }
  if (ports !== 'any' && peers !== 'any' && ports.some((p) => p.kind === 'named') && peers.some((p) => p.kind === 'ipblock' || p.kind === 'nodes')) {
    r.warning(K8S_CODES.NAMED_PORT_WITHOUT_PODS, portPath, 'a named port cannot match networks or nodes peers (they have no container ports)',
      'use port numbers for networks/nodes peers');
  }
  return { ...base, peers, ports };
}

/** One ANP/BANP/CNP peer: exactly one of namespaces, pods, and for egress nodes, networks, domainNames. */
function readPeer(r: ObjectReader, direction: Direction, path: DocPath, action: RuleAction): readonly Peer[] | undefined {
  const raw = r.raw(path);
  const allowed = direction === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'];
  const fields = isObj(raw) ? Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null) : [];
  if (!isObj(raw) || fields.length !== 1 || !allowed.includes(fields[0] as string)) {
    r.error(K8S_CODES.INVALID_ANP_PEER, path,
      `a ${direction} peer must set exactly one of ${allowed.join(', ')} (found ${isObj(raw) ? fields.join(', ') || 'nothing' : describe(raw)})`,
      'split a peer with two fields into two list items');
    return undefined;
  }
  const field = fields[0] as string;
  const p = [...path, field];
  switch (field) {
    case 'namespaces': {
      const sel = readLabelSelector(r, p);
      return sel === undefined ? undefined : [{ kind: 'pods', namespaces: sel, pods: ALL }];
    }
    case 'pods': {
      const np = readNamespacedPods(r, p);
      return np ? [{ kind: 'pods', ...np }] : undefined;
    }
    case 'nodes': {
      const sel = readLabelSelector(r, p);
      return sel === undefined ? undefined : [{ kind: 'nodes', nodes: sel }];
    }
    case 'networks': {
      const list = r.list(p);
      if (!list || list.length === 0) {
        r.error(K8S_CODES.INVALID_ANP_PEER, p, 'networks needs at least one CIDR');
        return undefined;
      }
      const cidrs = list.map((c, i) => readPolicyCidr(r, [...p, i], c));
      // One written CIDR list becomes one ipblock peer per block (a rule's peers are OR'ed, so this is the union).
      const out: Peer[] = [];
      for (const c of cidrs) {
        if (c === undefined) return undefined;
        out.push({ kind: 'ipblock', cidr: c, except: [], set: IpSet.fromCidr(c) });
      }
      return out;
    }
    case 'domainNames':
      if (action !== 'allow') {
        r.error(K8S_CODES.INVALID_ANP_PEER, p, 'domainNames peers are only allowed in Allow/Accept rules');
        return undefined;
      }
      r.warning(K8S_CODES.UNSUPPORTED_PEER, p, 'domainNames peers are not modelled (names are not resolved offline); the peer is ignored',
        'the rule is analysed as if this peer matched nothing');
      return [];
    default:
      return undefined;
  }
}

/** One ANP/BANP port: exactly one of portNumber {protocol, port}, portRange {protocol, start, end}, namedPort. */
function readAnpPort(r: ObjectReader, path: DocPath): PortMatch | undefined {
  const raw = r.raw(path);
  const allowed = ['portNumber', 'portRange', 'namedPort'];
  const fields = isObj(raw) ? Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null) : [];
  if (!isObj(raw) || fields.length !== 1 || !allowed.includes(fields[0] as string)) {
    r.error(K8S_CODES.INVALID_ANP_PORT, path,
      `a port entry must set exactly one of ${allowed.join(', ')} (found ${isObj(raw) ? fields.join(', ') || 'nothing' : describe(raw)})`,
      'split it into several entries');
    return undefined;
  }
  const field = fields[0] as string;
  const p = [...path, field];
  switch (field) {
    case 'namedPort': {
      const name = r.str(p);
      return name !== undefined && checkPortName(r, p, name) ? { kind: 'named', name } : undefined;
    }
    case 'portNumber': {
      r.unknownFields(p, ['protocol', 'port']);
      const protocol = readProtocol(r, [...p, 'protocol']);
      const port = r.int([...p, 'port']);
      if (port === undefined) {
        if (r.raw([...p, 'port']) === undefined) r.error(K8S_CODES.INVALID_ANP_PORT, p, 'portNumber.port is required');
        return undefined;
      }
      if (protocol === undefined || !checkPolicyPort(r, [...p, 'port'], port)) return undefined;
      return { kind: 'numeric', protocol, ports: PortSet.single(port) };
    }
    case 'portRange': {
      r.unknownFields(p, ['protocol', 'start', 'end']);
      const protocol = readProtocol(r, [...p, 'protocol']);
      return readRange(r, p, protocol, 'start', 'end');
    }
    default:
      return undefined;
  }
}

/**
 * An inclusive port range `{start, end}` at `path`. start > end is kept as an empty range (the rule then matches no
 * port) with a warning: the CRD's validation rejects it, but tools that read such files treat it as empty.
 */
function readRange(r: ObjectReader, path: DocPath, protocol: PortMatch['protocol'], startField: string, endField: string): PortMatch | undefined {
  const start = r.int([...path, startField]);
  const end = r.int([...path, endField]);
  if (start === undefined || end === undefined) {
    if (r.raw([...path, startField]) === undefined || r.raw([...path, endField]) === undefined) {
      r.error(K8S_CODES.INVALID_ANP_PORT, path, `a port range needs ${startField} and ${endField}`);
    }
    return undefined;
  }
  if (protocol === undefined) return undefined;
  if (!checkPolicyPort(r, [...path, startField], start) || !checkPolicyPort(r, [...path, endField], end)) return undefined;
  if (start > end) {
    r.warning(K8S_CODES.END_PORT_BEFORE_PORT, [...path, endField], `port range ${start}-${end} is empty (${endField} < ${startField}); it matches no port`,
      `swap the bounds: ${startField}: ${end}, ${endField}: ${start}`);
    return { kind: 'numeric', protocol, ports: PortSet.empty() };
  }
  return { kind: 'numeric', protocol, ports: PortSet.range(start, end) };
}

/** One CNP protocols entry: exactly one of tcp, udp, sctp ({destinationPort: {number} | {range}}), destinationNamedPort. */
function readCnpProtocol(r: ObjectReader, path: DocPath): PortMatch | undefined {
  const raw = r.raw(path);
  const allowed = ['tcp', 'udp', 'sctp', 'destinationNamedPort'];
  const fields = isObj(raw) ? Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null) : [];
  if (!isObj(raw) || fields.length !== 1 || !allowed.includes(fields[0] as string)) {
    r.error(K8S_CODES.INVALID_ANP_PORT, path,
      `a protocols entry must set exactly one of ${allowed.join(', ')} (found ${isObj(raw) ? fields.join(', ') || 'nothing' : describe(raw)})`);
    return undefined;
  }
  const field = fields[0] as string;
  const p = [...path, field];
  if (field === 'destinationNamedPort') {
    const name = r.str(p);
    return name !== undefined && checkPortName(r, p, name) ? { kind: 'named', name } : undefined;
  }
  const protocol = field === 'tcp' ? 'TCP' : field === 'udp' ? 'UDP' : 'SCTP';
  r.unknownFields(p, ['destinationPort']);
  const dp = r.obj([...p, 'destinationPort']);
  if (!dp) return { kind: 'numeric', protocol, ports: PortSet.all() };
  r.unknownFields([...p, 'destinationPort'], ['number', 'range']);
  const has = (k: string): boolean => dp[k] !== undefined && dp[k] !== null;
  if (has('number') === has('range')) {
    r.error(K8S_CODES.INVALID_ANP_PORT, [...p, 'destinationPort'], 'destinationPort must set exactly one of number, range');
    return undefined;
  }
  if (has('number')) {
    const n = r.int([...p, 'destinationPort', 'number']);
    if (n === undefined || !checkPolicyPort(r, [...p, 'destinationPort', 'number'], n)) return undefined;
    return { kind: 'numeric', protocol, ports: PortSet.single(n) };
  }
  r.unknownFields([...p, 'destinationPort', 'range'], ['start', 'end']);
  return readRange(r, [...p, 'destinationPort', 'range'], protocol, 'start', 'end');
}
