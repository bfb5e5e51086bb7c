// Runs the whole test suite: type-check, then every *.test.ts under src/ and test/ with Node's test runner.
// Golden files are rewritten when AKSNET_UPDATE=1 is set (or `npm test -- --update`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--update')) env.AKSNET_UPDATE = '1';
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist' || e.startsWith('.')) continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const tc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], {
  stdio: 'inherit',
});
if (tc.status !== 0) {
  console.error('type-check failed');
  process.exit(tc.status ?? 1);
}

let files = [...walk('src', []), ...walk('test', [])];
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env },
);
process.exit(r.status ?? 1);
