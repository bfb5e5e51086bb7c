// The shared ARM-shape converter: every Azure artefact family (az JSON, ARM templates, Terraform plans, az scripts,
// native YAML) maps its input to the ARM shapes of arm-shape.ts and calls these functions, which validate every
// field, fill AKS's defaults exactly once (each recorded in `Cluster.defaults` with its fact id) and add the
// objects to `ctx.builder`.
//
// API (all take `at`, which gives the Origin of a path relative to the object passed, so diagnostics point at the
// user's file; for a document value use `(p) => originAt(doc, [...basePath, ...p])`):
//   convertManagedCluster(mc, at, ctx, opts)   cluster + embedded agentPoolProfiles (+ managed VNet objects)
//   convertAgentPool(pool, at, ctx, opts)      a pool read apart from its cluster; joins it in linkAzure
//   convertVNet(vnet, at, ctx, opts)           VNet + embedded subnets
//   convertSubnet(subnet, at, ctx, opts)       one subnet (id, or `vnet/subnet` name, or opts.vnetName)
//   convertNsg(nsg, at, ctx, opts)             user security rules (default rules are the NSG engine's)
//   convertRouteTable(rt, at, ctx, opts)       user-defined routes
// Timing: a cluster with at least one embedded pool is added at once. A cluster without embedded pools is built in
// linkAzure together with the pools that name it (their subnets decide the mode and the managed VNet). Pools
// converted on their own are attached in linkAzure with the cluster's defaults; pools already embedded win.
import type { AdaptContext } from '../context.js';
import type { Cidr, Ip, IpFamily } from '../../engines/net/index.js';
import { formatIp, parseCidr } from '../../engines/net/index.js';
import type {
  AppliedDefault, Cluster, Dataplane, NetworkMode, NodePool, Nsg, NsgProtocol, NsgRule, OutboundType, Peering,
  PolicyEngineName, RouteTable, Subnet, Surge, UdrRoute, VNet,
} from '../../model/azure.js';
import { NEXT_HOP_TYPES } from '../../model/azure.js';
import * as facts from '../../model/facts.js';
import { armId, normalizeId } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import type {
  ArmAgentPool, ArmManagedCluster, ArmNsg, ArmRouteTable, ArmSubnet, ArmVNet, ConvertOptions,
} from './arm-shape.js';
import { SYNTHETIC_RESOURCE_GROUP } from './arm-shape.js';
import { AZ_CODES } from './codes.js';
import {
  defaultMaxPods, defaultMaxSurge, defaultNodeCount, deriveNetworkMode, formatSurge, NETWORK_PLUGINS, parseSurge,
  type NetworkPlugin,
} from './defaults.js';
import { checkCidr, Fields, type At, type JsonObject } from './fields.js';
import { isIdOfType, parentId, resourceGroupOf } from './ids.js';
import { AGENT_POOL_FIELDS, NETWORK_PROFILE_FIELDS } from './known-fields.js';
import { azureState } from './state.js';

export type { At } from './fields.js';

const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
const OUTBOUND_TYPES: readonly OutboundType[] = [
  'loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none', 'block', 'managedNATGatewayV2',
];
const POLICY_ENGINES: readonly PolicyEngineName[] = ['none', 'azure', 'calico', 'cilium'];
const DATAPLANES: readonly Dataplane[] = ['azure', 'cilium'];
const NSG_PROTOCOLS: readonly NsgProtocol[] = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'];

function fieldsOf(value: object, at: At, ctx: AdaptContext): Fields {
  return new Fields(value as JsonObject, at, ctx.diagnostics);
}

/** The resource group for ids built from names: option, the object's `resourceGroup`, its id, or the synthetic one. */
function resourceGroupFor(f: Fields, opts: ConvertOptions): string {
  const id = f.str('id');
  return opts.resourceGroup ?? f.str('resourceGroup') ?? (id ? resourceGroupOf(id) : undefined) ?? SYNTHETIC_RESOURCE_GROUP;
}

/** Normalises an id written in a reference field, warning when it does not have the expected ARM type. */
function refTo(id: string, type: string, origin: Origin, ctx: AdaptContext, what: string): string {
  if (!isIdOfType(id, type)) {
    ctx.diagnostics.warning(AZ_CODES.INVALID_ID, `${what} "${id}" is not a ${type} resource id`, origin,
      `expected /subscriptions/<sub>/resourceGroups/<rg>/providers/${type.split('/')[0]}/...`);
  }
  return normalizeId(id);
}

// ── Managed clusters ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * Converts a managed cluster (ARM shape) with its embedded `agentPoolProfiles`, fills the AKS defaults, and adds it
 * to `ctx.builder` (with the synthetic managed VNet, subnet and — for kubenet — route table when no pool names a
 * subnet). Returns the cluster, or undefined when it was skipped (no name: reported) or deferred to linkAzure
 * (no embedded pool).
 */
export function convertManagedCluster(mc: ArmManagedCluster, at: At, ctx: AdaptContext, opts: ConvertOptions): Cluster | undefined {
  const f = fieldsOf(mc, at, ctx);
  const pools = f.objects('agentPoolProfiles');
  if (pools.length === 0) {
    const name = f.str('name');
    if (!name) return reportNoName(f, ctx, 'managed cluster');
    const rawId = f.str('id');
    const id = rawId ? normalizeId(rawId) : armId(resourceGroupFor(f, opts), CLUSTER_TYPE, name);
    azureState(ctx).deferredClusters.push({ cluster: f, id, opts });
    return undefined;
  }
  return buildCluster(f, pools, ctx, opts);
}

