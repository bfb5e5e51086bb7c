// Engine profiles: what differs between policy engines, written as data (tiers and capability flags). The
// evaluator reads these fields; it never asks which engine it is running.
import type { NormalizedPolicy, PolicySource } from '../../model/policy.js';

/**
 * The policy engines aksnet can evaluate under. `none`: no engine is installed (AKS `networkPolicy: none`): policies
 * exist in the API but nothing enforces them, so every connection is allowed.
 */
export type EngineName = 'upstream' | 'calico' | 'cilium' | 'azure-npm' | 'none';

/** Every engine, in display order. */
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(['upstream', 'calico', 'cilium', 'azure-npm', 'none'] as const);

/** The engines that enforce policy (every engine but `none`). */
export const ENFORCING_ENGINES: readonly EngineName[] = Object.freeze(['upstream', 'calico', 'cilium', 'azure-npm'] as const);

/**
 * Options a user may override. `ipblockPods`: whether ipBlock/CIDR peers also match pod IPs ('match' = upstream e2e,
 * Calico, Azure NPM; 'ignore' = Cilium, netpol-analyzer). Absent = the engine's own behaviour.
 */
export interface EngineOptions {
  readonly ipblockPods?: 'match' | 'ignore';
  /**
   * Whether NetworkPolicy `endPort` ranges are enforced as ranges (true) or only their first port (false: Cilium
   * before 1.17, i.e. AKS Kubernetes before 1.32). Absent = the engine's own default (supported).
   */
  readonly endPort?: boolean;
}

/**
 * How ingress at a backend pod is decided for a flow that arrives through a NodePort or LoadBalancer Service with
 * `externalTrafficPolicy: Cluster` (shared/reference/policy-semantics.md §10, LB/NodePort row):
 * - `client`: policed with the client as the source (upstream: undefined behaviour, modelled as the plain flow);
 * - `bypass`: not policed at all (Azure NPM);
 * - `source-node`: policed with the forwarding node as the source (kube-proxy SNAT; Calico);
 * - `source-world`: policed with the source seen as outside the cluster (identity `world`; Cilium).
 */
export type ServiceIngressMode = 'client' | 'bypass' | 'source-node' | 'source-world';

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
  /**
   * The Calico tier this spec stands for: a policy that names a tier (`NormalizedPolicy.tier`; Calico policies without
   * one are in `default`) lands here only when the names agree. Absent = any tier name.
   */
  readonly calicoTier?: string;
  /** The tier's order when the profile sorts tiers (Calico); absent = after every ordered tier. */
  readonly order?: number;
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
  /** False for `none`: no policy is enforced, every connection is allowed (and said to be unenforced). */
  readonly enforced: boolean;
  /** NetworkPolicy / Cilium `endPort` ranges are enforced; false = only the range's first port (old Cilium). */
  readonly endPortSupported: boolean;
  /** Ingress through a NodePort/LoadBalancer Service with externalTrafficPolicy Cluster. */
  readonly serviceIngress: ServiceIngressMode;
  /**
   * Calico: policies of Calico tiers the profile does not list get a tier each (ordered-first-match, sorted with the
   * listed tiers by `order`, nil last, then name; end of tier = the tier's defaultAction). False = no such tiers.
   */
  readonly userTiers: boolean;
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
const CALICO_SOURCES: readonly PolicySource[] = ['calico-networkpolicy', 'calico-globalnetworkpolicy'];
const CALICO_DEFAULT_TIER: TierSpec = {
  layer: 'CalicoTier:default', tag: 'Calico default tier', kind: 'ordered-first-match',
  sources: ['k8s-networkpolicy', ...CALICO_SOURCES], whenSelectedNoMatch: 'deny',
  defaultPriority: { 'k8s-networkpolicy': 1000 }, calicoTier: 'default', order: 1_000_000,
};
const CALICO_ADMIN_TIER: TierSpec = {
  ...ANP_TIER, layer: 'CalicoTier:kube-admin', sources: [...ANP_TIER.sources, ...CALICO_SOURCES], calicoTier: 'kube-admin', order: 1000,
};
const CALICO_BASELINE_TIER: TierSpec = {
  ...BANP_TIER, layer: 'CalicoTier:kube-baseline', sources: [...BANP_TIER.sources, ...CALICO_SOURCES], calicoTier: 'kube-baseline',
  order: 10_000_000,
};

/** The tier spec of a user-defined Calico tier (§6.5): first match wins; the end of the tier denies or passes. */
export function calicoUserTier(name: string, order: number | undefined, defaultAction: 'deny' | 'pass'): TierSpec {
  return {
    layer: `CalicoTier:${name}`, tag: `Calico tier ${name}`, kind: 'ordered-first-match', sources: CALICO_SOURCES,
    whenSelectedNoMatch: defaultAction === 'pass' ? 'continue' : 'deny', calicoTier: name, order,
  };
}

