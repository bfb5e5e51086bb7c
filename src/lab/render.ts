// Printing lab results: text for people, JSON for tools (`{"total", "agree", "entries": [...]}` and more). Sorted.
import type { LabRun } from './run.js';
import type { LabTopology } from './topology.js';

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
  lines.push(`remove it with: aksnet lab down --prefix ${t.prefix}   (or: aksnet lab down --all)`);
  return lines;
}

/** The verify report as JSON text (stable key order, entries sorted). */
export function renderVerifyJson(run: LabRun): string {
  const t = run.plan.topology;
  return JSON.stringify({
    engine: run.plan.engine,
    mode: t.mode,
    prefix: t.prefix,
    nodes: t.nodes.length,
    pods: t.pods.length,
    total: run.comparison.total,
    agree: run.comparison.agree,
    disagree: run.comparison.total - run.comparison.agree,
    entries: run.comparison.entries.map((e) => ({
      from: e.from, to: e.to, port: e.port, protocol: e.protocol, simulated: e.simulated, observed: e.observed,
      outcome: e.outcome, agree: e.agree, ...(e.explanation ? { explanation: e.explanation } : {}), ...(e.detail ? { detail: e.detail } : {}),
    })),
    uncompared: run.comparison.uncompared,
    reprobed: run.reprobed,
    timings: run.timings,
    kept: run.kept,
  }, null, 2);
}

/** The verify report as text: a summary line, the disagreements with their explanation, the uncompared flows. */
export function renderVerifyText(run: LabRun, all = false): string {
  const c = run.comparison;
  const t = run.plan.topology;
  const lines = [
    `lab ${t.prefix}: ${t.nodes.length} node(s), ${t.pods.length} pod(s), ${t.mode} mode, engine ${run.plan.engine}`,
    `kernel and simulator agree on ${c.agree} of ${c.total} flow(s)` +
      ` (up ${(run.timings.upMs / 1000).toFixed(1)} s, probes ${(run.timings.probeMs / 1000).toFixed(1)} s, down ${(run.timings.downMs / 1000).toFixed(1)} s)`,
  ];
  if (run.reprobed > 0) lines.push(`${run.reprobed} flow(s) disagreed at first and were probed again with a longer timeout`);
  const bad = c.entries.filter((e) => !e.agree);
  if (bad.length > 0) lines.push('', 'disagreements:');
  for (const e of bad) {
    lines.push(`  ${e.from} -> ${e.to} ${e.protocol}/${e.port}: simulated ${e.simulated ? 'allowed' : 'blocked'}, observed ${e.outcome}${e.detail ? ` (${e.detail})` : ''}`);
    if (e.explanation) lines.push(`    ${e.explanation}`);
  }
  if (all) {
    lines.push('', 'flows:');
    for (const e of c.entries) lines.push(`  ${e.agree ? ' ' : '!'} ${e.from} -> ${e.to} ${e.protocol}/${e.port}: ${e.outcome} (simulated ${e.simulated ? 'allowed' : 'blocked'})`);
  }
  if (c.uncompared.length > 0) {
    lines.push('', 'not compared:');
    for (const u of c.uncompared) lines.push(`  ${u.from} -> ${u.to} ${u.protocol}/${u.port}: observed ${u.observed ? 'allowed' : 'blocked'}; ${u.reason}`);
  }
  return lines.join('\n');
}

/** The probe results (no comparison) as text: one line per flow. */
export function renderProbeText(run: LabRun): string {
  const lines = [`lab ${run.plan.topology.prefix}: ${run.observations.length} flow(s) probed`];
  const rows = run.observations.map((o) => {
    const from = `${o.flow.from.namespace}/${o.flow.from.name}`;
    const to = o.flow.to.kind === 'pod' ? `${o.flow.to.pod.namespace}/${o.flow.to.pod.name}` : `svc:${o.flow.to.service.namespace}/${o.flow.to.service.name}`;
    return `  ${from} -> ${to} ${o.flow.protocol}/${o.flow.port}: ${o.outcome}`;
  }).sort();
  return [...lines, ...rows].join('\n');
}
