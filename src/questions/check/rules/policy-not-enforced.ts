// AKS3004 policy-not-enforced: network policies in the input, but the cluster runs no policy engine.
import type { Model } from '../../../model/model.js';
import { finding, plural } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { policyEngine } from './policy-engine.js';

/** One warning per cluster with networkPolicy none (or --engine none) when the input holds policies. */
export const policyNotEnforced: CheckRule = {
  id: 'AKS3004',
  slug: 'policy-not-enforced',
  title: 'Network policies exist but no engine enforces them',
  severity: 'warning',
  description: 'Warns when the input holds NetworkPolicies (or Calico / Cilium / admin policies) and the cluster has '
    + 'networkPolicy none (or --engine none): nothing enforces them, every connection is allowed.',
  rationale: 'With networkPolicy none the API server stores policies but no agent programs them, so "network policy not '
    + 'working" is the expected outcome; during an engine migration this is the window with no enforcement.',
  source: 'shared/reference/policy-semantics.md §1.1 ("enforced only if the network plugin implements them"); AKS:use-network-policies',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'none', pools: [{ name: 'system' }] }], policies: [{ name: 'deny-egress' }] },
    passing: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }] }], policies: [{ name: 'deny-egress' }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    if (model.policies.length === 0 || policyEngine(model, ctx).engine !== 'none') return [];
    const n = plural(model.policies.length, 'network policy').replace('policys', 'policies');
    const hint = 'enable an engine (az aks update --network-policy azure|cilium|calico) or remove the policies; pass --engine to see what they would do';
    if (model.clusters.length === 0) {
      const p = model.policies[0];
      return [finding(this.id, 'warning', p.id, p.origin, `--engine none: ${n} in the input, none of them enforced`, hint)];
    }
    return model.clusters.map((c) => finding(this.id, 'warning', c.name, c.origin,
      `cluster ${c.name} has networkPolicy none but the input holds ${n}: nothing enforces them, every connection is allowed`, hint));
  },
};
