// `trace`: the whole path of one flow, hop by hop, with the first place it breaks. Resolves the two references
// (pods, workloads, Services, nodes, addresses, the Internet, an ingress URL, the API server) and walks the packet.
// A pure function of the model and the parameters.
import { cidrContainsIp, formatIp, makeIp, parseCidr, parseIp, type Ip } from '../../engines/net/index.js';
import {
  buildDataplane, nodeAt, nodeNamed, podAt, privateSpace, subnetHolding, syntheticPublicApiServerIp, walk,
  type DataplaneContext, type Hop, type Trace, type WalkFlow, type WalkStart,
} from '../../engines/dataplane/index.js';
import { controllerOf, parseUrl, routeIngress, type HttpRequest, type IngressControllerKind } from '../../engines/ingress/index.js';
import { eligibleEndpoints } from '../../engines/kubeproxy/index.js';
import type { EngineName } from '../../engines/policy/index.js';
import { RecordingTracer } from '../../engines/trace-types.js';
import { describeOwner, nicByRef } from '../../engines/dataplane/nics.js';
import type { DerivedService } from '../../derive/services.js';
import type { Cluster } from '../../model/azure.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';

/** The Internet client aksnet uses for `--from internet` (documentation range). */
export const SYNTHETIC_INTERNET_CLIENT = '203.0.113.10';
/** The Internet destination aksnet uses for `--to internet` (documentation range). */
export const SYNTHETIC_INTERNET_SERVER = '203.0.113.200';

/** Protocols a trace carries. */
export type TraceProtocol = 'TCP' | 'UDP';
export const TRACE_PROTOCOLS: readonly TraceProtocol[] = ['TCP', 'UDP'];

/**
 * The question. `from`/`to`: references (see `TRACE_REFS_HELP`); `port`: destination port (absent = taken from the
 * reference: a Service port, 443/80 for URLs and the API server); `protocol` absent = TCP; `engine` absent = the
 * cluster's policy engine (`none` = NetworkPolicy not enforced).
 */
export interface TraceParams {
  readonly from: string;
  readonly to: string;
  readonly port?: string;
  readonly protocol?: TraceProtocol;
  readonly engine?: EngineName;
}

/** What the references resolved to, as text: `kind` and a display name. */
export interface TraceEnd {
  readonly ref: string;
  readonly kind: 'pod' | 'node' | 'vnet' | 'internet' | 'private' | 'service' | 'url' | 'api-server' | 'address';
  readonly name: string;
}

/** The answer: the resolved ends, the policy engine used (`none` = not enforced), the trace, and derivation problems. */
export interface TraceAnswer {
  readonly from: TraceEnd;
  readonly to: TraceEnd;
  readonly protocol: TraceProtocol;
  readonly port: number;
  readonly engine: string;
  readonly trace: Trace;
  readonly diagnostics: readonly Diagnostic[];
}

/** The answer, or why the question cannot be answered (a usage problem: unknown reference, missing port). */
export type TraceResult = { readonly ok: true; readonly answer: TraceAnswer } | { readonly ok: false; readonly error: string };

/** The reference forms, for help texts. */
export const TRACE_REFS_HELP = 'ns/pod, ns/workload, svc/ns/name[:port], node:<name> or a node name, vm:<name> / nic:<name> or a VM or NIC name, ' +
  'an IP address, internet, an ingress URL (https://host/path), api-server or api-server:<cluster>';

function ipOf(text: string): Ip {
  const c = parseCidr(text)!.cidr;
  return makeIp(c.family, c.base)!;
}

