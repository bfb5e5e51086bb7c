// Services as the control plane would realise them: ClusterIPs, NodePorts, LoadBalancer frontends and endpoints.
// Everything the input leaves out is filled deterministically (in namespace/name order), and every fill is stated.
import {
  cidrContainsIp, cidrFirst, cidrLast, formatIp, ipEquals, makeIp, parseCidr, parseIp, type Cidr, type Ip, type L4Protocol,
} from '../engines/net/index.js';
import type { Cluster, Subnet } from '../model/azure.js';
import type { Diagnostic } from '../model/diagnostic.js';
import {
  AZURE_SUBNET_RESERVED_IPS, DEFAULT_SERVICE_CIDR, KUBERNETES_SERVICE_IP_OFFSET, LB_INTERNAL_ANNOTATION,
  LB_INTERNAL_SUBNET_ANNOTATION, LB_IPV4_ANNOTATION, NODE_PORT_RANGE,
} from '../model/facts.js';
import type { Pod, Service } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { poolIpam, subnetIpv4Prefix } from './demand.js';
import type { DerivedNode } from './types.js';

/** Diagnostic codes of Service derivation (AKS42xx: Services and load balancers). Stable: only add. */
export const SERVICE_CODES = {
  /** The service CIDR has no free address for a Service without clusterIP. Error; the Service gets none. */
  CLUSTER_IP_EXHAUSTED: 'AKS4201',
  /** The NodePort range has no free port left. Error; the port gets none. */
  NODE_PORT_EXHAUSTED: 'AKS4202',
  /** An internal LoadBalancer's subnet is unknown or has no free address: the Service stays <pending>. Error. */
  INTERNAL_LB_NO_ADDRESS: 'AKS4203',
  /** A given clusterIP lies outside the cluster's service CIDR. Warning; it is kept. */
  CLUSTER_IP_OUTSIDE: 'AKS4204',
  /** Two Services use the same NodePort. Error. */
  NODE_PORT_CONFLICT: 'AKS4205',
} as const;

/**
 * The first address of the documentation range aksnet gives public LoadBalancer frontends it has to invent (the
 * real address is picked by Azure when the Service is created): 198.51.100.1, .2, ... in Service order.
 */
export const SYNTHETIC_PUBLIC_FRONTEND_BASE = '198.51.100.0/24';

/** One Service port with its NodePort filled in where the type needs one. */
export interface DerivedServicePort {
  readonly name?: string;
  readonly protocol: L4Protocol;
  readonly port: number;
  /** Number, or a container port name resolved per endpoint pod. */
  readonly targetPort: number | string;
  /** Present for NodePort and LoadBalancer Services (given, or allocated from NODE_PORT_RANGE). */
  readonly nodePort?: number;
  /** How `nodePort` came to be: written in the input or allocated by aksnet; absent when there is none. */
  readonly nodePortSource?: 'given' | 'allocated';
}

/**
 * One backend of a Service. `pod`: the pod behind the address (absent for an EndpointSlice address that is no pod of
 * the input); `nodeName`: where it runs (absent = unknown); `ready`: readiness (pods of the input are taken as ready:
 * the model has no pod status conditions); `source`: derived from the selector or read from an EndpointSlice.
 */
export interface ServiceEndpoint {
  readonly ip: Ip;
  readonly ready: boolean;
  readonly pod?: Pod;
  readonly nodeName?: string;
  readonly source: 'selector' | 'endpointslice';
  /** The ports of the EndpointSlice the address came from (absent for selector endpoints). */
  readonly slicePorts?: readonly { readonly name?: string; readonly port: number; readonly protocol: L4Protocol }[];
}

/**
 * The LoadBalancer frontend. `scheme`: public, or internal (annotation). `ip`: the frontend address — from the ipv4
 * annotation (`ipSource` 'annotation'), allocated from the internal subnet ('allocated', from the top of the subnet
 * downwards), or a synthetic public address ('synthetic'); absent when no address can be had (the Service would stay
 * <pending>), with `pendingReason` saying why. `subnet`: the internal LB's subnet (absent for public or unknown).
 */
