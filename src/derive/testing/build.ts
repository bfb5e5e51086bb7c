// Test helpers: small Model values built in code (clusters, pools, subnets, route tables) for derive/plan tests.
import { parseCidr, type Cidr } from '../../engines/net/index.js';
import type { Cluster, NetworkMode, NodePool, RouteTable, Subnet, Surge } from '../../model/azure.js';
import { armId, emptyModel, type Model } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';

/** Origin used by every test object. */
export const TEST_ORIGIN: Origin = { file: 'test.json', line: 1, column: 1 };

/** Parses a CIDR that the test knows is valid. */
export function cidr(text: string): Cidr {
  const p = parseCidr(text);
  if (!p) throw new Error(`bad test CIDR ${text}`);
  return p.cidr;
}

/** The id of test subnet `name` in VNet `vnet` of resource group `rg`. */
export function subnetId(name: string, vnet = 'vnet'): string {
  return armId('rg', 'Microsoft.Network/virtualNetworks', vnet, 'subnets', name);
}

/** The id of test route table `name`. */
export function routeTableId(name: string): string {
  return armId('rg', 'Microsoft.Network/routeTables', name);
}

/** A subnet with the given prefixes (and optional route table name). */
export function subnet(name: string, prefixes: string | readonly string[], opts: { routeTable?: string; vnet?: string } = {}): Subnet {
  const list = typeof prefixes === 'string' ? [prefixes] : prefixes;
  return {
    id: subnetId(name, opts.vnet), name, origin: TEST_ORIGIN, vnetId: armId('rg', 'Microsoft.Network/virtualNetworks', opts.vnet ?? 'vnet'),
    prefixes: list.map(cidr), delegations: [],
    ...(opts.routeTable ? { routeTableId: routeTableId(opts.routeTable) } : {}),
  };
}

/** A route table with `udrs` user-defined routes (all to 0.0.0.0/0-like placeholders). */
export function routeTable(name: string, udrs = 0): RouteTable {
  return {
    id: routeTableId(name), name, origin: TEST_ORIGIN, disableBgpRoutePropagation: false,
    routes: Array.from({ length: udrs }, (_, i) => ({ name: `r${i}`, addressPrefix: `10.${i}.0.0/16`, cidr: cidr(`10.${i}.0.0/16`),
      nextHopType: 'VirtualAppliance' as const, origin: TEST_ORIGIN })),
  };
}

/** Pool options: everything but the name is optional. `subnet`/`podSubnet` are subnet names in VNet `vnet`. */
export interface PoolOpts {
  count?: number;
  max?: number;
  min?: number;
  maxPods?: number;
  surge?: Surge;
  subnet?: string;
  podSubnet?: string;
  static?: boolean;
  mode?: NodePool['mode'];
  osType?: NodePool['osType'];
}

/** A node pool; defaults: 3 nodes, maxPods 30, maxSurge 1 node, User mode, Linux. */
export function pool(name: string, o: PoolOpts = {}): NodePool {
  return {
    name, mode: o.mode ?? 'User', osType: o.osType ?? 'Linux', count: o.count ?? 3, maxPods: o.maxPods ?? 30,
    maxSurge: o.surge ?? { kind: 'count', value: 1 }, origin: TEST_ORIGIN,
    ...(o.max !== undefined ? { autoscale: { min: o.min ?? 1, max: o.max } } : {}),
    ...(o.subnet ? { vnetSubnetId: subnetId(o.subnet) } : {}),
    ...(o.podSubnet ? { podSubnetId: subnetId(o.podSubnet) } : {}),
    ...(o.podSubnet ? { podIpAllocation: o.static ? ('StaticBlock' as const) : ('DynamicIndividual' as const) } : {}),
  };
}

/** Cluster options: the network mode and the pools are the essentials. */
export interface ClusterOpts {
  mode: NetworkMode;
  pools: readonly NodePool[];
  podCidr?: string;
  nodeCidrMaskSize?: number;
  routeTable?: string;
  policy?: Cluster['networkPolicy'];
  outboundIps?: number;
  ports?: number;
  outboundType?: Cluster['outbound']['type'];
  kind?: Cluster['kind'];
  selfManagedCni?: Cluster['selfManagedCni'];
}

/** A cluster with a Standard LB outbound (1 IP, automatic ports) unless told otherwise. */
export function cluster(name: string, o: ClusterOpts): Cluster {
  return {
    id: armId('rg', 'Microsoft.ContainerService/managedClusters', name), name, origin: TEST_ORIGIN,
    kind: o.kind ?? (o.mode === 'self-managed' ? 'self-managed' : 'aks'),
    networkMode: o.mode, networkPolicy: o.policy ?? 'none', dataplane: 'azure',
    ...(o.selfManagedCni ? { selfManagedCni: o.selfManagedCni } : {}),
    nodeCidrMaskSize: o.nodeCidrMaskSize ?? 24, podCidrs: o.podCidr ? [cidr(o.podCidr)] : [], serviceCidrs: [cidr('10.0.0.0/16')],
    ipFamilies: [4],
    outbound: { type: o.outboundType ?? 'loadBalancer', loadBalancerSku: 'standard', outboundIps: o.outboundIps ?? 1,
      allocatedOutboundPorts: o.ports ?? 0 },
    privateCluster: false, managedVnet: o.pools.every((p) => p.vnetSubnetId === undefined),
    ...(o.routeTable ? { routeTableId: routeTableId(o.routeTable) } : {}),
    pools: o.pools, defaults: [],
  };
}

/** A model holding the given objects, sorted as ModelBuilder would. */
export function model(parts: { clusters?: readonly Cluster[]; subnets?: readonly Subnet[]; routeTables?: readonly RouteTable[] }): Model {
  const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...emptyModel(), clusters: byId(parts.clusters ?? []), subnets: byId(parts.subnets ?? []),
    routeTables: byId(parts.routeTables ?? []) };
}
