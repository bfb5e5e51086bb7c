import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseSource } from './parse.js';
import { getAt } from './document.js';
import { recognizeValue } from './recognize.js';

describe('parseSource: JSON with positions', () => {
  const text = '{\n  "name": "aks1",\n  "agentPoolProfiles": [\n    { "name": "np1", "count": 3 }\n  ]\n}\n';
  const cases: { path: (string | number)[]; line: number; column: number }[] = [
    { path: [], line: 1, column: 1 },
    { path: ['name'], line: 2, column: 3 },
    { path: ['agentPoolProfiles'], line: 3, column: 3 },
    { path: ['agentPoolProfiles', 0], line: 4, column: 5 },
    { path: ['agentPoolProfiles', 0, 'count'], line: 4, column: 22 },
    // A missing field points at its nearest existing ancestor.
    { path: ['agentPoolProfiles', 0, 'maxPods'], line: 4, column: 5 },
  ];
  for (const c of cases) {
    it(`locates /${c.path.join('/')} at ${c.line}:${c.column}`, () => {
      const { docs, diagnostics } = parseSource('c.json', text);
      assert.equal(diagnostics.length, 0);
      assert.deepEqual(docs[0]!.position(c.path), { line: c.line, column: c.column });
    });
  }
  it('reads values', () => {
    const { docs } = parseSource('c.json', text);
    assert.equal(getAt(docs[0]!.value, ['agentPoolProfiles', 0, 'count']), 3);
  });
});

describe('parseSource: syntax errors become diagnostics with line and column', () => {
  const cases: { name: string; file: string; text: string; code: string; line: number }[] = [
    { name: 'missing comma', file: 'a.json', text: '{\n  "a": 1\n  "b": 2\n}', code: 'AKS1001', line: 3 },
    { name: 'unterminated', file: 'a.json', text: '{\n  "a": [1, 2\n', code: 'AKS1001', line: 3 },
    { name: 'tab indentation in yaml', file: 'a.yaml', text: 'a: 1\n\tb: 2\n', code: 'AKS1002', line: 2 },
    { name: 'misaligned yaml sequence', file: 'a.yaml', text: 'a: 1\nb:\n  - x\n - y\n', code: 'AKS1002', line: 4 },
    { name: 'duplicate yaml key', file: 'a.yaml', text: 'kind: Pod\nkind: Service\n', code: 'AKS1002', line: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { diagnostics } = parseSource(c.file, c.text);
      assert.ok(diagnostics.length > 0, 'expected a diagnostic');
      assert.equal(diagnostics[0]!.code, c.code);
      assert.equal(diagnostics[0]!.origin?.line, c.line);
      assert.ok((diagnostics[0]!.origin?.column ?? 0) >= 1);
    });
  }
  it('keeps the valid documents of a multi-document YAML file with one broken document', () => {
    const { docs, diagnostics } = parseSource('m.yaml', 'kind: A\napiVersion: v1\n---\nkind: [\n---\nkind: C\napiVersion: v1\n');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(docs.map((d) => (d.value as { kind: string }).kind), ['A', 'C']);
    assert.equal(docs[1]!.position(['kind']).line, 6);
  });
});

describe('parseSource: format by content', () => {
  it('treats az scripts as shell', () => {
    const { docs } = parseSource('create.sh', 'az group create -n rg -l westeurope\n');
    assert.equal(docs[0]!.format, 'shell');
  });
  it('treats a script without extension but with az commands as shell', () => {
    const { docs } = parseSource('commands', '#!/bin/bash\naz aks create -g rg -n aks\n');
    assert.equal(docs[0]!.format, 'shell');
  });
  it('reads JSON from a .yaml file name when the content is JSON', () => {
    const { docs } = parseSource('x.yaml', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}');
    assert.equal(docs[0]!.format, 'json');
  });
});

describe('recognizeValue', () => {
  const cases: { name: string; value: unknown; kind: string }[] = [
    { name: 'ARM template', value: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [] }, kind: 'arm-template' },
    { name: 'terraform plan', value: { format_version: '1.2', planned_values: {} }, kind: 'terraform-plan' },
    { name: 'aks show', value: { type: 'Microsoft.ContainerService/ManagedClusters', name: 'a' }, kind: 'az-aks-cluster' },
    { name: 'nodepool', value: { type: 'Microsoft.ContainerService/managedClusters/agentPools', name: 'np' }, kind: 'az-nodepool' },
    { name: 'vnet', value: { type: 'Microsoft.Network/virtualNetworks', name: 'v' }, kind: 'az-vnet' },
    { name: 'subnet', value: { type: 'Microsoft.Network/virtualNetworks/subnets', name: 's' }, kind: 'az-subnet' },
    { name: 'nsg', value: { type: 'Microsoft.Network/networkSecurityGroups', name: 'n' }, kind: 'az-nsg' },
    { name: 'route table', value: { type: 'Microsoft.Network/routeTables', name: 'r' }, kind: 'az-route-table' },
    { name: 'kubernetes', value: { apiVersion: 'v1', kind: 'Pod' }, kind: 'kubernetes' },
    { name: 'native', value: { apiVersion: 'aksnet/v1', kind: 'Network' }, kind: 'native' },
    { name: 'untyped aks show', value: { name: 'a', agentPoolProfiles: [] }, kind: 'az-aks-cluster' },
    { name: 'something else', value: { hello: 'world' }, kind: 'unknown' },
    { name: 'a scalar', value: 42, kind: 'unknown' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(recognizeValue(c.value), c.kind));
});

describe('parsers never throw', () => {
  it('on arbitrary text as JSON or YAML', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('a.json', 'a.yaml', 'a.sh', 'a'), (text, file) => {
        const r = parseSource(file, text);
        for (const d of r.docs) d.position(['a', 0, 'b']);
        return true;
      }),
      { numRuns: 500 },
    );
  });
  it('on JSON-ish text built from JSON values with damage', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (v, cut) => {
        const s = JSON.stringify(v, null, 2) ?? '';
        parseSource('x.json', s.slice(0, cut % (s.length + 1)));
        parseSource('x.yaml', s.slice(0, cut % (s.length + 1)));
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
