// The Azure half of the model: virtual networks, subnets, route tables, NSGs and AKS / self-managed clusters.
// Vendor-independent: an object looks the same whether it came from az JSON, ARM, Terraform, a script or native YAML.
import type { Cidr, Ip, IpFamily } from '../engines/net/index.js';
import type { Origin } from './origin.js';

/**
 * Common to every Azure resource. `id` is the ARM resource id, lower-cased (ARM ids are case-insensitive), or a
 * synthetic ARM-shaped id for inputs that have none (scripts, native YAML); `name` is the name as written.
 */
export interface AzureResource {
  readonly id: string;
  readonly name: string;
  readonly origin: Origin;
}

/** A virtual network: its address space and the ids of its subnets. */
export interface VNet extends AzureResource {
  readonly addressSpace: readonly Cidr[];
  readonly subnetIds: readonly string[];
  readonly peerings: readonly Peering[];
  readonly location?: string;
}

/** A VNet peering; `remoteAddressSpace` is the peer's space as the peering reports it (may be empty if unknown). */
export interface Peering {
  readonly name: string;
  readonly remoteVnetId?: string;
  readonly remoteAddressSpace: readonly Cidr[];
  readonly origin: Origin;
}

/** A subnet. `routeTableId`/`nsgId`/`natGatewayId` absent = none associated. `delegations`: service names. */
export interface Subnet extends AzureResource {
  readonly vnetId: string;
  readonly prefixes: readonly Cidr[];
  readonly routeTableId?: string;
  readonly nsgId?: string;
  readonly natGatewayId?: string;
  readonly delegations: readonly string[];
}

/** Next hop types a user-defined route can name (AZ:virtual-network/virtual-networks-udr-overview). */
export type NextHopType = 'VirtualAppliance' | 'VnetLocal' | 'Internet' | 'VirtualNetworkGateway' | 'None';
/** Every next hop type, in Azure's documentation order. */
export const NEXT_HOP_TYPES: readonly NextHopType[] = ['VirtualAppliance', 'VnetLocal', 'Internet', 'VirtualNetworkGateway', 'None'];

/** One user-defined route. `cidr` is absent when `addressPrefix` is a service tag. */
export interface UdrRoute {
  readonly name: string;
  readonly addressPrefix: string;
  readonly cidr?: Cidr;
  readonly nextHopType: NextHopType;
  /** Only for VirtualAppliance: the appliance (or node) address. */
  readonly nextHopIp?: Ip;
  readonly origin: Origin;
}

/** A route table with its user-defined routes (system routes and per-node pod routes are derived, not stored). */
export interface RouteTable extends AzureResource {
  readonly routes: readonly UdrRoute[];
  readonly disableBgpRoutePropagation: boolean;
  /**
   * The id of the AKS cluster that creates and owns this table (kubenet: AKS makes one when the node subnet has
   * none, in the managed VNet or attached to the user's subnet). Absent = the user's own table from the input.
   */
  readonly managedBy?: string;
}

/** Which traffic an NSG rule filters: `Inbound` = arriving at the NIC or subnet, `Outbound` = leaving it. */
export type NsgDirection = 'Inbound' | 'Outbound';
/** What an NSG rule does with the traffic it matches (the first matching rule by priority decides). */
export type NsgAccess = 'Allow' | 'Deny';
/** `*` = any protocol (TCP, UDP, ICMP, ...). */
export type NsgProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

/**
 * One NSG security rule as written. Address lists hold CIDRs, IPs, `*` or service tags (VirtualNetwork,
 * AzureLoadBalancer, Internet, ...); port lists hold `*`, single ports or `a-b` ranges. Singular and plural ARM
 * fields are merged into the lists.
 */
export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: NsgDirection;
  readonly access: NsgAccess;
  readonly protocol: NsgProtocol;
  readonly sourceAddresses: readonly string[];
  readonly sourcePorts: readonly string[];
  readonly destinationAddresses: readonly string[];
  readonly destinationPorts: readonly string[];
  readonly sourceAsgIds: readonly string[];
  readonly destinationAsgIds: readonly string[];
  readonly origin: Origin;
}

/** A network security group; only user rules are stored, the six default rules come from the NSG engine. */
export interface Nsg extends AzureResource {
  readonly rules: readonly NsgRule[];
}

