// aksnet's own matrix JSON: per-probe verdicts for every ordered pair (`entries`) plus each pair's whole connection
// set (`connections`). Stable key order; everything sorted.
import type { MatrixAnswer, MatrixProbe } from '../../questions/matrix/types.js';
import { comparePeers, peerName } from './names.js';

/** One per-probe verdict: may `from` open a `protocol` connection to `to` on `port`. */
export interface MatrixJsonEntry {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
}

/**
 * The JSON document: `by`, `engine`, `probes` (the ports/protocols evaluated), `entries` (every ordered pair of
 * distinct peers × every probe; empty when there are no probes), `connections` (every ordered pair with its whole
 * connection set in netpol-analyzer notation, `No Connections` included).
 */
export interface MatrixJson {
  readonly by: string;
  readonly engine: string;
  readonly probes: readonly MatrixProbe[];
  readonly entries: readonly MatrixJsonEntry[];
  readonly connections: readonly { readonly from: string; readonly to: string; readonly conn: string }[];
}

/** Builds the JSON document (sorted by from, to, protocol, port). */
export function matrixJson(answer: MatrixAnswer): MatrixJson {
  const probes = [...(answer.probes ?? [])];
  const pairs = [...answer.entries].sort((a, b) => comparePeers(a.from, b.from) || comparePeers(a.to, b.to));
  const entries: MatrixJsonEntry[] = [];
  const connections: { from: string; to: string; conn: string }[] = [];
  for (const e of pairs) {
    const from = peerName(e.from);
    const to = peerName(e.to);
    connections.push({ from, to, conn: e.conns.toString() });
    for (const p of probes) {
      entries.push({ from, to, port: p.port, protocol: p.protocol, allowed: e.conns.allows(p.protocol, p.port) });
    }
  }
  return { by: answer.by, engine: answer.engine, probes, entries, connections };
}

/** The JSON text, 2-space indented. */
export function renderJson(answer: MatrixAnswer): string {
  return JSON.stringify(matrixJson(answer), null, 2);
}

/** Orders probes by protocol then port (defined once in questions/matrix/probes.ts). */
export { compareProbes } from '../../questions/matrix/probes.js';
