import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp, parseIp, type Ip } from '../net/index.js';
import type { RouteTable, UdrRoute, VNet } from '../../model/azure.js';
import { armId, type Model } from '../../model/model.js';
import { cidr, cluster, model, pool, routeTableId, subnet, subnetId, TEST_ORIGIN } from '../../derive/testing/build.js';
import { RecordingTracer } from '../trace-types.js';
import { effectiveRoutes } from './effective.js';
import { lintRouteTable } from './lint.js';
import { selectRoute } from './select.js';
import { SYSTEM_ROUTE } from './types.js';

function ip(s: string): Ip {
  const r = parseIp(s);
  if (!r) throw new Error(s);
  return r;
}
function vnet(name: string, space: string[], peerings: VNet['peerings'] = []): VNet {
  return { id: armId('rg', 'Microsoft.Network/virtualNetworks', name), name, origin: TEST_ORIGIN, addressSpace: space.map(cidr),
    subnetIds: [], peerings };
}
function udr(name: string, prefix: string, nextHopType: UdrRoute['nextHopType'], nextHopIp?: string): UdrRoute {
  const c = /^[0-9a-f:.]+\/\d+$/i.test(prefix) ? cidr(prefix) : undefined;
  return { name, addressPrefix: prefix, ...(c ? { cidr: c } : {}), nextHopType, ...(nextHopIp ? { nextHopIp: ip(nextHopIp) } : {}), origin: TEST_ORIGIN };
}
function table(name: string, routes: UdrRoute[], disableBgp = false): RouteTable {
  return { id: routeTableId(name), name, origin: TEST_ORIGIN, routes, disableBgpRoutePropagation: disableBgp };
}
/** One VNet with subnet `nodes` (route table `rt` when given). */
function net(space: string[], prefix: string, rt?: RouteTable, extra: Partial<Model> = {}): Model {
  return { ...model({ subnets: [subnet('nodes', prefix, rt ? { routeTable: rt.name } : {})], routeTables: rt ? [rt] : [] }),
    vnets: [vnet('vnet', space)], ...extra };
}
function hop(m: Model, dst: string): string {
  const h = selectRoute(effectiveRoutes(m, subnetId('nodes')), ip(dst));
  return `${h.nextHopType} ${h.nextHopIp ? formatIp(h.nextHopIp) : '-'} ${h.routeTableId === SYSTEM_ROUTE ? 'system' : h.routeTableId.split('/').pop()}`;
}

describe('system routes', () => {
  const m = net(['10.1.0.0/16'], '10.1.0.0/24');
  const cases: [string, string][] = [
    ['10.1.7.7', 'VnetLocal - system'],
    ['10.2.0.1', 'None - system'],
    ['172.16.3.3', 'None - system'],
    ['192.168.1.1', 'None - system'],
    ['100.64.0.1', 'None - system'],
    ['8.8.8.8', 'Internet - system'],
  ];
  for (const [dst, want] of cases) it(`${dst} -> ${want}`, () => assert.equal(hop(m, dst), want));
  it('a VNet holding 10.0.0.0/8 replaces the 10/8 None route', () => {
    const big = net(['10.0.0.0/8'], '10.0.0.0/24');
    assert.equal(hop(big, '10.200.0.1'), 'VnetLocal - system');
    assert.equal(effectiveRoutes(big, subnetId('nodes')).filter((r) => r.addressPrefix === '10.0.0.0/8').map((r) => r.nextHopType).join(), 'VnetLocal');
  });
  it('a VNet range containing 172.16/12 removes its None route', () => {
    const big = net(['172.0.0.0/8'], '172.16.0.0/24');
    assert.equal(effectiveRoutes(big, subnetId('nodes')).some((r) => r.nextHopType === 'None' && r.addressPrefix === '172.16.0.0/12'), false);
  });
  it('peered space routes to VNetPeering (from the remote VNet when the peering gives no space)', () => {
    const remote = vnet('hub', ['10.50.0.0/16']);
    const local = vnet('vnet', ['10.1.0.0/16'], [{ name: 'to-hub', remoteVnetId: remote.id, remoteAddressSpace: [], origin: TEST_ORIGIN }]);
    const m2: Model = { ...net(['10.1.0.0/16'], '10.1.0.0/24'), vnets: [local, remote] };
    assert.equal(hop(m2, '10.50.1.1'), 'VNetPeering - system');
  });
  it('IPv6: ::/0 to Internet only for dual-stack VNets', () => {
    assert.equal(hop(net(['10.1.0.0/16', 'fd00:1::/48'], '10.1.0.0/24'), '2001:db8::1'), 'Internet - system');
    assert.equal(hop(net(['10.1.0.0/16', 'fd00:1::/48'], '10.1.0.0/24'), 'fd00:1::5'), 'VnetLocal - system');
    assert.equal(hop(m, '2001:db8::1'), 'None - system');
  });
});

