// Effective routes and next hops, in Azure's vocabulary.
import type { Cidr, Ip } from '../net/index.js';
import type { Origin } from '../../model/origin.js';

/**
 * Where a packet goes next, spelled as effective routes and `az network watcher show-next-hop` print it:
 * `VnetLocal` (inside the VNet), `VNetPeering` (to a peered VNet), `Internet`, `VirtualAppliance` (to `nextHopIp`),
 * `VirtualNetworkGateway` (VPN / ExpressRoute), `None` (dropped).
 */
export type RouteNextHopType = 'VnetLocal' | 'VNetPeering' | 'Internet' | 'VirtualAppliance' | 'VirtualNetworkGateway' | 'None';
export const ROUTE_NEXT_HOP_TYPES: readonly RouteNextHopType[] = [
  'VnetLocal', 'VNetPeering', 'Internet', 'VirtualAppliance', 'VirtualNetworkGateway', 'None',
];

/**
 * Who made a route: `Default` (Azure's system routes), `User` (a route-table entry, including the per-node routes
 * the cloud provider writes), `VirtualNetworkGateway` (learned from a gateway: here the model's external ranges).
 * On equal prefixes User beats VirtualNetworkGateway beats Default.
 */
export type RouteSource = 'Default' | 'User' | 'VirtualNetworkGateway';

/** `Active` routes take part in selection; `Invalid` ones are overridden by a route of the same prefix. */
export type RouteState = 'Active' | 'Invalid';

/**
 * How a route that is not in the input came to be: `node-route` a per-node pod CIDR route the cloud provider writes
 * (kubenet, self-managed with cloud routes); `overlay` the pod CIDR of an Azure CNI Overlay cluster, routed by the
 * overlay fabric (not visible in Azure's effective routes). Absent = read from the input or an Azure system route.
 */
export type RouteDerivation = 'node-route' | 'overlay';

/**
 * One entry of a subnet's effective routes. `name`: the UDR name (node name for node routes), empty for system
 * routes; `addressPrefix`: as written; `prefix`: absent when `addressPrefix` is a service tag (such a route cannot
 * be selected offline); `nextHopIp`: only VirtualAppliance; `routeTableId`: only User routes; `description`: what the
 * route is for, in words; `origin`: where it is written (absent for system and derived routes).
 */
export interface EffectiveRoute {
  readonly source: RouteSource;
  readonly state: RouteState;
  readonly name: string;
  readonly addressPrefix: string;
  readonly prefix?: Cidr;
  readonly nextHopType: RouteNextHopType;
  readonly nextHopIp?: Ip;
  readonly routeTableId?: string;
  readonly derived?: RouteDerivation;
  readonly description: string;
  readonly origin?: Origin;
}

/** The route table id Network Watcher prints for system routes. */
export const SYSTEM_ROUTE = 'System Route';

/**
 * The next hop of one destination. `routeTableId`: the UDR table's id, or `System Route`; `route`: the selected
 * route, absent when no route covers the destination (then `nextHopType` is None).
 */
export interface NextHop {
  readonly nextHopType: RouteNextHopType;
  readonly nextHopIp?: Ip;
  readonly routeTableId: string;
  readonly route?: EffectiveRoute;
}
