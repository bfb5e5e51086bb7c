// Property tests on random small models: the class engine, decide() and the naive reference agree on every flow under
// every profile, and adding an allow rule to a NetworkPolicy never removes connectivity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NormalizedPolicy } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import type { EngineProfile } from './profile.js';
import { np } from './testing/builders.js';
import { npRuleArb, PROBES, PROFILES, world, type World } from './testing/arbitraries.js';

function disagreements(w: World, profile: EngineProfile): string[] {
  const engine = buildPolicyEngine(w.model, profile);
  const out: string[] = [];
  for (const a of w.endpoints) for (const b of w.endpoints) {
    const conns = engine.connections(a, b);
    for (const [proto, port] of PROBES) {
      const c = conns.allows(proto, port);
      const d = engine.decide(a, b, proto, port).allowed;
      const n = naiveAllowed(w.model, profile, a, b, proto, port);
      if (c !== n || d !== n) out.push(`${profile.name}: ${JSON.stringify([a.kind, b.kind, proto, port])} conns=${c} decide=${d} naive=${n}`);
    }
  }
  return out;
}

describe('engine ≡ decide ≡ naive on random models', () => {
  for (const profile of PROFILES) {
    it(`${profile.name} (ipBlock matches pods: ${profile.ipblockMatchesPods}) with NP, ANP and BANP`, () => {
      fc.assert(fc.property(world(true), (w) => {
        assert.deepEqual(disagreements(w, profile), []);
      }), { numRuns: 150 });
    });
  }
});

describe('adding an allow rule never removes connectivity (NetworkPolicy-only models)', () => {
  for (const profile of PROFILES) {
    it(profile.name, () => {
      fc.assert(fc.property(world(false), fc.nat(), fc.boolean(), npRuleArb('from'), npRuleArb('to'), (w, pick, ingress, inRule, egRule) => {
        const nps = w.model.policies;
        fc.pre(nps.length > 0);
        const target = nps[pick % nps.length];
        const extra = np('tmp', 'tmp', ingress ? { ingress: [inRule] } : { policyTypes: ['Egress'], egress: [egRule] });
        const ns = target.namespace ?? 'x';
        const added = extra.rules.map((r) => ({
          ...r, index: target.rules.filter((x) => x.direction === r.direction).length,
          // Re-scope pod-only peers to the target policy's namespace, as the translation would.
          peers: r.peers === 'any' ? r.peers : r.peers.map((p) => (p.kind === 'pods' && p.namespaces.op === 'eq' && p.namespaces.value === 'tmp'
            ? { ...p, namespaces: { ...p.namespaces, value: ns } } : p)),
        }));
        const grown: NormalizedPolicy = { ...target, rules: [...target.rules, ...added] };
        const after = { ...w.model, policies: w.model.policies.map((p) => (p === target ? grown : p)) };
        const e1 = buildPolicyEngine(w.model, profile);
        const e2 = buildPolicyEngine(after, profile);
        for (const a of w.endpoints) for (const b of w.endpoints) {
          const before = e1.connections(a, b);
          const now = e2.connections(a, b);
          assert.ok(before.isSubsetOf(now), `${before.toString()} ⊄ ${now.toString()}`);
        }
      }), { numRuns: 100 });
    });
  }
});
