// AKS2005 service-cidr-overlap: the service CIDR overlaps the VNet, subnets, peered or on-premises networks.
import { cidrOverlaps, formatCidr } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import {
  clusterVnetIds, clusterVnetRanges, onPremRanges, peeredRanges, subnetRanges, subnetsOfVnets,
} from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For every cluster: error when a service CIDR overlaps a subnet of the cluster's VNets, the VNet address space,
 * peered space or declared on-premises ranges; warning when it overlaps a subnet of any other VNet of the input
 * (Azure does not know the service range, so such a subnet gets unpredictable routing from the cluster). The pod
 * CIDR × service CIDR pair is reported by AKS2004.
 */
export const serviceCidrOverlap: CheckRule = {
  id: 'AKS2005',
  slug: 'service-cidr-overlap',
  title: 'Service CIDR overlaps the VNet, subnets, peered or on-premises networks',
  severity: 'error',
  description: 'Compares each cluster\'s service CIDR with the subnets and address space of its VNet, the space of '
    + 'peered VNets, declared on-premises ranges and the subnets of every other VNet in the input.',
  rationale: 'Service IPs are answered by kube-proxy / Cilium on every node; a real address in the same range becomes '
    + 'unreachable from pods. AKS requires the service CIDR to be outside the cluster VNet and not to overlap peered '
    + 'VNets, on-premises ranges or any node subnet; a subnet created later in another VNet has the same effect.',
  source: 'shared/reference/aks-networking.md §1.1 (serviceCidr), §4 rules 1 and 3, §23',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] }],
      clusters: [{ name: 'aks1', serviceCidr: '10.0.128.0/20', dnsServiceIp: '10.0.128.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.0.0.0/24' }] }],
      clusters: [{ name: 'aks1', serviceCidr: '172.16.0.0/16', dnsServiceIp: '172.16.0.10', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      const vnetIds = clusterVnetIds(model, c);
      const own = new Set(vnetIds);
      const ownSubnets = subnetRanges(model, subnetsOfVnets(model, vnetIds));
      const hard = [...ownSubnets, ...peeredRanges(model, vnetIds), ...onPremRanges(model)];
      const others = subnetRanges(model, model.subnets.filter((s) => !own.has(s.vnetId)));
      for (const svc of c.serviceCidrs) {
        const where = `service CIDR ${formatCidr(svc)} of cluster ${c.name}`;
        const hits = hard.filter((r) => cidrOverlaps(svc, r.cidr));
        for (const r of hits) {
          out.push(finding(this.id, 'error', c.name, c.origin, `${where} overlaps ${r.label}`,
            'choose a service CIDR used nowhere in the network (e.g. 172.16.0.0/16 when the VNets are in 10.0.0.0/8), and a dnsServiceIP inside it'));
        }
        if (hits.length === 0) {
          for (const r of clusterVnetRanges(model, c)) {
            if (!cidrOverlaps(svc, r.cidr)) continue;
            out.push(finding(this.id, 'error', c.name, c.origin, `${where} overlaps ${r.label}`,
              'the service CIDR must lie outside the cluster VNet address space'));
          }
        }
        for (const r of others) {
          if (!cidrOverlaps(svc, r.cidr)) continue;
          out.push(finding(this.id, 'warning', c.name, c.origin, `${where} overlaps ${r.label}`,
            'pods of this cluster cannot reach that subnet; re-address one of them if they must talk'));
        }
      }
    }
    return out;
  },
};
