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
  | { readonly kind: 'entity'; readonly entity: CiliumEntity }
  | EndpointsPeer
  | { readonly kind: 'all-of'; readonly peers: readonly Peer[] }
  | { readonly kind: 'not'; readonly peer: Peer };

/**
 * A peer given by a selector over *endpoint labels* (see ENDPOINT_LABEL_KEYS): Calico `selector`s and Cilium
 * `fromEndpoints`/`toEndpoints`. It matches a policed pod whose endpoint labels satisfy `selector`, and any address
 * in `sets` — the addresses of labelled IP sets the selector selects (Calico NetworkSets, GlobalNetworkSets, host
 * endpoints' expectedIPs), resolved by the adapter. Nodes and hostNetwork pods the engine sees as nodes are never
 * matched by the selector (only through `sets`). An empty `sets` = no labelled IP set is selected.
 * Calico's rule criteria compose from these: `all-of` (every peer matches: the AND of selector, notSelector, nets,
 * notNets, namespaceSelector and serviceAccounts) and `not` (negation: notSelector, notNets).
 */
export interface EndpointsPeer {
  readonly kind: 'endpoints';
  readonly selector: Selector;
  readonly sets: IpSet;
  /** The selector as the user wrote it (canonical form), for explanations; absent = none. */
  readonly text?: string;
}

/**
 * Label keys every engine synthesises on a pod's *endpoint labels* (the pod's own labels plus these), so Calico and
 * Cilium selectors over namespaces and service accounts are ordinary label tests:
 * - Calico: `projectcalico.org/namespace`, `projectcalico.org/orchestrator` (= `k8s`), `projectcalico.org/serviceaccount`,
 *   and the profile labels `pcns.<namespace label>`, `pcns.projectcalico.org/name`, `pcsa.projectcalico.org/name`;
 * - Cilium: `io.kubernetes.pod.namespace`, `io.cilium.k8s.namespace.labels.<namespace label>`,
 *   `io.cilium.k8s.policy.serviceaccount`, `io.cilium.k8s.policy.cluster` (= `default`).
 */
export const ENDPOINT_LABEL_KEYS = Object.freeze({
  calicoNamespace: 'projectcalico.org/namespace',
  calicoOrchestrator: 'projectcalico.org/orchestrator',
  calicoServiceAccount: 'projectcalico.org/serviceaccount',
  calicoNamespacePrefix: 'pcns.',
  calicoServiceAccountPrefix: 'pcsa.',
  calicoName: 'projectcalico.org/name',
  ciliumNamespace: 'io.kubernetes.pod.namespace',
  ciliumNamespaceLabelPrefix: 'io.cilium.k8s.namespace.labels.',
  ciliumServiceAccount: 'io.cilium.k8s.policy.serviceaccount',
  ciliumCluster: 'io.cilium.k8s.policy.cluster',
} as const);

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
  /**
   * Connections excluded from the rule even when `ports` admits them (Calico `notPorts`, named ones resolved per
   * destination pod). Absent or empty = nothing excluded.
   */
  readonly notPorts?: readonly PortMatch[];
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
  /**
   * An extra condition over the pod's endpoint labels (ENDPOINT_LABEL_KEYS), AND'ed with the two above: Calico
   * `selector`/`namespaceSelector`/`serviceAccountSelector` and Cilium `endpointSelector`. Absent = no extra condition.
   */
  readonly endpoint?: Selector;
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
  /** The Calico tier's `order` (lower first; absent = after every ordered tier, then by tier name). */
  readonly tierOrder?: number;
  /** What the Calico tier does with traffic its policies selected but did not decide; absent = deny. */
  readonly tierDefaultAction?: 'deny' | 'pass';
  /**
   * The directions in which selecting a pod isolates it (turns that direction default-deny). Absent = every
   * direction of `directions`. Cilium `enableDefaultDeny: {ingress: false}` leaves ingress out: the policy's rules
   * still apply (its deny rules deny, its allow rules allow when something else isolates), but it does not isolate.
   */
  readonly isolates?: readonly Direction[];
  readonly rules: readonly PolicyRule[];
  readonly origin: Origin;
}
