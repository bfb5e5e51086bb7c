// AKS2401 lb-pending: a LoadBalancer Service whose frontend Azure can never create, so it stays <pending>.
import { cidrContainsIp, formatCidr, formatIp, IpSet, parseCidr, type Ip } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import {
  LB_INTERNAL_SUBNET_ANNOTATION, LB_IPV4_ANNOTATION, LB_PIP_NAME_ANNOTATION, LB_PIP_PREFIX_ANNOTATION, LB_PIP_SKU_MUST_MATCH,
  NSG_INTERNET_TAG_EXCLUDED,
} from '../../../model/facts.js';
import { ipEquals } from '../../../engines/net/index.js';
import type { PublicIpAddress } from '../../../model/azure.js';
import { deriveNodes } from '../../../derive/nodes.js';
import { clusterNodeSubnet, deriveServices, type DerivedService } from '../../../derive/services.js';
import { finding } from '../finding.js';
import { indexOf, subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

const NOT_PUBLIC = IpSet.fromCidrs(NSG_INTERNET_TAG_EXCLUDED.value.map((c) => parseCidr(c)!.cidr));

/**
 * The public IP resource a public frontend uses — named by LB_PIP_NAME_ANNOTATION, or the one whose address is the
 * Service's fixed address — checked against the cluster's load balancer SKU (LB_PIP_SKU_MUST_MATCH). A named public
 * IP that is not in the input is reported only when the input gives public IPs at all (otherwise nothing is known).
 */
function publicIpReasons(model: Model, d: DerivedService, fixed: Ip | undefined): { message: string; hint: string }[] {
  const lb = d.loadBalancer;
  const c = d.cluster;
  if (!lb || !c) return [];
  const name = d.service.annotations[LB_PIP_NAME_ANNOTATION.value]?.trim();
  let pip: PublicIpAddress | undefined;
  let how = '';
  if (name) {
    pip = model.publicIps.find((p) => p.name.toLowerCase() === name.toLowerCase());
    how = `${LB_PIP_NAME_ANNOTATION.value} names public IP ${name}`;
    if (!pip) {
      return model.publicIps.length === 0 ? [] : [{
        message: `${how}, which is not among the public IPs of the input (${model.publicIps.map((p) => p.name).sort().join(', ')})`,
        hint: 'create the public IP (in the node resource group, or the group of service.beta.kubernetes.io/azure-load-balancer-resource-group) or correct the name',
      }];
    }
  } else if (fixed) {
    pip = model.publicIps.find((p) => p.address !== undefined && ipEquals(p.address, fixed));
    how = `the frontend address ${formatIp(fixed)} belongs to public IP ${pip?.name ?? ''}`;
  }
  if (!pip || !LB_PIP_SKU_MUST_MATCH.value || pip.sku === lb.sku) return [];
  const sku = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);
  return [{
    message: `SKU mismatch: ${how}, a ${sku(pip.sku)} public IP${pip.skuDefaulted ? ' (SKU not given: the tool\'s default)' : ''}, but cluster ${c.name} uses a ${sku(lb.sku)} load balancer`,
    hint: `use a ${sku(lb.sku)} public IP (az network public-ip create --sku ${sku(lb.sku)} --allocation-method Static)`,
  }];
}

/** Why the frontend of one LoadBalancer Service can never be created; empty = it can (as far as the input shows). */
function pendingReasons(model: Model, d: DerivedService): { message: string; hint: string }[] {
  const lb = d.loadBalancer;
  const c = d.cluster;
  if (!lb || !c) return [];
  const out: { message: string; hint: string }[] = [];
  const a = d.service.annotations;
  // The address the Service asks for: the ipv4 annotation, else spec.loadBalancerIP (LB_IP_ANNOTATION_OVER_SPEC).
  const fixed: Ip | undefined = lb.ipSource === 'annotation' || lb.ipSource === 'spec' ? lb.ip : undefined;
  const fixedBy = lb.ipSource === 'spec' ? 'spec.loadBalancerIP' : LB_IPV4_ANNOTATION.value;
  if (lb.scheme === 'public') {
    if (lb.sku === 'basic' && a[LB_PIP_PREFIX_ANNOTATION.value]) {
      out.push({ message: `SKU mismatch: ${LB_PIP_PREFIX_ANNOTATION.value} asks for a frontend IP from a public IP prefix, which only the Standard SKU has, but cluster ${c.name} uses a Basic load balancer`,
        hint: 'move the cluster to the Standard load balancer, or drop the annotation' });
    }
    out.push(...publicIpReasons(model, d, fixed));
    if (fixed && (NOT_PUBLIC.contains(fixed) || model.vnets.some((v) => v.addressSpace.some((s) => cidrContainsIp(s, fixed))))) {
      out.push({ message: `a public frontend cannot take the private address ${formatIp(fixed)} of ${fixedBy}: no public IP resource has it`,
        hint: 'add service.beta.kubernetes.io/azure-load-balancer-internal: "true" for an internal frontend, or give a public IP of the cluster\'s resource group' });
    }
    return out;
  }
  if (lb.subnet && !lb.ip) {
    out.push({ message: `internal frontend: subnet ${subnetLabel(model, lb.subnet)} has no free address left (nodes${c.privateCluster ? ', the API server endpoint' : ''} and other frontends take them all)`,
      hint: `name a subnet with free addresses in ${LB_INTERNAL_SUBNET_ANNOTATION.value}, or give a free address in ${LB_IPV4_ANNOTATION.value}` });
  }
  if (lb.subnet && fixed && !lb.subnet.prefixes.some((p) => cidrContainsIp(p, fixed))) {
    out.push({ message: `internal frontend address ${formatIp(fixed)} (${fixedBy}) is outside its subnet ${subnetLabel(model, lb.subnet)}`,
      hint: `use a free address of ${lb.subnet.prefixes.map(formatCidr).join(', ')}, or name the subnet that holds it in ${LB_INTERNAL_SUBNET_ANNOTATION.value}` });
  }
  const wanted = a[LB_INTERNAL_SUBNET_ANNOTATION.value];
  const nodeSubnet = clusterNodeSubnet(model, c);
  const vnet = nodeSubnet ? indexOf(model).vnets.get(nodeSubnet.vnetId) : undefined;
  if (!lb.subnet && wanted && vnet) {
    out.push({ message: `internal frontend: ${LB_INTERNAL_SUBNET_ANNOTATION.value} names subnet ${wanted}, which VNet ${vnet.name} of cluster ${c.name} does not have`,
      hint: `name one of the VNet's subnets (${model.subnets.filter((s) => s.vnetId === vnet.id).map((s) => s.name).sort().join(', ') || 'none in the input'})` });
  }
  return out;
}

