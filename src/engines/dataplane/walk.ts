// The packet walk: from a start (pod, node, VM address, the Internet, a peered network) to a destination address,
// through the node's own networking, Service translation, NetworkPolicy, SNAT, NSGs, route tables, appliances and
// load balancers, recording one hop per element and stopping at the first that says no. Every decision is taken by
// the engine that owns it (nsg, routing, kubeproxy, policy) with a recording tracer: the trace is their explanation.
import { cidrContainsIp, formatIp, ipEquals, makeIp, parseCidr, type Ip, type L4Protocol } from '../net/index.js';
import type { Cluster, Subnet } from '../../model/azure.js';
import type { Model } from '../../model/model.js';
import { AZURE_HOST_VIP, IP_MASQ_NON_MASQUERADE, KUBE_PROXY_LOCAL_DETECTOR, LB_LOCAL_HEALTH_PROBE } from '../../model/facts.js';
import type { Pod } from '../../model/k8s.js';
import type { Origin } from '../../model/origin.js';
import type { DerivedService } from '../../derive/services.js';
import { evaluateNsg, type NsgLevel } from '../nsg/index.js';
import { selectRoute } from '../routing/index.js';
import { proxyService, serviceHealthCheck, type ServiceEntry } from '../kubeproxy/index.js';
import type { Endpoint, FlowVia } from '../policy/index.js';
import { RecordingTracer, type FieldRewrite, type Flow, type Step, type StepAction } from '../trace-types.js';
import {
  apiServerAt, endpointAt, nodeAt, nodeNamed, podAt, privateSpace, serviceByClusterIp, serviceByFrontend, serviceByNodePort, subnetHolding,
  type DataplaneContext, type WalkNode,
} from './context.js';
import { describeOwner, nicOwning } from './nics.js';
import { decapRewrites, describeSelfManaged, encapsulate, replyTunnel, type NodeNsgs } from './encapsulation.js';
import { isSuccess, type Disposition, type Hop, type HopComponent, type PacketView, type Trace } from './types.js';

/** Address aksnet uses for the load balancer's outbound SNAT when the input gives none (documentation range). */
export const SYNTHETIC_LB_OUTBOUND_IP = '192.0.2.1';
/** Address aksnet uses for a NAT gateway's public IP (documentation range). */
export const SYNTHETIC_NAT_GATEWAY_IP = '192.0.2.2';
/** Address aksnet uses for a public API server endpoint (documentation range). */
export const SYNTHETIC_PUBLIC_API_SERVER_IP = '192.0.2.10';
/**
 * The address aksnet writes for the public API server endpoint of `cluster` (documentation range): the first public
 * cluster of the model gets SYNTHETIC_PUBLIC_API_SERVER_IP, the next ones the following addresses. Undefined for a
 * private cluster or one not in the model.
 */
export function syntheticPublicApiServerIp(model: Pick<Model, 'clusters'>, cluster: Cluster): Ip | undefined {
  const k = model.clusters.filter((c) => !c.privateCluster).findIndex((c) => c.id === cluster.id);
  if (k < 0) return undefined;
  const base = ip(SYNTHETIC_PUBLIC_API_SERVER_IP);
  return makeIp(4, base.value + BigInt(k));
}

/** Where the Azure load balancer's health probes come from (the host VIP, service tag AzureLoadBalancer). */
const HEALTH_PROBE_SOURCE = AZURE_HOST_VIP.value;


/** Where a packet starts. `vnet`: an address inside a subnet of the input (a VM, an appliance). */
export type WalkStart =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'node'; readonly node: WalkNode }
  | { readonly kind: 'vnet'; readonly ip: Ip; readonly subnet: Subnet }
  | { readonly kind: 'internet'; readonly ip: Ip }
  | { readonly kind: 'private'; readonly ip: Ip; readonly via: string };

/** The walk's packet: a Flow whose protocol is TCP or UDP (NetworkPolicy and Services only know these here). */
export interface WalkFlow extends Flow {
  readonly protocol: 'TCP' | 'UDP';
}

const MAX_HOPS = 64;

function view(f: Flow): PacketView {
  return {
    protocol: f.protocol, srcIp: formatIp(f.srcIp), ...(f.srcPort !== undefined ? { srcPort: f.srcPort } : {}),
    dstIp: formatIp(f.dstIp), ...(f.dstPort !== undefined ? { dstPort: f.dstPort } : {}),
  };
}

function ip(text: string): Ip {
  return parseCidr(text)!.cidr.family === 4 ? makeIp(4, parseCidr(text)!.cidr.base)! : makeIp(6, parseCidr(text)!.cidr.base)!;
}

/** The end of a walk segment: undefined = go on, else the disposition. */
type End = Disposition | undefined;

/** One walk. Call `start` once; read `trace()`. */
export class Walker {
  private readonly hops: Hop[] = [];
  private readonly notes = new Set<string>();
  private disposition: Disposition = 'insufficient-info';
  private blocking?: number;
  private readonly visitedAppliances = new Set<string>();
  /**
   * Set while a pod packet travels encapsulated (VXLAN) between nodes: the node `from` that wrapped it, the node `to`
   * that unwraps it, the `inner` and `outer` packets, the tunnel `device` and the encap hop's `rewrites` (decap undoes them).
   */
  private tunnel?: { readonly from: WalkNode; readonly to: string; readonly inner: WalkFlow; readonly outer: Flow & { readonly protocol: 'UDP' };
    readonly device: string; readonly rewrites: readonly FieldRewrite[] };
  /**
   * Set when the packet came in through a NodePort/LB Service with externalTrafficPolicy Cluster: the Service and
   * the client before the node masqueraded it. The policy engine's profile decides what ingress policy then sees.
   */
  private viaService?: { readonly via: FlowVia; readonly client: Ip };
  /**
   * Set by a Service translation on the client's node that also masquerades (kube-proxy's external chain): the SNAT
   * to record once the packet leaves the source (after egress policy, as POSTROUTING comes after FORWARD).
   */
  private sourceSnat?: { readonly node: WalkNode; readonly resource: string; readonly why: string };

  constructor(private readonly ctx: DataplaneContext) {}

  /** The trace so far. */
  trace(): Trace {
    return {
      disposition: this.disposition, delivered: isSuccess(this.disposition), hops: [...this.hops],
      ...(this.blocking !== undefined ? { blockingHop: this.blocking } : {}), notes: [...this.notes].sort(),
    };
  }

  /** Adds a note (an assumption the walk made). */
  note(text: string): void {
    this.notes.add(text);
  }

  /** Appends a hop. */
  hop(component: HopComponent, resource: string, action: StepAction, flow: Flow, detail: string,
    extra: { rule?: string; rewrites?: FieldRewrite[]; origin?: Origin; steps?: Step[]; packet?: PacketView } = {}): void {
    this.hops.push({
      component, resource, action, ...(extra.rule ? { rule: extra.rule } : {}), detail, packet: extra.packet ?? view(flow),
      rewrites: extra.rewrites ?? [], ...(extra.origin ? { origin: extra.origin } : {}), steps: extra.steps ?? [],
    });
  }

