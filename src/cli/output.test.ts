// The shared validation of enumerated flag values: exact and case-insensitive, with one message shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneOf, oneOfIgnoringCase, UsageError } from './output.js';

const ALLOWED = ['TCP', 'UDP', '*'] as const;

describe('oneOf / oneOfIgnoringCase', () => {
  const rows: { value: string; exact: string; ignoringCase: string }[] = [
    { value: 'TCP', exact: 'TCP', ignoringCase: 'TCP' },
    { value: 'tcp', exact: "--protocol must be one of TCP, UDP, * (got 'tcp')", ignoringCase: 'TCP' },
    { value: ' Udp ', exact: "--protocol must be one of TCP, UDP, * (got ' Udp ')", ignoringCase: 'UDP' },
    { value: '*', exact: '*', ignoringCase: '*' },
    { value: 'icmp', exact: "--protocol must be one of TCP, UDP, * (got 'icmp')", ignoringCase: "--protocol must be one of TCP, UDP, * (got 'icmp')" },
  ];
  const answer = (f: () => string): string => {
    try {
      return f();
    } catch (e) {
      assert.ok(e instanceof UsageError);
      return e.message;
    }
  };
  for (const r of rows) {
    it(JSON.stringify(r.value), () => {
      assert.equal(answer(() => oneOf('--protocol', r.value, ALLOWED)), r.exact);
      assert.equal(answer(() => oneOfIgnoringCase('--protocol', r.value, ALLOWED)), r.ignoringCase);
    });
  }
});
