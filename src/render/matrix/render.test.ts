// Table-driven tests of the matrix renderers on a hand-written answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConnSet, PortSet } from '../../engines/net/index.js';
import type { MatrixAnswer, MatrixPeer } from '../../questions/matrix/types.js';
import { MATRIX_FORMATS, renderMatrix } from './index.js';
import { comparePeers, peerName } from './names.js';
import { csvField } from './csv.js';
import { mdCell } from './md.js';

const fe: MatrixPeer = { kind: 'workload', namespace: 'default', name: 'frontend', workloadKind: 'Deployment' };
const be: MatrixPeer = { kind: 'workload', namespace: 'default', name: 'backend', workloadKind: 'Deployment' };
const ext: MatrixPeer = { kind: 'external', family: 4, lo: 0n, hi: 0xffffffffn };
const ic: MatrixPeer = { kind: 'ingress-controller' };

const tcp = (lo: number, hi = lo): ConnSet => ConnSet.of('TCP', PortSet.range(lo, hi));

/** The netpol-analysis-example-minimal answer, plus an ingress-controller line. */
const minimal: MatrixAnswer = {
  by: 'workload',
  engine: 'upstream',
  peers: [fe, be, ext, ic],
  entries: [
    { from: ext, to: fe, conns: tcp(8080) },
    { from: ext, to: be, conns: ConnSet.none() },
    { from: fe, to: ext, conns: ConnSet.of('UDP', PortSet.single(53)) },
    { from: be, to: ext, conns: ConnSet.none() },
    { from: fe, to: be, conns: tcp(9090) },
    { from: be, to: fe, conns: ConnSet.none() },
    { from: ic, to: fe, conns: tcp(8080) },
    { from: ic, to: be, conns: ConnSet.none() },
  ],
  diagnostics: [],
  probes: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 9090 }],
};

test('peer names follow netpol-analyzer spelling', () => {
  const cases: [MatrixPeer, string][] = [
    [{ kind: 'pod', namespace: 'x', name: 'a' }, 'x/a'],
    [fe, 'default/frontend[Deployment]'],
    [{ kind: 'namespace', name: 'kube-system' }, 'kube-system'],
    [ext, '0.0.0.0-255.255.255.255[External]'],
    [{ kind: 'external', family: 4, lo: 0x0a000000n, hi: 0x0affffffn }, '10.0.0.0-10.255.255.255[External]'],
    [{ kind: 'external', family: 6, lo: 0n, hi: (1n << 128n) - 1n }, '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]'],
    [ic, '{ingress-controller}'],
  ];
  for (const [p, want] of cases) assert.equal(peerName(p), want);
});

test('peers sort external first (by address), then by name, ingress controller last', () => {
  const e2: MatrixPeer = { kind: 'external', family: 4, lo: 10n, hi: 20n };
  const e1: MatrixPeer = { kind: 'external', family: 4, lo: 2n, hi: 9n };
  const sorted = [ic, fe, e2, be, e1].sort(comparePeers).map(peerName);
  assert.deepEqual(sorted, ['0.0.0.2-0.0.0.9[External]', '0.0.0.10-0.0.0.20[External]', 'default/backend[Deployment]', 'default/frontend[Deployment]', '{ingress-controller}']);
});

test('connlist txt: sorted lines, empty pairs omitted, ingress controller last', () => {
  assert.equal(renderMatrix(minimal, 'connlist'), [
    '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080',
    'default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53',
    'default/frontend[Deployment] => default/backend[Deployment] : TCP 9090',
    '{ingress-controller} => default/frontend[Deployment] : TCP 8080',
  ].join('\n'));
});

test('connlist json: array of src/dst/conn, 2-space indent', () => {
  const text = renderMatrix(minimal, 'connlist-json');
  assert.ok(text.startsWith('[\n  {\n    "src": "0.0.0.0-255.255.255.255[External]",\n    "dst": "default/frontend[Deployment]",\n    "conn": "TCP 8080"\n  },'));
  assert.equal((JSON.parse(text) as unknown[]).length, 4);
  assert.equal(renderMatrix({ ...minimal, entries: [] }, 'connlist-json'), '[]');
});

