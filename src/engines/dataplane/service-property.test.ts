// Property: the walk and the policy questions never disagree about a Service flow or a pod-to-pod flow. Random small
// clusters (overlay or kubenet, kube-proxy or Cilium's replacement) with Services of every type and traffic policy
// over random pods and NetworkPolicies, under every engine profile:
// - a trace delivered to an endpoint pod E means `can` allows the flow as the policy engine sees it: from the source
//   after any SNAT, or — through a NodePort/LoadBalancer Service with externalTrafficPolicy Cluster — from the client
//   with the `via` the walker passes;
// - a trace stopped at a policy hop means `can` denies that flow;
// - for pod → pod, `matrix` allows the port exactly when the trace does not stop at a policy hop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatIp, parseIp, type Ip } from '../net/index.js';
import type { Cluster } from '../../model/azure.js';
import type { Pod, Service } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { cluster, model as azureModel, pool, subnet } from '../../derive/testing/build.js';
import { mkModel, mkNamespace, mkPod, np, type NpPeer } from '../policy/testing/builders.js';
import { chooseEngine, type EngineName, type FlowVia } from '../policy/index.js';
import { can } from '../../questions/can/index.js';
import { matrix } from '../../questions/matrix/index.js';
import { buildDataplane, endpointAt, type DataplaneContext } from './context.js';
import { walk } from './walk.js';
import type { Trace } from './types.js';

const NODES = ['aks-np-00000000-vmss000000', 'aks-np-00000000-vmss000001', 'aks-np-00000000-vmss000002'];
const LABELS = ['a', 'b', 'c'];
const ENGINES: readonly EngineName[] = ['upstream', 'calico', 'cilium', 'azure-npm', 'none'];
const CLIENT = '203.0.113.10';
/** Dispositions a Service or pod flow may end with in these worlds (no NSG denies, routes always exist). */
const EXPECTED = new Set(['delivered', 'denied-by-policy-egress', 'denied-by-policy-ingress', 'no-endpoints', 'no-healthy-backend']);

interface PodSpec { readonly ns: string; readonly app: string; readonly node: number }
interface PolicySpec {
  readonly ns: string; readonly subject: string; readonly dir: 'Ingress' | 'Egress';
  readonly peer: 'pod' | 'pod-any-ns' | 'node-subnet' | 'world' | 'client' | 'pod-cidr';
  readonly peerApp: string; readonly port: 8080 | 9090 | undefined;
}
/** `target`: the index (mod pod count) of a pod whose namespace and app label the Service selects; `stray`: none. */
interface ServiceSpec {
  readonly target: number; readonly stray: boolean; readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly etp: 'Cluster' | 'Local'; readonly itp: 'Cluster' | 'Local'; readonly namedTarget: boolean;
}
interface World {
  readonly mode: 'azure-cni-overlay' | 'kubenet';
  readonly cilium: boolean;
  readonly engine: EngineName;
  readonly pods: readonly PodSpec[];
  readonly policies: readonly PolicySpec[];
  readonly services: readonly ServiceSpec[];
}

const podArb = fc.record({ ns: fc.constantFrom('x', 'y'), app: fc.constantFrom(...LABELS), node: fc.constantFrom(0, 1, 2) });
const policyArb = fc.record({
  ns: fc.constantFrom('x', 'y'), subject: fc.constantFrom(...LABELS), dir: fc.constantFrom<'Ingress' | 'Egress'>('Ingress', 'Ingress', 'Egress'),
  peer: fc.constantFrom<PolicySpec['peer']>('pod', 'pod-any-ns', 'node-subnet', 'world', 'client', 'pod-cidr'),
  peerApp: fc.constantFrom(...LABELS), port: fc.constantFrom<8080 | 9090 | undefined>(8080, 9090, undefined),
});
const serviceArb = fc.record({
  target: fc.nat(), stray: fc.constantFrom(false, false, false, false, true), type: fc.constantFrom<ServiceSpec['type']>('ClusterIP', 'NodePort', 'LoadBalancer'),
  etp: fc.constantFrom<'Cluster' | 'Local'>('Cluster', 'Local'), itp: fc.constantFrom<'Cluster' | 'Local'>('Cluster', 'Local'), namedTarget: fc.boolean(),
});
const worldArb: fc.Arbitrary<World> = fc.record({
  mode: fc.constantFrom<World['mode']>('azure-cni-overlay', 'kubenet'), cilium: fc.boolean(), engine: fc.constantFrom(...ENGINES),
  pods: fc.array(podArb, { minLength: 2, maxLength: 6 }), policies: fc.array(policyArb, { maxLength: 4 }),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
});

