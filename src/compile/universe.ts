// What a node compiler needs to know about the cluster: the policed pods with their IPv4 addresses, namespace labels,
// node addresses and labels, this node's pods and their interfaces, and the policies the engine enforces in order.
import { formatIp, type Ip } from '../engines/net/index.js';
import { engineProfile, resolveTiers, tierOfPolicy, type EngineProfile } from '../engines/policy/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { NAMESPACE_NAME_LABEL, type Labels, type Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import type { NormalizedPolicy } from '../model/policy.js';
import { COMPILE_CODES } from './codes.js';
import { hex, sha256 } from './hash.js';
import type { AttachMode, CompileEngine, CompileOptions, NodeInterface } from './types.js';
import { compareById } from '../model/compare.js';

/** A policed pod (not hostNetwork, with an IPv4 address) as the compilers see it. */
export interface PodEntry {
  readonly pod: Pod;
  /** `namespace/name`. */
  readonly id: string;
  readonly ip: Ip;
  /** Dotted IPv4 text. */
  readonly ipText: string;
  readonly nsLabels: Labels;
}

/** An address a node-selecting peer can match: a node's InternalIP or a hostNetwork pod's address, with node labels. */
export interface NodeAddress {
  readonly ipText: string;
  readonly labels: Labels;
}

/** A local pod with its interface. */
export interface LocalPod extends PodEntry {
  readonly iface: string;
}

/** Everything a compiler reads. */
export interface Universe {
  readonly engine: CompileEngine;
  /**
   * The engine's profile with its tiers completed for the model's policies (resolveTiers: Calico tiers the policies
   * name get a tier each, all sorted by order), exactly as the policy engine evaluates them.
   */
  readonly profile: EngineProfile;
  readonly node: string;
  readonly mode: AttachMode;
  /** Policed pods of the whole cluster, sorted by id. */
  readonly pods: readonly PodEntry[];
  /** Every namespace name (the model's and the pods'), sorted. */
  readonly namespaces: readonly string[];
  /** Labels of namespace `ns` (always with kubernetes.io/metadata.name). */
  nsLabels(ns: string): Labels;
  /** Node addresses, sorted and de-duplicated by address. */
  readonly nodeAddresses: readonly NodeAddress[];
  /** This node's policed pods with interfaces, sorted by id. */
  readonly local: readonly LocalPod[];
  /**
   * Policies per tier of `profile` (tier order), each tier in evaluation order (priority, the tier's default for the
   * dialect, then id). A policy lands in its dialect's tier and, for Calico, the tier it names (tierOfPolicy).
   */
  readonly tiers: readonly (readonly NormalizedPolicy[])[];
  readonly diagnostics: Diagnostic[];
}

/** Linux interface names: 1–15 characters, no '/', whitespace or ':' (ip link rejects them). */
export function validInterfaceName(name: string): boolean {
  return /^[A-Za-z0-9_.-]{1,15}$/.test(name) && name !== '.' && name !== '..';
}

/** The engine's own interface name for a pod: Calico `cali` + 11 hex, Azure CNI `azv` + 11 hex of a hash of the id. */
export function defaultInterface(engine: CompileEngine, pod: Pod): string {
  const h = hex(sha256(`${pod.namespace}.${pod.name}`)).slice(0, 11);
  switch (engine) {
    case 'calico':
      return `cali${h}`;
    case 'azure-npm':
      return `azv${h}`;
    default: {
      const never: never = engine;
      throw new RangeError(`unknown engine ${String(never)}`);
    }
  }
}


