// What each address range (and each per-node budget) a cluster consumes needs: the rule AKS applies when it
// pre-allocates (shared/reference/aks-networking.md §8.3), summed over every cluster and pool sharing the range.
import { cidrSize, formatCidr, type Cidr } from '../engines/net/index.js';
import type { Cluster, NodePool, Outbound, RouteTable, Subnet } from '../model/azure.js';
import {
  AZURE_SUBNET_RESERVED_IPS, DEFAULT_SNAT_PORTS_TABLE, MANAGED_VNET_SUBNET, OVERLAY_IPS_PER_NODE, POD_SUBNET_BATCH,
  ROUTE_TABLE_MAX_ROUTES, SNAT_PORTS_PER_LB_IP, STATIC_BLOCK_SIZE,
} from '../model/facts.js';
import type { Model } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import { poolScale, wholeNonNegative, type PoolScale } from './scale.js';
import { compareText } from '../model/compare.js';

/** What a range is. Units of `available`/`required*` follow from it (see RangeDemand). */
export type RangeKind = 'node-subnet' | 'pod-subnet' | 'pod-cidr' | 'route-table' | 'snat-ports';
/** Every kind in report order. */
export const RANGE_KINDS: readonly RangeKind[] = ['node-subnet', 'pod-subnet', 'pod-cidr', 'route-table', 'snat-ports'];

/** One cluster pool's share of a range: `nodes` (at max scale plus surge) × `perNode` units = `total`. */
export interface RangeContribution {
  /** Cluster name as written. */
  readonly cluster: string;
  /** Pool name. */
  readonly pool: string;
  /** Nodes counted: the pool's maximum (maxCount with autoscaling, else count) plus its upgrade surge. */
  readonly nodes: number;
  /** Units each node takes (addresses, /N blocks, routes or SNAT ports). */
  readonly perNode: number;
  /** nodes × perNode. */
  readonly total: number;
  /** (added) The cluster's id (names can repeat across resource groups). */
  readonly clusterId?: string;
}

/**
 * One address range a cluster consumes and what it needs (aks-networking.md §8.3 "Model for aksnet").
 * Units: addresses for subnets and the overlay pod CIDR; node-CIDR blocks (normally /24) for a kubenet or
 * self-managed pod CIDR; routes for a route table; SNAT ports for the load balancer's outbound budget.
 */
export interface RangeDemand {
  readonly kind: RangeKind;
  /** Subnet id (lower-cased ARM id; a synthetic `<cluster id>/managed-vnet/subnets/aks-subnet` for the VNet AKS
   *  creates), or 'networkProfile.podCIDR', or route table id (synthetic `<cluster id>/managed-route-table` when AKS
   *  creates it), or `<cluster id>/outbound` for SNAT ports. */
  readonly id: string;
  /** Subnet name / 'networkProfile.podCIDR' / route table name / 'outbound SNAT ports'. */
  readonly name: string;
  /** CIDR text when it is an address range; absent for route tables, SNAT budgets and subnets not in the input. */
  readonly prefix?: string;
  /** Usable units (addresses after Azure's 5 reserved; /24 blocks for kubenet pod CIDR; routes left after the
   *  user-defined ones; SNAT ports). `Infinity` when the size is unknown (a subnet the input names but does not
   *  describe): such a range never runs out in aksnet's arithmetic. */
  readonly available: number;
  /** Units needed at current counts, no upgrade. */
  readonly requiredNow: number;
  /** Units needed at configured max scale (maxCount with autoscaling) during an upgrade (surge included). */
  readonly requiredMax: number;
  /** Every pool using the range, sorted by cluster then pool. */
  readonly contributions: readonly RangeContribution[];
  readonly origin?: Origin;
  /** (added) Units in the range before reservations: 2^(32−p) for subnets, 400 for a route table. Absent = unknown. */
  readonly capacity?: number;
  /** (added) Units not available to nodes: 5 per Azure subnet, the user-defined routes of a route table, 0 else. */
  readonly reserved?: number;
  /** (added) The cluster id for ranges that belong to one cluster (pod CIDR, SNAT budget); absent for Azure objects
   *  that clusters may share (subnets, route tables). */
  readonly clusterId?: string;
}

/** How a range is consumed by one pool, before node counts are applied. */
interface RangeUse {
  readonly key: string;
  readonly kind: RangeKind;
  readonly id: string;
  readonly name: string;
  readonly prefix?: string;
  readonly capacity: number;
  readonly reserved: number;
  readonly perNode: number;
  readonly origin?: Origin;
  readonly clusterId?: string;
}

