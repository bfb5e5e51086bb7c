// The vocabulary of a packet walk, Batfish-style: a Trace of Hops, each hop one element of the path with the steps
// its engine recorded, address rewrites as field diffs, and a final Disposition from a documented list.
import type { Origin } from '../../model/origin.js';
import type { FieldRewrite, Step, StepAction } from '../trace-types.js';

/**
 * How a walk ended. Success: `delivered` (reached the destination pod, node, VM or endpoint), `exits-network` (left
 * the modelled network towards the Internet, a gateway or a peered network that is not modelled further). Failure:
 * `denied-by-nsg`, `denied-by-policy-egress` (NetworkPolicy at the source pod), `denied-by-policy-ingress` (at the
 * destination pod), `denied-by-source-range` (loadBalancerSourceRanges), `no-route` (no route covers the
 * destination), `null-routed` (a route with next hop None), `black-holed` (next hop or destination address that
 * nothing answers: an appliance not in the input, an address no NIC holds, IP-in-IP on the Azure fabric),
 * `no-endpoints` (a Service without an eligible endpoint), `service-port-mismatch` (no Service/LB port for the
 * addressed port), `no-healthy-backend` (the load balancer's health probe fails on every node), `lb-pending` (the
 * LoadBalancer Service has no frontend address), `no-ingress-match` (the ingress controller answers 404),
 * `not-exposed` (the destination has no address reachable from where the packet starts: private addresses from the
 * Internet), `insufficient-info` (the input lacks what the next step needs: an address, a controller), `loop`.
 */
export type Disposition =
  | 'delivered' | 'exits-network'
  | 'denied-by-nsg' | 'denied-by-policy-egress' | 'denied-by-policy-ingress' | 'denied-by-source-range'
  | 'no-route' | 'null-routed' | 'black-holed'
  | 'no-endpoints' | 'service-port-mismatch' | 'no-healthy-backend' | 'lb-pending' | 'no-ingress-match'
  | 'not-exposed' | 'insufficient-info' | 'loop';

/** Every disposition with whether it is a success, in documentation order. */
export const DISPOSITIONS: readonly { readonly disposition: Disposition; readonly success: boolean }[] = [
  { disposition: 'delivered', success: true }, { disposition: 'exits-network', success: true },
  { disposition: 'denied-by-nsg', success: false }, { disposition: 'denied-by-policy-egress', success: false },
  { disposition: 'denied-by-policy-ingress', success: false }, { disposition: 'denied-by-source-range', success: false },
  { disposition: 'no-route', success: false }, { disposition: 'null-routed', success: false }, { disposition: 'black-holed', success: false },
  { disposition: 'no-endpoints', success: false }, { disposition: 'service-port-mismatch', success: false },
  { disposition: 'no-healthy-backend', success: false }, { disposition: 'lb-pending', success: false },
  { disposition: 'no-ingress-match', success: false }, { disposition: 'not-exposed', success: false },
  { disposition: 'insufficient-info', success: false }, { disposition: 'loop', success: false },
];

/** True for the dispositions that mean the packet got where it was going. */
export function isSuccess(d: Disposition): boolean {
  return d === 'delivered' || d === 'exits-network';
}

/**
 * The element a hop is. `source`/`destination`: where the packet starts and ends; `node`: a node's own networking
 * (bridge, veth, host routes, encapsulation); `nsg`: a subnet or NIC NSG; `route-table`: route selection (UDR or
 * system); `appliance`: a virtual appliance (firewall) as next hop; `gateway`: a VPN/ExpressRoute gateway or a
 * peering; `lb`: the Azure load balancer; `kube-proxy`: Service translation (kube-proxy or Cilium); `snat`: a source
 * rewrite (ip-masq-agent, kube-proxy masquerade, LB/NAT gateway outbound); `policy`: NetworkPolicy at one end;
 * `ingress-controller`: NGINX or Application Gateway routing; `api-server`: the Kubernetes API endpoint; `internet`;
 * `fabric`: the Azure virtual network itself, for what it does not carry at all (IP-in-IP between VMs).
 */
export type HopComponent =
  | 'source' | 'node' | 'nsg' | 'route-table' | 'appliance' | 'gateway' | 'lb' | 'kube-proxy' | 'snat' | 'policy'
  | 'ingress-controller' | 'api-server' | 'internet' | 'fabric' | 'destination';
export const HOP_COMPONENTS: readonly HopComponent[] = [
  'source', 'node', 'nsg', 'route-table', 'appliance', 'gateway', 'lb', 'kube-proxy', 'snat', 'policy',
  'ingress-controller', 'api-server', 'internet', 'fabric', 'destination',
];

/** A packet as text: addresses, ports (absent = any/unknown) and protocol. */
export interface PacketView {
  readonly protocol: string;
  readonly srcIp: string;
  readonly srcPort?: number;
  readonly dstIp: string;
  readonly dstPort?: number;
}

/**
 * One hop. `resource`: the element (NSG id, route table id or `System Route`, node name, Service, policy engine);
 * `rule`: the entry that decided (rule, route, policy rule; absent when the element decided as a whole); `action`:
 * what it did (the step vocabulary); `packet`: the packet as it arrived; `rewrites`: field diffs this hop made (empty =
 * none); `origin`: where the deciding entry is written (absent for built-in and derived elements); `steps`: what the
 * engine recorded while deciding (empty = the hop is its own explanation).
 */
export interface Hop {
  readonly component: HopComponent;
  readonly resource: string;
  readonly action: StepAction;
  readonly rule?: string;
  readonly detail: string;
  readonly packet: PacketView;
  readonly rewrites: readonly FieldRewrite[];
  readonly origin?: Origin;
  readonly steps: readonly Step[];
}

/**
 * A whole walk. `disposition`/`delivered` (delivered = the disposition is a success); `hops` in order;
 * `blockingHop`: index of the hop that stopped the packet (absent on success); `notes`: assumptions the walk made
 * (endpoint choice, unmodelled elements), sorted and unique.
 */
export interface Trace {
  readonly disposition: Disposition;
  readonly delivered: boolean;
  readonly hops: readonly Hop[];
  readonly blockingHop?: number;
  readonly notes: readonly string[];
}
