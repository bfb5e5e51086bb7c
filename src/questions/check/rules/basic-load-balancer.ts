// AKS5003 basic-load-balancer: the Basic load balancer SKU, retired for AKS on 2025-09-30.
import { BASIC_LB_RETIREMENT } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { retirementStatus } from '../retirement.js';

/** AKS clusters with loadBalancerSku basic: error after BASIC_LB_RETIREMENT, warning before it. */
export const basicLoadBalancer: CheckRule = {
  id: 'AKS5003',
  slug: 'basic-load-balancer',
  title: 'Basic load balancer',
  severity: 'error',
  description: `Reports AKS clusters with the Basic load balancer SKU, retired on ${BASIC_LB_RETIREMENT.value}.`,
  rationale: 'AKS no longer supports Basic load balancers; every outbound type needs the Standard SKU.',
  source: `shared/reference/aks-networking.md §1.1 (loadBalancerSku), §10, §19; fact ${BASIC_LB_RETIREMENT.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', loadBalancerSku: 'basic', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'aks1', loadBalancerSku: 'standard', pools: [{ name: 'system' }] }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    const st = retirementStatus(ctx.today, BASIC_LB_RETIREMENT.value);
    return model.clusters
      .filter((c) => c.kind === 'aks' && c.outbound.loadBalancerSku === 'basic')
      .map((c) => finding(this.id, st.severity, c.name, c.origin, `cluster ${c.name} uses the Basic load balancer, which ${st.phrase}`,
        'migrate to the Standard load balancer (az aks update --load-balancer-sku standard on supported versions, or recreate)'));
  },
};
