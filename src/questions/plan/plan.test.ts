import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cluster, model, pool, routeTable, subnet } from '../../derive/testing/build.js';
import type { Model } from '../../model/model.js';
import { plan } from './plan.js';

const one = { kind: 'count', value: 1 } as const;
const tenPct = { kind: 'percent', value: 10 } as const;

function onlyPlan(m: Model) {
  const p = plan(m);
  assert.equal(p.clusters.length, 1);
  return p.clusters[0];
}

describe('plan: max nodes and binding constraint per mode', () => {
  const cases: { name: string; m: Model; maxNodes: number | null; pool: string; binding: string; bindingName?: string }[] = [
    {
      name: 'overlay /17 pod CIDR, surge 1: 127 + 1 = 128 /24s (Azure/AKS#4467)',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.100.0.0/17',
        pools: [pool('np', { count: 10, maxPods: 250, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 127, pool: 'np', binding: 'pod-cidr',
    },
    {
      name: 'overlay /17 pod CIDR, surge 10%: 116 + 12 = 128',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.100.0.0/17',
        pools: [pool('np', { count: 10, maxPods: 250, surge: tenPct, subnet: 'aks' })] })] }),
      maxNodes: 116, pool: 'np', binding: 'pod-cidr',
    },
    {
      name: 'flat CNI /24, maxPods 30, surge 1: (7 + 1) × 31 = 248 ≤ 251',
      m: model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet',
        pools: [pool('np', { count: 3, maxPods: 30, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 7, pool: 'np', binding: 'node-subnet', bindingName: 'aks',
    },
    {
      name: 'kubenet /16 pod CIDR binds at 256 blocks: 255 + 1',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16', { routeTable: 'rt' })], routeTables: [routeTable('rt')],
        clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, maxPods: 110, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 255, pool: 'np', binding: 'pod-cidr',
    },
    {
      name: 'kubenet /14 pod CIDR: the route table binds (399 + 1 surge + 0 UDR = 400)',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16', { routeTable: 'rt' })], routeTables: [routeTable('rt')],
        clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.240.0.0/14', pools: [pool('np', { count: 3, maxPods: 110, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 399, pool: 'np', binding: 'route-table', bindingName: 'rt',
    },
    {
      name: 'kubenet /14 pod CIDR, 2 user routes: 397',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16', { routeTable: 'rt' })], routeTables: [routeTable('rt', 2)],
        clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.240.0.0/14', pools: [pool('np', { count: 3, maxPods: 110, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 397, pool: 'np', binding: 'route-table',
    },
    {
      name: 'overlay with room everywhere: the per-pool limit binds (3 system + 1000 user)',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.128.0.0/9',
        pools: [pool('sys', { count: 3, mode: 'System', subnet: 'aks' }), pool('user', { count: 3, subnet: 'aks' })] })] }),
      maxNodes: 1003, pool: 'user', binding: 'limit', bindingName: 'nodes in pool user',
    },
    {
      name: 'Azure NPM: 250 nodes at most',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet', policy: 'azure',
        pools: [pool('sys', { count: 3, mode: 'System', subnet: 'aks' }), pool('user', { count: 3, subnet: 'aks' })] })] }),
      maxNodes: 250, pool: 'user', binding: 'limit', bindingName: 'nodes with Azure NPM',
    },
    {
      name: 'dynamic pod subnet /24: 15 nodes × 16 = 240 (MicrosoftDocs/azure-docs#97370)',
      m: model({ subnets: [subnet('nodes', '10.0.0.0/24'), subnet('pods', '10.1.0.0/24')], clusters: [cluster('p', { mode: 'azure-cni-pod-subnet',
        pools: [pool('np', { count: 3, maxPods: 250, surge: one, subnet: 'nodes', podSubnet: 'pods' })] })] }),
      maxNodes: 14, pool: 'np', binding: 'pod-subnet', bindingName: 'pods',
    },
    {
      name: 'static block /24, maxPods 31: 2 blocks per node, 7 × 32 = 224',
      m: model({ subnets: [subnet('nodes', '10.0.0.0/24'), subnet('pods', '10.1.0.0/24')], clusters: [cluster('p', { mode: 'azure-cni-pod-subnet',
        pools: [pool('np', { count: 3, maxPods: 31, surge: one, subnet: 'nodes', podSubnet: 'pods', static: true })] })] }),
      maxNodes: 6, pool: 'np', binding: 'pod-subnet',
    },
    {
      name: 'SNAT 1000 ports × 2 IPs holds 128 nodes incl. surge (§11.1)',
      m: model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.128.0.0/9', outboundIps: 2, ports: 1000,
        pools: [pool('np', { count: 3, surge: one, subnet: 'aks' })] })] }),
      maxNodes: 127, pool: 'np', binding: 'snat-ports',
    },
    {
      name: 'a system pool that already overflows: no node count fits',
      m: model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet',
        pools: [pool('sys', { count: 10, mode: 'System', maxPods: 30, surge: one, subnet: 'aks' }), pool('user', { count: 1, subnet: 'aks' })] })] }),
      maxNodes: null, pool: 'user', binding: 'node-subnet',
    },
    {
      name: 'self-managed calico-policy-only: the route table binds before the /16 cluster CIDR (256 /24s)',
      m: model({ subnets: [subnet('vms', '10.0.0.0/20', { routeTable: 'rt' })], routeTables: [routeTable('rt', 1)], clusters: [cluster('s', {
        mode: 'self-managed', selfManagedCni: 'calico-policy-only', podCidr: '10.8.0.0/14', pools: [pool('w', { count: 3, surge: { kind: 'count', value: 0 }, subnet: 'vms' })] })] }),
      maxNodes: 399, pool: 'w', binding: 'route-table',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = onlyPlan(c.m);
      assert.equal(p.maxNodes, c.maxNodes);
      assert.equal(p.growthPool, c.pool);
      assert.equal(p.bindingConstraint?.kind, c.binding);
      if (c.bindingName) assert.equal(p.bindingConstraint?.name, c.bindingName);
    });
  }
  it('a second cluster in the same subnet lowers the first one\'s maximum', () => {
    const alone = onlyPlan(model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [
      cluster('a', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, surge: one, subnet: 'aks' })] })] }));
    assert.equal(alone.maxNodes, 250);
    const p = plan(model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [
      cluster('a', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, surge: one, subnet: 'aks' })] }),
      cluster('b', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 100, surge: one, subnet: 'aks' })] }),
    ] }));
    assert.equal(p.clusters[0].maxNodes, 149);
    assert.equal(p.clusters[0].ranges[0].shared, true);
  });
});

