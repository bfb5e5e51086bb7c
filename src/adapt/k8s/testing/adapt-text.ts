// Test helper: parse a manifest text with the real loader and adapt it (with linking) into a model.
import { parseSource } from '../../../load/parse.js';
import type { Diagnostic } from '../../../model/diagnostic.js';
import type { Model } from '../../../model/model.js';
import { adaptDocuments } from '../../index.js';

/** The model and every diagnostic (parse + adapt) of one or more `[file, text]` inputs. */
export function adaptTexts(inputs: readonly (readonly [string, string])[]): { model: Model; diagnostics: Diagnostic[] } {
  const docs = [];
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of inputs) {
    const r = parseSource(file, text);
    docs.push(...r.docs);
    diagnostics.push(...r.diagnostics);
  }
  const r = adaptDocuments(docs);
  return { model: r.model, diagnostics: [...diagnostics, ...r.diagnostics.items] };
}

/** adaptTexts for one YAML/JSON text in `m.yaml`. */
export function adaptText(text: string, file = 'm.yaml'): { model: Model; diagnostics: Diagnostic[] } {
  return adaptTexts([[file, text]]);
}

/** `code@line:column` of each diagnostic with severity error or warning, sorted (for table assertions). */
export function codesAt(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => `${d.code}@${d.origin?.line ?? 0}:${d.origin?.column ?? 0}`)
    .sort();
}
