// Version parsing and ordering: the forms Azure and Kubernetes write, and what is not a version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareVersions, parseMinorVersion } from './version.js';

test('parseMinorVersion: major and minor of the forms AKS writes', () => {
  const cases: { text: string | undefined; want: [number, number] | undefined }[] = [
    { text: '1.30.6', want: [1, 30] },
    { text: 'v1.27', want: [1, 27] },
    { text: ' 1.31', want: [1, 31] },
    { text: '1.32.0-preview', want: [1, 32] },
    { text: '1', want: undefined },
    { text: 'latest', want: undefined },
    { text: '', want: undefined },
    { text: undefined, want: undefined },
  ];
  for (const c of cases) assert.deepEqual(parseMinorVersion(c.text), c.want, String(c.text));
});

test('compareVersions: numeric part by part, missing parts are 0', () => {
  const cases: { a: string; b: string; sign: -1 | 0 | 1 }[] = [
    { a: '1.27.3', b: '1.27', sign: 1 },
    { a: '1.27', b: '1.27.0', sign: 0 },
    { a: '1.9', b: '1.10', sign: -1 },
    { a: 'v1.30', b: '1.30', sign: 0 },
    { a: '1.x', b: '1.0', sign: 0 },
    { a: '2', b: '1.99.99', sign: 1 },
  ];
  for (const c of cases) assert.equal(Math.sign(compareVersions(c.a, c.b)), c.sign, `${c.a} vs ${c.b}`);
});

test('version functions never throw, and compareVersions is antisymmetric', () => {
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
    parseMinorVersion(a);
    return Math.sign(compareVersions(a, b)) === -Math.sign(compareVersions(b, a));
  }), { numRuns: 300 });
});
