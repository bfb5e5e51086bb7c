// `aksnet matrix` end to end on the upstream e2e fixture, plus flag parsing tables and usage errors.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { main } from '../main.js';
import { UsageError } from '../output.js';
import { buildSketch, type SketchCluster } from '../../questions/check/sketch.js';
import { defaultEngine, parsePorts, parseProtocols } from './matrix.js';
import { tempDir } from '../../testing/temp.js';

const BASE = 'test/e2e-upstream/base';
const CASE3 = 'test/e2e-upstream/cases/03-ingress-from-pod-selector';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['matrix', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('parsePorts: lists and short ranges; anything else is a usage error', () => {
  const ok: [string, number[]][] = [
    ['80', [80]],
    ['80,81', [80, 81]],
    [' 443 , 8000-8002', [443, 8000, 8001, 8002]],
    ['65535', [65535]],
  ];
  for (const [text, want] of ok) assert.deepEqual(parsePorts(text), want, text);
  for (const bad of ['', '0', '65536', 'http', '90-80', '1-65535', '8o']) {
    assert.throws(() => parsePorts(bad), UsageError, bad);
  }
});

test('parseProtocols: case-insensitive TCP/UDP/SCTP; anything else is a usage error', () => {
  assert.deepEqual(parseProtocols('tcp,UDP, Sctp'), ['TCP', 'UDP', 'SCTP']);
  for (const bad of ['', 'ICMP', 'tcp,http']) assert.throws(() => parseProtocols(bad), UsageError, bad);
});

test('flag parsers never throw anything but a UsageError', () => {
  fc.assert(fc.property(fc.string(), (s) => {
    for (const f of [parsePorts, parseProtocols]) {
      try {
        f(s);
      } catch (e) {
        assert.ok(e instanceof UsageError, `${String(e)}`);
      }
    }
  }), { numRuns: 300 });
});

test('--by pod --format json: every ordered pair of pods for every requested port/protocol', async () => {
  const r = await run([BASE, CASE3, '--by', 'pod', '--format', 'json', '--ports', '80,81', '--protocols', 'TCP,UDP']);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { entries: { from: string; to: string; port: number; protocol: string; allowed: boolean }[] };
  assert.equal(doc.entries.length, 9 * 8 * 4);
  const find = (from: string, to: string, port: number, protocol: string): boolean | undefined =>
    doc.entries.find((e) => e.from === from && e.to === to && e.port === port && e.protocol === protocol)?.allowed;
  const cases: [string, string, number, string, boolean][] = [
    ['x/b', 'x/a', 80, 'TCP', true],
    ['x/c', 'x/a', 80, 'TCP', false],
    ['y/b', 'x/a', 81, 'UDP', false],
    ['x/a', 'y/b', 80, 'TCP', true],
    ['z/c', 'x/b', 81, 'UDP', true],
  ];
  for (const [from, to, port, protocol, want] of cases) assert.equal(find(from, to, port, protocol), want, `${from} → ${to} ${protocol}/${port}`);
});

test('--by workload --format connlist: netpol-analyzer lines with external ranges', async () => {
  const r = await run([BASE, CASE3, '--by', 'workload', '--format', 'connlist']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.ok(lines.includes('0.0.0.0-255.255.255.255[External] => x/b[Pod] : All Connections'));
  assert.ok(lines.includes('x/b[Pod] => x/a[Pod] : All Connections'));
  assert.ok(!lines.some((l) => l.startsWith('x/c[Pod] => x/a[Pod]')), 'x/c → x/a is denied, so not listed');
  assert.deepEqual([...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), lines, 'lines are sorted');
});

test('--engine and --ipblock-pods reach the engine profile', async () => {
  const ipCase = 'test/e2e-upstream/cases/34-egress-to-cidr-block';
  const allowed = async (extra: string[]): Promise<boolean> => {
    const r = await run([BASE, ipCase, '--by', 'pod', '--format', 'json', '--ports', '80', '--protocols', 'TCP', ...extra]);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as { entries: { from: string; to: string; allowed: boolean }[] };
    return doc.entries.find((e) => e.from === 'x/a' && e.to === 'y/b')?.allowed ?? false;
  };
  assert.equal(await allowed(['--engine', 'upstream']), true);
  assert.equal(await allowed(['--engine', 'upstream', '--ipblock-pods', 'ignore']), false);
  assert.equal(await allowed(['--engine', 'cilium']), false);
  assert.equal(await allowed(['--engine', 'cilium', '--ipblock-pods', 'match']), true);
});

test('usage errors and unusable input exit 2 with a message, no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [[BASE, '--by', 'cluster'], /--by must be one of pod, workload, namespace/],
    [[BASE, '--format', 'svg'], /--format must be one of/],
    [[BASE, '--engine', 'weave'], /--engine must be one of/],
    [[BASE, '--ipblock-pods', 'maybe'], /--ipblock-pods must be one of match, ignore/],
    [[BASE, '--ports', 'http'], /--ports/],
  ];
  for (const [args, msg] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, msg);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
  const dir = tempDir('aksnet-matrix-');
  writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
  const r = await run([dir]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /broken\.yaml:\d+:\d+: error AKS\d{4}/);
});

