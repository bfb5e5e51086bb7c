// `aksnet plan`: per cluster, node counts now / at maximum / during an upgrade, what every range needs against what
// it holds, the platform limits, the largest node count that still fits an upgrade and what binds first.
import {
  defaultSnatPorts, rangeDemands, rangeDemandsWith, snatPortsPerNode, type RangeDemand, type ScaleOf,
} from '../../derive/demand.js';
import { poolScale, surgeNodes, type PoolScale } from '../../derive/scale.js';
import { formatCidr, smallestPrefixFor } from '../../engines/net/index.js';
import { formatSurge, type Cluster, type NodePool } from '../../model/azure.js';
import {
  AZURE_SUBNET_MIN_PREFIX_V4, AZURE_SUBNET_RESERVED_IPS, DEFAULT_NODE_CIDR_MASK_V4, K8S_MAX_NODES, KUBENET_MAX_NODES,
  MANAGED_VNET_SUBNET, MAX_NODES_PER_CLUSTER, MAX_NODES_PER_POOL, MAX_POOLS_PER_CLUSTER, NODES_PER_CLUSTER_DEFAULT_QUOTA,
  NPM_MAX_NODES, OVERLAY_MAX_NODES, SNAT_PORTS_PER_LB_IP, SNAT_PORTS_PER_NATGW_IP,
} from '../../model/facts.js';
import type { Model } from '../../model/model.js';
import type {
  BindingConstraint, ClusterPlan, LimitPlan, PlanAnswer, PoolPlan, RangePlan, SnatPlan,
} from './types.js';
import { compareText } from '../../model/compare.js';

/** Safety bound for the growth search (every cluster has a hard node limit far below it). */
const GROWTH_SEARCH_CAP = 100_000;


/** True when the demand is drawn on by `cluster` (its own pod CIDR / SNAT budget, or a shared Azure range). */
function touches(d: RangeDemand, cluster: Cluster): boolean {
  return d.clusterId === cluster.id || d.contributions.some((c) => c.clusterId === cluster.id);
}

