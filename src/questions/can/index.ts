// `can`: may this one flow pass? Resolves the two references, asks the policy engine for the verdict and keeps the
// per-direction, per-layer decision that explains it. A pure function of the model and the parameters.
import { formatIp, ipEquals, parseIp, type L4Protocol } from '../../engines/net/index.js';
import {
  buildPolicyEngine, engineProfile, type DirectionVerdict, type Endpoint, type EngineName, type EngineOptions, type FlowVia,
} from '../../engines/policy/index.js';
import { deriveNodes } from '../../derive/nodes.js';
import { byKey } from '../../model/compare.js';
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';

/**
 * The question. `from`/`to` are references: `ns/pod`, `ns/workload` (its first replica), `node:<name>`, or an IP
 * address (a pod with that address, else a node — a Node object, a hostNetwork pod's host, or a node derived from the
 * cluster's pools — else an address outside the cluster). `port` is a number or a
 * container port name of the destination pod. `protocol` absent = TCP, or the named port's protocol.
 */
export interface CanParams {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol?: L4Protocol;
  readonly engine: EngineName;
  /** Override of the engine's ipBlock-vs-pod behaviour; absent = the engine's own. */
  readonly ipblockPods?: 'match' | 'ignore';
  /** Further engine options (Cilium endPort support); absent = the engine's defaults. */
  readonly engineOptions?: EngineOptions;
  /** The flow arrives through a NodePort / LoadBalancer Service; absent = direct to the destination. */
  readonly via?: FlowVia;
}

/** One resolved end of the flow. `ip` absent = the endpoint has no known address. */
export interface CanPeer {
  /** The reference as the user wrote it. */
  readonly ref: string;
  readonly kind: 'pod' | 'node' | 'external';
  /** `ns/pod` for pods, the node name for nodes, the address otherwise. */
  readonly name: string;
  /** The workload (kind/name) of a pod. */
  readonly workload?: string;
  readonly ip?: string;
}

/** The answer: the verdict, the flow as resolved, and the decision per direction. */
export interface CanAnswer {
  readonly engine: EngineName;
  readonly allowed: boolean;
  readonly from: CanPeer;
  readonly to: CanPeer;
  readonly protocol: L4Protocol;
  readonly port: number;
  /** The container port name the user gave, when `port` was a name. */
  readonly portName?: string;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** Ids of policies the engine does not implement (they took no part), sorted. */
  readonly ignoredPolicies: readonly string[];
}

/** The answer, or why the question cannot be answered (a bad reference or port: a usage problem). */
export type CanResult = { readonly ok: true; readonly answer: CanAnswer } | { readonly ok: false; readonly error: string };

const PROTOCOLS: readonly L4Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Parses a protocol name case-insensitively; undefined when it is not TCP, UDP or SCTP. */
export function parseProtocol(s: string): L4Protocol | undefined {
  return PROTOCOLS.find((p) => p === s.toUpperCase());
}

/** Pods in `namespace/name` order. */
const byName = byKey((p: Pod) => `${p.namespace}/${p.name}`);