  /** Ends the walk with `d`; failures mark the last hop as the blocking one. */
  finish(d: Disposition): Disposition {
    this.disposition = d;
    if (!isSuccess(d) && this.hops.length > 0) this.blocking = this.hops.length - 1;
    return d;
  }

  /** Walks `flow` from `start`. Returns the disposition (also in `trace()`). */
  start(start: WalkStart, flow: WalkFlow): Disposition {
    switch (start.kind) {
      case 'pod':
        return this.finish(this.fromPod(start.pod, flow) ?? 'insufficient-info');
      case 'node':
        return this.finish(this.fromNode(start.node, flow) ?? 'insufficient-info');
      case 'vnet':
        this.hop('source', start.subnet.name, 'forward', flow, `address ${formatIp(start.ip)} in subnet ${start.subnet.name}`);
        return this.finish(this.leaveSubnet(start.subnet, undefined, flow, 0) ?? 'insufficient-info');
      case 'internet':
        this.hop('source', 'Internet', 'forward', flow, `client ${formatIp(start.ip)} on the Internet`);
        return this.finish(this.fromInternet(flow) ?? 'insufficient-info');
      case 'private':
        this.hop('source', start.via, 'forward', flow, `address ${formatIp(start.ip)} reached through ${start.via}`);
        return this.finish(this.fromPrivate(flow, start.via) ?? 'insufficient-info');
      default: {
        const never: never = start;
        return never;
      }
    }
  }

  // ── Starts ────────────────────────────────────────────────────────────────────────────────────────────────────

  private fromPod(pod: Pod, flow0: WalkFlow): End {
    const node = nodeNamed(this.ctx, pod.nodeName);
    this.hop('source', `${pod.namespace}/${pod.name}`, 'forward', flow0,
      `pod ${pod.namespace}/${pod.name}${pod.hostNetwork ? ' (hostNetwork)' : ''} on node ${pod.nodeName ?? '(unplaced)'}`, { origin: pod.origin });
    if (!pod.ip) {
      this.hop('node', pod.nodeName ?? '(no node)', 'drop', flow0, `pod ${pod.namespace}/${pod.name} has no address (IPAM could not place it)`);
      return 'insufficient-info';
    }
    // Service translation happens in the source's network namespace (iptables OUTPUT/PREROUTING, or Cilium socket LB).
    const translated = this.serviceAtSource(flow0, node, pod.hostNetwork ? 'host' : 'pod');
    if (typeof translated === 'string') return translated;
    const egress = this.policyEgress(pod, translated);
    if (egress) return egress;
    if (!node) {
      this.hop('node', pod.nodeName ?? '(no node)', 'drop', translated, 'the pod\'s node is not known: the path cannot be followed');
      return 'insufficient-info';
    }
    return this.onNode(node, this.applySourceSnat(translated), pod.hostNetwork ? 'host' : 'pod');
  }

  private fromNode(node: WalkNode, flow0: WalkFlow): End {
    this.hop('source', node.name, 'forward', flow0, `node ${node.name} (host network)`);
    const translated = this.serviceAtSource(flow0, node, 'host');
    if (typeof translated === 'string') return translated;
    return this.onNode(node, this.applySourceSnat(translated), 'host');
  }

  /** Records the masquerade a Service translation on the client's node asked for (see sourceSnat). */
  private applySourceSnat(flow: WalkFlow): WalkFlow {
    const s = this.sourceSnat;
    this.sourceSnat = undefined;
    if (!s || !s.node.ip || ipEquals(s.node.ip, flow.srcIp)) return flow;
    this.hop('snat', s.resource, 'rewrite', flow, s.why, { rewrites: [{ field: 'srcIp', old: formatIp(flow.srcIp), new: formatIp(s.node.ip) }] });
    return { ...flow, srcIp: s.node.ip };
  }

  /**
   * kube-proxy's local detector on `node` (fact KUBE_PROXY_LOCAL_DETECTOR): whether a packet from `src` counts as pod
   * traffic. `arrived`: `local` = from a pod of this node, `fabric` = from another machine. With a cluster pod CIDR
   * (ClusterCIDR mode) the source address decides; otherwise (InterfaceNamePrefix `azv`) only a local pod's veth
   * matches, and not on an Azure CNI bridge, where pod veths are bridge ports.
   */
  private podTraffic(node: WalkNode | undefined, src: Ip, arrived: 'local' | 'fabric'): boolean {
    const c = node?.cluster;
    if (!c) return false;
    const mode = c.podCidrs.length > 0 ? KUBE_PROXY_LOCAL_DETECTOR.value.withPodCidr : KUBE_PROXY_LOCAL_DETECTOR.value.withoutPodCidr;
    switch (mode) {
      case 'cluster-cidr':
        return c.podCidrs.some((r) => cidrContainsIp(r, src));
      case 'interface-name-prefix':
        return arrived === 'local' && c.bridgeMode !== 'bridge';
      default: {
        const never: never = mode;
        return never;
      }
    }
  }

  private fromInternet(flow: WalkFlow): End {
    const svc = serviceByFrontend(this.ctx, flow.dstIp);
    if (svc && svc.loadBalancer?.scheme === 'public') return this.atLoadBalancer(svc, flow);
    const api = this.publicApiServer(flow);
    if (api) return api;
    if (privateSpace(this.ctx).contains(flow.dstIp) || cidrContainsIp(parseCidr('10.0.0.0/8')!.cidr, flow.dstIp) ||
      cidrContainsIp(parseCidr('172.16.0.0/12')!.cidr, flow.dstIp) || cidrContainsIp(parseCidr('192.168.0.0/16')!.cidr, flow.dstIp)) {
      const what = apiServerAt(this.ctx, flow.dstIp) ? 'the private API server endpoint'
        : svc ? `the internal load balancer of Service ${svc.key}` : 'a private address';
      this.hop('internet', 'Internet', 'drop', flow, `${formatIp(flow.dstIp)} is ${what}: private addresses are not reachable from the Internet`);
      return 'not-exposed';
    }
    this.hop('internet', 'Internet', 'drop', flow, `${formatIp(flow.dstIp)} is no public address of the modelled network (no public LoadBalancer frontend or API server)`);
    return 'not-exposed';
  }

  private fromPrivate(flow: WalkFlow, via: string): End {
    // Routing inside the peered or on-premises network is not modelled: the packet arrives over the peering/gateway.
    this.hop('gateway', via, 'forward', flow, `arrives over ${via} (routing on that side is not modelled)`);
    return this.toAddress(flow, 0);
  }

