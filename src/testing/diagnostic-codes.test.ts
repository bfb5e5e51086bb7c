// The diagnostic code registry: every code defined once with a meaning, no code literals outside the tables (bar the
// allow-list below, with reasons), and docs/diagnostics.md generated from the tables (stale → fails; --update writes).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { RULES } from '../questions/check/rules/index.js';
import {
  codeCollisions, codeLiterals, parseCodeTables, renderDiagnosticsDoc, type CodeEntry, type RuleCode,
} from './diagnostic-codes.js';

const DOC = 'docs/diagnostics.md';
const UPDATE = process.env.AKSNET_UPDATE === '1';

/**
 * Code literals outside a table that are known and not this registry's to change, `file code` → reason. The test
 * fails when one of them disappears, so the list only shrinks.
 */
const LITERAL_ALLOW: Readonly<Record<string, string>> = {
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const FILES = sourceFiles('src').map((file) => ({ file: file.split('\\').join('/'), text: readFileSync(file, 'utf8') }));
const ENTRIES: CodeEntry[] = FILES.flatMap((f) => parseCodeTables(f.file, f.text).flatMap((t) => t.entries));
const RULE_CODES: RuleCode[] = RULES.map((r) => ({ id: r.id, slug: r.slug, title: r.title, severity: r.severity }));

test('code tables are found in every area that reports codes', () => {
  const tables = new Set(ENTRIES.map((e) => e.table));
  for (const t of ['LOAD_CODES', 'ADAPT_CODES', 'AZ_CODES', 'K8S_CODES', 'NATIVE_CODES', 'SCRIPT_CODES', 'TF_CODES',
    'POD_IPAM_CODES', 'MATRIX_CODES', 'MIGRATE_CODES', 'COMPILE_CODES']) {
    assert.ok(tables.has(t), `no entries read from ${t}`);
  }
  assert.ok(RULE_CODES.length > 0);
});

test('every code has exactly one meaning (no code in two tables, twice in a table, or in a table and a rule)', () => {
  assert.deepEqual(codeCollisions(ENTRIES, RULE_CODES), []);
});

test('every table entry states its meaning', () => {
  assert.deepEqual(ENTRIES.filter((e) => e.meaning === '').map((e) => `${e.file} ${e.table}.${e.name}`), []);
  for (const e of ENTRIES) assert.match(e.code, /^AKS\d{4}$/, `${e.table}.${e.name}`);
});

test('codes are spelled through their tables: no literals outside them except the allow-list', () => {
  const defined = new Set([...ENTRIES.map((e) => e.code), ...RULE_CODES.map((r) => r.id)]);
  const found = new Set<string>();
  const unexpected: string[] = [];
  for (const f of FILES) {
    for (const l of codeLiterals(f.text, f.file.startsWith('src/questions/check/rules/'))) {
      const key = `${f.file} ${l.code}`;
      if (key in LITERAL_ALLOW) found.add(key);
      else unexpected.push(`${f.file}:${l.line}: '${l.code}'${defined.has(l.code) ? '' : ' (defined nowhere)'}`);
    }
  }
  assert.deepEqual(unexpected, [], 'use the code table of the area (or add the code to one)');
  assert.deepEqual(Object.keys(LITERAL_ALLOW).filter((k) => !found.has(k)), [], 'allow-list entries that no longer occur: remove them');
});

test(`${DOC} lists every code (generated; npm test -- --update rewrites it)`, () => {
  const want = renderDiagnosticsDoc(ENTRIES, RULE_CODES);
  if (UPDATE) writeFileSync(DOC, want);
  let have = '';
  try {
    have = readFileSync(DOC, 'utf8');
  } catch {
    assert.fail(`missing ${DOC} (run npm test -- --update)`);
  }
  assert.equal(have, want, `${DOC} is out of date (run npm test -- --update)`);
});

test('parseCodeTables reads entries with one-line, multi-line and missing comments', () => {
  const text = [
    '// header',
    'export const X_CODES = {',
    '  /** One line. Error. */',
    "  ONE: 'AKS0001',",
    '  /**',
    '   * Two',
    '   *  lines.',
    '   */',
    "  TWO: 'AKS0002',",
    "  BARE: 'AKS0003',",
    '} as const;',
    "const other = 'AKS0009';",
    'export const NOT_A_TABLE = { A: 1 };',
  ].join('\n');
  const tables = parseCodeTables('f.ts', text);
  assert.equal(tables.length, 1);
  assert.deepEqual(tables[0]?.entries.map((e) => [e.table, e.name, e.code, e.meaning]), [
    ['X_CODES', 'ONE', 'AKS0001', 'One line. Error.'],
    ['X_CODES', 'TWO', 'AKS0002', 'Two lines.'],
    ['X_CODES', 'BARE', 'AKS0003', ''],
  ]);
  assert.deepEqual(codeLiterals(text, false), [{ code: 'AKS0009', line: 12 }]);
});

test('codeLiterals skips a rule file\'s own id line but not other literals in it', () => {
  const text = "export const rule = {\n  id: 'AKS2001',\n  note: 'see AKS2002',\n  other: 'AKS2003',\n};";
  assert.deepEqual(codeLiterals(text, true), [{ code: 'AKS2003', line: 4 }]);
  assert.deepEqual(codeLiterals(text, false), [{ code: 'AKS2001', line: 2 }, { code: 'AKS2003', line: 4 }]);
});

test('codeCollisions names both places of a code', () => {
  const e = (code: string, name: string, table: string): CodeEntry => ({ code, name, table, file: 'f.ts', meaning: 'm' });
  assert.deepEqual(codeCollisions([e('AKS1', 'A', 'T'), e('AKS2', 'B', 'T')], []), []);
  assert.deepEqual(codeCollisions([e('AKS1', 'A', 'T'), e('AKS1', 'B', 'U')], [{ id: 'AKS1', slug: 's', title: 't', severity: 'error' }]),
    ['AKS1: T.A (f.ts), U.B (f.ts), check rule s']);
});

test('the registry parsers never throw on arbitrary text', () => {
  const piece = fc.constantFrom('export const A_CODES = {', '} as const;', '/**', '*/', "K: 'AKS1234',", "'AKS0000'", '\n', 'id: ', ' ');
  fc.assert(fc.property(fc.oneof(fc.string(), fc.array(piece).map((p) => p.join(''))), fc.boolean(), (text, rule) => {
    parseCodeTables('f.ts', text);
    codeLiterals(text, rule);
    return true;
  }), { numRuns: 300 });
});