test('csv and md in netpol-analyzer shape, with quoting', () => {
  const multi: MatrixAnswer = { ...minimal, entries: [{ from: fe, to: be, conns: tcp(8080).union(ConnSet.of('UDP', PortSet.single(53))) }] };
  assert.equal(renderMatrix(multi, 'csv'), 'src,dst,conn\ndefault/frontend[Deployment],default/backend[Deployment],"TCP 8080,UDP 53"');
  assert.equal(renderMatrix(multi, 'md'),
    '| src | dst | conn |\n|-----|-----|------|\n| default/frontend[Deployment] | default/backend[Deployment] | TCP 8080,UDP 53 |');
  const cases: [string, string, string][] = [
    ['plain', 'plain', 'plain'],
    ['a,b', '"a,b"', 'a,b'],
    ['say "hi"', '"say ""hi"""', 'say "hi"'],
    ['a|b', 'a|b', 'a\\|b'],
  ];
  for (const [s, csv, md] of cases) {
    assert.equal(csvField(s), csv);
    assert.equal(mdCell(s), md);
  }
});

test('text truth tables: one per probe, # on the diagonal, ingress controller only as a row', () => {
  assert.equal(renderMatrix(minimal, 'text'), [
    'TCP/8080:',
    '-\t0.0.0.0-255.255.255.255[External]\tdefault/backend[Deployment]\tdefault/frontend[Deployment]',
    '0.0.0.0-255.255.255.255[External]\t#\tX\t.',
    'default/backend[Deployment]\tX\t#\tX',
    'default/frontend[Deployment]\tX\tX\t#',
    '{ingress-controller}\tX\tX\t.',
    '',
    'TCP/9090:',
    '-\t0.0.0.0-255.255.255.255[External]\tdefault/backend[Deployment]\tdefault/frontend[Deployment]',
    '0.0.0.0-255.255.255.255[External]\t#\tX\tX',
    'default/backend[Deployment]\tX\t#\tX',
    'default/frontend[Deployment]\tX\t.\t#',
    '{ingress-controller}\tX\tX\tX',
  ].join('\n'));
  assert.match(renderMatrix({ ...minimal, probes: [] }, 'text'), /no ports to probe/);
});

test('json: every ordered pair × probe in entries, and each pair\'s connection set', () => {
  const doc = JSON.parse(renderMatrix(minimal, 'json')) as {
    entries: { from: string; to: string; port: number; protocol: string; allowed: boolean }[];
    connections: { from: string; to: string; conn: string }[];
  };
  assert.equal(doc.entries.length, minimal.entries.length * 2);
  assert.deepEqual(doc.entries.find((e) => e.from === 'default/frontend[Deployment]' && e.to === 'default/backend[Deployment]' && e.port === 9090),
    { from: 'default/frontend[Deployment]', to: 'default/backend[Deployment]', port: 9090, protocol: 'TCP', allowed: true });
  assert.deepEqual(doc.entries.find((e) => e.from === 'default/frontend[Deployment]' && e.to === 'default/backend[Deployment]' && e.port === 8080)?.allowed, false);
  assert.deepEqual(doc.connections.find((c) => c.from === 'default/backend[Deployment]' && c.to === 'default/frontend[Deployment]')?.conn, 'No Connections');
});

test('dot and mermaid draw one node per peer and one edge per connected pair', () => {
  const dot = renderMatrix(minimal, 'dot');
  assert.match(dot, /^digraph \{\n\tsubgraph "cluster_default\[namespace\]" \{/);
  assert.match(dot, /\t"default\/frontend\[Deployment\]" -> "default\/backend\[Deployment\]" \[label="TCP 9090" color="gold2" fontcolor="darkgreen"\]/);
  assert.match(dot, /\t"0\.0\.0\.0-255\.255\.255\.255\[External\]" \[label="0\.0\.0\.0-255\.255\.255\.255\[External\]" color="red2" fontcolor="red2"\]/);
  assert.equal(dot.split('->').length - 1, 4);
  const mm = renderMatrix(minimal, 'mermaid');
  assert.match(mm, /^flowchart LR\n/);
  assert.match(mm, /n2 -->\|"TCP 9090"\| n1/);
  assert.equal(mm.split('-->').length - 1, 4);
});

test('every format is deterministic: entry order does not change the output', () => {
  fc.assert(fc.property(fc.shuffledSubarray(minimal.entries as MatrixAnswer['entries'][number][], { minLength: minimal.entries.length }), (shuffled) => {
    for (const f of MATRIX_FORMATS) {
      assert.equal(renderMatrix({ ...minimal, entries: shuffled, peers: [...minimal.peers].reverse() }, f), renderMatrix(minimal, f));
    }
  }), { numRuns: 50 });
});
