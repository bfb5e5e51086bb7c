// One ARM deployment template evaluated offline: parameters (parameters file > defaultValue), variables (lazy, with
// cycle detection), resources (top-level and nested children, `condition`, `copy` reported), then every resource
// aksnet models is handed to the shared ARM-shape converter with origins pointing into the template.
import { originAt, type DocPath, type SourceDocument } from '../../load/document.js';
import type { Origin } from '../../model/origin.js';
import { SYNTHETIC_RESOURCE_GROUP, type ConvertOptions } from '../aks/arm-shape.js';
import { AZ_CODES } from '../aks/codes.js';
import {
  convertAgentPool, convertManagedCluster, convertNsg, convertRouteTable, convertSubnet, convertVNet,
} from '../aks/convert.js';
import { convertAsg, convertNic, convertPublicIp } from '../aks/network-interfaces.js';
import type { At } from '../aks/fields.js';
import type { AdaptContext } from '../context.js';
import { classifyTemplateString } from './expression.js';
import { evaluate, UNKNOWN, type ArmValue, type EvalEnv } from './evaluate.js';
import { ADAPT_CODES } from '../codes.js';

/** Values given by a parameters file: lower-cased name → the value and its path in that file. */
export interface ParameterValues {
  readonly doc: SourceDocument;
  readonly values: ReadonlyMap<string, { readonly name: string; readonly value: unknown; readonly path: DocPath; readonly reference: boolean }>;
}

