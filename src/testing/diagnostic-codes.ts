// The registry of diagnostic codes, read from the source text of the code tables (`export const X_CODES = { /** meaning */
// NAME: code, ... } as const`) and the check rules, so the meanings written next to the codes are the only copy.
// docs/diagnostics.md is generated from it; its test fails when the page is stale, a code has two meanings, or a code
// is written as a string literal outside a table. Pure text functions: the test reads the files.

/** One code of a code table. */
export interface CodeEntry {
  /** The code, `AKS` and four digits. */
  readonly code: string;
  /** The table key (`INVALID_CIDR`). */
  readonly name: string;
  /** The table's name (`AZ_CODES`). */
  readonly table: string;
  /** The table's file relative to the repository root (`src/adapt/aks/codes.ts`). */
  readonly file: string;
  /** The doc comment above the key, on one line; empty when the key has none. */
  readonly meaning: string;
}

/** A check rule as the registry lists it (its code is its id). */
export interface RuleCode {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly severity: string;
}

/** A code written as a string literal outside a table: where, and which code. */
export interface CodeLiteral {
  readonly code: string;
  /** 1-based line of the literal. */
  readonly line: number;
}

/** A code table found in a source text: its name, its entries and the character range of its body. */
export interface CodeTable {
  readonly table: string;
  readonly entries: readonly CodeEntry[];
  /** Offsets of the body `{ ... }` in the text (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
}

const TABLE = /export const ([A-Z][A-Z0-9_]*_CODES)\s*=\s*\{([\s\S]*?)\n\}\s*as const;/g;
const ENTRY = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?([A-Z][A-Z0-9_]*):\s*'(AKS\d{4})'/g;
const LITERAL = /['"`](AKS\d{4})['"`]/g;

/** The text of a `/** ... *\/` comment body on one line (leading `*` and runs of white space collapsed). */
function oneLine(comment: string): string {
  return comment.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).filter(Boolean).join(' ').trim();
}

/** The code tables of one source text (`file` is recorded in each entry). Never throws; no tables → []. */
export function parseCodeTables(file: string, text: string): CodeTable[] {
  const out: CodeTable[] = [];
  for (const m of text.matchAll(TABLE)) {
    const table = m[1] ?? '';
    const body = m[2] ?? '';
    const start = (m.index ?? 0) + m[0].indexOf('{');
    const entries: CodeEntry[] = [];
    for (const e of body.matchAll(ENTRY)) {
      entries.push({ code: e[3] ?? '', name: e[2] ?? '', table, file, meaning: oneLine(e[1] ?? '') });
    }
    out.push({ table, entries, start, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/**
 * Codes written as quoted literals in `text` outside its code tables, except a check rule's own `id: 'AKS…'` line
 * (`ruleFile` true for files of questions/check/rules). Never throws.
 */
export function codeLiterals(text: string, ruleFile: boolean): CodeLiteral[] {
  const tables = parseCodeTables('', text);
  const out: CodeLiteral[] = [];
  for (const m of text.matchAll(LITERAL)) {
    const at = m.index ?? 0;
    if (tables.some((t) => at >= t.start && at < t.end)) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    if (ruleFile && /^\s*id:\s*'AKS\d{4}',?\s*$/.test(line)) continue;
    out.push({ code: m[1] ?? '', line: text.slice(0, at).split('\n').length });
  }
  return out;
}

/** Codes defined more than once (in two tables, twice in one, or as a table entry and a rule id), one line each. */
export function codeCollisions(entries: readonly CodeEntry[], rules: readonly RuleCode[]): string[] {
  const where = new Map<string, string[]>();
  const add = (code: string, what: string): void => {
    where.set(code, [...(where.get(code) ?? []), what]);
  };
  for (const e of entries) add(e.code, `${e.table}.${e.name} (${e.file})`);
  for (const r of rules) add(r.id, `check rule ${r.slug}`);
  return [...where.entries()].filter(([, w]) => w.length > 1).map(([code, w]) => `${code}: ${w.join(', ')}`).sort();
}

/** The area of a table file: its folder under src/ (`adapt/aks`, `load`, `engines/policy`). */
export function areaOf(file: string): string {
  const parts = file.replace(/^src\//, '').split('/');
  return parts.slice(0, -1).join('/');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The ranges aksnet's codes are numbered in (the doc's first table). */
const RANGES: readonly (readonly [string, string])[] = [
  ['AKS10xx', 'loading: unreadable paths, syntax errors (load/)'],
  ['AKS11xx', 'Azure inputs: fields, references, ARM templates, az JSON (adapt/aks, adapt/arm, adapt/azcli)'],
  ['AKS12xx', 'native aksnet/v1, az scripts, Terraform plans (adapt/native, adapt/azcli/script, adapt/terraform)'],
  ['AKS13xx', 'Kubernetes manifests (adapt/k8s)'],
  ['AKS199x', 'an adapter failed internally (a bug in aksnet)'],
  ['AKS20xx–24xx', 'check rules on the address design, capacity, limits, outbound, load balancers and NSGs'],
  ['AKS29xx', 'address-plan problems found while deriving (pod IPAM)'],
  ['AKS30xx', 'check rules on policy engines and dataplanes'],
  ['AKS31xx–32xx', 'policy input (NetworkPolicy, ANP/BANP/CNP, Calico, Cilium) and the engine choice'],
  ['AKS36xx–37xx', 'matrix, compile and migrate'],
  ['AKS40xx–42xx', 'packet path: NSG and route entries, Service derivation'],
  ['AKS48xx', 'the network-namespace lab'],
  ['AKS50xx', 'check rules on retirements'],
];

/** The page docs/diagnostics.md: every code with its meaning and area, check rules linking to their pages. */
export function renderDiagnosticsDoc(entries: readonly CodeEntry[], rules: readonly RuleCode[]): string {
  const rows = [
    ...entries.map((e) => ({
      code: e.code, name: `\`${e.table}.${e.name}\``, area: areaOf(e.file), meaning: e.meaning === '' ? '(no meaning written)' : e.meaning,
    })),
    ...rules.map((r) => ({
      code: r.id, name: `rule [${r.slug}](rules/${r.id}-${r.slug}.md)`, area: 'questions/check', meaning: `${r.title} (at most ${r.severity}).`,
    })),
  ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    '# Diagnostic codes',
    '',
    '<!-- Generated from the code tables (`export const *_CODES` in src/) and the check rules; regenerate with `npm test -- --update`. -->',
    '',
    'Every diagnostic aksnet prints has a stable code: `file:line:col: severity CODE message`, or a SARIF result.',
    'A code is defined once, in the code table of its area (or as a check rule id), with its meaning written next to',
    'it; this page lists them all. Codes are never renumbered or reused; a removed code leaves a gap.',
    '',
    '## Ranges',
    '',
    '| Range | What |',
    '|---|---|',
    ...RANGES.map(([r, w]) => `| ${r} | ${w} |`),
    '',
    '## Codes',
    '',
    '| Code | Name | Area | Meaning |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.code} | ${cell(r.name)} | ${cell(r.area)} | ${cell(r.meaning)} |`),
    '',
  ].join('\n');
}