function byName(a: Pod, b: Pod): number {
  const ka = `${a.namespace}/${a.name}`;
  const kb = `${b.namespace}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A resolved source. */
type Source = { start: WalkStart; end: TraceEnd; srcIp: Ip; inCluster: boolean };

function resolvePodRef(ctx: DataplaneContext, ref: string): Pod | string | undefined {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf('/', slash + 1) >= 0) return undefined;
  const ns = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  const pod = ctx.pods.find((p) => p.namespace === ns && p.name === name);
  if (pod) return pod;
  const replicas = ctx.pods.filter((p) => p.namespace === ns && p.workload.name === name).sort(byName);
  if (replicas[0]) return replicas[0];
  const w = ctx.model.workloads.find((x) => x.namespace === ns && x.name === name);
  if (w) return `workload ${ns}/${name} has no pods (replicas: ${w.replicas})`;
  return `no pod or workload '${ns}/${name}' in the input`;
}

function resolveNodeRef(ctx: DataplaneContext, ref: string): DataplaneContext['nodes'][number] | undefined {
  const name = ref.startsWith('node:') ? ref.slice(5) : ref;
  return ctx.nodes.find((n) => n.name.toLowerCase() === name.toLowerCase());
}

function resolveSource(ctx: DataplaneContext, ref: string): Source | string {
  const r = ref.trim();
  if (r === '') return 'empty reference';
  if (r.toLowerCase() === 'internet') {
    const ip = ipOf(SYNTHETIC_INTERNET_CLIENT);
    return { start: { kind: 'internet', ip }, end: { ref, kind: 'internet', name: `internet (${SYNTHETIC_INTERNET_CLIENT})` }, srcIp: ip, inCluster: false };
  }
  const ip = parseIp(r);
  if (ip) {
    const pod = podAt(ctx, ip);
    if (pod?.ip) return { start: { kind: 'pod', pod }, end: { ref, kind: 'pod', name: `${pod.namespace}/${pod.name}` }, srcIp: pod.ip, inCluster: true };
    const node = nodeAt(ctx, ip);
    if (node) return { start: { kind: 'node', node }, end: { ref, kind: 'node', name: node.name }, srcIp: ip, inCluster: true };
    const subnet = subnetHolding(ctx, ip);
    if (subnet) return { start: { kind: 'vnet', ip, subnet }, end: { ref, kind: 'vnet', name: `${formatIp(ip)} (${subnet.name})` }, srcIp: ip, inCluster: false };
    if (privateSpace(ctx).contains(ip)) {
      const via = ctx.model.externalRanges.find((e) => cidrContainsIp(e.cidr, ip)) ? 'the virtual network gateway (on-premises)' : 'a VNet peering';
      return { start: { kind: 'private', ip, via }, end: { ref, kind: 'private', name: formatIp(ip) }, srcIp: ip, inCluster: false };
    }
    return { start: { kind: 'internet', ip }, end: { ref, kind: 'internet', name: `internet (${formatIp(ip)})` }, srcIp: ip, inCluster: false };
  }
  const node = resolveNodeRef(ctx, r);
  if (node) {
    if (!node.ip) return `node ${node.name} has no address`;
    return { start: { kind: 'node', node }, end: { ref, kind: 'node', name: node.name }, srcIp: node.ip, inCluster: true };
  }
  if (r.startsWith('node:')) return `no node named '${r.slice(5)}'`;
  const vm = nicByRef(ctx.model, r);
  if (typeof vm === 'string') return vm;
  if (vm) {
    if (!vm.subnet) return `${describeOwner(vm)}: its subnet is not in the input`;
    return { start: { kind: 'vnet', ip: vm.ip, subnet: vm.subnet }, end: { ref, kind: 'vnet', name: `${describeOwner(vm)} ${formatIp(vm.ip)} (${vm.subnet.name})` },
      srcIp: vm.ip, inCluster: false };
  }
  if (/^(vm|nic):/i.test(r)) return `no ${r.slice(0, r.indexOf(':')).toUpperCase()} named '${r.slice(r.indexOf(':') + 1)}' in the input`;
  const pod = resolvePodRef(ctx, r);
  if (typeof pod === 'string') return pod;
  if (pod) {
    if (!pod.ip) return `pod ${pod.namespace}/${pod.name} has no address (IPAM could not place it)`;
    return { start: { kind: 'pod', pod }, end: { ref, kind: 'pod', name: `${pod.namespace}/${pod.name}` }, srcIp: pod.ip, inCluster: true };
  }
  return `'${ref}' is not a source reference: use ${TRACE_REFS_HELP.replace(', an ingress URL (https://host/path), api-server or api-server:<cluster>', '')}`;
}

/**
 * The cluster whose API server `api-server[:<name>]` means: the named one; else the cluster the source runs in (a
 * pod's or node's); else the only cluster. Several clusters and nothing to choose by: an error listing the forms.
 */
function apiServerCluster(ctx: DataplaneContext, name: string | undefined, src: Source): Cluster | string {
  const clusters = ctx.model.clusters;
  if (clusters.length === 0) return 'api-server: the input has no cluster';
  const forms = clusters.map((c) => `api-server:${c.name}`).join(', ');
  if (name !== undefined) {
    const c = clusters.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    return c ?? `api-server:${name}: the input has no cluster ${name} (use ${forms})`;
  }
  const own = src.start.kind === 'pod' ? nodeNamed(ctx, src.start.pod.nodeName)?.cluster : src.start.kind === 'node' ? src.start.node.cluster : undefined;
  if (own) return own;
  if (clusters.length === 1) return clusters[0]!;
  return `api-server is ambiguous: the input has ${clusters.length} clusters; use ${forms}`;
}

/** A resolved destination: an address and port, or an ingress request. */
type Dest =
  | { kind: 'ip'; ip: Ip; port?: number; end: TraceEnd; pending?: DerivedService }
  | { kind: 'url'; req: HttpRequest; end: TraceEnd };

function parsePort(text: string | undefined): number | undefined | string {
  if (text === undefined || text === '') return undefined;
  if (!/^[0-9]+$/.test(text)) return `--port ${text}: a port is a number 1..65535`;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : `--port ${text}: a port is 1..65535`;
}

function resolveDest(ctx: DataplaneContext, ref: string, src: Source, protocol: TraceProtocol, portFlag: number | undefined): Dest | string {
  const r = ref.trim();
  if (r === '') return 'empty reference';
  const lower = r.toLowerCase();
  if (lower === 'internet') return { kind: 'ip', ip: ipOf(SYNTHETIC_INTERNET_SERVER), port: portFlag ?? 443, end: { ref, kind: 'internet', name: `internet (${SYNTHETIC_INTERNET_SERVER})` } };
  const api = /^(api-?server)(?::(.*))?$/i.exec(r);
  if (api) {
    const c = apiServerCluster(ctx, api[2], src);
    if (typeof c === 'string') return c;
    const ip = c.privateCluster ? ctx.services.apiServerIps.get(c.id) : syntheticPublicApiServerIp(ctx.model, c);
    if (!ip) return `api-server: cluster ${c.name} is private but its node subnet is not in the input`;
    return { kind: 'ip', ip, port: portFlag ?? 443, end: { ref, kind: 'api-server', name: `${c.name} API server (${c.privateCluster ? 'private' : 'public'} ${formatIp(ip)})` } };
  }
  if (/^https?:\/\//i.test(r)) {
    const req = parseUrl(r);
    if (typeof req === 'string') return req;
    return { kind: 'url', req, end: { ref, kind: 'url', name: `${req.scheme}://${req.host}${req.path}` } };
  }
  if (lower.startsWith('svc/')) {
    const m = /^svc\/([^/]+)\/([^/:]+)(?::(.+))?$/.exec(r);
    if (!m) return `'${ref}': write svc/<namespace>/<name>[:port]`;
    const key = `${m[1]}/${m[2]}`;
    const svc = ctx.services.services.find((s) => s.key === key);
    if (!svc) return `no Service ${key} in the input`;
    const pText = m[3];
    let sp = pText === undefined ? undefined
      : /^[0-9]+$/.test(pText) ? svc.ports.find((p) => p.port === Number(pText) && p.protocol === protocol) : svc.ports.find((p) => p.name === pText);
    if (pText !== undefined && !sp) {
      // A port the Service does not have: trace it anyway, the proxy says service-port-mismatch.
      if (!/^[0-9]+$/.test(pText)) return `Service ${key} has no port named '${pText}'`;
    }
    if (pText === undefined && portFlag !== undefined) sp = svc.ports.find((p) => p.port === portFlag && p.protocol === protocol);
    if (pText === undefined && portFlag === undefined) {
      const same = svc.ports.filter((p) => p.protocol === protocol);
      if (same.length !== 1) return `Service ${key} has ${same.length} ${protocol} ports: give one as svc/${key}:<port> or --port`;
      sp = same[0];
    }
    const port = sp?.port ?? (pText !== undefined ? Number(pText) : portFlag);
    if (src.inCluster) {
      if (!svc.clusterIp) {
        if (svc.headless) {
          const e = svc.endpoints.find((x) => x.ready);
          if (!e) return `headless Service ${key} has no ready endpoint`;
          return { kind: 'ip', ip: e.ip, port, end: { ref, kind: 'service', name: `${key} (headless: DNS answers ${formatIp(e.ip)})` } };
        }
        return `Service ${key} has no cluster IP (${svc.service.type === 'ExternalName' ? `ExternalName ${svc.service.externalName ?? ''}` : 'none allocated'})`;
      }
      return { kind: 'ip', ip: svc.clusterIp, port, end: { ref, kind: 'service', name: `${key} (ClusterIP ${formatIp(svc.clusterIp)})` } };
    }
    if (svc.service.type !== 'LoadBalancer') {
      return `Service ${key} is ${svc.service.type}: from outside the cluster use --to node:<name> --port <nodePort>${svc.ports.some((p) => p.nodePort) ? ` (nodePorts: ${svc.ports.map((p) => p.nodePort).filter(Boolean).join(', ')})` : ''}`;
    }
    if (!svc.loadBalancer?.ip) {
      return { kind: 'ip', ip: ipOf('0.0.0.0'), port, end: { ref, kind: 'service', name: `${key} (LoadBalancer <pending>)` }, pending: svc };
    }
    return { kind: 'ip', ip: svc.loadBalancer.ip, port, end: { ref, kind: 'service', name: `${key} (${svc.loadBalancer.scheme} LoadBalancer ${formatIp(svc.loadBalancer.ip)})` } };
  }
  const ip = parseIp(r);
  if (ip) return { kind: 'ip', ip, port: portFlag, end: { ref, kind: 'address', name: formatIp(ip) } };
  const node = resolveNodeRef(ctx, r);
  if (node) {
    if (!node.ip) return `node ${node.name} has no address`;
    return { kind: 'ip', ip: node.ip, port: portFlag, end: { ref, kind: 'node', name: node.name } };
  }
  if (r.startsWith('node:')) return `no node named '${r.slice(5)}'`;
  const vm = nicByRef(ctx.model, r);
  if (typeof vm === 'string') return vm;
  if (vm) return { kind: 'ip', ip: vm.ip, port: portFlag, end: { ref, kind: 'address', name: `${describeOwner(vm)} ${formatIp(vm.ip)}` } };
  if (/^(vm|nic):/i.test(r)) return `no ${r.slice(0, r.indexOf(':')).toUpperCase()} named '${r.slice(r.indexOf(':') + 1)}' in the input`;
  const pod = resolvePodRef(ctx, r);
  if (typeof pod === 'string') return pod;
  if (pod) {
    if (!pod.ip) return `pod ${pod.namespace}/${pod.name} has no address (IPAM could not place it)`;
    return { kind: 'ip', ip: pod.ip, port: portFlag, end: { ref, kind: 'pod', name: `${pod.namespace}/${pod.name}` } };
  }
  return `'${ref}' is not a destination reference: use ${TRACE_REFS_HELP}`;
}

