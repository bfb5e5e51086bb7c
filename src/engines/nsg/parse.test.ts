import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IpSet, parseCidr, parseIp, PortSet } from '../net/index.js';
import type { NsgRule } from '../../model/azure.js';
import { entryMatches, resolveAddressEntry } from './address.js';
import { makeNsgContext } from './context.js';
import { evaluateNsg } from './evaluate.js';
import { resolvePorts } from './ports.js';

const CTX = makeNsgContext({ virtualNetwork: IpSet.fromCidr(parseCidr('10.0.0.0/16')!.cidr) });

describe('resolvePorts', () => {
  const cases: { entries: string[]; ranges: [number, number][]; any: boolean; invalid: string[] }[] = [
    { entries: ['*'], ranges: [[1, 65535]], any: true, invalid: [] },
    { entries: ['80'], ranges: [[80, 80]], any: false, invalid: [] },
    { entries: ['80', '443'], ranges: [[80, 80], [443, 443]], any: false, invalid: [] },
    { entries: ['80,443'], ranges: [[80, 80], [443, 443]], any: false, invalid: [] },
    { entries: ['1000-2000'], ranges: [[1000, 2000]], any: false, invalid: [] },
    { entries: [' 22 - 23 '], ranges: [[22, 23]], any: false, invalid: [] },
    { entries: ['0-65535'], ranges: [[1, 65535]], any: true, invalid: [] },
    { entries: ['2000-1000', '65536', 'http', '08', ''], ranges: [], any: false, invalid: ['2000-1000', '65536', 'http', '08', ''] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.entries), () => {
      const r = resolvePorts(c.entries);
      assert.deepEqual(r.ports.ranges(), c.ranges);
      assert.equal(r.any, c.any);
      assert.deepEqual(r.invalid, c.invalid);
    });
  }
  it('never throws, and valid single ports are contained (fuzz)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), (entries) => {
      const r = resolvePorts(entries);
      assert.ok(r.ports instanceof PortSet, 'a PortSet');
    }));
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (p) => {
      assert.ok(resolvePorts([String(p)]).ports.contains(p), 'port contained');
    }));
  });
});

describe('resolveAddressEntry', () => {
  const cases: { text: string; kind: string; tag?: string }[] = [
    { text: '*', kind: 'any' },
    { text: 'Any', kind: 'any' },
    { text: '10.0.0.0/8', kind: 'set' },
    { text: '10.0.0.5', kind: 'set' },
    { text: 'fd00::/8', kind: 'set' },
    { text: 'VirtualNetwork', kind: 'set', tag: 'VirtualNetwork' },
    { text: 'INTERNET', kind: 'set', tag: 'Internet' },
    { text: 'AzureLoadBalancer', kind: 'set', tag: 'AzureLoadBalancer' },
    { text: 'Storage.WestEurope', kind: 'unknown-tag' },
    { text: '10.0.0.0/33', kind: 'invalid' },
    { text: '10.0.0.1-10.0.0.9', kind: 'invalid' },
  ];
  for (const c of cases) {
    it(c.text, () => {
      const e = resolveAddressEntry(c.text, CTX);
      assert.equal(e.kind, c.kind);
      if (c.tag) assert.equal(e.kind === 'set' ? e.tag : undefined, c.tag);
    });
  }
  it('Internet and VirtualNetwork are disjoint; private space outside the VNet is in neither', () => {
    assert.equal(CTX.internet.overlaps(CTX.virtualNetwork), false);
    const p = parseIp('192.168.1.1')!;
    assert.equal(entryMatches(resolveAddressEntry('Internet', CTX), p), false);
    assert.equal(entryMatches(resolveAddressEntry('VirtualNetwork', CTX), p), false);
    assert.equal(entryMatches(resolveAddressEntry('Internet', CTX), parseIp('8.8.8.8')!), true);
  });
  it('never throws on any text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const e = resolveAddressEntry(s, CTX);
      entryMatches(e, parseIp('10.0.0.1')!);
    }));
  });
});

describe('evaluateNsg never throws on arbitrary rules (fuzz)', () => {
  const str = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('*', 'Internet', 'VirtualNetwork', '10.0.0.0/16', '80', '1-100'));
  const ruleArb: fc.Arbitrary<NsgRule> = fc.record({
    name: fc.string({ maxLength: 8 }), priority: fc.integer({ min: -5, max: 70000 }),
    direction: fc.constantFrom('Inbound' as const, 'Outbound' as const), access: fc.constantFrom('Allow' as const, 'Deny' as const),
    protocol: fc.constantFrom('Tcp' as const, 'Udp' as const, 'Icmp' as const, 'Esp' as const, 'Ah' as const, '*' as const),
    sourceAddresses: fc.array(str, { maxLength: 3 }), sourcePorts: fc.array(str, { maxLength: 3 }),
    destinationAddresses: fc.array(str, { maxLength: 3 }), destinationPorts: fc.array(str, { maxLength: 3 }),
    sourceAsgIds: fc.array(fc.string({ maxLength: 6 }), { maxLength: 1 }), destinationAsgIds: fc.constant([]),
    origin: fc.constant({ file: 'f', line: 1, column: 1 }),
  });
  it('every flow gets Allow or Deny', () => {
    fc.assert(fc.property(fc.array(ruleArb, { maxLength: 6 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 65535 }),
      (rules, v, port) => {
        const flow = { protocol: 'TCP' as const, srcIp: { family: 4 as const, value: BigInt(v) }, srcPort: 1000, dstIp: parseIp('10.0.0.4')!, dstPort: port };
        const r = evaluateNsg({ id: 'n', name: 'n', origin: { file: 'f', line: 1, column: 1 }, rules }, 'Inbound', flow, CTX);
        assert.ok(r.access === 'Allow' || r.access === 'Deny', 'Allow or Deny');
      }));
  });
});
