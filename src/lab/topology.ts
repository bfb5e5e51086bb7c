// The lab's plan: which namespaces, addresses and routes realise a model on this machine. Pure (no commands run):
// `labTopology` decides everything, `script.ts` turns it into commands. IPv4 only.
import { cidrContainsIp, type Cidr, formatCidr, formatIp, type Ip, parseCidr, parseIp } from '../engines/net/index.js';
import { DEFAULT_DNS_SERVICE_IP, DEFAULT_SERVICE_CIDR } from '../model/facts.js';
import type { PlacementNode } from '../derive/pods.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { normalizeId } from '../model/model.js';
import type { UdrRoute } from '../model/azure.js';
import { LAB_CODES } from './codes.js';
import { hostVethIf, macOfIndex, macOfIp, nodeNs, podNs, vnetIf, vnetNs } from './names.js';

/**
 * How a node connects its pods (Azure CNI networkMode / the cluster's network plugin):
 * - `bridge`: Azure CNI bridge mode; bridge `azure0` in the node holds the node NIC and every pod veth (one L2
 *   segment), pods reach everything on-link, the VNet answers ARP for addresses elsewhere.
 * - `transparent`: Azure CNI transparent mode; one host-side veth per pod, a /32 route per pod in the node, pods
 *   route via 169.254.1.1 (permanent neighbour entry = host veth MAC, proxy ARP on the host veth).
 * - `kubenet`: bridge `cbr0` holding the node's pod CIDR gateway (.1), pods on it, MASQUERADE for traffic leaving
 *   the cluster's pod CIDR; the VNet routes each node's pod CIDR to the node (the route table's per-node routes).
 * - `overlay`: Azure CNI Overlay; pods as in transparent mode, the VNet routes each node's pod CIDR to the node.
 * - `flannel`: flannel's VXLAN backend with its CNI (bridge plugin): bridge `cni0` holding the node's pod CIDR
 *   gateway (.1), pods on it; a VXLAN device `flannel.1` per node carries pod traffic to other nodes' pod CIDRs
 *   (static routes, FDB and neighbour entries, as flanneld programs them); flannel's MASQUERADE rules. The VNet only
 *   routes node addresses: pod addresses never appear in it.
 * - `canal`: Canal (Calico CNI for pod interfaces and policy, flannel VXLAN between nodes): pods as in transparent
 *   mode (host-side veth, /32 route, 169.254.1.1 gateway), other nodes' pod CIDRs through `flannel.1` as in `flannel`.
 */
export type LabMode = 'bridge' | 'transparent' | 'kubenet' | 'overlay' | 'flannel' | 'canal';

/** Every lab mode, in display order. */
export const LAB_MODES: readonly LabMode[] = Object.freeze(['bridge', 'transparent', 'kubenet', 'overlay', 'flannel', 'canal'] as const);

