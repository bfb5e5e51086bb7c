// The policy pitfalls of shared/reference/policy-semantics.md §2 that apply to the Kubernetes policy engine
// (1–13, 15, 16, 19, 20), each as a small fixture directory test/pitfalls/<n>-<slug>/ run through the CLI:
// `manifests.yaml` (and optional sub-directories for variants), `cases.json` listing the commands, their exit code,
// the golden file of their stdout (src/testing/golden.ts; AKSNET_UPDATE=1 rewrites), and `expect`: the verdicts the
// pitfall is about, written out by hand and checked against the JSON output independently of the golden.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { compareGolden } from '../../src/testing/golden.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

/** One flow verdict the pitfall is about. */
interface Expect {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: string;
  readonly allowed: boolean;
}

/** One command of a pitfall fixture. */
interface Case {
  /** What the case shows. */
  readonly why: string;
  /** The command and its flags; the fixture's manifests.yaml (or `input`/manifests.yaml) is inserted after the command name. */
  readonly args: readonly string[];
  /** Sub-directory of the fixture to read instead of the fixture directory itself. */
  readonly input?: string;
  readonly exit: number;
  /** Golden file of stdout, relative to the fixture directory. */
  readonly golden: string;
  /** Verdicts checked in the JSON output (matrix entries, or the `can` verdict). */
  readonly expect?: readonly Expect[];
  /** A pattern stderr must match (diagnostics of bad-input variants). */
  readonly stderr?: string;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface MatrixJson {
  readonly entries: readonly { from: string; to: string; port: number; protocol: string; allowed: boolean }[];
}

const fixtures = readdirSync(HERE).filter((d) => statSync(join(HERE, d)).isDirectory()).sort();

describe('policy pitfalls (policy-semantics.md §2) through the CLI', () => {
  it('every applicable pitfall has a fixture', () => {
    const numbers = fixtures.map((d) => Number(d.split('-')[0])).sort((a, b) => a - b);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19, 20]);
  });
  for (const dir of fixtures) {
    const cases = JSON.parse(readFileSync(join(HERE, dir, 'cases.json'), 'utf8')) as Case[];
    for (const [i, c] of cases.entries()) {
      it(`${dir} #${i + 1}: ${c.why}`, async () => {
        // Relative paths keep file names in outputs and goldens independent of the checkout's location.
        const input = relative(process.cwd(), join(REPO, 'test', 'pitfalls', dir, c.input ?? '', 'manifests.yaml'));
        const [cmd, ...rest] = c.args;
        const r = await run([cmd ?? '', input, ...rest]);
        assert.equal(r.code, c.exit, `exit code; stderr: ${r.err}`);
        if (c.stderr !== undefined) assert.match(r.err, new RegExp(c.stderr, 'm'), 'stderr');
        const g = compareGolden(join(HERE, dir, c.golden), r.out);
        assert.ok(g.ok, `golden ${c.golden}: ${g.diff}`);
        for (const e of c.expect ?? []) {
          const protocol = e.protocol ?? 'TCP';
          if (cmd === 'can') {
            const v = JSON.parse(r.out) as { allowed: boolean };
            assert.equal(v.allowed, e.allowed, `${e.from} -> ${e.to} ${protocol}/${e.port}`);
            continue;
          }
          const m = JSON.parse(r.out) as MatrixJson;
          const hit = m.entries.find((x) => x.from === e.from && x.to === e.to && x.port === e.port && x.protocol === protocol);
          assert.ok(hit, `no entry ${e.from} -> ${e.to} ${protocol}/${e.port}`);
          assert.equal(hit.allowed, e.allowed, `${e.from} -> ${e.to} ${protocol}/${e.port}`);
        }
      });
    }
  }
});