  // ── Service translation ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Translates a packet addressed to a Service (ClusterIP, LB frontend, nodePort on a node address) on the client's
   * node, as that node's Service proxy does: a nodePort on another node's address only when the proxy translates
   * those at the source (Cilium's socket LB, fact CILIUM_SOCKET_LB_REMOTE_NODEPORT; kube-proxy does not, fact
   * KUBE_PROXY_NODEPORT_MATCH: the packet goes on untranslated). `from`: a pod, or the node's own network namespace.
   */
  private serviceAtSource(flow: WalkFlow, node: WalkNode | undefined, from: 'pod' | 'host'): WalkFlow | Disposition {
    const byCip = serviceByClusterIp(this.ctx, flow.dstIp, node?.cluster);
    const byLb = byCip ? undefined : serviceByFrontend(this.ctx, flow.dstIp);
    const nodePortNode = byCip || byLb ? undefined : nodeAt(this.ctx, flow.dstIp);
    const byNp = nodePortNode && flow.dstPort !== undefined ? serviceByNodePort(this.ctx, nodePortNode, flow.protocol, flow.dstPort) : undefined;
    const svc = byCip ?? byLb ?? byNp;
    if (!svc) {
      const foreign = node?.cluster ? serviceByClusterIp(this.ctx, flow.dstIp) : undefined;
      if (foreign && foreign.cluster && node?.cluster) {
        this.note(`${formatIp(flow.dstIp)} is the ClusterIP of Service ${foreign.key} in cluster ${foreign.cluster.name}; ` +
          `nodes of cluster ${node.cluster.name} do not translate it (ClusterIPs only work inside their cluster)`);
      }
      return flow;
    }
    if (byNp && nodePortNode && node && nodePortNode.name !== node.name) {
      const here = this.ctx.proxyFor(node.cluster);
      const sameCluster = !node.cluster || !nodePortNode.cluster || node.cluster.id === nodePortNode.cluster.id;
      if (!here.remoteNodePortAtSource || !sameCluster) {
        this.note(!sameCluster
          ? `${formatIp(flow.dstIp)} is node ${nodePortNode.name} of another cluster: ${node.name} does not translate its nodePort ${flow.dstPort ?? ''}; that node does`
          : `${here.resource} on ${node.name} translates nodePorts only on the node's own addresses (--dst-type LOCAL): ` +
            `the packet leaves addressed to ${nodePortNode.name}, whose ${this.ctx.proxyFor(nodePortNode.cluster).resource} translates it`);
        return flow;
      }
      this.note(`${here.resource} on ${node.name} translates nodePort ${flow.dstPort ?? ''} of node ${nodePortNode.name} at the socket ` +
        `(remote-node address): the packet never reaches ${nodePortNode.name}; internalTrafficPolicy applies, externalTrafficPolicy does not`);
    }
    const entry: ServiceEntry = byCip ? 'cluster-ip' : byLb ? 'load-balancer' : 'node-port';
    const profile = this.ctx.proxyFor(svc.cluster);
    // kube-proxy sends the node's and its pods' packets to a NodePort/LB frontend through the external chain (KUBE-EXT).
    const external = entry !== 'cluster-ip' && profile.externalFromNodeChain;
    const localClient = !external ? undefined : from === 'host' ? 'host' as const : this.podTraffic(node, flow.srcIp, 'local') ? 'pod' as const : undefined;
    const r = this.proxy(svc, entry, flow, node, external, localClient);
    if (typeof r === 'string') return r;
    if (profile.socketLb) this.note(profile.note);
    if (r.snatToNode && node?.ip) {
      const cluster = svc.service.externalTrafficPolicy === 'Cluster';
      if (cluster && !ipEquals(node.ip, flow.srcIp)) {
        this.viaService = { via: this.viaOf(svc, byLb ? 'LoadBalancer' : 'NodePort', node), client: flow.srcIp };
      }
      this.sourceSnat = { node, resource: `${profile.resource} on ${node.name}`,
        why: cluster ? `externalTrafficPolicy Cluster: the client ${formatIp(flow.srcIp)} is masqueraded to the node address (KUBE-EXT marks the ${byLb ? 'LoadBalancer' : 'NodePort'} packet of any client)`
          : `the node's own packet to a ${byLb ? 'LoadBalancer' : 'NodePort'} frontend is masqueraded to the node address` };
    }
    return r.flow;
  }

  /** The `via` the policy engine is told for a packet masqueraded by `node` on its way through `svc`. */
  private viaOf(svc: DerivedService, type: FlowVia['type'], node: WalkNode): FlowVia {
    return { service: svc.key, type, externalTrafficPolicy: 'Cluster', node: node.name, ...(node.ip ? { nodeIps: [node.ip] } : {}) };
  }

  /** Runs the Service proxy for one packet and records the hop; returns the translated flow or the disposition. */
  private proxy(svc: DerivedService, entry: ServiceEntry, flow: WalkFlow, node: WalkNode | undefined, external: boolean,
    localClient?: 'pod' | 'host'): { flow: WalkFlow; snatToNode: boolean; endpointNode?: string } | Disposition {
    const t = new RecordingTracer();
    const profile = this.ctx.proxyFor(svc.cluster);
    const clientPod = external ? undefined : podAt(this.ctx, flow.srcIp);
    const out = proxyService({
      service: svc, entry, protocol: flow.protocol, port: flow.dstPort ?? 0, srcIp: flow.srcIp, external, ...(localClient ? { localClient } : {}),
      ...(node ? { node: node.name } : {}), ...(clientPod?.nodeName ? { clientNode: clientPod.nodeName } : node ? { clientNode: node.name } : {}),
    }, profile, t);
    const res = `${profile.resource}${node ? ` on ${node.name}` : ''}`;
    const last = t.steps[t.steps.length - 1];
    const detail = last?.detail ?? '';
    this.note(profile.note);
    switch (out.kind) {
      case 'dnat': {
        const newDst = out.chosen.endpoint.ip;
        const rewrites: FieldRewrite[] = [];
        if (!ipEquals(newDst, flow.dstIp)) rewrites.push({ field: 'dstIp', old: formatIp(flow.dstIp), new: formatIp(newDst) });
        if (flow.dstPort !== out.chosen.targetPort) rewrites.push({ field: 'dstPort', old: String(flow.dstPort ?? '*'), new: String(out.chosen.targetPort) });
        this.hop('kube-proxy', res, 'rewrite', flow, `Service ${svc.key}: ${detail}`, { rule: last?.rule, rewrites, origin: svc.service.origin, steps: t.steps });
        return { flow: { ...flow, dstIp: newDst, dstPort: out.chosen.targetPort }, snatToNode: out.snatToNode,
          ...(out.chosen.endpoint.nodeName ? { endpointNode: out.chosen.endpoint.nodeName } : {}) };
      }
      case 'external-name':
        this.hop('kube-proxy', res, 'info', flow, `Service ${svc.key}: ${detail}`, { origin: svc.service.origin, steps: t.steps });
        return 'insufficient-info';
      case 'headless':
        this.hop('kube-proxy', res, 'drop', flow, `Service ${svc.key}: ${detail}`, { origin: svc.service.origin, steps: t.steps });
        return 'no-endpoints';
      case 'port-mismatch':
        this.hop('kube-proxy', res, 'drop', flow, out.reason, { origin: svc.service.origin, steps: t.steps });
        return 'service-port-mismatch';
      case 'no-endpoints':
        this.hop('kube-proxy', res, 'drop', flow, out.reason, { origin: svc.service.origin, steps: t.steps });
        return 'no-endpoints';
      case 'source-range':
        this.hop('kube-proxy', res, 'deny', flow, out.reason, { rule: 'loadBalancerSourceRanges', origin: svc.service.origin, steps: t.steps });
        return 'denied-by-source-range';
      default: {
        const never: never = out;
        return never;
      }
    }
  }

