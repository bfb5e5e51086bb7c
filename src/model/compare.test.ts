// The shared orderings: plain code-unit order, never locale order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { byKey, compareById, compareByName, compareText } from './compare.js';

test('compareText orders by code units (upper case before lower case, no locale rules)', () => {
  const cases: { a: string; b: string; sign: -1 | 0 | 1 }[] = [
    { a: 'a', b: 'b', sign: -1 },
    { a: 'B', b: 'a', sign: -1 },
    { a: 'a10', b: 'a9', sign: -1 },
    { a: 'ns/a', b: 'ns-a', sign: 1 },
    { a: '', b: 'a', sign: -1 },
    { a: 'x', b: 'x', sign: 0 },
  ];
  for (const c of cases) assert.equal(Math.sign(compareText(c.a, c.b)), c.sign, `${c.a} vs ${c.b}`);
});

test('byKey, compareById and compareByName sort by the key', () => {
  assert.deepEqual([{ id: 'b' }, { id: 'a' }, { id: 'C' }].sort(compareById).map((x) => x.id), ['C', 'a', 'b']);
  assert.deepEqual([{ name: 'y' }, { name: 'x' }].sort(compareByName).map((x) => x.name), ['x', 'y']);
  assert.deepEqual([[2, 'b'], [1, 'a']].sort(byKey((t) => String(t[1]))), [[1, 'a'], [2, 'b']]);
});

test('compareText is a total order consistent with ===', () => {
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) =>
    Math.sign(compareText(a, b)) === -Math.sign(compareText(b, a)) && (compareText(a, b) === 0) === (a === b)));
});