/** Index of the model's Azure objects by id. */
interface ModelIndex {
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
}

function indexModel(model: Model): ModelIndex {
  return {
    subnets: new Map(model.subnets.map((s) => [s.id, s])),
    routeTables: new Map(model.routeTables.map((r) => [r.id, r])),
  };
}

/** The IPv4 prefix of a subnet that AKS sizes against (the first IPv4 one); undefined when it has none. */
export function subnetIpv4Prefix(subnet: Subnet): Cidr | undefined {
  return subnet.prefixes.find((c) => c.family === 4);
}

/** The synthetic id of the subnet AKS creates in its managed VNet for a cluster. */
export function managedSubnetId(clusterId: string): string {
  return `${clusterId}/managed-vnet/subnets/aks-subnet`;
}

/** The synthetic id of the route table AKS creates for a kubenet cluster that has none. */
export function managedRouteTableId(clusterId: string): string {
  return `${clusterId}/managed-route-table`;
}

/** A subnet range use: known subnet, unknown subnet (Infinity) or the managed VNet's subnet. */
function subnetUse(kind: 'node-subnet' | 'pod-subnet', subnetId: string | undefined, cluster: Cluster,
  idx: ModelIndex, perNode: number): RangeUse {
  const reserved = AZURE_SUBNET_RESERVED_IPS.value;
  if (subnetId === undefined) {
    const prefix = Number(MANAGED_VNET_SUBNET.value.split('/')[1]);
    const id = managedSubnetId(cluster.id);
    return { key: id, kind, id, name: 'aks-subnet', prefix: MANAGED_VNET_SUBNET.value, capacity: 2 ** (32 - prefix),
      reserved, perNode, origin: cluster.origin };
  }
  const subnet = idx.subnets.get(subnetId);
  const v4 = subnet ? subnetIpv4Prefix(subnet) : undefined;
  const name = subnet?.name ?? nameOf(subnetId);
  if (!subnet || !v4) {
    return { key: subnetId, kind, id: subnetId, name, capacity: Infinity, reserved, perNode, origin: subnet?.origin };
  }
  return { key: subnetId, kind, id: subnetId, name, prefix: formatCidr(v4), capacity: Number(cidrSize(v4)), reserved,
    perNode, origin: subnet.origin };
}

