// ARM templates end to end: parameters file over defaults, variables, nested and separate child resources,
// condition, copy, unmodelled types, and bad expressions reported at their line and column.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatCidr, formatIp } from '../../engines/net/index.js';
import type { SourceDocument } from '../../load/document.js';
import { parseSource } from '../../load/parse.js';
import { adaptDocuments } from '../index.js';
import { adaptArmTemplate, isParametersFile, matchParameterFiles } from './index.js';
import { ModelBuilder } from '../../model/model.js';
import { DiagnosticSink } from '../../model/diagnostic.js';
import { linkAzure } from '../aks/link.js';
import type { AdaptContext } from '../context.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): SourceDocument => parseSource(`testdata/${name}`, readFileSync(join(here, 'testdata', name), 'utf8')).docs[0]!;
const inline = (file: string, text: string): SourceDocument => parseSource(file, text).docs[0]!;

/** Runs the ARM adapter directly (parameters files are handled by it whatever the recogniser says). */
function adaptArm(docs: SourceDocument[]): { ctx: AdaptContext; model: ReturnType<ModelBuilder['build']> } {
  const ctx: AdaptContext = { builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] };
  for (const d of docs) adaptArmTemplate(d, ctx);
  linkAzure(ctx);
  return { ctx, model: ctx.builder.build() };
}

test('template + parameters file: the whole network', () => {
  const { ctx, model } = adaptArm([fixture('azuredeploy.parameters.json'), fixture('azuredeploy.json')]);
  const c = model.clusters[0]!;
  assert.equal(c.name, 'aks-kubenet');
  assert.equal(c.networkMode, 'kubenet');
  assert.deepEqual(c.podCidrs.map(formatCidr), ['10.250.0.0/16'], 'parameters file wins over defaultValue');
  assert.equal(formatIp(c.dnsServiceIp!), '10.0.0.10');
  assert.deepEqual(c.pools.map((p) => [p.name, p.mode, p.count, p.maxPods]), [['system', 'System', 4, 110], ['user', 'User', 2, 110]]);
  assert.deepEqual(c.pools[0]!.maxSurge, { kind: 'count', value: 1 }, 'k8s 1.26 → 1 node');
  assert.match(c.routeTableId!, /routetables\/rt-aks-kubenet$/, 'kubenet takes the node subnet\'s route table');
  assert.deepEqual(model.subnets.map((s) => s.name), ['snet-ilb', 'snet-nodes'], 'condition false: no bastion subnet');
  assert.equal(model.vnets[0]!.subnetIds.length, 2);
  assert.deepEqual(model.routeTables[0]!.routes.map((r) => r.name), ['to-fw', 'to-onprem'], 'embedded + separate route resource');
  assert.deepEqual(model.nsgs[0]!.rules.map((r) => [r.name, r.destinationPorts]), [['deny-ssh', ['22']]], 'nested child rule');
  assert.deepEqual(model.ignored.map((i) => [i.kind, i.reason]).sort(), [
    ['Microsoft.Network/virtualNetworks/subnets', 'condition is false: not deployed'],
    ['Microsoft.Storage/storageAccounts', 'resource type not modelled'],
  ]);
  const codes = ctx.diagnostics.items.map((d) => `${d.code} ${d.origin?.file}:${d.origin?.line}`);
  assert.deepEqual(codes, ['AKS1132 testdata/azuredeploy.parameters.json:7'], 'only the undeclared typoParam');
});

test('origins point into the template: the child route and the nested rule', () => {
  const { model } = adaptArm([fixture('azuredeploy.parameters.json'), fixture('azuredeploy.json')]);
  const route = model.routeTables[0]!.routes[1]!;
  assert.equal(route.origin.line, 29);
  assert.equal(model.nsgs[0]!.rules[0]!.origin.line, 42);
  assert.equal(model.clusters[0]!.pools[1]!.origin.line, 110);
});

test('without the parameters file: a parameter without default is an error at its declaration, the rest is read', () => {
  const { ctx, model } = adaptArm([fixture('azuredeploy.json')]);
  const d = ctx.diagnostics.items.find((x) => x.code === 'AKS1132')!;
  assert.equal(d.severity, 'error');
  assert.equal(d.origin?.line, 8);
  assert.equal(d.origin?.column, 5);
  assert.equal(model.clusters[0]!.pools[0]!.count, 1, 'unknown count → ARM default, recorded');
  assert.deepEqual(model.clusters[0]!.podCidrs.map(formatCidr), ['10.244.0.0/16']);
});