/** Concatenates two legs of a walk (the second starts where the first was delivered), with one hop between them. */
function join(a: Trace, middle: readonly Hop[], b: Trace | undefined, end?: Pick<Trace, 'disposition'>): Trace {
  const hops = [...a.hops, ...middle, ...(b?.hops ?? [])];
  const disposition = b ? b.disposition : end?.disposition ?? a.disposition;
  const delivered = disposition === 'delivered' || disposition === 'exits-network';
  const notes = [...new Set([...a.notes, ...(b?.notes ?? [])])].sort();
  const blockingHop = b?.blockingHop !== undefined ? b.blockingHop + a.hops.length + middle.length : !delivered ? hops.length - 1 : undefined;
  return { disposition, delivered, hops, ...(blockingHop !== undefined ? { blockingHop } : {}), notes };
}

/** The Service that fronts the ingress controller of `kind`: LoadBalancer Services named for it, first by key. */
function controllerService(ctx: DataplaneContext, kind: IngressControllerKind): DerivedService | undefined {
  if (kind === 'agic') return undefined;
  const lbs = ctx.services.services.filter((s) => s.service.type === 'LoadBalancer');
  return lbs.find((s) => /ingress-nginx|nginx/.test(s.key)) ?? lbs.find((s) => /ingress/.test(s.key)) ??
    ctx.services.services.find((s) => /ingress-nginx|nginx/.test(s.key));
}