export interface LoadBalancerFrontend {
  readonly scheme: 'public' | 'internal';
  readonly ip?: Ip;
  readonly ipSource?: 'annotation' | 'allocated' | 'synthetic';
  readonly subnet?: Subnet;
  readonly sku: 'standard' | 'basic';
  readonly pendingReason?: string;
}

/**
 * A Service as realised. `clusterIp`: given or allocated; absent for headless and ExternalName Services (and when
 * the service CIDR is exhausted); `clusterIpSource` says which. `endpoints`: ready and not-ready backends sorted by
 * address (empty = none). `loadBalancer`: only for type LoadBalancer. `cluster`: the cluster the Service is assumed to
 * run in (the first of the model: the model does not say), absent when the model has none.
 */
export interface DerivedService {
  readonly service: Service;
  /** `namespace/name`. */
  readonly key: string;
  readonly headless: boolean;
  readonly clusterIp?: Ip;
  readonly clusterIpSource: 'given' | 'allocated' | 'none';
  readonly ports: readonly DerivedServicePort[];
  readonly endpoints: readonly ServiceEndpoint[];
  readonly loadBalancer?: LoadBalancerFrontend;
  readonly cluster?: Cluster;
}

/** The derived Services (sorted by namespace/name), the private API server address, and what could not be done. */
export interface ServicePlan {
  readonly services: readonly DerivedService[];
  /**
   * Private clusters: the private endpoint address of the API server in the first pool's subnet (from the top of the
   * subnet, before internal LB frontends), keyed by cluster id. Absent for public clusters or unknown subnets.
   */
  readonly apiServerIps: ReadonlyMap<string, Ip>;
  readonly diagnostics: readonly Diagnostic[];
}

function matches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Allocates addresses of one subnet from the top (last usable) downwards, skipping addresses in use. */
class TopAllocator {
  private cursor: bigint;
  constructor(readonly cidr: Cidr, private readonly lo: bigint, hi: bigint, private readonly used: Set<bigint>) {
    this.cursor = hi;
  }
  next(): Ip | undefined {
    while (this.cursor >= this.lo && this.used.has(this.cursor)) this.cursor--;
    if (this.cursor < this.lo) return undefined;
    const v = this.cursor--;
    this.used.add(v);
    return makeIp(this.cidr.family, v);
  }
}

/**
 * Addresses of a subnet that nodes (and flat-CNI pod reservations) take: a node's own address, plus maxPods
 * addresses after it for flat Azure CNI (pods are pre-allocated on the node's NIC).
 */
function usedSubnetAddresses(model: Model, nodes: readonly DerivedNode[], subnet: Subnet, cidr: Cidr): Set<bigint> {
  const used = new Set<bigint>();
  for (const n of nodes) {
    if (!n.ip || !cidrContainsIp(cidr, n.ip)) continue;
    used.add(n.ip.value);
    const cluster = model.clusters.find((c) => c.id === n.clusterId);
    const pool = cluster?.pools.find((p) => p.name === n.pool);
    if (cluster && pool && poolIpam(cluster, pool) === 'flat' && (pool.vnetSubnetId ?? '') === subnet.id) {
      for (let i = 1n; i <= BigInt(Math.max(0, n.maxPods)); i++) used.add(n.ip.value + i);
    }
  }
  return used;
}

/** The subnet of a cluster's first pool (its node subnet), if in the model. */
export function clusterNodeSubnet(model: Model, cluster: Cluster): Subnet | undefined {
  const id = cluster.pools.find((p) => p.vnetSubnetId)?.vnetSubnetId;
  return id ? model.subnets.find((s) => s.id === id) : undefined;
}

