// networking.k8s.io/v1 NetworkPolicy → NormalizedPolicy (upstream semantics, shared/reference/policy-semantics.md §1–2).
import type { Direction, NormalizedPolicy, Peer, PolicyRule, PortMatch } from '../../model/policy.js';
import { K8S_CODES } from './codes.js';
import { collectEntries, readIpBlock, readNetpolPort } from './policy-parts.js';
import { type ObjectReader, describe, isObj } from './reader.js';
import { andSelectors, namespaceIs, readLabelSelector } from './selector.js';

const SPEC_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'];

/**
 * Reads a NetworkPolicy in namespace `ns`:
 * - subject: `namespaces = eq(kubernetes.io/metadata.name, ns)`, `pods` = spec.podSelector (absent → all, warned);
 * - directions: policyTypes as written; when absent or empty, the API server default: Ingress, plus Egress iff
 *   `spec.egress` has at least one rule (so `egress: []` alone does not make an egress policy);
 * - rules: action `allow`, in written order; absent/empty from/to → peers `any`; absent/empty ports → ports `any`;
 *   a rule for a direction not in policyTypes is kept out (it has no effect) with a warning.
 * Invalid peers and ports are dropped (fail-safe for allow rules: the rule matches less, never more).
 */
export function readNetworkPolicy(r: ObjectReader, ns: string): NormalizedPolicy | undefined {
  const spec = r.obj(['spec']);
  if (!spec) {
    r.error(K8S_CODES.WRONG_TYPE, ['spec'], 'a NetworkPolicy needs a spec', 'add spec.podSelector (and rules)');
    return undefined;
  }
  r.unknownFields(['spec'], SPEC_FIELDS);
  let pods = readLabelSelector(r, ['spec', 'podSelector']);
  if (pods === undefined) {
    r.warning(K8S_CODES.WRONG_TYPE, ['spec'], 'spec.podSelector is missing; read as {} (every pod in the namespace)',
      'write podSelector: {} explicitly');
    pods = { op: 'all' };
  }
  const ingressRaw = r.list(['spec', 'ingress']);
  const egressRaw = r.list(['spec', 'egress']);
  const directions = readPolicyTypes(r, egressRaw);
  const rules: PolicyRule[] = [];
  for (const [direction, list, field] of [['ingress', ingressRaw, 'ingress'], ['egress', egressRaw, 'egress']] as const) {
    if (!list) continue;
    if (!directions.includes(direction) && list.length > 0) {
      r.warning(K8S_CODES.UNKNOWN_POLICY_TYPE, ['spec', field],
        `spec.${field} has rules but policyTypes does not list ${direction === 'ingress' ? 'Ingress' : 'Egress'}; these rules have no effect`,
        `add ${direction === 'ingress' ? 'Ingress' : 'Egress'} to policyTypes, or remove the rules`);
      continue;
    }
    list.forEach((_, i) => {
      const rule = readRule(r, ns, direction, ['spec', field, i], i);
      if (rule) rules.push(rule);
    });
  }
  return {
    id: `NetworkPolicy ${ns}/${r.name}`,
    source: 'k8s-networkpolicy',
    namespace: ns,
    name: r.name,
    subject: { namespaces: namespaceIs(ns), pods },
    directions,
    rules,
    origin: r.at([]),
  };
}

/** Effective policyTypes after API defaulting (pitfall 1). Unknown entries are reported and skipped. */
function readPolicyTypes(r: ObjectReader, egress: readonly unknown[] | undefined): Direction[] {
  const written = r.list(['spec', 'policyTypes']);
  const out = new Set<Direction>();
  (written ?? []).forEach((t, i) => {
    if (t === 'Ingress') out.add('ingress');
    else if (t === 'Egress') out.add('egress');
    else {
      r.error(K8S_CODES.UNKNOWN_POLICY_TYPE, ['spec', 'policyTypes', i], `unknown policyType ${describe(t)}`,
        'policyTypes entries are Ingress or Egress (case-sensitive)');
    }
  });
  if (!written || written.length === 0) {
    out.add('ingress');
    if (egress && egress.length > 0) out.add('egress');
  }
  return (['ingress', 'egress'] as const).filter((d) => out.has(d));
}

