import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { poolScale, surgeNodes } from './scale.js';
import { pool } from './testing/build.js';

describe('surgeNodes: count or percent rounded up (aks-networking.md §9)', () => {
  const cases: { name: string; surge: Parameters<typeof surgeNodes>[0]; nodes: number; want: number }[] = [
    { name: 'count 1', surge: { kind: 'count', value: 1 }, nodes: 10, want: 1 },
    { name: 'count 0', surge: { kind: 'count', value: 0 }, nodes: 10, want: 0 },
    { name: '10% of 30 is exactly 3 (no float error)', surge: { kind: 'percent', value: 10 }, nodes: 30, want: 3 },
    { name: '10% of 31 rounds up to 4', surge: { kind: 'percent', value: 10 }, nodes: 31, want: 4 },
    { name: '10% of 1 rounds up to 1', surge: { kind: 'percent', value: 10 }, nodes: 1, want: 1 },
    { name: '10% of 0 is 0', surge: { kind: 'percent', value: 10 }, nodes: 0, want: 0 },
    { name: '33% of 3 is 1 (0.99 up)', surge: { kind: 'percent', value: 33 }, nodes: 3, want: 1 },
    { name: '33% of 100 is 33', surge: { kind: 'percent', value: 33 }, nodes: 100, want: 33 },
    { name: '100% of 7 is 7', surge: { kind: 'percent', value: 100 }, nodes: 7, want: 7 },
    { name: '12.5% of 8 is 1', surge: { kind: 'percent', value: 12.5 }, nodes: 8, want: 1 },
    { name: '12.5% of 9 is 2', surge: { kind: 'percent', value: 12.5 }, nodes: 9, want: 2 },
    { name: 'negative count is 0', surge: { kind: 'count', value: -3 }, nodes: 9, want: 0 },
    { name: 'NaN percent is 0', surge: { kind: 'percent', value: Number.NaN }, nodes: 9, want: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(surgeNodes(c.surge, c.nodes), c.want));
});

describe('poolScale', () => {
  it('without autoscaler: max is count, surge at count', () => {
    const s = poolScale(pool('a', { count: 20, surge: { kind: 'percent', value: 10 } }));
    assert.deepEqual([s.nodesNow, s.nodesMax, s.surge], [20, 20, 2]);
  });
  it('with autoscaler: max is maxCount and the percent applies to maxCount', () => {
    const s = poolScale(pool('a', { count: 3, max: 31, surge: { kind: 'percent', value: 10 } }));
    assert.deepEqual([s.nodesNow, s.nodesMax, s.surge], [3, 31, 4]);
  });
  it('count surge does not depend on size', () => {
    const s = poolScale(pool('a', { count: 0, max: 5, surge: { kind: 'count', value: 2 } }));
    assert.deepEqual([s.nodesNow, s.nodesMax, s.surge], [0, 5, 2]);
  });
  it('property: surge is monotone in node count and never negative', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }),
      (pct, a, b) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const s = { kind: 'percent' as const, value: pct };
        return surgeNodes(s, lo) >= 0 && surgeNodes(s, lo) <= surgeNodes(s, hi) && surgeNodes(s, hi) >= (pct * hi) / 100;
      }));
  });
});
