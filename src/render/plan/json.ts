// `aksnet plan --format json`: the plan answer as a stable JSON document (keys in a fixed order, lists sorted).
import { OVERLAY_IPS_PER_NODE } from '../../model/facts.js';
import type { ClusterPlan, PlanAnswer, RangePlan } from '../../questions/plan/types.js';
import { compareText } from '../../model/compare.js';

/** One subnet (node or pod) of a cluster. `usable`/`prefix` are null when the input does not give the subnet. */
export interface PlanJsonSubnet {
  readonly name: string;
  readonly id: string;
  /** `node` or `pod` subnet. */
  readonly role: 'node' | 'pod';
  readonly prefix: string | null;
  readonly usable: number | null;
  /** Addresses for configured scale (count, or maxCount with autoscaling) during an upgrade. */
  readonly required: number;
  readonly requiredNow: number;
  readonly percent: number | null;
  readonly fits: boolean;
  readonly smallestPrefix: number | null;
  /** Other clusters draw on the same subnet (their share is included). */
  readonly shared: boolean;
  readonly contributions: readonly { readonly cluster: string; readonly pool: string; readonly nodes: number; readonly perNode: number; readonly total: number }[];
}

/** The cluster's pod CIDR in per-node blocks (a /24 for kubenet and overlay). */
export interface PlanJsonPodCidr {
  readonly prefix: string;
  /** Per-node block prefix length (24 for AKS). */
  readonly blockPrefix: number;
  readonly blocksRequired: number;
  readonly blocksAvailable: number;
  readonly fits: boolean;
  readonly smallestPrefix: number | null;
}

/** The route table holding one route per node: `routes` = nodes at max + surge + user-defined routes. */
export interface PlanJsonRouteTable {
  readonly name: string;
  readonly id: string;
  readonly routes: number;
  readonly routesNow: number;
  readonly userRoutes: number;
  readonly limit: number;
  readonly fits: boolean;
}

function subnetJson(r: RangePlan): PlanJsonSubnet {
  return {
    name: r.name, id: r.id, role: r.kind === 'pod-subnet' ? 'pod' : 'node', prefix: r.prefix ?? null, usable: r.usable,
    required: r.required, requiredNow: r.requiredNow, percent: r.percent, fits: r.fits, smallestPrefix: r.smallestPrefix ?? null,
    shared: r.shared,
    contributions: r.contributions.map((c) => ({ cluster: c.cluster, pool: c.pool, nodes: c.nodes, perNode: c.perNode, total: c.total })),
  };
}

function podCidrJson(c: ClusterPlan): PlanJsonPodCidr | null {
  const r = c.ranges.find((x) => x.kind === 'pod-cidr');
  if (!r || r.prefix === undefined) return null;
  const overlay = c.networkMode === 'azure-cni-overlay';
  const per = OVERLAY_IPS_PER_NODE.value;
  const blockPrefix = overlay ? 32 - Math.log2(per) : Number(/^\/(\d+)/.exec(r.unit)?.[1] ?? 24);
  return {
    prefix: r.prefix, blockPrefix,
    blocksRequired: overlay ? Math.ceil(r.required / per) : r.required,
    blocksAvailable: overlay ? Math.floor((r.usable ?? 0) / per) : (r.usable ?? 0),
    fits: r.fits, smallestPrefix: r.smallestPrefix ?? null,
  };
}

function routeTableJson(c: ClusterPlan): PlanJsonRouteTable | null {
  const r = c.ranges.find((x) => x.kind === 'route-table');
  if (!r) return null;
  return { name: r.name, id: r.id, routes: r.required, routesNow: r.requiredNow, userRoutes: r.reserved ?? 0, limit: r.limit ?? r.usable ?? 0, fits: r.fits };
}

/** The JSON form of one cluster's plan. */
export function clusterPlanJson(c: ClusterPlan): Record<string, unknown> {
  return {
    name: c.name,
    id: c.id,
    kind: c.kind,
    networkMode: c.networkMode,
    networkPolicy: c.networkPolicy,
    maxNodes: c.maxNodes,
    growthPool: c.growthPool,
    bindingConstraint: c.bindingConstraint
      ? { kind: c.bindingConstraint.kind, name: c.bindingConstraint.name, id: c.bindingConstraint.id, message: c.bindingConstraint.message }
      : null,
    fitsConfigured: c.fitsConfigured,
    nodes: { now: c.nodesNow, max: c.nodesMax, upgrade: c.nodesUpgrade },
    pools: c.pools.map((p) => ({
      name: p.name, mode: p.mode, osType: p.osType, maxPods: p.maxPods, nodesNow: p.nodesNow, nodesMax: p.nodesMax, surge: p.surge,
      nodesUpgrade: p.nodesUpgrade, maxSurge: p.maxSurge, autoscale: p.autoscale ? { min: p.autoscale.min, max: p.autoscale.max } : null,
    })),
    subnets: c.ranges.filter((r) => r.kind === 'node-subnet' || r.kind === 'pod-subnet').map(subnetJson),
    podCidr: podCidrJson(c),
    routeTable: routeTableJson(c),
    snat: c.snat ? {
      outboundType: c.snat.outboundType, allocation: c.snat.allocation, outboundIps: c.snat.outboundIps, portsPerIp: c.snat.portsPerIp,
      availablePorts: c.snat.availablePorts, portsPerNodeNow: c.snat.portsPerNodeNow ?? null, portsPerNodeMax: c.snat.portsPerNodeMax ?? null,
      requiredPorts: c.snat.requiredPorts ?? null, nodesSupported: c.snat.nodesSupported ?? null, ipsNeeded: c.snat.ipsNeeded ?? null,
      crossesBoundary: c.snat.crossesBoundary,
    } : null,
    limits: c.limits.map((l) => ({ factId: l.factId, what: l.what, limit: l.limit, value: l.value, ok: l.ok, hard: l.hard })),
    defaults: c.defaults.map((d) => ({ field: d.field, value: d.value, factId: d.factId })),
    notes: [...c.notes],
  };
}

/** The whole JSON document `{"clusters":[…]}`, clusters sorted by name then id. */
export function planJson(answer: PlanAnswer): { clusters: Record<string, unknown>[] } {
  const clusters = [...answer.clusters].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  return { clusters: clusters.map(clusterPlanJson) };
}

/** Pretty-printed JSON text with a trailing newline. */
export function renderPlanJson(answer: PlanAnswer): string {
  return JSON.stringify(planJson(answer), null, 2) + '\n';
}
