// Bringing a lab up, probing it and tearing it down. Everything the lab creates lives in namespaces named with its
// prefix; teardown kills the processes inside those namespaces (`ip netns pids`) and deletes them, and runs on
// success, on error, on SIGINT/SIGTERM and on exit (see `installCleanup`).
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { L4Protocol } from '../engines/net/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pod } from '../model/k8s.js';
import { LAB_CODES } from './codes.js';
import { commandText, type LabCommand, type Runner } from './exec.js';
import { labFlows, listenPorts, targetIp, type FlowOptions, type LabFlow, type PortProbe } from './flows.js';
import { kubeProxyFilterTable, kubeProxyNatTable } from './kubeproxy-rules.js';
import { hostVethIf, LAB_NAMESPACE_PATTERN, prefixOfNamespace } from './names.js';
import { parseProbeOutput, PROBE_CLIENT_SOURCE, type ProbeOutcome, type ProbeTarget } from './probe-client.js';
import { attachMode, buildPhases, deleteNamespaces, labNamespaces } from './script.js';
import { listStates, readState, removeState, writeState } from './state.js';
import { usesVxlan, type LabTopology } from './topology.js';
import { flannelMasqTable } from './flannel.js';

/** What the rule compiler programs on one node: the filter table, the ipsets, and what it could not compile. */
export interface NodeRules {
  readonly iptablesSave: string;
  readonly ipsetRestore: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles one node's policy rules for the lab (the CLI passes src/compile's compileNode). */
export type RuleCompiler = (nodeName: string, mode: 'bridge' | 'transparent', podInterface: (pod: Pod) => string) => NodeRules;

/** A lab that is up: its topology, where its state lives, and the runner its commands go through. */
export interface LabSession {
  readonly topology: LabTopology;
  readonly runner: Runner;
  readonly stateDir: string;
  /** Protocols the kernel cannot carry here (SCTP without the sctp module): not probed. */
  readonly unsupported: ReadonlySet<L4Protocol>;
  /** Everything noted while building (skipped pods, compiler notes, missing SCTP). */
  readonly diagnostics: Diagnostic[];
  /** Each node's compiled rules as loaded (node name → rules), for reports. */
  readonly rules: ReadonlyMap<string, NodeRules>;
}

/** A command that failed while building the lab. */
export class LabCommandError extends Error {
  constructor(readonly command: LabCommand, readonly detail: string) {
    super(`${command.why ?? 'lab command'} failed: ${commandText(command)}: ${detail}`);
  }
}

async function must(runner: Runner, cmd: LabCommand, timeoutMs?: number): Promise<string> {
  const r = await runner.run(cmd, timeoutMs);
  if (r.code !== 0) throw new LabCommandError(cmd, (r.error ?? r.stderr.trim()) || `exit code ${String(r.code)}`);
  return r.stdout;
}