  // ── NetworkPolicy ─────────────────────────────────────────────────────────────────────────────────────────────

  private policyEgress(pod: Pod, flow: WalkFlow): End {
    const engine = this.ctx.policy;
    if (!engine) {
      this.hop('policy', 'no policy engine', 'skip', flow, 'egress: the cluster has no network policy engine; NetworkPolicies are not enforced');
      return undefined;
    }
    const dst = endpointAt(this.ctx, flow.dstIp);
    const v = engine.decide({ kind: 'pod', pod }, dst, flow.protocol as L4Protocol, flow.dstPort ?? 0).egress;
    const last = v.steps[v.steps.length - 1];
    this.hop('policy', `${this.ctx.engineName ?? ''} egress at ${pod.namespace}/${pod.name}`, v.allowed ? 'allow' : 'deny', flow,
      `egress: ${v.summary}`, { ...(last?.rule ? { rule: last.rule } : last?.policy ? { rule: last.policy } : {}), ...(last?.origin ? { origin: last.origin } : {}) });
    return v.allowed ? undefined : 'denied-by-policy-egress';
  }

  private policyIngress(pod: Pod, flow: WalkFlow): End {
    const engine = this.ctx.policy;
    if (!engine) {
      this.hop('policy', 'no policy engine', 'skip', flow, 'ingress: the cluster has no network policy engine; NetworkPolicies are not enforced');
      return undefined;
    }
    // Through a Service with externalTrafficPolicy Cluster the engine is told the client and the Service: its profile
    // decides whether ingress sees the client, the forwarding node, `world`, or is not policed at all (Azure NPM).
    const via = this.viaService;
    const src: Endpoint = endpointAt(this.ctx, via ? via.client : flow.srcIp);
    const v = engine.decide(src, { kind: 'pod', pod }, flow.protocol as L4Protocol, flow.dstPort ?? 0, via ? { via: via.via } : undefined).ingress;
    const last = v.steps[v.steps.length - 1];
    this.hop('policy', `${this.ctx.engineName ?? ''} ingress at ${pod.namespace}/${pod.name}`, v.allowed ? 'allow' : 'deny', flow,
      `ingress: ${v.summary}`, { ...(last?.rule ? { rule: last.rule } : last?.policy ? { rule: last.policy } : {}), ...(last?.origin ? { origin: last.origin } : {}) });
    return v.allowed ? undefined : 'denied-by-policy-ingress';
  }

  // ── On a node ─────────────────────────────────────────────────────────────────────────────────────────────────

  private nodeDescription(node: WalkNode): string {
    const c = node.cluster;
    if (!c) return 'node networking';
    switch (c.networkMode) {
      case 'kubenet':
        return 'kubenet: pods on the cbr0 bridge; other nodes\' pod CIDRs reached through the route table';
      case 'azure-cni-overlay':
        return 'Azure CNI Overlay: pod CIDR routed by the Azure fabric without encapsulation';
      case 'azure-cni-node-subnet':
      case 'azure-cni-pod-subnet':
        return c.bridgeMode === 'bridge' ? 'Azure CNI bridge mode: pods on the azure0 bridge' : 'Azure CNI transparent mode: a /32 host route per pod via its veth';
      case 'byo-cni':
        return 'BYO CNI: pod routing by the user\'s CNI (assumed routed like the VNet)';
      case 'self-managed':
        return describeSelfManaged(c);
      default: {
        const never: never = c.networkMode;
        return never;
      }
    }
  }

  /** The packet is on `node` (from a local pod, the host, or arriving from the fabric). */
  private onNode(node: WalkNode, flow: WalkFlow, from: 'pod' | 'host' | 'fabric'): End {
    if (this.hops.length > MAX_HOPS) {
      this.hop('node', node.name, 'drop', flow, 'too many hops: the path loops');
      return 'loop';
    }
    if (from === 'fabric' && this.tunnel?.to === node.name) return this.decapsulate(node, flow);
    // Arrival from the fabric: the node may have to translate (NodePort, LB frontend with floating IP).
    if (from === 'fabric') {
      const lbSvc = serviceByFrontend(this.ctx, flow.dstIp);
      const npSvc = node.ip && ipEquals(node.ip, flow.dstIp) && flow.dstPort !== undefined
        ? serviceByNodePort(this.ctx, node, flow.protocol, flow.dstPort) : undefined;
      const svc = lbSvc ?? npSvc;
      if (svc) {
        // From another machine a frontend is always reached on the external path (kube-proxy KUBE-EXT, Cilium's
        // external scope); kube-proxy's local detector may still call the source pod traffic (ClusterCIDR mode).
        const kp = this.ctx.proxyFor(svc.cluster).externalFromNodeChain;
        const r = this.proxy(svc, lbSvc ? 'load-balancer' : 'node-port', flow, node, true,
          kp && this.podTraffic(node, flow.srcIp, 'fabric') ? 'pod' : undefined);
        if (typeof r === 'string') return r;
        let f = r.flow;
        if (r.snatToNode && node.ip) {
          this.viaService = { via: this.viaOf(svc, lbSvc ? 'LoadBalancer' : 'NodePort', node), client: f.srcIp };
          this.hop('snat', `${this.ctx.proxyFor(svc.cluster).resource} on ${node.name}`, 'rewrite', f, `externalTrafficPolicy Cluster: the client ${formatIp(f.srcIp)} is masqueraded to the node address`,
            { rewrites: [{ field: 'srcIp', old: formatIp(f.srcIp), new: formatIp(node.ip) }] });
          f = { ...f, srcIp: node.ip };
        } else if (!r.snatToNode) {
          this.note('externalTrafficPolicy Local keeps the client address: NetworkPolicy and the pod see the real client');
        }
        return this.onNode(node, f, 'host');
      }
    }
    const dstPod = podAt(this.ctx, flow.dstIp);
    if (dstPod && dstPod.nodeName === node.name) {
      this.hop('node', node.name, 'forward', flow, `${this.nodeDescription(node)}; ${dstPod.namespace}/${dstPod.name} is local to ${node.name}`);
      return this.atPod(dstPod, flow);
    }
    if (node.ip && ipEquals(node.ip, flow.dstIp)) {
      if (from === 'host') {
        this.hop('destination', node.name, 'deliver', flow, `delivered to node ${node.name} (host network)`);
        return 'delivered';
      }
      const hostPod = this.ctx.pods.find((p) => p.hostNetwork && p.nodeName === node.name && p.ports.some((c) => c.port === flow.dstPort));
      this.hop('destination', node.name, 'deliver', flow, `delivered to node ${node.name}${hostPod ? ` (hostNetwork pod ${hostPod.namespace}/${hostPod.name})` : ''}`);
      return 'delivered';
    }
    if (from === 'fabric') {
      // A packet for another address arrived here (kubenet route to this node for a pod that is not here, or IP forwarding).
      this.hop('node', node.name, 'drop', flow, `${formatIp(flow.dstIp)} is not on node ${node.name}: dropped`);
      return 'black-holed';
    }
    // Leaving the node.
    this.hop('node', node.name, 'forward', flow, `${this.nodeDescription(node)}; ${formatIp(flow.dstIp)} is off the node`);
    let f = flow;
    if (from === 'pod') {
      const m = this.masquerade(node, f);
      if (m) f = m;
    }
    if (!node.subnet) {
      this.hop('nsg', node.name, 'skip', f, `the subnet of node ${node.name} is not in the input: NSGs and routes cannot be evaluated`);
      return 'insufficient-info';
    }
    const wire = this.encapsulate(node, f);
    if (typeof wire === 'string') return wire;
    return this.leaveSubnet(node.subnet, node, wire, 0);
  }

