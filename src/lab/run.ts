// The lab's whole runs, shared by the CLI, the tests and the benchmark: plan (model → topology and flows), verify
// (up, probe, compare, down) and probe (up, probe, down or keep).
import { existsSync } from 'node:fs';
import { compileNode } from '../compile/index.js';
import { deriveNodes } from '../derive/nodes.js';
import { planPodAddresses } from '../derive/pods.js';
import type { L4Protocol } from '../engines/net/index.js';
import { apiServerAt, buildDataplane, nodeAt, podAt, serviceByFrontend, type DataplaneContext } from '../engines/dataplane/index.js';
import { formatIp, parseIp } from '../engines/net/index.js';
import { buildPolicyEngine, engineProfile, type PolicyEngine } from '../engines/policy/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { resolveProbes } from '../questions/matrix/index.js';
import { LAB_CODES } from './codes.js';
import type { Runner } from './exec.js';
import { targetName, type LabFlow, type LabVnetClient, type PortProbe } from './flows.js';
import { downLab, installCleanup, plannedFlows, probeLab, upLab, type LabSession, type ProbeObservation, type RuleCompiler } from './lab.js';
import { newPrefix } from './names.js';
import { labNamespaces } from './script.js';
import { listStates } from './state.js';
import { labNsgFilter, type NsgFilter } from './nsg-filter.js';
import { compare, simulatedMatrix, walkerSimulator, type VerifyComparison } from './verify.js';
import { defaultLabMode, labTopology, type LabMode, type LabTopology } from './topology.js';

/** The policy engines the lab can program (those the rule compiler supports). */
export type LabEngine = 'azure-npm' | 'calico';

/** Every lab engine. */
export const LAB_ENGINES: readonly LabEngine[] = Object.freeze(['azure-npm', 'calico'] as const);

/** What a lab run is asked to do. */
export interface LabParams {
  /** Absent = the cluster's engine when it is azure or calico, else azure-npm. */
  readonly engine?: LabEngine;
  /** Absent = the cluster's pod networking (see defaultLabMode). */
  readonly mode?: LabMode;
  readonly ports?: readonly number[];
  readonly protocols?: readonly L4Protocol[];
  /** Probe Services through their cluster IPs too (default true). */
  readonly services?: boolean;
  /** Per-probe timeout in ms (default 1000). */
  readonly timeoutMs?: number;
  /**
   * Probe NodePorts too (default false): every pod → every node address : nodePort, and a client in the VNet (an
   * address of the first node's subnet) → every node address : nodePort.
   */
  readonly nodePorts?: boolean;
}

/** A planned lab: the topology, the flows and listeners, the engine, and the pods with addresses. */
export interface LabPlan {
  readonly engine: LabEngine;
  readonly topology: LabTopology;
  readonly probes: readonly PortProbe[];
  readonly flows: readonly LabFlow[];
  readonly listen: ReadonlyMap<number, readonly PortProbe[]>;
  readonly pods: readonly Pod[];
  readonly policy: PolicyEngine;
  readonly compile: RuleCompiler;
  readonly unsupported: ReadonlySet<L4Protocol>;
  readonly diagnostics: readonly Diagnostic[];
  /** Per-probe timeout in ms. */
  readonly timeoutMs: number;
  /** The packet walker's context for the same model and engine (NSG tag contexts, NodePorts, the walks verify runs). */
  readonly dataplane: DataplaneContext;
  /** The NSG filter of the VNet namespace (empty text = no NSG realised). */
  readonly nsgFilter: NsgFilter;
  /** `ns/name` of the Services with externalTrafficPolicy Local. */
  readonly externalLocal: ReadonlySet<string>;
  /** The VNet client probing NodePorts (absent without `nodePorts`, or when no node's subnet is in the model). */
  readonly vnetClient?: LabVnetClient;
}

/** The engine of the model's cluster when the lab can program it, else azure-npm. */
export function defaultLabEngine(model: Model): LabEngine {
  const c = model.clusters.length === 1 ? model.clusters[0] : undefined;
  return c?.networkPolicy === 'calico' ? 'calico' : 'azure-npm';
}

/** Whether this kernel carries SCTP (the sctp module is loaded). */
export function kernelHasSctp(): boolean {
  return existsSync('/proc/net/sctp');
}

