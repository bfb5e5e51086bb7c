// NSG contexts and attachments read from the model: what VirtualNetwork means for a subnet, and which NSGs a node's
// NIC is behind (the subnet's, and the one AKS manages on node NICs).
import { formatCidr, formatIp, IpSet, parseCidr, type Cidr } from '../net/index.js';
import type { Cluster, Nsg, NsgRule } from '../../model/azure.js';
import { AKS_LB_NSG_RULE_MIN_PRIORITY, AKS_MANAGED_NSG_NAME, AZURE_HOST_VIP, LB_INTERNAL_ANNOTATION } from '../../model/facts.js';
import type { Service } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { effectiveRoutes, overlayPodCidrs, peeringSpace, type EffectiveRoute } from '../routing/index.js';
import { deriveNodes } from '../../derive/nodes.js';
import type { DerivedNode } from '../../derive/types.js';
import { requestedFrontendIp, serviceClusters } from '../../derive/services.js';
import { asgMembership, type AsgMembership } from './asg.js';
import { makeNsgContext, type NsgContext } from './context.js';

const HOST_VIP = parseCidr(AZURE_HOST_VIP.value)!.cidr;

/**
 * The VirtualNetwork tag as seen from a subnet: the VNet's space (the subnet's prefixes when the VNet is not in the
 * input), peered spaces, the external (on-premises) ranges, the host VIP, the prefixes of User routes that lead
 * into the network (VirtualAppliance, VirtualNetworkGateway, VnetLocal) — which is why per-node pod routes make pod
 * CIDRs part of VirtualNetwork with kubenet — and the pod CIDRs of Azure CNI Overlay clusters with a pool in the
 * subnet's VNet. The last is an assumption from AKS behaviour, not from the service-tag documentation: the overlay
 * pod CIDR belongs to the VNet's routing domain, overlay traffic is not encapsulated (subnet NSGs see pod IPs), and
 * AKS documents that only *custom deny rules* make users allow the pod CIDR, i.e. the default AllowVnetInBound /
 * AllowVnetOutBound admit it (shared/reference/aks-networking.md §12.5, AKS:concepts-network-azure-cni-overlay).
 * `routes`: the subnet's effective routes (computed when omitted).
 */
export function virtualNetworkTag(model: Model, subnetId: string, routes?: readonly EffectiveRoute[]): IpSet {
  const subnet = model.subnets.find((s) => s.id === subnetId);
  const vnet = subnet ? model.vnets.find((v) => v.id === subnet.vnetId) : undefined;
  const cidrs: Cidr[] = [HOST_VIP, ...(vnet ? vnet.addressSpace : subnet?.prefixes ?? [])];
  for (const p of vnet?.peerings ?? []) cidrs.push(...peeringSpace(model, p));
  if (subnet) for (const o of overlayPodCidrs(model, subnet.vnetId)) cidrs.push(o.cidr);
  for (const r of model.externalRanges) cidrs.push(r.cidr);
  for (const r of routes ?? effectiveRoutes(model, subnetId)) {
    if (r.source !== 'User' || !r.prefix) continue;
    if (r.nextHopType === 'VirtualAppliance' || r.nextHopType === 'VirtualNetworkGateway' || r.nextHopType === 'VnetLocal') cidrs.push(r.prefix);
  }
  return IpSet.fromCidrs(cidrs);
}

/**
 * The NSG context of a subnet: its VirtualNetwork tag, the service tags the user gave as prefixes, and ASG
 * membership (`asgs`: computed from the model's NICs and node pools when omitted).
 */
export function nsgContextForSubnet(model: Model, subnetId: string, opts: {
  readonly serviceTags?: ReadonlyMap<string, IpSet>;
  readonly routes?: readonly EffectiveRoute[];
  readonly asgs?: AsgMembership;
} = {}): NsgContext {
  const asgs = opts.asgs ?? asgMembership(model);
  return makeNsgContext({
    virtualNetwork: virtualNetworkTag(model, subnetId, opts.routes), serviceTags: opts.serviceTags,
    asgMembers: asgs.members, asgUnknown: asgs.unknown, ...(asgs.inInput.size > 0 ? { asgsInInput: asgs.inInput } : {}),
  });
}

