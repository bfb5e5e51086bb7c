// Lab names: prefixes, namespace and interface names within Linux's 15-character limit, recognising leftovers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hostVethIf, isPrefix, MAX_IFNAME, newPrefix, nodeNs, podNs, prefixOfNamespace, vnetIf, vnetNs } from './names.js';

test('newPrefix: ak + 4 hex digits from the random source, avoiding taken prefixes', () => {
  const cases: [number, string[], string][] = [
    [0, [], 'ak0000'],
    [0.5, [], 'ak8000'],
    [0.99999, [], 'akffff'],
  ];
  for (const [r, taken, want] of cases) assert.equal(newPrefix(() => r, new Set(taken)), want, `random ${r}`);
  const seq = [0, 0, 0.5];
  let i = 0;
  assert.equal(newPrefix(() => seq[i++] ?? 0.5, new Set(['ak0000'])), 'ak8000', 'skips a taken prefix');
  assert.throws(() => newPrefix(() => 0, new Set(['ak0000'])), /no free lab prefix/);
});

test('namespace and interface names fit in 15 characters for the largest labs', () => {
  const p = 'akffff';
  const names = [vnetNs(p), nodeNs(p, 9999), podNs(p, 99999), vnetIf(9999), hostVethIf(99999)];
  for (const n of names) assert.ok(n.length <= MAX_IFNAME, `${n} is ${n.length} characters`);
});

test('prefixOfNamespace: lab namespaces only', () => {
  const cases: [string, string | undefined][] = [
    ['ak12ab-vn', 'ak12ab'],
    ['ak12ab-n0', 'ak12ab'],
    ['ak12ab-p117', 'ak12ab'],
    ['ak12ab-x1', undefined],
    ['ak12AB-n0', undefined],
    ['akxyzw-n0', undefined],
    ['cni-1234', undefined],
    ['ak12ab', undefined],
  ];
  for (const [name, want] of cases) assert.equal(prefixOfNamespace(name), want, name);
  assert.equal(isPrefix('ak00ff'), true, 'valid prefix');
  assert.equal(isPrefix('ak00f'), false, 'too short');
});

test('every generated prefix is recognised and every name built from it maps back to it', () => {
  fc.assert(fc.property(fc.double({ min: 0, max: 0.9999999, noNaN: true }), fc.nat(999), (r, i) => {
    const p = newPrefix(() => r);
    assert.ok(isPrefix(p), `prefix ${p}`);
    for (const n of [vnetNs(p), nodeNs(p, i), podNs(p, i)]) assert.equal(prefixOfNamespace(n), p, `name ${n}`);
  }));
});
