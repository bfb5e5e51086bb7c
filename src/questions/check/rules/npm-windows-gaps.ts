// AKS3007 npm-windows-gaps: NetworkPolicy features Azure NPM does not implement on Windows nodes.
import { NPM_WINDOWS_UNSUPPORTED } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import type { NormalizedPolicy } from '../../../model/policy.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { hasNegativeSelector, peersOf, policyEngine, portsOf, selectorsOf } from './policy-engine.js';

/** The Windows-unsupported features a policy uses. */
function gaps(p: NormalizedPolicy): string[] {
  const out = new Set<string>();
  for (const r of p.rules) {
    for (const m of portsOf(r)) {
      if (m.kind === 'named') out.add('named ports');
      if (m.protocol === 'SCTP') out.add('SCTP');
    }
    for (const peer of peersOf(r)) if (peer.kind === 'ipblock' && peer.except.length > 0) out.add('ipBlock except');
  }
  if (selectorsOf(p).some(hasNegativeSelector)) out.add('NotIn / DoesNotExist selectors');
  return [...out].sort();
}

/** Azure NPM with Windows pools: one error per NetworkPolicy that uses a feature NPM lacks on Windows. */
export const npmWindowsGaps: CheckRule = {
  id: 'AKS3007',
  slug: 'npm-windows-gaps',
  title: 'NetworkPolicy uses features Azure NPM does not support on Windows',
  severity: 'error',
  description: `With Azure NPM and Windows node pools, reports NetworkPolicies that use ${NPM_WINDOWS_UNSUPPORTED.value.join(', ')}: `
    + 'NPM on Windows does not implement them, so the policy is not applied as written on Windows nodes.',
  rationale: 'The policy is flagged rather than analysed as half-applied: what Windows nodes actually enforce for it is not documented.',
  source: 'shared/reference/policy-semantics.md §9; AKS:use-network-policies; fact NPM_WINDOWS_UNSUPPORTED',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }], policies: [{ name: 'web', port: 'http' }] },
    passing: { clusters: [{ name: 'aks1', policy: 'azure', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }], policies: [{ name: 'web', port: 8080 }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    if (policyEngine(model, ctx).engine !== 'azure-npm') return [];
    const windows = model.clusters.some((c) => c.pools.some((p) => p.osType === 'Windows'));
    if (!windows) return [];
    return model.policies.filter((p) => p.source === 'k8s-networkpolicy').flatMap((p) => {
      const g = gaps(p);
      return g.length === 0 ? [] : [finding(this.id, 'error', p.id, p.origin,
        `${p.id} uses ${g.join(', ')}, which Azure NPM does not support on Windows nodes`,
        'rewrite the policy without them for Windows workloads, or keep those workloads on Linux pools')];
    });
  },
};
