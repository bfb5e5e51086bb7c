// Which (protocol, port) pairs the per-port truth tables and JSON entries are evaluated for.
import type { L4Protocol } from '../../engines/net/index.js';
import type { Pod } from '../../model/k8s.js';
import type { MatrixProbe } from './types.js';
import { compareText } from '../../model/compare.js';

/** Probe order: protocol (alphabetical, as netpol-analyzer prints protocols), then port. */
export function compareProbes(a: MatrixProbe, b: MatrixProbe): number {
  return compareText(a.protocol, b.protocol) || a.port - b.port;
}

function dedupe(probes: MatrixProbe[]): MatrixProbe[] {
  const seen = new Set<string>();
  const out: MatrixProbe[] = [];
  for (const p of probes) {
    const k = `${p.protocol}/${p.port}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  }
  return out.sort(compareProbes);
}

/**
 * The probes for the given flags:
 * - ports and protocols: every port × every protocol;
 * - ports only: each port with every protocol some pod declares it with (TCP when no pod declares it);
 * - protocols only: every declared port number × the given protocols;
 * - neither: every declared container port with its declared protocol.
 * Sorted, without duplicates; empty when nothing is declared and no ports are given.
 */
export function resolveProbes(
  pods: readonly Pod[],
  ports?: readonly number[],
  protocols?: readonly L4Protocol[],
): MatrixProbe[] {
  const declared = pods.flatMap((p) => p.ports.map((c) => ({ protocol: c.protocol, port: c.port })));
  if (ports && ports.length > 0) {
    if (protocols && protocols.length > 0) return dedupe(ports.flatMap((port) => protocols.map((protocol) => ({ protocol, port }))));
    return dedupe(ports.flatMap((port) => {
      const protos = declared.filter((d) => d.port === port).map((d) => d.protocol);
      return (protos.length ? protos : (['TCP'] as L4Protocol[])).map((protocol) => ({ protocol, port }));
    }));
  }
  if (protocols && protocols.length > 0) {
    const numbers = [...new Set(declared.map((d) => d.port))];
    return dedupe(numbers.flatMap((port) => protocols.map((protocol) => ({ protocol, port }))));
  }
  return dedupe(declared);
}