/** How pods get addresses. The AKS modes plus self-managed clusters (node CIDRs from kube-controller-manager). */
export type NetworkMode =
  | 'kubenet'
  | 'azure-cni-node-subnet'
  | 'azure-cni-pod-subnet'
  | 'azure-cni-overlay'
  | 'byo-cni'
  | 'self-managed';
/** Every network mode, in the order plans and docs list them. */
export const NETWORK_MODES: readonly NetworkMode[] = [
  'kubenet', 'azure-cni-node-subnet', 'azure-cni-pod-subnet', 'azure-cni-overlay', 'byo-cni', 'self-managed',
];

/** The CNI of a self-managed cluster (docs/formats/native.md). */
export type SelfManagedCni = 'calico-policy-only' | 'calico-bgp-ipip' | 'calico-vxlan' | 'canal';

/** `networkPolicy`: who enforces NetworkPolicy. `none` = policies are stored but nothing enforces them. */
export type PolicyEngineName = 'none' | 'azure' | 'calico' | 'cilium';
/** `networkDataplane`: `azure` = the Azure (iptables / NPM) dataplane, `cilium` = Azure CNI Powered by Cilium (eBPF). */
export type Dataplane = 'azure' | 'cilium';
/** `outboundType`: how nodes reach the Internet (load balancer SNAT, a UDR to an appliance, a NAT gateway, none / block). */
export type OutboundType =
  | 'loadBalancer' | 'userDefinedRouting' | 'managedNATGateway' | 'userAssignedNATGateway' | 'none' | 'block' | 'managedNATGatewayV2';

/** How many extra nodes an upgrade adds: a node count, or a percentage of the pool rounded up. */
export type Surge = { readonly kind: 'count'; readonly value: number } | { readonly kind: 'percent'; readonly value: number };

