// The policy engine's public shapes: endpoints, per-direction decisions with their explanation, the engine itself.
import type { ConnSet, Ip, IpFamily, L4Protocol } from '../net/index.js';
import type { Pod } from '../../model/k8s.js';
import type { NormalizedPolicy } from '../../model/policy.js';
import type { Origin } from '../../model/origin.js';
import type { EngineProfile } from './profile.js';

/**
 * A traffic endpoint: a pod, a cluster node (host network; `ip` absent = unknown address), or an address outside the
 * cluster.
 */
export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'node'; readonly name: string; readonly ip?: Ip }
  | { readonly kind: 'external'; readonly ip: Ip };

/**
 * What one step of a decision concluded. `not-selected`: no policy of the layer applies to the pod. `note`: decides
 * nothing, records a fact the later steps depend on (e.g. the source ingress sees after a Service's SNAT).
 */
export type StepOutcome = 'allow' | 'deny' | 'pass' | 'no-match' | 'not-selected' | 'note';

/** One step of a per-direction decision, in evaluation order: which layer/policy/rule decided what. */
export interface DecisionStep {
  /** The layer: a tier's layer ('AdminNetworkPolicy', 'NetworkPolicy', 'BaselineAdminNetworkPolicy', ...), or
   * 'default', 'node-exception', 'loopback', 'not-policed'. */
  readonly layer: string;
  readonly outcome: StepOutcome;
  /** NormalizedPolicy.id of the policy that decided; absent when no single policy did. */
  readonly policy?: string;
  /** Rule name, or `ingress rule #1` (1-based); absent when no single rule decided. */
  readonly rule?: string;
  /** The rule's (or policy's) place in the input. */
  readonly origin?: Origin;
  /** Human text, e.g. `[ANP] Pass (rule pass-y)` or `[NetworkPolicy] Allowed (x/allow-b, ingress rule #1)`. */
  readonly text: string;
}

/** The decision in one direction (egress at the source or ingress at the destination). */
export interface DirectionVerdict {
  readonly allowed: boolean;
  /** Steps in evaluation order; never empty. */
  readonly steps: readonly DecisionStep[];
  /** The steps' text joined by ' -> '. */
  readonly summary: string;
}

/** One flow's verdict: allowed iff egress at the source and ingress at the destination both allow. */
export interface FlowVerdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

/** One external address range policies treat alike (inclusive bounds). */
export interface ExternalAtom {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * How a flow reaches its destination when it is not pod-to-pod direct: through a Service of type NodePort or
 * LoadBalancer (`service` = `ns/name`). With `externalTrafficPolicy: Cluster` the engine's serviceIngress mode decides
 * how ingress at the backend pod sees the flow (Azure NPM does not police it at all); `node` names the node that
 * forwarded it (absent = a node other than the backend's); `nodeIps`: that node's addresses, one of which the SNAT
 * wrote into the packet — ipBlock peers are matched against the one of the destination's family (absent or empty =
 * the address the model's Node object gives, if any).
 */
export interface FlowVia {
  readonly service: string;
  readonly type: 'NodePort' | 'LoadBalancer';
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly node?: string;
  readonly nodeIps?: readonly Ip[];
}

/** Optional facts about a flow. Absent `via` = a direct flow to the destination's own address. */
export interface FlowOptions {
  readonly via?: FlowVia;
}

/**
 * One source class's row of the class matrix, sparse: `conns[k]` (never empty; the engine's shared interned
 * ConnSet, equal to `classConnections(srcClass, targets[k])`) is what the source may open to class `targets[k]`.
 * `targets` ascend; empty = the class reaches no class.
 */
export interface ClassRow {
  readonly targets: readonly number[];
  readonly conns: readonly ConnSet[];
}

/** A policy evaluator built once for one model and one engine profile. */
export interface PolicyEngine {
  readonly profile: EngineProfile;
  /** Every connection (protocol, port) allowed from src to dst: egress at src ∩ ingress at dst. */
  connections(src: Endpoint, dst: Endpoint, opts?: FlowOptions): ConnSet;
  /** One flow's verdict with its explanation, produced by the same code that computes `connections`. */
  decide(src: Endpoint, dst: Endpoint, protocol: L4Protocol, port: number, opts?: FlowOptions): FlowVerdict;
  /** The class of `pod`: pods every policy treats alike share a class. Pods not given to the engine get -1. */
  classOf(pod: Pod): number;
  /** Number of classes (class ids are 0..classCount-1). */
  readonly classCount: number;
  /** A pod of class `c` (its representative), for display. */
  classRepresentative(c: number): Pod;
  /** Allowed connections from any pod of class `srcClass` to any other pod of class `dstClass` (cached). */
  classConnections(srcClass: number, dstClass: number): ConnSet;
  /**
   * The bulk form of `classConnections`: every destination class `srcClass` can open some connection to (including
   * `srcClass` itself, meaning another pod of the same class), with what it can open. A class absent from `targets`
   * gets nothing (`classConnections` is empty). The first call solves ingress at every class; each row then costs
   * word-level bitset operations plus one cached lookup per listed destination. Throws RangeError for a class id
   * outside 0..classCount-1.
   */
  classRow(srcClass: number): ClassRow;
  /**
   * The disjoint external address ranges that policies treat alike (split at every CIDR boundary any policy
   * mentions, adjacent ranges treated alike merged), covering all of IPv4, and IPv6 when a policy or pod uses it.
   */
  externalAtoms(): readonly ExternalAtom[];
  /** Policies of dialects this engine does not implement (they have no effect), sorted by id. */
  readonly ignoredPolicies: readonly NormalizedPolicy[];
}
