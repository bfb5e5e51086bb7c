// A subnet's effective routes: Azure's system routes, gateway routes, the route table's UDRs and the routes the
// control plane derives (per-node pod routes, overlay pod CIDRs), each marked Active or Invalid.
import { cidrContains, cidrEquals, formatCidr, parseCidr, type Cidr } from '../net/index.js';
import type { Cluster, Subnet, VNet } from '../../model/azure.js';
import { SYSTEM_ROUTES_DEFAULT } from '../../model/facts.js';
import type { Model } from '../../model/model.js';
import { clusterRouteTableId, usesNodeRoutes } from '../../derive/demand.js';
import { deriveNodes } from '../../derive/nodes.js';
import type { DerivedNode } from '../../derive/types.js';
import type { EffectiveRoute, RouteSource } from './types.js';

type Draft = Omit<EffectiveRoute, 'state'>;

/** The address space of a peering: as the peering reports it, else the remote VNet's when that VNet is in the model. */
export function peeringSpace(model: Model, p: VNet['peerings'][number]): readonly Cidr[] {
  if (p.remoteAddressSpace.length > 0) return p.remoteAddressSpace;
  const remote = p.remoteVnetId ? model.vnets.find((v) => v.id === p.remoteVnetId) : undefined;
  return remote?.addressSpace ?? [];
}

/**
 * System routes of a VNet: each address range → VnetLocal; each peered range → VNetPeering; 0.0.0.0/0 → Internet;
 * the private ranges → None unless a VNet or peered range equals or contains them; ::/0 → Internet when the VNet has
 * IPv6 space. `space` stands in for the VNet's ranges when the VNet is not in the input (the subnet's prefixes).
 */
export function systemRoutes(model: Model, vnet: VNet | undefined, space: readonly Cidr[]): Draft[] {
  const out: Draft[] = [];
  const local = vnet ? vnet.addressSpace : space;
  const vnetName = vnet?.name ?? '(VNet not in the input)';
  for (const c of local) {
    out.push({ source: 'Default', name: '', addressPrefix: formatCidr(c), prefix: c, nextHopType: 'VnetLocal',
      description: `address space of VNet ${vnetName}` });
  }
  const peered: Cidr[] = [];
  for (const p of vnet?.peerings ?? []) {
    for (const c of peeringSpace(model, p)) {
      peered.push(c);
      out.push({ source: 'Default', name: '', addressPrefix: formatCidr(c), prefix: c, nextHopType: 'VNetPeering',
        description: `peering ${p.name}` });
    }
  }
  const covering = [...local, ...peered];
  const hasV6 = local.some((c) => c.family === 6);
  for (const d of SYSTEM_ROUTES_DEFAULT.value) {
    const c = parseCidr(d.prefix)!.cidr;
    if (c.family === 6 && !hasV6) continue;
    if (d.nextHopType === 'None' && covering.some((v) => cidrContains(v, c))) continue;
    out.push({ source: 'Default', name: '', addressPrefix: d.prefix, prefix: c, nextHopType: d.nextHopType,
      description: d.nextHopType === 'None' ? 'private range not in the VNet: dropped' : 'default route to the Internet' });
  }
  return out;
}

/** Routes a gateway would learn: the model's external (on-premises) ranges, unless BGP propagation is disabled. */
function gatewayRoutes(model: Model, propagationDisabled: boolean): Draft[] {
  if (propagationDisabled) return [];
  return model.externalRanges.map((r) => ({
    source: 'VirtualNetworkGateway' as const, name: '', addressPrefix: formatCidr(r.cidr), prefix: r.cidr,
    nextHopType: 'VirtualNetworkGateway' as const, description: `external range ${r.name} (learned from the gateway)`, origin: r.origin,
  }));
}

/**
 * The pod CIDRs of the Azure CNI Overlay clusters with a node pool in VNet `vnetId`, with their cluster: the overlay
 * fabric routes them inside that VNet (AKS:concepts-network-azure-cni-overlay). Empty = no overlay cluster there.
 */
export function overlayPodCidrs(model: Model, vnetId: string): { readonly cluster: Cluster; readonly cidr: Cidr }[] {
  const out: { cluster: Cluster; cidr: Cidr }[] = [];
  const subnetVnet = new Map(model.subnets.map((s) => [s.id, s.vnetId]));
  for (const c of model.clusters) {
    if (c.networkMode !== 'azure-cni-overlay') continue;
    if (!c.pools.some((p) => p.vnetSubnetId !== undefined && subnetVnet.get(p.vnetSubnetId) === vnetId)) continue;
    for (const pc of c.podCidrs) out.push({ cluster: c, cidr: pc });
  }
  return out;
}

/** Pod CIDRs of Azure CNI Overlay clusters with a pool in this VNet: the overlay fabric routes them inside the VNet. */
function overlayRoutes(model: Model, vnetId: string): Draft[] {
  return overlayPodCidrs(model, vnetId).map(({ cluster: c, cidr: pc }) => ({
    source: 'Default' as const, name: '', addressPrefix: formatCidr(pc), prefix: pc, nextHopType: 'VnetLocal' as const, derived: 'overlay' as const,
    description: `pod CIDR of overlay cluster ${c.name} (routed by the overlay fabric; not shown in Azure's effective routes)`,
  }));
}