interface BadTemplate {
  name: string;
  text: string;
  code: string;
  line: number;
  column: number;
}
const bad: BadTemplate[] = [
  { name: 'syntax error in an expression', code: 'AKS1131', line: 5, column: 24,
    text: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "type": "x.y/z", "name": "[concat(\'a\']" }\n  ]\n}' },
  { name: 'unsupported function', code: 'AKS1130', line: 6, column: 5,
    text: '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    {\n      "type": "Microsoft.Network/virtualNetworks", "name": "v",\n    "location": "[reference(\'x\').location]"\n    }\n  ]\n}' },
  { name: 'copy loop', code: 'AKS1134', line: 4, column: 49,
    text: '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "type": "x.y/z", "name": "[concat(\'a\')]", "copy": { "name": "c", "count": 3 } }\n  ]\n}' },
  { name: 'undefined variable', code: 'AKS1133', line: 4, column: 24,
    text: '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "type": "x.y/z", "name": "[variables(\'nope\')]" }\n  ]\n}' },
  { name: 'circular variables', code: 'AKS1133', line: 3, column: 43,
    text: '{\n  "contentVersion": "1.0.0.0",\n  "variables": { "a": "[variables(\'b\')]", "b": "[variables(\'a\')]" },\n  "resources": [\n    { "type": "x.y/z", "name": "[variables(\'a\')]" }\n  ]\n}' },
  { name: 'resources not an array', code: 'AKS1138', line: 3, column: 3,
    text: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": {}\n}' },
  { name: 'invalid CIDR from a parameter', code: 'AKS1101', line: 6, column: 61,
    text: '{\n  "contentVersion": "1.0.0.0",\n  "parameters": { "p": { "type": "string", "defaultValue": "10.0.0.0/40" } },\n  "resources": [\n    { "type": "Microsoft.Network/virtualNetworks", "name": "v",\n      "properties": { "addressSpace": { "addressPrefixes": ["[parameters(\'p\')]"] } } }\n  ]\n}' },
];
for (const c of bad) {
  test(`bad template: ${c.name} → ${c.code} at ${c.line}:${c.column}`, () => {
    const r = adaptDocuments([inline('t.json', c.text)]);
    const hit = r.diagnostics.items.find((d) => d.code === c.code);
    assert.ok(hit, `expected ${c.code}, got ${r.diagnostics.items.map((d) => `${d.code}@${d.origin?.line}:${d.origin?.column}`).join(', ')}`);
    assert.equal(hit.origin?.line, c.line);
    assert.equal(hit.origin?.column, c.column);
  });
}

test('parameters files: recognised by schema or shape; matched by name, directory, or the only template', () => {
  assert.equal(isParametersFile(fixture('azuredeploy.parameters.json').value), true);
  assert.equal(isParametersFile({ parameters: { a: { value: 1 } } }), true);
  assert.equal(isParametersFile(fixture('azuredeploy.json').value), false);
  const m = matchParameterFiles(['a/main.json', 'a/other.json', 'b/only.json'],
    ['a/main.parameters.json', 'a/other.parameters.prod.json', 'b/params.json', 'c/lost.json']);
  assert.deepEqual([...m.entries()], [
    ['a/main.parameters.json', 'a/main.json'], ['a/other.parameters.prod.json', 'a/other.json'], ['b/params.json', 'b/only.json'], ['c/lost.json', undefined],
  ]);
});

test('a parameters file without its template is reported', () => {
  const { ctx } = adaptArm([fixture('azuredeploy.parameters.json')]);
  assert.deepEqual(ctx.diagnostics.items.map((d) => d.code), ['AKS1136']);
});

test('one broken template does not stop another', () => {
  const good = fixture('azuredeploy.json');
  const hostile: SourceDocument = { ...inline('bad.json', '{"contentVersion": "1.0.0.0", "resources": []}'),
    value: { contentVersion: '1.0.0.0', get resources(): unknown { throw new Error('boom'); } } };
  const { ctx, model } = adaptArm([hostile, good]);
  assert.ok(ctx.diagnostics.items.some((d) => d.code === 'AKS1999' && d.origin?.file === 'bad.json'));
  assert.equal(model.clusters.length, 1);
});