/** Human label of a range kind. */
export function rangeKindLabel(kind: RangeDemand['kind']): string {
  switch (kind) {
    case 'node-subnet':
      return 'node subnet';
    case 'pod-subnet':
      return 'pod subnet';
    case 'pod-cidr':
      return 'pod CIDR';
    case 'route-table':
      return 'route table';
    case 'snat-ports':
      return 'SNAT ports';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** The unit of a range's numbers for this cluster. */
function unitOf(d: RangeDemand, cluster: Cluster): string {
  switch (d.kind) {
    case 'node-subnet':
    case 'pod-subnet':
      return 'addresses';
    case 'pod-cidr':
      return cluster.networkMode === 'azure-cni-overlay' ? 'addresses' : `/${cluster.nodeCidrMaskSize} blocks`;
    case 'route-table':
      return 'routes';
    case 'snat-ports':
      return 'ports';
    default: {
      const never: never = d.kind;
      return never;
    }
  }
}

/**
 * The longest prefix that would hold `required` units of a range: a subnet after Azure's reserved addresses, an
 * overlay pod CIDR in addresses, a kubenet pod CIDR in node-mask blocks of `cluster`. Undefined where a prefix makes
 * no sense (route tables, SNAT ports), when `required` is not finite, or for a pod CIDR whose cluster is unknown.
 */
export function smallestFittingPrefix(d: RangeDemand, cluster: Cluster | undefined, required: number): number | undefined {
  if (!Number.isFinite(required)) return undefined;
  switch (d.kind) {
    case 'node-subnet':
    case 'pod-subnet': {
      const p = smallestPrefixFor(4, BigInt(Math.ceil(required)), BigInt(AZURE_SUBNET_RESERVED_IPS.value));
      return p === undefined ? undefined : Math.min(p, AZURE_SUBNET_MIN_PREFIX_V4.value);
    }
    case 'pod-cidr': {
      if (cluster === undefined) return undefined;
      if (cluster.networkMode === 'azure-cni-overlay') {
        const p = smallestPrefixFor(4, BigInt(Math.ceil(required)), 0n);
        return p === undefined ? undefined : Math.min(p, DEFAULT_NODE_CIDR_MASK_V4.value);
      }
      // required is a count of node-mask blocks: 2^k blocks need a prefix k bits shorter than the mask.
      const mask = cluster.nodeCidrMaskSize;
      const k = 32 - (smallestPrefixFor(4, BigInt(Math.max(Math.ceil(required), 1)), 0n) ?? 0);
      return mask - k >= 0 ? mask - k : undefined;
    }
    case 'route-table':
    case 'snat-ports':
      return undefined;
    default: {
      const never: never = d.kind;
      return never;
    }
  }
}

/** A demand as one cluster's plan shows it. */
function rangePlan(d: RangeDemand, cluster: Cluster): RangePlan {
  const isRoutes = d.kind === 'route-table';
  const reserved = d.reserved ?? 0;
  // Route tables are shown as routes used (nodes + user routes) against the 400 limit.
  const usable = d.available === Infinity ? null : isRoutes ? (d.capacity ?? d.available + reserved) : d.available;
  const required = isRoutes ? d.requiredMax + reserved : d.requiredMax;
  const requiredNow = isRoutes ? d.requiredNow + reserved : d.requiredNow;
  const percent = usable === null || usable === 0 ? null : Math.round((required / usable) * 1000) / 10;
  const smallest = smallestFittingPrefix(d, cluster, d.requiredMax);
  return {
    kind: d.kind, id: d.id, name: d.name, ...(d.prefix !== undefined ? { prefix: d.prefix } : {}),
    usable, requiredNow, required, percent, fits: usable === null || required <= usable, unit: unitOf(d, cluster),
    ...(smallest !== undefined ? { smallestPrefix: smallest } : {}),
    shared: d.contributions.some((c) => c.clusterId !== cluster.id),
    contributions: d.contributions,
    ...(d.origin ? { origin: d.origin } : {}),
    ...(isRoutes ? { reserved, limit: usable ?? undefined } : {}),
  };
}

/** The platform node limits for a cluster whose pools have the given maxima (surge excluded). */
export function nodeLimits(cluster: Cluster, nodesMaxByPool: ReadonlyMap<string, number>): LimitPlan[] {
  const total = [...nodesMaxByPool.values()].reduce((a, b) => a + b, 0);
  const out: LimitPlan[] = [];
  const add = (factId: string, what: string, limit: number, value: number, hard = true): void => {
    out.push({ factId, what, limit, value, ok: value <= limit, hard });
  };
  if (cluster.kind === 'self-managed') {
    add(K8S_MAX_NODES.id, 'nodes per cluster (Kubernetes)', K8S_MAX_NODES.value, total);
    return out;
  }
  add(MAX_NODES_PER_CLUSTER.id, 'nodes per cluster', MAX_NODES_PER_CLUSTER.value, total);
  add(NODES_PER_CLUSTER_DEFAULT_QUOTA.id, 'nodes per cluster without a quota increase', NODES_PER_CLUSTER_DEFAULT_QUOTA.value, total, false);
  add(MAX_POOLS_PER_CLUSTER.id, 'node pools per cluster', MAX_POOLS_PER_CLUSTER.value, nodesMaxByPool.size);
  for (const [pool, n] of [...nodesMaxByPool].sort((a, b) => compareText(a[0], b[0]))) {
    add(MAX_NODES_PER_POOL.id, `nodes in pool ${pool}`, MAX_NODES_PER_POOL.value, n);
  }
  if (cluster.networkMode === 'kubenet') add(KUBENET_MAX_NODES.id, 'nodes with kubenet', KUBENET_MAX_NODES.value, total);
  if (cluster.networkMode === 'azure-cni-overlay') add(OVERLAY_MAX_NODES.id, 'nodes with Azure CNI Overlay', OVERLAY_MAX_NODES.value, total);
  if (cluster.networkPolicy === 'azure') add(NPM_MAX_NODES.id, 'nodes with Azure NPM', NPM_MAX_NODES.value, total);
  return out;
}

/** The pool `plan` grows: the last User pool in the cluster's order, else the last pool; undefined without pools. */
export function growthPoolOf(cluster: Cluster): NodePool | undefined {
  const users = cluster.pools.filter((p) => p.mode === 'User');
  return users[users.length - 1] ?? cluster.pools[cluster.pools.length - 1];
}

/** Everything that fails for `cluster` when its growth pool has `n` nodes at maximum; empty = fits. */
function failuresAt(model: Model, cluster: Cluster, growth: NodePool, n: number): BindingConstraint[] {
  const scaleOf: ScaleOf = (c, p) => {
    const base = poolScale(p);
    if (c.id !== cluster.id || p !== growth) return base;
    return { pool: p, nodesNow: base.nodesNow, nodesMax: n, surge: surgeNodes(p.maxSurge, n) };
  };
  const out: BindingConstraint[] = [];
  for (const d of rangeDemandsWith(model, scaleOf)) {
    if (!touches(d, cluster)) continue;
    const r = rangePlan(d, cluster);
    if (!r.fits) out.push(constraintOfRange(r));
  }
  const maxima = new Map(cluster.pools.map((p) => [p.name, p === growth ? n : scaleOf(cluster, p).nodesMax] as const));
  for (const l of nodeLimits(cluster, maxima)) {
    if (l.hard && !l.ok) out.push(constraintOfLimit(l));
  }
  return out;
}

function constraintOfRange(r: RangePlan): BindingConstraint {
  const where = r.prefix ? ` (${r.prefix})` : '';
  return { kind: r.kind, id: r.id, name: r.name,
    message: `${rangeKindLabel(r.kind)} ${r.name}${where}: ${r.required} ${r.unit} needed, ${r.usable ?? 'unknown'} usable` };
}

function constraintOfLimit(l: LimitPlan): BindingConstraint {
  return { kind: 'limit', id: l.factId, name: l.what, message: `limit ${l.what}: ${l.value} > ${l.limit}` };
}

/** The largest node count reachable by growing the growth pool, and what stops it. */
export function maxNodesOf(model: Model, cluster: Cluster): { pool: string | null; maxNodes: number | null; binding: BindingConstraint | null } {
  const growth = growthPoolOf(cluster);
  if (!growth) return { pool: null, maxNodes: null, binding: null };
  const others = cluster.pools.filter((p) => p !== growth).reduce((a, p) => a + poolScale(p).nodesMax, 0);
  const atZero = failuresAt(model, cluster, growth, 0);
  if (atZero.length > 0) return { pool: growth.name, maxNodes: null, binding: atZero[0] };
  // Every demand and limit grows with n (the automatic SNAT table only ever lowers ports per node), so scan up.
  let n = 0;
  for (;;) {
    if (n >= GROWTH_SEARCH_CAP) return { pool: growth.name, maxNodes: others + n, binding: null };
    const next = failuresAt(model, cluster, growth, n + 1);
    if (next.length > 0) return { pool: growth.name, maxNodes: others + n, binding: next[0] };
    n++;
  }
}

/** The most nodes automatic SNAT allocation serves from `available` ports (ports per node shrink as nodes grow). */
function automaticNodesSupported(available: number): number {
  let best = 0;
  for (let nodes = 1; nodes <= MAX_NODES_PER_CLUSTER.value; nodes++) {
    if (nodes * defaultSnatPorts(nodes) <= available) best = nodes;
  }
  return best;
}

function snatPlan(cluster: Cluster, nodesNow: number, nodesUpgrade: number): SnatPlan | null {
  const o = cluster.outbound;
  const ips = Math.max(0, Math.floor(o.outboundIps));
  switch (o.type) {
    case 'loadBalancer': {
      const perNow = snatPortsPerNode(o, nodesNow);
      const perMax = snatPortsPerNode(o, nodesUpgrade);
      const available = ips * SNAT_PORTS_PER_LB_IP.value;
      const required = nodesUpgrade * perMax;
      const automatic = !(o.allocatedOutboundPorts > 0);
      return { outboundType: o.type, outboundIps: ips, portsPerIp: SNAT_PORTS_PER_LB_IP.value, availablePorts: available,
        allocation: automatic ? 'automatic' : 'explicit', portsPerNodeNow: perNow, portsPerNodeMax: perMax, requiredPorts: required,
        nodesSupported: automatic ? automaticNodesSupported(available) : perMax > 0 ? Math.floor(available / perMax) : 0, ipsNeeded: Math.ceil(required / SNAT_PORTS_PER_LB_IP.value),
        crossesBoundary: automatic && perNow !== perMax };
    }
    case 'managedNATGateway':
    case 'managedNATGatewayV2':
    case 'userAssignedNATGateway':
      return { outboundType: o.type, outboundIps: ips, portsPerIp: SNAT_PORTS_PER_NATGW_IP.value,
        availablePorts: ips * SNAT_PORTS_PER_NATGW_IP.value, allocation: 'on-demand', crossesBoundary: false };
    case 'userDefinedRouting':
    case 'none':
    case 'block':
      return null;
    default: {
      const never: never = o.type;
      return never;
    }
  }
}

function poolPlan(s: PoolScale): PoolPlan {
  const p = s.pool;
  return { name: p.name, mode: p.mode, osType: p.osType, maxPods: p.maxPods, nodesNow: s.nodesNow, nodesMax: s.nodesMax,
    surge: s.surge, nodesUpgrade: s.nodesMax + s.surge, maxSurge: formatSurge(p.maxSurge),
    ...(p.autoscale ? { autoscale: { min: p.autoscale.min, max: p.autoscale.max } } : {}) };
}

function notesOf(model: Model, cluster: Cluster, ranges: readonly RangePlan[], snat: SnatPlan | null): string[] {
  const notes = new Set<string>();
  const subnets = new Map(model.subnets.map((s) => [s.id, s]));
  for (const r of ranges) {
    if (r.usable === null) notes.add(`${rangeKindLabel(r.kind)} ${r.name} is named but not in the input: its size is unknown and not checked`);
    const s = subnets.get(r.id);
    for (const c of s?.prefixes ?? []) {
      if (c.family === 6) notes.add(`subnet ${s?.name} also has IPv6 prefix ${formatCidr(c)}: IPv6 subnets are /64 and never the constraint`);
    }
    if (r.kind === 'pod-subnet' && r.contributions.some((c) => c.perNode === 16)) {
      notes.add(`pod subnet ${r.name}: dynamic allocation counts the first batch of 16 addresses per node; busy nodes take more in batches of 16`);
    }
  }
  if (cluster.pools.some((p) => p.vnetSubnetId === undefined) && cluster.kind === 'aks') {
    notes.add(`pools without a subnet use the VNet AKS creates (subnet ${MANAGED_VNET_SUBNET.value})`);
  }
  if (cluster.networkMode === 'byo-cni') notes.add('bring-your-own CNI: pod addressing is the CNI\'s own; only the node subnet is planned');
  if (cluster.podCidrs.some((c) => c.family === 6)) notes.add('the IPv6 pod CIDR is not planned (a /64 per node never runs out)');
  if (snat?.allocation === 'on-demand') notes.add('NAT gateway SNAT ports are allocated on demand: only the capacity is reported');
  if (snat?.crossesBoundary) {
    notes.add(`automatic SNAT allocation drops from ${snat.portsPerNodeNow} to ${snat.portsPerNodeMax} ports per node when scaling to maximum: existing connections may be reset`);
  }
  return [...notes].sort(compareText);
}

/** Plans one cluster of the model (the model is needed: ranges are shared with other clusters). */
export function planCluster(model: Model, cluster: Cluster, demands: readonly RangeDemand[] = rangeDemands(model)): ClusterPlan {
  const scales = cluster.pools.map(poolScale);
  const pools = scales.map(poolPlan);
  const nodesNow = pools.reduce((a, p) => a + p.nodesNow, 0);
  const nodesMax = pools.reduce((a, p) => a + p.nodesMax, 0);
  const nodesUpgrade = pools.reduce((a, p) => a + p.nodesUpgrade, 0);
  const ranges = demands.filter((d) => touches(d, cluster)).map((d) => rangePlan(d, cluster));
  const limits = nodeLimits(cluster, new Map(scales.map((s) => [s.pool.name, s.nodesMax] as const)));
  const growth = maxNodesOf(model, cluster);
  const snat = snatPlan(cluster, nodesNow, nodesUpgrade);
  return {
    id: cluster.id, name: cluster.name, kind: cluster.kind, networkMode: cluster.networkMode, networkPolicy: cluster.networkPolicy,
    pools, nodesNow, nodesMax, nodesUpgrade, ranges, limits,
    fitsConfigured: ranges.every((r) => r.fits) && limits.every((l) => l.ok || !l.hard),
    growthPool: growth.pool, maxNodes: growth.maxNodes, bindingConstraint: growth.binding, snat,
    defaults: [...cluster.defaults].sort((a, b) => compareText(a.field, b.field)),
    notes: notesOf(model, cluster, ranges, snat),
    origin: cluster.origin,
  };
}

/** The plan answer for every cluster in the model, sorted by name then id. */
export function plan(model: Model): PlanAnswer {
  const demands = rangeDemands(model);
  const clusters = [...model.clusters]
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
    .map((c) => planCluster(model, c, demands));
  return { clusters };
}