type Json = Record<string, unknown>;
function isJson(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function keyOf(o: Json, name: string): string | undefined {
  return Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
}

/** Top-level resource keys that are not evaluated (ordering, loops, children are handled separately). */
const SKIPPED_RESOURCE_KEYS = new Set(['dependson', 'resources', 'copy', 'condition', 'comments']);

/** An evaluated resource with its full type, full name (`parent/child`) and path in the template. */
interface EvaluatedResource {
  readonly type: string;
  readonly fullName: string;
  readonly apiVersion?: string;
  readonly value: Json;
  readonly path: DocPath;
}

/** Evaluates a template document and converts its resources into `ctx.builder`. */
export function evaluateTemplate(doc: SourceDocument, ctx: AdaptContext, params: ParameterValues | undefined): void {
  const root = doc.value;
  if (!isJson(root)) return;
  const ev = new TemplateEvaluator(doc, ctx, root, params);
  ev.checkParameterFile();
  const resources: EvaluatedResource[] = [];
  const rk = keyOf(root, 'resources');
  const list = rk === undefined ? [] : root[rk];
  if (rk !== undefined && !Array.isArray(list)) {
    ctx.diagnostics.error(AZ_CODES.ARM_BAD_RESOURCE, 'the template\'s "resources" must be an array', originAt(doc, [rk]));
  } else if (Array.isArray(list)) {
    list.forEach((r, i) => ev.collect(r, [rk!, i], undefined, resources));
  }
  convertResources(doc, ctx, resources);
}

class TemplateEvaluator {
  private readonly paramCache = new Map<string, ArmValue>();
  private readonly varCache = new Map<string, ArmValue>();
  private readonly inProgress = new Set<string>();
  private readonly paramDecls: Json;
  private readonly paramsKey: string | undefined;
  private readonly vars: Json;
  private readonly varsKey: string | undefined;

  constructor(
    private readonly doc: SourceDocument,
    private readonly ctx: AdaptContext,
    root: Json,
    private readonly params: ParameterValues | undefined,
  ) {
    this.paramsKey = keyOf(root, 'parameters');
    const p = this.paramsKey === undefined ? undefined : root[this.paramsKey];
    this.paramDecls = isJson(p) ? p : {};
    this.varsKey = keyOf(root, 'variables');
    const v = this.varsKey === undefined ? undefined : root[this.varsKey];
    this.vars = isJson(v) ? v : {};
  }

  /** Warns about values in the parameters file that the template does not declare. */
  checkParameterFile(): void {
    if (!this.params) return;
    for (const [lower, given] of this.params.values) {
      if (keyOf(this.paramDecls, lower) === undefined) {
        this.ctx.diagnostics.warning(AZ_CODES.ARM_UNKNOWN_PARAMETER, `parameter ${given.name} is not declared by template ${this.doc.file}; ignored`,
          originAt(this.params.doc, given.path), 'remove it from the parameters file or check its spelling');
      }
    }
  }

  private origin(path: DocPath): Origin {
    return originAt(this.doc, path);
  }

  private envAt(path: DocPath): EvalEnv {
    return {
      parameter: (name) => this.parameter(name, path),
      variable: (name) => this.variable(name, path),
      report: (code, severity, message, hint) => {
        this.ctx.diagnostics.report({ code, severity, message, origin: this.origin(path), hint });
      },
    };
  }

  parameter(name: string, usedAt: DocPath): ArmValue {
    const lower = name.toLowerCase();
    const cached = this.paramCache.get(lower);
    if (cached !== undefined) return cached;
    const key = keyOf(this.paramDecls, name);
    if (key === undefined) {
      this.ctx.diagnostics.error(AZ_CODES.ARM_UNKNOWN_PARAMETER, `parameter ${name} is not declared in the template`, this.origin(usedAt),
        'declare it under "parameters" or fix the name');
      return UNKNOWN;
    }
    if (this.inProgress.has(`p:${lower}`)) {
      this.ctx.diagnostics.error(AZ_CODES.ARM_UNKNOWN_PARAMETER, `parameter ${name} refers to itself`, this.origin(usedAt));
      return UNKNOWN;
    }
    this.inProgress.add(`p:${lower}`);
    let value: ArmValue = UNKNOWN;
    const given = this.params?.values.get(lower);
    const decl = this.paramDecls[key];
    const declPath: DocPath = [this.paramsKey!, key];
    if (given) {
      if (given.reference) {
        this.ctx.diagnostics.warning(AZ_CODES.ARM_UNSUPPORTED_FUNCTION, `parameter ${name} is a Key Vault reference; its value is unknown offline`,
          originAt(this.params!.doc, given.path), 'give a literal value in the parameters file for the analysis');
      } else value = toArm(given.value);
    } else {
      const dk = isJson(decl) ? keyOf(decl, 'defaultValue') : undefined;
      if (dk !== undefined && isJson(decl)) value = this.deepEval(decl[dk], [...declPath, dk]);
      else {
        this.ctx.diagnostics.error(AZ_CODES.ARM_UNKNOWN_PARAMETER, `parameter ${name} has no defaultValue and no parameters file gives it a value`,
          this.origin(declPath), 'add the deployment\'s parameters file (…parameters.json) to the input, or a defaultValue');
      }
    }
    this.inProgress.delete(`p:${lower}`);
    this.paramCache.set(lower, value);
    return value;
  }

  variable(name: string, usedAt: DocPath): ArmValue {
    const lower = name.toLowerCase();
    const cached = this.varCache.get(lower);
    if (cached !== undefined) return cached;
    const key = keyOf(this.vars, name);
    if (key === undefined) {
      this.ctx.diagnostics.error(AZ_CODES.ARM_UNKNOWN_VARIABLE, `variable ${name} is not defined in the template`, this.origin(usedAt),
        'define it under "variables" or fix the name');
      return UNKNOWN;
    }
    if (this.inProgress.has(`v:${lower}`)) {
      this.ctx.diagnostics.error(AZ_CODES.ARM_UNKNOWN_VARIABLE, `variable ${name} refers to itself (directly or through other variables)`,
        this.origin(usedAt), 'break the cycle between the variables');
      return UNKNOWN;
    }
    this.inProgress.add(`v:${lower}`);
    const value = key.toLowerCase() === 'copy'
      ? this.unsupportedCopy([this.varsKey!, key])
      : this.deepEval(this.vars[key], [this.varsKey!, key]);
    this.inProgress.delete(`v:${lower}`);
    this.varCache.set(lower, value);
    return value;
  }

  private unsupportedCopy(path: DocPath): ArmValue {
    this.ctx.diagnostics.warning(AZ_CODES.ARM_COPY_UNSUPPORTED, 'copy loops are not expanded', this.origin(path),
      'write the copies out, or give the az output of the deployed resources');
    return UNKNOWN;
  }

  /** Evaluates every expression string inside a JSON value. */
  deepEval(v: unknown, path: DocPath): ArmValue {
    if (typeof v === 'string') {
      const c = classifyTemplateString(v);
      switch (c.kind) {
        case 'literal':
          return c.value;
        case 'error':
          this.ctx.diagnostics.error(AZ_CODES.ARM_SYNTAX, `invalid template expression: ${c.message} (at character ${c.offset + 2} of ${JSON.stringify(v.length > 80 ? v.slice(0, 77) + '...' : v)})`,
            this.origin(path), 'ARM expressions look like [concat(parameters(\'a\'), \'-x\')]; start a literal with [[ to escape [');
          return UNKNOWN;
        case 'expression':
          return evaluate(c.expr, this.envAt(path));
        default: {
          const never: never = c;
          return never;
        }
      }
    }
    if (Array.isArray(v)) return v.map((x, i) => this.deepEval(x, [...path, i]));
    if (isJson(v)) {
      const out: Record<string, ArmValue> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.deepEval(x, [...path, k]);
      return out;
    }
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
    return UNKNOWN;
  }

  /** Evaluates one resource (and its nested children) into `out`. */
  collect(r: unknown, path: DocPath, parent: { type: string; name: string } | undefined, out: EvaluatedResource[]): void {
    if (!isJson(r)) {
      this.ctx.diagnostics.error(AZ_CODES.ARM_BAD_RESOURCE, 'each resource must be an object', this.origin(path));
      return;
    }
    const ck = keyOf(r, 'condition');
    if (ck !== undefined) {
      const cond = this.deepEval(r[ck], [...path, ck]);
      if (cond === false) {
        const n = this.deepEval(r[keyOf(r, 'name') ?? 'name'], [...path, 'name']);
        const t = this.deepEval(r[keyOf(r, 'type') ?? 'type'], [...path, 'type']);
        this.ctx.builder.ignored.push({ kind: typeof t === 'string' ? t : 'resource', name: typeof n === 'string' ? n : '',
          reason: 'condition is false: not deployed', origin: this.origin(path) });
        return;
      }
    }
    const copyKey = keyOf(r, 'copy');
    if (copyKey !== undefined) this.unsupportedCopy([...path, copyKey]);
    const typeV = this.deepEval(r[keyOf(r, 'type') ?? 'type'], [...path, keyOf(r, 'type') ?? 'type']);
    const nameV = this.deepEval(r[keyOf(r, 'name') ?? 'name'], [...path, keyOf(r, 'name') ?? 'name']);
    if (typeof typeV !== 'string' || typeof nameV !== 'string') {
      this.ctx.diagnostics.error(AZ_CODES.ARM_BAD_RESOURCE, 'resource without a known "type" and "name" is skipped', this.origin(path),
        'every resource needs "type" and "name" (strings or expressions aksnet can evaluate)');
      return;
    }
    let type = typeV;
    let fullName = nameV;
    if (parent && !typeV.includes('.')) {
      type = `${parent.type}/${typeV}`;
      const depth = type.split('/').length - 1;
      if (nameV.split('/').length < depth) fullName = `${parent.name}/${nameV}`;
    }
    const apiV = this.deepEval(r[keyOf(r, 'apiVersion') ?? 'apiVersion'], [...path, 'apiVersion']);
    const value: Record<string, ArmValue> = {};
    for (const [k, x] of Object.entries(r)) {
      if (SKIPPED_RESOURCE_KEYS.has(k.toLowerCase())) continue;
      value[k] = this.deepEval(x, [...path, k]);
    }
    out.push({ type, fullName, apiVersion: typeof apiV === 'string' ? apiV : undefined, value: toJson(value) as Json, path });
    const childKey = keyOf(r, 'resources');
    const children = childKey === undefined ? undefined : r[childKey];
    if (Array.isArray(children)) children.forEach((c, i) => this.collect(c, [...path, childKey!, i], { type, name: fullName }, out));
  }
}

/** Parameters-file values are plain JSON. */
function toArm(v: unknown): ArmValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.map(toArm);
  if (isJson(v)) {
    const out: Record<string, ArmValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toArm(x);
    return out;
  }
  return UNKNOWN;
}

