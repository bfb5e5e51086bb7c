// Golden traces of the ASG scenario (issue #5): a jumpbox VM whose NIC is in an ASG may SSH to nodes of a pool that
// carries another ASG; a VM outside the ASG is denied by the next rule; the jumpbox's own NIC NSG filters traffic to
// it. VMs are named by `vm:`/bare VM name. Goldens in test/trace/asg-jumpbox/golden/ (AKSNET_UPDATE=1 rewrites them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/pipeline.js';
import { ipflow } from '../../src/questions/ipflow/index.js';
import { parseIpPort } from '../../src/questions/ipflow/endpoint.js';
import { trace, type TraceParams } from '../../src/questions/trace/index.js';
import { renderTrace } from '../../src/render/trace/index.js';
import { compareGolden } from '../../src/testing/golden.js';

const DIR = join('test', 'trace', 'asg-jumpbox');
const NODE0 = 'aks-system-00000000-vmss000000';

interface Case {
  readonly name: string;
  readonly params: TraceParams;
  readonly disposition: string;
  /** The deciding NSG rule at the last NSG hop. */
  readonly rule: string;
}

const CASES: readonly Case[] = [
  { name: 'jumpbox-asg-ssh-to-node-asg', params: { from: 'vm:jumpbox', to: NODE0, port: '22' }, disposition: 'delivered', rule: 'securityRules/allow-ssh-from-jumpbox' },
  { name: 'non-member-ssh-denied', params: { from: 'buildagent', to: NODE0, port: '22' }, disposition: 'denied-by-nsg', rule: 'securityRules/deny-ssh' },
  { name: 'node-to-jumpbox-nic-nsg-denies', params: { from: NODE0, to: 'vm:jumpbox', port: '22' }, disposition: 'denied-by-nsg', rule: 'securityRules/deny-ssh-from-vnet' },
];

describe('ASG scenario goldens', () => {
  const loaded = loadModel([DIR]);
  it('the fixture reads without diagnostics', () => {
    assert.deepEqual(loaded.diagnostics.map((d) => `${d.code} ${d.message}`), []);
  });
  for (const c of CASES) {
    it(`${c.name} -> ${c.disposition} (${c.rule})`, () => {
      const r = trace(loaded.model, c.params);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.answer.trace.disposition, c.disposition);
      const nsgHops = r.answer.trace.hops.filter((h) => h.component === 'nsg' && h.rule !== undefined && !h.rule.startsWith('defaultSecurityRules'));
      assert.equal(nsgHops[nsgHops.length - 1]?.rule, c.rule, 'the deciding rule is named');
      for (const [fmt, ext] of [['text', 'txt'], ['json', 'json']] as const) {
        const g = compareGolden(join(DIR, 'golden', `${c.name}.${ext}`), renderTrace(r.answer, fmt));
        assert.ok(g.ok, `${c.name}.${ext}: ${g.diff}`);
      }
    });
  }
  it('the same verdicts through ipflow with a VM name as --vm (subnet NSG, then the NIC NSG)', () => {
    const q = (vm: string, local: string, remote: string) => {
      const l = parseIpPort(local);
      const rm = parseIpPort(remote);
      assert.ok(typeof l !== 'string' && typeof rm !== 'string', 'endpoints parse');
      const r = ipflow(loaded.model, { vm, direction: 'Inbound', protocol: 'TCP', local: l, remote: rm });
      assert.ok(r.ok, r.ok ? '' : r.error);
      return `${r.answer.access} ${r.answer.ruleName} ${r.answer.target.kind}`;
    };
    assert.equal(q(NODE0, '10.30.0.4:22', '10.30.1.4:40000'), 'Allow defaultSecurityRules/AllowVnetInBound node');
    assert.equal(q(NODE0, '10.30.0.4:22', '10.30.1.5:40000'), 'Deny securityRules/deny-ssh node');
    assert.equal(q('jumpbox', '10.30.1.4:22', '10.30.0.4:40000'), 'Deny securityRules/deny-ssh-from-vnet nic');
    assert.equal(q('10.30.1.4', '10.30.1.4:22', '10.30.0.4:40000'), 'Deny securityRules/deny-ssh-from-vnet nic');
  });
  it('an unknown vm: reference is a usage error naming it', () => {
    const r = trace(loaded.model, { from: 'vm:ghost', to: NODE0, port: '22' });
    assert.ok(!r.ok);
    assert.match(r.error, /no VM named 'ghost'/);
  });
});