function nameOf(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

/** How a pool's pods take addresses: flat from the node subnet, from a pod subnet, or from an overlay/pod CIDR. */
type PoolIpam = 'flat' | 'pod-subnet-dynamic' | 'pod-subnet-static' | 'node-ip-only';

/** The IPAM a pool of `cluster` uses (a pool with a pod subnet uses it in either Azure CNI mode). */
export function poolIpam(cluster: Cluster, pool: NodePool): PoolIpam {
  switch (cluster.networkMode) {
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
      if (pool.podSubnetId === undefined) return 'flat';
      return pool.podIpAllocation === 'StaticBlock' ? 'pod-subnet-static' : 'pod-subnet-dynamic';
    case 'kubenet':
    case 'azure-cni-overlay':
    case 'byo-cni':
    case 'self-managed':
      return 'node-ip-only';
    default: {
      const never: never = cluster.networkMode;
      return never;
    }
  }
}

/** Pod-subnet addresses a node takes: 16 (first dynamic batch) or 16 × ceil((maxPods + 1) / 16) (static blocks). */
export function podSubnetPerNode(ipam: 'pod-subnet-dynamic' | 'pod-subnet-static', maxPods: number): number {
  if (ipam === 'pod-subnet-dynamic') return POD_SUBNET_BATCH.value;
  const block = STATIC_BLOCK_SIZE.value;
  return block * Math.ceil((wholeNonNegative(maxPods) + 1) / block);
}

/** The cluster's IPv4 pod CIDR, if it has one. */
function podCidrV4(cluster: Cluster): Cidr | undefined {
  return cluster.podCidrs.find((c) => c.family === 4);
}

/** Whether the cluster's nodes each get a route in a route table (kubenet; self-managed with cloud routes). */
export function usesNodeRoutes(cluster: Cluster): boolean {
  switch (cluster.networkMode) {
    case 'kubenet':
      return true;
    case 'self-managed':
      return cluster.routeTableId !== undefined || cluster.selfManagedCni === 'calico-policy-only';
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
    case 'azure-cni-overlay':
    case 'byo-cni':
      return false;
    default: {
      const never: never = cluster.networkMode;
      return never;
    }
  }
}

/** The route table carrying a cluster's node routes: its own, else the one on a pool's node subnet. */
export function clusterRouteTableId(cluster: Cluster, model: Model): string | undefined {
  if (cluster.routeTableId) return cluster.routeTableId;
  for (const pool of cluster.pools) {
    const s = pool.vnetSubnetId ? model.subnets.find((x) => x.id === pool.vnetSubnetId) : undefined;
    if (s?.routeTableId) return s.routeTableId;
  }
  return undefined;
}

/** Every range one pool of `cluster` consumes, with units per node (SNAT is per cluster, handled apart). */
function poolUses(model: Model, idx: ModelIndex, cluster: Cluster, pool: NodePool): RangeUse[] {
  const uses: RangeUse[] = [];
  const maxPods = wholeNonNegative(pool.maxPods);
  const ipam = poolIpam(cluster, pool);
  switch (ipam) {
    case 'flat':
      uses.push(subnetUse('node-subnet', pool.vnetSubnetId, cluster, idx, maxPods + 1));
      break;
    case 'pod-subnet-dynamic':
    case 'pod-subnet-static':
      uses.push(subnetUse('node-subnet', pool.vnetSubnetId, cluster, idx, 1));
      uses.push(subnetUse('pod-subnet', pool.podSubnetId, cluster, idx, podSubnetPerNode(ipam, maxPods)));
      break;
    case 'node-ip-only':
      uses.push(subnetUse('node-subnet', pool.vnetSubnetId, cluster, idx, 1));
      break;
    default: {
      const never: never = ipam;
      return never;
    }
  }
  const pod = podCidrV4(cluster);
  const podKey = `${cluster.id}#networkProfile.podCIDR`;
  const podBase = { key: podKey, kind: 'pod-cidr' as const, id: 'networkProfile.podCIDR', name: 'networkProfile.podCIDR',
    origin: cluster.origin, clusterId: cluster.id, reserved: 0 };
  if (pod) {
    switch (cluster.networkMode) {
      case 'azure-cni-overlay':
        // Overlay: addresses, one /24 (256) per node, nothing reserved (AKS-Construction#701 arithmetic).
        uses.push({ ...podBase, prefix: formatCidr(pod), capacity: Number(cidrSize(pod)), perNode: OVERLAY_IPS_PER_NODE.value });
        break;
      case 'kubenet':
      case 'self-managed': {
        // Node CIDR blocks: 2^(mask − p) blocks of the per-node mask.
        const mask = cluster.nodeCidrMaskSize;
        const blocks = Number.isInteger(mask) && mask >= pod.prefix && mask <= 32 ? 2 ** (mask - pod.prefix) : 0;
        uses.push({ ...podBase, prefix: formatCidr(pod), capacity: blocks, perNode: 1 });
        break;
      }
      case 'azure-cni-node-subnet':
      case 'azure-cni-pod-subnet':
      case 'byo-cni':
        break;
      default: {
        const never: never = cluster.networkMode;
        return never;
      }
    }
  }
  if (usesNodeRoutes(cluster)) {
    const rtId = clusterRouteTableId(cluster, model);
    const rt = rtId ? idx.routeTables.get(rtId) : undefined;
    const id = rtId ?? managedRouteTableId(cluster.id);
    uses.push({ key: id, kind: 'route-table', id, name: rt?.name ?? (rtId ? nameOf(rtId) : 'aks-agentpool-routetable'),
      capacity: ROUTE_TABLE_MAX_ROUTES.value, reserved: rt?.routes.length ?? 0, perNode: 1, origin: rt?.origin ?? cluster.origin });
  }
  return uses;
}

/**
 * SNAT ports per node Azure allocates automatically to a backend pool of `nodes` VMs when allocatedOutboundPorts
 * is 0 (AZ:load-balancer/load-balancer-outbound-connections). Beyond the table's last row (1,000 VMs) the last
 * row's value is used.
 */
export function defaultSnatPorts(nodes: number): number {
  const table = DEFAULT_SNAT_PORTS_TABLE.value;
  for (const [maxPool, ports] of table) if (nodes <= maxPool) return ports;
  return table[table.length - 1][1];
}

/** SNAT ports per node for an outbound profile at `nodes` nodes: the explicit allocation, else the default table. */
export function snatPortsPerNode(outbound: Outbound, nodes: number): number {
  const explicit = wholeNonNegative(outbound.allocatedOutboundPorts);
  return explicit > 0 ? explicit : defaultSnatPorts(nodes);
}

/** Whether the cluster's outbound uses load-balancer SNAT with per-node pre-allocated ports. */
export function usesLbSnat(cluster: Cluster): boolean {
  return cluster.kind === 'aks' && cluster.outbound.type === 'loadBalancer';
}

/** Pool scale for each (cluster, pool): `poolScale` unless a what-if overrides it. */
export type ScaleOf = (cluster: Cluster, pool: NodePool) => PoolScale;

interface Acc {
  use: RangeUse;
  now: number;
  max: number;
  contributions: RangeContribution[];
}

const KIND_ORDER: Readonly<Record<RangeKind, number>> = {
  'node-subnet': 0, 'pod-subnet': 1, 'pod-cidr': 2, 'route-table': 3, 'snat-ports': 4,
};

/**
 * Like rangeDemands, with the node counts of every pool taken from `scaleOf` (a what-if: `aksnet plan` grows one
 * pool to find the largest node count that fits).
 */
export function rangeDemandsWith(model: Model, scaleOf: ScaleOf): RangeDemand[] {
  const idx = indexModel(model);
  const acc = new Map<string, Acc>();
  for (const cluster of model.clusters) {
    let nowTotal = 0;
    let maxTotal = 0;
    const snatParts: { pool: string; nodes: number }[] = [];
    for (const pool of cluster.pools) {
      const sc = scaleOf(cluster, pool);
      const nodesMax = sc.nodesMax + sc.surge;
      nowTotal += sc.nodesNow;
      maxTotal += nodesMax;
      snatParts.push({ pool: pool.name, nodes: nodesMax });
      for (const use of poolUses(model, idx, cluster, pool)) {
        let a = acc.get(use.key);
        if (!a) {
          a = { use, now: 0, max: 0, contributions: [] };
          acc.set(use.key, a);
        }
        a.now += sc.nodesNow * use.perNode;
        a.max += nodesMax * use.perNode;
        a.contributions.push({ cluster: cluster.name, pool: pool.name, nodes: nodesMax, perNode: use.perNode,
          total: nodesMax * use.perNode, clusterId: cluster.id });
      }
    }
    if (usesLbSnat(cluster)) {
      const perNodeMax = snatPortsPerNode(cluster.outbound, maxTotal);
      const id = `${cluster.id}/outbound`;
      const use: RangeUse = { key: id, kind: 'snat-ports', id, name: 'outbound SNAT ports',
        capacity: wholeNonNegative(cluster.outbound.outboundIps) * SNAT_PORTS_PER_LB_IP.value, reserved: 0,
        perNode: perNodeMax, origin: cluster.origin, clusterId: cluster.id };
      acc.set(id, {
        use,
        now: nowTotal * snatPortsPerNode(cluster.outbound, nowTotal),
        max: maxTotal * perNodeMax,
        contributions: snatParts.map((p) => ({ cluster: cluster.name, pool: p.pool, nodes: p.nodes, perNode: perNodeMax,
          total: p.nodes * perNodeMax, clusterId: cluster.id })),
      });
    }
  }
  const out: RangeDemand[] = [];
  for (const a of acc.values()) {
    const u = a.use;
    const available = u.capacity === Infinity ? Infinity : Math.max(0, u.capacity - u.reserved);
    out.push({
      kind: u.kind, id: u.id, name: u.name, ...(u.prefix !== undefined ? { prefix: u.prefix } : {}),
      available, requiredNow: a.now, requiredMax: a.max,
      contributions: [...a.contributions].sort((x, y) => compareText(x.cluster, y.cluster) || compareText(x.pool, y.pool)),
      ...(u.origin ? { origin: u.origin } : {}),
      ...(u.capacity !== Infinity ? { capacity: u.capacity } : {}),
      reserved: u.reserved,
      ...(u.clusterId ? { clusterId: u.clusterId } : {}),
    });
  }
  return out.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || compareText(x.name, y.name) ||
    compareText(x.id, y.id) || compareText(x.clusterId ?? '', y.clusterId ?? ''));
}

/** Every range the clusters of the model consume, with all clusters/pools sharing a range summed together. */
export function rangeDemands(model: Model): RangeDemand[] {
  return rangeDemandsWith(model, (_c, p) => poolScale(p));
}
