// Test helpers: run an adapter on a text and read the resulting model and diagnostics.
import { parseSource } from '../../../load/parse.js';
import { adaptDocuments } from '../../index.js';
import type { Diagnostic } from '../../../model/diagnostic.js';
import type { Model } from '../../../model/model.js';

/** Parses `text` as the file `file` and adapts it (link step included). */
export function adaptText(file: string, text: string): { model: Model; diagnostics: Diagnostic[] } {
  const { docs, diagnostics } = parseSource(file, text);
  const r = adaptDocuments(docs);
  return { model: r.model, diagnostics: [...diagnostics, ...r.diagnostics.items] };
}

/** `code@line:column` of each diagnostic, sorted: compact assertions. */
export function where(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code}@${d.origin?.line ?? 0}:${d.origin?.column ?? 0}`).sort();
}
