// Calico selector language: evaluation tables (after Calico's parser_test.go), rejection with the column,
// canonical form, round trip, and a never-throw fuzz.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchSelector } from '../../../engines/policy/selector.js';
import { evaluateSelector, parseCalicoSelector, printSelector, toModelSelector, type CalicoAst } from './index.js';

function parse(s: string): CalicoAst {
  const r = parseCalicoSelector(s);
  if (!r.ok) throw new Error(`${s}: ${r.error.message} at ${r.error.offset}`);
  return r.ast;
}

type L = Record<string, string>;
const EVAL: [string, L[], L[]][] = [
  ['a == "b"', [{ a: 'b' }, { a: 'b', c: 'd' }], [{}, { a: 'c' }, { c: 'd' }]],
  ['a == "b" && c == "d"', [{ a: 'b', c: 'd' }], [{}, { a: 'b', c: 'e' }, { a: 'c', c: 'd' }, { c: 'd' }, { a: 'b' }]],
  ['a == "b" || c == "d"', [{ a: 'b', c: 'd' }, { a: 'b' }, { c: 'd' }], [{}, { a: 'e', c: 'e' }, { c: 'e' }, { a: 'e' }]],
  [`a in {"'", '"', "c"}`, [{ a: 'c' }, { a: '"' }, { a: "'" }], [{}, { a: 'e' }]],
  [`a not in {"'", '"', "c"}`, [{}, { a: 'e' }], [{ a: 'c' }, { a: '"' }, { a: "'" }]],
  ["a == 'a'", [{ a: 'a' }], [{ a: 'b' }, {}]],
  ['a != "b"', [{ a: 'a' }, {}], [{ a: 'b' }]],
  ['a contains "a"', [{ a: 'a' }, { a: 'bab' }, { a: 'aaa', b: 'c' }], [{}, { a: 'b' }, { b: 'aaa' }]],
  ['a starts with "a"', [{ a: 'a' }, { a: 'abb' }], [{}, { a: 'b' }, { a: 'baa' }, { b: 'aaa' }]],
  ['a ends with "a"', [{ a: 'a' }, { a: 'bba' }], [{}, { a: 'b' }, { a: 'aab' }, { b: 'aaa' }]],
  ['a startswith "a"', [{ a: 'abb' }], [{ a: 'baa' }]],
  ['a endswith "a"', [{ a: 'bba' }], [{ a: 'aab' }]],
  ['a contains ""', [{ a: '' }, { a: 'x' }], [{}]],
  ['!a in {"a"}', [{ a: 'b' }, {}], [{ a: 'a' }]],
  ['a in {"a", "b"}', [{ a: 'a' }, { a: 'b' }], [{ a: 'c' }, {}]],
  ['a in {}', [], [{}, { a: '' }]],
  ['a not in {}', [{}, { a: '' }], []],
  ['a in {"a", }', [{ a: 'a' }], [{ a: 'b' }]],
  ['a notin {"d"}', [{ a: 'a' }, {}], [{ a: 'd' }]],
  ['a not   in {"d"}', [{ a: 'a' }], [{ a: 'd' }]],
  ['has(a)', [{ a: 'b' }, { a: '' }], [{ b: 'b' }]],
  ['has( a )', [{ a: 'b' }], [{}]],
  ['!has(a)', [{ b: 'b' }], [{ a: 'b' }]],
  ['! has(a)', [{}], [{ a: 'b' }]],
  ['!!has(b)', [{ b: '' }], [{ a: 'b' }]],
  ['!!! has(a)', [{}], [{ a: 'b' }]],
  ['!! ! has(a)', [{}], [{ a: 'b' }]],
  ['', [{}, { a: 'b' }], []],
  [' \t', [{}], []],
  ['all()', [{}, { a: 'b' }], []],
  ['all( )', [{}], []],
  ['global()', [{}, { a: 'b' }], []],
  ['!all()', [], [{}, { a: 'b' }]],
  ["a != 'a1' && !b == 'b1'", [{ a: 'x', b: 'x' }], [{ a: 'a1', b: 'b1' }, { a: 'x', b: 'b1' }]],
  ["!a == 'a1' && b == 'b1'", [{ b: 'b1' }], [{ a: 'a1', b: 'b1' }]],
  ['!(!has(a) || has(b))', [{ a: 'a' }], [{ a: 'a', b: '' }, {}]],
  ["! a == 'a1' || ! b == 'b1'", [{ a: 'a1' }], [{ a: 'a1', b: 'b1' }]],
  ['a == "1" || b == "2" && c == "3"', [{ a: '1' }, { b: '2', c: '3' }], [{ b: '2' }, { c: '3' }]],
  ['(a == "1" || b == "2") && c == "3"', [{ a: '1', c: '3' }], [{ a: '1' }, { b: '2' }]],
  ['contains == "x"', [{ contains: 'x' }], [{}]],
  ['in in {"x"}', [{ in: 'x' }], [{}]],
  ['has == "x"', [{ has: 'x' }], [{}]],
  ['A == "b"', [{ A: 'b' }], [{ a: 'b' }, { A: 'B' }]],
  ['app == "web" && tier != \'db\'', [{ app: 'web' }, { app: 'web', tier: 'cache' }], [{ app: 'web', tier: 'db' }]],
  ['owner contains \'a"b\'', [{ owner: 'xa"by' }], [{ owner: 'ab' }]],
  ['projectcalico.org/namespace == "x"', [{ 'projectcalico.org/namespace': 'x' }], [{}]],
  ['1a.b/c-d_e == "v"', [{ '1a.b/c-d_e': 'v' }], [{}]],
  [`${'k'.repeat(512)} == "v"`, [{ ['k'.repeat(512)]: 'v' }], [{}]],
];

