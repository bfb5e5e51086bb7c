// Service load balancing as kube-proxy (or Cilium's kube-proxy replacement) does it: which Service port a packet
// hits, which endpoints may take it (readiness, traffic policies, named target ports), the DNAT to one of them, and
// whether the client address is SNATed to the node. Evaluates and explains with the same code (one tracer).
import { cidrContainsIp, formatCidr, formatIp, type Ip, type L4Protocol } from '../net/index.js';
import type { DerivedService, DerivedServicePort, ServiceEndpoint } from '../../derive/services.js';
import { resolveTargetPort } from '../../derive/services.js';
import { CILIUM_SOCKET_LB_REMOTE_NODEPORT, KUBE_PROXY_NODEPORT_MATCH } from '../../model/facts.js';
import { NO_TRACE, type Tracer } from '../trace-types.js';

/**
 * How the packet reached the Service: `cluster-ip` (the ClusterIP and Service port), `node-port` (a node address and
 * the nodePort), `load-balancer` (the LoadBalancer frontend address and Service port; AKS LB rules use floating IP, so
 * the node sees the frontend address).
 */
export type ServiceEntry = 'cluster-ip' | 'node-port' | 'load-balancer';
export const SERVICE_ENTRIES: readonly ServiceEntry[] = ['cluster-ip', 'node-port', 'load-balancer'];

/**
 * Who implements Services on the node, as data. `resource`: the name printed in traces; `socketLb`: pod-originated
 * connections are translated at the socket (the packet leaves the pod already addressed to the backend);
 * `remoteNodePortAtSource`: a connection to another node's address and a nodePort (a node of the same cluster) is
 * translated on the client's node (false: only the node's own addresses are NodePort frontends there, so the packet
 * leaves untranslated and the addressed node translates it); `externalFromNodeChain`: NodePort and LoadBalancer
 * frontends reached from the node itself or its pods go through the same external chain as outside clients
 * (kube-proxy's KUBE-EXT: externalTrafficPolicy Cluster masquerades; pods recognised by the local detector and the
 * node itself skip externalTrafficPolicy Local) — false: such clients are in-cluster (internalTrafficPolicy applies);
 * `note`: what differs from kube-proxy, printed once per trace.
 */
export interface ProxyProfile {
  readonly name: 'kube-proxy' | 'cilium';
  readonly resource: string;
  readonly socketLb: boolean;
  readonly remoteNodePortAtSource: boolean;
  readonly externalFromNodeChain: boolean;
  readonly note: string;
}

/** kube-proxy in iptables mode (AKS default, shared/reference/aks-networking.md §15). */
export const KUBE_PROXY: ProxyProfile = {
  name: 'kube-proxy', resource: 'kube-proxy (iptables)', socketLb: false,
  remoteNodePortAtSource: KUBE_PROXY_NODEPORT_MATCH.value.remoteNodePortAtSource, externalFromNodeChain: true,
  note: 'kube-proxy picks an endpoint at random per connection; aksnet follows the first eligible endpoint by address',
};

/**
 * Cilium's kube-proxy replacement (AKS "Azure CNI Powered by Cilium" has no kube-proxy). Documented behaviour kept:
 * socket-level load balancing for pods, SNAT to the node for externalTrafficPolicy Cluster (DSR is not enabled on
 * AKS — an assumption, flagged in the trace).
 */
export const CILIUM_KPR: ProxyProfile = {
  name: 'cilium', resource: 'cilium (kube-proxy replacement)', socketLb: true,
  remoteNodePortAtSource: CILIUM_SOCKET_LB_REMOTE_NODEPORT.value, externalFromNodeChain: false,
  note: 'Cilium eBPF service translation: pods connect to the backend directly (socket LB); external traffic with externalTrafficPolicy Cluster is SNATed to the node (assumed: no DSR on AKS)',
};

/**
 * One packet arriving at a Service. `port`: the destination port as addressed (Service port for cluster-ip and
 * load-balancer, nodePort for node-port); `node`: the node doing the translation (absent = unknown);
 * `external`: the packet takes the external path of a NodePort/LoadBalancer frontend (externalTrafficPolicy applies),
 * else internalTrafficPolicy applies; `clientNode`: for internal clients, the node the client pod runs on (absent =
 * unknown); `localClient` (external only): kube-proxy recognised the client as local to the translating node —
 * `pod` (its local detector matched: pod traffic takes neither traffic policy and is masqueraded only under
 * externalTrafficPolicy Cluster), `host` (the node's own address, `--src-type LOCAL`: any endpoint, always
 * masqueraded); absent = a client from elsewhere.
 */
export interface ProxyRequest {
  readonly service: DerivedService;
  readonly entry: ServiceEntry;
  readonly protocol: L4Protocol;
  readonly port: number;
  readonly srcIp: Ip;
  readonly node?: string;
  readonly external: boolean;
  readonly clientNode?: string;
  readonly localClient?: 'pod' | 'host';
}