function traceUrl(ctx: DataplaneContext, src: Source, req: HttpRequest, protocol: TraceProtocol): Trace {
  const port = req.scheme === 'https' ? 443 : 80;
  const hopOf = (detail: string, action: Hop['action'], resource: string, extra: Partial<Hop> = {}): Hop => ({
    component: 'ingress-controller', resource, action, detail, rewrites: [], steps: [],
    packet: { protocol, srcIp: formatIp(src.srcIp), dstIp: '(controller)', dstPort: port }, ...extra,
  });
  const t = new RecordingTracer();
  const routed = routeIngress(ctx.model.ingresses, req, t);
  const kind: IngressControllerKind = routed.ok ? controllerOf(routed.route.ingress) : (ctx.model.ingresses[0] ? controllerOf(ctx.model.ingresses[0]) : 'nginx');
  // Leg 1: client -> controller.
  let leg1: Trace;
  let controllerPod: Pod | undefined;
  let controllerIp: Ip | undefined;
  let agicSubnet: ReturnType<typeof subnetHolding>;
  if (kind === 'agic') {
    agicSubnet = ctx.model.subnets.find((s) => /appgw|app-?gateway|application-?gateway|agw/i.test(s.name));
    const base = agicSubnet?.prefixes.find((c) => c.family === 4);
    controllerIp = base ? makeIp(4, base.base + 4n) : undefined;
    leg1 = { disposition: 'delivered', delivered: true, notes: ['Application Gateway: its frontend, listeners and WAF are not modelled; the trace starts at its backend side'],
      hops: [hopOf(agicSubnet && controllerIp ? `Application Gateway in subnet ${agicSubnet.name} (${formatIp(controllerIp)}) receives ${req.scheme}://${req.host}${req.path}`
        : 'Application Gateway: no subnet named like appgw in the input', agicSubnet ? 'forward' : 'drop', 'application-gateway')] };
    if (!agicSubnet || !controllerIp) return { ...leg1, disposition: 'insufficient-info', delivered: false, blockingHop: 0 };
  } else {
    const svc = controllerService(ctx, kind);
    if (!svc) {
      return { disposition: 'insufficient-info', delivered: false, blockingHop: 0, notes: [],
        hops: [hopOf('the NGINX ingress controller\'s Service (LoadBalancer, named like ingress-nginx) is not in the input', 'drop', 'ingress-nginx')] };
    }
    const dstIp = src.inCluster ? svc.clusterIp : svc.loadBalancer?.ip;
    if (!dstIp) {
      return { disposition: 'lb-pending', delivered: false, blockingHop: 0, notes: [],
        hops: [hopOf(`the controller Service ${svc.key} has no ${src.inCluster ? 'cluster IP' : 'LoadBalancer address'}`, 'drop', svc.key)] };
    }
    const flow: WalkFlow = { protocol: 'TCP', srcIp: src.srcIp, dstIp, dstPort: port };
    leg1 = walk(ctx, src.start, flow);
    if (!leg1.delivered) return leg1;
    const lastDst = leg1.hops[leg1.hops.length - 1]?.resource ?? '';
    controllerPod = ctx.pods.find((p) => `${p.namespace}/${p.name}` === lastDst);
    controllerIp = controllerPod?.ip;
  }
  // The controller's routing decision.
  const step = t.steps[t.steps.length - 1];
  if (!routed.ok) {
    return join(leg1, [hopOf(routed.reason, 'drop', kind === 'agic' ? 'application-gateway' : 'ingress-nginx', { steps: t.steps })], undefined, { disposition: 'no-ingress-match' });
  }
  const route = routed.route;
  const svc = ctx.services.services.find((s) => s.key === `${route.ingress.namespace}/${route.backend.serviceName}`);
  const sp = svc?.ports.find((p) => (typeof route.backend.servicePort === 'number' ? p.port === route.backend.servicePort : p.name === route.backend.servicePort));
  const resource = `${kind === 'agic' ? 'application-gateway' : 'ingress-nginx'}: Ingress ${route.ingress.namespace}/${route.ingress.name}`;
  const match = hopOf(step?.detail ?? '', 'forward', resource, { ...(step?.rule ? { rule: step.rule } : {}), origin: route.ingress.origin, steps: t.steps });
  if (!svc || !sp) {
    const why = !svc ? `backend Service ${route.ingress.namespace}/${route.backend.serviceName} is not in the input`
      : `backend Service ${svc.key} has no port ${String(route.backend.servicePort)}`;
    return join(leg1, [match, hopOf(why, 'drop', resource)], undefined, { disposition: svc ? 'service-port-mismatch' : 'no-endpoints' });
  }
  const eligible = eligibleEndpoints(svc, sp);
  const chosen = eligible[0];
  if (!chosen) {
    return join(leg1, [match, hopOf(`backend Service ${svc.key} port ${sp.port}: no ready endpoint with targetPort ${String(sp.targetPort)}`, 'drop', resource)], undefined, { disposition: 'no-endpoints' });
  }
  const upstream = hopOf(`proxies to endpoint ${chosen.endpoint.pod ? `${chosen.endpoint.pod.namespace}/${chosen.endpoint.pod.name}` : formatIp(chosen.endpoint.ip)} ` +
    `${formatIp(chosen.endpoint.ip)}:${chosen.targetPort} of Service ${svc.key} (port ${sp.port} -> targetPort ${String(sp.targetPort)}); a new connection from the controller`,
  'rewrite', resource, {
    rewrites: [
      ...(controllerIp ? [{ field: 'srcIp' as const, old: formatIp(src.srcIp), new: formatIp(controllerIp) }] : []),
      { field: 'dstIp', old: '(controller)', new: formatIp(chosen.endpoint.ip) },
      { field: 'dstPort', old: String(port), new: String(chosen.targetPort) },
    ],
  });
  if (!controllerIp) return join(leg1, [match, upstream], undefined, { disposition: 'insufficient-info' });
  const flow2: WalkFlow = { protocol: 'TCP', srcIp: controllerIp, dstIp: chosen.endpoint.ip, dstPort: chosen.targetPort };
  const start2: WalkStart = controllerPod ? { kind: 'pod', pod: controllerPod } : { kind: 'vnet', ip: controllerIp, subnet: agicSubnet! };
  const leg2 = walk(ctx, start2, flow2);
  // The second leg's first hop repeats the controller as source; keep it (it shows where the new connection starts).
  return join(leg1, [match, upstream], { ...leg2, notes: [...leg2.notes, ...route.notes, `${kind === 'agic' ? 'AGIC' : 'NGINX'} sends to endpoints directly (not through the ClusterIP)`] });
}

