// The matrix output formats, one renderer per file; `renderMatrix` dispatches on the format name.
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { renderConnlistJson } from './connlist-json.js';
import { renderConnlistTxt } from './connlist-txt.js';
import { renderCsv } from './csv.js';
import { renderDot } from './dot.js';
import { renderJson } from './json.js';
import { renderMd } from './md.js';
import { renderMermaid } from './mermaid.js';
import { renderText } from './text.js';

export { peerName, comparePeers, connectionLines, INGRESS_CONTROLLER_NAME } from './names.js';
export { truthTable } from './text.js';
export { matrixJson, type MatrixJson, type MatrixJsonEntry } from './json.js';

/**
 * Output formats: `text` truth tables per probe; `json` per-probe verdicts + connection sets; `csv`, `md`, `dot`,
 * `mermaid` graphs/tables of connection sets; `connlist` / `connlist-json` exactly as netpol-analyzer `list -o
 * txt|json`.
 */
export type MatrixFormat = 'text' | 'json' | 'csv' | 'md' | 'dot' | 'mermaid' | 'connlist' | 'connlist-json';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['text', 'json', 'csv', 'md', 'dot', 'mermaid', 'connlist', 'connlist-json'];

/** Renders `answer` in `format` (no trailing newline). */
export function renderMatrix(answer: MatrixAnswer, format: MatrixFormat): string {
  switch (format) {
    case 'text':
      return renderText(answer);
    case 'json':
      return renderJson(answer);
    case 'csv':
      return renderCsv(answer);
    case 'md':
      return renderMd(answer);
    case 'dot':
      return renderDot(answer);
    case 'mermaid':
      return renderMermaid(answer);
    case 'connlist':
      return renderConnlistTxt(answer);
    case 'connlist-json':
      return renderConnlistJson(answer);
    default: {
      const never: never = format;
      throw new Error(`unknown matrix format ${String(never)}`);
    }
  }
}
