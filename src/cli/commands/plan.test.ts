import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../main.js';

const FIX = 'src/questions/plan/fixtures';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t.endsWith('\n') ? t : t + '\n'; }, err: (t) => { err += t.endsWith('\n') ? t : t + '\n'; } });
  return { code, out, err };
}

describe('aksnet plan', () => {
  it('text report of an overlay design, exit 0', async () => {
    const r = await run(['plan', `${FIX}/overlay`]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Cluster aks-overlay \(aks, azure-cni-overlay/);
    assert.match(r.out, /Binding constraint: pod CIDR networkProfile\.podCIDR \(10\.244\.0\.0\/20\)/);
  });
  it('--format json has the required keys', async () => {
    const r = await run(['plan', '--format', 'json', `${FIX}/overlay`]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { clusters: Record<string, unknown>[] };
    const c = j.clusters[0];
    for (const k of ['name', 'networkMode', 'maxNodes', 'bindingConstraint', 'subnets', 'podCidr', 'routeTable']) assert.ok(k in c, k);
    assert.deepEqual(c.podCidr, { prefix: '10.244.0.0/20', blockPrefix: 24, blocksRequired: 16, blocksAvailable: 16, fits: true, smallestPrefix: 20 });
  });
  it('--emit az prints a script', async () => {
    const r = await run(['plan', '--emit', 'az', `${FIX}/overlay`]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^#!\/usr\/bin\/env bash/);
    assert.match(r.out, /az aks create \\\n/);
    assert.match(r.out, /--network-plugin-mode overlay/);
  });
  it('unusable input (no cluster, errors): exit 2, diagnostics on stderr', async () => {
    const r = await run(['plan', `${FIX}/broken`]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.json:1:\d+: error AKS1/);
    assert.equal(r.out, '');
  });
  it('bad --format: exit 2', async () => {
    const r = await run(['plan', '--format', 'xml', `${FIX}/overlay`]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--format must be one of text, json/);
  });
  it('--verbose lists the file count on stderr', async () => {
    const r = await run(['plan', '--verbose', `${FIX}/overlay`]);
    assert.match(r.err, /read 2 file\(s\)/);
  });
});