function peerOf(p: PolicySpec): NpPeer {
  switch (p.peer) {
    case 'pod': return { podSelector: { matchLabels: { app: p.peerApp } } };
    case 'pod-any-ns': return { podSelector: { matchLabels: { app: p.peerApp } }, namespaceSelector: {} };
    case 'node-subnet': return { ipBlock: { cidr: '10.1.0.0/24' } };
    case 'world': return { ipBlock: { cidr: '0.0.0.0/0' } };
    case 'client': return { ipBlock: { cidr: '203.0.113.0/24' } };
    case 'pod-cidr': return { ipBlock: { cidr: '10.244.0.0/16' } };
    default: {
      const never: never = p.peer;
      return never;
    }
  }
}

function build(w: World): Model {
  const base = cluster('c', { mode: w.mode, podCidr: '10.244.0.0/16', ...(w.mode === 'kubenet' ? { routeTable: 'rt' } : {}), pools: [pool('np', { count: 3, subnet: 'nodes' })] });
  const c: Cluster = w.cilium ? { ...base, dataplane: 'cilium' } : base;
  const az = azureModel({ subnets: [subnet('nodes', '10.1.0.0/24', w.mode === 'kubenet' ? { routeTable: 'rt' } : {})], clusters: [c] });
  const routeTables = w.mode === 'kubenet' ? [{ id: az.subnets[0]!.routeTableId!, name: 'rt', origin: az.subnets[0]!.origin, routes: [], disableBgpRoutePropagation: false }] : [];
  const k8s = mkModel({
    namespaces: [mkNamespace('x'), mkNamespace('y')],
    pods: w.pods.map((p, i) => mkPod(p.ns, `p${i}`, { labels: { app: p.app }, node: NODES[p.node], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] })),
    policies: w.policies.map((p, i) => {
      const rule = { ...(p.dir === 'Ingress' ? { from: [peerOf(p)] } : { to: [peerOf(p)] }), ...(p.port ? { ports: [{ port: p.port }] } : {}) };
      return np(p.ns, `np${i}`, p.dir === 'Ingress'
        ? { podSelector: { matchLabels: { app: p.subject } }, policyTypes: ['Ingress'], ingress: [rule] }
        : { podSelector: { matchLabels: { app: p.subject } }, policyTypes: ['Egress'], egress: [rule] });
    }),
  });
  const services: Service[] = w.services.map((s, i) => ({
    namespace: w.pods[s.target % w.pods.length]!.ns, name: `s${i}`, type: s.type,
    selector: { app: s.stray ? 'nobody' : w.pods[s.target % w.pods.length]!.app },
    ports: [{ name: 'web', protocol: 'TCP', port: 80, targetPort: s.namedTarget ? 'http' : 8080 }],
    externalTrafficPolicy: s.etp, internalTrafficPolicy: s.itp, loadBalancerSourceRanges: [], annotations: {},
    origin: { file: 'svc.yaml', line: i + 1, column: 1, kind: 'Service', name: `s${i}` },
  }));
  return { ...az, routeTables, namespaces: k8s.namespaces, pods: k8s.pods, policies: k8s.policies, services };
}

/** How `can` is told an endpoint: `ns/pod`, `node:<name>` for a node, else the address. */
function refOf(e: ReturnType<typeof endpointAt>, ip: Ip): string {
  return e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : e.kind === 'node' ? `node:${e.name}` : formatIp(ip);
}

/** The pod the trace delivered to, if it ended at one. */
function deliveredPod(ctx: DataplaneContext, t: Trace): Pod | undefined {
  if (!t.delivered) return undefined;
  const last = t.hops[t.hops.length - 1];
  if (!last || last.component !== 'destination') return undefined;
  return ctx.pods.find((p) => `${p.namespace}/${p.name}` === last.resource);
}

/**
 * The flow as the policy engine sees it at the last policy hop of `t` (or at the delivered pod): the source after
 * SNAT, or the client with `via` when a kube-proxy SNAT hop for externalTrafficPolicy Cluster came first.
 */