const ALLOWED_TAGS = 'service.beta.kubernetes.io/azure-allowed-service-tags';
const ALLOWED_RANGES = 'service.beta.kubernetes.io/azure-allowed-ip-ranges';

function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Sources AKS allows for one LoadBalancer Service: `loadBalancerSourceRanges`, else the allowed-ranges and
 * allowed-service-tags annotations, else `Internet` for a public LB; an internal LB without any gets no rule.
 */
function serviceSources(svc: Service): string[] {
  if (svc.loadBalancerSourceRanges.length > 0) {
    return svc.loadBalancerSourceRanges.map(formatCidr);
  }
  const fromAnnotations = [...list(svc.annotations[ALLOWED_RANGES]), ...list(svc.annotations[ALLOWED_TAGS])];
  if (fromAnnotations.length > 0) return fromAnnotations;
  return svc.annotations[LB_INTERNAL_ANNOTATION.value] === 'true' ? [] : ['Internet'];
}

/**
 * The NSG AKS manages on the node NICs of an AKS cluster, with the Allow rules cloud-provider-azure adds for
 * LoadBalancer Services: one rule per Service port (TCP/UDP) and source, destination the frontend IP when the
 * `azure-load-balancer-ipv4` annotation or `spec.loadBalancerIP` requests one (derive/services.ts requestedFrontendIp;
 * else `*`: the frontend IP is not known offline), priorities from
 * 500 upward in Service order. Only the Services the cluster runs go into its NSG (derive/services.ts
 * serviceClusters: named by --cluster, where their pods run, the only cluster, else the first). Undefined for
 * self-managed clusters (no managed NSG). `nodes`: the derived nodes (computed from the model when omitted).
 */
export function aksManagedNsg(model: Model, cluster: Cluster, nodes?: readonly DerivedNode[]): Nsg | undefined {
  if (cluster.kind !== 'aks') return undefined;
  const m = /^(\/subscriptions\/[^/]+)\/resourcegroups\/([^/]+)\//.exec(cluster.id);
  const sub = m?.[1] ?? '/subscriptions/00000000-0000-0000-0000-000000000000';
  const rg = m?.[2] ?? 'rg';
  const id = `${sub}/resourcegroups/mc_${rg}_${cluster.name}/providers/microsoft.network/networksecuritygroups/${AKS_MANAGED_NSG_NAME.value}`.toLowerCase();
  const rules: NsgRule[] = [];
  let priority = AKS_LB_NSG_RULE_MIN_PRIORITY.value;
  const members = serviceClusters(model, nodes ?? deriveNodes(model)).byKey;
  for (const svc of model.services) {
    if (svc.type !== 'LoadBalancer' || members.get(`${svc.namespace}/${svc.name}`)?.cluster?.id !== cluster.id) continue;
    const requested = requestedFrontendIp(svc)?.ip;
    const dst = requested ? formatIp(requested) : '*';
    for (const port of svc.ports) {
      if (port.protocol === 'SCTP') continue;
      for (const src of serviceSources(svc)) {
        rules.push({
          name: `a-${svc.namespace}-${svc.name}-${port.protocol}-${port.port}-${src.replace(/\//g, '_')}`,
          priority: priority++, direction: 'Inbound', access: 'Allow', protocol: port.protocol === 'TCP' ? 'Tcp' : 'Udp',
          sourceAddresses: [src], sourcePorts: ['*'], destinationAddresses: [dst], destinationPorts: [String(port.port)],
          sourceAsgIds: [], destinationAsgIds: [],
          origin: { ...svc.origin, kind: 'Service (AKS-managed NSG rule)', name: `${svc.namespace}/${svc.name}` },
        });
      }
    }
  }
  return { id, name: AKS_MANAGED_NSG_NAME.value, origin: { ...cluster.origin, kind: 'AKS-managed NSG', name: AKS_MANAGED_NSG_NAME.value }, rules };
}
