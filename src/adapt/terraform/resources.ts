// The resources of a `terraform show -json` plan: every planned resource of the root module and its child modules,
// with its position in the plan, its configuration expressions and its after_unknown flags, and reference
// resolution from an attribute to the planned resource it points at.
import type { DocPath, SourceDocument } from '../../load/document.js';
import { getAt, isJsonObject } from '../../load/document.js';

type Obj = Record<string, unknown>;
const isObj: (v: unknown) => v is Obj = isJsonObject;

/** One planned resource. `values` are the planned values (unknown attributes are absent); `path` locates it in the plan. */
export interface PlannedResource {
  /** Full address, e.g. `module.net.azurerm_subnet.nodes[0]`. */
  readonly address: string;
  readonly type: string;
  readonly values: Obj;
  /** Path of `values` inside the plan document. */
  readonly path: DocPath;
  /** Configuration expressions of the resource (from `configuration`), keyed by attribute; empty when absent. */
  readonly expressions: Obj;
  /** `resource_changes[].change.after_unknown` of the resource; empty when absent. */
  readonly afterUnknown: Obj;
  /** Module prefix of the address (`module.net.`), empty for the root module. */
  readonly modulePrefix: string;
}

/** Reads every planned resource of `doc` (root module first, then child modules depth-first). */
export function plannedResources(doc: SourceDocument): { resources: PlannedResource[]; problems: { message: string; path: DocPath }[] } {
  const problems: { message: string; path: DocPath }[] = [];
  const resources: PlannedResource[] = [];
  const root = getAt(doc.value, ['planned_values', 'root_module']);
  if (!isObj(root)) {
    problems.push({ message: 'the plan has no planned_values.root_module (was it made with `terraform show -json <planfile>`?)', path: [] });
    return { resources, problems };
  }
  const changes = new Map<string, Obj>();
  const rc = getAt(doc.value, ['resource_changes']);
  if (Array.isArray(rc)) {
    for (const c of rc) {
      if (isObj(c) && typeof c.address === 'string' && isObj(c.change) && isObj(c.change.after_unknown)) changes.set(c.address, c.change.after_unknown);
    }
  }
  const config = configExpressions(getAt(doc.value, ['configuration', 'root_module']), '');
  const walk = (mod: Obj, path: DocPath, depth: number): void => {
    if (depth > 32) return;
    const list = mod.resources;
    if (Array.isArray(list)) {
      list.forEach((r, i) => {
        if (!isObj(r) || typeof r.address !== 'string' || typeof r.type !== 'string') {
          problems.push({ message: 'a planned resource without address and type is skipped', path: [...path, 'resources', i] });
          return;
        }
        if (r.mode === 'data') return; // data sources describe existing things; their values are read where referenced
        const values = isObj(r.values) ? r.values : {};
        const modulePrefix = moduleOf(r.address);
        resources.push({
          address: r.address, type: r.type, values, path: [...path, 'resources', i, 'values'],
          expressions: config.get(stripIndexes(r.address)) ?? {}, afterUnknown: changes.get(r.address) ?? {}, modulePrefix,
        });
      });
    }
    const kids = mod.child_modules;
    if (Array.isArray(kids)) kids.forEach((k, i) => { if (isObj(k)) walk(k, [...path, 'child_modules', i], depth + 1); });
  };
  walk(root, ['planned_values', 'root_module'], 0);
  return { resources, problems };
}

/** `module.a["x"].module.b.azurerm_subnet.s[0]` → `module.a["x"].module.b.` */
function moduleOf(address: string): string {
  const m = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return m?.[1] ?? '';
}

/** Drops `[0]` / `["key"]` instance keys: configuration addresses have none. */
export function stripIndexes(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** Expressions of every configured resource, keyed by full address without instance keys. */
function configExpressions(mod: unknown, prefix: string, depth = 0, out = new Map<string, Obj>()): Map<string, Obj> {
  if (!isObj(mod) || depth > 32) return out;
  if (Array.isArray(mod.resources)) {
    for (const r of mod.resources) {
      if (isObj(r) && typeof r.address === 'string') out.set(prefix + r.address, isObj(r.expressions) ? r.expressions : {});
    }
  }
  if (isObj(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (isObj(call)) configExpressions(call.module, `${prefix}module.${name}.`, depth + 1, out);
    }
  }
  return out;
}

/** Resolves planned resources by address, with or without instance keys (the first instance wins). */
export class ResourceIndex {
  private readonly byAddress = new Map<string, PlannedResource>();
  private readonly byBase = new Map<string, PlannedResource>();
  constructor(resources: readonly PlannedResource[]) {
    for (const r of resources) {
      this.byAddress.set(r.address, r);
      const base = stripIndexes(r.address);
      if (!this.byBase.has(base)) this.byBase.set(base, r);
    }
  }

  /**
   * The resource an attribute of `r` references in the configuration (`expressions.<attr>.references`, e.g.
   * `["azurerm_subnet.nodes.id", "azurerm_subnet.nodes"]`), searched in `r`'s module; `nested` is the path of a
   * nested block (e.g. `['default_node_pool', 0]`). Undefined when nothing resolves.
   */
  referenced(r: PlannedResource, attr: string, nested: DocPath = []): PlannedResource | undefined {
    return this.referencedAll(r, attr, nested)[0];
  }

  /**
   * Every planned resource an attribute of `r` references (a list attribute such as `application_security_group_ids
   * = [azurerm_application_security_group.a.id, azurerm_application_security_group.b.id]` names several), in the
   * order of the references, each once. Empty when nothing resolves.
   */
  referencedAll(r: PlannedResource, attr: string, nested: DocPath = []): PlannedResource[] {
    let expr: unknown = r.expressions;
    for (const step of nested) expr = isObj(expr) || Array.isArray(expr) ? (expr as Record<string | number, unknown>)[step] : undefined;
    const refs = isObj(expr) && isObj(expr[attr]) && Array.isArray(expr[attr].references) ? expr[attr].references : [];
    const out: PlannedResource[] = [];
    for (const ref of refs) {
      if (typeof ref !== 'string' || ref.startsWith('var.') || ref.startsWith('local.') || ref.startsWith('data.')) continue;
      const full = r.modulePrefix + ref;
      for (const cand of [full, full.replace(/\.id$/, '')]) {
        const hit = this.byAddress.get(cand) ?? this.byBase.get(stripIndexes(cand));
        if (hit) {
          if (!out.includes(hit)) out.push(hit);
          break;
        }
      }
    }
    return out;
  }
}