function readRule(r: ObjectReader, ns: string, direction: Direction, path: (string | number)[], index: number): PolicyRule | undefined {
  const raw = r.raw(path);
  const origin = r.at(path);
  if (raw === null) {
    // `- ` with nothing after it in YAML is an empty rule, the same as {} (allow everything in this direction).
    return { direction, index, action: 'allow', peers: 'any', ports: 'any', origin };
  }
  if (!isObj(raw)) {
    r.error(K8S_CODES.WRONG_TYPE, path, `a ${direction} rule must be an object, found ${describe(raw)}; the rule is ignored`);
    return undefined;
  }
  const peerField = direction === 'ingress' ? 'from' : 'to';
  r.unknownFields(path, [peerField, 'ports']);
  const peerList = r.list([...path, peerField]);
  const portList = r.list([...path, 'ports']);
  // A field of the wrong type was reported by list(); fail safe: the rule matches nothing.
  if ((peerList === undefined && r.raw([...path, peerField]) != null) || (portList === undefined && r.raw([...path, 'ports']) != null)) {
    return { direction, index, action: 'allow', peers: [], ports: [], origin };
  }
  const peers: readonly Peer[] | 'any' = !peerList || peerList.length === 0
    ? 'any'
    : collectEntries(peerList.map((_, i) => readPeer(r, ns, [...path, peerField, i])), 'narrow');
  const ports: readonly PortMatch[] | 'any' = !portList || portList.length === 0
    ? 'any'
    : collectEntries(portList.map((_, i) => readNetpolPort(r, [...path, 'ports', i])), 'narrow');
  if (ports !== 'any' && peers !== 'any' && ports.some((p) => p.kind === 'named') && peers.some((p) => p.kind === 'ipblock')) {
    r.warning(K8S_CODES.NAMED_PORT_WITHOUT_PODS, [...path, 'ports'],
      'a named port cannot match ipBlock destinations (addresses have no container ports); only pod peers can match it',
      'use port numbers for ipBlock peers');
  }
  return { direction, index, action: 'allow', peers, ports, origin };
}

/**
 * One NetworkPolicyPeer: podSelector alone = pods of the policy's namespace; namespaceSelector alone = all pods of
 * matching namespaces (not external IPs); both = AND; ipBlock alone = addresses. Anything else is invalid.
 */
function readPeer(r: ObjectReader, ns: string, path: (string | number)[]): Peer | undefined {
  const raw = r.raw(path);
  if (!isObj(raw)) {
    r.error(K8S_CODES.INVALID_PEER, path, `a peer must set podSelector, namespaceSelector or ipBlock, found ${describe(raw)}`,
      'an empty peer is rejected by the API server; to allow everything, drop the from/to list');
    return undefined;
  }
  r.unknownFields(path, ['podSelector', 'namespaceSelector', 'ipBlock']);
  const hasPod = raw.podSelector !== undefined && raw.podSelector !== null;
  const hasNs = raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  const hasIp = raw.ipBlock !== undefined && raw.ipBlock !== null;
  if (hasIp && (hasPod || hasNs)) {
    r.error(K8S_CODES.INVALID_PEER, [...path, 'ipBlock'], 'a peer cannot combine ipBlock with podSelector/namespaceSelector; the peer is ignored',
      'split it into two peers (two list items: OR) — the API server rejects this policy');
    return undefined;
  }
  if (hasIp) return readIpBlock(r, [...path, 'ipBlock']);
  if (!hasPod && !hasNs) {
    r.error(K8S_CODES.INVALID_PEER, path, 'a peer must set podSelector, namespaceSelector or ipBlock; the peer is ignored',
      'an empty peer {} is rejected by the API server; to allow everything, drop the from/to list');
    return undefined;
  }
  const pods = hasPod ? readLabelSelector(r, [...path, 'podSelector']) ?? { op: 'none' as const } : { op: 'all' as const };
  const namespaces = hasNs ? readLabelSelector(r, [...path, 'namespaceSelector']) ?? { op: 'none' as const } : namespaceIs(ns);
  return { kind: 'pods', namespaces: andSelectors([namespaces]), pods };
}
