// A compact, hand-writable description of a network and its clusters, turned into a Model. Rule examples and rule
// tests are written in this form, and the rule docs print it as YAML, so the docs show exactly what the tests run.
import { parseCidr, parseIp, type Cidr, type Ip, type IpFamily, type L4Protocol } from '../../engines/net/index.js';
import type {
  Cluster, NetworkMode, NextHopType, NodePool, NsgAccess, NsgDirection, NsgProtocol, NsgRule, OutboundType, PodIpAllocation,
  PolicyEngineName, RouteTable, SelfManagedCni, Subnet, Surge, VNet,
} from '../../model/azure.js';
import type { Service, ServicePort, ServiceType } from '../../model/k8s.js';
import {
  DEFAULT_DNS_SERVICE_IP, DEFAULT_MAX_PODS, DEFAULT_MAX_SURGE_PERCENT, DEFAULT_NODE_CIDR_MASK_V4, DEFAULT_NODE_COUNT,
  DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR,
} from '../../model/facts.js';
import { armId, ModelBuilder, type Model } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import { sketchPolicy, type SketchPolicy } from './sketch-policy.js';

export type { SketchPolicy } from './sketch-policy.js';

/**
 * A subnet of a sketched VNet. `routeTable` names a `routeTables[].name`; `nsg` names an `nsgs[].name` (absent = no
 * NSG on the subnet); `natGateway` true = a NAT gateway is attached.
 */
export interface SketchSubnet {
  readonly name: string;
  readonly prefix: string;
  readonly routeTable?: string;
  readonly nsg?: string;
  readonly natGateway?: boolean;
  /** Service names the subnet is delegated to; absent = not delegated. */
  readonly delegations?: readonly string[];
}

/** A peering: `remote` names another sketched VNet (its space is used when `addressSpace` is absent). */
export interface SketchPeering {
  readonly name: string;
  readonly remote?: string;
  readonly addressSpace?: readonly string[];
}

/** A VNet with its subnets and peerings. */
export interface SketchVNet {
  readonly name: string;
  readonly addressSpace: readonly string[];
  readonly subnets?: readonly SketchSubnet[];
  readonly peerings?: readonly SketchPeering[];
}

/** A user-defined route. */
export interface SketchRoute {
  readonly name: string;
  readonly prefix: string;
  readonly nextHopType: NextHopType;
  readonly nextHopIp?: string;
}

/** A route table and its user-defined routes (absent = none). */
export interface SketchRouteTable {
  readonly name: string;
  readonly routes?: readonly SketchRoute[];
}

/**
 * A node pool. Absent fields take the AKS defaults: count 3, maxPods per mode, maxSurge 10 %, System mode for the
 * first pool, Linux. `subnet` / `podSubnet` are `vnet/subnet`; absent `subnet` = the AKS-managed VNet.
 * `maxSurge` is a node count or a percentage such as `"33%"`. `maxCount` (with optional `minCount`) enables the autoscaler.
 */
export interface SketchPool {
  readonly name: string;
  readonly count?: number;
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly maxPods?: number;
  readonly maxSurge?: number | string;
  readonly os?: 'Linux' | 'Windows';
  readonly mode?: 'System' | 'User' | 'Gateway';
  readonly subnet?: string;
  readonly podSubnet?: string;
  readonly podIpAllocation?: PodIpAllocation;
}

/**
 * A cluster. `mode` is the IPAM mode (default `azure-cni-overlay`; `self-managed` makes a self-managed cluster with
 * `cni`). Absent CIDRs take the AKS defaults (pod CIDR only for kubenet and overlay). `routeTable` names a
 * `routeTables[].name` (kubenet / self-managed route programming).
 */
export interface SketchCluster {
  readonly name: string;
  readonly mode?: NetworkMode;
  readonly cni?: SelfManagedCni;
  readonly policy?: PolicyEngineName;
  readonly dataplane?: 'azure' | 'cilium';
  readonly kubernetesVersion?: string;
  readonly podCidr?: string;
  readonly serviceCidr?: string;
  readonly dnsServiceIp?: string;
  readonly ipv6?: boolean;
  readonly nodeCidrMaskSize?: number;
  readonly outboundType?: OutboundType;
  readonly loadBalancerSku?: 'standard' | 'basic';
  readonly outboundIps?: number;
  readonly allocatedOutboundPorts?: number;
  readonly routeTable?: string;
  readonly pools: readonly SketchPool[];
}

