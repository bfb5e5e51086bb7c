// matchSelector: one row per operator and missing-key rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Selector } from '../../model/index.js';
import { matchSelector, projectLabels, selectorKeys } from './selector.js';

const L = { app: 'web', tier: 'front-end', empty: '' };
const ROWS: [string, Selector, boolean][] = [
  ['all', { op: 'all' }, true],
  ['none', { op: 'none' }, false],
  ['eq present', { op: 'eq', key: 'app', value: 'web' }, true],
  ['eq other value', { op: 'eq', key: 'app', value: 'db' }, false],
  ['eq missing key', { op: 'eq', key: 'nope', value: 'web' }, false],
  ['neq missing key is true', { op: 'neq', key: 'nope', value: 'x' }, true],
  ['neq same value', { op: 'neq', key: 'app', value: 'web' }, false],
  ['in', { op: 'in', key: 'app', values: ['db', 'web'] }, true],
  ['in empty set', { op: 'in', key: 'app', values: [] }, false],
  ['in missing key', { op: 'in', key: 'nope', values: ['web'] }, false],
  ['notin missing key is true', { op: 'notin', key: 'nope', values: ['web'] }, true],
  ['notin value in set', { op: 'notin', key: 'app', values: ['web'] }, false],
  ['notin empty set', { op: 'notin', key: 'app', values: [] }, true],
  ['has with empty value', { op: 'has', key: 'empty' }, true],
  ['has missing', { op: 'has', key: 'nope' }, false],
  ['nothas missing', { op: 'nothas', key: 'nope' }, true],
  ['contains', { op: 'contains', key: 'tier', value: 'nt-e' }, true],
  ['startswith', { op: 'startswith', key: 'tier', value: 'front' }, true],
  ['endswith', { op: 'endswith', key: 'tier', value: 'front' }, false],
  ['contains empty string on present key', { op: 'contains', key: 'app', value: '' }, true],
  ['contains on missing key', { op: 'contains', key: 'nope', value: '' }, false],
  ['and', { op: 'and', args: [{ op: 'has', key: 'app' }, { op: 'eq', key: 'tier', value: 'front-end' }] }, true],
  ['and of nothing', { op: 'and', args: [] }, true],
  ['or of nothing', { op: 'or', args: [] }, false],
  ['or', { op: 'or', args: [{ op: 'none' }, { op: 'has', key: 'app' }] }, true],
  ['not', { op: 'not', arg: { op: 'all' } }, false],
  ['prototype key is not a label', { op: 'has', key: 'constructor' }, false],
];

describe('matchSelector', () => {
  for (const [name, sel, want] of ROWS) it(name, () => assert.equal(matchSelector(sel, L), want));
});

describe('projectLabels', () => {
  it('keeps only the given keys, order-independent', () => {
    assert.equal(projectLabels({ b: '2', a: '1', c: '3' }, new Set(['a', 'b'])), projectLabels({ a: '1', b: '2' }, new Set(['a', 'b'])));
    assert.notEqual(projectLabels({ a: '1' }, new Set(['a'])), projectLabels({ a: '2' }, new Set(['a'])));
  });
  it('equal projections on a selector\'s keys give equal results (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    const val = fc.constantFrom('1', '2');
    const selArb: fc.Arbitrary<Selector> = fc.letrec<{ s: Selector }>((tie) => ({
      s: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ op: fc.constant('eq' as const), key, value: val }),
        fc.record({ op: fc.constant('notin' as const), key, values: fc.subarray(['1', '2']) }),
        fc.record({ op: fc.constant('nothas' as const), key }),
        fc.record({ op: fc.constant('and' as const), args: fc.array(tie('s'), { maxLength: 2 }) }),
        fc.record({ op: fc.constant('not' as const), arg: tie('s') }),
      ),
    })).s;
    const labels = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), val);
    fc.assert(fc.property(selArb, labels, labels, (s, l1, l2) => {
      const keys = new Set<string>();
      selectorKeys(s, keys);
      if (projectLabels(l1, keys) === projectLabels(l2, keys)) assert.equal(matchSelector(s, l1), matchSelector(s, l2));
    }));
  });
});