/** Runs commands with at most `limit` at a time; rejects with the first failure after all finished. */
async function runAll(runner: Runner, cmds: readonly LabCommand[], limit = 16): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < cmds.length) {
      const c = cmds[next++] as LabCommand;
      try {
        await must(runner, c);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, cmds.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** Options of `upLab`. */
export interface UpOptions {
  readonly runner: Runner;
  readonly stateDir: string;
  readonly engine: string;
  readonly paths: readonly string[];
  /** Compiles each node's rules; absent = no policy rules (plain connectivity). */
  readonly compile?: RuleCompiler;
  /** Pod → the (protocol, port) pairs it listens on; absent = no listeners. */
  readonly listen?: ReadonlyMap<number, readonly PortProbe[]>;
  /** Whether the kernel has SCTP (listeners for SCTP are skipped otherwise). */
  readonly sctp: boolean;
  /** The VNet namespace's filter table (NSGs, see nsg-filter.ts); absent or empty = the VNet forwards everything. */
  readonly vnetFilter?: string;
  /** `ns/name` of Services with externalTrafficPolicy Local (their NodePorts use node-local endpoints); absent = none. */
  readonly externalLocal?: ReadonlySet<string>;
  /** The VNet client's address: put on the VNet namespace's loopback and used as the source towards node addresses. */
  readonly vnetClient?: string;
}

/**
 * Builds the topology: namespaces, links, addresses, routes, sysctls, the compiled rules and kube-proxy's rules in
 * each node, and the listeners in each pod. The state file is written before the first namespace exists, so a lab
 * interrupted half-way is still found by `down`. On failure everything built so far is removed and the error
 * rethrown.
 */
export async function upLab(t: LabTopology, opts: UpOptions): Promise<LabSession> {
  const { runner } = opts;
  const namespaces = labNamespaces(t);
  writeState(opts.stateDir, {
    prefix: t.prefix, namespaces, mode: t.mode, engine: opts.engine, created: new Date().toISOString(), pid: process.pid,
    paths: opts.paths, pods: Object.fromEntries(t.pods.map((p) => [`${p.namespace}/${p.name}`, p.ns])),
  });
  const diagnostics: Diagnostic[] = [...t.diagnostics];
  const rules = new Map<string, NodeRules>();
  const unsupported = new Set<L4Protocol>(opts.sctp ? [] : ['SCTP']);
  try {
    for (const phase of buildPhases(t)) await runAll(runner, phase.commands);
    if (opts.vnetFilter) await must(runner, { netns: t.vnetNs, argv: ['iptables-restore', '-w'], input: opts.vnetFilter, why: 'VNet: NSGs as filter rules' });
    if (opts.vnetClient !== undefined) {
      const lines = [`addr add ${opts.vnetClient}/32 dev lo`, ...t.nodes.map((n) => `route replace ${n.ip}/32 dev ${n.vnetIf} scope link src ${opts.vnetClient}`)];
      await must(runner, { argv: ['ip', '-n', t.vnetNs, '-batch', '-'], input: lines.join('\n') + '\n', why: 'VNet: the client address, source of the VNet\'s own traffic to nodes' });
    }
    const attach = attachMode(t.mode);
    const ruleCmds: LabCommand[] = [];
    for (const n of t.nodes) {
      const podIf = new Map(t.pods.filter((p) => p.node === n.index).map((p) => [`${p.namespace}/${p.name}`, p.hostIf]));
      const compiled = opts.compile?.(n.name, attach, (pod) => podIf.get(`${pod.namespace}/${pod.name}`) ?? 'unknown0');
      if (compiled) {
        rules.set(n.name, compiled);
        for (const d of compiled.diagnostics) diagnostics.push({ ...d, message: `node ${n.name}: ${d.message}` });
      }
      // ipsets first (the rules name them), then the filter table, then nat (kube-proxy, kubenet masquerade).
      const steps: LabCommand[] = [];
      if (compiled && compiled.ipsetRestore.trim() !== '') {
        steps.push({ netns: n.ns, argv: ['ipset', 'restore'], input: compiled.ipsetRestore, why: `node ${n.name}: load the policy ipsets` });
      }
      if (compiled && compiled.iptablesSave.trim() !== '') {
        steps.push({ netns: n.ns, argv: ['iptables-restore', '-w'], input: compiled.iptablesSave, why: `node ${n.name}: load the policy rules` });
      }
      const nodePorts = {
        localEndpoints: new Set(t.pods.filter((p) => p.node === n.index).map((p) => p.ip)),
        externalLocal: opts.externalLocal ?? new Set<string>(),
        // kube-proxy's local detector: the cluster pod CIDR where pods have one (ClusterCIDR), else the host-side pod
        // interfaces (InterfaceNamePrefix `azv`; on an Azure CNI bridge they are bridge ports, so `-i` sees azure0 and
        // nothing counts as pod traffic — as on a real bridge-mode node, where the NIC is a port of the same bridge).
        localDetector: t.clusterPodCidrs.length === 1 ? `-s ${t.clusterPodCidrs[0] as string}` : `-i ${HOST_VETH_PREFIX}+`,
      };
      steps.push({
        netns: n.ns, argv: ['iptables-restore', '-w'],
        input: kubeProxyNatTable(t.services, t.mode, n.podCidr, t.clusterPodCidrs, nodePorts), why: `node ${n.name}: load kube-proxy's Service rules`,
      });
      const kpFilter = kubeProxyFilterTable(t.services, nodePorts);
      if (kpFilter !== '') {
        steps.push({ netns: n.ns, argv: ['iptables-restore', '-w', '--noflush'], input: kpFilter, why: `node ${n.name}: load kube-proxy's filter rules` });
      }
      const masq = usesVxlan(t.mode) ? flannelMasqTable(t.clusterPodCidrs, n.podCidr) : '';
      if (masq !== '') steps.push({ netns: n.ns, argv: ['iptables-restore', '-w', '--noflush'], input: masq, why: `node ${n.name}: load flannel's masquerade rules` });
      ruleCmds.push(...steps.map((s, i) => ({ ...s, why: `${s.why} (step ${i + 1})` })));
    }
    // Per node in order (ipset before iptables); nodes in parallel.
    await Promise.all(t.nodes.map(async (n) => {
      for (const c of ruleCmds.filter((x) => x.netns === n.ns)) await must(runner, c);
    }));
    if (opts.listen) {
      startListeners(t, opts.listen, unsupported, runner);
      const missing = await waitListening(t, opts.listen, unsupported, runner);
      if (missing.length > 0) {
        diagnostics.push({
          code: LAB_CODES.LISTENER_NOT_READY, severity: 'error',
          message: `${missing.length} listener(s) not bound after ${LISTEN_DEADLINE_MS / 1000} s: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; probes to them are refused`,
          hint: 'the machine is overloaded, or socat cannot bind the port',
        });
      }
    }
  } catch (e) {
    await downLab(runner, opts.stateDir, t.prefix, namespaces);
    throw e;
  }
  if (!opts.sctp && opts.listen && [...opts.listen.values()].some((ps) => ps.some((p) => p.protocol === 'SCTP'))) {
    diagnostics.push({
      code: LAB_CODES.NO_SCTP, severity: 'warning',
      message: 'the kernel has no SCTP (no /proc/net/sctp): SCTP flows are not probed',
      hint: 'load the sctp kernel module (modprobe sctp) to probe SCTP',
    });
  }
  return { topology: t, runner, stateDir: opts.stateDir, unsupported, diagnostics, rules };
}

/** The prefix of the host-side pod veth names (`azv` as Azure CNI names them; see names.ts hostVethIf). */
const HOST_VETH_PREFIX = hostVethIf(0).replace(/\d+$/, '');

/** Accept-queue length of the TCP and SCTP listeners. */
const LISTEN_BACKLOG = 1024;

function listenerArgv(p: PortProbe): string[] {
  switch (p.protocol) {
    case 'TCP':
      // backlog: socat's default of 5 overflows when many probes arrive while the CPU is busy forking.
      return ['socat', `TCP-LISTEN:${p.port},fork,reuseaddr,backlog=${LISTEN_BACKLOG}`, 'PIPE'];
    case 'UDP':
      return ['socat', '-T1', `UDP-RECVFROM:${p.port},fork,reuseaddr`, 'PIPE'];
    case 'SCTP':
      return ['socat', `SCTP-LISTEN:${p.port},fork,reuseaddr,backlog=${LISTEN_BACKLOG}`, 'PIPE'];
    default: {
      const never: never = p.protocol;
      throw new Error(`unknown protocol ${String(never)}`);
    }
  }
}

function startListeners(t: LabTopology, listen: ReadonlyMap<number, readonly PortProbe[]>, skip: ReadonlySet<L4Protocol>, runner: Runner): void {
  for (const [i, ports] of listen) {
    const pod = t.pods[i];
    if (!pod) continue;
    for (const p of ports) if (!skip.has(p.protocol)) runner.start({ netns: pod.ns, argv: listenerArgv(p), why: `listen on ${p.protocol}/${p.port}` });
  }
}

/** How long `upLab` waits for the listeners to be bound before it reports the missing ones. */
export const LISTEN_DEADLINE_MS = 30_000;

/**
 * Waits until every TCP and UDP listener is bound (`ss` in each pod), polling with a growing interval for at most
 * LISTEN_DEADLINE_MS; returns the listeners still missing then (`ns/pod PROTO/port`), sorted. SCTP is not checked.
 */
async function waitListening(t: LabTopology, listen: ReadonlyMap<number, readonly PortProbe[]>, skip: ReadonlySet<L4Protocol>, runner: Runner): Promise<string[]> {
  const pending = new Map([...listen].map(([i, ps]) => [i, ps.filter((p) => p.protocol !== 'SCTP' && !skip.has(p.protocol))]));
  const deadline = Date.now() + LISTEN_DEADLINE_MS;
  for (let attempt = 0; [...pending.values()].some((ps) => ps.length > 0) && Date.now() < deadline; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * attempt)));
    await Promise.all([...pending].map(async ([i, ps]) => {
      if (ps.length === 0) return;
      const pod = t.pods[i];
      if (!pod) return;
      const r = await runner.run({ netns: pod.ns, argv: ['ss', '-H', '-l', '-n', '-t', '-u'], why: 'check listeners' });
      const bound = new Set<string>();
      for (const line of r.stdout.split('\n')) {
        const cols = line.trim().split(/\s+/);
        const proto = cols[0] === 'tcp' ? 'TCP' : cols[0] === 'udp' ? 'UDP' : undefined;
        const port = cols[4]?.split(':').pop();
        if (proto && port) bound.add(`${proto}/${port}`);
      }
      pending.set(i, ps.filter((p) => !bound.has(`${p.protocol}/${p.port}`)));
    }));
  }
  const missing: string[] = [];
  for (const [i, ps] of pending) {
    const pod = t.pods[i];
    for (const p of ps) missing.push(`${pod ? `${pod.namespace}/${pod.name}` : `#${i}`} ${p.protocol}/${p.port}`);
  }
  return missing.sort();
}

