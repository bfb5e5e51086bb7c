// What the lab needs: root and the commands of iproute2, iptables, ipset and socat; a clear message otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAB_CODES } from './codes.js';
import { checkRequirements, hasCommand } from './requirements.js';

test('checkRequirements: nothing to say when root with every command', () => {
  assert.deepEqual(checkRequirements({ isRoot: true, has: () => true }), []);
  // conntrack is optional
  assert.deepEqual(checkRequirements({ isRoot: true, has: (c) => c !== 'conntrack' }), []);
});

test('checkRequirements: one error naming what is missing and the Debian packages', () => {
  const cases: [boolean, string[], RegExp[]][] = [
    [false, [], [/must run as root/]],
    [true, ['ipset'], [/ipset \(Debian package ipset\)/]],
    [true, ['ip', 'socat'], [/ip \(Debian package iproute2\)/, /socat \(Debian package socat\)/]],
    [false, ['iptables-restore'], [/must run as root/, /iptables-restore \(Debian package iptables\)/]],
  ];
  for (const [isRoot, missing, patterns] of cases) {
    const d = checkRequirements({ isRoot, has: (c) => !missing.includes(c) });
    assert.equal(d.length, 1, `root=${isRoot} missing=${missing.join(',')}`);
    assert.equal(d[0]?.code, LAB_CODES.REQUIREMENTS);
    assert.equal(d[0]?.severity, 'error');
    for (const p of patterns) assert.match(d[0]?.message ?? '', p);
    assert.match(d[0]?.hint ?? '', /apt-get install iproute2 iptables ipset socat conntrack/);
  }
});

test('hasCommand: looks in PATH and the sbin directories', () => {
  const files = new Set(['/opt/x/bin/socat', '/usr/sbin/ip']);
  const exe = (f: string): boolean => files.has(f);
  assert.equal(hasCommand('socat', '/opt/x/bin:/usr/bin', exe), true);
  assert.equal(hasCommand('ip', '/usr/bin', exe), true, '/usr/sbin is always searched');
  assert.equal(hasCommand('ipset', '/opt/x/bin', exe), false);
  assert.equal(hasCommand('ipset', undefined, exe), false);
});
