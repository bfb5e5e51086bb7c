// Truth tables, one per probed (protocol, port): rows are sources, columns destinations; `.` allowed, `X` denied,
// `#` a peer to itself (not evaluated). Tab-separated like the upstream e2e reachability tables, so the tables of a
// run can be compared cell by cell with expected ones.
import type { ConnSet } from '../../engines/net/index.js';
import type { MatrixAnswer, MatrixPeer, MatrixProbe } from '../../questions/matrix/types.js';
import { comparePeers, peerName } from './names.js';

/** Cell symbols of a truth table. */
export const CELL_ALLOWED = '.';
export const CELL_DENIED = 'X';
export const CELL_SELF = '#';

/** Rows (sources) and columns (destinations) of a table: ingress controller only as source, sorted. */
function axes(answer: MatrixAnswer): { rows: MatrixPeer[]; cols: MatrixPeer[] } {
  const peers = [...answer.peers].sort(comparePeers);
  return { rows: peers, cols: peers.filter((p) => p.kind !== 'ingress-controller') };
}

/** One table as lines: header `-` + destination names, then one line per source. */
export function truthTable(answer: MatrixAnswer, probe: MatrixProbe): string[] {
  const { rows, cols } = axes(answer);
  const conns = new Map<string, ConnSet>();
  for (const e of answer.entries) conns.set(`${peerName(e.from)}\u0000${peerName(e.to)}`, e.conns);
  const lines = [['-', ...cols.map(peerName)].join('\t')];
  for (const r of rows) {
    const rn = peerName(r);
    const cells = cols.map((c) => {
      const cn = peerName(c);
      if (cn === rn) return CELL_SELF;
      const cs = conns.get(`${rn}\u0000${cn}`);
      return cs && cs.allows(probe.protocol, probe.port) ? CELL_ALLOWED : CELL_DENIED;
    });
    lines.push([rn, ...cells].join('\t'));
  }
  return lines;
}

/** All tables, each headed `PROTO/port:`, separated by blank lines; a note when there is nothing to probe. */
export function renderText(answer: MatrixAnswer): string {
  const probes = answer.probes ?? [];
  if (probes.length === 0) {
    return 'no ports to probe: no container port is declared; pass --ports (and --protocols)';
  }
  return probes.map((p) => [`${p.protocol}/${p.port}:`, ...truthTable(answer, p)].join('\n')).join('\n\n');
}
