// The migrate question's shapes: what changes, what must be true first, and when nothing is enforced.
import { ENGINE_NAMES, type EngineName } from '../../engines/policy/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Origin } from '../../model/origin.js';

/** Where to migrate: a policy engine, Azure CNI Overlay (IPAM), or the Cilium dataplane (with Cilium policy). */
export type MigrateTarget = EngineName | 'overlay' | 'cilium-dataplane';

/** Every target, in display order. */
export const MIGRATE_TARGETS: readonly MigrateTarget[] = Object.freeze([...ENGINE_NAMES, 'overlay', 'cilium-dataplane'] as const);

/** A policy engine, or `none` (policies exist but nothing enforces them). */
export type Enforcement = EngineName;

/** The cluster's state on one side of the migration. `networkMode` absent = no cluster artefact. */
export interface ClusterState {
  readonly enforcement: Enforcement;
  readonly networkMode?: string;
  readonly dataplane?: string;
}

/** One end of a changed flow: a workload (`ns/kind/name`) or an external range. */
export interface FlowEnd {
  readonly kind: 'workload' | 'external';
  /** `ns/name` of the workload, or the range (`10.0.0.0-10.0.0.255` / a CIDR) for external ends. */
  readonly name: string;
  /** Example pod (`ns/name`) of the workload; absent for external ends. */
  readonly pod?: string;
}

/** What decided one side of a flow's verdict under one engine, for a representative port. */
export interface SideDecision {
  readonly allowed: boolean;
  /** The decision summary (layers and rules joined by ' -> '). */
  readonly summary: string;
  /** Policy ids and rules that decided, with where they are. */
  readonly rules: readonly { readonly policy: string; readonly rule?: string; readonly origin?: Origin }[];
}

/**
 * A flow whose verdict changes: the connections gained (allowed after, denied before) and lost, in netpol-analyzer
 * notation ('' = none), with the decision before and after for one representative connection (`probe`).
 */
export interface FlowChange {
  readonly src: FlowEnd;
  readonly dst: FlowEnd;
  readonly gained: string;
  readonly lost: string;
  /** Number of pod pairs of these workloads the change applies to. */
  readonly podPairs: number;
  /** The representative connection, e.g. `TCP/80`. */
  readonly probe: string;
  readonly before: SideDecision;
  readonly after: SideDecision;
}

/** Whether a prerequisite holds: met, must be done as a step, blocks the move, or cannot be told from the input. */
export type PrerequisiteStatus = 'met' | 'action' | 'blocked' | 'unknown' | 'info';

/** One prerequisite of the move (shared/reference/aks-networking.md §20). */
export interface Prerequisite {
  /** Stable id, e.g. `policy-disabled-first`. */
  readonly id: string;
  readonly status: PrerequisiteStatus;
  readonly text: string;
  readonly origin?: Origin;
}

/** One operation of the migration, with the enforcement in effect while (and after) it runs. */
export interface MigrationStep {
  readonly title: string;
  /** The command, when there is one. */
  readonly command?: string;
  readonly enforcement: Enforcement;
}

/** The window without enforcement: which steps, and which flows are open then that were denied before. */
export interface EnforcementWindow {
  /** Titles of the steps during which nothing is enforced; empty = no window. */
  readonly steps: readonly string[];
  /** Flows denied before and open during the window (gained = what opens). */
  readonly opened: readonly FlowChange[];
}

/** The answer to `aksnet migrate`. */
export interface MigrateAnswer {
  readonly target: MigrateTarget;
  readonly cluster?: string;
  readonly before: ClusterState;
  readonly after: ClusterState;
  readonly prerequisites: readonly Prerequisite[];
  readonly steps: readonly MigrationStep[];
  /** Flows whose verdict differs between before and after, sorted by source then destination. */
  readonly changes: readonly FlowChange[];
  readonly window: EnforcementWindow;
  readonly diagnostics: readonly Diagnostic[];
}