function policyFlow(ctx: DataplaneContext, t: Trace, client: Ip | undefined, svcKey: string | undefined, svcType: 'NodePort' | 'LoadBalancer' | undefined):
  { from: string; to: string; port: number; via?: FlowVia } | undefined {
  const at = [...t.hops].reverse().find((h) => h.component === 'policy' || h.component === 'destination');
  if (!at || at.packet.dstPort === undefined) return undefined;
  const snat = t.hops.find((h) => h.component === 'snat' && /externalTrafficPolicy Cluster/.test(h.detail));
  // The client the Service saw: the packet's source where it was masqueraded (the given client, or a pod / node).
  const seenClient = snat ? parseIp(snat.packet.srcIp) : undefined;
  const dstIp = parseIp(at.packet.dstIp)!;
  const dst = endpointAt(ctx, dstIp);
  const to = refOf(dst, dstIp);
  if (snat && seenClient && svcKey && svcType) {
    if (client) assert.equal(formatIp(seenClient), formatIp(client), 'the masquerade hop names the client');
    const node = /on (\S+)$/.exec(snat.resource)?.[1];
    // The node's address the SNAT wrote: ipBlocks over node addresses match it (FlowVia.nodeIps).
    const nodeIp = snat.rewrites.find((r) => r.field === 'srcIp')?.new;
    const from = refOf(endpointAt(ctx, seenClient), seenClient);
    return { from, to, port: at.packet.dstPort,
      via: { service: svcKey, type: svcType, externalTrafficPolicy: 'Cluster', ...(node ? { node } : {}), ...(nodeIp ? { nodeIps: [parseIp(nodeIp)!] } : {}) } };
  }
  const srcIp = parseIp(at.packet.srcIp)!;
  return { from: refOf(endpointAt(ctx, srcIp), srcIp), to, port: at.packet.dstPort };
}

/** Whether `can` allows the flow (every end must resolve). */
function canAllows(m: Model, ctx: DataplaneContext, engine: EngineName, f: { from: string; to: string; port: number; via?: FlowVia }): boolean {
  const r = can(m, { from: f.from, to: f.to, port: String(f.port), engine, engineOptions: chooseEngine(m, engine).options, ...(f.via ? { via: f.via } : {}) }, ctx.pods);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.answer.allowed;
}

/** A via as text (its node addresses as dotted quads). */
function viaText(v: FlowVia | undefined): string {
  return v ? ` via ${v.type} ${v.service} ETP ${v.externalTrafficPolicy} node ${v.node ?? '-'} ${(v.nodeIps ?? []).map(formatIp).join(',')}` : '';
}

/** How many traces ended how (the property must have exercised every kind of ending it checks). */
const seen = new Map<string, number>();

/** Checks one trace against `can`. */
function agree(m: Model, ctx: DataplaneContext, engine: EngineName, t: Trace, what: string, client?: Ip, svcKey?: string, svcType?: 'NodePort' | 'LoadBalancer'): void {
  assert.ok(EXPECTED.has(t.disposition), `${what}: unexpected disposition ${t.disposition}`);
  const kind = `${what.replace(/ [a-z0-9/]+$/, '').replace(/p\d+/g, '').replace(/[xy]\/s\d/, '')} ${t.disposition}`;
  seen.set(kind, (seen.get(kind) ?? 0) + 1);
  const policyStop = t.disposition === 'denied-by-policy-egress' || t.disposition === 'denied-by-policy-ingress';
  if (!policyStop && !deliveredPod(ctx, t)) return;
  const f = policyFlow(ctx, t, client, svcKey, svcType);
  assert.ok(f, `${what}: the trace has a policy or destination hop with a port`);
  const allowed = canAllows(m, ctx, engine, f);
  if (policyStop) assert.ok(!allowed, `${what}: trace ${t.disposition} but can allows ${f.from} -> ${f.to}:${f.port}${viaText(f.via)}`);
  else assert.ok(allowed, `${what}: trace delivered to ${f.to} but can denies ${f.from} -> ${f.to}:${f.port}${viaText(f.via)}`);
}