/**
 * One NSG security rule. Absent fields: direction Inbound, access Allow, protocol `*`, addresses and ports `*`.
 * Address lists hold CIDRs, IPs, `*` or service tags; port lists `*`, ports or `lo-hi` ranges.
 */
export interface SketchNsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction?: NsgDirection;
  readonly access?: NsgAccess;
  readonly protocol?: NsgProtocol;
  readonly source?: readonly string[];
  readonly sourcePorts?: readonly string[];
  readonly destination?: readonly string[];
  readonly destinationPorts?: readonly string[];
}

/** A network security group and its user rules (absent = only the six default rules). */
export interface SketchNsg {
  readonly name: string;
  readonly rules?: readonly SketchNsgRule[];
}

/** A Service port. Absent: protocol TCP, targetPort = port, nodePort allocated for NodePort/LoadBalancer. */
export interface SketchServicePort {
  readonly port: number;
  readonly protocol?: L4Protocol;
  readonly targetPort?: number | string;
  readonly nodePort?: number;
}

/**
 * A Kubernetes Service (namespace `default` when absent, type ClusterIP, no selector, policies Cluster, no source
 * ranges, no annotations). `cluster` names the cluster that runs it (absent = derived: the only cluster, else the
 * first — see derive/services.ts serviceClusters); `healthCheckNodePort` absent = allocated for ETP Local.
 */