  /**
   * The packet as it goes on the wire from `node` (engines/dataplane/encapsulation.ts): unchanged, or wrapped in the
   * cluster's tunnel when it is for a pod on another node (an `encap` hop; the outer packet is what NSGs and routes
   * then see), or the fabric's drop of IP-in-IP.
   */
  private encapsulate(node: WalkNode, flow: WalkFlow): WalkFlow | Disposition {
    const dstPod = podAt(this.ctx, flow.dstIp);
    const out = encapsulate(node, flow, dstPod ? nodeNamed(this.ctx, dstPod.nodeName) : undefined);
    switch (out.kind) {
      case 'none':
        return flow;
      case 'unknown-address':
        this.hop('node', node.name, 'drop', flow, out.detail);
        return 'insufficient-info';
      case 'encapsulated':
        this.hop('node', node.name, 'rewrite', flow, out.detail, { rule: out.tunnel.device, rewrites: [...out.rewrites] });
        if (!podAt(this.ctx, flow.srcIp)) {
          this.note(`the node's own packets to another node's pod leave from its ${out.tunnel.device} address in the tunnel; aksnet keeps the node address as the inner source`);
        }
        this.tunnel = { from: node, to: out.to, inner: flow, outer: out.outer, device: out.tunnel.device, rewrites: out.rewrites };
        return out.outer;
      case 'dropped-by-fabric':
        this.hop('node', node.name, 'rewrite', flow, out.detail, { rule: out.tunnel.device, rewrites: [...out.rewrites] });
        this.hop('fabric', 'Azure virtual network', 'drop', flow, out.reason,
          { rule: `IP protocol ${out.tunnel.protocolNumber}`, packet: { protocol: out.outer.protocol, srcIp: formatIp(out.outer.srcIp), dstIp: formatIp(out.outer.dstIp) } });
        return 'black-holed';
      default: {
        const never: never = out;
        return never;
      }
    }
  }

  /**
   * The tunnel's outer packet reached the node that unwraps it (a `decap` hop). The replies need their own tunnel
   * packets back (a new flow for the NSGs, engines/dataplane/encapsulation.ts replyTunnel): an NSG denying them stops
   * the connection here; else the inner packet goes on on this node.
   */
  private decapsulate(node: WalkNode, outer: WalkFlow): End {
    const t = this.tunnel!;
    this.tunnel = undefined;
    this.hop('node', node.name, 'rewrite', outer, `decap: ${t.device} on node ${node.name} unwraps the inner packet ${t.inner.protocol} ` +
      `${formatIp(t.inner.srcIp)} -> ${formatIp(t.inner.dstIp)}${t.inner.dstPort !== undefined ? `:${t.inner.dstPort}` : ''}`,
      { rule: t.device, rewrites: decapRewrites(t.rewrites) });
    const nsgsOf = (n: WalkNode): NodeNsgs | undefined => n.subnet
      ? { nsgs: { ...(n.subnet.nsgId ? { subnet: this.ctx.model.nsgs.find((x) => x.id === n.subnet!.nsgId) } : {}), ...(n.nicNsg ? { nic: n.nicNsg } : {}) }, ctx: this.ctx.nsgContext(n.subnet) }
      : undefined;
    const [here, back] = [nsgsOf(node), nsgsOf(t.from)];
    if (here && back) {
      const r = replyTunnel(t.outer, here, back);
      const replyText = `UDP ${formatIp(r.reply.srcIp)} -> ${formatIp(r.reply.dstIp)}:${r.reply.dstPort ?? '*'}`;
      if (r.verdict.access === 'Deny') {
        const stage = r.verdict.stages.find((x) => x.verdict.access === 'Deny');
        const nsg = this.ctx.model.nsgs.find((x) => x.id === r.verdict.nsgId) ?? (stage?.level === 'nic' ? (r.direction === 'Outbound' ? node : t.from).nicNsg : undefined);
        this.hop('nsg', nsg?.name ?? '(NSG)', 'deny', r.reply,
          `replies: ${stage?.level ?? 'subnet'} NSG ${r.direction.toLowerCase()} ${r.direction === 'Outbound' ? `at node ${node.name}` : `at node ${t.from.name}`} denies the ` +
          `tunnel packets that carry the answers back (${replyText}: a new flow for the NSG, not the return of the forward one); the connection cannot complete`,
          { ...(r.verdict.ruleName ? { rule: r.verdict.ruleName } : {}), ...(stage?.verdict.rule && stage.verdict.rule.origin.line > 0 ? { origin: stage.verdict.rule.origin } : {}) });
        return 'denied-by-nsg';
      }
      this.note(`replies travel in their own tunnel packets (${replyText}), a new flow for the NSGs, which allow it`);
    }
    return this.onNode(node, t.inner, 'fabric');
  }

