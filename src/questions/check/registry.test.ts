// Every registered rule: unique id and slug, its own file and test, a doc page that matches the generated one, and
// examples that behave (the failing one reports the rule, the passing one does not). Docs and registry agree both ways.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { runCheck } from './index.js';
import { DOC_TODAY, renderRuleDoc, ruleDocFile } from './rule-doc.js';
import { RULES } from './rules/index.js';
import { runRules } from './run.js';
import { buildSketch, type ModelSketch } from './sketch.js';

const DOCS = 'docs/rules';
const RULES_DIR = 'src/questions/check/rules';
const UPDATE = process.env.AKSNET_UPDATE === '1';

test('rule ids and slugs are unique and well-formed', () => {
  assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
  assert.equal(new Set(RULES.map((r) => r.slug)).size, RULES.length);
  for (const r of RULES) {
    assert.match(r.id, /^AKS[235]\d{3}$/, r.id);
    assert.match(r.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.slug);
  }
  assert.deepEqual(RULES.map((r) => r.id), [...RULES.map((r) => r.id)].sort());
});

for (const rule of RULES) {
  test(`${rule.id} ${rule.slug}: file, test, doc and examples`, () => {
    assert.ok(existsSync(join(RULES_DIR, `${rule.slug}.ts`)), `missing ${RULES_DIR}/${rule.slug}.ts`);
    assert.ok(existsSync(join(RULES_DIR, `${rule.slug}.test.ts`)), `missing ${RULES_DIR}/${rule.slug}.test.ts`);
    const failing = runRules([rule], buildSketch(rule.examples.failing), { today: DOC_TODAY });
    assert.ok(failing.length > 0, 'the failing example reports nothing');
    assert.ok(failing.every((f) => f.code === rule.id && !f.message.startsWith('internal error')));
    assert.deepEqual(runRules([rule], buildSketch(rule.examples.passing), { today: DOC_TODAY }), [], 'the passing example reports');
    const path = join(DOCS, ruleDocFile(rule));
    const want = renderRuleDoc(rule);
    if (UPDATE) writeFileSync(path, want);
    assert.ok(existsSync(path), `missing ${path} (run npm test -- --update)`);
    assert.equal(readFileSync(path, 'utf8'), want, `${path} is out of date (run npm test -- --update)`);
  });
}

test('every rule doc belongs to a registered rule', () => {
  const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  assert.deepEqual(docs, RULES.map(ruleDocFile).sort());
  const readme = readFileSync(join(DOCS, 'README.md'), 'utf8');
  for (const r of RULES) assert.ok(readme.includes(`[${r.id}](${ruleDocFile(r)})`), `README.md does not list ${r.id}`);
});

test('the rules never fail internally on arbitrary sketched models', () => {
  const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }))
    .map(([a, b, p]) => `${a}.${b}.0.0/${Math.max(p, 0)}`);
  const pool = fc.record({
    name: fc.constantFrom('system', 'user', 'win', 'Bad_Name'),
    count: fc.integer({ min: 0, max: 2000 }),
    maxCount: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    maxPods: fc.integer({ min: 0, max: 400 }),
    maxSurge: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom('10%', '33%', '100%')),
    os: fc.constantFrom('Linux' as const, 'Windows' as const),
    subnet: fc.option(fc.constantFrom('v/a', 'v/b', 'w/a', 'x/missing'), { nil: undefined }),
    podSubnet: fc.option(fc.constantFrom('v/b', 'w/a'), { nil: undefined }),
    podIpAllocation: fc.constantFrom('DynamicIndividual' as const, 'StaticBlock' as const),
  });
  const cluster = fc.record({
    name: fc.constantFrom('c1', 'c2', 'c3'),
    mode: fc.constantFrom('kubenet' as const, 'azure-cni-node-subnet' as const, 'azure-cni-pod-subnet' as const,
      'azure-cni-overlay' as const, 'byo-cni' as const, 'self-managed' as const),
    policy: fc.constantFrom('none' as const, 'azure' as const, 'calico' as const, 'cilium' as const),
    podCidr: cidr, serviceCidr: cidr,
    nodeCidrMaskSize: fc.integer({ min: 0, max: 32 }),
    outboundType: fc.constantFrom('loadBalancer' as const, 'userDefinedRouting' as const, 'managedNATGateway' as const, 'block' as const),
    allocatedOutboundPorts: fc.integer({ min: 0, max: 64000 }),
    outboundIps: fc.integer({ min: 0, max: 5 }),
    pools: fc.array(pool, { minLength: 0, maxLength: 4 }),
  });
  const sketch: fc.Arbitrary<ModelSketch> = fc.record({
    vnets: fc.constant([
      { name: 'v', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'a', prefix: '10.0.0.0/24', routeTable: 'rt' }, { name: 'b', prefix: '10.0.0.0/28' }],
        peerings: [{ name: 'p', remote: 'w' }] },
      { name: 'w', addressSpace: ['10.0.0.0/8'], subnets: [{ name: 'a', prefix: '10.0.0.0/30' }] }]),
    routeTables: fc.constant([{ name: 'rt', routes: [{ name: 'd', prefix: '0.0.0.0/0', nextHopType: 'Internet' as const }] }]),
    onPremises: fc.array(cidr, { maxLength: 2 }),
    clusters: fc.array(cluster, { maxLength: 3 }),
  });
  fc.assert(fc.property(sketch, fc.constantFrom('2020-01-01', '2030-12-31', 'not-a-date'), (s, today) => {
    const findings = runCheck(buildSketch(s), { today });
    return findings.every((f) => !f.message.startsWith('internal error') && f.resource !== undefined);
  }), { numRuns: 200 });
});
