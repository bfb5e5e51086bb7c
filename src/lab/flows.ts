// Which flows the lab probes: every source pod to every other pod on every probe (protocol, port), every pod to
// every Service port with endpoints (through the cluster IP), and — when asked — every pod to every NodePort on
// every node's address. Pure.
import type { L4Protocol } from '../engines/net/index.js';
import type { LabNode, LabPod, LabService, LabServicePort, LabTopology } from './topology.js';

/**
 * The destination of a flow: a pod (its address), a Service port (its cluster IP), or a Service port's NodePort on
 * one node's address (`node-port`; the flow's port is the nodePort).
 */
export type FlowTarget =
  | { readonly kind: 'pod'; readonly pod: LabPod }
  | { readonly kind: 'service'; readonly service: LabService; readonly port: LabServicePort }
  | { readonly kind: 'node-port'; readonly node: LabNode; readonly service: LabService; readonly port: LabServicePort };

/**
 * A probe source outside the cluster: an address in a subnet of the VNet, standing for a VM there. It probes from
 * the VNet namespace (`ns`), which holds `ip` on its loopback and sends from it to node addresses. `index` is -1 (no
 * pod); `namespace` is `(vnet)` and `name` the subnet's name, so it prints as `(vnet)/<subnet>`.
 */
export interface LabVnetClient {
  readonly kind: 'vnet-client';
  readonly index: -1;
  readonly namespace: '(vnet)';
  readonly name: string;
  readonly ns: string;
  readonly ip: string;
  /** Id of the subnet holding `ip`, as the model spells it. */
  readonly subnetId: string;
}

/** Where a flow starts: a pod, or the VNet client. */
export type FlowSource = LabPod | LabVnetClient;

/** True for the VNet client. */
export function isVnetClient(s: FlowSource): s is LabVnetClient {
  return 'kind' in s && s.kind === 'vnet-client';
}

/** One flow to probe: source, destination, protocol and destination port (the Service port for Services). */
export interface LabFlow {
  readonly from: FlowSource;
  readonly to: FlowTarget;
  readonly protocol: L4Protocol;
  readonly port: number;
}

/** A (protocol, port) probed between pods. */
export interface PortProbe {
  readonly protocol: L4Protocol;
  readonly port: number;
}

/**
 * The flow's destination as reports name it: `ns/name` of a pod, `svc:ns/name` of a Service (through its cluster IP),
 * `node/<node>:<nodePort>` of a NodePort on a node (what was probed: the node's address and the nodePort; the Service
 * behind it is nodePortTarget's).
 */
export function targetName(t: FlowTarget): string {
  switch (t.kind) {
    case 'pod':
      return `${t.pod.namespace}/${t.pod.name}`;
    case 'service':
      return `svc:${t.service.namespace}/${t.service.name}`;
    case 'node-port':
      return `node/${t.node.name}:${t.port.nodePort ?? '?'}`;
    default: {
      const never: never = t;
      throw new Error(`unknown flow target ${String(never)}`);
    }
  }
}

/** A NodePort destination spelled out: the node's name and address, and the Service (`ns/name`) behind the port. */
export interface NodePortTarget {
  readonly node: string;
  /** The node address probed (made up from 100.64.0.0/16, inside the lab, when the model has none). */
  readonly ip: string;
  readonly service: string;
}

/** The NodePort details of a `node-port` target; undefined for pods and Services. */
export function nodePortTarget(t: FlowTarget): NodePortTarget | undefined {
  return t.kind === 'node-port' ? { node: t.node.name, ip: t.node.ip, service: `${t.service.namespace}/${t.service.name}` } : undefined;
}

/** The address a flow is sent to. */
export function targetIp(t: FlowTarget): string {
  switch (t.kind) {
    case 'pod':
      return t.pod.ip;
    case 'service':
      return t.service.clusterIp;
    case 'node-port':
      return t.node.ip;
    default: {
      const never: never = t;
      throw new Error(`unknown flow target ${String(never)}`);
    }
  }
}

