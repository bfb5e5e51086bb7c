// The probe client: output parsing (never throws), and the client itself run against local listeners in this
// process's own namespace (no root needed): TCP connect, refused, UDP echo, UDP silence.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseProbeOutput, PROBE_CLIENT_SOURCE } from './probe-client.js';

test('parseProbeOutput: result lines only', () => {
  const text = [
    '{"id":0,"ms":3,"outcome":"allowed"}',
    'noise',
    '{"id":1,"ms":1000,"outcome":"blocked"}',
    '{"id":2,"ms":1,"outcome":"refused","detail":"ECONNREFUSED"}',
    '{"id":3,"outcome":"maybe"}',
    '{"id":"4","outcome":"allowed"}',
    '{broken',
  ].join('\n');
  assert.deepEqual(parseProbeOutput(text), [
    { id: 0, outcome: 'allowed', ms: 3 },
    { id: 1, outcome: 'blocked', ms: 1000 },
    { id: 2, outcome: 'refused', ms: 1, detail: 'ECONNREFUSED' },
  ]);
});

test('parseProbeOutput never throws', () => {
  fc.assert(fc.property(fc.string(), (s) => {
    assert.ok(Array.isArray(parseProbeOutput(s)), 'an array');
  }));
  fc.assert(fc.property(fc.jsonValue(), (v) => {
    assert.ok(Array.isArray(parseProbeOutput(JSON.stringify(v))), 'an array');
  }));
});

test('the client against local listeners: TCP allowed, TCP refused, UDP echo allowed, UDP silence blocked', async (t) => {
  const tcp = net.createServer((s) => s.end());
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const tcpPort = (tcp.address() as net.AddressInfo).port;
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const echo = dgram.createSocket('udp4');
  echo.on('message', (m, from) => echo.send(m, from.port, from.address));
  await new Promise<void>((r) => echo.bind(0, '127.0.0.1', r));
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'aksnet-probe-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'probe.mjs');
  writeFileSync(file, PROBE_CLIENT_SOURCE);
  const targets = [
    { id: 0, ip: '127.0.0.1', port: tcpPort, protocol: 'TCP' },
    { id: 1, ip: '127.0.0.1', port: closedPort, protocol: 'TCP' },
    { id: 2, ip: '127.0.0.1', port: echo.address().port, protocol: 'UDP' },
    { id: 3, ip: '127.0.0.1', port: silent.address().port, protocol: 'UDP' },
  ];
  // Run asynchronously so this process keeps serving the listeners.
  const { spawn } = await import('node:child_process');
  const out = await new Promise<string>((resolve) => {
    const c = spawn(process.execPath, [file, '600', '8'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let o = '';
    c.stdout.on('data', (d: Buffer) => (o += d.toString()));
    c.on('close', () => resolve(o));
    c.stdin.end(JSON.stringify(targets));
  });
  tcp.close();
  echo.close();
  silent.close();
  const byId = new Map(parseProbeOutput(out).map((r) => [r.id, r.outcome]));
  assert.deepEqual([0, 1, 2, 3].map((i) => byId.get(i)), ['allowed', 'refused', 'allowed', 'blocked']);
  assert.equal(spawnSync(process.execPath, ['--check', file]).status, 0, 'the client source is valid JavaScript');
});
