// The sketch form of a network policy, for policy rule examples: one egress rule (or an allow-all ingress rule when
// nothing is given) with at most one ipBlock and one port, enough to show each policy-engine finding.
import { IpSet, type L4Protocol, PortSet, parseCidr } from '../../engines/net/index.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import type { Origin } from '../../model/origin.js';
import type { NormalizedPolicy, Peer, PolicySource, PortMatch, Selector } from '../../model/policy.js';

/**
 * A sketched policy. `kind` absent = a Kubernetes NetworkPolicy; `namespace` absent = `default`. `ipBlock` (with
 * `except`) is the rule's peer (absent = any peer); `port` a number or a port name, `endPort` a range end,
 * `protocol` absent = TCP; `notIn` makes the pod selector `app NotIn (x)`.
 */
export interface SketchPolicy {
  readonly kind?: 'NetworkPolicy' | 'CalicoNetworkPolicy' | 'CiliumNetworkPolicy' | 'AdminNetworkPolicy';
  readonly namespace?: string;
  readonly name: string;
  readonly ipBlock?: string;
  readonly except?: readonly string[];
  readonly port?: number | string;
  readonly endPort?: number;
  readonly protocol?: L4Protocol;
  readonly notIn?: boolean;
}

const SOURCES: Readonly<Record<NonNullable<SketchPolicy['kind']>, PolicySource>> = {
  NetworkPolicy: 'k8s-networkpolicy', CalicoNetworkPolicy: 'calico-networkpolicy', CiliumNetworkPolicy: 'cilium-networkpolicy',
  AdminNetworkPolicy: 'admin-network-policy',
};

function cidr(text: string) {
  const c = parseCidr(text);
  if (!c) throw new Error(`example: bad CIDR ${text}`);
  return c.cidr;
}

/** The NormalizedPolicy a sketched policy stands for. Throws on malformed CIDRs: sketches are code. */
export function sketchPolicy(p: SketchPolicy, origin: Origin): NormalizedPolicy {
  const kind = p.kind ?? 'NetworkPolicy';
  const ns = kind === 'AdminNetworkPolicy' ? undefined : p.namespace ?? 'default';
  const peers: Peer[] | 'any' = p.ipBlock === undefined ? 'any' : (() => {
    const block = cidr(p.ipBlock);
    const except = (p.except ?? []).map(cidr);
    return [{ kind: 'ipblock', cidr: block, except, set: IpSet.fromCidr(block).subtract(IpSet.fromCidrs(except)) } as Peer];
  })();
  const protocol = p.protocol ?? 'TCP';
  const ports: PortMatch[] | 'any' = p.port === undefined ? 'any' : typeof p.port === 'string'
    ? [{ kind: 'named', protocol, name: p.port }]
    : [{ kind: 'numeric', protocol, ports: PortSet.range(p.port, p.endPort ?? p.port) }];
  const pods: Selector = p.notIn ? { op: 'notin', key: 'app', values: ['x'] } : { op: 'all' };
  return {
    id: `${kind} ${ns !== undefined ? ns + '/' : ''}${p.name}`, source: SOURCES[kind], namespace: ns, name: p.name,
    subject: { namespaces: ns !== undefined ? { op: 'eq', key: NAMESPACE_NAME_LABEL, value: ns } : { op: 'all' }, pods },
    directions: ['egress'], priority: kind === 'AdminNetworkPolicy' ? 1 : undefined,
    rules: [{ direction: 'egress', index: 0, action: 'allow', peers, ports, origin }], origin,
  };
}