/** One endpoint that could take the packet, with the container port the Service port maps to on it. */
export interface EligibleEndpoint {
  readonly endpoint: ServiceEndpoint;
  readonly targetPort: number;
}

/**
 * What the proxy did. `dnat`: rewrote the destination to `chosen` (of `eligible`, sorted by address); `snatToNode`:
 * the client address is also masqueraded to the node's address (externalTrafficPolicy Cluster on the external path,
 * or the node's own traffic).
 * `external-name`: a DNS CNAME, no proxying. Failures: `port-mismatch` (no Service port for the addressed port and
 * protocol), `no-endpoints` (none ready, none with the target port, or none on the node a Local policy requires),
 * `source-range` (loadBalancerSourceRanges exclude the client), `headless` (no virtual IP: clients use pod
 * addresses directly).
 */
export type ProxyOutcome =
  | { readonly kind: 'dnat'; readonly servicePort: DerivedServicePort; readonly chosen: EligibleEndpoint;
    readonly eligible: readonly EligibleEndpoint[]; readonly snatToNode: boolean }
  | { readonly kind: 'external-name'; readonly externalName: string }
  | { readonly kind: 'port-mismatch'; readonly reason: string }
  | { readonly kind: 'no-endpoints'; readonly servicePort: DerivedServicePort; readonly reason: string }
  | { readonly kind: 'source-range'; readonly reason: string }
  | { readonly kind: 'headless'; readonly reason: string };

/** The Service port a packet addressed to `entry`/`port`/`protocol` hits; undefined when none. */
export function servicePortFor(svc: DerivedService, entry: ServiceEntry, protocol: L4Protocol, port: number): DerivedServicePort | undefined {
  return svc.ports.find((p) => p.protocol === protocol && (entry === 'node-port' ? p.nodePort === port : p.port === port));
}

/** Endpoints that can serve `sp`: ready, with a resolvable target port; sorted by address. */
export function eligibleEndpoints(svc: DerivedService, sp: DerivedServicePort): EligibleEndpoint[] {
  const out: EligibleEndpoint[] = [];
  for (const e of svc.endpoints) {
    if (!e.ready) continue;
    const slicePort = e.slicePorts?.find((p) => p.protocol === sp.protocol && (p.name ?? '') === (sp.name ?? ''))?.port;
    const tp = resolveTargetPort(sp, e.pod, slicePort);
    if (tp !== undefined) out.push({ endpoint: e, targetPort: tp });
  }
  return out;
}

function ports(svc: DerivedService, entry: ServiceEntry): string {
  const list = svc.ports.map((p) => `${p.protocol}/${entry === 'node-port' ? p.nodePort ?? '-' : p.port}`);
  return list.length ? list.join(', ') : 'none';
}

function endpointName(e: ServiceEndpoint): string {
  return e.pod ? `${e.pod.namespace}/${e.pod.name}` : formatIp(e.ip);
}

/**
 * Translates one packet at a Service, as `profile` does it, and records one `kube-proxy` step (a `dnat` step with the
 * rewrite when it translates). Endpoint choice is deterministic: the first eligible endpoint by address.
 */
