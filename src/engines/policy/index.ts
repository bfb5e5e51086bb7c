// The policy engine: one evaluator for every engine profile (upstream, calico, cilium, azure-npm).
export { ENGINE_NAMES, TIER_KINDS, engineProfile, isEngineName, tierOf } from './profile.js';
export type { EngineName, EngineOptions, EngineProfile, HostNetworkMode, TierKind, TierSpec } from './profile.js';
export type { DecisionStep, DirectionVerdict, Endpoint, ExternalAtom, FlowVerdict, PolicyEngine, StepOutcome } from './types.js';
export { buildPolicyEngine } from './engine.js';
export { naiveAllowed } from './naive.js';
export { matchSelector } from './selector.js';
export { policyLabel, ruleLabel } from './evaluate.js';