function reportNoName(f: Fields, ctx: AdaptContext, what: string): undefined {
  ctx.diagnostics.error(AZ_CODES.MISSING_FIELD, `${what} without a name is skipped`, f.origin, 'add its "name"');
  return undefined;
}

/** Builds and adds a cluster from its fields and its pools (embedded and/or joined in linkAzure). Internal. */
export function buildCluster(f: Fields, poolInputs: readonly Fields[], ctx: AdaptContext, opts: ConvertOptions): Cluster | undefined {
  const d = ctx.diagnostics;
  const name = f.str('name');
  if (!name) return reportNoName(f, ctx, 'managed cluster');
  const origin: Origin = { ...f.origin, kind: CLUSTER_TYPE, name };
  const rg = resourceGroupFor(f, opts);
  const rawId = f.str('id');
  const id = rawId ? normalizeId(rawId) : armId(rg, CLUSTER_TYPE, name);
  const defaults: AppliedDefault[] = [];
  const extraDefaults = opts.extraDefaults ?? [];
  const npOrigin = f.originOf('networkProfile');
  const addDefault = (field: string, value: string | number, factId: string, o: Origin = npOrigin): void => {
    defaults.push({ field, value: String(value), factId, origin: o });
  };
  const k8sVersion = f.str('currentKubernetesVersion') ?? f.str('kubernetesVersion');

  const np = f.obj('networkProfile');
  np?.warnUnknown(NETWORK_PROFILE_FIELDS, 'networkProfile');

  // Plugin and mode.
  const anyPodSubnet = poolInputs.some((p) => p.has('podSubnetID'));
  let plugin: NetworkPlugin | undefined = np?.enumOf('networkPlugin', NETWORK_PLUGINS);
  const pluginMode = np?.enumOf('networkPluginMode', ['overlay'] as const);
  let overlay = pluginMode === 'overlay';
  if (plugin === undefined) {
    plugin = 'azure';
    addDefault('networkProfile.networkPlugin', 'azure', facts.DEFAULT_NETWORK_PLUGIN.id);
    if (!overlay && !anyPodSubnet) {
      overlay = true;
      addDefault('networkProfile.networkPluginMode', 'overlay', facts.DEFAULT_NETWORK_PLUGIN.id);
    }
  }
  if (plugin !== 'azure' && pluginMode !== undefined) {
    d.warning(AZ_CODES.INCONSISTENT, `networkPluginMode "${pluginMode}" applies only to networkPlugin azure; ignored with "${plugin}"`,
      np?.originOf('networkPluginMode') ?? origin, 'remove networkPluginMode or set networkPlugin to azure');
    overlay = false;
  }
  const mode: NetworkMode = deriveNetworkMode(plugin, overlay, anyPodSubnet);

  // Dataplane and policy engine.
  let dataplane = np?.enumOf('networkDataplane', DATAPLANES);
  if (dataplane === undefined && np?.str('ebpfDataplane')?.toLowerCase() === 'cilium') dataplane = 'cilium';
  if (dataplane === undefined) {
    dataplane = facts.DEFAULT_NETWORK_DATAPLANE.value;
    addDefault('networkProfile.networkDataplane', dataplane, facts.DEFAULT_NETWORK_DATAPLANE.id);
  }
  let policy = np?.enumOf('networkPolicy', POLICY_ENGINES);
  if (policy === undefined) {
    if (dataplane === 'cilium') {
      policy = facts.CILIUM_DATAPLANE_POLICY.value;
      addDefault('networkProfile.networkPolicy', policy, facts.CILIUM_DATAPLANE_POLICY.id);
    } else {
      policy = facts.DEFAULT_NETWORK_POLICY.value;
      addDefault('networkProfile.networkPolicy', policy, facts.DEFAULT_NETWORK_POLICY.id);
    }
  } else if (policy === 'cilium' && dataplane !== 'cilium') {
    d.warning(AZ_CODES.INCONSISTENT, 'networkPolicy cilium requires networkDataplane cilium', np?.originOf('networkPolicy') ?? origin,
      'set networkDataplane to cilium, or choose networkPolicy azure or calico');
  } else if (dataplane === 'cilium' && (policy === 'azure' || policy === 'calico')) {
    d.warning(AZ_CODES.INCONSISTENT, `networkPolicy ${policy} cannot run with networkDataplane cilium (Cilium enforces policy)`,
      np?.originOf('networkPolicy') ?? origin, 'set networkPolicy to cilium');
  }

  let bridgeMode = np?.enumOf('networkMode', ['transparent', 'bridge'] as const);
  if (bridgeMode !== undefined && plugin !== 'azure') {
    d.warning(AZ_CODES.INCONSISTENT, `networkMode "${bridgeMode}" applies only to networkPlugin azure; ignored`,
      np?.originOf('networkMode') ?? origin, 'remove networkMode');
    bridgeMode = undefined;
  }

  // Address families and ranges.
  let ipFamilies: IpFamily[] = [];
  for (const s of np?.strings('ipFamilies') ?? []) {
    const fam = s.text.toLowerCase() === 'ipv4' ? 4 : s.text.toLowerCase() === 'ipv6' ? 6 : undefined;
    if (fam === undefined) {
      d.error(AZ_CODES.UNKNOWN_ENUM, `unknown ipFamilies entry "${s.text}"`, s.origin, 'allowed values: IPv4, IPv6');
    } else if (!ipFamilies.includes(fam)) ipFamilies.push(fam);
  }
  if (ipFamilies.length === 0) {
    ipFamilies = [4];
    addDefault('networkProfile.ipFamilies', facts.DEFAULT_IP_FAMILIES.value.join(','), facts.DEFAULT_IP_FAMILIES.id);
  }
  const dual = ipFamilies.includes(6);

  const cidrList = (plural: string, singular: string): Cidr[] => {
    if (!np) return [];
    const many = np.strings(plural);
    if (many.length > 0) {
      return many.map((s) => checkCidr(s.text, plural, s.origin, d)).filter((c): c is Cidr => c !== undefined);
    }
    const one = np.cidr(singular);
    return one ? [one] : [];
  };

  let podCidrs = cidrList('podCidrs', 'podCidr');
  const usesPodCidr = mode === 'kubenet' || mode === 'azure-cni-overlay';
  if (usesPodCidr) {
    if (!podCidrs.some((c) => c.family === 4)) {
      podCidrs = [parseCidr(facts.DEFAULT_POD_CIDR.value)!.cidr, ...podCidrs];
      addDefault('networkProfile.podCidr', facts.DEFAULT_POD_CIDR.value, facts.DEFAULT_POD_CIDR.id);
    }
    if (dual && !podCidrs.some((c) => c.family === 6)) {
      podCidrs = [...podCidrs, parseCidr(facts.DEFAULT_POD_CIDR_V6.value)!.cidr];
      addDefault('networkProfile.podCidrs[IPv6]', facts.DEFAULT_POD_CIDR_V6.value, facts.DEFAULT_POD_CIDR_V6.id);
    }
  } else if (podCidrs.length > 0 && mode !== 'byo-cni') {
    d.warning(AZ_CODES.INCONSISTENT, `podCidr is not used in ${mode} mode (pods get addresses from a VNet subnet); ignored`,
      np?.originOf(np.has('podCidrs') ? 'podCidrs' : 'podCidr') ?? origin,
      'remove podCidr, or use networkPluginMode overlay to give pods addresses from podCidr');
    podCidrs = [];
  }

  let serviceCidrs = cidrList('serviceCidrs', 'serviceCidr');
  if (!serviceCidrs.some((c) => c.family === 4)) {
    serviceCidrs = [parseCidr(facts.DEFAULT_SERVICE_CIDR.value)!.cidr, ...serviceCidrs];
    addDefault('networkProfile.serviceCidr', facts.DEFAULT_SERVICE_CIDR.value, facts.DEFAULT_SERVICE_CIDR.id);
  }
  if (dual && !serviceCidrs.some((c) => c.family === 6)) {
    serviceCidrs = [...serviceCidrs, parseCidr(facts.DEFAULT_SERVICE_CIDR_V6.value)!.cidr];
    addDefault('networkProfile.serviceCidrs[IPv6]', facts.DEFAULT_SERVICE_CIDR_V6.value, facts.DEFAULT_SERVICE_CIDR_V6.id);
  }
  let dnsServiceIp: Ip | undefined = np?.ip('dnsServiceIP');
  if (dnsServiceIp === undefined && !np?.has('dnsServiceIP')) {
    dnsServiceIp = { family: 4, value: ipValue(facts.DEFAULT_DNS_SERVICE_IP.value) };
    addDefault('networkProfile.dnsServiceIP', facts.DEFAULT_DNS_SERVICE_IP.value, facts.DEFAULT_DNS_SERVICE_IP.id);
  }

  // Outbound.
  let outboundType = np?.enumOf('outboundType', OUTBOUND_TYPES);
  if (outboundType === undefined) {
    outboundType = facts.DEFAULT_OUTBOUND_TYPE.value;
    addDefault('networkProfile.outboundType', outboundType, facts.DEFAULT_OUTBOUND_TYPE.id);
  }
  let lbSku = np?.enumOf('loadBalancerSku', ['standard', 'basic'] as const);
  if (lbSku === undefined) {
    lbSku = facts.DEFAULT_LOAD_BALANCER_SKU.value;
    addDefault('networkProfile.loadBalancerSku', lbSku, facts.DEFAULT_LOAD_BALANCER_SKU.id);
  }
  let outboundIps = 0;
  let allocatedOutboundPorts = 0;
  const lbp = np?.obj('loadBalancerProfile');
  switch (outboundType) {
    case 'loadBalancer': {
      const byo = lbp?.obj('outboundIPs')?.list('publicIPs').length ?? 0;
      const prefixes = lbp?.obj('outboundIPPrefixes')?.list('publicIPPrefixes').length ?? 0;
      const managed = lbp?.obj('managedOutboundIPs')?.count('count');
      if (byo + prefixes > 0) outboundIps = byo + prefixes;
      else if (managed !== undefined) outboundIps = managed;
      else {
        outboundIps = facts.DEFAULT_MANAGED_OUTBOUND_IPS.value;
        addDefault('networkProfile.loadBalancerProfile.managedOutboundIPs.count', outboundIps, facts.DEFAULT_MANAGED_OUTBOUND_IPS.id);
      }
      const ports = lbp?.count('allocatedOutboundPorts');
      if (ports !== undefined) allocatedOutboundPorts = ports;
      else {
        allocatedOutboundPorts = facts.DEFAULT_ALLOCATED_OUTBOUND_PORTS.value;
        addDefault('networkProfile.loadBalancerProfile.allocatedOutboundPorts', allocatedOutboundPorts, facts.DEFAULT_ALLOCATED_OUTBOUND_PORTS.id);
      }
      break;
    }
    case 'managedNATGateway':
    case 'managedNATGatewayV2': {
      const n = np?.obj('natGatewayProfile')?.obj('managedOutboundIPProfile')?.count('count');
      if (n !== undefined) outboundIps = n;
      else {
        outboundIps = facts.DEFAULT_NAT_GATEWAY_OUTBOUND_IPS.value;
        addDefault('networkProfile.natGatewayProfile.managedOutboundIPProfile.count', outboundIps, facts.DEFAULT_NAT_GATEWAY_OUTBOUND_IPS.id);
      }
      break;
    }
    case 'userDefinedRouting':
    case 'userAssignedNATGateway':
    case 'none':
    case 'block':
      break;
    default: {
      const never: never = outboundType;
      void never;
    }
  }

  const privateCluster = f.obj('apiServerAccessProfile')?.bool('enablePrivateCluster') ?? false;

  // Pools.
  const pools: NodePool[] = [];
  const seen = new Set<string>();
  poolInputs.forEach((p, index) => {
    const pool = buildPool(p, { mode, k8sVersion, opts, index, clusterName: name }, ctx, defaults);
    if (!pool) return;
    if (seen.has(pool.name)) {
      d.error(AZ_CODES.INCONSISTENT, `agent pool "${pool.name}" appears twice in cluster ${name}; the first is used`, pool.origin,
        'pool names must be unique within a cluster');
      return;
    }
    seen.add(pool.name);
    pools.push(pool);
  });

  // Managed VNet: AKS creates VNet + subnet (and a route table for kubenet) in the node resource group.
  const withSubnet = pools.filter((p) => p.vnetSubnetId !== undefined);
  const managedVnet = pools.length > 0 && withSubnet.length === 0;
  let routeTableId: string | undefined;
  let finalPools = pools;
  if (withSubnet.length > 0 && withSubnet.length < pools.length) {
    for (const p of pools.filter((x) => x.vnetSubnetId === undefined)) {
      d.warning(AZ_CODES.INCONSISTENT, `agent pool "${p.name}" names no vnetSubnetID while other pools of ${name} do`, p.origin,
        'AKS requires every pool of a cluster in your own VNet to name its subnet: add vnetSubnetID');
    }
  }
  const nodeRg = f.str('nodeResourceGroup') ?? `MC_${rg}_${name}_${f.str('location') ?? 'location'}`;
  if (managedVnet) {
    const names = facts.MANAGED_VNET_NAMES.value;
    const vnetId = armId(nodeRg, VNET_TYPE, names.vnet);
    const subnetId = armId(nodeRg, VNET_TYPE, names.vnet, 'subnets', names.subnet);
    const mOrigin: Origin = { ...origin, kind: 'managed VNet', name: names.vnet };
    if (mode === 'kubenet') {
      routeTableId = armId(nodeRg, 'Microsoft.Network/routeTables', names.routeTable);
      ctx.builder.addRouteTable({ id: routeTableId, name: names.routeTable, origin: { ...origin, kind: 'managed route table', name: names.routeTable },
        routes: [], disableBgpRoutePropagation: false, managedBy: id });
    }
    ctx.builder.addVNet({ id: vnetId, name: names.vnet, origin: mOrigin, addressSpace: [parseCidr(facts.MANAGED_VNET_ADDRESS_SPACE.value)!.cidr],
      subnetIds: [subnetId], peerings: [], location: f.str('location') });
    ctx.builder.addSubnet({ id: subnetId, name: names.subnet, origin: { ...origin, kind: 'managed subnet', name: names.subnet }, vnetId,
      prefixes: [parseCidr(facts.MANAGED_VNET_SUBNET.value)!.cidr], routeTableId, delegations: [] });
    addDefault('managedVnet.addressSpace', facts.MANAGED_VNET_ADDRESS_SPACE.value, facts.MANAGED_VNET_ADDRESS_SPACE.id, origin);
    finalPools = pools.map((p) => {
      defaults.push({ field: `pools[${p.name}].vnetSubnetId`, value: `${facts.MANAGED_VNET_SUBNET.value} (${names.subnet})`,
        factId: facts.MANAGED_VNET_SUBNET.id, origin: p.origin });
      return { ...p, vnetSubnetId: subnetId };
    });
  }

  const cluster: Cluster = {
    id, name, origin, kind: 'aks', kubernetesVersion: k8sVersion, networkMode: mode, networkPlugin: plugin, networkPolicy: policy,
    dataplane, bridgeMode, nodeCidrMaskSize: facts.DEFAULT_NODE_CIDR_MASK_V4.value, podCidrs, serviceCidrs, dnsServiceIp,
    ipFamilies, outbound: { type: outboundType, loadBalancerSku: lbSku, outboundIps, allocatedOutboundPorts }, privateCluster,
    routeTableId, managedVnet, pools: finalPools, defaults: [...defaults, ...extraDefaults],
  };
  ctx.builder.addCluster(cluster);
  azureState(ctx).clusterInfo.set(id, { opts, nodeResourceGroup: nodeRg });
  return cluster;
}

