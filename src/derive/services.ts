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
  /**
   * Several clusters and nothing says which runs a Service (none of the pods it selects is placed on a node of a
   * cluster, no --cluster): the first cluster is assumed; or its pods run in several clusters. Info.
   */
  CLUSTER_ASSUMED: 'AKS4206',
  /** The cluster named for a Service (--cluster) is not in the input; its cluster is derived instead. Warning. */
  UNKNOWN_CLUSTER: 'AKS4207',
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
 * annotation (`ipSource` 'annotation'), from `spec.loadBalancerIP` when the annotation is absent ('spec'), allocated
 * from the internal subnet ('allocated', from the top of the subnet downwards), or a synthetic public address
 * ('synthetic'); absent when no address can be had (the Service would stay <pending>), with `pendingReason` saying
 * why. `subnet`: the internal LB's subnet (absent for public or unknown).
 */
export interface LoadBalancerFrontend {
  readonly scheme: 'public' | 'internal';
  readonly ip?: Ip;
  readonly ipSource?: 'annotation' | 'spec' | 'allocated' | 'synthetic';
  readonly subnet?: Subnet;
  readonly sku: 'standard' | 'basic';
  readonly pendingReason?: string;
}

/**
 * How the cluster of a Service was found. `given`: named by the user (Service.cluster, the --cluster option);
 * `pods`: the cluster whose nodes run the pods it selects (pod.nodeName of the input → derived node → pool →
 * cluster); `only`: the input has one cluster; `assumed`: several clusters and nothing tells — the first is taken
 * (an AKS4206 diagnostic says so); `none`: the input has no cluster.
 */
export type ServiceClusterSource = 'given' | 'pods' | 'only' | 'assumed' | 'none';

/** The cluster a Service runs in (absent when the input has none) and how that was found. */
export interface ServiceMembership {
  readonly cluster?: Cluster;
  readonly source: ServiceClusterSource;
}

/**
 * A Service as realised. `clusterIp`: given or allocated; absent for headless and ExternalName Services (and when
 * the service CIDR is exhausted); `clusterIpSource` says which. `endpoints`: ready and not-ready backends sorted by
 * address (empty = none). `loadBalancer`: only for type LoadBalancer. `cluster`: the cluster the Service runs in
 * (see serviceClusters; absent when the model has none), `clusterSource` how that was found. `healthCheckNodePort`:
 * for a LoadBalancer Service with externalTrafficPolicy Local, the node port the load balancer's HTTP health probe
 * targets (facts LB_LOCAL_HEALTH_PROBE) — given, or allocated from NODE_PORT_RANGE; absent otherwise (or when the
 * range is exhausted).
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
  readonly clusterSource: ServiceClusterSource;
  readonly healthCheckNodePort?: number;
  /** How `healthCheckNodePort` came to be: written in the input or allocated by aksnet; absent when there is none. */
  readonly healthCheckNodePortSource?: 'given' | 'allocated';
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
 * One cluster's ClusterIP and NodePort allocation: its IPv4 service CIDR (facts DEFAULT_SERVICE_CIDR without a
 * cluster), the DNS service IP and given ClusterIPs reserved; given nodePorts and healthCheckNodePorts reserved, with
 * clashes reported (NODE_PORT_CONFLICT) into `diagnostics`. `services` are the cluster's Services in order.
 */
class ClusterAllocator {
  readonly serviceCidr: Cidr | undefined;
  private readonly usedIps = new Set<bigint>();
  private readonly usedPorts = new Map<number, string>();
  private ipCursor: bigint;
  private portCursor = NODE_PORT_RANGE.value.min;