export function proxyService(req: ProxyRequest, profile: ProxyProfile = KUBE_PROXY, tracer: Tracer = NO_TRACE): ProxyOutcome {
  const svc = req.service;
  const res = `${profile.resource}: Service ${svc.key}`;
  const origin = svc.service.origin;
  if (svc.service.type === 'ExternalName') {
    const name = svc.service.externalName ?? '';
    tracer.record({ type: 'kube-proxy', action: 'info', resource: res, origin,
      detail: `ExternalName Service: DNS answers with a CNAME to ${name || '(no externalName)'}; nothing is proxied` });
    return { kind: 'external-name', externalName: name };
  }
  if (svc.headless) {
    const reason = `headless Service (clusterIP None): no virtual address; clients resolve the pod addresses in DNS`;
    tracer.record({ type: 'kube-proxy', action: 'info', resource: res, origin, detail: reason });
    return { kind: 'headless', reason };
  }
  const sp = servicePortFor(svc, req.entry, req.protocol, req.port);
  if (!sp) {
    const reason = `no ${req.entry === 'node-port' ? 'nodePort' : 'port'} ${req.protocol}/${req.port} on Service ${svc.key} (it has ${ports(svc, req.entry)})`;
    tracer.record({ type: 'kube-proxy', action: 'drop', resource: res, origin, detail: reason });
    return { kind: 'port-mismatch', reason };
  }
  if (req.entry === 'load-balancer' && svc.service.loadBalancerSourceRanges.length > 0 &&
    !svc.service.loadBalancerSourceRanges.some((c) => cidrContainsIp(c, req.srcIp))) {
    const reason = `client ${formatIp(req.srcIp)} is outside loadBalancerSourceRanges (${svc.service.loadBalancerSourceRanges.map(formatCidr).join(', ')})`;
    tracer.record({ type: 'kube-proxy', action: 'deny', resource: res, rule: 'loadBalancerSourceRanges', origin, detail: reason });
    return { kind: 'source-range', reason };
  }
  const all = eligibleEndpoints(svc, sp);
  const ready = svc.endpoints.filter((e) => e.ready).length;
  let eligible = all;
  let policyText = '';
  const localClient = req.external && req.entry !== 'cluster-ip' ? req.localClient : undefined;
  if (localClient !== undefined) {
    // kube-proxy's KUBE-EXT chain: the local detector's pod traffic and the node's own traffic skip ETP Local.
    if (svc.service.externalTrafficPolicy === 'Local') policyText = localClient === 'pod'
      ? '; pod traffic (kube-proxy\'s local detector): neither traffic policy applies'
      : '; the node\'s own traffic: neither traffic policy applies';
  } else if (req.external && req.entry !== 'cluster-ip' && svc.service.externalTrafficPolicy === 'Local') {
    eligible = all.filter((e) => e.endpoint.nodeName !== undefined && e.endpoint.nodeName === req.node);
    policyText = ` on node ${req.node ?? '(unknown)'} (externalTrafficPolicy Local)`;
  } else if (!req.external && svc.service.internalTrafficPolicy === 'Local') {
    eligible = all.filter((e) => e.endpoint.nodeName !== undefined && e.endpoint.nodeName === req.clientNode);
    policyText = ` on the client's node ${req.clientNode ?? '(unknown)'} (internalTrafficPolicy Local)`;
  }
  const chosen = eligible[0];
  if (!chosen) {
    const reason = svc.endpoints.length === 0
      ? `Service ${svc.key} has no endpoints (${svc.service.selector ? 'no pod of the namespace matches its selector' : 'no selector and no EndpointSlice'})`
      : ready === 0 ? `Service ${svc.key}: no endpoint is ready`
      : all.length === 0 ? `Service ${svc.key}: no ready endpoint has targetPort ${String(sp.targetPort)} (${sp.protocol})`
      : `Service ${svc.key}: no ready endpoint${policyText}`;
    tracer.record({ type: 'kube-proxy', action: 'drop', resource: res, origin, detail: reason });
    return { kind: 'no-endpoints', servicePort: sp, reason };
  }
  const snatToNode = req.external && req.entry !== 'cluster-ip' && (svc.service.externalTrafficPolicy === 'Cluster' || localClient === 'host');
  const snatText = !snatToNode ? '' : svc.service.externalTrafficPolicy === 'Cluster'
    ? '; externalTrafficPolicy Cluster: the client is SNATed to the node' : '; the node\'s own traffic is SNATed to the node';
  tracer.record({
    type: 'dnat', action: 'rewrite', resource: res, rule: `${sp.name ? sp.name + ' ' : ''}${sp.protocol}/${sp.port}`, origin,
    detail: `${req.entry} ${req.protocol}/${req.port} -> endpoint ${endpointName(chosen.endpoint)} ${formatIp(chosen.endpoint.ip)}:${chosen.targetPort}` +
      ` (1 of ${eligible.length} eligible${policyText})${snatText}`,
  });
  return { kind: 'dnat', servicePort: sp, chosen, eligible, snatToNode };
}

/**
 * The answer of the health check server kube-proxy (or Cilium) runs on every node for a Service with
 * externalTrafficPolicy Local, which the cloud load balancer probes (facts LB_LOCAL_HEALTH_PROBE): `healthy` when the
 * node runs at least one ready endpoint of the Service (HTTP 200), else not (503). `localEndpoints`: how many it runs;
 * `reason`: the answer as text.
 */
export interface HealthCheckAnswer {
  readonly healthy: boolean;
  readonly localEndpoints: number;
  readonly reason: string;
}

/**
 * Answers the load balancer's health probe of `svc` on `node` as `profile` does, recording one `kube-proxy` step.
 * Only the node's own ready endpoints count (any Service port): that is what "Local" means.
 */
export function serviceHealthCheck(svc: DerivedService, node: string, path: string, profile: ProxyProfile = KUBE_PROXY, tracer: Tracer = NO_TRACE): HealthCheckAnswer {
  const local = svc.endpoints.filter((e) => e.ready && e.nodeName === node).length;
  const port = svc.healthCheckNodePort !== undefined ? ` on healthCheckNodePort ${svc.healthCheckNodePort}` : '';
  const reason = local > 0
    ? `node ${node} runs ${local} ready endpoint${local === 1 ? '' : 's'} of Service ${svc.key}: HTTP GET ${path}${port} answers 200`
    : `node ${node} fails the health probe: no local endpoint of Service ${svc.key} (HTTP GET ${path}${port} answers 503)`;
  tracer.record({ type: 'kube-proxy', action: local > 0 ? 'allow' : 'deny', resource: `${profile.resource} on ${node}`,
    rule: 'externalTrafficPolicy Local', origin: svc.service.origin, detail: reason });
  return { healthy: local > 0, localEndpoints: local, reason };
}