test('documents that are not manifests: an error inside a file of manifests, a warning for a whole stray file; --verbose lists what was not read', async () => {
  const dir = tempDir('aksnet-matrix-docs-');
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: []}\n';
  const cases: { name: string; files: [string, string][]; code: number; diag: RegExp; verbose?: RegExp }[] = [
    { name: 'mixed file', files: [['m.yaml', `${pod}---\nnamespaceList: x\npodList: y\n`]], code: 2, diag: /m\.yaml:6:1: error AKS1317 document 2 of this file/ },
    { name: 'stray JSON file beside manifests', files: [['m.yaml', pod], ['out.json', '[{"src": "a", "dst": "b", "conn": "All Connections"}]']], code: 0, diag: /out\.json:1:1: warning AKS1318 /, verbose: /skipped: .*out\.json:1: not a recognised artefact/ },
    { name: 'empty documents are fine', files: [['m.yaml', `---\n# nothing\n---\n${pod}---\n`]], code: 0, diag: /^$/ },
    { name: 'an unknown core kind', files: [['m.yaml', `${pod}---\napiVersion: v1\nkind: Podgfg\nmetadata: {name: q}\n`]], code: 2, diag: /m\.yaml:7:1: error AKS1315 v1 has no kind Podgfg/ },
    { name: 'ignored objects are listed with --verbose', files: [['m.yaml', `${pod}---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n`]], code: 0, diag: /^$/, verbose: /skipped: .*m\.yaml:6: Secret \(v1\) s: kind Secret of v1 is not modelled/ },
  ];
  for (const c of cases) {
    const sub = mkdtempSync(join(dir, 'c-'));
    for (const [name, text] of c.files) writeFileSync(join(sub, name), text);
    const r = await run([sub, '--verbose']);
    assert.equal(r.code, c.code, `${c.name}: exit code; stderr: ${r.err}`);
    assert.match(c.diag.source === '^$' ? r.err.split('\n').filter((l) => /AKS\d{4}/.test(l)).join('\n') : r.err, c.diag, c.name);
    if (c.verbose) assert.match(r.err, c.verbose, `${c.name}: --verbose`);
    assert.match(r.err, /^read \d+ file\(s\)$/m, `${c.name}: --verbose prints the file count`);
  }
});

test('defaultEngine: the cluster\'s networkPolicy through chooseEngine; none shows upstream with a warning', () => {
  const cases: { name: string; clusters: SketchCluster[]; want: string }[] = [
    { name: 'no cluster', clusters: [], want: 'upstream {} -' },
    { name: 'azure', clusters: [{ name: 'a', pools: [], policy: 'azure' }], want: 'azure-npm {} -' },
    { name: 'calico', clusters: [{ name: 'a', pools: [], policy: 'calico' }], want: 'calico {} -' },
    { name: 'cilium on 1.32', clusters: [{ name: 'a', pools: [], policy: 'cilium', dataplane: 'cilium', kubernetesVersion: '1.32' }], want: 'cilium {"endPort":true} -' },
    { name: 'cilium on 1.31', clusters: [{ name: 'a', pools: [], policy: 'cilium', dataplane: 'cilium', kubernetesVersion: '1.31' }], want: 'cilium {"endPort":false} -' },
    { name: 'none', clusters: [{ name: 'a', pools: [], policy: 'none' }], want: 'upstream {} AKS3605 warning' },
    { name: 'two clusters', clusters: [{ name: 'a', pools: [], policy: 'calico' }, { name: 'b', pools: [], policy: 'azure' }], want: 'upstream {} -' },
  ];
  for (const c of cases) {
    const r = defaultEngine(buildSketch({ clusters: c.clusters }));
    assert.equal(`${r.engine} ${JSON.stringify(r.options)} ${r.note ? `${r.note.code} ${r.note.severity}` : '-'}`, c.want, c.name);
  }
});
