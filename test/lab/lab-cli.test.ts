// `aksnet lab` on the command line: the help names --node-ports (opt-in) and --all-flows, and an input without pods
// (examples/azure-cni-npm) says AKS4811 and exits 0 without building anything (it used to fail with `sysctl: no
// variables specified`). The help needs nothing; the run needs root and the lab's tools (skipped with a message
// otherwise, since the CLI checks them before reading the input).
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { checkRequirements, hasCommand } from '../../src/lab/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function executable(f: string): boolean {
  try {
    accessSync(f, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const problems = checkRequirements({
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  has: (c) => hasCommand(c, process.env['PATH'], executable),
});
const SKIP = problems.length > 0 ? `lab CLI runs need root and iproute2/iptables/ipset: ${problems.map((p) => p.message).join('; ')}` : false;
if (SKIP) process.stderr.write(`test/lab/lab-cli: skipped: ${SKIP}\n`);

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('lab verify|probe|up --help: --node-ports is an opt-in flag; verify has --all-flows', async () => {
  for (const action of ['verify', 'probe', 'up']) {
    const r = await cli(['lab', action, '--help']);
    assert.match(r.out, /--node-ports\s+probe every NodePort on every node/, action);
    assert.match(r.out, /\(default: off\)/, action);
    assert.equal(/--all-flows/.test(r.out), action === 'verify', `${action}: --all-flows only on verify`);
  }
  const lab = await cli(['lab', '--help']);
  assert.match(lab.out, /--node-ports adds NodePort flows/);
  assert.match(lab.out, /AKS4811, nothing is built, exit 0/);
});

for (const action of ['verify', 'probe', 'up']) {
  test(`lab ${action} on an input without pods (examples/azure-cni-npm): AKS4811, nothing built, exit 0`, { skip: SKIP }, async () => {
    const r = await cli(['lab', action, join(ROOT, 'examples', 'azure-cni-npm')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /warning AKS4811 no pod with an address in the input/);
    assert.doesNotMatch(r.err, /AKS4807|sysctl/);
    assert.match(r.out, /nothing to probe \(0 pod\(s\) with addresses, no flow\); no lab was built/);
    const json = await cli(['lab', action, join(ROOT, 'examples', 'azure-cni-npm'), '--format', 'json']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.out) as { built: boolean; total: number };
    assert.deepEqual([parsed.built, parsed.total], [false, 0]);
  });
}
