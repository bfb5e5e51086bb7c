// AKS2401 lb-pending with several clusters: a finding says when the cluster running the Service was only assumed
// (Service derivation's clusterSource 'assumed'), and says nothing extra when the input names the cluster or has one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../run.js';
import { buildSketch, type ModelSketch } from '../sketch.js';
import { lbPending } from './lb-pending.js';

const IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
/** A public frontend asking for a private address: pending whichever cluster runs it. */
const sketch = (clusters: readonly string[]): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'a', prefix: '10.1.0.0/22' }, { name: 'b', prefix: '10.1.4.0/22' }] }],
  clusters: clusters.map((name, i) => ({ name, pools: [{ name: 'system', subnet: `vnet/${i === 0 ? 'a' : 'b'}` }] })),
  services: [{ name: 'web', type: 'LoadBalancer', ports: [{ port: 80 }], annotations: { [IPV4]: '10.1.0.50' } }],
});

const cases: { name: string; clusters: string[]; assumed: string | undefined }[] = [
  { name: 'two clusters, nothing says which: the first is assumed and the message says so', clusters: ['blue', 'green'], assumed: 'blue' },
  { name: 'one cluster: nothing is assumed', clusters: ['blue'], assumed: undefined },
];

for (const c of cases) {
  test(`AKS2401 lb-pending (several clusters): ${c.name}`, () => {
    const found = runRules([lbPending], buildSketch(sketch(c.clusters)), { today: '2026-01-01' });
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    const m = found[0]!.message;
    assert.match(m, /cannot take the private address 10\.1\.0\.50/);
    if (c.assumed) assert.ok(m.endsWith(`(cluster ${c.assumed} assumed: the input has ${c.clusters.length} clusters and nothing says which runs the Service)`), m);
    else assert.doesNotMatch(m, /assumed/);
  });
}

test('AKS2401 lb-pending (several clusters): a cluster the Service names is not called assumed', () => {
  const model = buildSketch(sketch(['blue', 'green']));
  const named = { ...model, services: model.services.map((s) => ({ ...s, cluster: 'green' })) };
  const found = runRules([lbPending], named, { today: '2026-01-01' });
  assert.equal(found.length, 1);
  assert.doesNotMatch(found[0]!.message, /assumed/);
});
