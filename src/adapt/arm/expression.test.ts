// ARM expressions: parser and evaluator tables, and fuzzing (never throws on any input).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { classifyTemplateString, parseExpression } from './expression.js';
import { evaluate, UNKNOWN, type ArmValue, type EvalEnv } from './evaluate.js';

const PARAMS: Record<string, ArmValue> = { vnetName: 'vnet-a', subnetName: 'snet-b', count: 3, flag: true, obj: { inner: { x: 'deep' } }, list: ['a', 'b'] };
const VARS: Record<string, ArmValue> = { prefix: 'pre', vnetId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v' };

function run(text: string): { value: ArmValue; reports: string[] } {
  const reports: string[] = [];
  const env: EvalEnv = {
    parameter: (n) => (n in PARAMS ? PARAMS[n]! : (reports.push(`AKS1132 ${n}`), UNKNOWN)),
    variable: (n) => (n in VARS ? VARS[n]! : (reports.push(`AKS1133 ${n}`), UNKNOWN)),
    report: (code, _s, message) => reports.push(`${code} ${message}`),
  };
  const c = classifyTemplateString(text);
  switch (c.kind) {
    case 'literal':
      return { value: c.value, reports };
    case 'error':
      return { value: UNKNOWN, reports: [`syntax ${c.message}`] };
    case 'expression':
      return { value: evaluate(c.expr, env), reports };
  }
}

const SYN = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg';
const table: [string, ArmValue][] = [
  ['plain text', 'plain text'],
  ['[[not an expression]', '[not an expression]'],
  ["[parameters('vnetName')]", 'vnet-a'],
  ["[variables('prefix')]", 'pre'],
  ["[concat(variables('prefix'), '-', parameters('count'))]", 'pre-3'],
  ["[concat(parameters('list'), createArray('c'))]", ['a', 'b', 'c']],
  ["[format('{0}/{1}', parameters('vnetName'), parameters('subnetName'))]", 'vnet-a/snet-b'],
  ["[format('{0:D}-{{x}}', 5)]", '5-{x}'],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'snet')]",
    `${SYN}/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/snet`],
  ["[resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'v')]",
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/v'],
  ["[resourceId('sub1', 'rg1', 'Microsoft.Network/routeTables', 'rt')]", '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/routeTables/rt'],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v/s')]", `${SYN}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`],
  ["['it''s']", "it's"],
  ['[42]', 42],
  ['[-7]', -7],
  ["[toLower('ABC')]", 'abc'],
  ["[toUpper('abc')]", 'ABC'],
  ["[resourceGroup().name]", 'rg'],
  ["[resourceGroup().location]", 'location'],
  ["[subscription().subscriptionId]", '00000000-0000-0000-0000-000000000000'],
  ["[if(parameters('flag'), 'yes', parameters('missing'))]", 'yes'],
  ["[if(equals(parameters('count'), 4), 'four', 'other')]", 'other'],
  ["[equals('a', 'a')]", true],
  ["[not(equals(1, 2))]", true],
  ["[and(true(), false())]", false],
  ["[or(true(), false())]", true],
  ["[empty('')]", true],
  ["[length(parameters('list'))]", 2],
  ["[parameters('obj').inner.x]", 'deep'],
  ["[parameters('obj')['inner']['x']]", 'deep'],
  ["[parameters('list')[1]]", 'b'],
  ["[createObject('a', 1).a]", 1],
  ["[add(parameters('count'), 2)]", 5],
  ["[div(7, 2)]", 3],
  ["[string(parameters('count'))]", '3'],
  ["[int('12')]", 12],
  ["[split('a,b', ',')]", ['a', 'b']],
  ["[replace('a-b', '-', '_')]", 'a_b'],
  ["[last(split(variables('vnetId'), '/'))]", 'v'],
  ["[coalesce(null(), 'x')]", 'x'],
  ["[substring('abcdef', 1, 3)]", 'bcd'],
  ["[contains(parameters('list'), 'a')]", true],
  ["[uniqueString('a')]", run("[uniqueString('a')]").value],
];
test('a string that does not end with ] is a literal', () => {
  assert.deepEqual(run("[concat('a'").value, "[concat('a'");
});

for (const [text, expected] of table) {
  test(`evaluate ${text}`, () => {
    const r = run(text);
    assert.deepEqual(r.value, expected);
    assert.deepEqual(r.reports, []);
  });
}

test('uniqueString is deterministic, 13 characters, and differs by input', () => {
  const a = run("[uniqueString('a')]").value;
  const b = run("[uniqueString('b')]").value;
  assert.equal(typeof a === 'string' && a.length, 13);
  assert.equal(a, run("[uniqueString('a')]").value);
  assert.notEqual(a, b);
});

const failures: [string, string][] = [
  ["[reference('x').fqdn]", 'AKS1130 function reference() is not evaluated; the value is unknown'],
  ['[utcNow()]', 'AKS1130 function utcNow() is not evaluated; the value is unknown'],
  ["[parameters('missing')]", 'AKS1132 missing'],
  ["[variables('nope')]", 'AKS1133 nope'],
  ["[concat('a', reference('x'))]", 'AKS1130 function reference() is not evaluated; the value is unknown'],
  ["[resourceId('nonsense')]", 'AKS1135 resourceId(): expects 2 to 16 arguments, got 1'],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v')]", 'AKS1135 resourceId(): resource type Microsoft.Network/virtualNetworks/subnets needs 2 name segment(s), got 1'],
  ["[format('{1}', 'a')]", 'AKS1135 format(): the format string "{1}" refers to a missing argument'],
  ["[div(1, 0)]", 'AKS1135 div(): division by zero'],
  ["[parameters('obj').nothing]", 'AKS1135 the object has no property nothing'],
  ["[concat('a']", 'syntax expected "," or ")" but found the end of the expression'],
  ["[concat('a)]", 'syntax unterminated string literal'],
  ['[concat(]', 'syntax expected a function call, string or number but found the end of the expression'],
  ['[concat(,)]', 'syntax expected a function call, string or number but found ","'],
  ['[a b]', 'syntax expected "(" but found "b"'],
  ["['x'] extra]", 'syntax unexpected "]" after the expression'],
  ['[#]', 'syntax unexpected character "#"'],
];
for (const [text, report] of failures) {
  test(`failure: ${text}`, () => {
    const r = run(text);
    assert.equal(r.value, UNKNOWN);
    assert.deepEqual(r.reports, [report]);
  });
}

test('deep nesting is reported, not a stack overflow', () => {
  const text = '[' + 'concat('.repeat(5000) + "'x'" + ')'.repeat(5000) + ']';
  const r = parseExpression(text.slice(1, -1));
  assert.equal(r.ok, false);
});

const fnName = fc.constantFrom('concat', 'format', 'parameters', 'variables', 'resourceId', 'if', 'equals', 'toLower', 'uniqueString',
  'createArray', 'length', 'reference', 'substring', 'div', 'split', 'empty', 'resourceGroup', 'subscription', 'createObject', 'last');
const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    fc.string().map((s) => `'${s.replace(/'/g, "''")}'`),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.tuple(fnName, fc.array(tie('e'), { maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('e'), fc.constantFrom('.name', '.x', '[0]', "['k']")).map(([e, s]) => e + s),
  ),
})).e;

test('fuzz: well-formed expressions never throw', () => {
  fc.assert(fc.property(exprArb, (e) => {
    run(`[${e}]`);
  }), { numRuns: 2000 });
});

test('fuzz: arbitrary strings never throw', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
    run(s);
    run(`[${s}]`);
  }), { numRuns: 2000 });
});
