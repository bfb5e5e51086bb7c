import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './temp.js';

test('tempDir: creates a fresh directory with the prefix', () => {
  const a = tempDir('aksnet-temp-test-');
  const b = tempDir('aksnet-temp-test-');
  assert.notEqual(a, b);
  assert.ok(statSync(a).isDirectory());
  assert.match(a, /aksnet-temp-test-[^/]+$/);
});

test('tempDir: the directory and its contents are gone after the process exits', () => {
  const script = `import { tempDir } from ${JSON.stringify(new URL('./temp.ts', import.meta.url).href)};
    import { writeFileSync } from 'node:fs';
    const d = tempDir('aksnet-temp-child-'); writeFileSync(d + '/f.txt', 'x'); console.log(d);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dir = r.stdout.trim();
  assert.match(dir, /aksnet-temp-child-/);
  assert.equal(existsSync(dir), false);
  writeFileSync(join(tempDir('aksnet-temp-test-'), 'ok'), '1');
});