function ipValue(text: string): bigint {
  return text.split('.').reduce((acc, o) => acc * 256n + BigInt(o), 0n);
}

// ── Agent pools ──────────────────────────────────────────────────────────────────────────────────────────────

/** What a pool's defaults depend on. */
export interface PoolContext {
  readonly mode: NetworkMode;
  readonly k8sVersion?: string;
  readonly opts: ConvertOptions;
  /** Position among the cluster's pools (the first defaults to System). */
  readonly index: number;
  readonly clusterName: string;
}

/** Converts one pool, pushing the defaults it fills onto `defaults`. Undefined when skipped (reported). Internal. */
export function buildPool(p: Fields, c: PoolContext, ctx: AdaptContext, defaults: AppliedDefault[]): NodePool | undefined {
  const d = ctx.diagnostics;
  const name = p.str('name');
  if (!name) return reportNoName(p, ctx, `agent pool of cluster ${c.clusterName}`);
  p.warnUnknown(AGENT_POOL_FIELDS, `agent pool ${name}`);
  const origin: Origin = { ...p.origin, kind: 'agentPool', name };
  const field = (x: string): string => `pools[${name}].${x}`;
  const add = (x: string, value: string | number, factId: string): void => {
    defaults.push({ field: field(x), value: String(value), factId, origin });
  };

  let mode = p.enumOf('mode', ['System', 'User', 'Gateway'] as const);
  if (mode === undefined) {
    mode = c.index === 0 ? facts.DEFAULT_FIRST_POOL_MODE.value : 'User';
    add('mode', mode, facts.DEFAULT_FIRST_POOL_MODE.id);
  }
  let osType = p.enumOf('osType', ['Linux', 'Windows'] as const);
  if (osType === undefined) {
    osType = facts.DEFAULT_OS_TYPE.value;
    add('osType', osType, facts.DEFAULT_OS_TYPE.id);
  }

  let autoscale: { min: number; max: number } | undefined;
  if (p.bool('enableAutoScaling') === true) {
    const min = p.count('minCount');
    const max = p.count('maxCount');
    if (min === undefined || max === undefined) {
      d.error(AZ_CODES.MISSING_FIELD, `agent pool ${name} enables autoscaling without minCount and maxCount`, p.originOf('enableAutoScaling'),
        'set minCount and maxCount (az aks nodepool update --min-count N --max-count M)');
    } else if (min > max) {
      d.error(AZ_CODES.INCONSISTENT, `agent pool ${name}: minCount ${min} is greater than maxCount ${max}`, p.originOf('minCount'),
        'make minCount ≤ maxCount');
    } else autoscale = { min, max };
  }
  let count = p.count('count');
  if (count === undefined) {
    if (autoscale) count = autoscale.min;
    else {
      const dc = defaultNodeCount(c.opts.source);
      count = dc.value;
      add('count', count, dc.factId);
    }
  }

  let maxPods = p.count('maxPods');
  if (maxPods === undefined) {
    const dm = defaultMaxPods(c.mode, c.opts.source);
    maxPods = dm.value;
    add('maxPods', maxPods, dm.factId);
  }

  let maxSurge: Surge | undefined;
  const us = p.obj('upgradeSettings');
  const surgeField = us?.find('maxSurge');
  if (us && surgeField) {
    maxSurge = parseSurge(surgeField.value);
    if (!maxSurge) {
      d.error(AZ_CODES.INVALID_MAX_SURGE, `maxSurge ${JSON.stringify(surgeField.value)} of agent pool ${name} is neither a node count nor a percentage`,
        us.at(surgeField.path), 'write a whole number of nodes ("1") or a percentage ("33%")');
    }
  }
  if (!maxSurge) {
    const ds = defaultMaxSurge(p.str('currentOrchestratorVersion') ?? p.str('orchestratorVersion') ?? c.k8sVersion, c.opts.apiVersion);
    maxSurge = ds.surge;
    add('maxSurge', formatSurge(ds.surge), ds.factId);
  }

  const subnetRef = (key: string): string | undefined => {
    const text = p.str(key);
    return text === undefined || text.trim() === '' ? undefined : refTo(text, SUBNET_TYPE, p.originOf(key), ctx, key);
  };
  const vnetSubnetId = subnetRef('vnetSubnetID');
  let podSubnetId = subnetRef('podSubnetID');
  if (podSubnetId !== undefined && c.mode !== 'azure-cni-pod-subnet') {
    d.warning(AZ_CODES.INCONSISTENT, `podSubnetID of agent pool ${name} is not used in ${c.mode} mode; ignored`, p.originOf('podSubnetID'),
      'pod subnets need networkPlugin azure without networkPluginMode overlay');
    podSubnetId = undefined;
  }
  let podIpAllocation = p.enumOf('podIPAllocationMode', ['DynamicIndividual', 'StaticBlock'] as const);
  if (podSubnetId === undefined) {
    if (podIpAllocation !== undefined) {
      d.warning(AZ_CODES.INCONSISTENT, `podIPAllocationMode of agent pool ${name} applies only with a podSubnetID; ignored`,
        p.originOf('podIPAllocationMode'), 'add podSubnetID or remove podIPAllocationMode');
      podIpAllocation = undefined;
    }
  } else if (podIpAllocation === undefined) {
    podIpAllocation = facts.DEFAULT_POD_IP_ALLOCATION.value;
    add('podIpAllocation', podIpAllocation, facts.DEFAULT_POD_IP_ALLOCATION.id);
  }

  const asgIds = poolAsgs(p, name, ctx);
  return {
    name, mode, osType, count, autoscale, maxPods, maxSurge, vnetSubnetId, podSubnetId, podIpAllocation,
    vmSize: p.str('vmSize'), origin, ...(asgIds.length > 0 ? { asgIds } : {}),
    ...(vnetSubnetId !== undefined ? { subnetOrigin: { ...p.originOf('vnetSubnetID'), kind: 'agentPool', name } } : {}),
    ...(podSubnetId !== undefined ? { podSubnetOrigin: { ...p.originOf('podSubnetID'), kind: 'agentPool', name } } : {}),
  };
}

