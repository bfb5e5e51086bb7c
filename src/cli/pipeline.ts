// The load → adapt pipeline every command runs first.
import { adaptDocuments, documentKind } from '../adapt/index.js';
import { K8S_CODES } from '../adapt/k8s/codes.js';
import { LOAD_CODES } from '../load/codes.js';
import type { SourceDocument } from '../load/document.js';
import { readInputs } from '../load/files.js';
import { parseFiles } from '../load/parse.js';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic.js';
import type { Model } from '../model/model.js';
import { UsageError } from './output.js';

/** The model and everything said about the input while reading it. */
export interface LoadedInput {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
  /** Files and documents not read, with the reason (for --verbose). */
  readonly skipped: readonly string[];
  /** Number of files read. */
  readonly fileCount: number;
}

/** How strictly loadModel treats documents it does not recognise. */
export interface LoadOptions {
  /**
   * True for the Kubernetes questions (matrix, can), whose input is manifests: unrecognised documents are reported
   * (see loadManifests) and the objects the model ignores are listed in `skipped` too. Absent/false = unrecognised
   * documents are only listed in `skipped`.
   */
  readonly manifests?: boolean;
  /**
   * `--cluster` values: `name` (every Service of the input runs in cluster `name`) or `namespace=name` (the Services
   * of that namespace do; wins over a bare name). Absent/empty = each Service's cluster is derived (where its pods
   * run, else the only cluster, else the first with an AKS4206 note). A malformed value or an unknown cluster name is
   * a UsageError.
   */
  readonly cluster?: readonly string[];
}

/** The --cluster option as commands declare it: repeatable, collected into a list. */
export const CLUSTER_OPTION = {
  flags: '--cluster <[namespace=]name>',
  description: 'the cluster that runs the Services of the input (repeatable; namespace=name for one namespace); '
    + 'default: the cluster whose nodes run the pods a Service selects, else the only cluster, else the first (with a note)',
  collect: (v: string, prev: string[]): string[] => [...prev, v],
} as const;

/**
 * Writes the --cluster values into the model's Services (Service.cluster). Throws UsageError for a value that is not
 * `name` / `namespace=name` or names no cluster of the model.
 */
export function applyClusterOption(model: Model, values: readonly string[]): Model {
  if (values.length === 0) return model;
  let all: string | undefined;
  const perNs = new Map<string, string>();
  const names = model.clusters.map((c) => c.name);
  for (const v of values) {
    const m = /^(?:([^=\s]+)=)?([^=\s]+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--cluster ${JSON.stringify(v)}: write a cluster name, or namespace=name`);
    const name = m[2] as string;
    if (!names.includes(name)) {
      throw new UsageError(`--cluster ${v}: the input has no cluster ${name} (clusters: ${names.join(', ') || 'none'})`);
    }
    if (m[1] !== undefined) perNs.set(m[1], name);
    else all = name;
  }
  return {
    ...model,
    services: model.services.map((svc) => {
      const c = perNs.get(svc.namespace) ?? all;
      return c === undefined ? svc : { ...svc, cluster: c };
    }),
  };
}

/** Reads, parses and adapts the given paths. Never throws for bad input. */
export function loadModel(paths: readonly string[], options: LoadOptions = {}): LoadedInput {
  const sink = new DiagnosticSink();
  const read = readInputs(paths);
  read.diagnostics.forEach((d) => sink.report(d));
  const parsed = parseFiles(read.files);
  parsed.diagnostics.forEach((d) => sink.report(d));
  if (options.manifests) unrecognisedDocuments(parsed.docs).forEach((d) => sink.report(d));
  const adapted = adaptDocuments(parsed.docs, sink);
  const model = applyClusterOption(adapted.model, options.cluster ?? []);
  const skipped = [
    ...read.skipped.map((f) => `${f}: not an input file type (.json .yaml .yml .sh .bash .azcli)`),
    ...adapted.skipped.map((s) => `${s.file}:${s.line}: ${s.reason}`),
    ...(options.manifests
      ? adapted.model.ignored.map((i) => `${i.origin ? `${i.origin.file}:${i.origin.line}` : '-'}: ${i.kind} ${i.name}: ${i.reason}`)
      : []),
  ];
  return { model, diagnostics: sink.items, skipped, fileCount: read.files.length };
}

/**
 * loadModel for the Kubernetes questions (matrix, can): the same pipeline, but documents that are no artefact aksnet
 * reads (not Kubernetes, Azure, Terraform or aksnet/v1) are not skipped silently: one inside a file that also holds
 * recognised documents is an error (AKS1317: most likely a broken manifest), a file with none is a warning
 * (AKS1318: a stray file such as a saved output, skipped). Empty documents are fine.
 */
export function loadManifests(paths: readonly string[]): LoadedInput {
  return loadModel(paths, { manifests: true });
}

/** The AKS1317 / AKS1318 diagnostics of loadManifests for `docs`, in document order. */
function unrecognisedDocuments(docs: readonly SourceDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const recognisedFiles = new Set(docs.filter((d) => documentKind(d) !== 'unknown').map((d) => d.file));
  const warnedFiles = new Set<string>();
  for (const doc of docs) {
    if (doc.value === null || doc.value === undefined || documentKind(doc) !== 'unknown') continue;
    const p = doc.position([]);
    const origin = { file: doc.file, line: p.line, column: p.column };
    if (recognisedFiles.has(doc.file)) {
      out.push({
        code: K8S_CODES.NOT_A_MANIFEST, severity: 'error', origin,
        message: `document ${doc.index + 1} of this file is not a Kubernetes object (no apiVersion and kind), unlike the other documents in it`,
        hint: 'fix or remove the document (--keep-going analyses the rest)',
      });
    } else if (!warnedFiles.has(doc.file)) {
      warnedFiles.add(doc.file);
      out.push({
        code: K8S_CODES.NOT_A_MANIFEST_FILE, severity: 'warning', origin,
        message: 'this file holds no Kubernetes object (nor another artefact aksnet reads); it is skipped',
        hint: 'pass only manifest files to silence this',
      });
    }
  }
  return out;
}

/** The error for paths that held no input file at all (LOAD_CODES.NO_INPUT_FILES); `hint` says what to pass. */
export function noInputFiles(paths: readonly string[], hint: string): Diagnostic {
  return { code: LOAD_CODES.NO_INPUT_FILES, severity: 'error', message: `no input files found in ${paths.join(', ')}`, hint };
}