  constructor(cluster: Cluster | undefined, services: readonly Service[], diagnostics: Diagnostic[]) {
    this.serviceCidr = cluster?.serviceCidrs.find((c) => c.family === 4) ?? parseCidr(DEFAULT_SERVICE_CIDR.value)?.cidr;
    if (cluster?.dnsServiceIp) this.usedIps.add(cluster.dnsServiceIp.value);
    for (const s of services) if (s.clusterIp && s.clusterIp !== 'None') this.usedIps.add(s.clusterIp.value);
    this.ipCursor = this.serviceCidr ? cidrFirst(this.serviceCidr) + BigInt(KUBERNETES_SERVICE_IP_OFFSET.value) + 1n : 0n;
    for (const s of services) {
      const key = serviceKey(s);
      const given = [...s.ports.flatMap((p) => (p.nodePort === undefined ? [] : [{ port: p.nodePort, what: 'nodePort' }])),
        ...(s.healthCheckNodePort !== undefined && s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local'
          ? [{ port: s.healthCheckNodePort, what: 'healthCheckNodePort' }] : [])];
      for (const g of given) {
        const other = this.usedPorts.get(g.port);
        if (other && other !== key) {
          diagnostics.push({ code: SERVICE_CODES.NODE_PORT_CONFLICT, severity: 'error', origin: s.origin, resource: `Service/${key}`,
            message: `${g.what} ${g.port} of Service ${key} is already used by Service ${other}${cluster ? ` in cluster ${cluster.name}` : ''}`,
            hint: 'NodePorts are cluster-wide: give each Service its own nodePort, or leave it out to have one allocated' });
        } else this.usedPorts.set(g.port, key);
      }
    }
  }

  /** The next free ClusterIP (after the `kubernetes` Service's), or undefined when the CIDR is exhausted. */
  nextClusterIp(): Ip | undefined {
    const cidr = this.serviceCidr;
    if (!cidr) return undefined;
    const hi = cidrLast(cidr) - (cidr.family === 4 ? 1n : 0n);
    while (this.ipCursor <= hi && this.usedIps.has(this.ipCursor)) this.ipCursor++;
    if (this.ipCursor > hi) return undefined;
    this.usedIps.add(this.ipCursor);
    return makeIp(cidr.family, this.ipCursor++);
  }

