// The VirtualNetwork tag as the NSG engine reads it from the model: VNet space, peerings, UDR prefixes, and the pod
// CIDRs of Azure CNI Overlay clusters in the VNet (so the default AllowVnet rules admit overlay pod traffic).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIp, type Ip } from '../net/index.js';
import type { Nsg, NsgRule, VNet } from '../../model/azure.js';
import type { Service } from '../../model/k8s.js';
import { armId, type Model } from '../../model/model.js';
import { cidr, cluster, model, pool, subnet, subnetId, TEST_ORIGIN } from '../../derive/testing/build.js';
import { evaluateNsgPath } from './evaluate.js';
import { aksManagedNsg, nsgContextForSubnet, virtualNetworkTag } from './model-context.js';
import { asgMembership } from './asg.js';

function ip(s: string): Ip {
  const r = parseIp(s);
  if (!r) throw new Error(s);
  return r;
}
function vnet(name: string, space: string[]): VNet {
  return { id: armId('rg', 'Microsoft.Network/virtualNetworks', name), name, origin: TEST_ORIGIN, addressSpace: space.map(cidr), subnetIds: [], peerings: [] };
}
/** VNet 10.1.0.0/16 with subnet `nodes` 10.1.0.0/24, and VNet `other` with subnet `far`; one cluster of `mode` on `nodes`. */
function net(mode: 'azure-cni-overlay' | 'kubenet' | 'azure-cni-node-subnet', extra: Partial<Model> = {}): Model {
  const base = model({ subnets: [subnet('nodes', '10.1.0.0/24'), { ...subnet('far', '10.9.0.0/24'), vnetId: armId('rg', 'Microsoft.Network/virtualNetworks', 'other') }] });
  const c = cluster('c', { mode, podCidr: mode === 'azure-cni-node-subnet' ? undefined : '192.168.0.0/16', pools: [pool('np', { count: 2, subnet: 'nodes' })] });
  return { ...base, vnets: [vnet('vnet', ['10.1.0.0/16']), vnet('other', ['10.9.0.0/16'])], clusters: [c], ...extra };
}

describe('VirtualNetwork tag', () => {
  const cases: { name: string; mode: 'azure-cni-overlay' | 'kubenet' | 'azure-cni-node-subnet'; subnet: string; addr: string; inTag: boolean }[] = [
    { name: 'overlay pod CIDR is in the tag of the cluster VNet', mode: 'azure-cni-overlay', subnet: 'nodes', addr: '192.168.3.7', inTag: true },
    { name: 'overlay pod CIDR is not in the tag of another VNet', mode: 'azure-cni-overlay', subnet: 'far', addr: '192.168.3.7', inTag: false },
    { name: 'the VNet space is in the tag', mode: 'azure-cni-overlay', subnet: 'nodes', addr: '10.1.200.1', inTag: true },
    { name: 'kubenet pod CIDR without a route table is not in the tag', mode: 'kubenet', subnet: 'nodes', addr: '192.168.3.7', inTag: false },
    { name: 'flat CNI has no pod CIDR to add', mode: 'azure-cni-node-subnet', subnet: 'nodes', addr: '192.168.3.7', inTag: false },
    { name: 'the host VIP is in the tag', mode: 'azure-cni-overlay', subnet: 'nodes', addr: '168.63.129.16', inTag: true },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(virtualNetworkTag(net(c.mode), subnetId(c.subnet)).contains(ip(c.addr)), c.inTag));
  }
});

describe('overlay pod traffic through a subnet NSG', () => {
  const rule = (name: string, priority: number, o: Partial<NsgRule>): NsgRule => ({
    name, priority, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddresses: ['*'], sourcePorts: ['*'],
    destinationAddresses: ['*'], destinationPorts: ['*'], sourceAsgIds: [], destinationAsgIds: [], origin: TEST_ORIGIN, ...o,
  });
  const nsgOf = (rules: NsgRule[]): Nsg => ({ id: armId('rg', 'Microsoft.Network/networkSecurityGroups', 'n'), name: 'n', origin: TEST_ORIGIN, rules });
  const flow = { protocol: 'TCP' as const, srcIp: ip('192.168.0.10'), srcPort: 40000, dstIp: ip('192.168.1.20'), dstPort: 8080 };
  const cases: { name: string; rules: NsgRule[]; access: 'Allow' | 'Deny'; ruleName: string }[] = [
    { name: 'default rules allow pod to pod (AllowVnetInBound)', rules: [], access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' },
    { name: 'a custom deny of VirtualNetwork denies it', access: 'Deny', ruleName: 'securityRules/deny-vnet',
      rules: [rule('deny-vnet', 4000, { access: 'Deny', sourceAddresses: ['VirtualNetwork'], destinationAddresses: ['VirtualNetwork'] })] },
    { name: 'an allow of the pod CIDR above a deny-all admits it', access: 'Allow', ruleName: 'securityRules/pods',
      rules: [rule('pods', 100, { sourceAddresses: ['192.168.0.0/16'] }), rule('deny-all', 4096, { access: 'Deny' })] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = net('azure-cni-overlay');
      const v = evaluateNsgPath({ subnet: nsgOf(c.rules) }, 'Inbound', flow, nsgContextForSubnet(m, subnetId('nodes')));
      assert.equal(v.access, c.access);
      assert.equal(v.ruleName, c.ruleName);
    });
  }
});