function endpointsOf(model: Model, svc: Service, pods: readonly Pod[]): ServiceEndpoint[] {
  const out: ServiceEndpoint[] = [];
  if (svc.selector) {
    for (const p of pods) {
      if (p.namespace !== svc.namespace || !p.ip || !matches(svc.selector, p.labels)) continue;
      out.push({ ip: p.ip, ready: true, pod: p, ...(p.nodeName ? { nodeName: p.nodeName } : {}), source: 'selector' });
    }
  } else {
    for (const es of model.endpointSlices) {
      if (es.namespace !== svc.namespace || es.serviceName !== svc.name) continue;
      for (const a of es.addresses) {
        const pod = pods.find((p) => p.namespace === svc.namespace && (a.targetPod ? p.name === a.targetPod : p.ip !== undefined && ipEquals(p.ip, a.ip)));
        out.push({ ip: a.ip, ready: a.ready, ...(pod ? { pod } : {}), ...(pod?.nodeName ? { nodeName: pod.nodeName } : {}),
          source: 'endpointslice', slicePorts: es.ports });
      }
    }
  }
  return out.sort((a, b) => (a.ip.value < b.ip.value ? -1 : a.ip.value > b.ip.value ? 1 : 0));
}

/**
 * Realises every Service of the model, deterministically, in namespace/name order:
 * - ClusterIP: the given one; none for headless (`None`) and ExternalName; else the next free address of the first
 *   cluster's IPv4 service CIDR (facts DEFAULT_SERVICE_CIDR without a cluster) after the `kubernetes` Service
 *   (KUBERNETES_SERVICE_IP_OFFSET), skipping the DNS service IP and given ClusterIPs.
 * - NodePort / LoadBalancer ports: the given nodePort; else the next free port of NODE_PORT_RANGE.
 * - LoadBalancer frontend: internal when the internal annotation is "true" — from the internal-subnet annotation's
 *   subnet (in the VNet of the node subnet), else the node subnet — taking the ipv4 annotation's address, else the
 *   highest free address (after the private API server endpoint); public otherwise, with the ipv4 annotation's address
 *   or a synthetic one from SYNTHETIC_PUBLIC_FRONTEND_BASE.
 * - Endpoints: pods of the namespace matching the selector (with an address), or the EndpointSlices of the Service
 *   when it has no selector.
 * `pods` are the pods with addresses (derive/pods.ts); `nodes` the derived nodes.
 */
