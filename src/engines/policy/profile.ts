// Engine profiles: what differs between policy engines, written as data (tiers and capability flags). The
// evaluator reads these fields; it never asks which engine it is running.
import type { PolicySource } from '../../model/policy.js';

/** The policy engines aksnet can evaluate under. */
export type EngineName = 'upstream' | 'calico' | 'cilium' | 'azure-npm';

/** Every engine, in display order. */
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(['upstream', 'calico', 'cilium', 'azure-npm'] as const);

/**
 * Options a user may override. `ipblockPods`: whether ipBlock/CIDR peers also match pod IPs ('match' = upstream e2e,
 * Calico, Azure NPM; 'ignore' = Cilium, netpol-analyzer). Absent = the engine's own behaviour.
 */
export interface EngineOptions {
  readonly ipblockPods?: 'match' | 'ignore';
}

/**
 * How one tier combines the rules of the policies that select a pod in a direction.
 * - `ordered-first-match`: policies by priority, rules in order; the first rule whose peer and port match decides
 *   (allow / deny / pass to the next tier; log continues). ANP, BANP, Calico tiers.
 * - `allow-union`: unordered; a connection is allowed when any allow rule matches (Kubernetes NetworkPolicy).
 * - `deny-overrides`: unordered; any matching deny beats any matching allow (Cilium).
 */
export type TierKind = 'ordered-first-match' | 'allow-union' | 'deny-overrides';

/** Every tier kind. */
export const TIER_KINDS: readonly TierKind[] = Object.freeze(['ordered-first-match', 'allow-union', 'deny-overrides'] as const);

/**
 * One tier of an engine. A tier is consulted for a pod and direction only when some policy of the tier selects the
 * pod and governs that direction ("selected"); otherwise evaluation goes on with the next tier.
 */
export interface TierSpec {
  /** DecisionStep.layer for decisions of this tier, e.g. 'AdminNetworkPolicy'. */
  readonly layer: string;
  /** Short tag printed in explanations, e.g. 'ANP' → `[ANP] Pass (rule pass-y)`. */
  readonly tag: string;
  readonly kind: TierKind;
  /** The policy dialects that live in this tier. A dialect in no tier is ignored by the engine (and reported). */
  readonly sources: readonly PolicySource[];
  /**
   * What happens to connections no rule decided when the pod is selected: 'continue' = on to the next tier (ANP,
   * BANP: no implicit isolation), 'deny' = denied, final (NetworkPolicy isolation, Calico end-of-tier drop).
   */
  readonly whenSelectedNoMatch: 'continue' | 'deny';
  /** Priority for policies of a source that carry none (Calico gives Kubernetes NPs order 1000); absent = last. */
  readonly defaultPriority?: Partial<Readonly<Record<PolicySource, number>>>;
}

/** How an engine treats pods with hostNetwork: as pods (selectors see their labels) or as their node (host traffic). */
export type HostNetworkMode = 'pod' | 'node';

/** An engine's semantics as data. */
export interface EngineProfile {
  readonly name: EngineName;
  /** One line describing the engine's model, for reports. */
  readonly description: string;
  /** Tiers in evaluation order. */
  readonly tiers: readonly TierSpec[];
  /** Verdict for connections no tier decided (a pod nobody isolates): 'allow' for every engine modelled so far. */
  readonly defaultAction: 'allow' | 'deny';
  /** ipBlock / CIDR peers also match pod IPs. */
  readonly ipblockMatchesPods: boolean;
  /** ipBlock / CIDR peers also match node IPs (and hostNetwork pods seen as their node). */
  readonly ipblockMatchesNodes: boolean;
  /** Ingress to a pod from its own node is always allowed (kubelet probes). */
  readonly ownNodeIngressAllowed: boolean;
  /** Egress from a pod to its own node is always allowed (Azure NPM). */
  readonly ownNodeEgressAllowed: boolean;
  /** A pod's traffic to itself is always allowed. */
  readonly loopbackAllowed: boolean;
  /** How hostNetwork pods are seen. */
  readonly hostNetworkPods: HostNetworkMode;
}

