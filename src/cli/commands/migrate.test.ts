import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareGolden } from '../../testing/golden.js';
import { main } from '../main.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t.endsWith('\n') ? t : t + '\n'; }, err: (t) => { err += t.endsWith('\n') ? t : t + '\n'; } });
  return { code, out, err };
}

const GOLDEN = 'test/migrate';

describe('aksnet migrate goldens', () => {
  const cases: { name: string; args: string[]; code: number }[] = [
    { name: 'kubenet-calico-to-overlay.txt', args: ['examples/kubenet-calico', '--to', 'overlay'], code: 1 },
    { name: 'kubenet-calico-to-overlay.md', args: ['examples/kubenet-calico', '--to', 'overlay', '--format', 'md'], code: 1 },
    { name: 'kubenet-calico-npm-to-cilium.txt', args: ['examples/kubenet-calico', '--to', 'cilium', '--from-engine', 'azure-npm'], code: 1 },
    { name: 'azure-cni-npm-to-cilium.txt', args: ['examples/azure-cni-npm', '--to', 'cilium'], code: 0 },
    { name: 'cilium-to-calico.json', args: ['examples/cilium', '--to', 'calico', '--format', 'json'], code: 1 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run(['migrate', ...c.args]);
      assert.equal(r.code, c.code, r.err);
      const g = compareGolden(`${GOLDEN}/${c.name}`, r.out);
      assert.ok(g.ok, g.diff);
    });
  }
});

describe('aksnet migrate', () => {
  it('bad --to: exit 2', async () => {
    const r = await run(['migrate', 'examples/kubenet-calico', '--to', 'flannel']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--to must be one of/);
  });
  it('bad --from-engine: exit 2', async () => {
    const r = await run(['migrate', 'examples/kubenet-calico', '--to', 'overlay', '--from-engine', 'weave']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--from-engine must be one of/);
  });
  it('output is identical across runs', async () => {
    const a = await run(['migrate', 'examples/kubenet-calico', '--to', 'cilium', '--format', 'json']);
    const b = await run(['migrate', 'examples/kubenet-calico', '--to', 'cilium', '--format', 'json']);
    assert.equal(a.out, b.out);
  });
});
