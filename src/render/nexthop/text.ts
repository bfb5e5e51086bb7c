// `aksnet nexthop` text: the three Network Watcher fields, then the selected route, the steps and (optionally) the
// subnet's effective routes.
import type { NexthopAnswer } from '../../questions/nexthop/index.js';
import { stepLines } from '../ipflow/steps.js';

/** The answer as text; `withRoutes` adds the effective-routes table (already sorted by the question). */
export function renderNexthopText(a: NexthopAnswer, withRoutes = false): string {
  const lines = [
    `Next hop type: ${a.nextHopType}`,
    `Next hop IP address: ${a.nextHopIpAddress ?? '(none)'}`,
    `Route table ID: ${a.routeTableId}`,
  ];
  if (a.addressPrefix) lines.push(`Route: ${a.addressPrefix}${a.routeName ? ` (${a.routeName})` : ''}`);
  lines.push(`Target: ${a.target.kind} ${a.target.name} in subnet ${a.target.subnetName}; source ${a.sourceIp}, destination ${a.destIp}`);
  lines.push('Steps:', ...stepLines(a.steps));
  if (withRoutes) {
    lines.push('Effective routes:');
    const rows = a.routes.map((r) => [r.source, r.state, r.addressPrefix, r.nextHopType, r.nextHopIp ?? '', r.name, r.description]);
    const head = ['Source', 'State', 'Address prefix', 'Next hop type', 'Next hop IP', 'Name', 'Description'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]): string => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
    lines.push(fmt(head), ...rows.map(fmt));
  }
  return lines.join('\n') + '\n';
}