export interface SketchService {
  readonly name: string;
  readonly namespace?: string;
  readonly type?: ServiceType;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly SketchServicePort[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly annotations?: Readonly<Record<string, string>>;
  readonly cluster?: string;
  readonly healthCheckNodePort?: number;
}

/**
 * A whole example: VNets, route tables, clusters, on-premises ranges, NSGs and Services (all optional). NSGs and
 * Services get their origins after every other object, so adding them never moves the other objects' lines.
 */
export interface ModelSketch {
  readonly vnets?: readonly SketchVNet[];
  readonly routeTables?: readonly SketchRouteTable[];
  readonly clusters?: readonly SketchCluster[];
  readonly onPremises?: readonly string[];
  readonly nsgs?: readonly SketchNsg[];
  readonly services?: readonly SketchService[];
  readonly policies?: readonly SketchPolicy[];
}

/** The file name sketched objects claim to come from. */
export const SKETCH_FILE = 'example.yaml';

const RG = 'rg';
/** The lower-cased ARM id of subnet `vnet/subnet` in a sketch. */
export function sketchSubnetId(ref: string): string {
  const [vnet, subnet] = ref.split('/');
  return armId(RG, 'Microsoft.Network/virtualNetworks', vnet ?? '', 'subnets', subnet ?? '');
}
/** The lower-cased ARM id of a sketched VNet. */
export function sketchVnetId(name: string): string {
  return armId(RG, 'Microsoft.Network/virtualNetworks', name);
}
/** The lower-cased ARM id of a sketched route table. */
export function sketchRouteTableId(name: string): string {
  return armId(RG, 'Microsoft.Network/routeTables', name);
}
/** The lower-cased ARM id of a sketched NSG. */
export function sketchNsgId(name: string): string {
  return armId(RG, 'Microsoft.Network/networkSecurityGroups', name);
}

function cidr(text: string): Cidr {
  const p = parseCidr(text);
  if (!p) throw new Error(`example: bad CIDR ${text}`);
  return p.cidr;
}
function ip(text: string): Ip {
  const p = parseIp(text);
  if (!p) throw new Error(`example: bad IP ${text}`);
  return p;
}
function surge(s: number | string | undefined): Surge {
  if (s === undefined) return { kind: 'percent', value: DEFAULT_MAX_SURGE_PERCENT.value };
  if (typeof s === 'number') return { kind: 'count', value: s };
  return s.endsWith('%') ? { kind: 'percent', value: Number(s.slice(0, -1)) } : { kind: 'count', value: Number(s) };
}
function plugin(mode: NetworkMode): Cluster['networkPlugin'] {
  switch (mode) {
    case 'kubenet': return 'kubenet';
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
    case 'azure-cni-overlay': return 'azure';
    case 'byo-cni': return 'none';
    case 'self-managed': return undefined;
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/**
 * Builds the Model a sketch describes. Every object gets an origin in `example.yaml` with increasing line numbers
 * (in sketch order), so findings have distinct, stable locations. Throws on malformed CIDRs: sketches are code.
 */
export function buildSketch(s: ModelSketch): Model {
  const b = new ModelBuilder();
  let line = 0;
  const at = (kind: string, name: string): Origin => ({ file: SKETCH_FILE, line: ++line, column: 1, kind, name });
  const vnetSpace = new Map((s.vnets ?? []).map((v) => [v.name, v.addressSpace]));
  for (const v of s.vnets ?? []) {
    const vo = at('VirtualNetwork', v.name);
    const vnet: VNet = {
      id: sketchVnetId(v.name), name: v.name, origin: vo, addressSpace: v.addressSpace.map(cidr),
      subnetIds: (v.subnets ?? []).map((x) => sketchSubnetId(`${v.name}/${x.name}`)),
      peerings: (v.peerings ?? []).map((p) => ({
        name: p.name,
        remoteVnetId: p.remote ? sketchVnetId(p.remote) : undefined,
        remoteAddressSpace: (p.addressSpace ?? (p.remote ? vnetSpace.get(p.remote) : undefined) ?? []).map(cidr),
        origin: at('VirtualNetworkPeering', p.name),
      })),
    };
    b.addVNet(vnet);
    for (const x of v.subnets ?? []) {
      const sub: Subnet = {
        id: sketchSubnetId(`${v.name}/${x.name}`), name: x.name, origin: at('Subnet', x.name), vnetId: vnet.id,
        prefixes: [cidr(x.prefix)], delegations: x.delegations ?? [],
        routeTableId: x.routeTable ? sketchRouteTableId(x.routeTable) : undefined,
        ...(x.nsg ? { nsgId: sketchNsgId(x.nsg) } : {}),
        natGatewayId: x.natGateway ? armId(RG, 'Microsoft.Network/natGateways', `${x.name}-nat`) : undefined,
      };
      b.addSubnet(sub);
    }
  }
  for (const r of s.routeTables ?? []) {
    const rt: RouteTable = {
      id: sketchRouteTableId(r.name), name: r.name, origin: at('RouteTable', r.name), disableBgpRoutePropagation: false,
      routes: (r.routes ?? []).map((u) => ({
        name: u.name, addressPrefix: u.prefix, cidr: parseCidr(u.prefix)?.cidr, nextHopType: u.nextHopType,
        nextHopIp: u.nextHopIp ? ip(u.nextHopIp) : undefined, origin: at('Route', u.name),
      })),
    };
    b.addRouteTable(rt);
  }
  (s.onPremises ?? []).forEach((text, i) => {
    b.externalRanges.push({ name: `onPremises[${i}]`, cidr: cidr(text), origin: at('OnPremises', text) });
  });
  for (const c of s.clusters ?? []) {
    const mode: NetworkMode = c.mode ?? 'azure-cni-overlay';
    const selfManaged = mode === 'self-managed';
    const co = at(selfManaged ? 'SelfManagedCluster' : 'Microsoft.ContainerService/managedClusters', c.name);
    const pools: NodePool[] = c.pools.map((p, i) => ({
      name: p.name,
      mode: p.mode ?? (i === 0 ? 'System' : 'User'),
      osType: p.os ?? 'Linux',
      count: p.count ?? (p.minCount ?? DEFAULT_NODE_COUNT.value),
      autoscale: p.maxCount !== undefined ? { min: p.minCount ?? 1, max: p.maxCount } : undefined,
      maxPods: p.maxPods ?? DEFAULT_MAX_PODS.value[mode],
      maxSurge: surge(p.maxSurge),
      vnetSubnetId: p.subnet ? sketchSubnetId(p.subnet) : undefined,
      podSubnetId: p.podSubnet ? sketchSubnetId(p.podSubnet) : undefined,
      podIpAllocation: p.podSubnet ? (p.podIpAllocation ?? 'DynamicIndividual') : undefined,
      origin: at('AgentPool', p.name),
    }));
    const hasPodCidr = mode === 'kubenet' || mode === 'azure-cni-overlay' || selfManaged;
    const podCidrText = c.podCidr ?? (hasPodCidr && !selfManaged ? DEFAULT_POD_CIDR.value : undefined);
    const families: IpFamily[] = c.ipv6 ? [4, 6] : [4];
    const cluster: Cluster = {
      id: armId(RG, selfManaged ? 'aksnet/selfManagedClusters' : 'Microsoft.ContainerService/managedClusters', c.name),
      name: c.name, origin: co,
      kind: selfManaged ? 'self-managed' : 'aks',
      kubernetesVersion: c.kubernetesVersion ?? '1.31',
      networkMode: mode,
      networkPlugin: plugin(mode),
      networkPolicy: c.policy ?? 'none',
      dataplane: c.dataplane ?? 'azure',
      selfManagedCni: selfManaged ? (c.cni ?? 'calico-policy-only') : undefined,
      nodeCidrMaskSize: c.nodeCidrMaskSize ?? DEFAULT_NODE_CIDR_MASK_V4.value,
      podCidrs: podCidrText ? [cidr(podCidrText)] : [],
      serviceCidrs: [cidr(c.serviceCidr ?? DEFAULT_SERVICE_CIDR.value)],
      dnsServiceIp: ip(c.dnsServiceIp ?? DEFAULT_DNS_SERVICE_IP.value),
      ipFamilies: families,
      outbound: {
        type: c.outboundType ?? (selfManaged ? 'none' : 'loadBalancer'),
        loadBalancerSku: c.loadBalancerSku ?? 'standard',
        outboundIps: c.outboundIps ?? 1,
        allocatedOutboundPorts: c.allocatedOutboundPorts ?? 0,
      },
      privateCluster: false,
      routeTableId: c.routeTable ? sketchRouteTableId(c.routeTable) : undefined,
      managedVnet: pools.every((p) => p.vnetSubnetId === undefined),
      pools,
      defaults: [],
    };
    b.addCluster(cluster);
  }
  for (const n of s.nsgs ?? []) {
    const origin = at('NetworkSecurityGroup', n.name);
    b.addNsg({
      id: sketchNsgId(n.name), name: n.name, origin,
      rules: (n.rules ?? []).map((r): NsgRule => ({
        name: r.name, priority: r.priority, direction: r.direction ?? 'Inbound', access: r.access ?? 'Allow', protocol: r.protocol ?? '*',
        sourceAddresses: r.source ?? ['*'], sourcePorts: r.sourcePorts ?? ['*'], destinationAddresses: r.destination ?? ['*'],
        destinationPorts: r.destinationPorts ?? ['*'], sourceAsgIds: [], destinationAsgIds: [], origin: at('SecurityRule', r.name),
      })),
    });
  }
  for (const v of s.services ?? []) {
    const ports: ServicePort[] = v.ports.map((p) => ({
      protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort ?? p.port, ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    }));
    const svc: Service = {
      namespace: v.namespace ?? 'default', name: v.name, type: v.type ?? 'ClusterIP', ...(v.selector ? { selector: v.selector } : {}), ports,
      externalTrafficPolicy: v.externalTrafficPolicy ?? 'Cluster', internalTrafficPolicy: 'Cluster',
      loadBalancerSourceRanges: (v.loadBalancerSourceRanges ?? []).map(cidr), annotations: v.annotations ?? {},
      ...(v.cluster !== undefined ? { cluster: v.cluster } : {}),
      ...(v.healthCheckNodePort !== undefined ? { healthCheckNodePort: v.healthCheckNodePort } : {}),
      origin: at('Service', `${v.namespace ?? 'default'}/${v.name}`),
    };
    b.services.push(svc);
  }
  for (const p of s.policies ?? []) b.policies.push(sketchPolicy(p, at(p.kind ?? 'NetworkPolicy', p.name)));
  return b.build();
}
