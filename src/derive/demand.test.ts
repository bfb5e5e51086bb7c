import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultSnatPorts, rangeDemands, type RangeDemand } from './demand.js';
import { cluster, model, pool, routeTable, subnet } from './testing/build.js';

const none = { kind: 'count', value: 0 } as const;
const one = { kind: 'count', value: 1 } as const;

function only(ds: RangeDemand[], kind: RangeDemand['kind']): RangeDemand {
  const found = ds.filter((d) => d.kind === kind);
  assert.equal(found.length, 1, `one ${kind} demand`);
  return found[0];
}

describe('rangeDemands: evidence cases of aks-networking.md §8.3', () => {
  it('Azure/AKS#456: flat CNI, 10 nodes × (30 + 1) = 310 > 251 in a /24', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')],
      clusters: [cluster('c', { mode: 'azure-cni-node-subnet', pools: [pool('np', { count: 10, maxPods: 30, surge: none, subnet: 'aks' })] })] });
    const d = only(rangeDemands(m), 'node-subnet');
    assert.deepEqual([d.requiredNow, d.requiredMax, d.available, d.prefix], [310, 310, 251, '10.0.0.0/24']);
  });
  it('Azure/AKS#1795: 2 pools × (2 nodes + 1 surge) × (45 + 1) = 276 > 251 while upgrading', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet',
      pools: [pool('a', { count: 2, maxPods: 45, surge: one, subnet: 'aks' }), pool('b', { count: 2, maxPods: 45, surge: one, subnet: 'aks' })] })] });
    const d = only(rangeDemands(m), 'node-subnet');
    assert.equal(d.requiredMax, 276);
    assert.equal(d.requiredNow, 184);
    assert.equal(d.available, 251);
    assert.deepEqual(d.contributions.map((c) => [c.pool, c.nodes, c.perNode, c.total]), [['a', 3, 46, 138], ['b', 3, 46, 138]]);
  });
  it('AKS-Construction#701: overlay /22 pod CIDR, 4 nodes + 1 surge → 1280 > 1024', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '192.168.0.0/22',
      pools: [pool('np', { count: 4, maxPods: 250, surge: one, subnet: 'aks' })] })] });
    const ds = rangeDemands(m);
    const pod = only(ds, 'pod-cidr');
    assert.deepEqual([pod.id, pod.name, pod.requiredMax, pod.available, pod.requiredNow], ['networkProfile.podCIDR', 'networkProfile.podCIDR', 1280, 1024, 1024]);
    const node = only(ds, 'node-subnet');
    assert.deepEqual([node.requiredMax, node.available], [5, 251]);
  });
  it('Azure/AKS#4467: overlay /17 pod CIDR holds 128 nodes including surge', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/16')], clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.100.0.0/17',
      pools: [pool('np', { count: 127, maxPods: 250, surge: one, subnet: 'aks' })] })] });
    const pod = only(rangeDemands(m), 'pod-cidr');
    assert.equal(pod.requiredMax, 128 * 256);
    assert.equal(pod.available, 32768);
  });
  it('§6.2 worked example: 50 nodes, surge 1, maxPods 30 → 1581', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/21')], clusters: [cluster('c', { mode: 'azure-cni-node-subnet',
      pools: [pool('np', { count: 50, maxPods: 30, surge: one, subnet: 'aks' })] })] });
    assert.equal(only(rangeDemands(m), 'node-subnet').requiredMax, 1581);
  });
});

