// adapt/: documents → one model. Dispatches each document to the adapter of its artefact family, then links.
import { DiagnosticSink } from '../model/diagnostic.js';
import { ADAPT_CODES } from './codes.js';
import { ModelBuilder, type Model } from '../model/model.js';
import type { SourceDocument } from '../load/document.js';
import { recognizeValue, type DocumentKind } from '../load/recognize.js';
import { adaptArmTemplate } from './arm/index.js';
import { adaptAzJson } from './azcli/json.js';
import { azNetworkKind } from './aks/network-interfaces.js';
import { adaptAzScript } from './azcli/script.js';
import { CALICO_GROUPS, linkCalico, readCalicoObject } from './calico/index.js';
import { CILIUM_GROUP, readCiliumObject } from './cilium/index.js';
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
  kubernetes: adaptKubernetesFamily,
  native: adaptNative,
};

/** Which policy-CRD adapter reads objects of an apiVersion ('' = the Kubernetes adapter). */
function crdFamily(apiVersion: unknown): 'calico' | 'cilium' | '' {
  if (typeof apiVersion !== 'string') return '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (CALICO_GROUPS.includes(group)) return 'calico';
  if (group === CILIUM_GROUP) return 'cilium';
  return '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Kubernetes-shaped documents: Calico (projectcalico.org, crd.projectcalico.org) and Cilium (cilium.io) objects go to
 * their own adapters, everything else to the Kubernetes adapter. Lists may mix them: the Kubernetes adapter then sees
 * the list with the CRD items blanked (null items are skipped), so positions stay those of the file.
 */
function adaptKubernetesFamily(doc: SourceDocument, ctx: AdaptContext): void {
  const v = doc.value;
  const visit = (item: unknown, path: (string | number)[], inherit?: { kind: unknown; apiVersion: unknown }): boolean => {
    if (!isRecord(item)) return false;
    const kind = item.kind ?? inherit?.kind;
    const apiVersion = item.apiVersion ?? inherit?.apiVersion;
    const fam = crdFamily(apiVersion);
    if (fam === '' || typeof kind !== 'string' || typeof apiVersion !== 'string') return false;
    if (fam === 'calico') readCalicoObject(doc, ctx, path, kind, apiVersion);
    else readCiliumObject(doc, ctx, path, kind, apiVersion);
    return true;
  };
  const listOf = (obj: Record<string, unknown>): { items: unknown[]; inherit?: { kind: unknown; apiVersion: unknown } } | undefined => {
    if (typeof obj.kind !== 'string' || !Array.isArray(obj.items) || !(obj.kind === 'List' || obj.kind.endsWith('List'))) return undefined;
    return { items: obj.items, inherit: obj.kind !== 'List' ? { kind: obj.kind.slice(0, -'List'.length), apiVersion: obj.apiVersion } : undefined };
  };
  if (Array.isArray(v)) {
    const taken = v.map((item, i) => visit(item, [i]));
    if (!taken.some(Boolean)) return adaptKubernetes(doc, ctx);
    if (taken.every(Boolean)) return;
    return adaptKubernetes({ ...doc, value: v.map((item, i) => (taken[i] ? null : item)) }, ctx);
  }
  if (!isRecord(v)) return adaptKubernetes(doc, ctx);
  const list = listOf(v);
  if (list) {
    const taken = list.items.map((item, i) => visit(item, ['items', i], list.inherit));
    if (!taken.some(Boolean)) return adaptKubernetes(doc, ctx);
    if (taken.every(Boolean)) return;
    return adaptKubernetes({ ...doc, value: { ...v, items: list.items.map((item, i) => (taken[i] ? null : item)) } }, ctx);
  }
  if (!visit(v, [])) adaptKubernetes(doc, ctx);
}

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
    // NICs, ASGs and public IPs (az network nic|asg|public-ip show/list) are recognised by the Azure adapter itself.
    const azNetwork = kind === 'unknown' &&
      (Array.isArray(doc.value) ? doc.value.some((v) => azNetworkKind(v) !== undefined) : azNetworkKind(doc.value) !== undefined);
    if (kind === 'unknown' && !azNetwork) {
      const p = doc.position([]);
      ctx.skipped.push({ file: doc.file, line: p.line, reason: 'not a recognised artefact (az JSON, ARM, Terraform plan, az script, Kubernetes or aksnet/v1)' });
      continue;
    }
    try {
      if (kind === 'unknown') adaptAzJson(doc, ctx);
      else ADAPTERS[kind](doc, ctx);
    } catch (e) {
      // An adapter bug must not take the rest of the input down: report it as an internal error at the document.
      const p = doc.position([]);
      diagnostics.error(ADAPT_CODES.INTERNAL_ERROR, `internal error while reading this ${kind} document: ${(e as Error).message}`,
        { file: doc.file, line: p.line, column: p.column }, 'please report this with the input file');
    }
  }
  linkModel(ctx);
  linkCalico(ctx);
  return { model: ctx.builder.build(), diagnostics, skipped: ctx.skipped };
}