describe('plan: ranges, smallest prefix, pools', () => {
  it('§6.2: 50 nodes + 1 surge at maxPods 30 need 1581 addresses → /21', () => {
    const p = onlyPlan(model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet',
      pools: [pool('np', { count: 50, maxPods: 30, surge: one, subnet: 'aks' })] })] }));
    const r = p.ranges[0];
    assert.deepEqual([r.required, r.usable, r.fits, r.smallestPrefix, r.percent], [1581, 251, false, 21, 629.9]);
    assert.equal(p.fitsConfigured, false);
  });
  const prefixCases: { name: string; m: Model; kind: string; prefix: number }[] = [
    { name: 'overlay pod CIDR for 5 nodes (1280 addresses) → /21',
      m: model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/22', pools: [pool('np', { count: 4, surge: one })] })] }),
      kind: 'pod-cidr', prefix: 21 },
    { name: 'kubenet pod CIDR for 11 /24s → /20',
      m: model({ clusters: [cluster('c', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 10, surge: one })] })] }),
      kind: 'pod-cidr', prefix: 20 },
    { name: 'a tiny node subnet is never smaller than /29',
      m: model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16',
        pools: [pool('np', { count: 1, surge: one, subnet: 'aks' })] })] }),
      kind: 'node-subnet', prefix: 29 },
    { name: 'node subnet for 252 nodes → /23 (252 + 5 > 256)',
      m: model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/8',
        pools: [pool('np', { count: 251, surge: one, subnet: 'aks' })] })] }),
      kind: 'node-subnet', prefix: 23 },
  ];
  for (const c of prefixCases) {
    it(c.name, () => {
      const r = onlyPlan(c.m).ranges.find((x) => x.kind === c.kind);
      assert.equal(r?.smallestPrefix, c.prefix);
    });
  }
  it('pools: now, max and upgrade with percent surge on maxCount', () => {
    const p = onlyPlan(model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16',
      pools: [pool('sys', { count: 3, mode: 'System', surge: one }), pool('user', { count: 2, max: 31, surge: tenPct })] })] }));
    assert.deepEqual(p.pools.map((x) => [x.name, x.nodesNow, x.nodesMax, x.surge, x.nodesUpgrade, x.maxSurge]),
      [['sys', 3, 3, 1, 4, '1'], ['user', 2, 31, 4, 35, '10%']]);
    assert.deepEqual([p.nodesNow, p.nodesMax, p.nodesUpgrade], [5, 34, 39]);
  });
  it('route table shows routes used (nodes + user routes) against 400', () => {
    const p = onlyPlan(model({ subnets: [subnet('aks', '10.0.0.0/24', { routeTable: 'rt' })], routeTables: [routeTable('rt', 5)],
      clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, surge: one, subnet: 'aks' })] })] }));
    const r = p.ranges.find((x) => x.kind === 'route-table');
    assert.deepEqual([r?.required, r?.usable, r?.reserved, r?.limit, r?.requiredNow], [9, 400, 5, 400, 8]);
  });
  it('SNAT: automatic allocation crossing 50 → 51 nodes is flagged', () => {
    const p = onlyPlan(model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16',
      pools: [pool('np', { count: 40, max: 60, surge: one })] })] }));
    assert.deepEqual([p.snat?.allocation, p.snat?.portsPerNodeNow, p.snat?.portsPerNodeMax, p.snat?.crossesBoundary], ['automatic', 1024, 512, true]);
    assert.ok(p.notes.some((n) => n.includes('1024 to 512')));
  });
  it('NAT gateway: capacity only', () => {
    const p = onlyPlan(model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', outboundType: 'managedNATGateway',
      outboundIps: 2, pools: [pool('np', { count: 3 })] })] }));
    assert.deepEqual([p.snat?.allocation, p.snat?.availablePorts, p.snat?.requiredPorts], ['on-demand', 129024, undefined]);
  });
});