/** Unknown values become null (absent) for the converter; the evaluator has already reported why. */
function toJson(v: ArmValue): unknown {
  if (v === UNKNOWN) return null;
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Record<string, ArmValue>)) out[k] = toJson(x);
    return out;
  }
  return v;
}

// ── Converting evaluated resources ──────────────────────────────────────────────────────────────────────────

const T = {
  cluster: 'microsoft.containerservice/managedclusters',
  pool: 'microsoft.containerservice/managedclusters/agentpools',
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
  nsg: 'microsoft.network/networksecuritygroups',
  rule: 'microsoft.network/networksecuritygroups/securityrules',
  rt: 'microsoft.network/routetables',
  route: 'microsoft.network/routetables/routes',
  nic: 'microsoft.network/networkinterfaces',
  asg: 'microsoft.network/applicationsecuritygroups',
  pip: 'microsoft.network/publicipaddresses',
} as const;

function lastSegment(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1] ?? name;
}

/**
 * An `at` for a resource whose array `arrayKey` (under properties) gets extra elements from child resources:
 * paths into those elements map to the child resource's own place in the template.
 */
function compositeAt(doc: SourceDocument, base: DocPath, arrayKey: string, embedded: number, children: readonly EvaluatedResource[]): At {
  return (p) => {
    if (p.length >= 3 && p[0] === 'properties' && p[1] === arrayKey && typeof p[2] === 'number' && p[2] >= embedded) {
      const child = children[p[2] - embedded];
      if (child) return originAt(doc, [...child.path, ...p.slice(3)]);
    }
    return originAt(doc, [...base, ...p]);
  };
}

