// AKS3008 ignored-policies: policies of dialects the cluster's engine does not read (Calico objects on a Cilium
// cluster, Cilium policies under Calico, AdminNetworkPolicy under NPM or Cilium, …).
import { resolveTiers, tierOfPolicy } from '../../../engines/policy/profile.js';
import { choiceProfile } from '../../../engines/policy/choose.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { policyEngine } from './policy-engine.js';

/** One warning per policy its engine ignores (engine none is AKS3004's). */
export const ignoredPolicies: CheckRule = {
  id: 'AKS3008',
  slug: 'ignored-policies',
  title: 'Policy of a kind the cluster\'s engine does not enforce',
  severity: 'warning',
  description: 'Reports every policy whose dialect the chosen engine does not implement: Calico policies outside Calico, '
    + 'Cilium policies outside Cilium, AdminNetworkPolicy and BaselineAdminNetworkPolicy under Azure NPM and Cilium.',
  rationale: 'Such objects are accepted by the API server (if the CRD is installed) but nothing enforces them; they are reported, never dropped silently.',
  source: 'shared/reference/policy-semantics.md §4.5, §6.9, §7.3, §9, §10',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }], policies: [{ name: 'calico-deny', kind: 'CalicoNetworkPolicy' }] },
    passing: { clusters: [{ name: 'aks1', policy: 'calico', pools: [{ name: 'system' }] }], policies: [{ name: 'calico-deny', kind: 'CalicoNetworkPolicy' }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    const choice = policyEngine(model, ctx);
    if (choice.engine === 'none') return [];
    const profile = resolveTiers(choiceProfile(choice), model.policies);
    return model.policies.filter((p) => tierOfPolicy(profile, p) < 0).map((p) => finding(this.id, 'warning', p.id, p.origin,
      `${p.id} is not enforced by the ${choice.engine} engine${choice.from === 'cluster' ? ' the cluster runs' : ''}`,
      'remove it, or translate it into a policy kind this engine implements'));
  },
};
