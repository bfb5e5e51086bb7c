// ARM-shaped inputs of the shared converter (convert.ts). Every Azure artefact family maps its input to these shapes
// and calls the converter, so defaults and validation live in one place:
//   - az CLI JSON is already this shape (az flattens `properties`);
//   - ARM templates / REST output nest fields under `properties`: the converter looks there too;
//   - Terraform plans, az scripts and native YAML build these objects themselves.
// Field names match case-insensitively, so both the az spelling (`vnetSubnetId`, `dnsServiceIp`) and the ARM
// spelling (`vnetSubnetID`, `dnsServiceIP`) are accepted. `null` means absent (az prints unset fields as null).
// Every interface has an index signature: extra fields are allowed (az prints many), and raw JSON objects can be
// passed as they are; the converter validates every value it reads and reports wrong types as diagnostics.

import type { AppliedDefault } from '../../model/azure.js';

/** Which tool produced the input; decides tool-specific defaults (node count 3 in the CLI vs 1 in ARM, ...). */
export type InputSource = 'az-cli' | 'az-script' | 'arm' | 'terraform' | 'portal' | 'native';
export const INPUT_SOURCES: readonly InputSource[] = ['az-cli', 'az-script', 'arm', 'terraform', 'portal', 'native'];

/** Resource group used when the input names none (ARM `resourceGroup().name`, scripts without `-g`). */
export const SYNTHETIC_RESOURCE_GROUP = 'rg';

/** `{ "id": ... }` reference to another resource. */
export interface ArmRef {
  id?: string | null;
  [extra: string]: unknown;
}

/** `Microsoft.ContainerService/managedClusters/agentPools` (an entry of `agentPoolProfiles`, or `az aks nodepool` output). */
export interface ArmAgentPool {
  /** Pool name (required). */
  name?: string | null;
  /** Present in `az aks nodepool list/show`: `.../managedClusters/<cluster>/agentPools/<pool>`. */
  id?: string | null;
  /** Nodes; absent = DEFAULT_NODE_COUNT (CLI, scripts) or DEFAULT_NODE_COUNT_ARM (ARM, az output, Terraform). */
  count?: number | string | null;
  vmSize?: string | null;
  /** `Linux` (default) or `Windows`. */
  osType?: string | null;
  /** `System`, `User`, `Gateway`; absent = System for the first pool, User after. */
  mode?: string | null;
  /** Absent = DEFAULT_MAX_PODS of the cluster's network mode. */
  maxPods?: number | string | null;
  /** Node subnet (either spelling); absent = the AKS-managed VNet. */
  vnetSubnetId?: string | null;
  vnetSubnetID?: string | null;
  /** Pod subnet (either spelling); present = pod-subnet mode for an `azure` cluster without overlay. */
  podSubnetId?: string | null;
  podSubnetID?: string | null;
  /** `DynamicIndividual` (default with a pod subnet) or `StaticBlock`. */
  podIpAllocationMode?: string | null;
  enableAutoScaling?: boolean | string | null;
  minCount?: number | string | null;
  maxCount?: number | string | null;
  /** Kubernetes version of the pool (az: `orchestratorVersion` / `currentOrchestratorVersion`). */
  orchestratorVersion?: string | null;
  /** `maxSurge`: an integer ("1") or a percentage ("33%"); absent = 1 or 10% by API / Kubernetes version. */
  upgradeSettings?: { maxSurge?: string | number | null; [extra: string]: unknown } | null;
  [extra: string]: unknown;
}

/** `ContainerServiceNetworkProfile`. Absent fields get the defaults of shared/reference/aks-networking.md §1.1. */
export interface ArmNetworkProfile {
  /** `azure`, `kubenet`, `none`; absent = DEFAULT_NETWORK_PLUGIN (Azure CNI Overlay). */
  networkPlugin?: string | null;
  /** `overlay` (only with azure). */
  networkPluginMode?: string | null;
  /** `none`, `azure`, `calico`, `cilium`; absent = none (cilium with the cilium dataplane). */
  networkPolicy?: string | null;
  /** `azure` (default) or `cilium`. */
  networkDataplane?: string | null;
  /** Azure CNI `transparent` / `bridge`. */
  networkMode?: string | null;
  podCidr?: string | null;
  podCidrs?: string[] | null;
  serviceCidr?: string | null;
  serviceCidrs?: string[] | null;
  dnsServiceIP?: string | null;
  dnsServiceIp?: string | null;
  /** `loadBalancer` (default), `userDefinedRouting`, `managedNATGateway`, `userAssignedNATGateway`, `none`, ... */
  outboundType?: string | null;
  loadBalancerSku?: string | null;
  loadBalancerProfile?: {
    managedOutboundIPs?: { count?: number | null; [extra: string]: unknown } | null;
    outboundIPs?: { publicIPs?: ArmRef[] | null; [extra: string]: unknown } | null;
    outboundIPPrefixes?: { publicIPPrefixes?: ArmRef[] | null; [extra: string]: unknown } | null;
    allocatedOutboundPorts?: number | null;
    [extra: string]: unknown;
  } | null;
  natGatewayProfile?: { managedOutboundIPProfile?: { count?: number | null } | null; [extra: string]: unknown } | null;
  /** `IPv4`, `IPv6`; absent = [IPv4]. */
  ipFamilies?: string[] | null;
  [extra: string]: unknown;
}