/** Answers `trace`. */
export function trace(model: Model, params: TraceParams): TraceResult {
  const ctx = buildDataplane(model, params.engine ? { engine: params.engine } : {});
  const protocol = params.protocol ?? 'TCP';
  const portFlag = parsePort(params.port);
  if (typeof portFlag === 'string') return { ok: false, error: portFlag };
  const src = resolveSource(ctx, params.from);
  if (typeof src === 'string') return { ok: false, error: `--from: ${src}` };
  const dst = resolveDest(ctx, params.to, src, protocol, portFlag);
  if (typeof dst === 'string') return { ok: false, error: `--to: ${dst}` };
  const engine = ctx.engineName ?? 'none';
  if (dst.kind === 'url') {
    const t = traceUrl(ctx, src, dst.req, protocol);
    return { ok: true, answer: { from: src.end, to: dst.end, protocol, port: dst.req.scheme === 'https' ? 443 : 80, engine, trace: t, diagnostics: ctx.diagnostics } };
  }
  if (dst.port === undefined) return { ok: false, error: `--port is needed for --to ${params.to}` };
  if (dst.pending) {
    const lb = dst.pending.loadBalancer;
    const t: Trace = { disposition: 'lb-pending', delivered: false, blockingHop: 1, notes: [], hops: [
      { component: 'source', resource: src.end.name, action: 'forward', detail: src.end.name, packet: { protocol, srcIp: formatIp(src.srcIp), dstIp: '(pending)', dstPort: dst.port }, rewrites: [], steps: [] },
      { component: 'lb', resource: `Service ${dst.pending.key}`, action: 'drop', origin: dst.pending.service.origin,
        detail: `the LoadBalancer Service has no frontend address: <pending> (${lb?.pendingReason ?? 'no address'})`,
        packet: { protocol, srcIp: formatIp(src.srcIp), dstIp: '(pending)', dstPort: dst.port }, rewrites: [], steps: [] },
    ] };
    return { ok: true, answer: { from: src.end, to: dst.end, protocol, port: dst.port, engine, trace: t, diagnostics: ctx.diagnostics } };
  }
  const flow: WalkFlow = { protocol, srcIp: src.srcIp, dstIp: dst.ip, dstPort: dst.port };
  const t = walk(ctx, src.start, flow);
  return { ok: true, answer: { from: src.end, to: dst.end, protocol, port: dst.port, engine, trace: t, diagnostics: ctx.diagnostics } };
}