describe('rangeDemands: per-mode formulas', () => {
  it('kubenet: node subnet 1 per node, pod CIDR /24 blocks, route per node plus user routes', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24', { routeTable: 'rt' })], routeTables: [routeTable('rt', 3)],
      clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 5, max: 10, maxPods: 110, surge: one, subnet: 'aks' })] })] });
    const ds = rangeDemands(m);
    assert.deepEqual(ds.map((d) => d.kind), ['node-subnet', 'pod-cidr', 'route-table', 'snat-ports']);
    const node = only(ds, 'node-subnet');
    assert.deepEqual([node.requiredNow, node.requiredMax, node.available], [5, 11, 251]);
    const pod = only(ds, 'pod-cidr');
    assert.deepEqual([pod.requiredNow, pod.requiredMax, pod.available], [5, 11, 256]);
    const rt = only(ds, 'route-table');
    assert.deepEqual([rt.name, rt.requiredNow, rt.requiredMax, rt.available, rt.reserved, rt.capacity], ['rt', 5, 11, 397, 3, 400]);
  });
  it('kubenet without a route table in the input: AKS creates one (400 routes)', () => {
    const m = model({ clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3 })] })] });
    const rt = only(rangeDemands(m), 'route-table');
    assert.deepEqual([rt.available, rt.requiredMax], [400, 4]);
    assert.match(rt.id, /managed-route-table$/);
  });
  it('self-managed: node CIDR mask from the cluster (/26 blocks of a /20 = 64)', () => {
    const m = model({ subnets: [subnet('vms', '10.0.0.0/24', { routeTable: 'rt' })], routeTables: [routeTable('rt')],
      clusters: [cluster('s', { mode: 'self-managed', selfManagedCni: 'calico-policy-only', podCidr: '10.1.0.0/20', nodeCidrMaskSize: 26,
        pools: [pool('w', { count: 10, surge: none, subnet: 'vms' })] })] });
    const ds = rangeDemands(m);
    assert.deepEqual(ds.map((d) => d.kind), ['node-subnet', 'pod-cidr', 'route-table']);
    assert.deepEqual([only(ds, 'pod-cidr').available, only(ds, 'pod-cidr').requiredMax], [64, 10]);
  });
  it('self-managed calico-vxlan: no route table entries', () => {
    const m = model({ subnets: [subnet('vms', '10.0.0.0/24')], clusters: [cluster('s', { mode: 'self-managed', selfManagedCni: 'calico-vxlan',
      podCidr: '10.1.0.0/16', pools: [pool('w', { count: 2, subnet: 'vms' })] })] });
    assert.deepEqual(rangeDemands(m).map((d) => d.kind), ['node-subnet', 'pod-cidr']);
  });
  it('pod subnet, dynamic: 16 per node in the pod subnet, 1 per node in the node subnet', () => {
    const m = model({ subnets: [subnet('nodes', '10.0.0.0/24'), subnet('pods', '10.1.0.0/24')], clusters: [cluster('p', { mode: 'azure-cni-pod-subnet',
      pools: [pool('np', { count: 14, maxPods: 250, surge: one, subnet: 'nodes', podSubnet: 'pods' })] })] });
    const ds = rangeDemands(m);
    assert.deepEqual([only(ds, 'node-subnet').requiredMax, only(ds, 'pod-subnet').requiredMax, only(ds, 'pod-subnet').available], [15, 240, 251]);
  });
  const staticCases: { maxPods: number; perNode: number }[] = [
    { maxPods: 31, perNode: 32 },
    { maxPods: 32, perNode: 48 },
    { maxPods: 15, perNode: 16 },
    { maxPods: 250, perNode: 256 },
    { maxPods: 10, perNode: 16 },
  ];
  for (const c of staticCases) {
    it(`pod subnet, static block: maxPods ${c.maxPods} → ${c.perNode} per node (16 × ceil((maxPods + 1) / 16))`, () => {
      const m = model({ subnets: [subnet('nodes', '10.0.0.0/24'), subnet('pods', '10.1.0.0/16')], clusters: [cluster('p', { mode: 'azure-cni-pod-subnet',
        pools: [pool('np', { count: 2, maxPods: c.maxPods, surge: one, subnet: 'nodes', podSubnet: 'pods', static: true })] })] });
      const d = only(rangeDemands(m), 'pod-subnet');
      assert.deepEqual([d.contributions[0].perNode, d.requiredMax, d.requiredNow], [c.perNode, 3 * c.perNode, 2 * c.perNode]);
    });
  }
  it('managed VNet: the node subnet is AKS\'s 10.224.0.0/16', () => {
    const m = model({ clusters: [cluster('o', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3 })] })] });
    const node = only(rangeDemands(m), 'node-subnet');
    assert.deepEqual([node.prefix, node.available, node.name], ['10.224.0.0/16', 65531, 'aks-subnet']);
  });
  it('a subnet named but not described: size unknown, available Infinity, no prefix', () => {
    const m = model({ clusters: [cluster('o', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, subnet: 'ghost' })] })] });
    const node = only(rangeDemands(m), 'node-subnet');
    assert.equal(node.available, Infinity);
    assert.equal(node.prefix, undefined);
    assert.equal(node.name, 'ghost');
  });
  it('two clusters sharing a subnet are summed; their pod CIDRs stay separate', () => {
    const m = model({ subnets: [subnet('shared', '10.0.0.0/24')], clusters: [
      cluster('a', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 3, subnet: 'shared' })] }),
      cluster('b', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 5, subnet: 'shared' })] }),
    ] });
    const ds = rangeDemands(m);
    const node = only(ds, 'node-subnet');
    assert.deepEqual([node.requiredNow, node.requiredMax], [8, 10]);
    assert.deepEqual(node.contributions.map((c) => c.cluster), ['a', 'b']);
    const pods = ds.filter((d) => d.kind === 'pod-cidr');
    assert.equal(pods.length, 2);
    assert.deepEqual(pods.map((p) => p.requiredMax), [4 * 256, 6 * 256]);
  });
});

