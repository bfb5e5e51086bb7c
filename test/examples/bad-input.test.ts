// The bad-input contract of issue 2, through the real CLI entry: malformed JSON, YAML and Terraform plan JSON, an
// unknown field, a dangling subnet reference and an unsupported az flag each give a diagnostic at file:line:column
// with a hint, never a stack trace; the valid file next to the bad one (good.sh: cluster aks-good) is still
// analysed; exit codes are 0 clean (warnings only), 1 findings at or above --fail-on, 2 unusable input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

const DIR = 'test/examples/bad-input';

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** One case: the directory, the diagnostic line `check --format text` must print, its hint, and the exit codes. */
interface Case {
  readonly dir: string;
  /** The `file:line:col: severity CODE message` start of the diagnostic. */
  readonly diagnostic: string;
  /** A part of the hint printed below it. */
  readonly hint: string;
  /** Exit code of `check` (default --fail-on error). */
  readonly check: number;
  /** Exit code of `check --fail-on warning`. */
  readonly checkWarning: number;
  /** Exit code of `plan`. */
  readonly plan: number;
}

const CASES: readonly Case[] = [
  { dir: 'malformed-json', diagnostic: `${DIR}/malformed-json/vnet.json:5:3: error AKS1001 invalid JSON: comma expected`,
    hint: 'fix the syntax at this position', check: 1, checkWarning: 1, plan: 0 },
  { dir: 'malformed-yaml', diagnostic: `${DIR}/malformed-yaml/network.yaml:7:3: error AKS1002 invalid YAML`,
    hint: 'fix the YAML syntax', check: 1, checkWarning: 1, plan: 0 },
  { dir: 'malformed-tfplan', diagnostic: `${DIR}/malformed-tfplan/tfplan.json:7:108: error AKS1001 invalid JSON: colon expected`,
    hint: 'fix the syntax at this position', check: 1, checkWarning: 1, plan: 0 },
  { dir: 'unknown-field', diagnostic: `${DIR}/unknown-field/network.yaml:10:7: warning AKS1201 unknown field colour in subnet vms ignored`,
    hint: 'allowed fields: name, prefix', check: 0, checkWarning: 1, plan: 0 },
  { dir: 'dangling-subnet', diagnostic: `${DIR}/dangling-subnet/pool.sh:7:5: warning AKS1120 subnet snet-missing is referenced by vnetSubnetID of pool userpool (cluster aks-good) but is not in the input`,
    hint: 'az network vnet show -g rg-good -n vnet-good -o json', check: 0, checkWarning: 1, plan: 0 },
  { dir: 'unsupported-flag', diagnostic: `${DIR}/unsupported-flag/pool.sh:7:5: warning AKS1210 unsupported az flag --enable-quantum-networking, ignored`,
    hint: 'az aks nodepool add flags aksnet reads', check: 0, checkWarning: 1, plan: 0 },
];

describe('bad input: file:line:column, a hint, the rest analysed, exit codes', () => {
  for (const c of CASES) {
    describe(c.dir, () => {
      it('check prints the diagnostic at its position with a hint, and exits as documented', async () => {
        const r = await cli(['check', `${DIR}/${c.dir}`, '--today', '2025-06-01']);
        const lines = r.out.split('\n');
        const i = lines.findIndex((l) => l.startsWith(c.diagnostic));
        assert.ok(i >= 0, `missing ${c.diagnostic}\n${r.out}`);
        const hint = lines.slice(i + 1).find((l) => l.startsWith('    hint: '));
        assert.ok(hint?.includes(c.hint), `hint of ${c.diagnostic}: ${hint ?? '(none)'}`);
        assert.equal(r.code, c.check, r.out + r.err);
        assert.doesNotMatch(r.out + r.err, /\n\s+at .*\.(ts|js):\d+/, 'no stack trace');
      });
      it('check --fail-on warning exits 1 on it', async () => {
        const r = await cli(['check', `${DIR}/${c.dir}`, '--today', '2025-06-01', '--fail-on', 'warning']);
        assert.equal(r.code, c.checkWarning, r.out);
      });
      it('plan still plans the valid file next to it, with the diagnostic on stderr', async () => {
        const r = await cli(['plan', `${DIR}/${c.dir}`, '--format', 'json']);
        assert.equal(r.code, c.plan, r.err);
        const doc = JSON.parse(r.out) as { clusters: { name: string; networkMode: string }[] };
        assert.deepEqual(doc.clusters.map((x) => `${x.name} ${x.networkMode}`), ['aks-good azure-cni-overlay']);
        assert.ok(r.err.split('\n').some((l) => l.startsWith(c.diagnostic)), r.err);
      });
    });
  }

  it('nothing usable (only a malformed file): check and plan exit 2 with the diagnostics, no stack trace', async () => {
    const check = await cli(['check', `${DIR}/only-garbage`, '--today', '2025-06-01']);
    assert.equal(check.code, 2);
    assert.match(check.out, /only-garbage\/broken\.json:1:14: error AKS1001 invalid JSON: value expected/);
    assert.match(check.err, /no usable input/);
    const plan = await cli(['plan', `${DIR}/only-garbage`]);
    assert.equal(plan.code, 2);
    assert.match(plan.err, /only-garbage\/broken\.json:1:14: error AKS1001/);
    assert.doesNotMatch(check.out + check.err + plan.out + plan.err, /\n\s+at .*\.(ts|js):\d+/, 'no stack trace');
  });

  it('a path that does not exist: exit 2 with a message', async () => {
    const r = await cli(['check', `${DIR}/no-such-dir`]);
    assert.equal(r.code, 2);
    assert.match(r.out + r.err, /no-such-dir/);
  });

  it('--verbose lists every skipped file and document (plan and check)', async () => {
    const want = [
      `skipped: ${DIR}/skipped/mixed.yaml:6: not a recognised artefact`,
      `skipped: ${DIR}/skipped/notes.txt: not an input file type`,
      `skipped: ${DIR}/skipped/other.json:1: not a recognised artefact`,
    ];
    for (const cmd of ['plan', 'check']) {
      const r = await cli([cmd, `${DIR}/skipped`, '--verbose']);
      assert.equal(r.code, 0, r.err);
      const skipped = r.err.split('\n').filter((l) => l.startsWith('skipped: '));
      assert.equal(skipped.length, want.length, `${cmd}: ${r.err}`);
      want.forEach((w, i) => assert.ok(skipped[i]!.startsWith(w), `${cmd}: ${skipped[i]} should start with ${w}`));
      const quiet = await cli([cmd, `${DIR}/skipped`]);
      assert.doesNotMatch(quiet.err, /skipped:/, `${cmd} without --verbose`);
    }
  });
});
