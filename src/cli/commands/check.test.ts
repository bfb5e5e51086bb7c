import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../main.js';
import type { Io } from '../output.js';
import { tempDir } from '../../testing/temp.js';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const dir = tempDir('aksnet-check-');
// An az script: kubenet (retirement warning) with Azure NPM (not available with kubenet: error).
const bad = join(dir, 'bad.sh');
writeFileSync(bad, [
  'az network vnet create -g rg -n vnet --address-prefixes 10.1.0.0/16 --subnet-name nodes --subnet-prefixes 10.1.0.0/24',
  'az aks create -g rg -n k1 --network-plugin kubenet --network-policy azure --node-count 3 \\',
  '  --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
  '',
].join('\n'));
// kubenet with Calico: only warnings (no route table on the subnet; kubenet retirement).
const warn = join(dir, 'warn.sh');
writeFileSync(warn, [
  'az network vnet create -g rg -n vnet --address-prefixes 10.1.0.0/16 --subnet-name nodes --subnet-prefixes 10.1.0.0/24',
  'az aks create -g rg -n k2 --network-plugin kubenet --network-policy calico --node-count 3 \\',
  '  --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
  '',
].join('\n'));
const broken = join(dir, 'broken.json');
writeFileSync(broken, '{ "a": [1, 2,, }\n');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(['check', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('text: design errors exit 1 and print file:line:col lines', async () => {
  const r = await run([bad, '--today', '2026-01-01']);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /bad\.sh:\d+:\d+: error AKS3001 cluster k1: Azure Network Policy Manager \(networkPolicy azure\) is not available with kubenet/);
  assert.match(r.out, /warning AKS5001 cluster k1 uses kubenet, which retires on 2028-03-31 \(820 days left\)/);
});

test('--fail-on: warnings only exit 0 by default and 1 with --fail-on warning', async () => {
  const a = await run([warn, '--today', '2026-01-01']);
  assert.equal(a.code, 0, a.out);
  assert.match(a.out, /0 errors, \d+ warnings?/);
  const b = await run([warn, '--today', '2026-01-01', '--fail-on', 'warning']);
  assert.equal(b.code, 1);
});

test('json: the documented shape', async () => {
  const r = await run([bad, '--format', 'json', '--today', '2026-01-01']);
  const doc = JSON.parse(r.out) as { findings: { rule: string; severity: string; message: string; resource: string; location: { file: string; line: number } }[] };
  const f = doc.findings.find((x) => x.rule === 'AKS3001');
  assert.ok(f, r.out);
  assert.equal(f.severity, 'error');
  assert.equal(f.resource, 'k1');
  assert.equal(f.location.file, bad);
  assert.ok(f.location.line > 0);
});

test('sarif: parses as SARIF 2.1.0', async () => {
  const r = await run([bad, '--format', 'sarif', '--today', '2026-01-01']);
  const log = JSON.parse(r.out) as { version: string; runs: { results: { ruleId: string }[] }[] };
  assert.equal(log.version, '2.1.0');
  assert.ok(log.runs[0].results.some((x) => x.ruleId === 'AKS3001'));
});

test('bad input is a finding and the rest is still analysed', async () => {
  const r = await run([broken, bad, '--today', '2026-01-01']);
  assert.equal(r.code, 1);
  assert.match(r.out, /broken\.json:1:\d+: error AKS1\d{3} /);
  assert.match(r.out, /error AKS3001/);
  assert.doesNotMatch(r.out + r.err, /\n\s+at /, 'no stack trace');
});

test('unusable input exits 2', async () => {
  const a = await run([join(dir, 'missing.json')]);
  assert.equal(a.code, 2);
  assert.match(a.out, /AKS1000/);
  const b = await run([broken]);
  assert.equal(b.code, 2);
});

test('usage errors exit 2', async () => {
  assert.equal((await run([bad, '--format', 'xml'])).code, 2);
  assert.equal((await run([bad, '--fail-on', 'info'])).code, 2);
  assert.equal((await run([bad, '--today', '2026-02-30'])).code, 2);
});

test('--verbose lists skipped files on stderr', async () => {
  const d = tempDir('aksnet-check-v-');
  writeFileSync(join(d, 'notes.txt'), 'hello');
  writeFileSync(join(d, 'a.sh'), 'az network vnet create -g rg -n vnet --address-prefixes 10.1.0.0/16\n');
  const r = await run([d, '--verbose', '--today', '2026-01-01']);
  assert.match(r.err, /skipped: .*notes\.txt/);
  assert.equal(r.code, 0, r.out + r.err);
});