  /** ip-masq-agent: SNAT pod egress to the node address unless the destination is in a non-masquerade range. */
  private masquerade(node: WalkNode, flow: WalkFlow): WalkFlow | undefined {
    const c = node.cluster;
    if (!c || !node.ip) return undefined;
    const kinds: readonly string[] = IP_MASQ_NON_MASQUERADE.value[c.networkMode];
    const ranges = [
      ...(kinds.includes('pod-cidr') ? c.podCidrs : []),
      ...(kinds.includes('vnet') ? (node.subnet ? this.ctx.model.vnets.find((v) => v.id === node.subnet!.vnetId)?.addressSpace ?? node.subnet.prefixes : []) : []),
    ];
    if (ranges.some((r) => cidrContainsIp(r, flow.dstIp))) return undefined;
    if (ipEquals(flow.srcIp, node.ip)) return undefined;
    this.hop('snat', `ip-masq-agent on ${node.name}`, 'rewrite', flow,
      `${c.networkMode}: ${formatIp(flow.dstIp)} is outside the non-masquerade ranges (${kinds.join(', ')}); pod address SNATed to the node`,
      { rewrites: [{ field: 'srcIp', old: formatIp(flow.srcIp), new: formatIp(node.ip) }] });
    return { ...flow, srcIp: node.ip };
  }

  private atPod(pod: Pod, flow: WalkFlow): End {
    if (pod.hostNetwork) {
      this.hop('destination', `${pod.namespace}/${pod.name}`, 'deliver', flow, `delivered to hostNetwork pod ${pod.namespace}/${pod.name}`, { origin: pod.origin });
      return 'delivered';
    }
    const ing = this.policyIngress(pod, flow);
    if (ing) return ing;
    const port = pod.ports.find((p) => p.port === flow.dstPort && p.protocol === flow.protocol);
    this.hop('destination', `${pod.namespace}/${pod.name}`, 'deliver', flow,
      `delivered to pod ${pod.namespace}/${pod.name}${port ? ` (container port ${port.name ? port.name + ' ' : ''}${port.port})` : ''}`, { origin: pod.origin });
    if (!port && pod.ports.length > 0) this.note(`pod ${pod.namespace}/${pod.name} declares no container port ${flow.protocol}/${flow.dstPort ?? '*'}; delivery assumes something listens`);
    return 'delivered';
  }

  // ── Azure fabric ──────────────────────────────────────────────────────────────────────────────────────────────

  private nsgHop(subnet: Subnet, level: NsgLevel, nsg: WalkNode['nicNsg'] | undefined, direction: 'Inbound' | 'Outbound', flow: WalkFlow): End {
    const t = new RecordingTracer();
    const attached = level === 'subnet' ? (subnet.nsgId ? this.ctx.model.nsgs.find((n) => n.id === subnet.nsgId) : undefined) : nsg;
    if (level === 'subnet' && subnet.nsgId && !attached) this.note(`NSG ${subnet.nsgId.split('/').pop() ?? ''} of subnet ${subnet.name} is not in the input: treated as no NSG`);
    const v = evaluateNsg(attached, direction, flow, this.ctx.nsgContext(subnet), t, level);
    const last = [...t.steps].reverse().find((s) => s.type === 'nsg');
    this.hop('nsg', attached ? attached.name : `(no ${level} NSG on ${subnet.name})`, v.access === 'Allow' ? (v.decidedBy === 'no-nsg' ? 'skip' : 'allow') : 'deny', flow,
      `${level} NSG ${direction.toLowerCase()}: ${last?.detail ?? ''}`, { ...(v.ruleName ? { rule: v.ruleName } : {}), ...(last?.origin ? { origin: last.origin } : {}), steps: t.steps });
    return v.access === 'Allow' ? undefined : 'denied-by-nsg';
  }

  /** Out of a NIC (NIC NSG, then subnet NSG), then the subnet's route selection and what the next hop does. */
  private leaveSubnet(subnet: Subnet, node: WalkNode | undefined, flow: WalkFlow, depth: number): End {
    if (node) {
      const nic = this.nsgHop(subnet, 'nic', node.nicNsg, 'Outbound', flow);
      if (nic) return nic;
    } else {
      // A VM NIC of the input owns the source address: its NIC NSG filters first (outbound: NIC, then subnet).
      const own = nicOwning(this.ctx.model, flow.srcIp);
      if (own) {
        if (own.nsgMissing) this.note(`NSG ${own.nic.nsgId?.split('/').pop() ?? ''} of NIC ${own.nic.name} is not in the input: treated as no NSG`);
        const nic = this.nsgHop(subnet, 'nic', own.nsg, 'Outbound', flow);
        if (nic) return nic;
      }
    }
    const sub = this.nsgHop(subnet, 'subnet', undefined, 'Outbound', flow);
    if (sub) return sub;
    return this.route(subnet, node, flow, depth);
  }

  private route(subnet: Subnet, node: WalkNode | undefined, flow: WalkFlow, depth: number): End {
    const t = new RecordingTracer();
    const nh = selectRoute(this.ctx.routes(subnet), flow.dstIp, t);
    const step = t.steps[0];
    const rtName = nh.routeTableId === 'System Route' ? 'System Route' : (this.ctx.model.routeTables.find((r) => r.id === nh.routeTableId)?.name ?? nh.routeTableId);
    const action: StepAction = nh.nextHopType === 'None' ? 'drop' : 'forward';
    this.hop('route-table', rtName, action, flow, `from subnet ${subnet.name}: ${step?.detail ?? ''}`,
      { ...(step?.rule ? { rule: step.rule } : {}), ...(step?.origin ? { origin: step.origin } : {}), steps: t.steps });
    switch (nh.nextHopType) {
      case 'None':
        return nh.route ? 'null-routed' : 'no-route';
      case 'Internet':
        return this.toInternet(subnet, node, flow);
      case 'VirtualNetworkGateway':
        this.hop('gateway', 'VirtualNetworkGateway', 'forward', flow, `to the virtual network gateway (VPN/ExpressRoute): leaves the modelled network`);
        return 'exits-network';
      case 'VnetLocal':
      case 'VNetPeering':
        return this.toAddress(flow, depth);
      case 'VirtualAppliance':
        return this.toAppliance(nh.nextHopIp, flow, depth);
      default: {
        const never: never = nh.nextHopType;
        return never;
      }
    }
  }

