// PLACEHOLDER: being written; reports that this artefact kind is not read yet.
import type { SourceDocument } from '../../load/document.js';
import type { AdaptContext } from '../context.js';

export function adaptKubernetes(doc: SourceDocument, ctx: AdaptContext): void {
  const p = doc.position([]);
  ctx.diagnostics.warning('AKS1098', 'this artefact kind is not read yet', { file: doc.file, line: p.line, column: p.column });
}
