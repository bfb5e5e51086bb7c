import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../main.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t.endsWith('\n') ? t : t + '\n'; }, err: (t) => { err += t.endsWith('\n') ? t : t + '\n'; } });
  return { code, out, err };
}

const NODE0 = 'aks-nodepool1-00000000-vmss000000';

describe('aksnet compile', () => {
  it('Calico from the cluster artefact: iptables-save with the ipsets as comments, exit 0', async () => {
    const r = await run(['compile', 'examples/kubenet-calico', '--node', NODE0]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# ipset: create cali40/m);
    assert.match(r.out, /^\*filter$/m);
    assert.match(r.out, /^-A FORWARD .*-j cali-FORWARD$/m);
    assert.match(r.out, /^COMMIT$/m);
    assert.match(r.out, /^# interface: cali[0-9a-f]{11} 10\.244\.0\.2 backend\/backend-0$/m);
  });
  it('--engine azure-npm --format ipset prints only ipset restore lines', async () => {
    const r = await run(['compile', 'examples/kubenet-calico', '--node', NODE0, '--engine', 'azure-npm', '--format', 'ipset']);
    assert.equal(r.code, 0, r.err);
    for (const line of r.out.trim().split('\n')) assert.match(line, /^(create|add) azure-npm-[0-9a-z]+ /, line);
  });
  it('--hash-scheme fnv1a-decimal gives decimal kernel names', async () => {
    const r = await run(['compile', 'examples/kubenet-calico', '--node', NODE0, '--engine', 'azure-npm', '--hash-scheme', 'fnv1a-decimal', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { ipsets: { kernelName: string }[]; scope: string };
    assert.equal(j.scope, 'cluster');
    assert.ok(j.ipsets.length > 0, 'has sets');
    for (const s of j.ipsets) assert.match(s.kernelName, /^azure-npm-\d+$/, s.kernelName);
  });
  it('unknown node: exit 2 with AKS3700 and the known names', async () => {
    const r = await run(['compile', 'examples/kubenet-calico', '--node', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.err, /AKS3700 no node named 'nope'/);
    assert.match(r.err, /aks-nodepool1-00000000-vmss000000/);
    assert.equal(r.out, '');
  });
  it('bad --engine: exit 2', async () => {
    const r = await run(['compile', 'examples/kubenet-calico', '--engine', 'cilium']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--engine must be one of azure-npm, calico/);
  });
  it('no engine in the input and none given: exit 2', async () => {
    const r = await run(['compile', 'examples/cilium']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--engine is required/);
  });
});
