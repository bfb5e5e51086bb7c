// JSON rendering of a trace: `{disposition, delivered, from, to, protocol, port, engine, blockingHop, hops, notes}`.
import { formatOrigin } from '../../model/origin.js';
import type { TraceAnswer } from '../../questions/trace/index.js';

/**
 * The JSON shape. Each hop: `{component, resource, action, rule?, detail, packet, rewrites, origin?}` where `origin`
 * is `file:line:column`; `blockingHop` is 0-based and absent on success. Keys in a fixed order.
 */
export function renderTraceJson(a: TraceAnswer): string {
  const t = a.trace;
  return JSON.stringify({
    disposition: t.disposition,
    delivered: t.delivered,
    from: a.from,
    to: a.to,
    protocol: a.protocol,
    port: a.port,
    engine: a.engine,
    ...(t.blockingHop !== undefined ? { blockingHop: t.blockingHop } : {}),
    hops: t.hops.map((h) => ({
      component: h.component, resource: h.resource, action: h.action, ...(h.rule ? { rule: h.rule } : {}), detail: h.detail,
      packet: h.packet, rewrites: h.rewrites, ...(h.origin ? { origin: formatOrigin(h.origin) } : {}),
    })),
    notes: t.notes,
  }, null, 2);
}
