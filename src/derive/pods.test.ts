import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCidr, formatIp, parseCidr, parseIp } from '../engines/net/index.js';
import type { Subnet } from '../model/azure.js';
import type { Pod } from '../model/k8s.js';
import { type Model, emptyModel } from '../model/model.js';
import { assignPodAddresses, planPodAddresses } from './pods.js';
import type { DerivedNode } from './types.js';

const O = { file: 't', line: 1, column: 1 };
const ip = (s: string) => parseIp(s) ?? assert.fail(s);
const cidr = (s: string) => parseCidr(s)?.cidr ?? assert.fail(s);

function pod(name: string, extra: Partial<Pod> = {}): Pod {
  return {
    namespace: 'ns', name, labels: {}, ports: [], hostNetwork: false, serviceAccount: 'default',
    workload: { kind: 'Pod', name }, origin: O, ...extra,
  };
}
function model(pods: Pod[], subnets: Subnet[] = []): Model {
  return { ...emptyModel(), pods, subnets };
}
function node(name: string, extra: Partial<DerivedNode> = {}): DerivedNode {
  return { name, clusterId: 'c', pool: 'p', maxPods: 110, osType: 'Linux', ...extra };
}
const show = (ps: readonly Pod[]): string[] => ps.map((p) => `${p.name}@${p.nodeName ?? '-'}=${p.ip ? formatIp(p.ip) : '-'}/${p.hostIp ? formatIp(p.hostIp) : '-'}`);

describe('assignPodAddresses: per-node pod CIDRs (kubenet / overlay)', () => {
  const nodes = [node('n1', { ip: ip('10.224.0.4'), podCidr: cidr('10.244.0.0/24') }), node('n0', { ip: ip('10.224.0.5'), podCidr: cidr('10.244.1.0/24') })];
  const cases: [string, Pod[], string[]][] = [
    ['round-robin over nodes sorted by name, from .2', [pod('a'), pod('b'), pod('c')],
      ['a@n0=10.244.1.2/10.224.0.5', 'b@n1=10.244.0.2/10.224.0.4', 'c@n0=10.244.1.3/10.224.0.5']],
    ['status.podIP kept, and its address is not handed out again', [pod('a'), pod('b', { ip: ip('10.244.1.2'), nodeName: 'n0' })],
      ['a@n0=10.244.1.3/10.224.0.5', 'b@n0=10.244.1.2/10.224.0.5']],
    ['nodeName pins the pod', [pod('a', { nodeName: 'n1' }), pod('b', { nodeName: 'n1' })],
      ['a@n1=10.244.0.2/10.224.0.4', 'b@n1=10.244.0.3/10.224.0.4']],
    ['hostNetwork pods take the node address', [pod('h', { hostNetwork: true })], ['h@n0=10.224.0.5/10.224.0.5']],
    ['hostIP from status wins', [pod('a', { hostIp: ip('10.9.9.9') })], ['a@n0=10.244.1.2/10.9.9.9']],
  ];
  for (const [name, pods, want] of cases) {
    it(name, () => assert.deepEqual(show(assignPodAddresses(model(pods), nodes)), want));
  }
});

