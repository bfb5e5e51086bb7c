import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_FACTS, KUBENET_RETIREMENT } from '../../model/facts.js';
import { main } from '../main.js';
import type { Io } from '../output.js';
import { allFacts, formatFactValue, renderFacts } from './facts.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('aksnet facts', () => {
  it('lists every fact of ALL_FACTS, sorted by id', () => {
    const ids = allFacts().map((f) => f.id);
    for (const f of ALL_FACTS) assert.ok(ids.includes(f.id), `${f.id} is listed`);
    assert.deepEqual(ids, [...ids].sort(), 'sorted');
    assert.equal(new Set(ids).size, ids.length, 'unique');
  });
  const values: [unknown, string][] = [['2028-03-31', '2028-03-31'], [5, '5'], [true, 'true'], [{ a: 1 }, '{"a":1}'], [['x', 'y'], '["x","y"]']];
  for (const [v, want] of values) it(`value ${JSON.stringify(v)} prints as ${want}`, () => assert.equal(formatFactValue(v), want));
  it('text: id = value, then as-of date and source', async () => {
    const r = await run(['facts', 'KUBENET_RETIREMENT']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.split('\n')[0], `KUBENET_RETIREMENT = ${KUBENET_RETIREMENT.value}`);
    assert.match(r.out, new RegExp(`as of ${KUBENET_RETIREMENT.asOf}, source: `));
    assert.match(r.out, /\n1 facts$/);
  });
  it('json: {"facts": [{id, value, asOf, source}]}', async () => {
    const r = await run(['facts', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as { facts: { id: string; value: unknown; asOf: string; source: string }[] };
    assert.equal(doc.facts.length, allFacts().length);
    const k = doc.facts.find((f) => f.id === 'KUBENET_RETIREMENT');
    assert.deepEqual(k && { value: k.value, asOf: k.asOf }, { value: KUBENET_RETIREMENT.value, asOf: KUBENET_RETIREMENT.asOf });
  });
  it('a filter that matches nothing, or a bad --format, exits 2', async () => {
    assert.equal((await run(['facts', 'NO_SUCH_FACT_ID'])).code, 2);
    assert.equal((await run(['facts', '--format', 'yaml'])).code, 2);
  });
  it('output is identical across runs', () => assert.equal(renderFacts(allFacts(), 'text'), renderFacts(allFacts(), 'text')));
});