/** The UDRs of the subnet's route table, plus the per-node pod routes the cloud provider writes into that table. */
function userRoutes(model: Model, subnet: Subnet, nodes: readonly DerivedNode[]): Draft[] {
  const rtId = subnet.routeTableId;
  if (!rtId) return [];
  const rt = model.routeTables.find((r) => r.id === rtId);
  const out: Draft[] = (rt?.routes ?? []).map((r) => ({
    source: 'User' as const, name: r.name, addressPrefix: r.addressPrefix, ...(r.cidr ? { prefix: r.cidr } : {}),
    nextHopType: r.nextHopType, ...(r.nextHopIp ? { nextHopIp: r.nextHopIp } : {}), routeTableId: rtId,
    description: r.cidr ? `route table ${rt?.name ?? rtId}` : `route table ${rt?.name ?? rtId} (service tag prefix, not resolved offline)`,
    origin: r.origin,
  }));
  const names = new Set(out.map((r) => r.name.toLowerCase()));
  for (const c of model.clusters) {
    if (!usesNodeRoutes(c) || clusterRouteTableId(c, model) !== rtId) continue;
    for (const n of nodes) {
      if (n.clusterId !== c.id || !n.podCidr || !n.ip) continue;
      const pc = n.podCidr;
      if (names.has(n.name.toLowerCase()) || out.some((r) => r.prefix && cidrEquals(r.prefix, pc))) continue;
      out.push({ source: 'User', name: n.name, addressPrefix: formatCidr(pc), prefix: pc, nextHopType: 'VirtualAppliance', nextHopIp: n.ip,
        routeTableId: rtId, derived: 'node-route', description: `pod CIDR of node ${n.name} (written by the cloud provider of ${c.name})` });
    }
  }
  return out;
}

function sameRoutePrefix(a: Draft, b: Draft): boolean {
  return a.prefix !== undefined && b.prefix !== undefined && cidrEquals(a.prefix, b.prefix);
}

/**
 * The effective routes of a subnet, sorted by prefix (IPv4 first, then address, then length) and source. A system
 * route is Invalid when a User or gateway route has the same prefix; a gateway route is Invalid under a User route of
 * the same prefix (VNet and peering routes are never overridden by gateway routes); the None route of a private range
 * is Invalid when an overlay cluster's pod CIDR is that very range. Unknown subnet: empty.
 * `nodes`: the derived nodes (computed from the model when omitted).
 */
export function effectiveRoutes(model: Model, subnetId: string, nodes?: readonly DerivedNode[]): EffectiveRoute[] {
  const subnet = model.subnets.find((s) => s.id === subnetId);
  if (!subnet) return [];
  const vnet = model.vnets.find((v) => v.id === subnet.vnetId);
  const rt = subnet.routeTableId ? model.routeTables.find((r) => r.id === subnet.routeTableId) : undefined;
  const drafts: Draft[] = [
    ...systemRoutes(model, vnet, subnet.prefixes),
    ...overlayRoutes(model, subnet.vnetId),
    ...gatewayRoutes(model, rt?.disableBgpRoutePropagation ?? false),
    ...userRoutes(model, subnet, nodes ?? deriveNodes(model)),
  ];
  const rank: Readonly<Record<RouteSource, number>> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };
  const routes: EffectiveRoute[] = drafts.map((d) => {
    const overridden = drafts.some((o) => o !== d && sameRoutePrefix(o, d) && ((rank[o.source] < rank[d.source] &&
      !(o.source === 'VirtualNetworkGateway' && d.source === 'Default' && (d.nextHopType === 'VnetLocal' || d.nextHopType === 'VNetPeering')))
      // An overlay pod CIDR equal to a private range (192.168.0.0/16 is common) is routed by the overlay fabric: the
      // None route of that range does not drop it.
      || (o.derived === 'overlay' && d.source === 'Default' && d.nextHopType === 'None')));
    return { ...d, state: overridden ? 'Invalid' : 'Active' };
  });
  return routes.sort(compareRoutes);
}

/** Order of effective routes in answers: by prefix (family, address, length; tag prefixes last), source, name. */
export function compareRoutes(a: EffectiveRoute, b: EffectiveRoute): number {
  if (a.prefix && b.prefix) {
    if (a.prefix.family !== b.prefix.family) return a.prefix.family - b.prefix.family;
    if (a.prefix.base !== b.prefix.base) return a.prefix.base < b.prefix.base ? -1 : 1;
    if (a.prefix.prefix !== b.prefix.prefix) return a.prefix.prefix - b.prefix.prefix;
  } else if (a.prefix || b.prefix) return a.prefix ? -1 : 1;
  else if (a.addressPrefix !== b.addressPrefix) return a.addressPrefix < b.addressPrefix ? -1 : 1;
  const order: Readonly<Record<RouteSource, number>> = { Default: 0, VirtualNetworkGateway: 1, User: 2 };
  if (a.source !== b.source) return order[a.source] - order[b.source];
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