/** The pool's `networkProfile.applicationSecurityGroups` (ASG ids; `{ id }` objects accepted), normalised and sorted. */
function poolAsgs(p: Fields, pool: string, ctx: AdaptContext): string[] {
  const np = p.obj('networkProfile');
  if (!np) return [];
  const out: string[] = [];
  for (const item of np.list('applicationSecurityGroups')) {
    const v = item.value;
    const id = typeof v === 'string' ? v : v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).id === 'string'
      ? (v as Record<string, string>).id : undefined;
    if (id === undefined) {
      if (v !== null) ctx.diagnostics.error(AZ_CODES.WRONG_TYPE, `each element of networkProfile.applicationSecurityGroups of agent pool ${pool} must be an ASG id`, item.at([]));
      continue;
    }
    out.push(refTo(id, 'Microsoft.Network/applicationSecurityGroups', item.at([]), ctx, 'networkProfile.applicationSecurityGroups'));
  }
  return [...new Set(out)].sort();
}

/**
 * Converts a node pool read apart from its cluster (`az aks nodepool list/show`, a Terraform node-pool resource, an
 * ARM `managedClusters/agentPools` resource). The cluster is `opts.clusterId`, else the parent of the pool's `id`,
 * else `opts.clusterName` in the resource group. The pool joins its cluster in linkAzure, with that cluster's
 * defaults; a pool of the same name embedded in the cluster wins. False when skipped (reported).
 */
