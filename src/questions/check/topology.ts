// Lookups over the model that rules share: which subnets, VNets and route tables a cluster uses, and the named
// address ranges around it (VNet space, peered space, on-premises ranges).
import { formatCidr, type Cidr } from '../../engines/net/index.js';
import type { Cluster, NodePool, RouteTable, Subnet, VNet } from '../../model/azure.js';
import { MANAGED_VNET_ADDRESS_SPACE } from '../../model/facts.js';
import { nameFromId, type Model } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import { parseCidr } from '../../engines/net/index.js';

/** An address range with what it is, for messages: `label` reads like "subnet vnet/nodes". */
export interface NamedRange {
  readonly label: string;
  readonly cidr: Cidr;
  readonly origin?: Origin;
}

/** Id-keyed views of a model. */
export interface ModelIndex {
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly vnets: ReadonlyMap<string, VNet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
}

const indexes = new WeakMap<Model, ModelIndex>();

/** The id maps of `model` (computed once per model). */
export function indexOf(model: Model): ModelIndex {
  let ix = indexes.get(model);
  if (!ix) {
    ix = {
      subnets: new Map(model.subnets.map((s) => [s.id, s])),
      vnets: new Map(model.vnets.map((v) => [v.id, v])),
      routeTables: new Map(model.routeTables.map((r) => [r.id, r])),
    };
    indexes.set(model, ix);
  }
  return ix;
}

/** `vnet/subnet` as people write it; the VNet name comes from the id when the VNet is not in the model. */
export function subnetLabel(model: Model, s: Subnet): string {
  const v = indexOf(model).vnets.get(s.vnetId);
  return `${v?.name ?? nameFromId(s.vnetId)}/${s.name}`;
}

/** `vnet/subnet` for a subnet id, whether or not the subnet is in the model. */
export function subnetIdLabel(model: Model, id: string): string {
  const s = indexOf(model).subnets.get(id);
  if (s) return subnetLabel(model, s);
  const parts = id.split('/');
  const i = parts.indexOf('virtualnetworks');
  return i >= 0 && parts[i + 3] ? `${parts[i + 1]}/${parts[i + 3]}` : nameFromId(id);
}

/** `cluster/pool`: the resource name of a pool in findings. */
export function poolLabel(c: Cluster, p: NodePool): string {
  return `${c.name}/${p.name}`;
}

/** Distinct node subnet ids of the cluster's pools, sorted (empty for a managed VNet). */
export function nodeSubnetIds(c: Cluster): string[] {
  return [...new Set(c.pools.flatMap((p) => (p.vnetSubnetId ? [p.vnetSubnetId] : [])))].sort();
}

/** Distinct subnet ids the cluster's pools use for nodes or pods, sorted. */
export function clusterSubnetIds(c: Cluster): string[] {
  return [...new Set(c.pools.flatMap((p) => [p.vnetSubnetId, p.podSubnetId].filter((x): x is string => !!x)))].sort();
}

/** Ids of the VNets holding the cluster's node subnets (from the subnet's vnetId, or its id when not modelled). */
export function clusterVnetIds(model: Model, c: Cluster): string[] {
  const ix = indexOf(model);
  const ids = clusterSubnetIds(c).map((id) => ix.subnets.get(id)?.vnetId ?? id.replace(/\/subnets\/[^/]+$/, ''));
  return [...new Set(ids)].sort();
}

/** The cluster's VNet address space as named ranges; a managed VNet has the space AKS creates. */
export function clusterVnetRanges(model: Model, c: Cluster): NamedRange[] {
  if (c.managedVnet) {
    const m = parseCidr(MANAGED_VNET_ADDRESS_SPACE.value);
    return m ? [{ label: `the AKS-managed VNet (${MANAGED_VNET_ADDRESS_SPACE.value})`, cidr: m.cidr, origin: c.origin }] : [];
  }
  const ix = indexOf(model);
  return clusterVnetIds(model, c).flatMap((id) => {
    const v = ix.vnets.get(id);
    return v ? v.addressSpace.map((a) => ({ label: `VNet ${v.name} (${formatCidr(a)})`, cidr: a, origin: v.origin })) : [];
  });
}

/** Address space of every peer of the given VNets (peering's remote space, or the remote VNet's own space). */
export function peeredRanges(model: Model, vnetIds: readonly string[]): NamedRange[] {
  const ix = indexOf(model);
  const out: NamedRange[] = [];
  for (const id of vnetIds) {
    const v = ix.vnets.get(id);
    if (!v) continue;
    for (const p of v.peerings) {
      const remote = p.remoteVnetId ? ix.vnets.get(p.remoteVnetId) : undefined;
      const space = p.remoteAddressSpace.length ? p.remoteAddressSpace : (remote?.addressSpace ?? []);
      for (const a of space) {
        out.push({ label: `peered space ${formatCidr(a)} (peering ${v.name}/${p.name})`, cidr: a, origin: p.origin });
      }
    }
  }
  return out;
}

/** The declared on-premises ranges. */
export function onPremRanges(model: Model): NamedRange[] {
  return model.externalRanges.map((r) => ({ label: `on-premises range ${r.name} (${formatCidr(r.cidr)})`, cidr: r.cidr, origin: r.origin }));
}

/** Every prefix of the given subnets as named ranges. */
export function subnetRanges(model: Model, subnets: readonly Subnet[]): NamedRange[] {
  return subnets.flatMap((s) => s.prefixes.map((p) => ({ label: `subnet ${subnetLabel(model, s)} (${formatCidr(p)})`, cidr: p, origin: s.origin })));
}

/** The subnets of the given VNets that are in the model. */
export function subnetsOfVnets(model: Model, vnetIds: readonly string[]): Subnet[] {
  const set = new Set(vnetIds);
  return model.subnets.filter((s) => set.has(s.vnetId));
}