describe('ASG membership from NICs and node pools', () => {
  const ASG_JUMP = armId('rg', 'Microsoft.Network/applicationSecurityGroups', 'jump');
  const ASG_NODES = armId('rg', 'Microsoft.Network/applicationSecurityGroups', 'nodes');
  const nic = (name: string, addr: string | undefined, asgs: string[]): Model['nics'][number] => ({
    id: armId('rg', 'Microsoft.Network/networkInterfaces', name), name, origin: TEST_ORIGIN,
    ipConfigurations: [{ name: 'ipconfig1', subnetId: subnetId('nodes'), knowledge: addr ? 'static' : 'unknown', asgIds: asgs, origin: TEST_ORIGIN,
      ...(addr ? { privateIp: ip(addr) } : {}) }],
  });
  function withAsgs(nics: Model['nics'], poolAsgs: string[]): Model {
    const m = net('azure-cni-overlay');
    const c = m.clusters[0]!;
    return { ...m, nics, asgs: [{ id: ASG_JUMP, name: 'jump', origin: TEST_ORIGIN }, { id: ASG_NODES, name: 'nodes', origin: TEST_ORIGIN }],
      clusters: [{ ...c, pools: c.pools.map((p) => ({ ...p, asgIds: poolAsgs })) }] };
  }
  const cases: { name: string; nics: Model['nics']; poolAsgs: string[]; asg: string; addr: string; member: boolean; unknown: boolean }[] = [
    { name: 'a NIC address is a member of its ASG', nics: [nic('jump', '10.1.0.200', [ASG_JUMP])], poolAsgs: [], asg: ASG_JUMP, addr: '10.1.0.200', member: true, unknown: false },
    { name: 'another address is not', nics: [nic('jump', '10.1.0.200', [ASG_JUMP])], poolAsgs: [], asg: ASG_JUMP, addr: '10.1.0.201', member: false, unknown: false },
    { name: 'the nodes of a pool carrying the ASG are members', nics: [], poolAsgs: [ASG_NODES], asg: ASG_NODES, addr: '10.1.0.5', member: true, unknown: false },
    { name: 'a NIC without a known address makes the membership partly unknown', nics: [nic('jump', undefined, [ASG_JUMP])], poolAsgs: [], asg: ASG_JUMP, addr: '10.1.0.200', member: false, unknown: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = asgMembership(withAsgs(c.nics, c.poolAsgs));
      assert.equal(m.members.get(c.asg)?.contains(ip(c.addr)) ?? false, c.member);
      assert.equal(m.unknown.has(c.asg), c.unknown);
      assert.equal(m.inInput.size, 2);
    });
  }
  it('the subnet context carries the membership the evaluator reads', () => {
    const ctx = nsgContextForSubnet(withAsgs([nic('jump', '10.1.0.200', [ASG_JUMP])], [ASG_NODES]), subnetId('nodes'));
    assert.ok(ctx.asgMembers.get(ASG_JUMP)?.contains(ip('10.1.0.200')));
    assert.ok(ctx.asgMembers.get(ASG_NODES)?.contains(ip('10.1.0.4')));
    assert.ok(ctx.asgsInInput?.has(ASG_NODES));
  });
});

describe('AKS-managed NSG rules for LoadBalancer Services', () => {
  const lb = (name: string, o: Partial<Service>): Service => ({
    namespace: 'shop', name, type: 'LoadBalancer', selector: { app: name }, ports: [{ protocol: 'TCP', port: 443, targetPort: 8443 }],
    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: TEST_ORIGIN, ...o,
  });
  const cases: { name: string; svc: Service; destination: string; sources: string[] }[] = [
    { name: 'no requested address: any destination, from Internet', svc: lb('a', {}), destination: '*', sources: ['Internet'] },
    { name: 'the ipv4 annotation is the destination', svc: lb('b', { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-ipv4': '20.1.2.3' } }),
      destination: '20.1.2.3', sources: ['Internet'] },
    { name: 'spec.loadBalancerIP is the destination when no annotation', svc: lb('c', { loadBalancerIp: ip('20.1.2.4') }), destination: '20.1.2.4', sources: ['Internet'] },
    { name: 'the annotation wins over spec.loadBalancerIP',
      svc: lb('d', { loadBalancerIp: ip('20.1.2.4'), annotations: { 'service.beta.kubernetes.io/azure-load-balancer-ipv4': '20.1.2.5' } }),
      destination: '20.1.2.5', sources: ['Internet'] },
    { name: 'an internal LB without allowed sources gets no rule', svc: lb('e', { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } }),
      destination: '', sources: [] },
    { name: 'loadBalancerSourceRanges are the sources', svc: lb('f', { loadBalancerSourceRanges: [cidr('203.0.113.0/24')] }), destination: '*', sources: ['203.0.113.0/24'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = { ...net('azure-cni-overlay'), services: [c.svc] };
      const nsg = aksManagedNsg(m, m.clusters[0]!);
      assert.ok(nsg);
      assert.deepEqual(nsg.rules.map((r) => r.sourceAddresses[0]), c.sources);
      for (const r of nsg.rules) {
        assert.deepEqual(r.destinationAddresses, [c.destination]);
        assert.deepEqual(r.destinationPorts, ['443']);
        assert.equal(r.access, 'Allow');
      }
    });
  }
});