export function deriveServices(model: Model, pods: readonly Pod[], nodes: readonly DerivedNode[]): ServicePlan {
  const diagnostics: Diagnostic[] = [];
  const cluster = model.clusters[0];
  const serviceCidr = cluster?.serviceCidrs.find((c) => c.family === 4) ?? parseCidr(DEFAULT_SERVICE_CIDR.value)?.cidr;
  const services = [...model.services].sort((a, b) => {
    const ka = `${a.namespace}/${a.name}`;
    const kb = `${b.namespace}/${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

  // ClusterIPs in use: given ones and the DNS service IP.
  const usedIps = new Set<bigint>();
  if (cluster?.dnsServiceIp) usedIps.add(cluster.dnsServiceIp.value);
  for (const s of services) if (s.clusterIp && s.clusterIp !== 'None') usedIps.add(s.clusterIp.value);
  let ipCursor = serviceCidr ? cidrFirst(serviceCidr) + BigInt(KUBERNETES_SERVICE_IP_OFFSET.value) + 1n : 0n;
  const nextClusterIp = (): Ip | undefined => {
    if (!serviceCidr) return undefined;
    const hi = cidrLast(serviceCidr) - (serviceCidr.family === 4 ? 1n : 0n);
    while (ipCursor <= hi && usedIps.has(ipCursor)) ipCursor++;
    if (ipCursor > hi) return undefined;
    usedIps.add(ipCursor);
    return makeIp(serviceCidr.family, ipCursor++);
  };

  // NodePorts in use: given ones (conflicts reported).
  const usedPorts = new Map<number, string>();
  for (const s of services) {
    for (const p of s.ports) {
      if (p.nodePort === undefined) continue;
      const other = usedPorts.get(p.nodePort);
      if (other && other !== `${s.namespace}/${s.name}`) {
        diagnostics.push({ code: SERVICE_CODES.NODE_PORT_CONFLICT, severity: 'error', origin: s.origin, resource: `Service/${s.namespace}/${s.name}`,
          message: `nodePort ${p.nodePort} of Service ${s.namespace}/${s.name} is already used by Service ${other}`,
          hint: 'NodePorts are cluster-wide: give each Service its own nodePort, or leave it out to have one allocated' });
      } else usedPorts.set(p.nodePort, `${s.namespace}/${s.name}`);
    }
  }
  let portCursor = NODE_PORT_RANGE.value.min;
  const nextNodePort = (): number | undefined => {
    while (portCursor <= NODE_PORT_RANGE.value.max && usedPorts.has(portCursor)) portCursor++;
    if (portCursor > NODE_PORT_RANGE.value.max) return undefined;
    usedPorts.set(portCursor, '');
    return portCursor++;
  };

  // Subnet allocators from the top (private API server endpoints first, then internal LB frontends).
  const allocators = new Map<string, TopAllocator>();
  const allocatorFor = (subnet: Subnet): TopAllocator | undefined => {
    let a = allocators.get(subnet.id);
    if (a) return a;
    const c = subnetIpv4Prefix(subnet);
    if (!c) return undefined;
    const used = usedSubnetAddresses(model, nodes, subnet, c);
    for (const s of services) {
      const v = s.annotations[LB_IPV4_ANNOTATION.value] ? parseIp(s.annotations[LB_IPV4_ANNOTATION.value]) : undefined;
      if (v && cidrContainsIp(c, v)) used.add(v.value);
    }
    a = new TopAllocator(c, cidrFirst(c) + BigInt(AZURE_SUBNET_RESERVED_IPS.value - 1), cidrLast(c) - 1n, used);
    allocators.set(subnet.id, a);
    return a;
  };
  const apiServerIps = new Map<string, Ip>();
  for (const c of model.clusters) {
    if (!c.privateCluster) continue;
    const s = clusterNodeSubnet(model, c);
    const ip = s ? allocatorFor(s)?.next() : undefined;
    if (ip) apiServerIps.set(c.id, ip);
  }

  const base = parseCidr(SYNTHETIC_PUBLIC_FRONTEND_BASE)!.cidr;
  let publicIndex = 1n;
  const out: DerivedService[] = [];
  for (const svc of services) {
    const key = `${svc.namespace}/${svc.name}`;
    const headless = svc.clusterIp === 'None';
    let clusterIp: Ip | undefined;
    let clusterIpSource: DerivedService['clusterIpSource'] = 'none';
    if (svc.type !== 'ExternalName' && !headless) {
      if (svc.clusterIp) {
        clusterIp = svc.clusterIp;
        clusterIpSource = 'given';
        if (serviceCidr && !cidrContainsIp(serviceCidr, svc.clusterIp)) {
          diagnostics.push({ code: SERVICE_CODES.CLUSTER_IP_OUTSIDE, severity: 'warning', origin: svc.origin, resource: `Service/${key}`,
            message: `Service ${key}: clusterIP ${formatIp(svc.clusterIp)} is outside the service CIDR`,
            hint: 'the API server rejects such a Service; use an address of the service CIDR or leave clusterIP out' });
        }
      } else {
        clusterIp = nextClusterIp();
        clusterIpSource = clusterIp ? 'allocated' : 'none';
        if (!clusterIp) {
          diagnostics.push({ code: SERVICE_CODES.CLUSTER_IP_EXHAUSTED, severity: 'error', origin: svc.origin, resource: `Service/${key}`,
            message: `Service ${key}: the service CIDR has no free address left`, hint: 'a larger service CIDR, or fewer Services' });
        }
      }
    }
    const needsNodePort = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
    const ports: DerivedServicePort[] = svc.ports.map((p) => {
      if (!needsNodePort) return { ...p, nodePort: undefined };
      if (p.nodePort !== undefined) return { ...p, nodePortSource: 'given' as const };
      const np = nextNodePort();
      if (np === undefined) {
        diagnostics.push({ code: SERVICE_CODES.NODE_PORT_EXHAUSTED, severity: 'error', origin: svc.origin, resource: `Service/${key}`,
          message: `Service ${key} port ${p.port}: no free NodePort left in ${NODE_PORT_RANGE.value.min}-${NODE_PORT_RANGE.value.max}`,
          hint: 'fewer NodePort/LoadBalancer Services' });
        return { ...p };
      }
      return { ...p, nodePort: np, nodePortSource: 'allocated' as const };
    }).map((p) => {
      const { nodePort, ...rest } = p;
      return nodePort === undefined ? rest : { ...rest, nodePort };
    });
    let loadBalancer: LoadBalancerFrontend | undefined;
    if (svc.type === 'LoadBalancer') {
      const sku = cluster?.outbound.loadBalancerSku ?? 'standard';
      const fixed = svc.annotations[LB_IPV4_ANNOTATION.value] ? parseIp(svc.annotations[LB_IPV4_ANNOTATION.value]) : undefined;
      if (svc.annotations[LB_INTERNAL_ANNOTATION.value] === 'true') {
        const nodeSubnet = cluster ? clusterNodeSubnet(model, cluster) : undefined;
        const wanted = svc.annotations[LB_INTERNAL_SUBNET_ANNOTATION.value];
        const subnet = wanted
          ? model.subnets.find((s) => s.name === wanted && (!nodeSubnet || s.vnetId === nodeSubnet.vnetId))
          : nodeSubnet;
        if (!subnet) {
          const reason = wanted ? `internal subnet ${wanted} is not in the input (or not in the cluster's VNet)` : 'the node subnet is not in the input';
          loadBalancer = { scheme: 'internal', sku, ...(fixed ? { ip: fixed, ipSource: 'annotation' as const } : { pendingReason: reason }) };
        } else if (fixed) {
          loadBalancer = { scheme: 'internal', sku, subnet, ip: fixed, ipSource: 'annotation' };
        } else {
          const ip = allocatorFor(subnet)?.next();
          loadBalancer = ip ? { scheme: 'internal', sku, subnet, ip, ipSource: 'allocated' }
            : { scheme: 'internal', sku, subnet, pendingReason: `subnet ${subnet.name} has no free address for the frontend` };
        }
        if (!loadBalancer.ip) {
          diagnostics.push({ code: SERVICE_CODES.INTERNAL_LB_NO_ADDRESS, severity: 'error', origin: svc.origin, resource: `Service/${key}`,
            message: `internal LoadBalancer Service ${key} will stay <pending>: ${loadBalancer.pendingReason ?? ''}`,
            hint: `name a subnet with free addresses in ${LB_INTERNAL_SUBNET_ANNOTATION.value}, or give the address in ${LB_IPV4_ANNOTATION.value}` });
        }
      } else {
        const ip = fixed ?? makeIp(4, base.base + publicIndex++);
        loadBalancer = { scheme: 'public', sku, ...(ip ? { ip, ipSource: fixed ? 'annotation' as const : 'synthetic' as const } : {}) };
      }
    }
    out.push({
      service: svc, key, headless, ...(clusterIp ? { clusterIp } : {}), clusterIpSource, ports,
      endpoints: endpointsOf(model, svc, pods), ...(loadBalancer ? { loadBalancer } : {}), ...(cluster ? { cluster } : {}),
    });
  }
  return { services: out, apiServerIps, diagnostics };
}

/**
 * The container port a Service port targets on one endpoint pod: a number as is; a name looked up among the pod's
 * container ports of the same protocol. Undefined when the pod has no port of that name (the endpoint is not used
 * for that Service port). Without a pod (an EndpointSlice address), a name resolves to the slice's port number if
 * the caller passes it as `slicePort`.
 */
export function resolveTargetPort(port: DerivedServicePort, pod: Pod | undefined, slicePort?: number): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (!pod) return slicePort;
  return pod.ports.find((c) => c.name === port.targetPort && c.protocol === port.protocol)?.port;
}
