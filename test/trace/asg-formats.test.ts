// The ASG jumpbox scenario (issue #5) in three input formats: az JSON (test/trace/asg-jumpbox), a Terraform plan
// (test/trace/asg-jumpbox-terraform: ids, ASG lists and subnet references known only after apply, resolved through the
// plan's configuration) and an az script (test/trace/asg-jumpbox-az: nic create + ip-config update --asgs, vm create
// with --nics and with its own NIC, aks create --asg-ids). Each must read without warnings or errors and give the same
// trace verdicts — disposition and deciding NSG rule — and the same ipflow answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/pipeline.js';
import { ipflow } from '../../src/questions/ipflow/index.js';
import { parseIpPort } from '../../src/questions/ipflow/endpoint.js';
import { trace, type TraceParams } from '../../src/questions/trace/index.js';

const FORMATS = [
  { name: 'az JSON', dir: join('test', 'trace', 'asg-jumpbox') },
  { name: 'Terraform plan', dir: join('test', 'trace', 'asg-jumpbox-terraform') },
  { name: 'az script', dir: join('test', 'trace', 'asg-jumpbox-az') },
] as const;
const NODE0 = 'aks-system-00000000-vmss000000';

const CASES: readonly { readonly name: string; readonly params: TraceParams; readonly verdict: string }[] = [
  { name: 'jumpbox (in asg-jumpbox) SSH to a node of the asg-nodes pool', params: { from: 'vm:jumpbox', to: NODE0, port: '22' },
    verdict: 'delivered securityRules/allow-ssh-from-jumpbox' },
  { name: 'build agent (no ASG) SSH to a node', params: { from: 'buildagent', to: NODE0, port: '22' }, verdict: 'denied-by-nsg securityRules/deny-ssh' },
  { name: 'node SSH to the jumpbox: its NIC NSG denies', params: { from: NODE0, to: 'vm:jumpbox', port: '22' },
    verdict: 'denied-by-nsg securityRules/deny-ssh-from-vnet' },
  { name: 'jumpbox to a node on 443: no user rule decides', params: { from: 'vm:jumpbox', to: NODE0, port: '443' }, verdict: 'delivered (default rules)' },
];

/** Disposition and the last deciding user NSG rule of a trace. */
function verdict(model: ReturnType<typeof loadModel>['model'], params: TraceParams): string {
  const r = trace(model, params);
  assert.ok(r.ok, r.ok ? '' : r.error);
  const rules = r.answer.trace.hops.filter((h) => h.component === 'nsg' && h.rule !== undefined && !h.rule.startsWith('defaultSecurityRules'));
  return `${r.answer.trace.disposition} ${rules[rules.length - 1]?.rule ?? '(default rules)'}`;
}

describe('ASG jumpbox scenario: the same verdicts from az JSON, a Terraform plan and an az script', () => {
  const loaded = FORMATS.map((f) => ({ ...f, ...loadModel([f.dir]) }));
  for (const f of loaded) {
    it(`${f.name} reads without warnings or errors`, () => {
      assert.deepEqual(f.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`), []);
    });
    it(`${f.name}: two NICs with their VMs, two ASGs, the pool in asg-nodes`, () => {
      assert.deepEqual(f.model.nics.map((n) => n.vmName).sort(), ['buildagent', 'jumpbox']);
      assert.deepEqual(f.model.asgs.map((a) => a.name).sort(), ['asg-jumpbox', 'asg-nodes']);
      assert.deepEqual(f.model.clusters[0]?.pools[0]?.asgIds?.map((id) => id.split('/').pop()), ['asg-nodes']);
    });
  }
  for (const c of CASES) {
    it(`${c.name}: ${c.verdict} in every format`, () => {
      assert.deepEqual(loaded.map((f) => `${f.name}: ${verdict(f.model, c.params)}`), loaded.map((f) => `${f.name}: ${c.verdict}`));
    });
  }
  it('ipflow gives the same answers in every format', () => {
    const q = (model: ReturnType<typeof loadModel>['model'], vm: string, local: string, remote: string): string => {
      const l = parseIpPort(local);
      const rm = parseIpPort(remote);
      assert.ok(typeof l !== 'string' && typeof rm !== 'string', 'endpoints parse');
      const r = ipflow(model, { vm, direction: 'Inbound', protocol: 'TCP', local: l, remote: rm });
      assert.ok(r.ok, r.ok ? '' : r.error);
      return `${r.answer.access} ${r.answer.ruleName}`;
    };
    for (const f of loaded) {
      assert.deepEqual([
        q(f.model, NODE0, '10.30.0.4:22', '10.30.1.5:40000'),
        q(f.model, 'jumpbox', '10.30.1.4:22', '10.30.0.4:40000'),
      ], ['Deny securityRules/deny-ssh', 'Deny securityRules/deny-ssh-from-vnet'], f.name);
    }
  });
});
