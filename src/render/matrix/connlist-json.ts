// netpol-analyzer `list -o json`: an array of {"src","dst","conn"} objects, 2-space indented, in connlist order.
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { connectionLines } from './names.js';

/** The connlist JSON array (`[]` when no pair has a connection). */
export function renderConnlistJson(answer: MatrixAnswer): string {
  return JSON.stringify(connectionLines(answer.entries), null, 2);
}
