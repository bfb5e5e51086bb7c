import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../../questions/check/index.js';
import type { Finding } from '../../questions/check/types.js';
import { renderCheck, renderCheckJson, renderCheckSarif, renderCheckText } from './index.js';

const findings: Finding[] = [
  { code: 'AKS5001', severity: 'warning', resource: 'k1', message: 'cluster k1 uses kubenet', origin: { file: 'b.sh', line: 9, column: 1 } },
  { code: 'AKS2101', severity: 'error', resource: 'vnet/nodes', message: 'Pre-allocated IPs 310 exceeds IPs available 251', hint: 'a /23 subnet',
    origin: { file: 'dir with space/a.json', line: 3, column: 5, pointer: '/properties' } },
  { code: 'AKS1001', severity: 'error', resource: 'bad.json', message: 'invalid JSON', origin: { file: 'bad.json', line: 0, column: 0 } },
];
const report = { findings, rules: RULES };

test('text: sorted file:line:col lines with resource and hint, and a summary', () => {
  assert.equal(renderCheckText(report), [
    'b.sh:9:1: warning AKS5001 cluster k1 uses kubenet',
    '    resource: k1',
    'bad.json: error AKS1001 invalid JSON',
    '    resource: bad.json',
    'dir with space/a.json:3:5: error AKS2101 Pre-allocated IPs 310 exceeds IPs available 251',
    '    resource: vnet/nodes',
    '    hint: a /23 subnet',
    '2 errors, 1 warning, 0 info',
    '',
  ].join('\n'));
  assert.equal(renderCheckText({ findings: [], rules: RULES }), 'no findings\n');
});

test('json: findings with rule, severity, message, resource, location', () => {
  const doc = JSON.parse(renderCheckJson(report)) as { findings: Record<string, unknown>[]; summary: Record<string, number> };
  assert.deepEqual(doc.findings.map((f) => f.rule), ['AKS5001', 'AKS1001', 'AKS2101']);
  assert.deepEqual(doc.findings[2], {
    rule: 'AKS2101', severity: 'error', message: 'Pre-allocated IPs 310 exceeds IPs available 251', resource: 'vnet/nodes',
    location: { file: 'dir with space/a.json', line: 3, column: 5, pointer: '/properties' }, hint: 'a /23 subnet',
  });
  assert.deepEqual(doc.summary, { error: 2, warning: 1, info: 0 });
});

test('sarif: 2.1.0 with rules metadata, levels and regions', () => {
  const log = JSON.parse(renderCheckSarif(report));
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const rules = run.tool.driver.rules as { id: string; name: string; defaultConfiguration: { level: string } }[];
  assert.equal(rules.length, RULES.length + 1, 'registered rules plus the input diagnostic code');
  assert.ok(rules.some((r) => r.id === 'AKS1001'));
  const r2101 = rules.find((r) => r.id === 'AKS2101');
  assert.equal(r2101?.name, 'subnet-exhaustion');
  assert.equal(rules.find((r) => r.id === 'AKS2105')?.defaultConfiguration.level, 'note');
  const res = run.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[] }[];
  assert.deepEqual(res.map((x) => [x.ruleId, x.level]), [['AKS5001', 'warning'], ['AKS1001', 'error'], ['AKS2101', 'error']]);
  for (const x of res) assert.equal(rules[x.ruleIndex].id, x.ruleId);
  assert.equal(res[1].locations[0].physicalLocation.region, undefined, 'no region for an unknown line');
  assert.deepEqual(res[2].locations[0].physicalLocation, { artifactLocation: { uri: 'dir%20with%20space/a.json' }, region: { startLine: 3, startColumn: 5 } });
});

test('every format is deterministic regardless of input order', () => {
  for (const f of ['text', 'json', 'sarif'] as const) {
    assert.equal(renderCheck(f, report), renderCheck(f, { findings: [...findings].reverse(), rules: [...RULES].reverse() }));
  }
});