describe('trace agrees with can and matrix on Service and pod flows (property)', () => {
  it('every engine profile, overlay and kubenet, kube-proxy and Cilium: delivered => allowed; stopped by policy => denied', () => {
    fc.assert(fc.property(worldArb, fc.nat(), fc.nat(), (w, i, j) => {
      const m = build(w);
      const ctx = buildDataplane(m, { engine: w.engine });
      const pods = ctx.pods.filter((p) => p.ip);
      const src = pods[i % pods.length];
      const dst = pods[j % pods.length];
      if (!src?.ip || !dst?.ip) return;
      // pod -> pod, direct: trace, can and matrix.
      if (src !== dst) {
        const t = walk(ctx, { kind: 'pod', pod: src }, { protocol: 'TCP', srcIp: src.ip, dstIp: dst.ip, dstPort: 8080 });
        agree(m, ctx, w.engine, t, `pod ${src.name} -> pod ${dst.name}`);
        if (ctx.policy) {
          const mx = matrix(m, ctx.policy, { by: 'pod', ports: [8080], external: false, ingressController: false }, ctx.pods);
          const e = mx.entries.find((x) => x.from.kind === 'pod' && x.to.kind === 'pod' && x.from.name === src.name && x.to.name === dst.name && x.from.namespace === src.namespace && x.to.namespace === dst.namespace);
          assert.ok(e, `matrix has ${src.name} -> ${dst.name}`);
          const policyStop = t.disposition === 'denied-by-policy-egress' || t.disposition === 'denied-by-policy-ingress';
          assert.equal(e.conns.allows('TCP', 8080), !policyStop, `matrix ${src.name} -> ${dst.name}:8080 vs trace ${t.disposition}`);
        }
      }
      for (const svc of ctx.services.services) {
        // pod -> ClusterIP.
        if (svc.clusterIp) {
          const t = walk(ctx, { kind: 'pod', pod: src }, { protocol: 'TCP', srcIp: src.ip, dstIp: svc.clusterIp, dstPort: 80 });
          agree(m, ctx, w.engine, t, `pod ${src.name} -> ClusterIP of ${svc.key}`);
        }
        // pod -> another node's address and the nodePort: translated there (kube-proxy) or at the socket (Cilium).
        const np = svc.ports[0]?.nodePort;
        const srcNode = NODES.indexOf(src.nodeName ?? '');
        const other = ctx.nodes.find((n) => n.name === NODES[(srcNode + 1) % NODES.length]);
        if (np !== undefined && other?.ip && srcNode >= 0) {
          const type = svc.service.type === 'LoadBalancer' ? 'LoadBalancer' : 'NodePort';
          const t = walk(ctx, { kind: 'pod', pod: src }, { protocol: 'TCP', srcIp: src.ip, dstIp: other.ip, dstPort: np });
          agree(m, ctx, w.engine, t, `pod ${src.name} -> remote nodePort (ETP ${svc.service.externalTrafficPolicy}) of ${svc.key}`, undefined, svc.key, type);
          const kubeProxy = !w.cilium;
          const translatedAt = t.hops.find((h) => h.component === 'kube-proxy')?.resource ?? '';
          if (kubeProxy) assert.ok(translatedAt === '' || translatedAt.endsWith(` on ${other.name}`), `kube-proxy translates a remote nodePort on the addressed node (${translatedAt})`);
          else assert.ok(translatedAt === '' || translatedAt.endsWith(` on ${src.nodeName ?? ''}`), `Cilium translates a remote nodePort at the socket (${translatedAt})`);
          if (kubeProxy && svc.service.externalTrafficPolicy === 'Local') {
            const local = svc.endpoints.some((e) => e.ready && e.nodeName === other.name);
            if (!local && t.disposition !== 'denied-by-policy-egress') assert.equal(t.disposition, 'no-endpoints', 'ETP Local without an endpoint on the addressed node drops');
          }
        }
        // Internet client -> LoadBalancer frontend.
        if (svc.loadBalancer?.ip) {
          const client = parseIp(CLIENT)!;
          const t = walk(ctx, { kind: 'internet', ip: client }, { protocol: 'TCP', srcIp: client, dstIp: svc.loadBalancer.ip, dstPort: 80 });
          agree(m, ctx, w.engine, t, `internet -> LoadBalancer ${svc.key} (ETP ${svc.service.externalTrafficPolicy})`, client, svc.key, 'LoadBalancer');
          if (svc.service.externalTrafficPolicy === 'Local') {
            const onSomeNode = svc.endpoints.some((e) => e.ready);
            assert.equal(t.delivered || t.disposition.startsWith('denied-by-policy'), onSomeNode, `ETP Local reaches a node iff some node runs an endpoint (${t.disposition})`);
          }
        }
      }
    }), { numRuns: 600 });
    // The run must have met every ending it checks, for each kind of flow (else the property proved little).
    for (const kind of ['pod  -> pod delivered', 'pod  -> pod denied-by-policy-ingress', 'pod  -> pod denied-by-policy-egress',
      'pod  -> ClusterIP of delivered', 'pod  -> ClusterIP of denied-by-policy-ingress', 'pod  -> ClusterIP of denied-by-policy-egress',
      'internet -> LoadBalancer  (ETP Cluster) delivered', 'internet -> LoadBalancer  (ETP Cluster) denied-by-policy-ingress',
      'internet -> LoadBalancer  (ETP Local) delivered', 'internet -> LoadBalancer  (ETP Local) denied-by-policy-ingress',
      'pod  -> remote nodePort (ETP Cluster) of delivered', 'pod  -> remote nodePort (ETP Cluster) of denied-by-policy-ingress',
      'pod  -> remote nodePort (ETP Local) of delivered', 'pod  -> remote nodePort (ETP Local) of no-endpoints']) {
      assert.ok((seen.get(kind) ?? 0) > 0, `no trace ended as '${kind}' (seen: ${[...seen.keys()].sort().join('; ')})`);
    }
  });
});