  private toInternet(subnet: Subnet, node: WalkNode | undefined, flow: WalkFlow): End {
    let f = flow;
    const cluster = node?.cluster ?? this.ctx.model.clusters.find((c) => c.pools.some((p) => p.vnetSubnetId === subnet.id));
    if (subnet.natGatewayId) {
      const to = ip(SYNTHETIC_NAT_GATEWAY_IP);
      this.hop('snat', subnet.natGatewayId.split('/').pop() ?? 'NAT gateway', 'rewrite', f, `NAT gateway of subnet ${subnet.name}: SNAT to its public address`,
        { rewrites: [{ field: 'srcIp', old: formatIp(f.srcIp), new: SYNTHETIC_NAT_GATEWAY_IP }] });
      f = { ...f, srcIp: to };
      this.note(`public addresses of load balancers and NAT gateways are not in the input: aksnet writes ${SYNTHETIC_LB_OUTBOUND_IP} / ${SYNTHETIC_NAT_GATEWAY_IP}`);
    } else if (cluster && cluster.outbound.type === 'loadBalancer') {
      const to = ip(SYNTHETIC_LB_OUTBOUND_IP);
      this.hop('snat', `load balancer outbound rule (${cluster.name})`, 'rewrite', f, `outboundType loadBalancer: SNAT to the load balancer's outbound public address`,
        { rewrites: [{ field: 'srcIp', old: formatIp(f.srcIp), new: SYNTHETIC_LB_OUTBOUND_IP }] });
      f = { ...f, srcIp: to };
      this.note(`public addresses of load balancers and NAT gateways are not in the input: aksnet writes ${SYNTHETIC_LB_OUTBOUND_IP} / ${SYNTHETIC_NAT_GATEWAY_IP}`);
    } else if (cluster && (cluster.outbound.type === 'block' || cluster.outbound.type === 'none')) {
      this.note(`outboundType ${cluster.outbound.type}: no outbound SNAT is configured by AKS`);
    }
    const api = this.publicApiServer(f, true);
    if (api) return api;
    this.hop('internet', 'Internet', 'forward', f, `to the Internet (${formatIp(f.dstIp)})`);
    return 'exits-network';
  }

  private toAppliance(nextHopIp: Ip | undefined, flow: WalkFlow, depth: number): End {
    if (!nextHopIp) {
      this.hop('appliance', '(no next-hop IP)', 'drop', flow, 'VirtualAppliance route without a next-hop address: nothing forwards the packet');
      return 'black-holed';
    }
    const node = nodeAt(this.ctx, nextHopIp);
    if (node) {
      // kubenet / self-managed per-node route: the node's NIC takes the packet (IP forwarding is on for node NICs).
      if (!node.subnet) return 'insufficient-info';
      const sub = this.nsgHop(node.subnet, 'subnet', undefined, 'Inbound', flow);
      if (sub) return sub;
      const nic = this.nsgHop(node.subnet, 'nic', node.nicNsg, 'Inbound', flow);
      if (nic) return nic;
      return this.onNode(node, flow, 'fabric');
    }
    const key = formatIp(nextHopIp);
    const subnet = subnetHolding(this.ctx, nextHopIp);
    if (!subnet) {
      this.hop('appliance', key, 'drop', flow, `next hop ${key} is in no subnet of the input: the packet is black-holed (or the appliance is not modelled)`);
      return 'black-holed';
    }
    if (this.visitedAppliances.has(key) || depth > 8) {
      this.hop('appliance', key, 'drop', flow, `the packet returns to appliance ${key}: routing loop`);
      return 'loop';
    }
    this.visitedAppliances.add(key);
    this.note(`virtual appliance ${key}: its own rules are not in the input; aksnet assumes it forwards (and SNATs Internet traffic to its public address)`);
    const sub = this.nsgHop(subnet, 'subnet', undefined, 'Inbound', flow);
    if (sub) return sub;
    this.hop('appliance', `${key} (${subnet.name})`, 'forward', flow, `virtual appliance ${key} in subnet ${subnet.name} forwards the packet`);
    if (!privateSpace(this.ctx).contains(flow.dstIp) && !this.isRfc1918(flow.dstIp)) {
      const api = this.publicApiServer(flow, true);
      if (api) return api;
      this.hop('internet', 'Internet', 'forward', flow, `the appliance sends it to the Internet (${formatIp(flow.dstIp)})`);
      return 'exits-network';
    }
    const out = this.nsgHop(subnet, 'subnet', undefined, 'Outbound', flow);
    if (out) return out;
    return this.route(subnet, undefined, flow, depth + 1);
  }

