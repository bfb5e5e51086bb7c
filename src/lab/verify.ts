// Comparing what the kernel did with what the simulator says: for every probed flow, the matrix's verdict for the
// same model, pods and engine (pod → pod: the matrix entry's connection set; pod → Service: the verdict for the
// Service's endpoints, compared only when every endpoint gets the same one), combined — where the lab realises NSGs
// and the flow crosses the VNet between two nodes — with the NSG verdict of the dataplane walker for the same flow
// (the walk stops at the first element that says no, so an NSG deny decides before the destination's ingress
// policy); NodePort flows take the walker's whole answer. Each entry says which layer decided, and each
// disagreement carries the policy engine's explanation (`decide`) of both directions.
import { parseIp, type L4Protocol } from '../engines/net/index.js';
import { walk, type DataplaneContext, type HopComponent, type Trace, type WalkFlow } from '../engines/dataplane/index.js';
import type { PolicyEngine } from '../engines/policy/index.js';
import type { Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { matrix, type MatrixAnswer } from '../questions/matrix/index.js';
import { isVnetClient, nodePortTarget, targetName, type FlowSource, type LabFlow, type NodePortTarget } from './flows.js';
import type { ProbeObservation } from './lab.js';
import type { ProbeOutcome } from './probe-client.js';
import type { LabNode, LabPod, LabTopology } from './topology.js';

/** One answer of the packet walk for a lab flow: whether it got through, and the hop that stopped it. */
export interface WalkVerdict {
  readonly delivered: boolean;
  /** The component of the blocking hop (absent when delivered). */
  readonly layer?: HopComponent;
  /** `resource rule: detail` of the blocking hop, or the walk's disposition when delivered. */
  readonly detail: string;
}

/**
 * The simulator beyond the policy matrix, for the lab's flows. `nsg`: the walker's NSG verdict for a pod → pod flow
 * that crosses the VNet (`blocked` only when the walk ends denied by an NSG; undefined when no NSG is in play: same
 * node, no NSG realised, or a protocol the walker does not carry). `nodePort`: the walker's whole answer for a pod →
 * node address : nodePort flow, or from the VNet client (a walk from its address in its subnet); undefined when the
 * node's address is not in the model or the protocol is not walked.
 */
export interface FabricSimulator {
  nsg(from: LabPod, toPod: string, protocol: L4Protocol, port: number): { readonly blocked: boolean; readonly detail: string } | undefined;
  nodePort(from: FlowSource, node: LabNode, protocol: L4Protocol, nodePort: number): WalkVerdict | undefined;
}

function blockingDetail(trace: Trace): string {
  const hop = trace.blockingHop !== undefined ? trace.hops[trace.blockingHop] : undefined;
  return hop ? `${hop.resource}${hop.rule ? ` ${hop.rule}` : ''}: ${hop.detail}` : trace.disposition;
}

/**
 * The walker as the lab's fabric simulator. `nsgActive`: the lab realised NSG filter rules (else `nsg` answers
 * undefined for every flow: the VNet namespace forwards everything, as the walker's NSGs then do for these flows).
 */
export function walkerSimulator(dp: DataplaneContext, t: Pick<LabTopology, 'pods'>, nsgActive: boolean): FabricSimulator {
  const modelPod = new Map(dp.pods.filter((p) => !p.hostNetwork).map((p) => [`${p.namespace}/${p.name}`, p]));
  const labPod = new Map(t.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const run = (from: FlowSource, dstIp: string, protocol: L4Protocol, port: number): Trace | undefined => {
    const dst = parseIp(dstIp);
    if (!dst || (protocol !== 'TCP' && protocol !== 'UDP')) return undefined;
    if (isVnetClient(from)) {
      const ip = parseIp(from.ip);
      const subnet = dp.model.subnets.find((x) => x.id === from.subnetId);
      if (!ip || !subnet) return undefined;
      return walk(dp, { kind: 'vnet', ip, subnet }, { protocol, srcIp: ip, dstIp: dst, dstPort: port });
    }
    const pod = modelPod.get(`${from.namespace}/${from.name}`);
    if (!pod?.ip) return undefined;
    const flow: WalkFlow = { protocol, srcIp: pod.ip, dstIp: dst, dstPort: port };
    return walk(dp, { kind: 'pod', pod }, flow);
  };
  return {
    nsg(from, toPod, protocol, port) {
      const to = labPod.get(toPod);
      if (!nsgActive || !to || to.node === from.node) return undefined;
      const trace = run(from, to.ip, protocol, port);
      if (!trace) return undefined;
      return trace.disposition === 'denied-by-nsg' ? { blocked: true, detail: blockingDetail(trace) } : { blocked: false, detail: 'the NSGs on the path allow it' };
    },
    nodePort(from, node, protocol, nodePort) {
      if (node.syntheticIp) return undefined;
      const trace = run(from, node.ip, protocol, nodePort);
      if (!trace) return undefined;
      const hop = trace.blockingHop !== undefined ? trace.hops[trace.blockingHop] : undefined;
      return { delivered: trace.delivered, ...(hop ? { layer: hop.component } : {}), detail: trace.delivered ? trace.disposition : blockingDetail(trace) };
    },
  };
}

/** One compared flow. `observed`: the kernel let it through; `simulated`: the simulator lets it through. */
export interface VerifyEntry {
  /** Source pod `ns/name`, or `(vnet)/<subnet>` for the VNet client. */
  readonly from: string;
  /**
   * Destination pod `ns/name`, `svc:ns/name` for a Service (through its cluster IP), or `node/<node>:<nodePort>` for
   * a NodePort on a node's address (see targetName).
   */
  readonly to: string;
  /** For a NodePort destination: the node, its address and the Service behind the port; absent for pods and Services. */
  readonly nodePort?: NodePortTarget;
  readonly port: number;
  readonly protocol: L4Protocol;
  readonly simulated: boolean;
  readonly observed: boolean;
  /** What the probe saw (allowed / blocked / refused / error). */
  readonly outcome: ProbeOutcome;
  readonly agree: boolean;
  /**
   * The layer whose verdict decided `simulated` when it is blocked: `policy` (the matrix), `nsg` (the walker's NSG
   * hop), or for NodePort flows the walker's blocking hop; absent when the simulator allows the flow.
   */
  readonly layer?: HopComponent;
  /**
   * For disagreements: the engine's decision, egress then ingress (`decide` summaries); for flows an NSG or the walk
   * decided: `decided by <layer>: <hop>` (also when kernel and simulator agree).
   */
  readonly explanation?: string;
  /** Probe error text (outcome error or refused). */
  readonly detail?: string;
}

/** A probed flow the simulator gives no single verdict for (a Service whose endpoints get different verdicts). */
export interface UncomparedFlow {
  readonly from: string;
  readonly to: string;
  /** As VerifyEntry's: the NodePort's node, address and Service; absent for pods and Services. */
  readonly nodePort?: NodePortTarget;
  readonly port: number;
  readonly protocol: L4Protocol;
  readonly observed: boolean;
  readonly reason: string;
}

/** The comparison: totals, every compared entry (sorted), and the flows not compared. */
export interface VerifyComparison {
  /** Compared flows. */
  readonly total: number;
  /** Compared flows where kernel and simulator agree. */
  readonly agree: number;
  readonly entries: readonly VerifyEntry[];
  readonly uncompared: readonly UncomparedFlow[];
}

const key = (ns: string, name: string): string => `${ns}/${name}`;

/** The simulator's verdicts for the flows' pod pairs: the matrix by pod over the lab's pods. */
export function simulatedMatrix(model: Model, engine: PolicyEngine, pods: readonly Pod[], probes: readonly { protocol: L4Protocol; port: number }[]): MatrixAnswer {
  const ports = [...new Set(probes.map((p) => p.port))].sort((a, b) => a - b);
  const protocols = [...new Set(probes.map((p) => p.protocol))].sort();
  return matrix(model, engine, { by: 'pod', external: false, ingressController: false, ...(ports.length ? { ports, protocols } : {}) }, pods);
}

/**
 * Compares observations with the matrix and, when given, the fabric simulator (NSGs across the VNet, NodePort
 * walks). `engine` explains disagreements. A NodePort flow without a simulator answer, and a Service flow whose
 * endpoints get different verdicts, are listed as not compared.
 */
export function compare(observations: readonly ProbeObservation[], answer: MatrixAnswer, engine: PolicyEngine, fabric?: FabricSimulator): VerifyComparison {
  const conns = new Map<string, MatrixAnswer['entries'][number]['conns']>();
  for (const e of answer.entries) {
    if (e.from.kind === 'pod' && e.to.kind === 'pod') conns.set(`${key(e.from.namespace, e.from.name)}>${key(e.to.namespace, e.to.name)}`, e.conns);
  }
  const allows = (from: string, to: string, protocol: L4Protocol, port: number): boolean =>
    conns.get(`${from}>${to}`)?.allows(protocol, port) ?? false;
  /** Policy and NSG together for a pod → pod flow (after any Service DNAT at the source). */
  const podVerdict = (f: LabFlow, to: string, port: number): { ok: boolean; layer?: HopComponent; nsg?: string } => {
    const nsg = isVnetClient(f.from) ? undefined : fabric?.nsg(f.from, to, f.protocol, port);
    if (nsg?.blocked) return { ok: false, layer: 'nsg', nsg: nsg.detail };
    return allows(key(f.from.namespace, f.from.name), to, f.protocol, port) ? { ok: true } : { ok: false, layer: 'policy' };
  };
  const entries: VerifyEntry[] = [];
  const uncompared: UncomparedFlow[] = [];
  for (const o of observations) {
    const f: LabFlow = o.flow;
    const from = key(f.from.namespace, f.from.name);
    const to = targetName(f.to);
    const np = nodePortTarget(f.to);
    const npField = np ? { nodePort: np } : {};
    const observed = o.outcome === 'allowed';
    let simulated: boolean;
    let dstPod: Pod | undefined;
    let dstPort = f.port;
    let layer: HopComponent | undefined;
    let decided: string | undefined;
    if (f.to.kind === 'pod') {
      const v = podVerdict(f, to, f.port);
      simulated = v.ok;
      layer = v.layer;
      decided = v.nsg;
      dstPod = f.to.pod.pod;
    } else if (f.to.kind === 'service') {
      const verdicts = f.to.port.endpoints.map((e) => podVerdict(f, e.pod, e.port));
      if (verdicts.some((v) => v.ok !== verdicts[0]?.ok)) {
        uncompared.push({ from, to, ...npField, port: f.port, protocol: f.protocol, observed, reason: 'the Service\'s endpoints get different verdicts; kube-proxy picks one at random' });
        continue;
      }
      simulated = verdicts[0]?.ok ?? false;
      layer = verdicts.find((v) => v.layer === 'nsg')?.layer ?? verdicts[0]?.layer;
      decided = verdicts.find((v) => v.nsg)?.nsg;
      const first = f.to.port.endpoints[0];
      dstPort = first?.port ?? f.port;
      dstPod = undefined;
    } else {
      const w = fabric?.nodePort(f.from, f.to.node, f.protocol, f.port);
      if (!w) {
        uncompared.push({ from, to, ...npField, port: f.port, protocol: f.protocol, observed, reason: 'the packet walk cannot follow it (node address not in the model, or a protocol other than TCP/UDP)' });
        continue;
      }
      simulated = w.delivered;
      layer = w.layer;
      decided = w.delivered ? undefined : w.detail;
      dstPod = undefined;
    }
    const agree = simulated === observed && o.outcome !== 'error';
    const parts: string[] = [];
    if (decided && layer) parts.push(`decided by ${layer}: ${decided}`);
    if (!agree && dstPod && !isVnetClient(f.from)) {
      const v = engine.decide({ kind: 'pod', pod: f.from.pod }, { kind: 'pod', pod: dstPod }, f.protocol, dstPort);
      parts.push(`egress: ${v.egress.summary}; ingress: ${v.ingress.summary}`);
    }
    const explanation = parts.join('; ');
    entries.push({
      from, to, ...npField, port: f.port, protocol: f.protocol, simulated, observed, outcome: o.outcome, agree,
      ...(layer && !simulated ? { layer } : {}),
      ...(explanation ? { explanation } : {}), ...(o.detail ? { detail: o.detail } : {}),
    });
  }
  const order = (a: { from: string; to: string; protocol: string; port: number }, b: typeof a): number =>
    (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)
    || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0) || a.port - b.port;
  entries.sort(order);
  uncompared.sort(order);
  return { total: entries.length, agree: entries.filter((e) => e.agree).length, entries, uncompared };
}
