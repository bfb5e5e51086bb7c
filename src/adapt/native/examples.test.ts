// Every shipped example script, Terraform plan and native file adapts without error diagnostics (examples/broken
// excepted: it is wrong on purpose, and must still adapt without throwing).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSource } from '../../load/parse.js';
import { documentKind } from '../index.js';
import { adaptText } from '../azcli/script/testing.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'examples');

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Example files whose documents are az scripts, Terraform plans or native documents. */
const mine = files(ROOT).filter((f) => {
  const { docs } = parseSource(f, readFileSync(f, 'utf8'));
  return docs.some((d) => ['az-script', 'terraform-plan', 'native'].includes(documentKind(d)));
});

describe('examples adapt without errors', () => {
  it('finds the script, plan and native examples', () => assert.ok(mine.length >= 5, `found ${mine.join(', ')}`));
  for (const f of mine) {
    const rel = f.slice(ROOT.length + 1);
    it(rel, () => {
      const { diagnostics, model } = adaptText(f, readFileSync(f, 'utf8'));
      if (rel.startsWith('broken')) {
        assert.ok(model.clusters.length === 1, 'the broken design still yields its cluster');
        return;
      }
      assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
      assert.ok(model.clusters.length >= 1, 'a cluster');
    });
  }
});
