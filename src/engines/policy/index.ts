// The policy engine: one evaluator for every engine profile (upstream, calico, cilium, azure-npm).
export { ENFORCING_ENGINES, ENGINE_NAMES, TIER_KINDS, calicoUserTier, engineProfile, isEngineName, resolveTiers, tierOf, tierOfPolicy } from './profile.js';
export type { EngineName, EngineOptions, EngineProfile, HostNetworkMode, ServiceIngressMode, TierKind, TierSpec } from './profile.js';
export type {
  ClassRow, DecisionStep, DirectionVerdict, Endpoint, ExternalAtom, FlowOptions, FlowVerdict, FlowVia, PolicyEngine, StepOutcome,
} from './types.js';
export { endpointLabels } from './view.js';
export { buildPolicyEngine } from './engine.js';
export { naiveAllowed } from './naive.js';
export { matchSelector } from './selector.js';
export { policyLabel, ruleLabel } from './evaluate.js';
export { ENGINE_CHOICE_CODES, chooseEngine, choiceProfile, engineOfNetworkPolicy, ciliumEndPort, kubernetesMinor, type EngineChoice } from './choose.js';