/** One probed flow and what the kernel did with it. */
export interface ProbeObservation {
  readonly flow: LabFlow;
  readonly outcome: ProbeOutcome;
  readonly ms: number;
  readonly detail?: string;
}

/** Options of `probeLab`. */
export interface ProbeOptions {
  /** Per-probe timeout in ms (default 1000). */
  readonly timeoutMs?: number;
  /**
   * Source pods probed at once (default: defaultProbeSources(), i.e. twice the CPUs, at most 8); each probes up to
   * `perSource` targets at once (default 32).
   */
  readonly sources?: number;
  readonly perSource?: number;
  /** The node executable for the probe client (default: the running one). */
  readonly node?: string;
}

/**
 * Source pods probed at once by default: twice the CPUs this process may use, between 2 and 8. Every probe client is
 * a Node process and every accepted connection forks a listener, so on a 2-core machine 8 clients × 64 connections
 * starve the CPU for seconds and answered probes miss their timeout.
 */
export function defaultProbeSources(cpus: number = availableParallelism()): number {
  return Math.max(2, Math.min(8, 2 * cpus));
}

/** Probes every flow from its source pod's namespace; flows come back in the order given. */
export async function probeLab(s: LabSession, flows: readonly LabFlow[], opts: ProbeOptions = {}): Promise<ProbeObservation[]> {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const client = join(s.stateDir, `${s.topology.prefix}-probe.mjs`);
  mkdirSync(s.stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(client, PROBE_CLIENT_SOURCE, { mode: 0o600 });
  const bySource = new Map<number, number[]>();
  flows.forEach((f, i) => bySource.set(f.from.index, [...(bySource.get(f.from.index) ?? []), i]));
  const results: (ProbeObservation | undefined)[] = flows.map(() => undefined);
  const sources = [...bySource.entries()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const [, idx] = sources[next++] as [number, number[]];
      // The source's namespace: a pod's, or the VNet namespace for the VNet client.
      const pod = (flows[idx[0] ?? -1] as LabFlow | undefined)?.from;
      if (!pod) continue;
      const targets: ProbeTarget[] = idx.map((i) => {
        const f = flows[i] as LabFlow;
        return { id: i, ip: targetIp(f.to), port: f.port, protocol: f.protocol };
      });
      const perSource = opts.perSource ?? 32;
      const budget = (Math.ceil(targets.length / perSource) + 2) * (timeoutMs + 1000) + 60_000;
      const r = await s.runner.run({
        netns: pod.ns, argv: [opts.node ?? process.execPath, client, String(timeoutMs), String(perSource)],
        input: JSON.stringify(targets), why: `probe from ${pod.namespace}/${pod.name}`,
      }, budget);
      for (const res of parseProbeOutput(r.stdout)) {
        const f = flows[res.id];
        if (f) results[res.id] = { flow: f, outcome: res.outcome, ms: res.ms, ...(res.detail ? { detail: res.detail } : {}) };
      }
      for (const i of idx) {
        results[i] ??= { flow: flows[i] as LabFlow, outcome: 'error', ms: 0, detail: (r.error ?? r.stderr.trim().split('\n').pop()) || 'no result from the probe client' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.sources ?? defaultProbeSources(), sources.length) }, worker));
  return results as ProbeObservation[];
}

