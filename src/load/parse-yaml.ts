// YAML (multi-document) with a position for every value, through the `yaml` package's source ranges.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { DocPath, SourceDocument } from './document.js';
import { LOAD_CODES } from './codes.js';

/** Parses a YAML file into one document per `---` section; errors become diagnostics, other documents survive. */
export function parseYamlFile(file: string, text: string): { docs: SourceDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const docs: SourceDocument[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  } catch (e) {
    diagnostics.push({
      code: LOAD_CODES.INVALID_YAML, severity: 'error', message: `invalid YAML: ${(e as Error).message}`,
      origin: { file, line: 1, column: 1 }, hint: 'fix the YAML syntax',
    });
    return { docs, diagnostics };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let index = 0;
  for (const d of list) {
    const myIndex = index++;
    if (d.errors.length > 0) {
      for (const e of d.errors) {
        const p = lineCounter.linePos(e.pos[0]);
        diagnostics.push({
          code: LOAD_CODES.INVALID_YAML, severity: 'error', message: `invalid YAML: ${firstLine(e.message)}`,
          origin: { file, line: p.line, column: p.col }, hint: 'fix the YAML syntax; the other documents of this file are still read',
        });
      }
      continue;
    }
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const start = d.contents?.range?.[0] ?? 0;
      const p = lineCounter.linePos(start);
      diagnostics.push({
        code: LOAD_CODES.INVALID_YAML, severity: 'error', message: `invalid YAML: ${firstLine((e as Error).message)}`,
        origin: { file, line: p.line, column: p.col },
      });
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document between separators
    const root = d.contents as YamlNode | null;
    docs.push({
      file,
      format: 'yaml',
      index: myIndex,
      value,
      text,
      position(path: DocPath) {
        const node = nearest(root, path);
        const offset = node?.range?.[0] ?? root?.range?.[0] ?? 0;
        const p = lineCounter.linePos(offset);
        return { line: p.line, column: p.col };
      },
    });
  }
  return { docs, diagnostics };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** The deepest node along `path`; for map members, the key node (where a reader looks). */
function nearest(root: YamlNode | null, path: DocPath): YamlNode | null {
  let cur: YamlNode | null = root;
  let best: YamlNode | null = root;
  for (const step of path) {
    if (cur && isMap(cur)) {
      const pair = cur.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(step));
      if (!pair) return best;
      best = (isScalar(pair.key) ? pair.key : null) ?? best;
      cur = (pair.value as YamlNode | null) ?? null;
      if (cur && isSeq(cur)) best = best ?? cur;
    } else if (cur && isSeq(cur) && typeof step === 'number') {
      const item = cur.items[step] as YamlNode | undefined;
      if (!item) return best;
      cur = item;
      best = item;
    } else {
      return best;
    }
  }
  return best;
}
