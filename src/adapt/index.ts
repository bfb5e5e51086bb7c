// adapt/: documents → one model. Dispatches each document to the adapter of its artefact family, then links.
import { DiagnosticSink } from '../model/diagnostic.js';
import { ModelBuilder, type Model } from '../model/model.js';
import type { SourceDocument } from '../load/document.js';
import { recognizeValue, type DocumentKind } from '../load/recognize.js';
import { adaptArmTemplate } from './arm/index.js';
import { adaptAzJson } from './azcli/json.js';
import { adaptAzScript } from './azcli/script.js';
import type { AdaptContext, Adapter } from './context.js';
import { adaptKubernetes } from './k8s/index.js';
import { linkModel } from './link.js';
import { adaptNative } from './native/index.js';
import { adaptTerraformPlan } from './terraform/index.js';

export type { AdaptContext, Adapter } from './context.js';

/** Which adapter reads which kind of document. */
const ADAPTERS: Readonly<Record<Exclude<DocumentKind, 'unknown'>, Adapter>> = {
  'arm-template': adaptArmTemplate,
  'terraform-plan': adaptTerraformPlan,
  'az-aks-cluster': adaptAzJson,
  'az-nodepool': adaptAzJson,
  'az-vnet': adaptAzJson,
  'az-subnet': adaptAzJson,
  'az-nsg': adaptAzJson,
  'az-route-table': adaptAzJson,
  'az-script': adaptAzScript,
  kubernetes: adaptKubernetes,
  native: adaptNative,
};

/** The kind of a whole document: shell scripts by format, arrays by their first recognisable element. */
export function documentKind(doc: SourceDocument): DocumentKind {
  if (doc.format === 'shell') return 'az-script';
  if (Array.isArray(doc.value)) {
    for (const item of doc.value) {
      const k = recognizeValue(item);
      if (k !== 'unknown') return k;
    }
    return 'unknown';
  }
  return recognizeValue(doc.value);
}

/** Adapts all documents into one model; problems go to `diagnostics`, unrecognised documents to `skipped`. */
export function adaptDocuments(docs: readonly SourceDocument[], diagnostics = new DiagnosticSink()): {
  model: Model;
  diagnostics: DiagnosticSink;
  skipped: AdaptContext['skipped'];
} {
  const ctx: AdaptContext = { builder: new ModelBuilder(), diagnostics, skipped: [] };
  for (const doc of docs) {
    const kind = documentKind(doc);
    if (kind === 'unknown') {
      const p = doc.position([]);
      ctx.skipped.push({ file: doc.file, line: p.line, reason: 'not a recognised artefact (az JSON, ARM, Terraform plan, az script, Kubernetes or aksnet/v1)' });
      continue;
    }
    try {
      ADAPTERS[kind](doc, ctx);
    } catch (e) {
      // An adapter bug must not take the rest of the input down: report it as an internal error at the document.
      const p = doc.position([]);
      diagnostics.error('AKS1999', `internal error while reading this ${kind} document: ${(e as Error).message}`,
        { file: doc.file, line: p.line, column: p.column }, 'please report this with the input file');
    }
  }
  linkModel(ctx);
  return { model: ctx.builder.build(), diagnostics, skipped: ctx.skipped };
}