/** Resolves a reference to an endpoint, or returns the reason it cannot be resolved. */
export function resolveRef(model: Model, pods: readonly Pod[], ref: string): { endpoint: Endpoint; peer: CanPeer } | string {
  const r = ref.trim();
  const podPeer = (pod: Pod): { endpoint: Endpoint; peer: CanPeer } => ({
    endpoint: { kind: 'pod', pod },
    peer: {
      ref, kind: 'pod', name: `${pod.namespace}/${pod.name}`, workload: `${pod.workload.kind}/${pod.workload.name}`,
      ip: pod.ip ? formatIp(pod.ip) : undefined,
    },
  });
  if (r.startsWith('node:')) {
    const name = r.slice(5);
    const node = model.nodes.find((n) => n.name === name);
    const podNode = pods.find((p) => p.nodeName === name);
    const derived = deriveNodes(model).find((n) => n.name === name);
    if (!node && !podNode && !derived) return `no node named '${name}'`;
    const ip = node?.ip ?? podNode?.hostIp ?? derived?.ip;
    return { endpoint: { kind: 'node', name, ip }, peer: { ref, kind: 'node', name, ip: ip ? formatIp(ip) : undefined } };
  }
  const ip = parseIp(r);
  if (ip !== undefined) {
    const sorted = pods.filter((p) => p.ip !== undefined && ipEquals(p.ip, ip)).sort(byName);
    const pod = sorted.find((p) => !p.hostNetwork);
    if (pod) return podPeer(pod);
    const node = model.nodes.find((n) => n.ip !== undefined && ipEquals(n.ip, ip));
    if (node) return { endpoint: { kind: 'node', name: node.name, ip }, peer: { ref, kind: 'node', name: node.name, ip: formatIp(ip) } };
    const hostPod = pods.find((p) => p.hostIp !== undefined && ipEquals(p.hostIp, ip) && p.nodeName !== undefined);
    if (hostPod?.nodeName) {
      return { endpoint: { kind: 'node', name: hostPod.nodeName, ip }, peer: { ref, kind: 'node', name: hostPod.nodeName, ip: formatIp(ip) } };
    }
    const derived = deriveNodes(model).find((n) => n.ip !== undefined && ipEquals(n.ip, ip));
    if (derived) return { endpoint: { kind: 'node', name: derived.name, ip }, peer: { ref, kind: 'node', name: derived.name, ip: formatIp(ip) } };
    return { endpoint: { kind: 'external', ip }, peer: { ref, kind: 'external', name: formatIp(ip), ip: formatIp(ip) } };
  }
  const slash = r.indexOf('/');
  if (slash <= 0 || slash === r.length - 1 || r.indexOf('/', slash + 1) >= 0) {
    return `'${ref}' is not a reference: use ns/pod, ns/workload, node:<name> or an IP address`;
  }
  const ns = r.slice(0, slash);
  const name = r.slice(slash + 1);
  const pod = pods.find((p) => p.namespace === ns && p.name === name);
  if (pod) return podPeer(pod);
  const replicas = pods.filter((p) => p.namespace === ns && p.workload.name === name).sort(byName);
  if (replicas.length > 0) return podPeer(replicas[0]);
  const workload = model.workloads.find((w) => w.namespace === ns && w.name === name);
  if (workload) return `workload ${ns}/${name} has no pods (replicas: ${workload.replicas})`;
  return `no pod or workload '${ns}/${name}' in the input`;
}

/** Answers `can`: resolves references and port, then asks the engine. `pods` defaults to model.pods. */
export function can(model: Model, params: CanParams, pods: readonly Pod[] = model.pods): CanResult {
  const src = resolveRef(model, pods, params.from);
  if (typeof src === 'string') return { ok: false, error: `--from: ${src}` };
  const dst = resolveRef(model, pods, params.to);
  if (typeof dst === 'string') return { ok: false, error: `--to: ${dst}` };
  let port: number;
  let protocol: L4Protocol = params.protocol ?? 'TCP';
  let portName: string | undefined;
  if (/^[0-9]+$/.test(params.port)) {
    port = Number(params.port);
    if (port < 1 || port > 65535) return { ok: false, error: `--port ${params.port}: a port is 1..65535` };
  } else {
    if (dst.endpoint.kind !== 'pod') return { ok: false, error: `--port ${params.port}: a port name needs a pod as destination` };
    const dpod = dst.endpoint.pod;
    const cp = dpod.ports.find((p) => p.name === params.port && (params.protocol === undefined || p.protocol === params.protocol));
    if (!cp) {
      const names = [...new Set(dpod.ports.flatMap((p) => (p.name ? [p.name] : [])))].sort();
      return { ok: false, error: `--port ${params.port}: ${dst.peer.name} has no container port of that name${params.protocol ? ` and protocol ${params.protocol}` : ''} (named ports: ${names.join(', ') || 'none'})` };
    }
    port = cp.port;
    protocol = cp.protocol;
    portName = params.port;
  }
  // With engine `none` nothing enforces policy: the engine answers allowed and says so ("[not enforced] …").
  const profile = engineProfile(params.engine, { ...(params.engineOptions ?? {}), ...(params.ipblockPods ? { ipblockPods: params.ipblockPods } : {}) });
  const engine = buildPolicyEngine(model, profile, pods);
  const v = engine.decide(src.endpoint, dst.endpoint, protocol, port, params.via ? { via: params.via } : undefined);
  return {
    ok: true,
    answer: {
      engine: params.engine, allowed: v.allowed, from: src.peer, to: dst.peer, protocol, port, portName,
      egress: v.egress, ingress: v.ingress, ignoredPolicies: engine.ignoredPolicies.map((p) => p.id),
    },
  };
}
