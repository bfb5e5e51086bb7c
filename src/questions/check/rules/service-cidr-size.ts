// AKS2007 service-cidr-size: the service CIDR is larger than Kubernetes / AKS accept.
import { formatCidr } from '../../../engines/net/index.js';
import { SERVICE_CIDR_MIN_PREFIX, SERVICE_CIDR_V6_MIN_PREFIX } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * AKS: an IPv4 service CIDR must be smaller than /12 (prefix length > 12); self-managed Kubernetes accepts /12 itself
 * (prefix length ≥ 12). IPv6 service CIDRs must be /108 or smaller (prefix length ≥ 108).
 */
export const serviceCidrSize: CheckRule = {
  id: 'AKS2007',
  slug: 'service-cidr-size',
  title: 'Service CIDR too large',
  severity: 'error',
  description: `Checks that an IPv4 service CIDR has a prefix longer than /${SERVICE_CIDR_MIN_PREFIX.value} on AKS (at `
    + `least /${SERVICE_CIDR_MIN_PREFIX.value} for self-managed clusters) and an IPv6 one at least /${SERVICE_CIDR_V6_MIN_PREFIX.value}.`,
  rationale: 'The API server allocates service IPs from a bitmap of fixed maximum size; AKS rejects larger ranges at '
    + 'creation and kube-apiserver refuses to start with them.',
  source: `shared/reference/aks-networking.md §1.1 (dual-stack), §4 rules 2 and 7; facts ${SERVICE_CIDR_MIN_PREFIX.id}, ${SERVICE_CIDR_V6_MIN_PREFIX.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/12', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', pools: [{ name: 'system' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      for (const s of c.serviceCidrs) {
        const v4 = s.family === 4;
        const min = v4 ? SERVICE_CIDR_MIN_PREFIX.value : SERVICE_CIDR_V6_MIN_PREFIX.value;
        const strict = v4 && c.kind === 'aks';
        const tooBig = strict ? s.prefix <= min : s.prefix < min;
        if (!tooBig) continue;
        const limit = strict ? `smaller than /${min}` : `/${min} or smaller`;
        out.push(finding(this.id, 'error', c.name, c.origin,
          `service CIDR ${formatCidr(s)} of cluster ${c.name} is too large: it must be ${limit}`,
          `use at most a /${strict ? min + 1 : min} (a /16 holds 65,536 services)`));
      }
    }
    return out;
  },
};
