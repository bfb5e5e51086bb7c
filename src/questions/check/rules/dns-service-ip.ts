// AKS2008 dns-service-ip: the cluster DNS service IP is outside the service CIDR or a reserved address of it.
import { cidrContainsIp, cidrFirst, cidrLast, formatCidr, formatIp } from '../../../engines/net/index.js';
import { KUBERNETES_SERVICE_IP_OFFSET } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * Errors: dnsServiceIP in no service CIDR; dnsServiceIP equal to the first address of its service CIDR (the network
 * address + KUBERNETES_SERVICE_IP_OFFSET, e.g. 10.0.0.1, taken by `kubernetes.default.svc`); dnsServiceIP equal to
 * the network address itself (never allocated to a Service). Warning: dnsServiceIP equal to the last (broadcast)
 * address of an IPv4 service CIDR (rejected by aks-engine; AKS does not document it).
 */
export const dnsServiceIp: CheckRule = {
  id: 'AKS2008',
  slug: 'dns-service-ip',
  title: 'DNS service IP outside the service CIDR or on a reserved address',
  severity: 'error',
  description: 'Checks that dnsServiceIP lies inside the service CIDR and is neither its network address, nor its first address (.1), nor its last address.',
  rationale: 'CoreDNS gets this ClusterIP; outside the service range it cannot be allocated, and the first address '
    + 'always belongs to the kubernetes API Service. The broadcast address was rejected by aks-engine.',
  source: 'shared/reference/aks-networking.md §1.1 (dnsServiceIP), §4 rules 5 and 6, §22 item 8; KUBERNETES_SERVICE_IP_OFFSET',
  examples: {
    failing: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.1', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10', pools: [{ name: 'system' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      const ip = c.dnsServiceIp;
      if (!ip || c.serviceCidrs.length === 0) continue;
      const svc = c.serviceCidrs.find((s) => cidrContainsIp(s, ip));
      const what = `dnsServiceIP ${formatIp(ip)} of cluster ${c.name}`;
      if (!svc) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `${what} is not inside the service CIDR ${c.serviceCidrs.map(formatCidr).join(', ')}`,
          'choose an address inside the service CIDR; by convention its .10'));
      } else if (ip.value === cidrFirst(svc) + BigInt(KUBERNETES_SERVICE_IP_OFFSET.value)) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `${what} is the first address of the service CIDR ${formatCidr(svc)}, which the kubernetes API Service (kubernetes.default.svc) takes`,
          'use the .10 address of the service CIDR'));
      } else if (ip.value === cidrFirst(svc)) {
        out.push(finding(this.id, 'error', c.name, c.origin,
          `${what} is the network address of the service CIDR ${formatCidr(svc)}, which is never allocated to a Service`,
          'use the .10 address of the service CIDR'));
      } else if (svc.family === 4 && ip.value === cidrLast(svc)) {
        out.push(finding(this.id, 'warning', c.name, c.origin,
          `${what} is the broadcast address of the service CIDR ${formatCidr(svc)}`,
          'use the .10 address of the service CIDR'));
      }
    }
    return out;
  },
};
