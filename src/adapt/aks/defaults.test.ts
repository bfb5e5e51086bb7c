// Pure decisions: network mode derivation, maxSurge parsing, version comparison, ARM ids.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { deriveNetworkMode, parseSurge, versionAtLeast, type NetworkPlugin } from './defaults.js';
import { parentId, parseArmId, typeOfId } from './ids.js';

const modeTable: [NetworkPlugin, boolean, boolean, string][] = [
  ['azure', true, false, 'azure-cni-overlay'],
  ['azure', true, true, 'azure-cni-overlay'],
  ['azure', false, true, 'azure-cni-pod-subnet'],
  ['azure', false, false, 'azure-cni-node-subnet'],
  ['kubenet', false, false, 'kubenet'],
  ['none', false, false, 'byo-cni'],
];
for (const [plugin, overlay, podSubnet, mode] of modeTable) {
  test(`deriveNetworkMode(${plugin}, overlay=${overlay}, podSubnet=${podSubnet}) = ${mode}`, () => {
    assert.equal(deriveNetworkMode(plugin, overlay, podSubnet), mode);
  });
}

const surgeTable: [unknown, string | undefined][] = [
  ['1', 'count:1'], [' 3 ', 'count:3'], [0, 'count:0'], [5, 'count:5'], ['33%', 'percent:33'], ['100%', 'percent:100'],
  ['0%', undefined], ['101%', undefined], ['-1', undefined], [-1, undefined], [1.5, undefined], ['1.5', undefined], ['ten', undefined],
  ['', undefined], [null, undefined], [true, undefined],
];
for (const [input, expected] of surgeTable) {
  test(`parseSurge(${JSON.stringify(input)}) = ${expected ?? 'invalid'}`, () => {
    const s = parseSurge(input);
    assert.equal(s ? `${s.kind}:${s.value}` : undefined, expected);
  });
}

test('parseSurge never throws', () => {
  fc.assert(fc.property(fc.anything(), (v) => {
    parseSurge(v);
  }));
});

const versionTable: [string | undefined, string, boolean | undefined][] = [
  ['1.27', '1.27', true], ['1.26.9', '1.27', false], ['v1.30.1', '1.27', true], ['2.0', '1.27', true], ['1.100', '1.27', true],
  ['latest', '1.27', undefined], [undefined, '1.27', undefined],
];
for (const [v, min, expected] of versionTable) {
  test(`versionAtLeast(${v}, ${min}) = ${expected}`, () => assert.equal(versionAtLeast(v, min), expected));
}

test('ARM ids: parse, type, parent', () => {
  const id = '/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/V/subnets/S1';
  assert.deepEqual(parseArmId(id), { subscription: 'S', resourceGroup: 'RG', provider: 'Microsoft.Network', segments: [['virtualNetworks', 'V'], ['subnets', 'S1']] });
  assert.equal(typeOfId(id), 'microsoft.network/virtualnetworks/subnets');
  assert.equal(parentId(id), '/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v');
  assert.equal(parseArmId('not/an/id'), undefined);
  assert.equal(parentId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'), undefined);
});

test('parseArmId never throws', () => {
  fc.assert(fc.property(fc.string(), (s) => {
    parseArmId(s);
    parentId(s);
  }));
});
