// What every adapter gets: the model being built and the diagnostic sink.
import type { DiagnosticSink } from '../model/diagnostic.js';
import type { ModelBuilder } from '../model/model.js';
import type { SourceDocument } from '../load/document.js';

/** Shared state of one adapt run. `skipped` lists documents no adapter took (printed by --verbose). */
export interface AdaptContext {
  readonly builder: ModelBuilder;
  readonly diagnostics: DiagnosticSink;
  readonly skipped: { file: string; line: number; reason: string }[];
}

/** An adapter reads one recognised document into the builder, reporting what it could not understand. */
export type Adapter = (doc: SourceDocument, ctx: AdaptContext) => void;