/** `Microsoft.ContainerService/managedClusters` (as `az aks show` prints it, or a template resource). */
export interface ArmManagedCluster {
  /** Cluster name (required). */
  name?: string | null;
  /** ARM id; absent = armId(resourceGroup, 'Microsoft.ContainerService/managedClusters', name). */
  id?: string | null;
  location?: string | null;
  /** az prints it; used for ids when `id` is absent. */
  resourceGroup?: string | null;
  /** Node resource group (MC_...); names the managed VNet. */
  nodeResourceGroup?: string | null;
  kubernetesVersion?: string | null;
  currentKubernetesVersion?: string | null;
  agentPoolProfiles?: ArmAgentPool[] | null;
  networkProfile?: ArmNetworkProfile | null;
  apiServerAccessProfile?: { enablePrivateCluster?: boolean | null; subnetId?: string | null; [extra: string]: unknown } | null;
  /** ARM templates nest everything above here; the converter looks in both places. */
  properties?: Record<string, unknown> | null;
  [extra: string]: unknown;
}

/** `Microsoft.Network/virtualNetworks/subnets`. */
export interface ArmSubnet {
  /** Subnet name; in ARM child resources also `vnet/subnet`. */
  name?: string | null;
  id?: string | null;
  addressPrefix?: string | null;
  addressPrefixes?: string[] | null;
  routeTable?: ArmRef | null;
  networkSecurityGroup?: ArmRef | null;
  natGateway?: ArmRef | null;
  /** `[{ serviceName }]` (az) or `[{ properties: { serviceName } }]` (ARM). */
  delegations?: unknown[] | null;
  [extra: string]: unknown;
}

/** `Microsoft.Network/virtualNetworks` with its embedded subnets (as `az network vnet show` prints it). */
export interface ArmVNet {
  name?: string | null;
  id?: string | null;
  location?: string | null;
  resourceGroup?: string | null;
  addressSpace?: { addressPrefixes?: string[] | null; [extra: string]: unknown } | null;
  subnets?: ArmSubnet[] | null;
  virtualNetworkPeerings?: unknown[] | null;
  [extra: string]: unknown;
}

/** One NSG security rule; singular and plural fields are merged. */
export interface ArmSecurityRule {
  name?: string | null;
  priority?: number | string | null;
  direction?: string | null;
  access?: string | null;
  protocol?: string | null;
  sourceAddressPrefix?: string | null;
  sourceAddressPrefixes?: string[] | null;
  sourcePortRange?: string | null;
  sourcePortRanges?: string[] | null;
  destinationAddressPrefix?: string | null;
  destinationAddressPrefixes?: string[] | null;
  destinationPortRange?: string | null;
  destinationPortRanges?: string[] | null;
  sourceApplicationSecurityGroups?: ArmRef[] | null;
  destinationApplicationSecurityGroups?: ArmRef[] | null;
  [extra: string]: unknown;
}

/** `Microsoft.Network/networkSecurityGroups` (`defaultSecurityRules` are not stored: the NSG engine adds them). */
export interface ArmNsg {
  name?: string | null;
  id?: string | null;
  resourceGroup?: string | null;
  securityRules?: ArmSecurityRule[] | null;
  [extra: string]: unknown;
}

/** One user-defined route. `addressPrefix` may be a service tag. */
export interface ArmRoute {
  name?: string | null;
  addressPrefix?: string | null;
  nextHopType?: string | null;
  nextHopIpAddress?: string | null;
  [extra: string]: unknown;
}

/** `Microsoft.Network/routeTables`. */
export interface ArmRouteTable {
  name?: string | null;
  id?: string | null;
  resourceGroup?: string | null;
  routes?: ArmRoute[] | null;
  disableBgpRoutePropagation?: boolean | null;
  [extra: string]: unknown;
}

/** Options of every convert* call. */
export interface ConvertOptions {
  /** Which tool's defaults apply. */
  readonly source: InputSource;
  /** Resource group for ids built from names (absent: the object's `resourceGroup`, its id, or SYNTHETIC_RESOURCE_GROUP). */
  readonly resourceGroup?: string;
  /** ARM API version of the resource (templates); decides the maxSurge default with the Kubernetes version. */
  readonly apiVersion?: string;
  /**
   * Defaults the caller filled in before conversion (e.g. the az CLI's default pool name in a script), added to the
   * cluster's `defaults` after the converter's own. Absent or empty = none.
   */
  readonly extraDefaults?: readonly AppliedDefault[];
}