export function convertAgentPool(pool: ArmAgentPool, at: At, ctx: AdaptContext,
  opts: ConvertOptions & { readonly clusterId?: string; readonly clusterName?: string }): boolean {
  const f = fieldsOf(pool, at, ctx);
  const name = f.str('name');
  if (!name) {
    reportNoName(f, ctx, 'agent pool');
    return false;
  }
  const id = f.str('id');
  const fromId = id !== undefined && isIdOfType(id, `${CLUSTER_TYPE}/agentPools`) ? parentId(id) : undefined;
  const clusterId = opts.clusterId !== undefined ? normalizeId(opts.clusterId)
    : fromId ?? (opts.clusterName !== undefined ? armId(resourceGroupFor(f, opts), CLUSTER_TYPE, opts.clusterName) : undefined);
  if (clusterId === undefined) {
    ctx.diagnostics.error(AZ_CODES.MISSING_FIELD, `agent pool ${name} does not say which cluster it belongs to; skipped`, f.origin,
      'include the pool "id" (az aks nodepool list prints it) or give the cluster');
    return false;
  }
  azureState(ctx).pendingPools.push({ pool: f, clusterId, opts });
  return true;
}

// ── Virtual networks and subnets ─────────────────────────────────────────────────────────────────────────────

/** Converts a VNet with its embedded subnets and peerings and adds them. Undefined when skipped (no name). */
export function convertVNet(vnet: ArmVNet, at: At, ctx: AdaptContext, opts: ConvertOptions): VNet | undefined {
  const f = fieldsOf(vnet, at, ctx);
  const name = f.str('name');
  if (!name) return reportNoName(f, ctx, 'virtual network');
  const rg = resourceGroupFor(f, opts);
  const rawId = f.str('id');
  const id = rawId ? normalizeId(rawId) : armId(rg, VNET_TYPE, name);
  const addressSpace: Cidr[] = [];
  for (const s of f.obj('addressSpace')?.strings('addressPrefixes') ?? []) {
    const c = checkCidr(s.text, 'addressSpace.addressPrefixes', s.origin, ctx.diagnostics);
    if (c) addressSpace.push(c);
  }
  const subnetIds: string[] = [];
  for (const s of f.objects('subnets')) {
    const sub = subnetFrom(s, ctx, { ...opts, resourceGroup: rg }, { id, name });
    if (sub) subnetIds.push(sub.id);
  }
  const peerings: Peering[] = [];
  for (const p of f.objects('virtualNetworkPeerings')) {
    const remote = p.refId('remoteVirtualNetwork');
    const space = (p.obj('remoteAddressSpace') ?? p.obj('remoteVirtualNetworkAddressSpace'))?.strings('addressPrefixes') ?? [];
    peerings.push({
      name: p.str('name') ?? '', remoteVnetId: remote ? normalizeId(remote.id) : undefined,
      remoteAddressSpace: space.map((s) => checkCidr(s.text, 'remoteAddressSpace', s.origin, ctx.diagnostics)).filter((c): c is Cidr => !!c),
      origin: p.origin,
    });
  }
  const v: VNet = { id, name, origin: { ...f.origin, kind: VNET_TYPE, name }, addressSpace, subnetIds, peerings, location: f.str('location') };
  ctx.builder.addVNet(v);
  return v;
}

