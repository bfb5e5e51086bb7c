// Table-driven rule tests: each case is a sketched model and the exact findings the rule must report for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Severity } from '../../../model/diagnostic.js';
import { runRules } from '../run.js';
import { buildSketch, type ModelSketch } from '../sketch.js';
import type { CheckRule } from '../types.js';

/** One expected finding: its severity, resource, and a piece of text its message must contain. */
export interface Expect {
  readonly severity: Severity;
  readonly resource: string;
  readonly message: string;
  /** Text the hint must contain; absent = not checked. */
  readonly hint?: string;
}

/** A named sketch and the findings expected of it (empty = the model passes the rule). */
export interface RuleCase {
  readonly name: string;
  readonly sketch: ModelSketch;
  readonly today?: string;
  readonly expect: readonly Expect[];
}

/** Registers one test per case: the rule's findings must match `expect` one to one, in sorted order. */
export function ruleCases(rule: CheckRule, cases: readonly RuleCase[]): void {
  for (const c of cases) {
    test(`${rule.id} ${rule.slug}: ${c.name}`, () => {
      const model = buildSketch(c.sketch);
      const found = runRules([rule], model, { today: c.today ?? '2026-01-01' });
      const summary = found.map((f) => `${f.severity} ${f.resource}: ${f.message}`).join('\n');
      assert.equal(found.length, c.expect.length, `findings:\n${summary}`);
      c.expect.forEach((e, i) => {
        const f = found[i];
        assert.equal(f.code, rule.id);
        assert.equal(f.severity, e.severity, summary);
        assert.equal(f.resource, e.resource, summary);
        assert.ok(f.message.includes(e.message), `message ${JSON.stringify(f.message)} lacks ${JSON.stringify(e.message)}`);
        if (e.hint !== undefined) assert.ok((f.hint ?? '').includes(e.hint), `hint ${JSON.stringify(f.hint)} lacks ${JSON.stringify(e.hint)}`);
        assert.ok(f.origin && f.origin.line > 0, 'finding has a source position');
      });
    });
  }
}