describe('user-defined routes', () => {
  it('longest prefix wins across sources', () => {
    const rt = table('rt', [udr('fw-default', '0.0.0.0/0', 'VirtualAppliance', '10.1.255.4'), udr('blackhole', '10.1.5.0/24', 'None')]);
    const m = net(['10.1.0.0/16'], '10.1.0.0/24', rt);
    assert.equal(hop(m, '8.8.8.8'), 'VirtualAppliance 10.1.255.4 rt');
    assert.equal(hop(m, '10.1.5.9'), 'None - rt');
    assert.equal(hop(m, '10.1.6.9'), 'VnetLocal - system');
  });
  it('on an equal prefix the UDR wins and the system route turns Invalid', () => {
    const rt = table('rt', [udr('vnet-via-fw', '10.1.0.0/16', 'VirtualAppliance', '10.1.255.4')]);
    const m = net(['10.1.0.0/16'], '10.1.0.0/24', rt);
    assert.equal(hop(m, '10.1.9.9'), 'VirtualAppliance 10.1.255.4 rt');
    const states = effectiveRoutes(m, subnetId('nodes')).filter((r) => r.addressPrefix === '10.1.0.0/16').map((r) => `${r.source}:${r.state}`);
    assert.deepEqual(states, ['Default:Invalid', 'User:Active']);
  });
  it('next hop types VnetLocal, Internet, VirtualNetworkGateway pass through', () => {
    const rt = table('rt', [udr('a', '20.0.0.0/8', 'Internet'), udr('b', '30.0.0.0/8', 'VirtualNetworkGateway'), udr('c', '10.9.0.0/16', 'VnetLocal')]);
    const m = net(['10.1.0.0/16'], '10.1.0.0/24', rt);
    assert.deepEqual(['20.1.1.1', '30.1.1.1', '10.9.0.1'].map((d) => hop(m, d)),
      ['Internet - rt', 'VirtualNetworkGateway - rt', 'VnetLocal - rt']);
  });
  it('a service-tag prefix is listed but not selected, and linted', () => {
    const rt = table('rt', [udr('tag', 'AzureCloud', 'Internet'), udr('nva', '1.2.3.0/24', 'VirtualAppliance')]);
    const m = net(['10.1.0.0/16'], '10.1.0.0/24', rt);
    assert.ok(effectiveRoutes(m, subnetId('nodes')).some((r) => r.name === 'tag' && r.prefix === undefined));
    assert.deepEqual(lintRouteTable(rt).map((d) => d.code), ['AKS4101', 'AKS4102']);
  });
});

describe('gateway routes', () => {
  const ext = { externalRanges: [{ name: 'onprem', cidr: cidr('192.168.0.0/16'), origin: TEST_ORIGIN }, { name: 'inside', cidr: cidr('10.1.2.0/24'), origin: TEST_ORIGIN }] };
  it('external ranges go to the gateway, beating the None route of the same prefix', () => {
    const m = net(['10.1.0.0/16'], '10.1.0.0/24', undefined, ext);
    assert.equal(hop(m, '192.168.3.3'), 'VirtualNetworkGateway - system');
    const none = effectiveRoutes(m, subnetId('nodes')).find((r) => r.addressPrefix === '192.168.0.0/16' && r.source === 'Default');
    assert.equal(none?.state, 'Invalid');
  });
  it('the VNet route beats a more specific gateway route', () => {
    assert.equal(hop(net(['10.1.0.0/16'], '10.1.0.0/24', undefined, ext), '10.1.2.5'), 'VnetLocal - system');
  });
  it('disabled BGP propagation drops gateway routes', () => {
    assert.equal(hop(net(['10.1.0.0/16'], '10.1.0.0/24', table('rt', [], true), ext), '192.168.3.3'), 'None - system');
  });
});

