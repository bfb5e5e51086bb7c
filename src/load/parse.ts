// Turns source files into documents: JSON, YAML (multi-document) or shell script, decided by content.
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceDocument } from './document.js';
import { LineIndex } from './line-index.js';
import { parseJsonFile } from './parse-json.js';
import { parseYamlFile } from './parse-yaml.js';
import { looksLikeAzScript } from './recognize.js';
import type { SourceFile } from './files.js';

/** Parses every file; a file that fails to parse yields diagnostics and no documents, the others go on. */
export function parseFiles(files: readonly SourceFile[]): { docs: SourceDocument[]; diagnostics: Diagnostic[] } {
  const docs: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const r = parseSource(f.path, f.text);
    docs.push(...r.docs);
    diagnostics.push(...r.diagnostics);
  }
  return { docs, diagnostics };
}

/** Parses one file's text. */
export function parseSource(file: string, text: string): { docs: SourceDocument[]; diagnostics: Diagnostic[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (looksLikeAzScript(file, body)) {
    const lines = new LineIndex(body);
    return {
      docs: [{ file, format: 'shell', index: 0, value: undefined, text: body, position: () => lines.position(0) }],
      diagnostics: [],
    };
  }
  const trimmed = body.trimStart();
  if (/\.json$/i.test(file) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const r = parseJsonFile(file, body);
    return { docs: r.doc ? [r.doc] : [], diagnostics: r.diagnostics };
  }
  return parseYamlFile(file, body);
}
