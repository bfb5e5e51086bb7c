// Lab names: prefixes, namespace and interface names within Linux's 15-character limit, recognising leftovers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hostVethIf, isPrefix, macOfIndex, macOfIp, MAX_IFNAME, newPrefix, nodeNs, podNs, prefixOfNamespace, vnetIf, vnetNs } from './names.js';

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

test('macOfIp: 0a:58 + the address bytes; not an IPv4 address → undefined', () => {
  const cases: [string, string | undefined][] = [
    ['10.244.0.2', '0a:58:0a:f4:00:02'],
    ['255.255.255.255', '0a:58:ff:ff:ff:ff'],
    ['0.0.0.0', '0a:58:00:00:00:00'],
    ['10.244.0', undefined],
    ['10.244.0.256', undefined],
    ['fd00::1', undefined],
    ['', undefined],
  ];
  for (const [ip, want] of cases) assert.equal(macOfIp(ip), want, ip);
});

const UNICAST_LOCAL_MAC = /^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/;

test('MACs are locally administered unicast, distinct per address and per index; macOfIp never throws', () => {
  fc.assert(fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
    const ma = macOfIp(a);
    assert.ok(ma && UNICAST_LOCAL_MAC.test(ma), `${a} → ${ma}`);
    assert.equal(ma === macOfIp(b), a === b);
  }));
  fc.assert(fc.property(fc.string(), (s) => {
    const m = macOfIp(s);
    assert.ok(m === undefined || UNICAST_LOCAL_MAC.test(m));
  }));
  fc.assert(fc.property(fc.nat(3), fc.nat(0xffffff), fc.nat(0xffffff), (kind, i, j) => {
    assert.match(macOfIndex(kind, i), UNICAST_LOCAL_MAC);
    assert.equal(macOfIndex(kind, i) === macOfIndex(kind, j), i === j);
    assert.notEqual(macOfIndex(kind, i).slice(0, 5), '0a:58', 'never collides with an address-derived MAC');
  }));
});