describe('Calico selectors: evaluation', () => {
  for (const [sel, yes, no] of EVAL) {
    it(JSON.stringify(sel.length > 60 ? sel.slice(0, 60) + '…' : sel), () => {
      const ast = parse(sel);
      const model = toModelSelector(ast);
      const again = parse(printSelector(ast));
      for (const l of yes) {
        assert.equal(evaluateSelector(ast, l), true, `should match ${JSON.stringify(l)}`);
        assert.equal(matchSelector(model, l), true, `model selector should match ${JSON.stringify(l)}`);
        assert.equal(evaluateSelector(again, l), true, `canonical form should match ${JSON.stringify(l)}`);
      }
      for (const l of no) {
        assert.equal(evaluateSelector(ast, l), false, `should not match ${JSON.stringify(l)}`);
        assert.equal(matchSelector(model, l), false, `model selector should not match ${JSON.stringify(l)}`);
        assert.equal(evaluateSelector(again, l), false, `canonical form should not match ${JSON.stringify(l)}`);
      }
    });
  }
});

// [selector, 0-based offset of the error]
const BAD: [string, number][] = [
  ['b == b', 5],
  ['b contains b', 11],
  ['b starts with b', 14],
  ['b ends with b', 12],
  ["'b1' == b", 0],
  ['b', 1],
  ['a b', 2],
  ['!', 1],
  ['foo == "bar" &', 13],
  ['foo == "bar" |', 13],
  ['foo != ||', 7],
  ['foo in {"", ||', 12],
  ['foo in ""', 7],
  ['"FOO', 0],
  [`"FOO'`, 0],
  ["'FOO", 0],
  ['(', 1],
  ['(a == "foo"', 11],
  [')', 0],
  ['()', 1],
  ['%', 0],
  ['a == "b" && %', 12],
  ['a == "b" || %', 12],
  ['a ', 2],
  ['has(foo) &&', 11],
  ['has()', 4],
  ['has(a', 5],
  ['has (a)', 4],
  ['all', 3],
  ['all ()', 4],
  ['a = "b"', 2],
  ['a in {,"b"}', 6],
  ['a in {"a" "b"}', 10],
  ['a containsx "b"', 2],
  ['a starts wit "b"', 2],
  ['a not "b"', 2],
  ['a == "b" c == "d"', 9],
  ['a == "b"\n', 8],
  ['a ==\r"b"', 4],
  [`${'k'.repeat(513)} == "v"`, 0],
];

describe('Calico selectors: rejection with the offset', () => {
  for (const [sel, offset] of BAD) {
    it(JSON.stringify(sel.length > 40 ? sel.slice(0, 40) + '…' : sel), () => {
      const r = parseCalicoSelector(sel);
      assert.equal(r.ok, false, 'must be rejected');
      if (!r.ok) assert.equal(r.error.offset, offset, r.error.message);
    });
  }
});