/** Whether pod traffic between nodes crosses a flannel VXLAN device (`flannel`, `canal`) instead of the VNet. */
export function usesVxlan(mode: LabMode): boolean {
  switch (mode) {
    case 'flannel':
    case 'canal':
      return true;
    case 'bridge':
    case 'transparent':
    case 'kubenet':
    case 'overlay':
      return false;
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

/** Whether nodes of the mode carry a per-node pod CIDR (kubenet, overlay and the flannel modes). */
function hasNodePodCidr(mode: LabMode): boolean {
  return mode === 'kubenet' || mode === 'overlay' || usesVxlan(mode);
}

/** Whether pods of the mode sit on a bridge holding the node's pod CIDR (their address takes its prefix length). */
function podsOnCidrBridge(mode: LabMode): boolean {
  return mode === 'kubenet' || mode === 'flannel';
}

/** Address of the VNet side of every node link (the "subnet gateway" the nodes route through). Link-local. */
export const VNET_GATEWAY = '169.254.0.1';

/** The virtual gateway pods use in transparent and overlay modes (Azure CNI's). */
export const POD_GATEWAY = '169.254.1.1';

/** Where node addresses come from when the model has none (carrier-grade NAT space, only inside lab namespaces). */
export const SYNTHETIC_NODE_BASE = '100.64.0.0';

/** A node of the lab: its namespace, address, pod CIDR (kubenet/overlay) and the VNet interface towards it. */
export interface LabNode {
  /** Position in the lab's node list (name order); used in names. */
  readonly index: number;
  readonly name: string;
  readonly ns: string;
  /** The node's IPv4 address (its NIC in the VNet). */
  readonly ip: string;
  /** True when the model gave no node address and the lab made one up (SYNTHETIC_NODE_BASE). */
  readonly syntheticIp: boolean;
  /** The node's pod CIDR as text (kubenet, overlay, flannel, canal); absent when pods take VNet addresses. */
  readonly podCidr?: string;
  /**
   * The node's flannel VTEP (flannel and canal modes with a pod CIDR): `flannel.1`'s MAC address and its address (the
   * pod CIDR's network address, as flanneld assigns it). Absent in other modes.
   */
  readonly vtep?: { readonly mac: string; readonly ip: string };
  /** Interface in the VNet namespace leading to this node. */
  readonly vnetIf: string;
  /** Lower-cased id of the node's subnet, when the model says (for route tables). */
  readonly subnetId?: string;
}

/** A pod of the lab: its namespace, address, node, and the node-side interface name. */
export interface LabPod {
  readonly index: number;
  readonly namespace: string;
  readonly name: string;
  readonly ns: string;
  readonly ip: string;
  /** Index of the node (into LabTopology.nodes). */
  readonly node: number;
  /** Node-side veth name (inside the node namespace). */
  readonly hostIf: string;
  /** The pod interface's MAC address (fixed: macOfIp of its address), so neighbours can be written statically. */
  readonly mac: string;
  /** Prefix length of the pod's address on its interface (32, or the node pod CIDR's in kubenet mode). */
  readonly prefixLength: number;
  /** The model pod (labels, ports) with its derived address. */
  readonly pod: Pod;
}

/**
 * One route in the VNet namespace: `dev` (on-link towards a node: the node answers or proxies ARP), `via` (next hop a
 * node address), `blackhole` (Azure next hop None, or a next hop the lab does not have), with where it comes from.
 */
export interface LabRoute {
  /** Destination CIDR as text. */
  readonly dst: string;
  readonly kind: 'dev' | 'via' | 'blackhole';
  /** Node index whose VNet interface the route leaves by (dev / via). */
  readonly node?: number;
  /** Next-hop address (via). */
  readonly via?: string;
  /** `system`: node and pod addresses the VNet knows; `node-route`: a node's pod CIDR; `udr`: a user-defined route. */
  readonly source: 'system' | 'node-route' | 'udr';
  /** The UDR's name (source udr). */
  readonly name?: string;
}

/** A route table applied to traffic entering the VNet from some nodes (policy routing: `ip rule iif … table`). */
export interface LabRouteTable {
  /** Kernel routing table number. */
  readonly table: number;
  /** The route table's name as the model spells it. */
  readonly name: string;
  /** Nodes whose subnet carries the table. */
  readonly nodes: readonly number[];
  /** The system routes with the UDRs merged in (a UDR replaces a system route of the same prefix). */
  readonly routes: readonly LabRoute[];
}

/** One realised Service port: where kube-proxy sends it (endpoint pod addresses and target ports). */
export interface LabServicePort {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  readonly nodePort?: number;
  /** Endpoints, sorted: pod address and numeric target port. Empty = no ready endpoint (kube-proxy rejects). */
  readonly endpoints: readonly { readonly ip: string; readonly port: number; readonly pod: string }[];
}

/** A Service kube-proxy rules are written for (ClusterIP and NodePort/LoadBalancer types with a cluster IP). */
export interface LabService {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIp: string;
  readonly ports: readonly LabServicePort[];
}

/** Everything the lab will build. Arrays sorted (nodes by name, pods by namespace/name, routes by dst). */
export interface LabTopology {
  readonly prefix: string;
  readonly mode: LabMode;
  readonly vnetNs: string;
  readonly nodes: readonly LabNode[];
  readonly pods: readonly LabPod[];
  /** The VNet's own routes (system and per-node pod CIDR routes). */
  readonly vnetRoutes: readonly LabRoute[];
  /** Route tables with user-defined routes, each applied to traffic from the nodes of its subnets. */
  readonly routeTables: readonly LabRouteTable[];
  /** The cluster's pod CIDRs (kubenet MASQUERADE exceptions); empty when pods take VNet addresses. */
  readonly clusterPodCidrs: readonly string[];
  readonly services: readonly LabService[];
  /** What could not be realised (skipped pods, approximated routes, unrealised NSGs). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Inputs of `labTopology`: the model, its pods with derived addresses and the placement nodes. */
export interface TopologyInput {
  readonly model: Model;
  /** Pods with `ip` and `nodeName` (derive/pods planPodAddresses). */
  readonly pods: readonly Pod[];
  /** The nodes pods were placed on (planPodAddresses().nodes). */
  readonly nodes: readonly PlacementNode[];
}

/** The mode the model's cluster uses (its Azure CNI networkMode or plugin), else one suiting the engine. */
export function defaultLabMode(model: Model, engine: 'azure-npm' | 'calico'): LabMode {
  const c = model.clusters.length === 1 ? model.clusters[0] : undefined;
  if (c) {
    switch (c.networkMode) {
      case 'kubenet':
        return 'kubenet';
      case 'azure-cni-overlay':
        return 'overlay';
      case 'azure-cni-node-subnet':
      case 'azure-cni-pod-subnet':
        return c.bridgeMode ?? 'transparent';
      case 'self-managed':
        // Canal: Calico's CNI and policy on the pods, flannel's VXLAN between nodes.
        if (c.selfManagedCni === 'canal') return 'canal';
        break;
      case 'byo-cni':
        break;
      default: {
        const never: never = c.networkMode;
        throw new Error(`unknown network mode ${String(never)}`);
      }
    }
  }
  // Azure NPM programs the bridge path (bridge mode); Calico polices pod interfaces (transparent mode).
  return engine === 'azure-npm' ? 'bridge' : 'transparent';
}

function ipv4(ip: Ip | undefined): string | undefined {
  return ip && ip.family === 4 ? formatIp(ip) : undefined;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Numeric value of a dotted IPv4 address (undefined if not IPv4). */
function v4(text: string): bigint | undefined {
  const ip = parseIp(text);
  return ip && ip.family === 4 ? ip.value : undefined;
}

/** Sorts routes by destination address then prefix (deterministic output). */
function compareRoutes(a: LabRoute, b: LabRoute): number {
  const [an, ap] = a.dst.split('/');
  const [bn, bp] = b.dst.split('/');
  const av = v4(an ?? '') ?? 0n;
  const bv = v4(bn ?? '') ?? 0n;
  return av < bv ? -1 : av > bv ? 1 : Number(ap) - Number(bp);
}

/**
 * Plans the lab for `input` in `mode` under per-run `prefix`. Only nodes that host a pod get a namespace. Pods
 * without an IPv4 address or node, and hostNetwork pods, are skipped with a diagnostic.
 */
export function labTopology(input: TopologyInput, mode: LabMode, prefix: string): LabTopology {
  const diagnostics: Diagnostic[] = [];
  const placement = new Map(input.nodes.map((n) => [n.name, n]));
  const usable: Pod[] = [];
  for (const p of [...input.pods].sort((a, b) => byText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))) {
    const key = `${p.namespace}/${p.name}`;
    if (p.hostNetwork) {
      diagnostics.push({
        code: LAB_CODES.HOST_NETWORK_SKIPPED, severity: 'info', origin: p.origin, resource: `Pod/${key}`,
        message: `pod ${key} uses the host network: the lab does not probe it (its traffic is its node's)`,
      });
      continue;
    }
    if (p.ip && p.ip.family === 6) {
      diagnostics.push({
        code: LAB_CODES.IPV6_SKIPPED, severity: 'warning', origin: p.origin, resource: `Pod/${key}`,
        message: `pod ${key} has an IPv6 address: the lab realises IPv4 only`,
      });
      continue;
    }
    if (!p.ip || !p.nodeName) {
      diagnostics.push({
        code: LAB_CODES.POD_SKIPPED, severity: 'warning', origin: p.origin, resource: `Pod/${key}`,
        message: `pod ${key} has no ${p.ip ? 'node' : 'address'}: the lab does not create it`,
        hint: 'give the cluster artefact (pod ranges, node counts) or status.podIP / spec.nodeName',
      });
      continue;
    }
    usable.push(p);
  }

  // Nodes hosting a pod, in name order.
  const nodeNames = [...new Set(usable.map((p) => p.nodeName as string))].sort(byText);
  const subnetOfNode = nodeSubnets(input.model, input.nodes);
  let synthetic = 0;
  const takenIps = new Set(usable.map((p) => formatIp(p.ip as Ip)));
  const nodes: LabNode[] = nodeNames.map((name, index) => {
    const pn = placement.get(name);
    const hostIp = usable.find((p) => p.nodeName === name && p.hostIp?.family === 4)?.hostIp;
    // A node aksnet invented (no cluster artefact) takes the address its pods report as status.hostIP.
    let ip = pn?.virtual ? ipv4(hostIp) ?? ipv4(pn.ip) : ipv4(pn?.ip) ?? ipv4(hostIp);
    let syntheticIp = false;
    if (ip === undefined) {
      const base = v4(SYNTHETIC_NODE_BASE) ?? 0n;
      do ip = formatIp({ family: 4, value: base + BigInt(++synthetic) });
      while (takenIps.has(ip));
      syntheticIp = true;
    }
    takenIps.add(ip);
    const podCidr = pn?.range?.kind === 'pod-cidr' && pn.range.cidr.family === 4 ? formatCidr(pn.range.cidr) : undefined;
    const subnetId = subnetOfNode.get(name);
    return {
      index, name, ns: nodeNs(prefix, index), ip, syntheticIp, vnetIf: vnetIf(index),
      ...(podCidr && hasNodePodCidr(mode) ? { podCidr } : {}),
      ...(podCidr && usesVxlan(mode) ? { vtep: { mac: macOfIndex(1, index), ip: podCidr.split('/')[0] as string } } : {}),
      ...(subnetId ? { subnetId } : {}),
    };
  });
  const nodeIndex = new Map(nodes.map((n) => [n.name, n.index]));
  const pods: LabPod[] = usable.map((p, index) => {
    const node = nodeIndex.get(p.nodeName as string) as number;
    const n = nodes[node] as LabNode;
    const inCidr = podsOnCidrBridge(mode) && n.podCidr !== undefined && cidrText(n.podCidr, p.ip as Ip);
    const ip = formatIp(p.ip as Ip);
    return {
      index, namespace: p.namespace, name: p.name, ns: podNs(prefix, index), ip, node,
      hostIf: hostVethIf(index), mac: macOfIp(ip) ?? macOfIndex(2, index), prefixLength: inCidr ? Number(n.podCidr?.split('/')[1]) : 32, pod: p,
    };
  });

  const vnetRoutes = systemRoutes(nodes, pods, mode);
  const routeTables = udrTables(input.model, nodes, vnetRoutes, diagnostics);
  const clusterPodCidrs = [...new Set([
    ...input.model.clusters.flatMap((c) => c.podCidrs.filter((x) => x.family === 4).map(formatCidr)),
    ...(input.model.clusters.length === 0 ? nodes.flatMap((n) => (n.podCidr ? [n.podCidr] : [])) : []),
  ])].sort(byText);
  const services = labServices(input.model, pods, diagnostics);
  return { prefix, mode, vnetNs: vnetNs(prefix), nodes, pods, vnetRoutes, routeTables, clusterPodCidrs, services, diagnostics };
}

function cidrText(cidr: string, ip: Ip): boolean {
  const [base, len] = cidr.split('/');
  const b = v4(base ?? '');
  return b !== undefined && cidrContainsIp({ family: 4, base: b, prefix: Number(len) } as Cidr, ip);
}

/** Node name → lower-cased subnet id, from the cluster's pools (derived node names carry the pool). */
function nodeSubnets(model: Model, nodes: readonly PlacementNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of model.clusters) {
    for (const pool of c.pools) {
      if (!pool.vnetSubnetId) continue;
      for (const n of nodes) if (n.name.includes(`-${pool.name}-`)) out.set(n.name, normalizeId(pool.vnetSubnetId));
    }
  }
  return out;
}

/**
 * The VNet's routes: every node address on-link; pods per mode; per-node pod CIDRs (kubenet, overlay; not in the
 * flannel modes, whose pod CIDRs travel inside VXLAN between node addresses).
 */
function systemRoutes(nodes: readonly LabNode[], pods: readonly LabPod[], mode: LabMode): LabRoute[] {
  const routes: LabRoute[] = [];
  for (const n of nodes) {
    routes.push({ dst: `${n.ip}/32`, kind: 'dev', node: n.index, source: 'system' });
    if (n.podCidr && !usesVxlan(mode)) routes.push({ dst: n.podCidr, kind: 'via', node: n.index, via: n.ip, source: 'node-route' });
  }
  for (const p of pods) {
    const n = nodes[p.node] as LabNode;
    if (n.podCidr && cidrText(n.podCidr, p.pod.ip as Ip)) continue;
    // Bridge mode: pods are on the node's L2 segment and answer ARP themselves; otherwise the node routes them.
    routes.push(mode === 'bridge'
      ? { dst: `${p.ip}/32`, kind: 'dev', node: p.node, source: 'system' }
      : { dst: `${p.ip}/32`, kind: 'via', node: p.node, via: n.ip, source: 'system' });
  }
  return routes.sort(compareRoutes);
}

/** Route tables with UDRs for the nodes' subnets: system routes with the UDRs merged in. */
function udrTables(model: Model, nodes: readonly LabNode[], system: readonly LabRoute[], diagnostics: Diagnostic[]): LabRouteTable[] {
  const tables: LabRouteTable[] = [];
  const subnets = new Map(model.subnets.map((s) => [normalizeId(s.id), s]));
  const tablesById = new Map(model.routeTables.map((t) => [normalizeId(t.id), t]));
  const nodesByTable = new Map<string, number[]>();
  for (const n of nodes) {
    const rtId = n.subnetId ? subnets.get(n.subnetId)?.routeTableId : undefined;
    if (!rtId) continue;
    const k = normalizeId(rtId);
    nodesByTable.set(k, [...(nodesByTable.get(k) ?? []), n.index]);
  }
  const byIp = new Map(nodes.map((n) => [n.ip, n.index]));
  let number = 100;
  for (const [id, members] of [...nodesByTable.entries()].sort(([a], [b]) => byText(a, b))) {
    const rt = tablesById.get(id);
    if (!rt || rt.routes.length === 0) continue;
    const merged = new Map(system.map((r) => [r.dst, r]));
    for (const u of rt.routes) {
      const r = udrRoute(u, byIp, diagnostics);
      if (r) merged.set(r.dst, r);
    }
    tables.push({ table: number++, name: rt.name, nodes: members, routes: [...merged.values()].sort(compareRoutes) });
  }
  return tables;
}

function udrRoute(u: UdrRoute, byIp: ReadonlyMap<string, number>, diagnostics: Diagnostic[]): LabRoute | undefined {
  if (!u.cidr || u.cidr.family !== 4) return undefined; // service tags and IPv6 prefixes: nothing in the lab matches them
  const dst = formatCidr(u.cidr);
  switch (u.nextHopType) {
    case 'None':
      return { dst, kind: 'blackhole', source: 'udr', name: u.name };
    case 'VnetLocal':
      return undefined; // the VNet's own routes already deliver inside the VNet
    case 'VirtualAppliance': {
      const hop = ipv4(u.nextHopIp);
      const node = hop !== undefined ? byIp.get(hop) : undefined;
      if (hop !== undefined && node !== undefined) return { dst, kind: 'via', node, via: hop, source: 'udr', name: u.name };
      diagnostics.push({
        code: LAB_CODES.UDR_APPROXIMATED, severity: 'info', origin: u.origin,
        message: `route ${u.name} (${dst}) goes to appliance ${hop ?? '?'}, which is not in the lab: its traffic is dropped there`,
      });
      return { dst, kind: 'blackhole', source: 'udr', name: u.name };
    }
    case 'Internet':
    case 'VirtualNetworkGateway':
      diagnostics.push({
        code: LAB_CODES.UDR_APPROXIMATED, severity: 'info', origin: u.origin,
        message: `route ${u.name} (${dst}) leaves the VNet (${u.nextHopType}); the lab has no outside, so its traffic is dropped`,
      });
      return { dst, kind: 'blackhole', source: 'udr', name: u.name };
    default: {
      const never: never = u.nextHopType;
      throw new Error(`unknown next hop type ${String(never)}`);
    }
  }
}

/**
 * Hands out cluster IPs for Services without one: the cluster's IPv4 service CIDR (else DEFAULT_SERVICE_CIDR), from
 * offset SERVICE_IP_FIRST_OFFSET on, skipping the DNS service IP and addresses other Services already hold.
 */
function serviceIpAllocator(model: Model): () => string | undefined {
  const c = model.clusters[0];
  const cidr = c?.serviceCidrs.find((x) => x.family === 4) ?? parseCidr(DEFAULT_SERVICE_CIDR.value)?.cidr;
  const taken = new Set<string>(model.services.flatMap((s) => (s.clusterIp && s.clusterIp !== 'None' ? [formatIp(s.clusterIp)] : [])));
  taken.add(ipv4(c?.dnsServiceIp) ?? DEFAULT_DNS_SERVICE_IP.value);
  let next = SERVICE_IP_FIRST_OFFSET;
  return () => {
    if (!cidr) return undefined;
    for (; next < (1n << BigInt(32 - cidr.prefix)) - 1n; next++) {
      const ip = formatIp({ family: 4, value: cidr.base + next });
      if (!taken.has(ip)) {
        taken.add(ip);
        next++;
        return ip;
      }
    }
    return undefined;
  };
}

/** Offset in the service CIDR of the first cluster IP the lab assigns (low addresses are left to kube-dns and such). */
export const SERVICE_IP_FIRST_OFFSET = 100n;

/** Services with a cluster IP, each port with its endpoints among the lab's pods. */
function labServices(model: Model, pods: readonly LabPod[], diagnostics: Diagnostic[]): LabService[] {
  const out: LabService[] = [];
  const assign = serviceIpAllocator(model);
  for (const s of model.services) {
    const key = `${s.namespace}/${s.name}`;
    // A Service the input gives no cluster IP gets one as the API server would: from the service CIDR.
    const clusterIp = s.clusterIp === undefined ? (s.type !== 'ExternalName' ? assign() : undefined)
      : s.clusterIp !== 'None' ? ipv4(s.clusterIp) : undefined;
    if (s.type === 'ExternalName' || clusterIp === undefined || !s.selector) {
      diagnostics.push({
        code: LAB_CODES.SERVICE_SKIPPED, severity: 'info', origin: s.origin, resource: `Service/${key}`,
        message: `service ${key} is not realised (${s.type === 'ExternalName' ? 'ExternalName' : clusterIp === undefined ? 'no IPv4 cluster IP' : 'no selector'})`,
      });
      continue;
    }
    const selector = s.selector;
    const members = pods.filter((p) => p.namespace === s.namespace && Object.entries(selector).every(([k, v]) => p.pod.labels[k] === v));
    const ports: LabServicePort[] = s.ports.map((sp) => {
      const endpoints = members.flatMap((m) => {
        const port = typeof sp.targetPort === 'number'
          ? sp.targetPort
          : m.pod.ports.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.port;
        return port === undefined ? [] : [{ ip: m.ip, port, pod: `${m.namespace}/${m.name}` }];
      }).sort((a, b) => byText(a.pod, b.pod));
      return { protocol: sp.protocol, port: sp.port, ...(sp.nodePort !== undefined ? { nodePort: sp.nodePort } : {}), endpoints };
    });
    out.push({ namespace: s.namespace, name: s.name, clusterIp, ports });
  }
  return out.sort((a, b) => byText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
}