const ANP_TIER: TierSpec = {
  layer: 'AdminNetworkPolicy', tag: 'ANP', kind: 'ordered-first-match',
  sources: ['admin-network-policy', 'cluster-network-policy-admin'], whenSelectedNoMatch: 'continue',
};
const NP_TIER: TierSpec = {
  layer: 'NetworkPolicy', tag: 'NetworkPolicy', kind: 'allow-union',
  sources: ['k8s-networkpolicy'], whenSelectedNoMatch: 'deny',
};
const BANP_TIER: TierSpec = {
  layer: 'BaselineAdminNetworkPolicy', tag: 'BANP', kind: 'ordered-first-match',
  sources: ['baseline-admin-network-policy', 'cluster-network-policy-baseline'], whenSelectedNoMatch: 'continue',
};

// Calico (≥ 3.29): tiers kube-admin (Pass at end) → default (Deny at end; Kubernetes NPs are order 1000) →
// kube-baseline (Pass at end) → the namespace profile, which allows (shared/reference/policy-semantics.md §6.5-6.8).
const CALICO_DEFAULT_TIER: TierSpec = {
  layer: 'CalicoTier:default', tag: 'Calico default tier', kind: 'ordered-first-match',
  sources: ['k8s-networkpolicy', 'calico-networkpolicy', 'calico-globalnetworkpolicy'], whenSelectedNoMatch: 'deny',
  defaultPriority: { 'k8s-networkpolicy': 1000 },
};

// Cilium: KNP, CNP and CCNP are one unordered set where deny beats allow; ANP/BANP are not implemented (§7.3, §10).
const CILIUM_TIER: TierSpec = {
  layer: 'CiliumPolicy', tag: 'Cilium', kind: 'deny-overrides',
  sources: ['k8s-networkpolicy', 'cilium-networkpolicy', 'cilium-clusterwide-networkpolicy'], whenSelectedNoMatch: 'deny',
};

/** The profile of engine `name`, with `opts` applied. */
export function engineProfile(name: EngineName, opts: EngineOptions = {}): EngineProfile {
  const base = baseProfile(name);
  if (opts.ipblockPods === undefined) return base;
  return { ...base, ipblockMatchesPods: opts.ipblockPods === 'match' };
}

function baseProfile(name: EngineName): EngineProfile {
  switch (name) {
    case 'upstream':
      return {
        name, description: 'Kubernetes NetworkPolicy as documented and tested upstream, with AdminNetworkPolicy and BaselineAdminNetworkPolicy',
        tiers: [ANP_TIER, NP_TIER, BANP_TIER], defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'pod',
      };
    case 'calico':
      return {
        name, description: 'Calico: tiers kube-admin → default → kube-baseline, first matching rule wins, namespace profile allows',
        tiers: [
          { ...ANP_TIER, layer: 'CalicoTier:kube-admin' },
          CALICO_DEFAULT_TIER,
          { ...BANP_TIER, layer: 'CalicoTier:kube-baseline' },
        ],
        defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'node',
      };
    case 'cilium':
      return {
        name, description: 'Cilium: Kubernetes and Cilium policies unordered, deny beats allow, CIDR peers never match pods or nodes, no ANP/BANP',
        tiers: [CILIUM_TIER], defaultAction: 'allow',
        ipblockMatchesPods: false, ipblockMatchesNodes: false, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'node',
      };
    case 'azure-npm':
      return {
        name, description: 'Azure NPM: Kubernetes NetworkPolicy only, ipBlock matches pod and node IPs, egress to the own node allowed',
        tiers: [NP_TIER], defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: true,
        loopbackAllowed: true, hostNetworkPods: 'node',
      };
    default: {
      const never: never = name;
      throw new RangeError(`unknown engine ${String(never)}`);
    }
  }
}

/** True when `s` is a known engine name (for parsing user input). */
export function isEngineName(s: string): s is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(s);
}

/** The index of the tier holding policies of `source` under `profile`, or -1 when the engine ignores that dialect. */
export function tierOf(profile: EngineProfile, source: PolicySource): number {
  return profile.tiers.findIndex((t) => t.sources.includes(source));
}