/** Plans a lab for `model` under `prefix` (pure apart from reading whether the kernel has SCTP). */
export function planLab(model: Model, params: LabParams, prefix: string, sctp = kernelHasSctp()): LabPlan {
  const engine = params.engine ?? defaultLabEngine(model);
  const mode = params.mode ?? defaultLabMode(model, engine);
  const placed = planPodAddresses(model, deriveNodes(model));
  const dataplane = buildDataplane(asRealised(model), { engine });
  const topology = withDerivedNodePorts(labTopology({ model, pods: placed.pods, nodes: placed.nodes }, mode, prefix), dataplane);
  const client = params.nodePorts ? vnetClientOf(topology, dataplane) : undefined;
  const nsgFilter = labNsgFilter(topology, dataplane, client);
  const labPods = topology.pods.map((p) => p.pod);
  const probes = resolveProbes(labPods, params.ports, params.protocols);
  const unsupported = new Set<L4Protocol>(sctp ? [] : ['SCTP']);
  const { flows, listen } = plannedFlows(topology, probes, params.services ?? true, unsupported, {
    nodePorts: params.nodePorts ?? false, ...(client ? { vnetClient: client } : {}),
  });
  const diagnostics: Diagnostic[] = [...placed.diagnostics, ...nsgFilter.diagnostics];
  if (!sctp && probes.some((p) => p.protocol === 'SCTP')) {
    diagnostics.push({
      code: LAB_CODES.NO_SCTP, severity: 'warning',
      message: `the kernel has no SCTP (no /proc/net/sctp): ${probes.filter((p) => p.protocol === 'SCTP').map((p) => `SCTP/${p.port}`).join(', ')} not probed`,
      hint: 'load the sctp kernel module (modprobe sctp) to probe SCTP',
    });
  }
  if (flows.length === 0) {
    diagnostics.push({
      code: LAB_CODES.NOTHING_TO_PROBE, severity: 'warning',
      ...nothingToProbe(topology.pods.length),
    });
  }
  const policy = buildPolicyEngine(model, engineProfile(engine), placed.pods);
  const compile: RuleCompiler = (nodeName, attach, podInterface) => {
    const c = compileNode(model, placed.pods, engine, nodeName, { mode: attach, podInterface });
    return { iptablesSave: c.iptablesSave, ipsetRestore: c.ipsetRestore, diagnostics: c.diagnostics };
  };
  const externalLocal = new Set(model.services.filter((x) => x.externalTrafficPolicy === 'Local').map((x) => `${x.namespace}/${x.name}`));
  return {
    engine, topology, probes, flows, listen, pods: placed.pods, policy, compile, unsupported, diagnostics, timeoutMs: params.timeoutMs ?? 1000,
    dataplane, nsgFilter, externalLocal, ...(client ? { vnetClient: client } : {}),
  };
}

/** AKS4811's message and hint for a plan without flows, by the number of pods with addresses. */
function nothingToProbe(pods: number): { message: string; hint: string } {
  if (pods === 0) {
    return {
      message: 'no pod with an address in the input: nothing to probe, no lab is built',
      hint: 'give Kubernetes manifests with pods next to the Azure input (the lab probes pods, their Services and NodePorts)',
    };
  }
  if (pods === 1) return { message: 'one pod with an address: nothing to probe (flows need two pods)', hint: 'give manifests with at least two pods' };
  return { message: 'no ports to probe: no pod declares a container port', hint: 'give --ports (and --protocols), or pods with container ports' };
}

/**
 * The VNet client: the highest address of the first lab node's subnet (in node order) that no node, pod, load
 * balancer frontend or API server endpoint holds; undefined when no lab node's subnet is in the model.
 */
function vnetClientOf(t: LabTopology, dp: DataplaneContext): LabVnetClient | undefined {
  const taken = new Set([...t.nodes.map((n) => n.ip), ...t.pods.map((p) => p.ip)]);
  for (const n of t.nodes) {
    const subnet = dp.nodes.find((w) => w.name === n.name)?.subnet;
    const cidr = subnet?.prefixes.find((c) => c.family === 4);
    if (!subnet || !cidr || cidr.prefix > 29) continue;
    for (let v = cidr.base + (1n << BigInt(32 - cidr.prefix)) - 2n; v > cidr.base + 3n; v--) {
      const text = formatIp({ family: 4, value: v });
      const ip = parseIp(text);
      if (!ip || taken.has(text) || podAt(dp, ip) || nodeAt(dp, ip) || serviceByFrontend(dp, ip) || apiServerAt(dp, ip)) continue;
      return { kind: 'vnet-client', index: -1, namespace: '(vnet)', name: subnet.name, ns: t.vnetNs, ip: text, subnetId: subnet.id };
    }
  }
  return undefined;
}