  /** The next free port of NODE_PORT_RANGE, or undefined when none is left. */
  nextNodePort(): number | undefined {
    while (this.portCursor <= NODE_PORT_RANGE.value.max && this.usedPorts.has(this.portCursor)) this.portCursor++;
    if (this.portCursor > NODE_PORT_RANGE.value.max) return undefined;
    this.usedPorts.set(this.portCursor, '');
    return this.portCursor++;
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

function serviceKey(s: Service): string {
  return `${s.namespace}/${s.name}`;
}

/** The input's pods a Service selects (selector), or those its EndpointSlices name (by targetRef or address). */
function selectedInputPods(model: Model, svc: Service): Pod[] {
  if (svc.selector) return model.pods.filter((p) => p.namespace === svc.namespace && matches(svc.selector!, p.labels));
  const out: Pod[] = [];
  for (const es of model.endpointSlices) {
    if (es.namespace !== svc.namespace || es.serviceName !== svc.name) continue;
    for (const a of es.addresses) {
      const pod = model.pods.find((p) => p.namespace === svc.namespace && (a.targetPod ? p.name === a.targetPod : p.ip !== undefined && ipEquals(p.ip, a.ip)));
      if (pod) out.push(pod);
    }
  }
  return out;
}

/**
 * Which cluster runs each Service of the model (keyed `namespace/name`), and diagnostics about the choice:
 * 1. the cluster the Service names (Service.cluster, from --cluster), when the input has it (else AKS4207, go on);
 * 2. the cluster whose nodes run the pods it selects — pod.nodeName as written in the input, looked up among the
 *    derived `nodes` (pod → node → pool → cluster); the cluster with most of them, ties to the earlier in the input
 *    (pods in several clusters: AKS4206 info);
 * 3. the only cluster of the input;
 * 4. several clusters and nothing tells: the first, with an AKS4206 info diagnostic at the Service saying how to
 *    make it explicit;
 * 5. no cluster: none.
 * Pods aksnet places itself (without nodeName) tell nothing: placement round-robins over every cluster's nodes.
 */
export function serviceClusters(model: Model, nodes: readonly DerivedNode[]):
  { readonly byKey: ReadonlyMap<string, ServiceMembership>; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<string, ServiceMembership>();
  const clusterOfNode = new Map(nodes.map((n) => [n.name, n.clusterId]));
  const only = model.clusters.length === 1 ? model.clusters[0] : undefined;
  const hint = 'start the pods it selects on a node of the intended cluster (nodeName), or pass --cluster <name> '
    + '(--cluster <namespace>=<name> for one namespace)';
  for (const svc of model.services) {
    const key = serviceKey(svc);
    if (svc.cluster !== undefined) {
      const named = model.clusters.find((c) => c.name === svc.cluster);
      if (named) {
        byKey.set(key, { cluster: named, source: 'given' });
        continue;
      }
      diagnostics.push({ code: SERVICE_CODES.UNKNOWN_CLUSTER, severity: 'warning', origin: svc.origin, resource: `Service/${key}`,
        message: `Service ${key} is said to run in cluster ${svc.cluster}, which is not in the input (clusters: ${model.clusters.map((c) => c.name).join(', ') || 'none'})`,
        hint: 'name a cluster of the input in --cluster' });
    }
    const counts = new Map<string, number>();
    for (const p of selectedInputPods(model, svc)) {
      const id = p.nodeName ? clusterOfNode.get(p.nodeName) : undefined;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    if (counts.size > 0) {
      const ranked = model.clusters.filter((c) => counts.has(c.id));
      const best = ranked.reduce((a, b) => ((counts.get(b.id) ?? 0) > (counts.get(a.id) ?? 0) ? b : a));
      byKey.set(key, { cluster: best, source: 'pods' });
      if (ranked.length > 1) {
        diagnostics.push({ code: SERVICE_CODES.CLUSTER_ASSUMED, severity: 'info', origin: svc.origin, resource: `Service/${key}`,
          message: `Service ${key} selects pods running in clusters ${ranked.map((c) => `${c.name} (${counts.get(c.id) ?? 0})`).join(', ')}: it is taken to run in ${best.name}, where most of them run`,
          hint });
      }
      continue;
    }
    if (only) {
      byKey.set(key, { cluster: only, source: 'only' });
      continue;
    }
    const first = model.clusters[0];
    if (!first) {
      byKey.set(key, { source: 'none' });
      continue;
    }
    byKey.set(key, { cluster: first, source: 'assumed' });
    diagnostics.push({ code: SERVICE_CODES.CLUSTER_ASSUMED, severity: 'info', origin: svc.origin, resource: `Service/${key}`,
      message: `Service ${key}: the input has ${model.clusters.length} clusters and nothing says which runs it (no pod it selects is placed on a node of one); cluster ${first.name} is assumed`,
      hint });
  }
  return { byKey, diagnostics };
}

/**
 * Realises every Service of the model, deterministically, in namespace/name order:
 * - Cluster: serviceClusters. Addresses and ports are allocated per cluster (each has its own service CIDR and
 *   NodePort range).
 * - ClusterIP: the given one; none for headless (`None`) and ExternalName; else the next free address of its
 *   cluster's IPv4 service CIDR (facts DEFAULT_SERVICE_CIDR without a cluster) after the `kubernetes` Service
 *   (KUBERNETES_SERVICE_IP_OFFSET), skipping the DNS service IP and given ClusterIPs.
 * - NodePort / LoadBalancer ports: the given nodePort; else the next free port of NODE_PORT_RANGE. A LoadBalancer
 *   Service with externalTrafficPolicy Local also gets its healthCheckNodePort: the given one, else the next free
 *   port after its nodePorts.
 * - LoadBalancer frontend: internal when the internal annotation is "true" — from the internal-subnet annotation's
 *   subnet (in the VNet of the node subnet), else the node subnet — taking the ipv4 annotation's address, else the
 *   highest free address (after the private API server endpoint); public otherwise, with the ipv4 annotation's address
 *   or a synthetic one from SYNTHETIC_PUBLIC_FRONTEND_BASE.
 * - Endpoints: pods of the namespace matching the selector (with an address), or the EndpointSlices of the Service
 *   when it has no selector.
 * `pods` are the pods with addresses (derive/pods.ts); `nodes` the derived nodes.
 */
export function deriveServices(model: Model, pods: readonly Pod[], nodes: readonly DerivedNode[]): ServicePlan {
  const membership = serviceClusters(model, nodes);
  const diagnostics: Diagnostic[] = [...membership.diagnostics];
  const services = [...model.services].sort((a, b) => {
    const ka = serviceKey(a);
    const kb = serviceKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const clusterOf = (s: Service): ServiceMembership => membership.byKey.get(serviceKey(s)) ?? { source: 'none' };
  const allocators0 = new Map<string, ClusterAllocator>();
  const clusterAllocator = (c: Cluster | undefined): ClusterAllocator => {
    const id = c?.id ?? '';
    let a = allocators0.get(id);
    if (!a) {
      a = new ClusterAllocator(c, services.filter((s) => (clusterOf(s).cluster?.id ?? '') === id), diagnostics);
      allocators0.set(id, a);
    }
    return a;
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
      const v = requestedFrontendIp(s)?.ip;
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
    const key = serviceKey(svc);
    const member = clusterOf(svc);
    const cluster = member.cluster;
    const alloc = clusterAllocator(cluster);
    const serviceCidr = alloc.serviceCidr;
    const nextClusterIp = (): Ip | undefined => alloc.nextClusterIp();
    const nextNodePort = (): number | undefined => alloc.nextNodePort();
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
    let healthCheck: { port: number; source: 'given' | 'allocated' } | undefined;
    if (svc.type === 'LoadBalancer' && svc.externalTrafficPolicy === 'Local') {
      if (svc.healthCheckNodePort !== undefined) healthCheck = { port: svc.healthCheckNodePort, source: 'given' };
      else {
        const hc = nextNodePort();
        if (hc === undefined) {
          diagnostics.push({ code: SERVICE_CODES.NODE_PORT_EXHAUSTED, severity: 'error', origin: svc.origin, resource: `Service/${key}`,
            message: `Service ${key}: no free port left in ${NODE_PORT_RANGE.value.min}-${NODE_PORT_RANGE.value.max} for its healthCheckNodePort`,
            hint: 'fewer NodePort/LoadBalancer Services' });
        } else healthCheck = { port: hc, source: 'allocated' };
      }
    }
    let loadBalancer: LoadBalancerFrontend | undefined;
    if (svc.type === 'LoadBalancer') {
      const sku = cluster?.outbound.loadBalancerSku ?? 'standard';
      const requested = requestedFrontendIp(svc);
      const fixed = requested?.ip;
      const fixedSource = requested?.source ?? 'annotation';
      if (svc.annotations[LB_INTERNAL_ANNOTATION.value] === 'true') {
        const nodeSubnet = cluster ? clusterNodeSubnet(model, cluster) : undefined;
        const wanted = svc.annotations[LB_INTERNAL_SUBNET_ANNOTATION.value];
        const subnet = wanted
          ? model.subnets.find((s) => s.name === wanted && (!nodeSubnet || s.vnetId === nodeSubnet.vnetId))
          : nodeSubnet;
        if (!subnet) {
          const reason = wanted ? `internal subnet ${wanted} is not in the input (or not in the cluster's VNet)` : 'the node subnet is not in the input';
          loadBalancer = { scheme: 'internal', sku, ...(fixed ? { ip: fixed, ipSource: fixedSource } : { pendingReason: reason }) };
        } else if (fixed) {
          loadBalancer = { scheme: 'internal', sku, subnet, ip: fixed, ipSource: fixedSource };
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
        loadBalancer = { scheme: 'public', sku, ...(ip ? { ip, ipSource: fixed ? fixedSource : 'synthetic' as const } : {}) };
      }
    }
    out.push({
      service: svc, key, headless, ...(clusterIp ? { clusterIp } : {}), clusterIpSource, ports,
      endpoints: endpointsOf(model, svc, pods), ...(loadBalancer ? { loadBalancer } : {}), ...(cluster ? { cluster } : {}),
      clusterSource: member.source,
      ...(healthCheck ? { healthCheckNodePort: healthCheck.port, healthCheckNodePortSource: healthCheck.source } : {}),
    });
  }
  return { services: out, apiServerIps, diagnostics };
}

/**
 * The frontend IPv4 address a LoadBalancer Service asks for, as cloud-provider-azure picks it
 * (LB_IP_ANNOTATION_OVER_SPEC): the azure-load-balancer-ipv4 annotation when set and not empty (an unparsable value
 * still wins, and then no address is requested that aksnet can use), else `spec.loadBalancerIP` when it is IPv4.
 * Undefined = none requested.
 */
export function requestedFrontendIp(svc: Service): { readonly ip: Ip; readonly source: 'annotation' | 'spec' } | undefined {
  const a = svc.annotations[LB_IPV4_ANNOTATION.value];
  if (a !== undefined && a.trim() !== '') {
    const ip = parseIp(a.trim());
    return ip ? { ip, source: 'annotation' } : undefined;
  }
  return svc.loadBalancerIp && svc.loadBalancerIp.family === 4 ? { ip: svc.loadBalancerIp, source: 'spec' } : undefined;
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
