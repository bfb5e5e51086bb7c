import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_FACTS } from './facts.js';

describe('facts table', () => {
  it('has unique ids', () => {
    const seen = new Set<string>();
    for (const f of ALL_FACTS) {
      assert.ok(!seen.has(f.id), `duplicate fact id ${f.id}`);
      seen.add(f.id);
    }
  });
  it('dates every fact and names its source', () => {
    for (const f of ALL_FACTS) {
      assert.match(f.asOf, /^\d{4}-\d{2}-\d{2}$/, `${f.id} asOf`);
      assert.ok(f.source.length > 3, `${f.id} has a source`);
    }
  });
});
