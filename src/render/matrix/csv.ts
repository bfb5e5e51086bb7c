// CSV in netpol-analyzer's `list -o csv` shape: header `src,dst,conn`, one row per pair with connections.
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { connectionLines } from './names.js';

/** Quotes a CSV field when it holds a comma, a double quote or a line break (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text (just the header when no pair has a connection). */
export function renderCsv(answer: MatrixAnswer): string {
  const lines = ['src,dst,conn'];
  for (const r of connectionLines(answer.entries)) lines.push([r.src, r.dst, r.conn].map(csvField).join(','));
  return lines.join('\n');
}
