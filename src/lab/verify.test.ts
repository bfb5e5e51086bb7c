// Root-free checks of what `lab verify` compares on the NSG/NodePort fixture: the flows planned (NodePorts opt-in,
// endpoints skipping their own Service), the walker's NSG verdict combined with the policy matrix, the layer that
// decided, and a kernel observation that disagrees being reported as a disagreement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel } from '../cli/pipeline.js';
import type { ProbeObservation } from './lab.js';
import { planLab } from './run.js';
import { compare, simulatedMatrix, walkerSimulator } from './verify.js';

const FIXTURE = 'test/lab/nsg-two-subnets';

function setup(nodePorts: boolean) {
  const { model } = loadModel([FIXTURE]);
  const plan = planLab(model, { engine: 'calico', mode: 'transparent', nodePorts }, 'ak0001', false);
  const answer = simulatedMatrix(model, plan.policy, plan.pods, plan.probes);
  const fabric = walkerSimulator(plan.dataplane, plan.topology, plan.nsgFilter.iptablesRestore !== '');
  return { plan, answer, fabric };
}

/**
 * What the NSG of subnet pool-b does in the kernel: TCP 8080 from pool-a to a pod in pool-b is dropped — directly, and
 * through web-b-8080's cluster IP (DNAT at the source); and web-b-8080's NodePort on node A (pool-a) from anywhere,
 * since node A masquerades to its own address before forwarding to server-b:8080.
 */
const nsgBlocks = (flow: ProbeObservation['flow']): boolean => {
  const fromA = flow.from.name.endsWith('-a');
  switch (flow.to.kind) {
    case 'pod':
      return flow.to.pod.name.endsWith('-b') && fromA && flow.port === 8080;
    case 'service':
      return flow.to.service.name === 'web-b-8080' && fromA;
    case 'node-port':
      return flow.to.service.name === 'web-b-8080' && flow.to.node.name.startsWith('aks-poola');
    default: {
      const never: never = flow.to;
      throw new Error(`unknown target ${String(never)}`);
    }
  }
};

test('NodePort flows only when asked; an endpoint never probes its own Service', () => {
  const without = setup(false).plan.flows;
  const withNp = setup(true).plan.flows;
  assert.equal(without.filter((f) => f.to.kind === 'node-port').length, 0);
  const np = withNp.filter((f) => f.to.kind === 'node-port' && f.from.index >= 0);
  assert.equal(np.length, 16);
  assert.equal(withNp.filter((f) => f.from.index === -1).length, 6, 'the VNet client probes the three NodePorts on both nodes');
  assert.deepEqual([...new Set(np.map((f) => f.port))].sort(), [30080, 30090, 30091]);
  assert.ok(np.every((f) => f.to.kind === 'node-port' && f.to.node.ip !== '' && !f.to.port.endpoints.some((e) => e.pod === `shop/${f.from.name}`)));
  assert.equal(withNp.length - np.length - 6, without.length, 'the other flows are unchanged');
});

test('simulated verdicts: the NSG decides pool-a -> pool-b 8080, policy and NSG allow the rest; agreeing observations agree', () => {
  const { plan, answer, fabric } = setup(true);
  // Observations as the kernel gives them in the lab (the NSG drops a -> b 8080; everything else connects).
  const observations: ProbeObservation[] = plan.flows.map((flow) => {
    return { flow, outcome: nsgBlocks(flow) ? 'blocked' : 'allowed', ms: 1 };
  });
  const c = compare(observations, answer, plan.policy, fabric);
  assert.equal(c.agree, c.total, c.entries.filter((e) => !e.agree).map((e) => `${e.from}->${e.to}:${e.port}`).join(', '));
  assert.equal(c.total, plan.flows.length);
  const nsgDecided = c.entries.filter((e) => e.layer === 'nsg').map((e) => `${e.from}>${e.to}:${e.port}`);
  const nodeA = 'node/aks-poola-00000000-vmss000000:30080';
  assert.deepEqual(nsgDecided, [
    `(vnet)/pool-a>${nodeA}:30080`,
    `shop/client-a>${nodeA}:30080`, 'shop/client-a>shop/client-b:8080', 'shop/client-a>shop/server-b:8080', 'shop/client-a>svc:shop/web-b-8080:8080',
    `shop/client-b>${nodeA}:30080`,
    `shop/server-a>${nodeA}:30080`, 'shop/server-a>shop/client-b:8080', 'shop/server-a>shop/server-b:8080', 'shop/server-a>svc:shop/web-b-8080:8080',
  ]);
  for (const e of c.entries.filter((x) => x.layer === 'nsg')) {
    assert.equal(e.simulated, false);
    assert.match(e.explanation ?? '', /^decided by nsg: nsg-b securityRules\/deny-a-8080: subnet NSG inbound/);
  }
  // Through node B the same Service gets in: the NSG saw destination port 30080, node B delivers locally.
  for (const from of ['(vnet)/pool-a', 'shop/client-a', 'shop/client-b', 'shop/server-a']) {
    const e = c.entries.find((x) => x.from === from && x.to === 'node/aks-poolb-00000000-vmss000000:30080');
    assert.equal(e?.simulated, true, from);
  }
  assert.ok(c.entries.filter((e) => e.layer !== 'nsg').every((e) => e.simulated), 'NetworkPolicy admits everything else');
});

test('without the fabric simulator (the NSGs ignored) the NSG-blocked flows disagree: the comparison is honest', () => {
  const { plan, answer, fabric } = setup(false);
  const observations: ProbeObservation[] = plan.flows.map((flow) => ({
    flow, outcome: nsgBlocks(flow) ? 'blocked' : 'allowed', ms: 1,
  }));
  const policyOnly = compare(observations, answer, plan.policy);
  assert.deepEqual(policyOnly.entries.filter((e) => !e.agree).map((e) => `${e.from}>${e.to}:${e.port}`),
    ['shop/client-a>shop/client-b:8080', 'shop/client-a>shop/server-b:8080', 'shop/client-a>svc:shop/web-b-8080:8080',
      'shop/server-a>shop/client-b:8080', 'shop/server-a>shop/server-b:8080', 'shop/server-a>svc:shop/web-b-8080:8080']);
  // A kernel that let the denied flow through disagrees with the walker-aware simulator, with the NSG named.
  const leaky = observations.map((o) => ({ ...o, outcome: 'allowed' as const }));
  const bad = compare(leaky, answer, plan.policy, fabric).entries.filter((e) => !e.agree);
  assert.equal(bad.length, 6);
  assert.match(bad[0]?.explanation ?? '', /decided by nsg: .*deny-a-8080.*; egress: .*ingress: /);
});
