// Text rendering of a trace: one numbered line per hop, rewrites and the deciding rule's origin under it.
import { formatOrigin } from '../../model/origin.js';
import type { TraceAnswer } from '../../questions/trace/index.js';
import type { PacketView } from '../../engines/dataplane/index.js';

function packet(p: PacketView): string {
  const end = (ip: string, port: number | undefined): string => (port === undefined ? ip : `${ip}:${port}`);
  return `${p.protocol} ${end(p.srcIp, p.srcPort)} -> ${end(p.dstIp, p.dstPort)}`;
}

/** The trace as text: header, hops, disposition with the blocking hop, notes (sorted). */
export function renderTraceText(a: TraceAnswer): string {
  const t = a.trace;
  const lines: string[] = [];
  lines.push(`trace ${a.from.name} -> ${a.to.name} ${a.protocol}/${a.port} (policy engine: ${a.engine})`);
  t.hops.forEach((h, i) => {
    const mark = t.blockingHop === i ? '  <-- stops here' : '';
    lines.push(`${String(i + 1).padStart(2)}. [${h.component}] ${h.action.toUpperCase()} ${h.resource}${h.rule ? ` (${h.rule})` : ''}${mark}`);
    lines.push(`      ${packet(h.packet)}`);
    lines.push(`      ${h.detail}`);
    for (const r of h.rewrites) lines.push(`      rewrite ${r.field}: ${r.old} -> ${r.new}`);
    if (h.origin) lines.push(`      at ${formatOrigin(h.origin)}`);
  });
  lines.push('');
  const blocking = t.blockingHop !== undefined ? t.hops[t.blockingHop] : undefined;
  lines.push(`disposition: ${t.disposition}${blocking ? ` at hop ${(t.blockingHop ?? 0) + 1} (${blocking.component} ${blocking.resource})` : ''}`);
  if (t.notes.length) {
    lines.push('notes:');
    for (const n of t.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n');
}