/**
 * The topology with each Service port's nodePort as the derivation has it (given, or allocated the way the API
 * server would), so kube-proxy's rules and the packet walker use the same NodePorts.
 */
function withDerivedNodePorts(t: LabTopology, dp: DataplaneContext): LabTopology {
  const services = t.services.map((s) => {
    const d = dp.services.services.find((x) => x.key === `${s.namespace}/${s.name}`);
    if (!d) return s;
    return {
      ...s, ports: s.ports.map((p) => {
        const np = p.nodePort ?? d.ports.find((x) => x.protocol === p.protocol && x.port === p.port)?.nodePort;
        return np !== undefined ? { ...p, nodePort: np } : p;
      }),
    };
  });
  return { ...t, services };
}

/**
 * The model as the lab realises it, for the packet walker: Services are always kube-proxy's iptables rules in the
 * lab (it cannot run Cilium's eBPF kube-proxy replacement), so clusters with the Cilium dataplane are walked with the
 * Azure (iptables) one — otherwise a NodePort flow would be compared with Cilium's socket load balancing (no hop
 * through the addressed node, no masquerade) while the kernel ran kube-proxy. Everything else is the model as given.
 */
export function asRealised(model: Model): Model {
  if (!model.clusters.some((c) => c.dataplane === 'cilium')) return model;
  return { ...model, clusters: model.clusters.map((c) => (c.dataplane === 'cilium' ? { ...c, dataplane: 'azure' as const } : c)) };
}

/** A fresh prefix not used by a lab whose state file exists. */
export function freshPrefix(stateDir: string): string {
  return newPrefix(Math.random, new Set(listStates(stateDir)));
}

/** Timeouts of the re-probes of disagreeing flows, as multiples of the probe timeout (one re-probe per entry). */
const REPROBE_TIMEOUT_FACTORS: readonly [number, ...number[]] = [3, 6];
/** The first re-probe waits at least this long (past TCP's second SYN retransmission at 1 s + 2 s). */
const REPROBE_MIN_TIMEOUT_MS = 3500;

function flowKey(f: LabFlow): string {
  return `${f.from.namespace}/${f.from.name}>${targetName(f.to)}>${f.protocol}/${f.port}`;
}

/** Times of a run's stages in milliseconds. */
export interface LabTimings {
  readonly upMs: number;
  readonly probeMs: number;
  readonly downMs: number;
}

/** The outcome of `runLab`: observations, the comparison (verify) and timings. */
export interface LabRun {
  readonly plan: LabPlan;
  readonly observations: readonly ProbeObservation[];
  readonly comparison: VerifyComparison;
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: LabTimings;
  /** Flows probed again (once or more) because an observation disagreed with the simulator. */
  readonly reprobed: number;
  /** True when the lab was left up (`keep`). */
  readonly kept: boolean;
  /**
   * False when nothing was built because there was nothing to do (no flow to probe, or for `up` no pod): the plan's
   * AKS4811 diagnostic says why, and observations and comparison are empty.
   */
  readonly built: boolean;
}

/** Options of runLab. */
export interface RunOptions {
  readonly runner: Runner;
  readonly stateDir: string;
  readonly paths: readonly string[];
  /** Leave the lab up afterwards (for manual poking); default false. */
  readonly keep?: boolean;
  /** Skip probing (just up, and down unless keep). */
  readonly noProbe?: boolean;
  /** Install SIGINT/SIGTERM/exit handlers that tear the lab down (default true). */
  readonly handlers?: boolean;
}

/**
 * Whether runLab builds anything for the plan: not when it would probe nothing (no flow), nor for `noProbe` (up)
 * when the topology has no pod (a VNet namespace alone has nothing to enter).
 */
export function labHasWork(plan: LabPlan, noProbe: boolean): boolean {
  return noProbe ? plan.topology.pods.length > 0 : plan.flows.length > 0;
}