describe('plan: properties', () => {
  const modes = ['azure-cni-node-subnet', 'kubenet', 'azure-cni-overlay', 'azure-cni-pod-subnet'] as const;
  it('never throws; a design that fits reaches at least its configured maximum; growth by one fails the binding constraint', () => {
    fc.assert(fc.property(fc.constantFrom(...modes), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 10, max: 250 }), fc.integer({ min: 20, max: 28 }), fc.integer({ min: 14, max: 24 }), fc.integer({ min: 0, max: 50 }),
      (mode, sysCount, userCount, maxPods, subnetPrefix, podPrefix, pct) => {
        const m = model({ subnets: [subnet('n', `10.0.0.0/${subnetPrefix}`), subnet('p', `10.1.0.0/${subnetPrefix}`)], clusters: [cluster('c', {
          mode, podCidr: mode === 'kubenet' || mode === 'azure-cni-overlay' ? `10.128.0.0/${podPrefix}` : undefined,
          pools: [pool('sys', { count: sysCount, mode: 'System', maxPods, subnet: 'n', podSubnet: mode === 'azure-cni-pod-subnet' ? 'p' : undefined }),
            pool('user', { count: userCount, maxPods, surge: { kind: 'percent', value: pct }, subnet: 'n', podSubnet: mode === 'azure-cni-pod-subnet' ? 'p' : undefined })] })] });
        const c = plan(m).clusters[0];
        if (c.fitsConfigured) assert.ok(c.maxNodes !== null && c.maxNodes >= c.nodesMax, `${c.maxNodes} < ${c.nodesMax}`);
        if (c.maxNodes !== null) assert.ok(c.maxNodes >= sysCount);
        assert.ok(c.bindingConstraint !== null);
      }), { numRuns: 60 });
  });
});