// Cilium: KNP, CNP and CCNP are one unordered set where deny beats allow; ANP/BANP are not implemented (§7.3, §10).
const CILIUM_TIER: TierSpec = {
  layer: 'CiliumPolicy', tag: 'Cilium', kind: 'deny-overrides',
  sources: ['k8s-networkpolicy', 'cilium-networkpolicy', 'cilium-clusterwide-networkpolicy'], whenSelectedNoMatch: 'deny',
};

/** The profile of engine `name`, with `opts` applied. */
export function engineProfile(name: EngineName, opts: EngineOptions = {}): EngineProfile {
  let p = baseProfile(name);
  if (opts.ipblockPods !== undefined) p = { ...p, ipblockMatchesPods: opts.ipblockPods === 'match' };
  if (opts.endPort !== undefined) p = { ...p, endPortSupported: opts.endPort };
  return p;
}

function baseProfile(name: EngineName): EngineProfile {
  switch (name) {
    case 'upstream':
      return {
        name, description: 'Kubernetes NetworkPolicy as documented and tested upstream, with AdminNetworkPolicy and BaselineAdminNetworkPolicy',
        tiers: [ANP_TIER, NP_TIER, BANP_TIER], defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'pod', enforced: true, endPortSupported: true, serviceIngress: 'client',
        userTiers: false,
      };
    case 'calico':
      return {
        name, description: 'Calico: tiers kube-admin → default → kube-baseline, first matching rule wins, namespace profile allows',
        tiers: [CALICO_ADMIN_TIER, CALICO_DEFAULT_TIER, CALICO_BASELINE_TIER],
        defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'node', enforced: true, endPortSupported: true, serviceIngress: 'source-node',
        userTiers: true,
      };
    case 'cilium':
      return {
        name, description: 'Cilium: Kubernetes and Cilium policies unordered, deny beats allow, CIDR peers never match pods or nodes, no ANP/BANP',
        tiers: [CILIUM_TIER], defaultAction: 'allow',
        ipblockMatchesPods: false, ipblockMatchesNodes: false, ownNodeIngressAllowed: true, ownNodeEgressAllowed: false,
        loopbackAllowed: true, hostNetworkPods: 'node', enforced: true, endPortSupported: true, serviceIngress: 'source-world',
        userTiers: false,
      };
    case 'azure-npm':
      return {
        name, description: 'Azure NPM: Kubernetes NetworkPolicy only, ipBlock matches pod and node IPs, egress to the own node allowed',
        tiers: [NP_TIER], defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: true,
        loopbackAllowed: true, hostNetworkPods: 'node', enforced: true, endPortSupported: true, serviceIngress: 'bypass',
        userTiers: false,
      };
    case 'none':
      return {
        name, description: 'none: no network policy engine is installed; policies are stored but nothing enforces them',
        tiers: [], defaultAction: 'allow',
        ipblockMatchesPods: true, ipblockMatchesNodes: true, ownNodeIngressAllowed: true, ownNodeEgressAllowed: true,
        loopbackAllowed: true, hostNetworkPods: 'node', enforced: false, endPortSupported: true, serviceIngress: 'client',
        userTiers: false,
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

/** The Calico tier a policy names: its `tier`, `default` for Calico policies without one, undefined otherwise. */
function calicoTierName(p: Pick<NormalizedPolicy, 'source' | 'tier'>): string | undefined {
  return p.tier ?? (CALICO_SOURCES.includes(p.source) ? 'default' : undefined);
}

/** The index of the tier holding policy `p` under `profile` (its dialect and Calico tier), or -1 when ignored. */
export function tierOfPolicy(profile: EngineProfile, p: Pick<NormalizedPolicy, 'source' | 'tier'>): number {
  const name = calicoTierName(p);
  return profile.tiers.findIndex((t) => t.sources.includes(p.source) && (t.calicoTier === undefined || name === undefined || t.calicoTier === name));
}

/**
 * The profile with its tiers completed for a set of policies: with `userTiers`, every Calico tier the policies name
 * that the profile lacks becomes a tier (its order and default action from the policies), and all tiers are sorted
 * by order (nil last), then tier name. Other profiles are returned unchanged.
 */
export function resolveTiers(profile: EngineProfile, policies: readonly NormalizedPolicy[]): EngineProfile {
  if (!profile.userTiers) return profile;
  const known = new Set(profile.tiers.map((t) => t.calicoTier).filter((n): n is string => n !== undefined));
  const extra = new Map<string, TierSpec>();
  for (const p of [...policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!CALICO_SOURCES.includes(p.source)) continue;
    const name = calicoTierName(p) ?? 'default';
    if (known.has(name) || extra.has(name)) continue;
    extra.set(name, calicoUserTier(name, p.tierOrder, p.tierDefaultAction ?? 'deny'));
  }
  if (extra.size === 0) return profile;
  const inf = Number.POSITIVE_INFINITY;
  const tiers = [...profile.tiers, ...extra.values()].sort((a, b) =>
    (a.order ?? inf) - (b.order ?? inf) || ((a.calicoTier ?? a.layer) < (b.calicoTier ?? b.layer) ? -1 : (a.calicoTier ?? a.layer) > (b.calicoTier ?? b.layer) ? 1 : 0));
  return { ...profile, tiers };
}