/**
 * Converts one subnet and adds it. Its VNet comes from `opts.vnetId`/`opts.vnetName`, else the subnet's `id`, else
 * a `vnet/subnet` name (ARM child resources). Undefined when skipped (reported).
 */
export function convertSubnet(subnet: ArmSubnet, at: At, ctx: AdaptContext,
  opts: ConvertOptions & { readonly vnetId?: string; readonly vnetName?: string }): Subnet | undefined {
  const f = fieldsOf(subnet, at, ctx);
  const rg = resourceGroupFor(f, opts);
  const vnet = opts.vnetId !== undefined
    ? { id: normalizeId(opts.vnetId), name: opts.vnetName ?? '' }
    : opts.vnetName !== undefined ? { id: armId(rg, VNET_TYPE, opts.vnetName), name: opts.vnetName } : undefined;
  return subnetFrom(f, ctx, { ...opts, resourceGroup: rg }, vnet);
}

function subnetFrom(f: Fields, ctx: AdaptContext, opts: ConvertOptions, vnet: { id: string; name: string } | undefined): Subnet | undefined {
  const d = ctx.diagnostics;
  let name = f.str('name');
  if (!name) return reportNoName(f, ctx, 'subnet');
  const rg = opts.resourceGroup ?? SYNTHETIC_RESOURCE_GROUP;
  const rawId = f.str('id');
  let id: string | undefined;
  let vnetId = vnet?.id;
  if (rawId) {
    id = normalizeId(rawId);
    vnetId = vnetId ?? parentId(rawId);
  }
  if (name.includes('/')) {
    const [vn, sn] = name.split('/');
    name = sn ?? name;
    vnetId = vnetId ?? armId(rg, VNET_TYPE, vn ?? '');
  }
  if (vnetId === undefined) {
    d.error(AZ_CODES.MISSING_FIELD, `subnet ${name} does not say which virtual network it belongs to; skipped`, f.origin,
      'include the subnet "id" (az network vnet subnet show prints it)');
    return undefined;
  }
  id = id ?? `${vnetId}/subnets/${name.toLowerCase()}`;
  const prefixes: Cidr[] = [];
  const many = f.strings('addressPrefixes');
  const texts = many.length > 0 ? many : (() => {
    const one = f.str('addressPrefix');
    return one === undefined ? [] : [{ text: one, origin: f.originOf('addressPrefix') }];
  })();
  for (const t of texts) {
    const c = checkCidr(t.text, 'addressPrefix', t.origin, d);
    if (c) prefixes.push(c);
  }
  const ref = (key: string, type: string): string | undefined => {
    const r = f.refId(key);
    return r ? refTo(r.id, type, r.origin, ctx, `${key}.id`) : undefined;
  };
  const delegations: string[] = [];
  for (const del of f.objects('delegations')) {
    const s = del.str('serviceName');
    if (s !== undefined) delegations.push(s);
  }
  const s: Subnet = {
    id, name, origin: { ...f.origin, kind: SUBNET_TYPE, name }, vnetId, prefixes,
    routeTableId: ref('routeTable', 'Microsoft.Network/routeTables'),
    nsgId: ref('networkSecurityGroup', 'Microsoft.Network/networkSecurityGroups'),
    natGatewayId: ref('natGateway', 'Microsoft.Network/natGateways'),
    delegations: delegations.sort(),
  };
  ctx.builder.addSubnet(s);
  return s;
}

