// Every directory in examples/ through the real CLI entry (`main(argv, io)`): golden outputs per question and format,
// plus the invariants of shared/DESIGN.md "Tests" that apply to plan/check: the output is identical across two runs,
// the model survives model → JSON → model, and `plan --emit az` fed back through the az-script adapter yields the same
// network design. Goldens live in test/examples/golden/<example>/<question>.<format>; rewrite them with
// `npm test -- --update` (AKSNET_UPDATE=1); a mismatch leaves `<golden>.actual` next to the golden.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { adaptDocuments } from '../../src/adapt/index.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { loadModel } from '../../src/cli/pipeline.js';
import { emitAz } from '../../src/emit/az.js';
import { parseSource } from '../../src/load/parse.js';
import { deserializeModel, serializeModel } from '../../src/model/serialize.js';
import { runCheck } from '../../src/questions/check/index.js';
import { plan } from '../../src/questions/plan/index.js';
import { renderCheck } from '../../src/render/check/index.js';
import { RULES } from '../../src/questions/check/index.js';
import { renderPlan } from '../../src/render/plan/index.js';
import { compareGolden } from '../../src/testing/golden.js';
import { networkProjection } from './projection.js';

/** The date retirement rules count from, fixed so goldens do not change with the calendar. */
const TODAY = '2025-06-01';
const GOLDEN = join('test', 'examples', 'golden');

/** One CLI run: exit code, stdout and stderr as printed. */
interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The questions and formats with a golden per example: file name → CLI arguments after the example path. */
const QUESTIONS: readonly (readonly [string, readonly string[]])[] = [
  ['plan.text', ['plan', '--format', 'text']],
  ['plan.json', ['plan', '--format', 'json']],
  ['check.text', ['check', '--format', 'text', '--today', TODAY]],
  ['check.json', ['check', '--format', 'json', '--today', TODAY]],
  ['check.sarif', ['check', '--format', 'sarif', '--today', TODAY]],
  ['emit.az', ['plan', '--emit', 'az']],
];

/**
 * Expected exit codes per example, written out: plan always answers (0); check exits 1 when a finding is an error
 * (azure-cni-npm: its subnet is too small for an upgrade; broken: every classic mistake).
 */
const EXPECTED: Readonly<Record<string, { readonly plan: number; readonly check: number }>> = {
  'azure-cni-npm': { plan: 0, check: 1 },
  'azure-cni-transparent-calico': { plan: 0, check: 0 },
  broken: { plan: 0, check: 1 },
  'byo-cni': { plan: 0, check: 0 },
  canal: { plan: 0, check: 0 },
  cilium: { plan: 0, check: 0 },
  'kubenet-calico': { plan: 0, check: 0 },
  overlay: { plan: 0, check: 0 },
  'pod-subnet': { plan: 0, check: 0 },
  'self-managed-calico-udr': { plan: 0, check: 0 },
};

const EXAMPLES = readdirSync('examples', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('examples', () => {
  it('every example directory has its expected exit codes written down here', () => {
    assert.deepEqual(EXAMPLES, Object.keys(EXPECTED).sort());
  });

  for (const ex of EXAMPLES) {
    const dir = `examples/${ex}`;
    describe(ex, () => {
      for (const [file, args] of QUESTIONS) {
        it(`${file} matches its golden and is identical across two runs`, async () => {
          const [cmd, ...rest] = args;
          const a = await cli([cmd!, dir, ...rest]);
          const b = await cli([cmd!, dir, ...rest]);
          assert.equal(a.out, b.out, 'stdout differs between two runs');
          assert.equal(a.err, b.err, 'stderr differs between two runs');
          assert.equal(a.code, b.code, 'exit code differs between two runs');
          const want = EXPECTED[ex]!;
          assert.equal(a.code, cmd === 'plan' ? want.plan : want.check, `exit code of ${args.join(' ')}\n${a.err}`);
          const r = compareGolden(join(GOLDEN, ex, file), a.out);
          assert.ok(r.ok, r.diff);
          if (file.endsWith('.json') || file.endsWith('.sarif')) assert.doesNotThrow(() => JSON.parse(a.out), 'not JSON');
        });
      }

      it('input diagnostics (plan --verbose, stderr) match their golden', async () => {
        const r = await cli(['plan', dir, '--verbose']);
        const g = compareGolden(join(GOLDEN, ex, 'diagnostics.txt'), r.err);
        assert.ok(g.ok, g.diff);
      });

      it('model → JSON → model: same text again, same plan and check answers', () => {
        const m = loadModel([dir]).model;
        const text = serializeModel(m);
        const back = deserializeModel(text);
        assert.equal(back.error, '');
        assert.equal(serializeModel(back.model), text, 'serialised text changes after a round trip');
        assert.equal(renderPlan(plan(back.model), 'json'), renderPlan(plan(m), 'json'), 'plan differs after a round trip');
        const check = (x: typeof m): string => renderCheck('json', { findings: runCheck(x, { today: TODAY }), rules: RULES });
        assert.equal(check(back.model), check(m), 'check differs after a round trip');
      });

      it('plan --emit az, read back as an az script, gives the same network design', () => {
        const m = loadModel([dir]).model;
        const script = emitAz(m);
        const parsed = parseSource('emitted.sh', script);
        assert.deepEqual(parsed.diagnostics, []);
        const again = adaptDocuments(parsed.docs);
        const problems = again.diagnostics.items.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120');
        assert.deepEqual(problems.map((d) => `${d.code} ${d.message}`), [], 'the emitted script reads back with warnings or errors');
        assert.deepEqual(networkProjection(again.model), networkProjection(m));
      });
    });
  }
});
