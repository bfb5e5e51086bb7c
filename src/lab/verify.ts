// Comparing what the kernel did with what the simulator says: for every probed flow, the matrix's verdict for the
// same model, pods and engine (pod → pod: the matrix entry's connection set; pod → Service: the verdict for the
// Service's endpoints, compared only when every endpoint gets the same one), and for each disagreement the policy
// engine's explanation (`decide`) of both directions.
import type { L4Protocol } from '../engines/net/index.js';
import type { PolicyEngine } from '../engines/policy/index.js';
import type { Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { matrix, type MatrixAnswer } from '../questions/matrix/index.js';
import { targetName, type LabFlow } from './flows.js';
import type { ProbeObservation } from './lab.js';
import type { ProbeOutcome } from './probe-client.js';

/** One compared flow. `observed`: the kernel let it through; `simulated`: the matrix allows it. */
export interface VerifyEntry {
  /** Source pod `ns/name`. */
  readonly from: string;
  /** Destination pod `ns/name`, or `svc:ns/name` for a Service (through its cluster IP). */
  readonly to: string;
  readonly port: number;
  readonly protocol: L4Protocol;
  readonly simulated: boolean;
  readonly observed: boolean;
  /** What the probe saw (allowed / blocked / refused / error). */
  readonly outcome: ProbeOutcome;
  readonly agree: boolean;
  /** For disagreements: the engine's decision, egress then ingress (`decide` summaries). */
  readonly explanation?: string;
  /** Probe error text (outcome error or refused). */
  readonly detail?: string;
}

/** A probed flow the simulator gives no single verdict for (a Service whose endpoints get different verdicts). */
export interface UncomparedFlow {
  readonly from: string;
  readonly to: string;
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
 * Compares observations with the matrix. `engine` explains disagreements; `pods` are the pods with addresses the
 * lab was built from (matched by namespace/name).
 */
export function compare(observations: readonly ProbeObservation[], answer: MatrixAnswer, engine: PolicyEngine): VerifyComparison {
  const conns = new Map<string, MatrixAnswer['entries'][number]['conns']>();
  for (const e of answer.entries) {
    if (e.from.kind === 'pod' && e.to.kind === 'pod') conns.set(`${key(e.from.namespace, e.from.name)}>${key(e.to.namespace, e.to.name)}`, e.conns);
  }
  const allows = (from: string, to: string, protocol: L4Protocol, port: number): boolean =>
    conns.get(`${from}>${to}`)?.allows(protocol, port) ?? false;
  const entries: VerifyEntry[] = [];
  const uncompared: UncomparedFlow[] = [];
  for (const o of observations) {
    const f: LabFlow = o.flow;
    const from = key(f.from.namespace, f.from.name);
    const to = targetName(f.to);
    const observed = o.outcome === 'allowed';
    let simulated: boolean;
    let dstPod: Pod | undefined;
    let dstPort = f.port;
    if (f.to.kind === 'pod') {
      simulated = allows(from, to, f.protocol, f.port);
      dstPod = f.to.pod.pod;
    } else {
      const verdicts = f.to.port.endpoints.map((e) => allows(from, e.pod, f.protocol, e.port));
      if (verdicts.some((v) => v !== verdicts[0])) {
        uncompared.push({ from, to, port: f.port, protocol: f.protocol, observed, reason: 'the Service\'s endpoints get different verdicts; kube-proxy picks one at random' });
        continue;
      }
      simulated = verdicts[0] ?? false;
      const first = f.to.port.endpoints[0];
      dstPort = first?.port ?? f.port;
      dstPod = undefined;
    }
    const agree = simulated === observed && o.outcome !== 'error';
    let explanation: string | undefined;
    if (!agree && dstPod) {
      const v = engine.decide({ kind: 'pod', pod: f.from.pod }, { kind: 'pod', pod: dstPod }, f.protocol, dstPort);
      explanation = `egress: ${v.egress.summary}; ingress: ${v.ingress.summary}`;
    }
    entries.push({
      from, to, port: f.port, protocol: f.protocol, simulated, observed, outcome: o.outcome, agree,
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