  private isRfc1918(a: Ip): boolean {
    return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].some((c) => cidrContainsIp(parseCidr(c)!.cidr, a));
  }

  /** The packet is inside the VNet fabric addressed to `flow.dstIp`: find what holds the address and deliver it. */
  private toAddress(flow: WalkFlow, depth: number): End {
    const api = apiServerAt(this.ctx, flow.dstIp);
    if (api) {
      this.hop('api-server', `${api.name} (private endpoint)`, 'deliver', flow,
        `the private endpoint of the API server of ${api.name} (${formatIp(flow.dstIp)}); NSGs do not apply to private endpoints unless network policies are enabled on the subnet (assumed off)`);
      this.note('private API server: name resolution needs the private DNS zone linked to the client VNet (not modelled)');
      return 'delivered';
    }
    const lb = serviceByFrontend(this.ctx, flow.dstIp);
    if (lb && lb.loadBalancer?.scheme === 'internal') return this.atLoadBalancer(lb, flow);
    const pod = podAt(this.ctx, flow.dstIp);
    const node = pod ? nodeNamed(this.ctx, pod.nodeName) : nodeAt(this.ctx, flow.dstIp);
    if (node) {
      if (!node.subnet) {
        this.hop('node', node.name, 'drop', flow, `the subnet of node ${node.name} is not in the input`);
        return 'insufficient-info';
      }
      const holder = subnetHolding(this.ctx, flow.dstIp) ?? node.subnet;
      const sub = this.nsgHop(holder, 'subnet', undefined, 'Inbound', flow);
      if (sub) return sub;
      const nic = this.nsgHop(node.subnet, 'nic', node.nicNsg, 'Inbound', flow);
      if (nic) return nic;
      return this.onNode(node, flow, 'fabric');
    }
    const subnet = subnetHolding(this.ctx, flow.dstIp);
    const own = nicOwning(this.ctx.model, flow.dstIp);
    if (subnet && own) {
      // A VM NIC of the input owns the address: subnet NSG, then the NIC's own NSG (inbound order).
      const sub = this.nsgHop(subnet, 'subnet', undefined, 'Inbound', flow);
      if (sub) return sub;
      if (own.nsgMissing) this.note(`NSG ${own.nic.nsgId?.split('/').pop() ?? ''} of NIC ${own.nic.name} is not in the input: treated as no NSG`);
      const nic = this.nsgHop(subnet, 'nic', own.nsg, 'Inbound', flow);
      if (nic) return nic;
      this.hop('destination', `${describeOwner(own)} ${formatIp(flow.dstIp)}`, 'deliver', flow, `delivered to ${describeOwner(own)} at ${formatIp(flow.dstIp)} in subnet ${subnet.name}`,
        { origin: own.nic.origin });
      return 'delivered';
    }
    if (subnet) {
      const sub = this.nsgHop(subnet, 'subnet', undefined, 'Inbound', flow);
      if (sub) return sub;
      this.hop('destination', `${formatIp(flow.dstIp)} (${subnet.name})`, 'deliver', flow,
        `delivered to ${formatIp(flow.dstIp)} in subnet ${subnet.name} (a NIC there is assumed; its own NSG is not in the input)`);
      return 'delivered';
    }
    if (privateSpace(this.ctx).contains(flow.dstIp)) {
      this.hop('gateway', 'peering', 'forward', flow, `${formatIp(flow.dstIp)} is in peered or on-premises space: leaves the modelled network`);
      return 'exits-network';
    }
    void depth;
    this.hop('destination', formatIp(flow.dstIp), 'drop', flow, `no NIC of the input holds ${formatIp(flow.dstIp)}`);
    return 'black-holed';
  }

  private publicApiServer(flow: Flow, fromInside = false): End {
    // Each public cluster has its own synthetic address (syntheticPublicApiServerIp).
    const c = this.ctx.model.clusters.find((x) => {
      const a = syntheticPublicApiServerIp(this.ctx.model, x);
      return a !== undefined && ipEquals(flow.dstIp, a);
    });
    if (!c) return undefined;
    this.hop('api-server', `${c.name} (public endpoint)`, 'deliver', flow,
      `the public API server endpoint of ${c.name}${fromInside ? ' (reached through the cluster\'s outbound path)' : ''}; authorized IP ranges are not modelled`);
    this.note(`the public API server address is not in the input: aksnet writes ${formatIp(flow.dstIp)}`);
    return 'delivered';
  }

  /** An Azure load balancer frontend: the rule for the port, the health probe, the backend node (floating IP). */
  private atLoadBalancer(svc: DerivedService, flow: WalkFlow): End {
    const lb = svc.loadBalancer;
    const res = `${lb?.scheme ?? ''} load balancer (${lb?.sku ?? 'standard'}): Service ${svc.key}`;
    const sp = svc.ports.find((p) => p.protocol === flow.protocol && p.port === flow.dstPort);
    if (!sp) {
      this.hop('lb', res, 'drop', flow, `no load-balancing rule for ${flow.protocol}/${flow.dstPort ?? '*'} (Service ports: ${svc.ports.map((p) => `${p.protocol}/${p.port}`).join(', ') || 'none'})`,
        { origin: svc.service.origin });
      return 'service-port-mismatch';
    }
    const clusterNodes = this.ctx.nodes.filter((n) => !svc.cluster || n.cluster?.id === svc.cluster.id).filter((n) => n.ip && n.subnet)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const local = svc.service.externalTrafficPolicy === 'Local';
    // The probe: ETP Local → HTTP /healthz on the healthCheckNodePort, answered by the node's Service proxy; ETP
    // Cluster → TCP on the rule's nodePort. Both must pass the subnet and NIC NSGs (source 168.63.129.16).
    const probePort = local ? svc.healthCheckNodePort : sp.nodePort;
    const probeText = local
      ? `${LB_LOCAL_HEALTH_PROBE.value.protocol} ${LB_LOCAL_HEALTH_PROBE.value.path} on healthCheckNodePort ${svc.healthCheckNodePort ?? '(none)'}${svc.healthCheckNodePortSource === 'allocated' ? ' (allocated by aksnet)' : ''}`
      : `TCP on nodePort ${sp.nodePort ?? '(none)'}`;
    const steps: Step[] = [];
    const failures: string[] = [];
    const profile = this.ctx.proxyFor(svc.cluster);
    let nsgPassed = 0;
    const healthy = clusterNodes.filter((n) => {
      const t = new RecordingTracer();
      const probe: Flow = { protocol: 'TCP', srcIp: ip(HEALTH_PROBE_SOURCE), dstIp: n.ip!, ...(probePort !== undefined ? { dstPort: probePort } : {}) };
      const a = evaluateNsg(n.subnet!.nsgId ? this.ctx.model.nsgs.find((x) => x.id === n.subnet!.nsgId) : undefined, 'Inbound', probe, this.ctx.nsgContext(n.subnet!), t, 'subnet');
      const b = a.access === 'Allow' ? evaluateNsg(n.nicNsg, 'Inbound', probe, this.ctx.nsgContext(n.subnet!), t, 'nic') : a;
      if (a.access !== 'Allow' || b.access !== 'Allow') {
        const denied = a.access !== 'Allow' ? a : b;
        const text = `node ${n.name} fails the health probe: an NSG denies ${HEALTH_PROBE_SOURCE} -> ${formatIp(n.ip!)}:${probePort ?? '*'}${denied.ruleName ? ` (${denied.ruleName})` : ''}`;
        failures.push(text);
        steps.push({ type: 'nsg', action: 'deny', resource: n.name, ...(denied.ruleName ? { rule: denied.ruleName } : {}), detail: text });
        return false;
      }
      nsgPassed++;
      if (!local) return true;
      const hc = serviceHealthCheck(svc, n.name, LB_LOCAL_HEALTH_PROBE.value.path, profile, { record: (st) => steps.push(st) });
      if (!hc.healthy) failures.push(`node ${n.name} fails the health probe: no local endpoint`);
      return hc.healthy;
    });
    const failText = failures.length === 0 ? '' : `; ${failures.slice(0, 4).join('; ')}${failures.length > 4 ? `; and ${failures.length - 4} more` : ''}`;
    const target = healthy[0];
    if (!target) {
      const why = clusterNodes.length === 0 ? 'no node of the cluster is known'
        : local && nsgPassed > 0 ? `externalTrafficPolicy Local: no node runs a ready endpoint, so every health probe (${probeText}) fails`
          : `health probes (${probeText}) from ${HEALTH_PROBE_SOURCE} are denied by an NSG on every node`;
      this.hop('lb', res, 'drop', flow, `no healthy backend: ${why}${failText}`, { rule: `${sp.protocol}/${sp.port}`, origin: svc.service.origin, steps });
      return local && nsgPassed > 0 ? 'no-endpoints' : 'no-healthy-backend';
    }
    this.hop('lb', res, 'forward', flow,
      `rule ${sp.protocol}/${sp.port} -> backend node ${target.name} (${healthy.length} healthy of ${clusterNodes.length}; health probe ${probeText}` +
      `${local ? ': only nodes with a ready local endpoint pass' : ''}${failText}); floating IP: the destination stays ${formatIp(flow.dstIp)}`,
      { rule: `${sp.protocol}/${sp.port}`, origin: svc.service.origin, steps });
    this.note('the load balancer spreads connections over healthy nodes; aksnet follows the first by name');
    const sub = this.nsgHop(target.subnet!, 'subnet', undefined, 'Inbound', flow);
    if (sub) return sub;
    const nic = this.nsgHop(target.subnet!, 'nic', target.nicNsg, 'Inbound', flow);
    if (nic) return nic;
    return this.onNode(target, flow, 'fabric');
  }
}

/** Walks one flow and returns its trace. */
export function walk(ctx: DataplaneContext, start: WalkStart, flow: WalkFlow): Trace {
  const w = new Walker(ctx);
  w.start(start, flow);
  return w.trace();
}