/**
 * Up, probe, compare with the simulator, and down (unless `keep`). Teardown also runs on errors and signals. A plan
 * with nothing to do (see labHasWork) builds nothing and comes back with `built` false, an empty comparison and the
 * plan's diagnostics (AKS4811 among them).
 */
export async function runLab(model: Model, plan: LabPlan, opts: RunOptions): Promise<LabRun> {
  const t = plan.topology;
  if (!labHasWork(plan, !!opts.noProbe)) {
    // No pod means no flow, so the plan's diagnostics already carry AKS4811.
    return {
      plan, observations: [], comparison: { total: 0, agree: 0, entries: [], uncompared: [] }, diagnostics: plan.diagnostics, reprobed: 0,
      kept: false, built: false, timings: { upMs: 0, probeMs: 0, downMs: 0 },
    };
  }
  const namespaces = labNamespaces(t);
  const release = opts.handlers === false ? () => undefined : installCleanup(opts.stateDir, t.prefix, namespaces);
  let session: LabSession | undefined;
  const t0 = Date.now();
  let t1 = t0;
  let t2 = t0;
  let observations: ProbeObservation[] = [];
  let reprobed = 0;
  const answer = simulatedMatrix(model, plan.policy, plan.pods, plan.probes);
  const fabric = walkerSimulator(plan.dataplane, t, plan.nsgFilter.iptablesRestore !== '');
  try {
    session = await upLab(t, {
      runner: opts.runner, stateDir: opts.stateDir, engine: plan.engine, paths: opts.paths, compile: plan.compile,
      listen: plan.listen, sctp: !plan.unsupported.has('SCTP'), vnetFilter: plan.nsgFilter.iptablesRestore, externalLocal: plan.externalLocal,
      ...(plan.vnetClient ? { vnetClient: plan.vnetClient.ip } : {}),
    });
    t1 = Date.now();
    if (!opts.noProbe) {
      observations = await probeLab(session, plan.flows, { timeoutMs: plan.timeoutMs });
      // A busy machine can make a probe miss its timeout (a lost SYN is sent again only after 1 s, then 3 s): flows
      // that disagree with the simulator are probed again, quietly (one source, few targets at once) and with longer
      // timeouts, once per REPROBE_TIMEOUT_FACTORS entry. Only the last observation counts, whichever way it
      // disagrees: a disagreement that persists fails.
      const again = new Set<number>();
      for (const factor of REPROBE_TIMEOUT_FACTORS) {
        const cmp = compare(observations, answer, plan.policy, fabric);
        const bad = new Set(cmp.entries.filter((e) => !e.agree).map((e) => `${e.from}>${e.to}>${e.protocol}/${e.port}`));
        const idx = observations.map((o, i) => (bad.has(flowKey(o.flow)) ? i : -1)).filter((i) => i >= 0);
        if (idx.length === 0) break;
        const retried = await probeLab(session, idx.map((i) => (observations[i] as ProbeObservation).flow), {
          timeoutMs: Math.max(plan.timeoutMs * factor, REPROBE_MIN_TIMEOUT_MS * factor / REPROBE_TIMEOUT_FACTORS[0]), sources: 1, perSource: 8,
        });
        idx.forEach((i, k) => {
          observations[i] = retried[k] as ProbeObservation;
          again.add(i);
        });
      }
      reprobed = again.size;
    }
    t2 = Date.now();
  } finally {
    if (!opts.keep || session === undefined) await downLab(opts.runner, opts.stateDir, t.prefix, namespaces);
    release();
  }
  const t3 = Date.now();
  const comparison = compare(observations, answer, plan.policy, fabric);
  const diagnostics = [...plan.diagnostics, ...(session?.diagnostics ?? [])];
  for (const e of comparison.entries.filter((x) => !x.agree)) {
    diagnostics.push({
      code: LAB_CODES.DISAGREEMENT, severity: 'error',
      message: `${e.from} -> ${e.to} ${e.protocol}/${e.port}: the simulator says ${e.simulated ? 'allowed' : 'blocked'}, the kernel ${e.outcome}${e.detail ? ` (${e.detail})` : ''}`,
      ...(e.explanation ? { hint: e.explanation } : {}),
    });
  }
  return {
    plan, observations, comparison, diagnostics, reprobed, kept: !!opts.keep && session !== undefined, built: true,
    timings: { upMs: t1 - t0, probeMs: t2 - t1, downMs: t3 - t2 },
  };
}
