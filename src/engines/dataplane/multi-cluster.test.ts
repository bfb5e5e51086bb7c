// Regressions of the walk with several clusters (each was wrong while Services were assumed to run in the first).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIp } from '../net/index.js';
import type { Cluster } from '../../model/azure.js';
import type { Service } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { cluster, model as azureModel, pool, subnet } from '../../derive/testing/build.js';
import { mkNode, mkPod } from '../policy/testing/builders.js';
import { chooseEngine } from '../policy/index.js';
import { buildDataplane, clusterEngine } from './context.js';
import { walk } from './walk.js';

const O = { file: 's.yaml', line: 1, column: 1 };
function svc(name: string, o: Partial<Service>): Service {
  return { namespace: 'ns', name, type: 'NodePort', selector: { app: name }, ports: [{ protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: O, ...o };
}
const BLUE = cluster('blue', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', policy: 'calico', pools: [pool('b', { count: 1, subnet: 'nodes' })] });
const GREEN: Cluster = { ...cluster('green', { mode: 'azure-cni-overlay', podCidr: '10.245.0.0/16', policy: 'cilium', pools: [pool('g', { count: 1, subnet: 'nodes' })] }), dataplane: 'cilium' };
const m: Model = {
  ...azureModel({ subnets: [subnet('nodes', '10.30.0.0/24')], clusters: [BLUE, GREEN] }),
  pods: [mkPod('ns', 'blue-0', { labels: { app: 'blue' }, node: 'aks-b-00000000-vmss000000' }),
    mkPod('ns', 'green-0', { labels: { app: 'green' }, node: 'aks-g-00000000-vmss000000' })],
  services: [svc('blue', {}), svc('green', {})],
};

describe('walk with two clusters (regressions)', () => {
  it('the engine is chooseEngine\'s (upstream for clusters with different engines), not the first cluster\'s', () => {
    assert.equal(clusterEngine(m), chooseEngine(m).engine);
    assert.equal(clusterEngine(m), 'upstream');
    assert.equal(buildDataplane(m).engineName, 'upstream');
  });
  const ctx = buildDataplane(m);
  const green = ctx.nodes.find((n) => n.cluster?.name === 'green')!;
  const cases: [string, string, RegExp][] = [
    ['the same nodePort on a green node is green\'s Service, not blue\'s', 'kube-proxy', /Service ns\/green: /],
    ['green\'s Service is translated by green\'s proxy (Cilium), not the first cluster\'s (kube-proxy)', 'kube-proxy', /^cilium \(kube-proxy replacement\)/],
  ];
  // A VM in the node subnet connects to green's node on the nodePort both Services use.
  const vm = parseIp('10.30.0.50')!;
  const t = walk(ctx, { kind: 'vnet', ip: vm, subnet: m.subnets.find((s) => s.name === 'nodes')! }, { protocol: 'TCP', srcIp: vm, dstIp: green.ip!, dstPort: 30080 });
  for (const [name, component, re] of cases) {
    it(name, () => {
      const hop = t.hops.find((h) => h.component === component);
      assert.ok(hop, `a ${component} hop (${t.disposition})`);
      assert.match(re.source.startsWith('^') ? hop.resource : hop.detail, re);
    });
  }
  it('is delivered to green\'s pod', () => assert.deepEqual([t.disposition, t.hops[t.hops.length - 1]?.resource], ['delivered', 'ns/green-0']));
});

describe('nodes no cluster artefact derives', () => {
  // Two clusters without pools and Node objects of the input: which cluster a Node belongs to is unknown, so the walk
  // must not make it the first cluster's (it used to: its masquerade, NSG and proxy followed that cluster).
  const two: Model = {
    ...azureModel({ subnets: [subnet('nodes', '10.30.0.0/24')], clusters: [{ ...BLUE, pools: [] }, { ...GREEN, pools: [] }] }),
    nodes: [mkNode('n1', '10.30.0.4')],
  };
  it('belong to no cluster with several clusters, to the only one with one', () => {
    const ctx = buildDataplane(two);
    assert.deepEqual(ctx.nodes.map((n) => [n.name, n.cluster?.name ?? '(unknown)']), [['n1', '(unknown)']]);
    const one = buildDataplane({ ...two, clusters: [two.clusters[1]!] });
    assert.deepEqual(one.nodes.map((n) => [n.name, n.cluster?.name ?? '(unknown)']), [['n1', 'green']]);
    assert.equal(one.proxy.name, 'cilium', 'the only cluster\'s proxy');
    assert.equal(ctx.proxy.name, 'kube-proxy', 'several clusters: no single proxy');
  });
});
