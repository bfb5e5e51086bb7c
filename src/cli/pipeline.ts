// The load → adapt pipeline every command runs first.
import { adaptDocuments } from '../adapt/index.js';
import { readInputs } from '../load/files.js';
import { parseFiles } from '../load/parse.js';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic.js';
import type { Model } from '../model/model.js';

/** The model and everything said about the input while reading it. */
export interface LoadedInput {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
  /** Files and documents not read, with the reason (for --verbose). */
  readonly skipped: readonly string[];
  /** Number of files read. */
  readonly fileCount: number;
}

/** Reads, parses and adapts the given paths. Never throws for bad input. */
export function loadModel(paths: readonly string[]): LoadedInput {
  const sink = new DiagnosticSink();
  const read = readInputs(paths);
  read.diagnostics.forEach((d) => sink.report(d));
  const parsed = parseFiles(read.files);
  parsed.diagnostics.forEach((d) => sink.report(d));
  const adapted = adaptDocuments(parsed.docs, sink);
  const skipped = [
    ...read.skipped.map((f) => `${f}: not an input file type (.json .yaml .yml .sh .bash .azcli)`),
    ...adapted.skipped.map((s) => `${s.file}:${s.line}: ${s.reason}`),
  ];
  return { model: adapted.model, diagnostics: sink.items, skipped, fileCount: read.files.length };
}
