// Every policy dialect (Kubernetes NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy,
// ClusterNetworkPolicy, Calico, Cilium) is translated into this one normalised form. The single evaluator in
// engines/policy reads only this; an engine profile decides how sources are ordered into tiers.
import type { Cidr, IpSet, L4Protocol, PortSet } from '../engines/net/index.js';
import type { Origin } from './origin.js';

/**
 * A label selector over one label map (pod labels, namespace labels or node labels). Kubernetes LabelSelectors and
 * Calico selector expressions both compile to this tree. Semantics for a missing key: `eq`, `in`, `has`,
 * `contains`/`startswith`/`endswith` are false; `neq`, `notin`, `nothas` are true.
 */
export type Selector =
  | { readonly op: 'all' }
  | { readonly op: 'none' }
  | { readonly op: 'eq'; readonly key: string; readonly value: string }
  | { readonly op: 'neq'; readonly key: string; readonly value: string }
  | { readonly op: 'in'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'has'; readonly key: string }
  | { readonly op: 'nothas'; readonly key: string }
  | { readonly op: 'contains' | 'startswith' | 'endswith'; readonly key: string; readonly value: string }
  | { readonly op: 'and'; readonly args: readonly Selector[] }
  | { readonly op: 'or'; readonly args: readonly Selector[] }
  | { readonly op: 'not'; readonly arg: Selector };

/** Which policy dialect a normalised policy came from (the engine profile places each source in a tier). */
export type PolicySource =
  | 'k8s-networkpolicy'
  | 'admin-network-policy'
  | 'baseline-admin-network-policy'
  | 'cluster-network-policy-admin'
  | 'cluster-network-policy-baseline'
  | 'calico-networkpolicy'
  | 'calico-globalnetworkpolicy'
  | 'cilium-networkpolicy'
  | 'cilium-clusterwide-networkpolicy';

export type Direction = 'ingress' | 'egress';
export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** What a matching rule does. `pass` skips to the next tier; `log` records and continues with the next rule. */
export type RuleAction = 'allow' | 'deny' | 'pass' | 'log';

/** Cilium entities (reserved identities) a rule may name. */
export type CiliumEntity =
  | 'world' | 'cluster' | 'host' | 'remote-node' | 'kube-apiserver' | 'all' | 'health' | 'init' | 'ingress' | 'unmanaged'
  | 'none' | 'world-ipv4' | 'world-ipv6';

/**
 * One alternative peer of a rule (a rule's peers are OR'ed).
 * - `pods`: cluster pods whose namespace labels match `namespaces` and whose labels match `pods`.
 *   A pod selector scoped to the policy's namespace is written as `namespaces: eq(kubernetes.io/metadata.name, ns)`.
 * - `ipblock`: addresses in `set` (= cidr minus except). Whether it also matches pod and node IPs is the engine's
 *   choice (profile flag), never the adapter's.
 * - `nodes`: cluster nodes whose labels match.
 * - `entity`: a Cilium reserved identity.
 */
export type Peer =
  | { readonly kind: 'pods'; readonly namespaces: Selector; readonly pods: Selector }
  | { readonly kind: 'ipblock'; readonly cidr: Cidr; readonly except: readonly Cidr[]; readonly set: IpSet }
  | { readonly kind: 'nodes'; readonly nodes: Selector }
  | { readonly kind: 'entity'; readonly entity: CiliumEntity };

/**
 * One alternative port of a rule (a rule's ports are OR'ed).
 * - `numeric`: the given ports of one protocol (a range when endPort/portRange is used; all ports if the rule gives
 *   a protocol without a port).
 * - `named`: a container port name, resolved per destination pod; `protocol` absent = the name matches whatever
 *   protocol the pod declares (AdminNetworkPolicy namedPort).
 */
export type PortMatch =
  | { readonly kind: 'numeric'; readonly protocol: L4Protocol; readonly ports: PortSet }
  | { readonly kind: 'named'; readonly protocol?: L4Protocol; readonly name: string };

/**
 * One rule. `peers: 'any'` = every source/destination including external addresses (an absent or empty from/to);
 * `ports: 'any'` = every port and protocol. `index` is the rule's 0-based position in its policy's list for that
 * direction, `name` its name where the dialect has one (ANP rule name).
 */
export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  readonly name?: string;
  readonly action: RuleAction;
  readonly peers: readonly Peer[] | 'any';
  readonly ports: readonly PortMatch[] | 'any';
  readonly origin: Origin;
}

/**
 * The pods a policy applies to. `namespaces` selects namespaces by their labels; `pods` selects pods in them.
 * A namespaced policy has `namespaces: eq(kubernetes.io/metadata.name, <its namespace>)`; `pods: {op:'all'}` is
 * every pod there (an empty podSelector).
 */
export interface Subject {
  readonly namespaces: Selector;
  readonly pods: Selector;
}

/**
 * A normalised policy. `directions` are the directions it governs (effective policyTypes after defaulting): a
 * policy that selects a pod and governs a direction isolates that pod in that direction under isolating engines,
 * even when `rules` has none for it. `priority` orders policies inside a tier (ANP priority, Calico order; lower
 * first; absent = last); ties keep name order. `rules` are in their written order, per direction.
 */
export interface NormalizedPolicy {
  /** Stable display id, e.g. `NetworkPolicy x/allow-b` or `AdminNetworkPolicy pass-example`. */
  readonly id: string;
  readonly source: PolicySource;
  readonly namespace?: string;
  readonly name: string;
  readonly subject: Subject;
  readonly directions: readonly Direction[];
  readonly priority?: number;
  /** Calico tier name; absent = the dialect's own tier. */
  readonly tier?: string;
  readonly rules: readonly PolicyRule[];
  readonly origin: Origin;
}
