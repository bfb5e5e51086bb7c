// AKS5001 kubenet-retirement: kubenet reaches end of support on 2028-03-31.
import { KUBENET_RETIREMENT } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { retirementStatus } from '../retirement.js';

/** Every kubenet AKS cluster: warning with the days left until KUBENET_RETIREMENT (error once it has passed). */
export const kubenetRetirement: CheckRule = {
  id: 'AKS5001',
  slug: 'kubenet-retirement',
  title: 'kubenet retirement',
  severity: 'warning',
  description: `Reports AKS clusters using kubenet, which retires on ${KUBENET_RETIREMENT.value}, with the time left (from --today).`,
  rationale: 'After retirement kubenet clusters are unsupported and creation is blocked; the migration to Azure CNI '
    + 'Overlay is one-way and reimages the whole cluster, so it needs planning.',
  source: `shared/reference/aks-networking.md §19, §20.1; fact ${KUBENET_RETIREMENT.id} (${KUBENET_RETIREMENT.source})`,
  examples: {
    failing: { clusters: [{ name: 'k1', mode: 'kubenet', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'o1', mode: 'azure-cni-overlay', pools: [{ name: 'system' }] }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    const st = retirementStatus(ctx.today, KUBENET_RETIREMENT.value);
    return model.clusters
      .filter((c) => c.kind === 'aks' && c.networkMode === 'kubenet')
      .map((c) => finding(this.id, st.severity, c.name, c.origin, `cluster ${c.name} uses kubenet, which ${st.phrase}`,
        'migrate to Azure CNI Overlay: az aks update --network-plugin azure --network-plugin-mode overlay (check the prerequisites first)'));
  },
};
