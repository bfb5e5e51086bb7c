import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCidr, formatIp } from '../engines/net/index.js';
import { deriveNodes } from './nodes.js';
import { cluster, model, pool, subnet, subnetId } from './testing/build.js';

describe('deriveNodes', () => {
  it('kubenet: consecutive node IPs from .4, a /24 per node from the pod CIDR', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16',
      pools: [pool('sys', { count: 2, mode: 'System', subnet: 'aks' }), pool('user', { count: 1, subnet: 'aks' })] })] });
    const ns = deriveNodes(m);
    assert.deepEqual(ns.map((n) => [n.name, n.pool, n.ip && formatIp(n.ip), n.podCidr && formatCidr(n.podCidr), n.podSubnetId]), [
      ['aks-sys-00000000-vmss000000', 'sys', '10.0.0.4', '10.244.0.0/24', undefined],
      ['aks-sys-00000000-vmss000001', 'sys', '10.0.0.5', '10.244.1.0/24', undefined],
      ['aks-user-00000000-vmss000000', 'user', '10.0.0.6', '10.244.2.0/24', undefined],
    ]);
  });
  it('flat CNI: nodes maxPods + 1 apart, pods from the node subnet', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('f', { mode: 'azure-cni-node-subnet',
      pools: [pool('np', { count: 3, maxPods: 30, subnet: 'aks' })] })] });
    const ns = deriveNodes(m);
    assert.deepEqual(ns.map((n) => n.ip && formatIp(n.ip)), ['10.0.0.4', '10.0.0.35', '10.0.0.66']);
    assert.ok(ns.every((n) => n.podSubnetId === subnetId('aks') && n.podCidr === undefined));
  });
  it('flat CNI: nodes that do not fit in the subnet get no IP (never an address past the subnet)', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('f', { mode: 'azure-cni-node-subnet',
      pools: [pool('np', { count: 10, maxPods: 30, subnet: 'aks' })] })] });
    const ns = deriveNodes(m);
    assert.equal(ns.length, 10);
    assert.equal(ns.filter((n) => n.ip).length, 8);
    assert.equal(formatIp(ns[7].ip!), '10.0.0.221');
  });
  it('overlay in the managed VNet: node IPs from 10.224.0.0/16', () => {
    const m = model({ clusters: [cluster('o', { mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [pool('np', { count: 2 })] })] });
    const ns = deriveNodes(m);
    assert.deepEqual(ns.map((n) => [n.ip && formatIp(n.ip), n.podCidr && formatCidr(n.podCidr)]),
      [['10.224.0.4', '192.168.0.0/24'], ['10.224.0.5', '192.168.1.0/24']]);
  });
  it('pod subnet: podSubnetId is the pool\'s pod subnet; a subnet shared by two clusters continues the count', () => {
    const m = model({ subnets: [subnet('nodes', '10.0.0.0/24'), subnet('pods', '10.1.0.0/24')], clusters: [
      cluster('a', { mode: 'azure-cni-pod-subnet', pools: [pool('np', { count: 1, subnet: 'nodes', podSubnet: 'pods' })] }),
      cluster('b', { mode: 'azure-cni-pod-subnet', pools: [pool('np', { count: 1, subnet: 'nodes', podSubnet: 'pods' })] }),
    ] });
    const ns = deriveNodes(m);
    assert.deepEqual(ns.map((n) => [n.ip && formatIp(n.ip), n.podSubnetId]), [['10.0.0.4', subnetId('pods')], ['10.0.0.5', subnetId('pods')]]);
  });
  it('self-managed: node CIDR mask from the cluster, names <pool>-<i>, unknown subnet → no IP', () => {
    const m = model({ clusters: [cluster('s', { mode: 'self-managed', podCidr: '10.2.0.0/20', nodeCidrMaskSize: 26,
      pools: [pool('w', { count: 2, subnet: 'missing' })] })] });
    const ns = deriveNodes(m);
    assert.deepEqual(ns.map((n) => [n.name, n.ip, n.podCidr && formatCidr(n.podCidr)]), [['w-0', undefined, '10.2.0.0/26'], ['w-1', undefined, '10.2.0.64/26']]);
  });
  it('pod CIDR exhausted: later nodes have no pod CIDR', () => {
    const m = model({ subnets: [subnet('aks', '10.0.0.0/24')], clusters: [cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/23',
      pools: [pool('np', { count: 3, subnet: 'aks' })] })] });
    assert.deepEqual(deriveNodes(m).map((n) => n.podCidr && formatCidr(n.podCidr)), ['10.244.0.0/24', '10.244.1.0/24', undefined]);
  });
});
