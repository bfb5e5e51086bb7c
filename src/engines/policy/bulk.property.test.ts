// Property tests of the bulk API: classRow(s) lists exactly the classes classConnections(s, ·) gives something, with
// the same connection set, whichever is asked first; and its entries agree with the naive evaluator pod by pod.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConnSet } from '../net/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import type { EngineProfile } from './profile.js';
import { PROBES, PROFILES, world, type World } from './testing/arbitraries.js';
import type { ClassRow, PolicyEngine } from './types.js';

/** Up to 80 pods: enough distinct label/port/address combinations to need more than one 32-class word. */
const BIG = { minPods: 30, maxPods: 80, maxNps: 6 };

/** The row as a dense array (absent = no connection), after checking its shape. */
function dense(engine: PolicyEngine, s: number, row: ClassRow): ConnSet[] {
  assert.equal(row.targets.length, row.conns.length);
  const out: ConnSet[] = Array.from({ length: engine.classCount }, () => ConnSet.none());
  row.targets.forEach((d, k) => {
    assert.ok(Number.isInteger(d) && d >= 0 && d < engine.classCount, `target ${d} out of range`);
    if (k > 0) assert.ok(row.targets[k - 1] < d, `targets not ascending at ${k}`);
    assert.ok(!row.conns[k].isEmpty(), `empty entry listed for ${s} → ${d}`);
    out[d] = row.conns[k];
  });
  return out;
}

/** Differences between rows of `bulk` and classConnections of `single` (two engines, so no cache is shared). */
function rowMismatches(w: World, profile: EngineProfile, singleFirst: boolean): string[] {
  const bulk = buildPolicyEngine(w.model, profile);
  const single = buildPolicyEngine(w.model, profile);
  const n = bulk.classCount;
  const expected: ConnSet[][] = [];
  const out: string[] = [];
  // Either order of first use: pairwise lookups before rows on `single`, rows first on `bulk`.
  if (singleFirst) for (let s = 0; s < n; s++) expected.push(Array.from({ length: n }, (_, d) => single.classConnections(s, d)));
  for (let s = 0; s < n; s++) {
    const got = dense(bulk, s, bulk.classRow(s));
    const want = expected[s] ?? Array.from({ length: n }, (_, d) => single.classConnections(s, d));
    for (let d = 0; d < n; d++) {
      if (!got[d].equals(want[d])) out.push(`${profile.name} ${s}→${d}: row ${got[d].toString()} vs pairwise ${want[d].toString()}`);
      const thin = bulk.classConnections(s, d);
      if (!thin.equals(got[d])) out.push(`${profile.name} ${s}→${d}: row ${got[d].toString()} vs same engine ${thin.toString()}`);
    }
    // And the engine that answered pairwise first gives the same row afterwards.
    const later = dense(single, s, single.classRow(s));
    for (let d = 0; d < n; d++) if (!later[d].equals(want[d])) out.push(`${profile.name} ${s}→${d}: later row ${later[d].toString()}`);
  }
  return out;
}

describe('classRow ≡ classConnections on random clusters', () => {
  for (const profile of PROFILES) {
    it(`${profile.name} (ipBlock matches pods: ${profile.ipblockMatchesPods}), small clusters with NP, ANP and BANP`, () => {
      fc.assert(fc.property(world(true), fc.boolean(), (w, singleFirst) => {
        assert.deepEqual(rowMismatches(w, profile, singleFirst), []);
      }), { numRuns: 100 });
    });
  }
  it('larger clusters (more than 32 classes, so rows span several bitset words) under every profile', () => {
    let maxClasses = 0;
    fc.assert(fc.property(world(true, BIG), fc.boolean(), fc.nat(PROFILES.length - 1), (w, singleFirst, pick) => {
      const profile = PROFILES[pick];
      maxClasses = Math.max(maxClasses, buildPolicyEngine(w.model, profile).classCount);
      assert.deepEqual(rowMismatches(w, profile, singleFirst), []);
    }), { numRuns: 60 });
    assert.ok(maxClasses > 32, `the largest cluster had only ${maxClasses} classes`);
  });
});

describe('classRow entries ≡ naive evaluator for every pair of distinct pods', () => {
  for (const profile of PROFILES) {
    it(profile.name, () => {
      fc.assert(fc.property(world(true), (w) => {
        const engine = buildPolicyEngine(w.model, profile);
        const rows = Array.from({ length: engine.classCount }, (_, s) => dense(engine, s, engine.classRow(s)));
        const bad: string[] = [];
        for (const a of w.model.pods) for (const b of w.model.pods) {
          if (a === b) continue;
          const conns = rows[engine.classOf(a)][engine.classOf(b)];
          for (const [proto, port] of PROBES) {
            const n = naiveAllowed(w.model, profile, { kind: 'pod', pod: a }, { kind: 'pod', pod: b }, proto, port);
            if (conns.allows(proto, port) !== n) bad.push(`${a.namespace}/${a.name} → ${b.namespace}/${b.name} ${proto} ${port}: row ${conns.allows(proto, port)} naive ${n}`);
          }
        }
        assert.deepEqual(bad, []);
      }), { numRuns: 100 });
    });
  }
});

describe('classRow rejects ids that are not classes', () => {
  const engine = buildPolicyEngine(fc.sample(world(false), { numRuns: 1, seed: 7 })[0].model, PROFILES[0]);
  for (const bad of [-1, engine.classCount, 0.5, Number.NaN]) {
    it(`classRow(${bad}) throws RangeError`, () => {
      assert.throws(() => engine.classRow(bad), RangeError);
    });
  }
});