// ── NSGs and route tables ────────────────────────────────────────────────────────────────────────────────────

/** Converts an NSG's user rules and adds it (defaultSecurityRules are skipped). Undefined when skipped. */
export function convertNsg(nsg: ArmNsg, at: At, ctx: AdaptContext, opts: ConvertOptions): Nsg | undefined {
  const f = fieldsOf(nsg, at, ctx);
  const name = f.str('name');
  if (!name) return reportNoName(f, ctx, 'network security group');
  const rawId = f.str('id');
  const id = rawId ? normalizeId(rawId) : armId(resourceGroupFor(f, opts), 'Microsoft.Network/networkSecurityGroups', name);
  const rules = f.objects('securityRules').map((r) => convertSecurityRule(r, ctx)).filter((r): r is NsgRule => r !== undefined);
  const n: Nsg = { id, name, origin: { ...f.origin, kind: 'Microsoft.Network/networkSecurityGroups', name }, rules };
  ctx.builder.addNsg(n);
  return n;
}

/** Converts one security rule (flattened or with `properties`); undefined when a required field is missing. */
export function convertSecurityRule(r: Fields, ctx: AdaptContext): NsgRule | undefined {
  const d = ctx.diagnostics;
  const name = r.str('name');
  if (!name) return reportNoName(r, ctx, 'security rule');
  const priority = r.count('priority');
  const direction = r.enumOf('direction', ['Inbound', 'Outbound'] as const);
  const access = r.enumOf('access', ['Allow', 'Deny'] as const);
  const protocol = r.enumOf('protocol', NSG_PROTOCOLS);
  const missing = [priority === undefined && !r.has('priority') ? 'priority' : '', direction === undefined && !r.has('direction') ? 'direction' : '',
    access === undefined && !r.has('access') ? 'access' : '', protocol === undefined && !r.has('protocol') ? 'protocol' : ''].filter(Boolean);
  if (missing.length > 0) {
    d.error(AZ_CODES.MISSING_FIELD, `security rule ${name} lacks ${missing.join(', ')}; skipped`, r.origin, 'every NSG rule needs priority, direction, access and protocol');
  }
  if (priority === undefined || direction === undefined || access === undefined || protocol === undefined) return undefined;
  const merged = (singular: string, plural: string, kind: 'address' | 'port'): string[] => {
    const out: { text: string; origin: Origin }[] = [];
    const one = r.str(singular);
    if (one !== undefined && one !== '') out.push({ text: one, origin: r.originOf(singular) });
    out.push(...r.strings(plural));
    for (const o of out) (kind === 'address' ? checkAddress : checkPort)(o.text, singular, o.origin, ctx);
    return out.map((o) => o.text.trim());
  };
  const asgs = (key: string): string[] =>
    r.objects(key).map((a) => a.str('id')).filter((x): x is string => x !== undefined).map(normalizeId);
  return {
    name, priority, direction, access, protocol,
    sourceAddresses: merged('sourceAddressPrefix', 'sourceAddressPrefixes', 'address'),
    sourcePorts: merged('sourcePortRange', 'sourcePortRanges', 'port'),
    destinationAddresses: merged('destinationAddressPrefix', 'destinationAddressPrefixes', 'address'),
    destinationPorts: merged('destinationPortRange', 'destinationPortRanges', 'port'),
    sourceAsgIds: asgs('sourceApplicationSecurityGroups'),
    destinationAsgIds: asgs('destinationApplicationSecurityGroups'),
    origin: { ...r.origin, kind: 'securityRule', name },
  };
}