/** What labFlows includes besides pod → pod: Services through cluster IPs, NodePorts on every node address. */
export interface FlowOptions {
  /** Pod → NodePort on each node's address for every Service port with a nodePort and endpoints (default false). */
  readonly nodePorts?: boolean;
  /** With `nodePorts`: the VNet client probes every NodePort on every node too (absent = no client). */
  readonly vnetClient?: LabVnetClient;
}

/**
 * Every pod → other pod flow for each probe, then (when `services`) every pod → Service port with endpoints, except
 * from the Service's own endpoints (hairpin traffic is masqueraded to the node and judged as node traffic), then
 * (`opts.nodePorts`) every pod → node address : nodePort of those Service ports (nodes in index order), with the same
 * exception, and last the VNet client (`opts.vnetClient`) → every such NodePort on every node with a real address. Protocols in `skip` (e.g. SCTP without kernel support) are left out. Sorted by source, then as listed.
 */
export function labFlows(t: LabTopology, probes: readonly PortProbe[], services: boolean, skip: ReadonlySet<L4Protocol> = new Set(),
  opts: FlowOptions = {}): LabFlow[] {
  const flows: LabFlow[] = [];
  const usable = probes.filter((p) => !skip.has(p.protocol));
  for (const from of t.pods) {
    for (const to of t.pods) {
      if (to === from) continue;
      for (const p of usable) flows.push({ from, to: { kind: 'pod', pod: to }, protocol: p.protocol, port: p.port });
    }
    if (!services) continue;
    for (const service of t.services) {
      for (const port of service.ports) {
        if (port.endpoints.length === 0 || skip.has(port.protocol)) continue;
        if (port.endpoints.some((e) => e.pod === `${from.namespace}/${from.name}`)) continue;
        flows.push({ from, to: { kind: 'service', service, port }, protocol: port.protocol, port: port.port });
      }
    }
    if (!opts.nodePorts) continue;
    for (const service of t.services) {
      for (const port of service.ports) {
        if (port.nodePort === undefined || port.endpoints.length === 0 || skip.has(port.protocol)) continue;
        if (port.endpoints.some((e) => e.pod === `${from.namespace}/${from.name}`)) continue;
        for (const node of t.nodes) flows.push({ from, to: { kind: 'node-port', node, service, port }, protocol: port.protocol, port: port.nodePort });
      }
    }
  }
  if (opts.nodePorts && opts.vnetClient) {
    for (const service of t.services) {
      for (const port of service.ports) {
        if (port.nodePort === undefined || port.endpoints.length === 0 || skip.has(port.protocol)) continue;
        for (const node of t.nodes) {
          if (!node.syntheticIp) flows.push({ from: opts.vnetClient, to: { kind: 'node-port', node, service, port }, protocol: port.protocol, port: port.nodePort });
        }
      }
    }
  }
  return flows;
}

/** Per pod index: the (protocol, port) pairs it must listen on for `flows` (pod targets and Service endpoints). */
export function listenPorts(t: LabTopology, flows: readonly LabFlow[]): Map<number, PortProbe[]> {
  const byIp = new Map(t.pods.map((p) => [p.ip, p.index]));
  const sets = new Map<number, Map<string, PortProbe>>();
  const add = (pod: number, protocol: L4Protocol, port: number): void => {
    const m = sets.get(pod) ?? new Map<string, PortProbe>();
    m.set(`${protocol}/${port}`, { protocol, port });
    sets.set(pod, m);
  };
  for (const f of flows) {
    if (f.to.kind === 'pod') add(f.to.pod.index, f.protocol, f.port);
    else for (const e of f.to.port.endpoints) {
      // Service and NodePort targets: every endpoint listens on its target port.
      const i = byIp.get(e.ip);
      if (i !== undefined) add(i, f.protocol, e.port);
    }
  }
  const out = new Map<number, PortProbe[]>();
  for (const [i, m] of [...sets.entries()].sort(([a], [b]) => a - b)) {
    out.set(i, [...m.values()].sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.port - b.port)));
  }
  return out;
}