describe('SNAT ports (§11)', () => {
  const table: { nodes: number; ports: number }[] = [
    { nodes: 1, ports: 1024 }, { nodes: 50, ports: 1024 }, { nodes: 51, ports: 512 }, { nodes: 100, ports: 512 },
    { nodes: 101, ports: 256 }, { nodes: 200, ports: 256 }, { nodes: 201, ports: 128 }, { nodes: 400, ports: 128 },
    { nodes: 401, ports: 64 }, { nodes: 800, ports: 64 }, { nodes: 801, ports: 32 }, { nodes: 1000, ports: 32 }, { nodes: 1500, ports: 32 },
  ];
  for (const c of table) it(`default allocation at ${c.nodes} nodes: ${c.ports} ports`, () => assert.equal(defaultSnatPorts(c.nodes), c.ports));
  it('explicit 1000 ports × (127 + 1) nodes vs 2 IPs × 64000 (128 nodes fit)', () => {
    const m = model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', outboundIps: 2, ports: 1000,
      pools: [pool('np', { count: 127, surge: one })] })] });
    const s = only(rangeDemands(m), 'snat-ports');
    assert.deepEqual([s.available, s.requiredMax, s.requiredNow], [128000, 128000, 127000]);
  });
  it('NAT gateway outbound: no per-node SNAT demand', () => {
    const m = model({ clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', outboundType: 'userAssignedNATGateway',
      pools: [pool('np', { count: 3 })] })] });
    assert.equal(rangeDemands(m).filter((d) => d.kind === 'snat-ports').length, 0);
  });
});

describe('property: requiredMax is monotone in counts and maxPods', () => {
  const modes = ['azure-cni-node-subnet', 'kubenet', 'azure-cni-overlay', 'azure-cni-pod-subnet'] as const;
  it('growing count, maxCount or maxPods never lowers any requiredMax', () => {
    fc.assert(fc.property(fc.constantFrom(...modes), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 10, max: 250 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 100 }), fc.boolean(),
      (mode, count, extra, maxPods, morePods, pct, staticBlock) => {
        const build = (c: number, mp: number) => model({
          subnets: [subnet('n', '10.0.0.0/16'), subnet('p', '10.1.0.0/16')],
          clusters: [cluster('c', { mode, podCidr: mode === 'kubenet' || mode === 'azure-cni-overlay' ? '10.244.0.0/16' : undefined, ports: 64,
            pools: [pool('np', { count: c, maxPods: mp, surge: { kind: 'percent', value: pct }, subnet: 'n',
              podSubnet: mode === 'azure-cni-pod-subnet' ? 'p' : undefined, static: staticBlock })] })] });
        const a = rangeDemands(build(count, maxPods));
        const b = rangeDemands(build(count + extra, Math.min(250, maxPods + morePods)));
        assert.equal(a.length, b.length);
        a.forEach((d, i) => {
          assert.equal(d.id, b[i].id);
          assert.ok(b[i].requiredMax >= d.requiredMax, `${d.kind} ${d.requiredMax} → ${b[i].requiredMax}`);
          assert.ok(d.requiredMax >= d.requiredNow);
        });
      }));
  });
});
