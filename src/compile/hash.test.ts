import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base36, fnv1a32, hex, sha256 } from './hash.js';

describe('fnv1a32', () => {
  const cases: { input: string; want: number }[] = [
    { input: '', want: 0x811c9dc5 },
    { input: 'a', want: 0xe40c292c },
    { input: 'foobar', want: 0xbf9cf968 },
  ];
  for (const c of cases) it(`hashes '${c.input}'`, () => assert.equal(fnv1a32(c.input), c.want));
});

describe('sha256', () => {
  const cases: { input: string; want: string }[] = [
    { input: '', want: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { input: 'abc', want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ];
  for (const c of cases) it(`hashes '${c.input}'`, () => assert.equal(hex(sha256(c.input)), c.want));
  it('agrees with node:crypto on any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      assert.equal(hex(sha256(s)), createHash('sha256').update(s, 'utf8').digest('hex'), `input ${JSON.stringify(s)}`);
    }));
  });
});

describe('base36', () => {
  it('writes bytes as one number', () => {
    assert.equal(base36(new Uint8Array([1, 0])), (256).toString(36));
    assert.equal(base36(new Uint8Array([0])), '0');
  });
});
