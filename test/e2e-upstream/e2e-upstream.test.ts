// The upstream Kubernetes e2e NetworkPolicy cases (test/e2e/network/netpol, re-stated in
// shared/reference/policy-semantics.md §3.3) as fixtures: each case directory holds the policies (and, for the
// "after update" steps, the relabelled namespaces or pods) and the expected truth tables written out. Every case is
// run through load → adapt → policy engine → matrix (by pod) → text truth tables and compared cell by cell.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/cli/pipeline.js';
import type { L4Protocol } from '../../src/engines/net/index.js';
import { buildPolicyEngine, engineProfile, ENGINE_NAMES, naiveAllowed, type EngineName } from '../../src/engines/policy/index.js';
import { matrix, type MatrixProbe } from '../../src/questions/matrix/index.js';
import { renderText } from '../../src/render/matrix/text.js';
import { compareGolden, firstDifference, normalizeText } from '../../src/testing/golden.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, 'cases');
const BASE_FILES = ['namespaces.yaml', 'pods.yaml'];

/**
 * Engines whose semantics differ from the upstream expectations in a documented way, per case:
 * the case is expected NOT to match, with the reason.
 */
const ENGINE_DEVIATIONS: Readonly<Record<EngineName, Readonly<Record<string, string>>>> = {
  upstream: {},
  calico: {},
  'azure-npm': {},
  cilium: {
    '34-egress-to-cidr-block': 'Cilium CIDR rules never match pod IPs (cilium#9209)',
    '35-except-clause': 'Cilium CIDR rules never match pod IPs, so 0.0.0.0/4 allows no pod',
    '36-except-allowed-by-other-rule': 'Cilium CIDR rules never match pod IPs (cilium#9209)',
  },
};

/** The probes of an expected file: its `PROTO/port:` headers, in file order. */
function probesOf(expected: string): MatrixProbe[] {
  const out: MatrixProbe[] = [];
  for (const m of expected.matchAll(/^(TCP|UDP|SCTP)\/(\d+):$/gm)) out.push({ protocol: m[1] as L4Protocol, port: Number(m[2]) });
  return out;
}

function caseFiles(dir: string): string[] {
  const own = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const base = BASE_FILES.filter((f) => !own.includes(f)).map((f) => join(HERE, 'base', f));
  return [...base, ...own.map((f) => join(dir, f))];
}

/** The truth tables of one case under one engine. */
function tables(dir: string, engineName: EngineName): { text: string; errors: string[] } {
  const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
  const input = loadModel(caseFiles(dir));
  const errors = input.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  const engine = buildPolicyEngine(input.model, engineProfile(engineName));
  const answer = matrix(input.model, engine, { by: 'pod' });
  return { text: renderText({ ...answer, probes: probesOf(expected) }), errors };
}

const caseDirs = existsSync(CASES) ? readdirSync(CASES).sort().map((d) => join(CASES, d)) : [];

test('the upstream e2e fixtures are all present', () => {
  assert.ok(caseDirs.length >= 48, `expected at least 48 case directories, found ${caseDirs.length}`);
  for (const d of caseDirs) {
    assert.ok(existsSync(join(d, 'policy.yaml')), `${d}: policy.yaml missing`);
    assert.ok(probesOf(readFileSync(join(d, 'expected.txt'), 'utf8')).length > 0, `${d}: expected.txt has no tables`);
  }
});

for (const dir of caseDirs) {
  const name = dir.slice(CASES.length + 1);
  test(`upstream e2e ${name} (upstream engine)`, () => {
    const { text, errors } = tables(dir, 'upstream');
    assert.deepEqual(errors, [], 'the fixture must load without errors');
    const r = compareGolden(join(dir, 'expected.txt'), text);
    assert.ok(r.ok, `truth table differs from the expected one (see expected.txt.actual): ${r.diff}`);
  });
}

for (const engineName of ['calico', 'cilium', 'azure-npm'] as const) {
  test(`upstream e2e cases under ${engineName}: same tables except documented deviations`, () => {
    const mismatches: string[] = [];
    const deviations = ENGINE_DEVIATIONS[engineName];
    for (const dir of caseDirs) {
      const name = dir.slice(CASES.length + 1);
      const want = normalizeText(readFileSync(join(dir, 'expected.txt'), 'utf8'));
      const got = normalizeText(tables(dir, engineName).text);
      const same = want === got;
      if (deviations[name] !== undefined) {
        if (same) mismatches.push(`${name}: listed as a ${engineName} deviation (${deviations[name]}) but matches upstream`);
      } else if (!same) {
        mismatches.push(`${name}: ${firstDifference(want, got)}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });
}

test('upstream e2e cases: the class-based matrix agrees with the naive pairwise evaluator on every cell, every engine', () => {
  const disagreements: string[] = [];
  for (const dir of caseDirs) {
    const name = dir.slice(CASES.length + 1);
    const probes = probesOf(readFileSync(join(dir, 'expected.txt'), 'utf8'));
    const input = loadModel(caseFiles(dir));
    for (const engineName of ENGINE_NAMES) {
      const profile = engineProfile(engineName);
      const answer = matrix(input.model, buildPolicyEngine(input.model, profile), { by: 'pod' });
      const podOf = new Map(input.model.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
      for (const e of answer.entries) {
        if (e.from.kind !== 'pod' || e.to.kind !== 'pod') continue;
        const src = podOf.get(`${e.from.namespace}/${e.from.name}`)!;
        const dst = podOf.get(`${e.to.namespace}/${e.to.name}`)!;
        for (const p of probes) {
          const naive = naiveAllowed(input.model, profile, { kind: 'pod', pod: src }, { kind: 'pod', pod: dst }, p.protocol, p.port);
          if (naive !== e.conns.allows(p.protocol, p.port)) {
            disagreements.push(`${name} ${engineName} ${src.namespace}/${src.name} -> ${dst.namespace}/${dst.name} ${p.protocol}/${p.port}: matrix ${!naive}, naive ${naive}`);
          }
        }
      }
    }
  }
  assert.deepEqual(disagreements, []);
});
