// The golden-file helper: equal texts pass, different ones write `.actual`, update mode rewrites the golden.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareGolden, firstDifference, normalizeText } from './golden.js';
import { tempDir } from './temp.js';

test('normalizeText: line endings and trailing whitespace do not count', () => {
  const cases: [string, string][] = [
    ['a\r\nb\r\n', 'a\nb'],
    ['a  \nb\t\n\n\n', 'a\nb'],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(normalizeText(input), want);
  assert.equal(normalizeText('a \n', false), 'a \n');
});

test('firstDifference names the first differing line', () => {
  assert.equal(firstDifference('a\nb', 'a\nb'), '');
  assert.equal(firstDifference('a\nb', 'a\nc'), 'line 2:\n  golden: b\n  actual: c');
  assert.equal(firstDifference('a', 'a\nextra'), 'line 2:\n  golden: <end of file>\n  actual: extra');
});

test('compareGolden: match, mismatch with .actual, missing golden, update mode', () => {
  const dir = tempDir('aksnet-golden-');
  const golden = join(dir, 'out.txt');
  writeFileSync(golden, 'one\ntwo\n');

  assert.deepEqual(compareGolden(golden, 'one\ntwo', { update: false }), { ok: true, updated: false, diff: '' });

  const bad = compareGolden(golden, 'one\nthree\n', { update: false });
  assert.equal(bad.ok, false);
  assert.match(bad.diff, /line 2/);
  assert.equal(readFileSync(golden + '.actual', 'utf8'), 'one\nthree\n');

  assert.equal(compareGolden(golden, 'one\ntwo', { update: false }).ok, true);
  assert.equal(existsSync(golden + '.actual'), false, 'a stale .actual is removed once the output matches');

  const missing = compareGolden(join(dir, 'none.txt'), 'x', { update: false });
  assert.equal(missing.ok, false);
  assert.match(missing.diff, /does not exist/);

  const up = compareGolden(golden, 'new', { update: true });
  assert.deepEqual(up, { ok: true, updated: true, diff: '' });
  assert.equal(readFileSync(golden, 'utf8'), 'new\n');
});