describe('assignPodAddresses: pod subnet (flat CNI)', () => {
  const subnet: Subnet = {
    id: '/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/pods', name: 'pods', origin: O,
    vnetId: 'v', prefixes: [cidr('10.10.0.0/29')], delegations: [],
  };
  it('shared by the nodes, after the 4 Azure-reserved addresses, skipping node addresses; exhaustion is a diagnostic', () => {
    const nodes = [
      node('n0', { ip: ip('10.10.0.4'), podSubnetId: subnet.id.toUpperCase() }),
      node('n1', { ip: ip('10.10.0.9'), podSubnetId: subnet.id }),
    ];
    const r = planPodAddresses(model([pod('a'), pod('b'), pod('c'), pod('d')], [subnet]), nodes);
    // usable .4-.6 (.7 broadcast); .4 is n0's own address.
    assert.deepEqual(show(r.pods), ['a@n0=10.10.0.5/10.10.0.4', 'b@n1=10.10.0.6/10.10.0.9', 'c@n0=-/10.10.0.4', 'd@n1=-/10.10.0.9']);
    assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.severity}`), ['AKS2901 error', 'AKS2901 error']);
  });
  it('unknown subnet: warning once per node, pods without address', () => {
    const r = planPodAddresses(model([pod('a'), pod('b')]), [node('n0', { podSubnetId: 'nope' })]);
    assert.deepEqual(show(r.pods), ['a@n0=-/-', 'b@n0=-/-']);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AKS2903']);
  });
});

describe('assignPodAddresses: capacity', () => {
  it('maxPods is honoured; a full cluster is a diagnostic', () => {
    const r = planPodAddresses(model([pod('a'), pod('b'), pod('c')]), [node('n0', { maxPods: 1, podCidr: cidr('10.244.0.0/24') }), node('n1', { maxPods: 1, podCidr: cidr('10.244.1.0/24') })]);
    assert.deepEqual(show(r.pods), ['a@n0=10.244.0.2/-', 'b@n1=10.244.1.2/-', 'c@-=-/-']);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AKS2902']);
  });
  it('a /30 pod CIDR holds one pod (.2; .3 is broadcast)', () => {
    const r = planPodAddresses(model([pod('a'), pod('b')]), [node('n0', { podCidr: cidr('10.0.0.0/30') })]);
    assert.deepEqual(show(r.pods), ['a@n0=10.0.0.2/-', 'b@n0=-/-']);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AKS2901']);
  });
});

describe('assignPodAddresses: no cluster artefact', () => {
  it('virtual nodes node-0..2 with /24s of 10.244.0.0/16 and addresses from 10.224.0.0/16', () => {
    const r = planPodAddresses(model([pod('a'), pod('b'), pod('c'), pod('d')]), []);
    assert.deepEqual(r.nodes.map((n) => `${n.name} ${n.ip ? formatIp(n.ip) : '-'} ${n.range ? formatCidr(n.range.cidr) : '-'} ${n.virtual}`), [
      'node-0 10.224.0.4 10.244.0.0/24 true', 'node-1 10.224.0.5 10.244.1.0/24 true', 'node-2 10.224.0.6 10.244.2.0/24 true',
    ]);
    assert.deepEqual(show(r.pods), ['a@node-0=10.244.0.2/10.224.0.4', 'b@node-1=10.244.1.2/10.224.0.5', 'c@node-2=10.244.2.2/10.224.0.6', 'd@node-0=10.244.0.3/10.224.0.4']);
    assert.deepEqual(r.diagnostics, []);
  });
  it('node names the pods mention become virtual nodes', () => {
    const r = planPodAddresses(model([pod('a', { nodeName: 'worker' })]), []);
    assert.deepEqual(r.nodes.map((n) => n.name), ['node-0', 'node-1', 'worker']);
    assert.deepEqual(show(r.pods), ['a@worker=10.244.2.2/10.224.0.6']);
  });
  it('the model\'s Node objects are used when no derived nodes are given', () => {
    const m: Model = { ...model([pod('a')]), nodes: [{ name: 'k1', labels: {}, ip: ip('192.168.0.10'), podCidrs: [cidr('10.5.0.0/24')], origin: O }] };
    assert.deepEqual(show(assignPodAddresses(m, [])), ['a@k1=10.5.0.2/192.168.0.10']);
  });
});

describe('assignPodAddresses: properties', () => {
  it('addresses are unique, inside the node range, deterministic, and never throw', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 26, max: 30 }), (n, k, prefix) => {
      const pods = Array.from({ length: n }, (_, i) => pod(`p${String(i).padStart(3, '0')}`));
      const nodes = Array.from({ length: k }, (_, i) => node(`n${i}`, { podCidr: cidr(`10.0.${i}.0/${prefix}`) }));
      const a = planPodAddresses(model(pods), nodes);
      const b = planPodAddresses(model(pods), nodes);
      assert.deepEqual(show(a.pods), show(b.pods));
      const ips = a.pods.filter((p) => p.ip).map((p) => formatIp(p.ip!));
      assert.equal(new Set(ips).size, ips.length);
      const capacity = k * Math.max(0, 2 ** (32 - prefix) - 3);
      assert.equal(ips.length, Math.min(n, capacity));
      assert.equal(a.diagnostics.length, n - ips.length);
    }), { numRuns: 200 });
  });
});
