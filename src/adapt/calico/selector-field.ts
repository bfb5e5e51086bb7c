// Reading a selector string out of a manifest: parse it, and on error report the column inside the YAML/JSON string.
import type { DocPath } from '../../load/document.js';
import type { ObjectReader } from '../k8s/reader.js';
import { CALICO_CODES } from './codes.js';
import { parseCalicoSelector, printSelector, usesGlobal, type CalicoAst } from './selector/index.js';

/** Calico's limit on selector length (CRD validation). */
export const MAX_SELECTOR_LENGTH = 1024;

/** The column of character `offset` of the string value at `path` (skipping an opening quote in the source). */
export function columnInString(r: ObjectReader, path: DocPath, offset: number): { line: number; column: number } {
  const o = r.at(path);
  const lineText = r.doc.text.split('\n')[o.line - 1] ?? '';
  let i = o.column - 1;
  // Positions of map members point at the key: step over `key:` (or `"key":`) to the value on the same line.
  const key = String(path[path.length - 1] ?? '');
  const m = /^(["']?)([^"':]*)\1[ \t]*:[ \t]*/.exec(lineText.slice(i));
  if (m && m[2] === key && i + m[0].length < lineText.length) i += m[0].length;
  const ch = lineText[i];
  const quoted = ch === '"' || ch === "'";
  return { line: o.line, column: i + 1 + (quoted ? 1 : 0) + offset };
}

/**
 * The selector at `path`: undefined when absent; `{op: none}`-like failure (undefined ast with `bad: true`) when it does
 * not parse (reported at its column). `allowGlobal`: global() is accepted (only as a whole rule namespaceSelector).
 */
export function readSelector(r: ObjectReader, path: DocPath, allowGlobal = false): { ast?: CalicoAst; bad: boolean } {
  const raw = r.raw(path);
  if (raw === undefined || raw === null) return { bad: false };
  if (typeof raw !== 'string') {
    r.error(CALICO_CODES.INVALID_SELECTOR, path, `a selector must be a string, found ${typeof raw}`, 'write a Calico selector expression such as app == "web"');
    return { bad: true };
  }
  const res = parseCalicoSelector(raw);
  if (!res.ok) {
    const pos = columnInString(r, path, res.error.offset);
    r.ctx.diagnostics.report({
      code: CALICO_CODES.INVALID_SELECTOR, severity: 'error',
      message: `${r.kind} ${r.name}: invalid selector ${JSON.stringify(raw)}: ${res.error.message} (at character ${res.error.offset + 1})`,
      origin: { ...r.at(path), line: pos.line, column: pos.column }, resource: `${r.kind}/${r.name}`,
      hint: 'Calico selectors: k == "v", k != "v", k in {"a", "b"}, k not in {...}, has(k), !has(k), all(), &&, ||, !, ( )',
    });
    return { bad: true };
  }
  if (raw.length > MAX_SELECTOR_LENGTH) {
    r.warning(CALICO_CODES.SELECTOR_TOO_LONG, path, `selector is ${raw.length} characters; Calico accepts at most ${MAX_SELECTOR_LENGTH}`);
  }
  if (usesGlobal(res.ast) && !(allowGlobal && res.ast.t === 'global')) {
    r.error(CALICO_CODES.GLOBAL_NOT_ALLOWED, path, `global() is only allowed as a whole rule namespaceSelector (in ${JSON.stringify(printSelector(res.ast))})`,
      'Calico rejects this policy; global() selects non-namespaced resources only in namespaceSelector: global()');
  }
  return { ast: res.ast, bad: false };
}
