// PLACEHOLDER: being written; reports that this artefact kind is not read yet.
import type { SourceDocument } from '../../load/document.js';
import type { AdaptContext } from '../context.js';

export function adaptArmTemplate(doc: SourceDocument, ctx: AdaptContext): void {
  const p = doc.position([]);
  ctx.diagnostics.warning('AKS1098', 'this artefact kind is not read yet', { file: doc.file, line: p.line, column: p.column });
}

/** Evaluates the ARM templates read so far (called by linkAzure, once every parameters file is known). */
export function flushArmTemplates(ctx: AdaptContext): void {
  void ctx;
}
