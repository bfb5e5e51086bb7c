// netpol-analyzer `list -o txt`: one `SRC => DST : CONN` line per pair with allowed connections, sorted
// ({ingress-controller} lines sort last because '{' follows every letter and digit).
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { connectionLines } from './names.js';

/** The connlist text; '' when no pair has a connection. */
export function renderConnlistTxt(answer: MatrixAnswer): string {
  return connectionLines(answer.entries).map((r) => `${r.src} => ${r.dst} : ${r.conn}`).join('\n');
}