/** Adds child resources (NSG rules, routes) into their parent's properties array for the converter. */
function withChildren(parent: EvaluatedResource, arrayKey: string, children: readonly EvaluatedResource[]): { value: Json; embedded: number } {
  const props = isJson(parent.value.properties) ? parent.value.properties : {};
  const existing = Array.isArray(props[arrayKey]) ? (props[arrayKey] as unknown[]) : [];
  const extra = children.map((c) => ({ ...c.value, name: lastSegment(c.fullName) }));
  return { value: { ...parent.value, properties: { ...props, [arrayKey]: [...existing, ...extra] } }, embedded: existing.length };
}

function convertResources(doc: SourceDocument, ctx: AdaptContext, resources: readonly EvaluatedResource[]): void {
  const childrenOf = (type: string, parentName: string): EvaluatedResource[] =>
    resources.filter((r) => r.type.toLowerCase() === type && r.fullName.split('/').slice(0, -1).join('/').toLowerCase() === parentName.toLowerCase());
  const parentsOf = (type: string): Set<string> => new Set(resources.filter((r) => r.type.toLowerCase() === type).map((r) => r.fullName.toLowerCase()));
  const nsgNames = parentsOf(T.nsg);
  const rtNames = parentsOf(T.rt);
  for (const r of resources) {
    const opts: ConvertOptions = { source: 'arm', resourceGroup: SYNTHETIC_RESOURCE_GROUP, apiVersion: r.apiVersion };
    const at: At = (p) => originAt(doc, [...r.path, ...p]);
    const named = { ...r.value, name: lastSegment(r.fullName) };
    try {
      switch (r.type.toLowerCase()) {
        case T.cluster:
          convertManagedCluster(named, at, ctx, opts);
          break;
        case T.pool: {
          const clusterName = r.fullName.split('/')[0] ?? '';
          const props = isJson(r.value.properties) ? r.value.properties : {};
          convertAgentPool({ name: lastSegment(r.fullName), properties: props }, at, ctx, { ...opts, clusterName });
          break;
        }
        case T.vnet:
          convertVNet(named, at, ctx, opts);
          break;
        case T.subnet:
          convertSubnet({ ...r.value, name: r.fullName }, at, ctx, opts);
          break;
        case T.nsg: {
          const kids = childrenOf(T.rule, r.fullName);
          const { value, embedded } = withChildren(r, 'securityRules', kids);
          convertNsg({ ...value, name: lastSegment(r.fullName) }, compositeAt(doc, r.path, 'securityRules', embedded, kids), ctx, opts);
          break;
        }
        case T.rt: {
          const kids = childrenOf(T.route, r.fullName);
          const { value, embedded } = withChildren(r, 'routes', kids);
          convertRouteTable({ ...value, name: lastSegment(r.fullName) }, compositeAt(doc, r.path, 'routes', embedded, kids), ctx, opts);
          break;
        }
        case T.nic:
          convertNic(named, at, ctx, opts);
          break;
        case T.asg:
          convertAsg(named, at, ctx, opts);
          break;
        case T.pip:
          convertPublicIp(named, at, ctx, opts);
          break;
        case T.rule:
        case T.route: {
          // Joined to their parent above; a child whose parent is not in this template is reported.
          const parent = r.fullName.split('/').slice(0, -1).join('/').toLowerCase();
          const known = r.type.toLowerCase() === T.rule ? nsgNames : rtNames;
          if (!known.has(parent)) {
            ctx.diagnostics.warning(AZ_CODES.ARM_RESOURCE_IGNORED, `${r.type} ${r.fullName}: its parent is not in this template; ignored`,
              at([]), 'put the parent resource in the same template, or give the az output of the parent');
          }
          break;
        }
        default:
          ctx.builder.ignored.push({ kind: r.type, name: r.fullName, reason: 'resource type not modelled', origin: at([]) });
      }
    } catch (e) {
      ctx.diagnostics.error(ADAPT_CODES.INTERNAL_ERROR, `internal error while reading resource ${r.fullName}: ${(e as Error).message}`, at([]),
        'please report this with the input file');
    }
  }
}
