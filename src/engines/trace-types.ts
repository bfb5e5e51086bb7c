// The shared vocabulary of explanations: flows, typed steps and the tracer every evaluator writes to.
// "Evaluate and explain with the same code": an evaluator takes a Tracer (no-op by default) and records the rule,
// route or entry that decided, as it decides. The packet walk (`trace`) strings these steps into hops.
import type { Ip } from './net/index.js';
import type { Origin } from '../model/origin.js';

/** Protocols a flow can carry. ICMP flows have no ports. */
export type FlowProtocol = 'TCP' | 'UDP' | 'ICMP';
export const FLOW_PROTOCOLS: readonly FlowProtocol[] = ['TCP', 'UDP', 'ICMP'];

/**
 * One packet's 5-tuple as the network sees it at the point of evaluation. `srcPort`/`dstPort` absent = not
 * applicable (ICMP) or unknown; an absent port matches only rules that allow every port.
 */
export interface Flow {
  readonly protocol: FlowProtocol;
  readonly srcIp: Ip;
  readonly srcPort?: number;
  readonly dstIp: Ip;
  readonly dstPort?: number;
}

/**
 * What kind of element took a step. `nsg`: a network security group rule; `route`: a route-table or system route
 * lookup; `bridge`: delivery inside a host bridge or VNet; `kube-proxy`: Service DNAT/load balancing; `snat`/`dnat`:
 * an address rewrite; `policy`: a NetworkPolicy decision; `delivered`: the packet reached its destination;
 * `note`: an observation that did not decide anything (unknown ASG membership, a platform exception, ...).
 */
export type StepType = 'nsg' | 'route' | 'bridge' | 'kube-proxy' | 'snat' | 'dnat' | 'policy' | 'delivered' | 'note';
export const STEP_TYPES: readonly StepType[] = ['nsg', 'route', 'bridge', 'kube-proxy', 'snat', 'dnat', 'policy', 'delivered', 'note'];

/**
 * What a step did to the packet. `allow`/`deny`: a filter decision; `forward`: sent to a next hop; `drop`: discarded
 * by routing (a None route, no route); `rewrite`: an address or port was changed (see `rewrites`); `deliver`: handed
 * to the destination; `skip`: the element was absent or did not apply (no NSG on the NIC, rule not considered);
 * `info`: a note that changes nothing.
 */
export type StepAction = 'allow' | 'deny' | 'forward' | 'drop' | 'rewrite' | 'deliver' | 'skip' | 'info';
export const STEP_ACTIONS: readonly StepAction[] = ['allow', 'deny', 'forward', 'drop', 'rewrite', 'deliver', 'skip', 'info'];

/**
 * A field of the flow changed by a step: e.g. `{field: 'dstIp', old: '10.0.0.10', new: '10.244.1.5'}`. `protocol`
 * changes only when a tunnel wraps the packet (encap: TCP -> UDP for VXLAN) or unwraps it (decap); a port whose
 * value is unknown or absent is written `*`.
 */
export interface FieldRewrite {
  readonly field: 'protocol' | 'srcIp' | 'srcPort' | 'dstIp' | 'dstPort';
  readonly old: string;
  readonly new: string;
}

/**
 * One thing that happened to a packet, Batfish-style. `resource`: the id or name of the element (NSG id, route
 * table id or `System Route`, node name); `rule`: the deciding entry inside it (rule name, route name), absent when
 * the element decided as a whole (a missing NSG, no route); `detail`: one human sentence; `origin`: where the
 * deciding entry is written in the user's files (absent for built-in defaults and derived objects);
 * `rewrites`: only for `rewrite` steps.
 */
export interface Step {
  readonly type: StepType;
  readonly action: StepAction;
  readonly resource: string;
  readonly rule?: string;
  readonly detail: string;
  readonly origin?: Origin;
  readonly rewrites?: readonly FieldRewrite[];
}

/** Receives steps as an evaluator takes them. */
export interface Tracer {
  record(step: Step): void;
}

/** The tracer that records nothing: the default of every evaluator. */
export const NO_TRACE: Tracer = Object.freeze({ record: (): void => undefined });

/** A tracer that keeps every step in order, for answers that print their explanation. */
export class RecordingTracer implements Tracer {
  /** Steps in the order they were taken (empty until something is evaluated). */
  readonly steps: Step[] = [];
  record(step: Step): void {
    this.steps.push(step);
  }
}
