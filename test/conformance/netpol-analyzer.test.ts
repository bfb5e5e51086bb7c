// External conformance against np-guard netpol-analyzer's scenarios and golden outputs (kept in the sibling
// folder ../shared/conformance/netpol-analyzer, see its README). Every in-scope scenario with a whole-scenario
// connlist golden is run through `aksnet matrix <dir> --by workload --format connlist --ipblock-pods ignore` (and
// connlist-json / csv / md where goldens exist) and compared; bad-path scenarios must be rejected with a clear
// error. Mismatches must be allow-listed with their reason in netpol-analyzer-allowlist.json, and an allow-listed
// scenario that now passes fails the test, so the list stays honest.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { firstDifference, normalizeText } from '../../src/testing/golden.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
/** The fixtures, relative to the repository root. */
const ROOT = resolve(REPO, '..', 'shared', 'conformance', 'netpol-analyzer');
const TESTS = join(ROOT, 'tests');
const GOLDENS = join(ROOT, 'test_outputs', 'connlist');

/** Families the README puts out of scope (OpenShift user-defined and secondary networks, VMs). */
const OUT_OF_SCOPE = [/^udn_/, /^cudn_/, /^nad_/, /^vm/, /virtual_machines/, /multi_network/];
/**
 * Scenarios that must produce a clear error, not a result: the README's bad-path families, and the scenarios where
 * netpol-analyzer's tests expect its labels-gap error (pods of one owner that a policy selector tells apart; no
 * golden exists for them).
 */
const BAD_PATH = [
  /bad_path/, /^bad_/, /^malformed/,
  /^example_pods_w_same_owner_and_labels_gap_with_bad_match_expression$/, /^example_w_err_pods_w_same_owner_and_labels_gap_/,
  /^semanticDiff-same-topologies-illegal-podlist$/,
];

/** Output formats compared, with the golden suffix and the aksnet format that must reproduce it. */
const FORMATS = [
  { ext: 'txt', format: 'connlist' },
  { ext: 'json', format: 'connlist-json' },
  { ext: 'csv', format: 'csv' },
  { ext: 'md', format: 'md' },
] as const;

interface AllowList {
  /** scenario → one-line reason its output differs. */
  readonly mismatch: Readonly<Record<string, string>>;
  /** bad-path scenario → reason aksnet does not reject it. */
  readonly badPathAccepted: Readonly<Record<string, string>>;
}

const allow = JSON.parse(readFileSync(join(HERE, 'netpol-analyzer-allowlist.json'), 'utf8')) as AllowList;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function matrixArgs(dir: string, format: string): string[] {
  return ['matrix', dir, '--by', 'workload', '--format', format, '--ipblock-pods', 'ignore'];
}

const available = existsSync(TESTS) && existsSync(GOLDENS);
const scenarios = available ? readdirSync(TESTS).filter((d) => !OUT_OF_SCOPE.some((r) => r.test(d))).sort() : [];
const badPath = scenarios.filter((d) => BAD_PATH.some((r) => r.test(d)));
const withGolden = scenarios.filter(
  (d) => !badPath.includes(d) && existsSync(join(GOLDENS, `${d}_connlist_output.txt`)),
);

test('netpol-analyzer conformance: connlist goldens', { skip: available ? false : `fixtures not found at ${ROOT}` }, async (t) => {
  const failures: string[] = [];
  const stale: string[] = [];
  let pass = 0;
  /** Per golden format: goldens compared and goldens matched (every format is compared, also after a mismatch). */
  const perFormat = new Map<string, { compared: number; matched: number }>(FORMATS.map((f) => [f.ext, { compared: 0, matched: 0 }]));
  for (const s of withGolden) {
    const problems: string[] = [];
    for (const f of FORMATS) {
      const golden = join(GOLDENS, `${s}_connlist_output.${f.ext}`);
      if (!existsSync(golden)) continue;
      const r = await run(matrixArgs(join(TESTS, s), f.format));
      const want = normalizeText(readFileSync(golden, 'utf8'));
      const got = normalizeText(r.out);
      const count = perFormat.get(f.ext)!;
      count.compared++;
      if (r.code === 2) problems.push(`${f.format}: exit 2: ${r.err.split('\n')[0] ?? ''}`);
      else if (want !== got) problems.push(`${f.format}: ${firstDifference(want, got)}`);
      else count.matched++;
    }
    const listed = allow.mismatch[s];
    if (problems.length === 0) {
      pass++;
      if (listed !== undefined) stale.push(`${s}: allow-listed ("${listed}") but now matches; remove it from the allow-list`);
    } else if (listed === undefined) {
      failures.push(`${s}: ${problems.join('; ')}`);
    }
  }
  const allowed = withGolden.filter((s) => allow.mismatch[s] !== undefined).length;
  const line = `netpol-analyzer conformance: ${pass}/${withGolden.length} scenarios match (${allowed} allow-listed)`;
  const formats = `netpol-analyzer conformance by format: ${[...perFormat].map(([ext, c]) => `${ext} ${c.matched}/${c.compared}`).join(', ')}`;
  for (const l of [line, formats]) {
    t.diagnostic(l);
    console.log(l);
  }
  const unknown = Object.keys(allow.mismatch).filter((s) => !withGolden.includes(s));
  assert.deepEqual(unknown, [], 'allow-list entries must name in-scope scenarios with a golden');
  assert.deepEqual(stale, []);
  assert.deepEqual(failures, [], 'scenarios that differ from their golden and are not allow-listed');
});

test('netpol-analyzer conformance: bad-path scenarios are rejected with a clear error', { skip: available ? false : `fixtures not found at ${ROOT}` }, async (t) => {
  const failures: string[] = [];
  const stale: string[] = [];
  let rejected = 0;
  for (const s of badPath) {
    const r = await run(matrixArgs(join(TESTS, s), 'connlist'));
    // A clear error: exit 2, no answer on stdout, and an error diagnostic naming a file (file:line:col: error AKS…).
    const clear = r.code === 2 && r.out.trim() === '' && /^\S+:\d+:\d+: error AKS\d{4} /m.test(r.err);
    const listed = allow.badPathAccepted[s];
    if (clear) {
      rejected++;
      if (listed !== undefined) stale.push(`${s}: allow-listed ("${listed}") but is now rejected; remove it from the allow-list`);
    } else if (listed === undefined) {
      failures.push(`${s}: exit ${r.code}; stderr: ${r.err.split('\n').slice(0, 2).join(' | ') || '(empty)'}; stdout: ${r.out.split('\n')[0] ?? ''}`);
    }
  }
  const allowed = badPath.filter((s) => allow.badPathAccepted[s] !== undefined).length;
  const line = `netpol-analyzer conformance: ${rejected}/${badPath.length} bad-path scenarios rejected with a clear error (${allowed} allow-listed)`;
  t.diagnostic(line);
  console.log(line);
  const unknown = Object.keys(allow.badPathAccepted).filter((s) => !badPath.includes(s));
  assert.deepEqual(unknown, [], 'allow-list entries must name in-scope bad-path scenarios');
  assert.deepEqual(stale, []);
  assert.deepEqual(failures, [], 'bad-path scenarios that were not rejected with a clear error and are not allow-listed');
});