/** The flows `probeLab` would run for the topology and probes (see labFlows), with their listeners. */
export function plannedFlows(t: LabTopology, probes: readonly PortProbe[], services: boolean, skip: ReadonlySet<L4Protocol>,
  opts: FlowOptions = {}): { flows: LabFlow[]; listen: Map<number, PortProbe[]> } {
  const flows = labFlows(t, probes, services, skip, opts);
  return { flows, listen: listenPorts(t, flows) };
}

/** Kills the processes in the namespaces (by pid, from `ip netns pids`), deletes them and the state file. */
export async function downLab(runner: Runner, stateDir: string, prefix: string, namespaces: readonly string[]): Promise<void> {
  const pids = new Set<number>();
  await Promise.all(namespaces.map(async (ns) => {
    const r = await runner.run({ argv: ['ip', 'netns', 'pids', ns], why: 'list processes in a lab namespace' }, 10_000);
    for (const w of r.stdout.split(/\s+/)) if (/^\d+$/.test(w)) pids.add(Number(w));
  }));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (namespaces.length > 0) await runner.run(deleteNamespaces(namespaces), 60_000);
  removeState(stateDir, prefix);
}

/** The same as downLab, synchronously, for signal and exit handlers (no runner: spawns `ip` directly). */
export function downLabSync(stateDir: string, prefix: string, namespaces: readonly string[]): void {
  for (const ns of namespaces) {
    let out = '';
    try {
      out = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue;
    }
    for (const w of out.split(/\s+/)) {
      if (!/^\d+$/.test(w)) continue;
      try {
        process.kill(Number(w), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  try {
    const cmd = deleteNamespaces(namespaces);
    execFileSync('ip', cmd.argv.slice(1), { input: cmd.input, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    // -force: errors for namespaces already gone are expected
  }
  removeState(stateDir, prefix);
}

/** Lab namespaces that exist now (`ip netns list`), sorted. */
export async function listLabNamespaces(runner: Runner): Promise<string[]> {
  const r = await runner.run({ argv: ['ip', 'netns', 'list'], why: 'list namespaces' }, 10_000);
  return r.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => LAB_NAMESPACE_PATTERN.test(n)).sort();
}

/**
 * Removes a lab by prefix (`prefix` given) or every lab (`prefix` absent): the namespaces its state file names and
 * every existing namespace with its prefix. Returns the prefixes removed.
 */
export async function downByPrefix(runner: Runner, stateDir: string, prefix?: string): Promise<string[]> {
  const existing = await listLabNamespaces(runner);
  const prefixes = new Set<string>(prefix !== undefined ? [prefix] : [...listStates(stateDir), ...existing.map((n) => prefixOfNamespace(n) ?? '')]);
  prefixes.delete('');
  const removed: string[] = [];
  for (const p of [...prefixes].sort()) {
    const state = readState(stateDir, p);
    const names = [...new Set([...(state?.namespaces ?? []), ...existing.filter((n) => prefixOfNamespace(n) === p)])].sort();
    await downLab(runner, stateDir, p, names);
    removed.push(p);
  }
  return removed;
}

/**
 * Makes sure the lab is torn down however the process ends: SIGINT, SIGTERM, SIGHUP, an uncaught exception, or a
 * normal exit. Returns a function that removes the handlers (call it after an orderly teardown or for `--keep`).
 */
export function installCleanup(stateDir: string, prefix: string, namespaces: readonly string[]): () => void {
  let done = false;
  const cleanup = (): void => {
    if (done) return;
    done = true;
    downLabSync(stateDir, prefix, namespaces);
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    cleanup();
    process.stderr.write(`aksnet lab: ${sig}: lab ${prefix} removed\n`);
    process.exit(sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129);
  };
  const onError = (e: unknown): void => {
    cleanup();
    process.stderr.write(`aksnet lab: internal error, lab ${prefix} removed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onError);
  process.on('exit', cleanup);
  return () => {
    done = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onError);
    process.off('exit', cleanup);
  };
}
