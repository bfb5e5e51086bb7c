// Probe concurrency: how many source pods are probed at once, by CPU count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultProbeSources } from './lab.js';

test('defaultProbeSources: twice the CPUs, between 2 and 8', () => {
  const cases: { cpus: number; want: number }[] = [
    { cpus: 1, want: 2 },
    { cpus: 2, want: 4 },
    { cpus: 3, want: 6 },
    { cpus: 4, want: 8 },
    { cpus: 64, want: 8 },
  ];
  for (const c of cases) assert.equal(defaultProbeSources(c.cpus), c.want, `${c.cpus} CPUs`);
});