/** Builds the universe for `engine` on node `node`. */
export function buildUniverse(model: Model, pods: readonly Pod[], engine: CompileEngine, node: string, opts: CompileOptions): Universe {
  const diagnostics: Diagnostic[] = [];
  const profile = resolveTiers(engineProfile(engine), model.policies);
  const mode = opts.mode ?? 'transparent';
  const nsMap = new Map<string, Labels>();
  for (const n of model.namespaces) nsMap.set(n.name, { ...n.labels, [NAMESPACE_NAME_LABEL]: n.name });
  for (const p of pods) if (!nsMap.has(p.namespace)) nsMap.set(p.namespace, { [NAMESPACE_NAME_LABEL]: p.namespace });
  const nsLabels = (ns: string): Labels => nsMap.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };

  const entries: PodEntry[] = [];
  const local: LocalPod[] = [];
  const usedIfaces = new Map<string, string>();
  for (const pod of pods) {
    const id = `${pod.namespace}/${pod.name}`;
    if (pod.hostNetwork) continue;
    if (pod.ip === undefined) {
      if (pod.nodeName === node) {
        diagnostics.push({ code: COMPILE_CODES.POD_WITHOUT_IP, severity: 'warning', origin: pod.origin, resource: id,
          message: `pod ${id} on node ${node} has no address; no rules are compiled for it`, hint: 'give the pod an IP or free addresses in its node\'s range' });
      }
      continue;
    }
    if (pod.ip.family !== 4) {
      diagnostics.push({ code: COMPILE_CODES.IPV6_SKIPPED, severity: 'warning', origin: pod.origin, resource: id,
        message: `pod ${id} has the IPv6 address ${formatIp(pod.ip)}; only IPv4 is compiled`, hint: 'Azure NPM does not support IPv6' });
      continue;
    }
    const e: PodEntry = { pod, id, ip: pod.ip, ipText: formatIp(pod.ip), nsLabels: nsLabels(pod.namespace) };
    entries.push(e);
    if (pod.nodeName === node) {
      let iface = opts.podInterface ? opts.podInterface(pod) : defaultInterface(engine, pod);
      if (!validInterfaceName(iface) || usedIfaces.has(iface)) {
        diagnostics.push({ code: COMPILE_CODES.BAD_INTERFACE, severity: 'error', origin: pod.origin, resource: id,
          message: `interface name '${iface}' for pod ${id} is ${usedIfaces.has(iface) ? `already used by ${usedIfaces.get(iface) ?? ''}` : 'not a valid Linux interface name'}; the engine's own name is used`,
          hint: 'interface names are 1-15 characters of letters, digits, _ . -' });
        iface = defaultInterface(engine, pod);
      }
      usedIfaces.set(iface, id);
      local.push({ ...e, iface });
    }
  }
  entries.sort(compareById);
  local.sort(compareById);
  const nodeNames = new Set([...model.nodes.map((n) => n.name), ...pods.map((p) => p.nodeName).filter((n): n is string => n !== undefined)]);
  if (!nodeNames.has(node)) {
    diagnostics.push({ code: COMPILE_CODES.UNKNOWN_NODE, severity: 'error', message: `no node named '${node}' (known: ${[...nodeNames].sort().join(', ') || 'none'})`,
      hint: 'pass one of the node names aksnet plan lists, or a Kubernetes Node object' });
  }

  const nodeByName = new Map(model.nodes.map((n) => [n.name, n]));
  const addrs = new Map<string, NodeAddress>();
  for (const n of model.nodes) if (n.ip?.family === 4) addrs.set(formatIp(n.ip), { ipText: formatIp(n.ip), labels: n.labels });
  for (const p of pods) {
    if (!p.hostNetwork) continue;
    const ip = p.hostIp ?? p.ip ?? (p.nodeName !== undefined ? nodeByName.get(p.nodeName)?.ip : undefined);
    if (ip?.family !== 4 || addrs.has(formatIp(ip))) continue;
    const labels = (p.nodeName !== undefined ? nodeByName.get(p.nodeName)?.labels : undefined) ?? {};
    addrs.set(formatIp(ip), { ipText: formatIp(ip), labels });
  }

  const tiers: NormalizedPolicy[][] = profile.tiers.map(() => []);
  const ignored: string[] = [];
  for (const p of model.policies) {
    const t = tierOfPolicy(profile, p);
    if (t < 0) ignored.push(p.id);
    else tiers[t].push(p);
  }
  tiers.forEach((ps, t) => {
    const tier = profile.tiers[t];
    const prio = (p: NormalizedPolicy): number => p.priority ?? tier.defaultPriority?.[p.source] ?? Number.POSITIVE_INFINITY;
    ps.sort((a, b) => prio(a) - prio(b) || compareById(a, b));
  });
  if (ignored.length > 0) {
    diagnostics.push({ code: COMPILE_CODES.POLICY_IGNORED, severity: 'info',
      message: `${engine} does not implement ${ignored.length} polic${ignored.length === 1 ? 'y' : 'ies'}; not compiled: ${ignored.sort().join(', ')}`,
      hint: 'these objects have no effect under this engine' });
  }
  return {
    engine, profile, node, mode, pods: entries, namespaces: [...nsMap.keys()].sort(), nsLabels,
    nodeAddresses: [...addrs.values()].sort((a, b) => compareIpText(a.ipText, b.ipText)), local, tiers, diagnostics,
  };
}

/** Orders dotted IPv4 texts numerically. */
export function compareIpText(a: string, b: string): number {
  const na = a.split('.').map(Number);
  const nb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (na[i] !== nb[i]) return (na[i] ?? 0) - (nb[i] ?? 0);
  return 0;
}

/** The node's interfaces as the result reports them. */
export function interfacesOf(u: Universe): NodeInterface[] {
  return u.local.map((l) => ({ pod: l.id, name: l.iface, ip: l.ipText }));
}
