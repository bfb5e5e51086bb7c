import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cluster, model, pool, routeTable, subnet } from '../../derive/testing/build.js';
import { plan } from '../../questions/plan/plan.js';
import { planJson, renderPlan } from './index.js';

const one = { kind: 'count', value: 1 } as const;

const kubenet = model({ subnets: [subnet('aks', '10.0.0.0/24', { routeTable: 'rt' })], routeTables: [routeTable('rt', 2)],
  clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('sys', { count: 3, mode: 'System', surge: one, subnet: 'aks' })] })] });
const overlay = model({ clusters: [cluster('o', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/22', pools: [pool('np', { count: 4, surge: one })] })] });
const flat = model({ subnets: [subnet('s', '10.1.0.0/24')], clusters: [cluster('f', { mode: 'azure-cni-node-subnet',
  pools: [pool('np', { count: 3, surge: one, subnet: 's' })] })] });

describe('plan JSON: the fields issue 2 requires', () => {
  it('kubenet: subnets, pod CIDR in /24 blocks, route table routes vs 400', () => {
    const c = planJson(plan(kubenet)).clusters[0];
    assert.equal(c.name, 'k');
    assert.equal(c.networkMode, 'kubenet');
    assert.equal(c.maxNodes, 250);
    assert.deepEqual(c.bindingConstraint && (c.bindingConstraint as { kind: string }).kind, 'node-subnet');
    const s = (c.subnets as { name: string; prefix: string; usable: number; required: number }[])[0];
    assert.deepEqual([s.name, s.prefix, s.usable, s.required], ['aks', '10.0.0.0/24', 251, 4]);
    assert.deepEqual(c.podCidr, { prefix: '10.244.0.0/16', blockPrefix: 24, blocksRequired: 4, blocksAvailable: 256, fits: true, smallestPrefix: 22 });
    const rt = c.routeTable as { routes: number; limit: number; userRoutes: number };
    assert.deepEqual([rt.routes, rt.limit, rt.userRoutes], [6, 400, 2]);
  });
  it('overlay: pod CIDR blocks from addresses (1280 / 256 = 5 > 4), route table null', () => {
    const c = planJson(plan(overlay)).clusters[0];
    assert.deepEqual([(c.podCidr as { blocksRequired: number }).blocksRequired, (c.podCidr as { blocksAvailable: number }).blocksAvailable], [5, 4]);
    assert.equal(c.routeTable, null);
    assert.equal(c.maxNodes, 3);
  });
  it('flat CNI: podCidr and routeTable are null', () => {
    const c = planJson(plan(flat)).clusters[0];
    assert.equal(c.podCidr, null);
    assert.equal(c.routeTable, null);
    assert.equal((c.subnets as { required: number }[])[0].required, 124);
  });
  it('the JSON text parses and is identical across runs', () => {
    const a = renderPlan(plan(kubenet), 'json');
    assert.equal(a, renderPlan(plan(kubenet), 'json'));
    assert.ok(Array.isArray(JSON.parse(a).clusters));
  });
});

describe('plan text report', () => {
  const text = renderPlan(plan(kubenet), 'text');
  const expected = [
    'Cluster k (aks, kubenet, network policy none)',
    'node subnet  aks 10.0.0.0/24',
    'route table  rt',
    'Max nodes: 250 (growing pool sys',
    'Binding constraint: node subnet aks (10.0.0.0/24): 252 addresses needed, 251 usable',
    'Configured design fits an upgrade at maximum scale: yes',
  ];
  for (const e of expected) it(`contains "${e}"`, () => assert.ok(text.includes(e), text));
  it('no cluster: says so', () => assert.equal(renderPlan({ clusters: [] }, 'text'), 'No cluster found in the input.\n'));
  it('defaults are listed', () => {
    const m = { ...kubenet, clusters: [{ ...kubenet.clusters[0], defaults: [{ field: 'pools[sys].maxPods', value: '110', factId: 'DEFAULT_MAX_PODS',
      origin: kubenet.clusters[0].origin }] }] };
    const t = renderPlan(plan(m), 'text');
    assert.match(t, /Defaults used \(not in the input\):/);
    assert.match(t, /pools\[sys\]\.maxPods\s+110\s+DEFAULT_MAX_PODS/);
  });
});