/** Address-looking entries (digits or ':') must be CIDRs or IPs; anything else is a service tag or `*`. */
function checkAddress(text: string, what: string, origin: Origin, ctx: AdaptContext): void {
  const t = text.trim();
  if (!/^[0-9:]/.test(t)) return;
  if (!t.includes('/')) {
    if (!parseCidr(t)) ctx.diagnostics.error(AZ_CODES.INVALID_CIDR, `${what} "${text}" is not an IP address or CIDR`, origin, 'write an address such as 10.0.0.0/16, a service tag or *');
    return;
  }
  checkCidr(t, what, origin, ctx.diagnostics);
}

function checkPort(text: string, what: string, origin: Origin, ctx: AdaptContext): void {
  const t = text.trim();
  if (t === '*') return;
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || lo > 65535 || hi > 65535 || lo > hi) {
    ctx.diagnostics.error(AZ_CODES.INVALID_NUMBER, `${what} "${text}" is not a port, port range or *`, origin, 'write 443, 8000-8080 or *');
  }
}

/** Converts a route table with its routes and adds it. Undefined when skipped. */
export function convertRouteTable(rt: ArmRouteTable, at: At, ctx: AdaptContext, opts: ConvertOptions): RouteTable | undefined {
  const f = fieldsOf(rt, at, ctx);
  const name = f.str('name');
  if (!name) return reportNoName(f, ctx, 'route table');
  const rawId = f.str('id');
  const id = rawId ? normalizeId(rawId) : armId(resourceGroupFor(f, opts), 'Microsoft.Network/routeTables', name);
  const routes = f.objects('routes').map((r) => convertRoute(r, ctx)).filter((r): r is UdrRoute => r !== undefined);
  const t: RouteTable = {
    id, name, origin: { ...f.origin, kind: 'Microsoft.Network/routeTables', name }, routes,
    disableBgpRoutePropagation: f.bool('disableBgpRoutePropagation') ?? false,
  };
  ctx.builder.addRouteTable(t);
  return t;
}

/** Converts one route (flattened or with `properties`); undefined when a required field is missing or invalid. */
export function convertRoute(r: Fields, ctx: AdaptContext): UdrRoute | undefined {
  const d = ctx.diagnostics;
  const name = r.str('name');
  if (!name) return reportNoName(r, ctx, 'route');
  const addressPrefix = r.str('addressPrefix');
  const nextHopType = r.enumOf('nextHopType', NEXT_HOP_TYPES);
  if (addressPrefix === undefined || (nextHopType === undefined && !r.has('nextHopType'))) {
    d.error(AZ_CODES.MISSING_FIELD, `route ${name} lacks ${addressPrefix === undefined ? 'addressPrefix' : 'nextHopType'}; skipped`, r.origin,
      'every route needs addressPrefix and nextHopType');
    return undefined;
  }
  if (nextHopType === undefined) return undefined;
  const t = addressPrefix.trim();
  const cidr = /^[0-9:]/.test(t) ? checkCidr(t, 'addressPrefix', r.originOf('addressPrefix'), d) : undefined;
  if (/^[0-9:]/.test(t) && !cidr) return undefined;
  let nextHopIp = r.ip('nextHopIpAddress');
  if (nextHopType === 'VirtualAppliance' && nextHopIp === undefined && !r.has('nextHopIpAddress')) {
    d.error(AZ_CODES.MISSING_FIELD, `route ${name} goes to a VirtualAppliance but has no nextHopIpAddress`, r.origin,
      'add nextHopIpAddress (the appliance or node IP)');
  }
  if (nextHopType !== 'VirtualAppliance') nextHopIp = undefined;
  return { name, addressPrefix: t, cidr, nextHopType, nextHopIp, origin: { ...r.origin, kind: 'route', name } };
}

/** Text of a cluster default for messages (exported for plan renderers that print `Cluster.defaults`). */
export function describeDefault(d: AppliedDefault): string {
  return `${d.field} = ${d.value} (${d.factId})`;
}

/** Canonical text of an IP (for messages and tests). */
export function ipText(ip: Ip | undefined): string | undefined {
  return ip === undefined ? undefined : formatIp(ip);
}
