// Printing lab results: text for people, JSON for tools (`{"total", "agree", "entries": [...]}` and more). Sorted.
// NodePort destinations print as the node and port probed (`node/<node>:<nodePort>`), with the Service behind them.
import { nodePortTarget, targetName, type NodePortTarget } from './flows.js';
import type { LabRun } from './run.js';
import type { LabTopology } from './topology.js';
import type { VerifyEntry } from './verify.js';

/** Output formats of the lab commands. */
export type LabFormat = 'text' | 'json';

/** Every lab output format. */
export const LAB_FORMATS: readonly LabFormat[] = Object.freeze(['text', 'json'] as const);

/** How to enter each pod of a kept lab: `ip netns exec <ns> <command>` lines, sorted by pod. */
export function enterInstructions(t: LabTopology): string[] {
  const lines = [`lab ${t.prefix} is up (${t.mode}); enter a pod with:`];
  for (const p of t.pods) lines.push(`  ip netns exec ${p.ns} sh    # ${p.namespace}/${p.name} ${p.ip}`);
  for (const n of t.nodes) lines.push(`  ip netns exec ${n.ns} iptables-save    # node ${n.name} ${n.ip}`);
  lines.push(`  ip netns exec ${t.vnetNs} ip route    # the VNet`);
  lines.push(`remove it with: aksnet lab down ${t.prefix}   (or: aksnet lab down --all)`);
  return lines;
}

/**
 * A flow's destination and protocol as the text reports print it: `ns/pod TCP/8080`, `svc:ns/name TCP/80` (the
 * Service port, through the cluster IP), or for a NodePort `node/<node>:<nodePort> TCP (<node address>, NodePort of
 * svc:ns/name)` — the node and port that were probed, and the Service behind them.
 */
export function targetText(to: string, protocol: string, port: number, nodePort?: NodePortTarget): string {
  return nodePort ? `${to} ${protocol} (${nodePort.ip}, NodePort of svc:${nodePort.service})` : `${to} ${protocol}/${port}`;
}

/** `allowed`, or `blocked by <layer>` when the simulator names the layer that stopped the flow. */
function simulatedText(e: Pick<VerifyEntry, 'simulated' | 'layer'>): string {
  return e.simulated ? 'allowed' : e.layer ? `blocked by ${e.layer}` : 'blocked';
}

/**
 * The verify (and probe) report as JSON text, keys in a fixed order, entries sorted. Each entry: `from`, `to`,
 * `port`, `protocol`, `simulated`, `observed`, `layer` (the layer that stopped the flow in the simulator — policy,
 * nsg, route-table, kube-proxy, … — or null when the simulator lets it through), `outcome`, `agree`, and when they
 * apply `nodePort` ({node, ip, service} of a NodePort destination), `explanation` and `detail`. `built` is false when
 * nothing was built because there was nothing to probe (AKS4811).
 */
export function renderVerifyJson(run: LabRun): string {
  const t = run.plan.topology;
  return JSON.stringify({
    engine: run.plan.engine,
    mode: t.mode,
    prefix: t.prefix,
    nodes: t.nodes.length,
    pods: t.pods.length,
    built: run.built,
    total: run.comparison.total,
    agree: run.comparison.agree,
    disagree: run.comparison.total - run.comparison.agree,
    entries: run.comparison.entries.map((e) => ({
      from: e.from, to: e.to, port: e.port, protocol: e.protocol, simulated: e.simulated, observed: e.observed, layer: e.layer ?? null,
      outcome: e.outcome, agree: e.agree, ...(e.nodePort ? { nodePort: e.nodePort } : {}),
      ...(e.explanation ? { explanation: e.explanation } : {}), ...(e.detail ? { detail: e.detail } : {}),
    })),
    uncompared: run.comparison.uncompared,
    reprobed: run.reprobed,
    timings: run.timings,
    kept: run.kept,
  }, null, 2);
}

/** The summary line of a lab run that built nothing (the diagnostics say why). */
function notBuiltText(run: LabRun): string {
  const t = run.plan.topology;
  return `lab ${t.prefix}: nothing to probe (${t.pods.length} pod(s) with addresses, no flow); no lab was built`;
}

/**
 * The verify report as text: a summary line, how many flows the simulator blocks per deciding layer, the
 * disagreements with their layer and explanation, every flow when `all`, and the uncompared flows.
 */
export function renderVerifyText(run: LabRun, all = false): string {
  if (!run.built) return notBuiltText(run);
  const c = run.comparison;
  const t = run.plan.topology;
  const lines = [
    `lab ${t.prefix}: ${t.nodes.length} node(s), ${t.pods.length} pod(s), ${t.mode} mode, engine ${run.plan.engine}`,
    `kernel and simulator agree on ${c.agree} of ${c.total} flow(s)` +
      ` (up ${(run.timings.upMs / 1000).toFixed(1)} s, probes ${(run.timings.probeMs / 1000).toFixed(1)} s, down ${(run.timings.downMs / 1000).toFixed(1)} s)`,
  ];
  const byLayer = new Map<string, number>();
  for (const e of c.entries) if (!e.simulated) byLayer.set(e.layer ?? 'unknown', (byLayer.get(e.layer ?? 'unknown') ?? 0) + 1);
  if (byLayer.size > 0) {
    lines.push(`simulator blocks ${[...byLayer.values()].reduce((a, b) => a + b, 0)} flow(s): ` +
      [...byLayer.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([l, n]) => `${n} by ${l}`).join(', '));
  }
  if (run.reprobed > 0) lines.push(`${run.reprobed} flow(s) disagreed at first and were probed again with a longer timeout`);
  const bad = c.entries.filter((e) => !e.agree);
  if (bad.length > 0) lines.push('', 'disagreements:');
  for (const e of bad) {
    lines.push(`  ${e.from} -> ${targetText(e.to, e.protocol, e.port, e.nodePort)}: simulated ${simulatedText(e)}, observed ${e.outcome}${e.detail ? ` (${e.detail})` : ''}`);
    if (e.explanation) lines.push(`    ${e.explanation}`);
  }
  if (all) {
    lines.push('', 'flows:');
    for (const e of c.entries) lines.push(`  ${e.agree ? ' ' : '!'} ${e.from} -> ${targetText(e.to, e.protocol, e.port, e.nodePort)}: ${e.outcome} (simulated ${simulatedText(e)})`);
  }
  if (c.uncompared.length > 0) {
    lines.push('', 'not compared:');
    for (const u of c.uncompared) lines.push(`  ${u.from} -> ${targetText(u.to, u.protocol, u.port, u.nodePort)}: observed ${u.observed ? 'allowed' : 'blocked'}; ${u.reason}`);
  }
  return lines.join('\n');
}

/** The probe results (no comparison) as text: one line per flow, sorted. */
export function renderProbeText(run: LabRun): string {
  if (!run.built) return notBuiltText(run);
  const lines = [`lab ${run.plan.topology.prefix}: ${run.observations.length} flow(s) probed`];
  const rows = run.observations.map((o) => {
    const from = `${o.flow.from.namespace}/${o.flow.from.name}`;
    return `  ${from} -> ${targetText(targetName(o.flow.to), o.flow.protocol, o.flow.port, nodePortTarget(o.flow.to))}: ${o.outcome}`;
  }).sort();
  return [...lines, ...rows].join('\n');
}
