// The typed answer of `aksnet plan`: per cluster, node counts per pool, demand per address range, limits, the largest
// node count the design reaches with an upgrade still fitting, and what binds first.
import type { RangeContribution, RangeKind } from '../../derive/demand.js';
import type { AppliedDefault, NetworkMode, OutboundType, PolicyEngineName } from '../../model/azure.js';
import type { Origin } from '../../model/origin.js';

/** One pool's node counts. `nodesUpgrade` = nodesMax + surge (what an upgrade at maximum scale runs). */
export interface PoolPlan {
  readonly name: string;
  readonly mode: 'System' | 'User' | 'Gateway';
  readonly osType: 'Linux' | 'Windows';
  readonly maxPods: number;
  /** Nodes now (`count`). */
  readonly nodesNow: number;
  /** Autoscaler maxCount, else count. */
  readonly nodesMax: number;
  /** Surge nodes an upgrade adds at nodesMax. */
  readonly surge: number;
  /** nodesMax + surge. */
  readonly nodesUpgrade: number;
  /** maxSurge as configured: `5` (nodes) or `10%`. */
  readonly maxSurge: string;
  /** `min..max` when the autoscaler manages the pool; absent otherwise. */
  readonly autoscale?: { readonly min: number; readonly max: number };
}

/** One range (subnet, pod CIDR, route table, SNAT budget) as seen from one cluster. */
export interface RangePlan {
  readonly kind: RangeKind;
  readonly id: string;
  readonly name: string;
  /** CIDR text; absent for route tables, SNAT budgets and subnets whose size the input does not give. */
  readonly prefix?: string;
  /** Usable units (see RangeDemand.available); `null` when the size is unknown. */
  readonly usable: number | null;
  /** Units needed now (current counts, no upgrade). */
  readonly requiredNow: number;
  /** Units needed at configured scale (count, or maxCount with autoscaling) during an upgrade. */
  readonly required: number;
  /** required / usable × 100, rounded to one decimal; `null` when usable is unknown or 0. */
  readonly percent: number | null;
  /** required ≤ usable (true when usable is unknown: nothing shows it runs out). */
  readonly fits: boolean;
  /** The unit of the numbers: addresses, blocks (with their mask), routes or ports. */
  readonly unit: string;
  /** The longest prefix (smallest range) that would hold `required`; absent for route tables and SNAT budgets. */
  readonly smallestPrefix?: number;
  /** True when pools of other clusters also draw on this range (their share is included). */
  readonly shared: boolean;
  /** Every pool using the range (all clusters). */
  readonly contributions: readonly RangeContribution[];
  readonly origin?: Origin;
  /** Route tables: the user-defined routes already there (counted in `required`). */
  readonly reserved?: number;
  /** Route tables: 400. */
  readonly limit?: number;
}

/** A node-count limit of the platform, checked at configured maximum scale (surge excluded). */
export interface LimitPlan {
  /** Fact id of the limit, e.g. MAX_NODES_PER_CLUSTER. */
  readonly factId: string;
  /** What is limited, e.g. `nodes per cluster` or `nodes in pool user1`. */
  readonly what: string;
  readonly limit: number;
  readonly value: number;
  readonly ok: boolean;
  /** true: a hard limit (binds max nodes); false: advice only (default quota), never binding. */
  readonly hard: boolean;
}

/** What runs out first as the growth pool grows: a range (by id/name) or a platform limit (by fact id). */
export interface BindingConstraint {
  readonly kind: RangeKind | 'limit';
  /** Range name or the limit's description. */
  readonly name: string;
  /** Range id or fact id. */
  readonly id: string;
  /** One sentence: `node subnet aks (10.0.0.0/24): 252 addresses needed, 251 usable`. */
  readonly message: string;
}

/** SNAT budget of the cluster's outbound path. */
export interface SnatPlan {
  readonly outboundType: OutboundType;
  readonly outboundIps: number;
  /** Ports per public IP (64,000 for the load balancer, 64,512 for a NAT gateway). */
  readonly portsPerIp: number;
  /** outboundIps × portsPerIp. */
  readonly availablePorts: number;
  /** `explicit` (allocatedOutboundPorts), `automatic` (by backend pool size), `on-demand` (NAT gateway). */
  readonly allocation: 'explicit' | 'automatic' | 'on-demand';
  /** Ports per node at current counts and at max + surge; absent for on-demand. */
  readonly portsPerNodeNow?: number;
  readonly portsPerNodeMax?: number;
  /** Ports pre-allocated at max + surge; absent for on-demand. */
  readonly requiredPorts?: number;
  /** floor(availablePorts / portsPerNodeMax): nodes (incl. surge) the budget holds; absent for on-demand. */
  readonly nodesSupported?: number;
  /** Outbound IPs needed for requiredPorts; absent for on-demand. */
  readonly ipsNeeded?: number;
  /** Automatic allocation: the per-node ports drop between now and max (existing connections may break). */
  readonly crossesBoundary: boolean;
}

/** The plan of one cluster. */
export interface ClusterPlan {
  readonly id: string;
  readonly name: string;
  readonly kind: 'aks' | 'self-managed';
  readonly networkMode: NetworkMode;
  readonly networkPolicy: PolicyEngineName;
  readonly pools: readonly PoolPlan[];
  /** Σ over pools. */
  readonly nodesNow: number;
  readonly nodesMax: number;
  readonly nodesUpgrade: number;
  /** Every range the cluster draws on, in report order (node subnets, pod subnets, pod CIDR, route table, SNAT). */
  readonly ranges: readonly RangePlan[];
  readonly limits: readonly LimitPlan[];
  /** Every range fits and every hard limit holds at configured scale during an upgrade. */
  readonly fitsConfigured: boolean;
  /** The pool grown to find maxNodes: the last User pool, else the last pool; null when the cluster has no pool. */
  readonly growthPool: string | null;
  /**
   * The largest total node count (Σ nodesMax, surge excluded) the cluster reaches by growing `growthPool` while every
   * range still holds an upgrade (its surge at that size included) and every hard limit holds. Other pools and
   * clusters stay at their configured maximum. null when even growthPool at 0 nodes does not fit (or no pool).
   */
  readonly maxNodes: number | null;
  /** What stops growth at maxNodes + 1 (or what already fails when maxNodes is null); null when nothing can be said. */
  readonly bindingConstraint: BindingConstraint | null;
  readonly snat: SnatPlan | null;
  /** Values aksnet filled in because the input left them out. */
  readonly defaults: readonly AppliedDefault[];
  /** Remarks (IPv6 /64 subnets, unknown subnet sizes, ...), sorted. */
  readonly notes: readonly string[];
  readonly origin: Origin;
}

/** The whole answer: one plan per cluster, sorted by name then id. */
export interface PlanAnswer {
  readonly clusters: readonly ClusterPlan[];
}