/** Formats a Surge as AKS writes it: `5` (nodes) or `10%` (of the pool's node count). */
export function formatSurge(s: Surge): string {
  switch (s.kind) {
    case 'count':
      return String(s.value);
    case 'percent':
      return `${s.value}%`;
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Pod IP allocation in pod-subnet mode. */
export type PodIpAllocation = 'DynamicIndividual' | 'StaticBlock';

/** A node pool (AKS agent pool, or a group of self-managed VMs). */
export interface NodePool {
  readonly name: string;
  readonly mode: 'System' | 'User' | 'Gateway';
  readonly osType: 'Linux' | 'Windows';
  /** Nodes now. With autoscaling, the current count (between min and max). */
  readonly count: number;
  /** Present when the cluster autoscaler manages the pool. */
  readonly autoscale?: { readonly min: number; readonly max: number };
  readonly maxPods: number;
  readonly maxSurge: Surge;
  /** Subnet of the node NICs (lower-cased id); absent = the AKS-managed VNet. */
  readonly vnetSubnetId?: string;
  /** Pod subnet (lower-cased id); absent = pods do not use a pod subnet. */
  readonly podSubnetId?: string;
  /** Only with a pod subnet; absent there means DynamicIndividual. */
  readonly podIpAllocation?: PodIpAllocation;
  readonly vmSize?: string;
  readonly origin: Origin;
  /** Where `vnetSubnetId` was written (the field or flag itself); absent = not known apart from `origin`. */
  readonly subnetOrigin?: Origin;
  /** Where `podSubnetId` was written; absent = not known apart from `origin`. */
  readonly podSubnetOrigin?: Origin;
  /**
   * Application security groups the pool's node NICs join (AKS `networkProfile.applicationSecurityGroups`, Terraform
   * `node_network_profile.application_security_group_ids`), lower-cased ids. Absent or empty = none.
   */
  readonly asgIds?: readonly string[];
}

/** A value aksnet filled in because the artefact left it out, and the fact it comes from. */
export interface AppliedDefault {
  /** Where the value belongs, e.g. `pools[nodepool1].maxPods` or `networkProfile.serviceCidr`. */
  readonly field: string;
  readonly value: string;
  /** The id of the constant in model/facts.ts. */
  readonly factId: string;
  readonly origin: Origin;
}

/** Outbound connectivity of a cluster. */
export interface Outbound {
  readonly type: OutboundType;
  readonly loadBalancerSku: 'standard' | 'basic';
  /** Number of outbound public IPs (managed count, or the BYO IP / prefix list length). */
  readonly outboundIps: number;
  /** SNAT ports per node; 0 = Azure's automatic allocation by backend pool size. */
  readonly allocatedOutboundPorts: number;
}

/** A Kubernetes cluster on Azure: AKS (`kind: aks`) or self-managed on VMs (`kind: self-managed`). */
export interface Cluster extends AzureResource {
  readonly kind: 'aks' | 'self-managed';
  readonly kubernetesVersion?: string;
  readonly networkMode: NetworkMode;
  /** The AKS `networkPlugin` as given or defaulted; absent for self-managed clusters. */
  readonly networkPlugin?: 'azure' | 'kubenet' | 'none';
  readonly networkPolicy: PolicyEngineName;
  readonly dataplane: Dataplane;
  /** Azure CNI `networkMode` (host networking of pods); absent = transparent for current clusters. */
  readonly bridgeMode?: 'transparent' | 'bridge';
  readonly selfManagedCni?: SelfManagedCni;
  /** Per-node pod CIDR mask (kubenet and overlay: 24; self-managed: --node-cidr-mask-size). */
  readonly nodeCidrMaskSize: number;
  /** Pod address ranges (kubenet, overlay, self-managed cluster CIDR); empty when pods use VNet addresses. */
  readonly podCidrs: readonly Cidr[];
  readonly serviceCidrs: readonly Cidr[];
  readonly dnsServiceIp?: Ip;
  readonly ipFamilies: readonly IpFamily[];
  readonly outbound: Outbound;
  readonly privateCluster: boolean;
  /** Route table the cloud provider writes per-node pod routes into (kubenet, self-managed UDR designs). */
  readonly routeTableId?: string;
  /** True when AKS creates the VNet itself (no pool names a subnet). */
  readonly managedVnet: boolean;
  readonly pools: readonly NodePool[];
  readonly defaults: readonly AppliedDefault[];
}

/** Address ranges outside Azure that the design must not overlap (VPN / ExpressRoute), from native YAML. */
export interface ExternalRange {
  readonly name: string;
  readonly cidr: Cidr;
  readonly origin: Origin;
}

/** An application security group: a named set of NICs that NSG rules can name instead of addresses. */
export type ApplicationSecurityGroup = AzureResource;

/**
 * How a NIC's private address is known. `static`: written in the input; `dynamic`: Azure assigns it and the input
 * shows the address it got (az/ARM output); `unknown`: Azure assigns it and the input does not say which
 * (a template or plan before deployment, a script without --private-ip-address).
 */
export type PrivateIpKnowledge = 'static' | 'dynamic' | 'unknown';

/**
 * One IP configuration of a NIC. `privateIp` absent = not known (see `knowledge`); `subnetId` absent = not given.
 * `asgIds`: ASGs this configuration is a member of (lower-cased ids; empty = none; `asgsUnknown` true when the input
 * says there are some but not which, e.g. Terraform "known after apply"). `publicIpId`: the public IP attached, if any.
 */
export interface NicIpConfiguration {
  readonly name: string;
  readonly subnetId?: string;
  readonly privateIp?: Ip;
  readonly knowledge: PrivateIpKnowledge;
  readonly asgIds: readonly string[];
  readonly asgsUnknown?: boolean;
  readonly publicIpId?: string;
  readonly origin: Origin;
}

/**
 * A network interface (of a VM that is not an AKS node: jumpboxes, appliances, databases). `nsgId` absent = no NIC
 * NSG; `vmName` absent = the input does not say which VM it is attached to. `ipConfigurations` empty = none known.
 */
export interface NetworkInterface extends AzureResource {
  readonly ipConfigurations: readonly NicIpConfiguration[];
  readonly nsgId?: string;
  readonly vmName?: string;
}

/** Public IP SKUs. A Basic address cannot front a Standard load balancer and vice versa (AZ:virtual-network/ip-services/public-ip-addresses). */
export type PublicIpSku = 'basic' | 'standard';
/** Every public IP SKU. */
export const PUBLIC_IP_SKUS: readonly PublicIpSku[] = ['basic', 'standard'];

/**
 * A public IP address resource. `sku` as given or defaulted (see `skuDefaulted`); `allocation` static or dynamic;
 * `address` absent = not known from the input (not yet allocated, or a plan / template).
 */
export interface PublicIpAddress extends AzureResource {
  readonly sku: PublicIpSku;
  /** True when the input did not give the SKU and aksnet assumed the tool's default. */
  readonly skuDefaulted?: boolean;
  readonly allocation: 'static' | 'dynamic';
  readonly address?: Ip;
}
