// `aksnet plan` as a human report: per cluster, the pools, every range against what it holds, the limits, SNAT,
// the largest node count that still fits an upgrade and what binds first, and the defaults aksnet filled in.
import type { ClusterPlan, PlanAnswer, RangePlan } from '../../questions/plan/types.js';
import { rangeKindLabel } from '../../questions/plan/plan.js';
import { compareText } from '../../model/compare.js';

/** Left-aligns text columns and right-aligns numeric ones (a column is numeric when every body cell is). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,%/]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function n(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : String(x);
}

function rangeRow(r: RangePlan): string[] {
  const name = r.prefix ? `${r.name} ${r.prefix}` : r.name;
  return [rangeKindLabel(r.kind), name, r.unit, n(r.requiredNow), n(r.required), r.usable === null ? 'unknown' : n(r.usable),
    r.percent === null ? '-' : `${r.percent}%`, r.fits ? 'yes' : 'NO', r.smallestPrefix === undefined ? '-' : `/${r.smallestPrefix}`,
    r.shared ? 'yes' : ''];
}

function clusterText(c: ClusterPlan): string[] {
  const out: string[] = [];
  out.push(`Cluster ${c.name} (${c.kind}, ${c.networkMode}, network policy ${c.networkPolicy})`);
  out.push('');
  out.push('Pools (nodes now / at maximum / during an upgrade at maximum):');
  out.push(...table(['pool', 'mode', 'os', 'maxPods', 'now', 'max', 'maxSurge', 'surge', 'upgrade'], c.pools.map((p) => [
    p.name, p.mode, p.osType, n(p.maxPods), n(p.nodesNow), p.autoscale ? `${p.autoscale.max} (autoscale ${p.autoscale.min}-${p.autoscale.max})` : n(p.nodesMax),
    p.maxSurge, n(p.surge), n(p.nodesUpgrade),
  ])).map((l) => '  ' + l));
  out.push(`  total: ${c.nodesNow} now, ${c.nodesMax} at maximum, ${c.nodesUpgrade} during an upgrade`);
  out.push('');
  out.push('Ranges (required = at maximum scale during an upgrade):');
  if (c.ranges.length === 0) out.push('  (none)');
  else out.push(...table(['range', 'name', 'unit', 'now', 'required', 'usable', 'used', 'fits', 'smallest', 'shared'], c.ranges.map(rangeRow)).map((l) => '  ' + l));
  const shared = c.ranges.filter((r) => r.shared);
  for (const r of shared) {
    out.push(`  ${rangeKindLabel(r.kind)} ${r.name} is shared: ` +
      r.contributions.map((x) => `${x.cluster}/${x.pool} ${x.nodes}×${x.perNode}=${x.total}`).join(', '));
  }
  out.push('');
  out.push('Limits (configured maximum, surge excluded):');
  out.push(...table(['limit', 'value', 'max', 'ok'], c.limits.map((l) => [l.what + (l.hard ? '' : ' (advice)'), n(l.value), n(l.limit),
    l.ok ? 'yes' : l.hard ? 'NO' : 'over'])).map((l) => '  ' + l));
  out.push('');
  if (c.snat) {
    const s = c.snat;
    if (s.allocation === 'on-demand') {
      out.push(`SNAT: ${s.outboundType}, ${s.outboundIps} IP(s) × ${s.portsPerIp} = ${s.availablePorts} ports, allocated on demand`);
    } else {
      out.push(`SNAT: ${s.outboundType}, ${s.allocation} allocation, ${n(s.portsPerNodeMax)} ports/node at maximum (${n(s.portsPerNodeNow)} now); ` +
        `${n(s.requiredPorts)} of ${s.availablePorts} ports (${s.outboundIps} IP(s)); holds ${n(s.nodesSupported)} nodes; needs ${n(s.ipsNeeded)} IP(s)`);
    }
  } else {
    out.push('SNAT: no load balancer or NAT gateway outbound (nothing to budget)');
  }
  out.push('');
  if (c.maxNodes === null) {
    out.push(c.growthPool === null ? 'Max nodes: no pools' : `Max nodes: none fit, even with pool ${c.growthPool} at 0 nodes`);
  } else {
    out.push(`Max nodes: ${c.maxNodes} (growing pool ${c.growthPool}; other pools at their maximum; an upgrade still fits)`);
  }
  out.push(`Binding constraint: ${c.bindingConstraint ? c.bindingConstraint.message : 'none found'}`);
  out.push(`Configured design fits an upgrade at maximum scale: ${c.fitsConfigured ? 'yes' : 'NO'}`);
  if (c.defaults.length > 0) {
    out.push('');
    out.push('Defaults used (not in the input):');
    out.push(...table(['field', 'value', 'fact'], c.defaults.map((d) => [d.field, d.value, d.factId])).map((l) => '  ' + l));
  }
  if (c.notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const note of c.notes) out.push(`  - ${note}`);
  }
  return out;
}

/** The whole report; clusters sorted by name then id, separated by a blank line. */
export function renderPlanText(answer: PlanAnswer): string {
  if (answer.clusters.length === 0) return 'No cluster found in the input.\n';
  const clusters = [...answer.clusters].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  return clusters.map((c) => clusterText(c).join('\n')).join('\n\n') + '\n';
}