const CANON: [string, string][] = [
  ['', 'all()'],
  [' all() ', 'all()'],
  [' (all() )', 'all()'],
  ['! (has( b)||! has(a ))', '!(has(b) || !has(a))'],
  ['! (a == "b"&&! c != "d")', '!(a == "b" && !c != "d")'],
  [`a == "'"`, `a == "'"`],
  [`a == '"'`, `a == '"'`],
  [`a contains '"'`, `a contains '"'`],
  [`a startswith '"'`, `a starts with '"'`],
  [`a endswith "'"`, `a ends with "'"`],
  [`a!='"'`, `a != '"'`],
  ['a in {"d", "a", "b"}', 'a in {"a", "b", "d"}'],
  ['a in {"z", "z", "x", "y", "x", "a"}', 'a in {"a", "x", "y", "z"}'],
  ["env in {'prod', \"canary\", 'prod'}", 'env in {"canary", "prod"}'],
  ['role notin {"db"} && has(app)', '(role not in {"db"} && has(app))'],
  ['a in {}', 'a in {}'],
  ["!(k == 'v')", '!k == "v"'],
  ["!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))", '!(!((k == "v" && has(t)) || all()) && a in {"b", "c"})'],
  ['a == "1" && b == "2" && c == "3"', '(a == "1" && b == "2" && c == "3")'],
  ['(a == "1" && b == "2") && c == "3"', '((a == "1" && b == "2") && c == "3")'],
  ['!!has(a)', 'has(a)'],
  ['global( )', 'global()'],
  ["app == 'web' && tier != 'db'", '(app == "web" && tier != "db")'],
];

describe('Calico selectors: canonical form', () => {
  for (const [input, want] of CANON) {
    it(`${JSON.stringify(input)} → ${want}`, () => {
      const canon = printSelector(parse(input));
      assert.equal(canon, want);
      assert.equal(printSelector(parse(canon)), canon, 'canonical form is a fixed point');
    });
  }
});

describe('Calico selectors: properties', () => {
  const key = fc.constantFrom('a', 'b', 'app', 'x.y/z');
  const str = fc.constantFrom('', 'a', 'b', "it's", 'say "hi"');
  const leaf: fc.Arbitrary<CalicoAst> = fc.oneof(
    fc.constant({ t: 'all' } as const),
    key.map((k) => ({ t: 'has', key: k } as const)),
    fc.tuple(key, fc.constantFrom('==', '!=', 'contains', 'starts with', 'ends with') , str)
      .map(([k, op, v]) => ({ t: 'cmp', op, key: k, value: v } as const)),
    fc.tuple(key, fc.constantFrom('in', 'not in'), fc.uniqueArray(str, { maxLength: 3 }))
      .map(([k, op, vs]) => ({ t: 'set', op, key: k, values: [...vs].sort() } as const)),
  );
  const tree: fc.Arbitrary<CalicoAst> = fc.letrec<{ n: CalicoAst }>((tie) => ({
    n: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('n').map((x) => ({ t: 'not', arg: x } as const)),
      fc.array(tie('n'), { minLength: 2, maxLength: 3 }).map((args) => ({ t: 'and', args } as const)),
      fc.array(tie('n'), { minLength: 2, maxLength: 3 }).map((args) => ({ t: 'or', args } as const))),
  })).n;
  const labels = fc.dictionary(key, str, { maxKeys: 3 });

  it('print → parse gives a tree with the same result on every label map', () => {
    fc.assert(fc.property(tree, labels, (t, l) => {
      const text = printSelector(t);
      const back = parse(text);
      assert.equal(evaluateSelector(back, l), evaluateSelector(t, l), text);
      assert.equal(matchSelector(toModelSelector(back), l), evaluateSelector(t, l), text);
      assert.equal(printSelector(back), printSelector(parse(printSelector(back))), 'stable');
    }), { numRuns: 300 });
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const r = parseCalicoSelector(s);
      assert.ok(r.ok || (r.error.offset >= 0 && r.error.offset <= s.length), 'offset inside the text');
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(fc.constantFrom('a', ' ', '(', ')', '!', '&&', '||', '==', '!=', '"x"', "'y'", 'in', 'not', '{', '}', ',', 'has(', 'all()', 'global()', 'contains', 'starts', 'with'), { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      const r = parseCalicoSelector(s);
      assert.ok(r.ok || (r.error.offset >= 0 && r.error.offset <= s.length), 'offset inside the text');
    }), { numRuns: 3000 });
  });
});