describe('per-node and overlay pod routes', () => {
  const rt = table('rt', []);
  const kubenet = cluster('k', { mode: 'kubenet', podCidr: '10.244.0.0/16', routeTable: 'rt', pools: [pool('np', { count: 3, subnet: 'nodes' })] });
  const m: Model = { ...net(['10.1.0.0/16'], '10.1.0.0/24', rt), clusters: [kubenet] };
  it('kubenet: each node podCIDR goes to the node IP, named after the node, in the cluster route table', () => {
    const routes = effectiveRoutes(m, subnetId('nodes')).filter((r) => r.derived === 'node-route');
    assert.deepEqual(routes.map((r) => `${r.name} ${r.addressPrefix} ${r.nextHopIp ? formatIp(r.nextHopIp) : ''}`), [
      'aks-np-00000000-vmss000000 10.244.0.0/24 10.1.0.4',
      'aks-np-00000000-vmss000001 10.244.1.0/24 10.1.0.5',
      'aks-np-00000000-vmss000002 10.244.2.0/24 10.1.0.6',
    ]);
    assert.equal(hop(m, '10.244.1.17'), 'VirtualAppliance 10.1.0.5 rt');
    assert.equal(hop(m, '10.244.9.1'), 'None - system');
  });
  it('a route already in the table (live cluster export) is not duplicated', () => {
    const live = table('rt', [udr('aks-np-00000000-vmss000000', '10.244.0.0/24', 'VirtualAppliance', '10.1.0.4')]);
    const m2: Model = { ...m, routeTables: [live] };
    assert.equal(effectiveRoutes(m2, subnetId('nodes')).filter((r) => r.addressPrefix === '10.244.0.0/24').length, 1);
  });
  it('self-managed calico-policy-only with the route table on the subnet', () => {
    const sm = cluster('sm', { mode: 'self-managed', selfManagedCni: 'calico-policy-only', podCidr: '10.1.128.0/17',
      pools: [pool('w', { count: 2, subnet: 'nodes' })] });
    const m3: Model = { ...net(['10.1.0.0/16'], '10.1.0.0/24', rt), clusters: [sm] };
    assert.equal(hop(m3, '10.1.129.3'), 'VirtualAppliance 10.1.0.5 rt');
    assert.equal(hop(m3, '10.1.130.3'), 'VnetLocal - system');
  });
  it('overlay: the pod CIDR is routed inside the VNet, not dropped by the 10/8 None route', () => {
    const ov = cluster('o', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { subnet: 'nodes' })] });
    const m4: Model = { ...net(['10.1.0.0/16'], '10.1.0.0/24'), clusters: [ov] };
    assert.equal(hop(m4, '10.244.3.3'), 'VnetLocal - system');
  });
  it('overlay: a pod CIDR equal to a private range (192.168.0.0/16) overrides that range\'s None route', () => {
    const ov = cluster('o', { mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [pool('np', { subnet: 'nodes' })] });
    const m5: Model = { ...net(['10.1.0.0/16'], '10.1.0.0/24'), clusters: [ov] };
    assert.equal(hop(m5, '192.168.4.2'), 'VnetLocal - system');
    const none = effectiveRoutes(m5, subnetId('nodes')).find((r) => r.addressPrefix === '192.168.0.0/16' && r.nextHopType === 'None');
    assert.equal(none?.state, 'Invalid');
    const m6: Model = { ...m5, clusters: [] };
    assert.equal(hop(m6, '192.168.4.2'), 'None - system');
  });
  it('the tracer records the deciding route with its name', () => {
    const t = new RecordingTracer();
    selectRoute(effectiveRoutes(m, subnetId('nodes')), ip('10.244.2.2'), t);
    assert.deepEqual(t.steps.map((s) => [s.type, s.action, s.rule]), [['route', 'forward', 'aks-np-00000000-vmss000002']]);
  });
  it('unknown subnet: no routes, and selection says None', () => {
    assert.deepEqual(effectiveRoutes(m, subnetId('nope')), []);
    assert.equal(selectRoute([], ip('1.1.1.1')).nextHopType, 'None');
  });
});