/**
 * For each LoadBalancer Service (run by the cluster Service derivation attributes it to; the message says when that
 * cluster was only assumed, clusterSource 'assumed'): error when its frontend
 * cannot be created — SKU mismatch (a public IP prefix on a Basic load balancer; a public IP, named by annotation or
 * holding the requested address — the ipv4 annotation, else spec.loadBalancerIP — whose SKU is not the load
 * balancer's), a named public IP missing from the input's public
 * IPs, a public frontend given a private address, an internal frontend whose subnet is full, whose fixed address lies
 * outside its subnet, or whose annotated subnet is not in the cluster's VNet.
 */
export const lbPending: CheckRule = {
  id: 'AKS2401',
  slug: 'lb-pending',
  title: 'LoadBalancer Service that will stay <pending>',
  severity: 'error',
  description: 'Realises every LoadBalancer Service as the cloud provider would (Service derivation: frontend subnet, '
    + 'address from the top of the subnet after nodes and the private API server endpoint) and reports those whose '
    + 'frontend Azure cannot create: SKU mismatch (a public IP prefix needs the Standard SKU; the public IP named by '
    + 'service.beta.kubernetes.io/azure-pip-name, or holding the requested address (the azure-load-balancer-ipv4 annotation, '
    + 'else spec.loadBalancerIP), has '
    + 'another SKU than the cluster\'s load balancer), a named public IP the input\'s public IPs do not include, a private address for a '
    + 'public frontend, an internal frontend subnet without a free address, a fixed internal address outside its '
    + 'subnet, or an internal subnet annotation naming a subnet the cluster\'s VNet does not have.',
  rationale: 'cloud-provider-azure retries such a Service forever: `kubectl get svc` shows EXTERNAL-IP <pending> and '
    + 'the reason is only in the Service events. Public IPs are checked only when the input gives them (az network '
    + 'public-ip show, templates, plans); the cluster identity\'s permissions are not in the input, so that cause is not checked.',
  source: 'shared/reference/aks-networking.md §7, §10, §23; shared/reference/peer-tools.md §8.4; facts LB_PIP_PREFIX_ANNOTATION, LB_PIP_NAME_ANNOTATION, LB_PIP_SKU_MUST_MATCH, LB_IPV4_ANNOTATION, LB_IP_ANNOTATION_OVER_SPEC, LB_INTERNAL_SUBNET_ANNOTATION',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }, { name: 'ilb', prefix: '10.1.4.0/29' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      services: [
        { name: 'api', type: 'LoadBalancer', ports: [{ port: 443 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'grpc', type: 'LoadBalancer', ports: [{ port: 50051 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'metrics', type: 'LoadBalancer', ports: [{ port: 9090 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'web', type: 'LoadBalancer', ports: [{ port: 80 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
      ],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22' }, { name: 'ilb', prefix: '10.1.4.0/28' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      services: [
        { name: 'api', type: 'LoadBalancer', ports: [{ port: 443 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'grpc', type: 'LoadBalancer', ports: [{ port: 50051 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'metrics', type: 'LoadBalancer', ports: [{ port: 9090 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
        { name: 'web', type: 'LoadBalancer', ports: [{ port: 80 }], annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb' } },
      ],
    },
  },
  run(model: Model): Finding[] {
    const plan = deriveServices(model, [], deriveNodes(model));
    return plan.services.flatMap((d) => pendingReasons(model, d).map((r) => finding(this.id, 'error', d.key, d.service.origin,
      `LoadBalancer Service ${d.key} will stay <pending>: ${r.message}${d.clusterSource === 'assumed' && d.cluster
        ? ` (cluster ${d.cluster.name} assumed: the input has ${model.clusters.length} clusters and nothing says which runs the Service)` : ''}`, r.hint)));
  },
};
