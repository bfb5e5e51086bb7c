// ARM deployment templates and their parameters files. Templates are collected while documents are read and
// evaluated in linkAzure (flushArmTemplates), when every parameters file of the input is known, whatever the order.
// A parameters file (`$schema` …deploymentParameters.json) applies to the template `X.json` when it is named
// `X.parameters.json` (or `X.parameters.<anything>.json`); otherwise to the only template of its directory, or to
// the only template of the input.
import { originAt, type SourceDocument } from '../../load/document.js';
import { AZ_CODES } from '../aks/codes.js';
import type { AdaptContext } from '../context.js';
import { evaluateTemplate, type ParameterValues } from './template.js';
import { ADAPT_CODES } from '../codes.js';

interface ArmState {
  readonly templates: SourceDocument[];
  readonly parameterFiles: SourceDocument[];
}
const states = new WeakMap<AdaptContext, ArmState>();
function armState(ctx: AdaptContext): ArmState {
  let s = states.get(ctx);
  if (!s) {
    s = { templates: [], parameterFiles: [] };
    states.set(ctx, s);
  }
  return s;
}

type Json = Record<string, unknown>;
function isJson(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True for a deployment parameters file: its `$schema` names deploymentParameters, or it has only `parameters` with values. */
export function isParametersFile(v: unknown): boolean {
  if (!isJson(v)) return false;
  const schema = typeof v.$schema === 'string' ? v.$schema.toLowerCase() : '';
  if (schema.includes('deploymentparameters')) return true;
  if ('resources' in v || !isJson(v.parameters)) return false;
  const entries = Object.values(v.parameters);
  return entries.length > 0 && entries.every((e) => isJson(e) && ('value' in e || 'reference' in e));
}

/** Reads an ARM template or parameters file: collected now, evaluated by flushArmTemplates. */
export function adaptArmTemplate(doc: SourceDocument, ctx: AdaptContext): void {
  if (isParametersFile(doc.value)) armState(ctx).parameterFiles.push(doc);
  else armState(ctx).templates.push(doc);
}

function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}
function stemOf(file: string): string {
  const base = file.slice(dirOf(file).length).replace(/^[/\\]/, '');
  return base.replace(/\.(json|jsonc)$/i, '').toLowerCase();
}

/** The template each parameters file applies to (by name, then by directory, then the only template). */
export function matchParameterFiles(templates: readonly string[], parameterFiles: readonly string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const p of parameterFiles) {
    const stem = stemOf(p);
    const byName = templates.filter((t) => dirOf(t) === dirOf(p) && (stem === `${stemOf(t)}.parameters` || stem.startsWith(`${stemOf(t)}.parameters.`)));
    const sameDir = templates.filter((t) => dirOf(t) === dirOf(p));
    out.set(p, byName.length === 1 ? byName[0] : sameDir.length === 1 ? sameDir[0] : templates.length === 1 ? templates[0] : undefined);
  }
  return out;
}

function parameterValues(doc: SourceDocument): ParameterValues {
  const values = new Map<string, { name: string; value: unknown; path: (string | number)[]; reference: boolean }>();
  const root = doc.value;
  if (isJson(root) && isJson(root.parameters)) {
    for (const [name, entry] of Object.entries(root.parameters)) {
      if (!isJson(entry)) continue;
      values.set(name.toLowerCase(), { name, value: entry.value, path: ['parameters', name], reference: 'reference' in entry && !('value' in entry) });
    }
  }
  return { doc, values };
}

/** Evaluates every collected template (with its parameters file) into the model; idempotent. */
export function flushArmTemplates(ctx: AdaptContext): void {
  const s = armState(ctx);
  const templates = s.templates.splice(0);
  const paramDocs = s.parameterFiles.splice(0);
  const match = matchParameterFiles(templates.map((t) => t.file), paramDocs.map((p) => p.file));
  const byTemplate = new Map<string, SourceDocument>();
  for (const p of paramDocs) {
    const t = match.get(p.file);
    const pos = originAt(p, []);
    if (t === undefined) {
      ctx.diagnostics.warning(AZ_CODES.ARM_PARAMETERS_UNMATCHED, 'this parameters file matches no template of the input; ignored', pos,
        templates.length === 0 ? 'add the template it belongs to' : 'name it <template>.parameters.json next to its template');
    } else if (byTemplate.has(t)) {
      ctx.diagnostics.warning(AZ_CODES.ARM_PARAMETERS_UNMATCHED, `template ${t} already has parameters file ${byTemplate.get(t)!.file}; this one is ignored`,
        pos, 'give one parameters file per template');
    } else byTemplate.set(t, p);
  }
  for (const t of templates) {
    const p = byTemplate.get(t.file);
    try {
      evaluateTemplate(t, ctx, p ? parameterValues(p) : undefined);
    } catch (e) {
      ctx.diagnostics.error(ADAPT_CODES.INTERNAL_ERROR, `internal error while reading this ARM template: ${(e as Error).message}`, originAt(t, []),
        'please report this with the input file');
    }
  }
}
