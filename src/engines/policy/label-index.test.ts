// The label index answers every selector exactly as matchSelector does, class by class; the bitset helpers and the
// partition refinement behave as their comments say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Labels } from '../../model/k8s.js';
import type { Selector } from '../../model/policy.js';
import { andBits, andNotBits, bitsWhere, emptyBits, forEachBit, fullBits, hasBit, orInto, setBit } from './bits.js';
import { LabelIndex } from './label-index.js';
import { Refinement, type GroupArray } from './partition.js';
import { matchSelector } from './selector.js';

const KEYS = ['app', 'tier', 'constructor', '__proto__', 'x'];
const VALUES = ['', 'a', 'ab', 'b', 'ba'];
const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 4 })
  .map((d) => {
    // Own data properties even for __proto__ (as a parsed label map has them).
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(d)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
const selectorArb: fc.Arbitrary<Selector> = fc.letrec<{ sel: Selector }>((tie) => ({
  sel: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Selector>({ op: 'all' }),
    fc.constant<Selector>({ op: 'none' }),
    fc.record({ op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const, 'startswith' as const, 'endswith' as const), key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) }),
    fc.record({ op: fc.constantFrom('in' as const, 'notin' as const), key: fc.constantFrom(...KEYS), values: fc.subarray(VALUES) }),
    fc.record({ op: fc.constantFrom('has' as const, 'nothas' as const), key: fc.constantFrom(...KEYS) }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), args: fc.array(tie('sel'), { maxLength: 3 }) }),
    fc.record({ op: fc.constant('not' as const), arg: tie('sel') }),
  ),
})).sel;

describe('LabelIndex.select ≡ matchSelector', () => {
  it('on random label maps (some classes left out of the index) and random selectors', () => {
    fc.assert(fc.property(fc.array(fc.option(labelsArb, { nil: undefined }), { maxLength: 70 }), selectorArb, (maps, sel) => {
      const index = new LabelIndex(maps.length);
      maps.forEach((l, c) => {
        if (l !== undefined) index.add(c, l);
      });
      const got = index.select(sel);
      maps.forEach((l, c) => {
        assert.equal(hasBit(got, c), l !== undefined && matchSelector(sel, l), `class ${c} ${JSON.stringify(l)} ${JSON.stringify(sel)}`);
      });
    }), { numRuns: 500 });
  });
  const maps: Labels[] = [{ app: 'a', tier: 'web' }, { app: 'b' }, {}];
  const cases: [string, Selector, number[]][] = [
    ['eq', { op: 'eq', key: 'app', value: 'a' }, [0]],
    ['neq includes a missing key', { op: 'neq', key: 'app', value: 'a' }, [1, 2]],
    ['in', { op: 'in', key: 'app', values: ['a', 'b'] }, [0, 1]],
    ['notin includes a missing key', { op: 'notin', key: 'app', values: ['a'] }, [1, 2]],
    ['has', { op: 'has', key: 'tier' }, [0]],
    ['nothas', { op: 'nothas', key: 'tier' }, [1, 2]],
    ['startswith', { op: 'startswith', key: 'tier', value: 'we' }, [0]],
    ['and of nothing is everything', { op: 'and', args: [] }, [0, 1, 2]],
    ['or of nothing is nothing', { op: 'or', args: [] }, []],
    ['not', { op: 'not', arg: { op: 'eq', key: 'app', value: 'b' } }, [0, 2]],
  ];
  for (const [name, sel, want] of cases) {
    it(name, () => {
      const index = new LabelIndex(3);
      maps.forEach((l, c) => index.add(c, l));
      const got: number[] = [];
      forEachBit(index.select(sel), (c) => got.push(c));
      assert.deepEqual(got, want);
    });
  }
});

describe('bits', () => {
  it('full, set, and, or, and-not, where', () => {
    assert.deepEqual([...fullBits(33)], [0xffffffff, 1]);
    assert.deepEqual([...fullBits(32)], [0xffffffff]);
    const a = emptyBits(40);
    setBit(a, 3);
    setBit(a, 35);
    const b = bitsWhere(40, (c) => c % 2 === 1);
    const seen = (x: Uint32Array): number[] => {
      const out: number[] = [];
      forEachBit(x, (c) => out.push(c));
      return out;
    };
    assert.deepEqual(seen(andBits(a, b)), [3, 35]);
    assert.deepEqual(seen(andNotBits(a, b)), []);
    assert.deepEqual(seen(orInto(emptyBits(40), a)), [3, 35]);
    assert.equal(seen(b).length, 20);
  });
});

describe('Refinement', () => {
  it('classes share a group exactly when every split put them on the same side; reps are members', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }), { maxLength: 6 }), (n, splits) => {
      const r = new Refinement(n);
      const sets = splits.map((s) => bitsWhere(n, (c) => s[c]));
      for (const s of sets) r.split(s);
      const shared: GroupArray = new Uint8Array(n);
      const { groupOf, reps } = r.result(shared);
      assert.equal(reps.length, r.count);
      const sig = (c: number): string => splits.map((s) => (s[c] ? '1' : '0')).join('');
      for (let c = 0; c < n; c++) {
        assert.equal(sig(reps[groupOf[c]]), sig(c));
        assert.equal(groupOf[reps[groupOf[c]]], groupOf[c]);
      }
      for (let c = 1; c < n; c++) for (const d of [0, c - 1]) assert.equal(groupOf[c] === groupOf[d], sig(c) === sig(d));
      assert.equal(r.count <= 1, groupOf === shared);
    }), { numRuns: 300 });
  });
});
