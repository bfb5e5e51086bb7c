// Markdown in netpol-analyzer's `list -o md` shape: a `| src | dst | conn |` table, one row per pair with connections.
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { connectionLines } from './names.js';

/** Escapes the characters that would break a Markdown table cell. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** The Markdown table (header only when no pair has a connection). */
export function renderMd(answer: MatrixAnswer): string {
  const lines = ['| src | dst | conn |', '|-----|-----|------|'];
  for (const r of connectionLines(answer.entries)) lines.push(`| ${mdCell(r.src)} | ${mdCell(r.dst)} | ${mdCell(r.conn)} |`);
  return lines.join('\n');
}
