import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatIp } from '../../engines/net/index.js';
import { aksManagedNsg } from '../../engines/nsg/index.js';
import type { Service } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { cidr, cluster, model, pool, subnet, TEST_ORIGIN } from '../../derive/testing/build.js';
import { deriveNodes } from '../../derive/nodes.js';
import { parseIpPort } from './endpoint.js';
import { resolveTarget } from './target.js';

describe('parseIpPort', () => {
  const ok: [string, string, number | undefined][] = [
    ['10.0.0.4:22', '10.0.0.4', 22],
    [' 10.0.0.4:0 ', '10.0.0.4', 0],
    ['10.0.0.4:*', '10.0.0.4', undefined],
    ['[fd00::4]:443', 'fd00::4', 443],
  ];
  for (const [text, ip, port] of ok) {
    it(`parses ${text}`, () => {
      const r = parseIpPort(text);
      assert.ok(typeof r !== 'string', String(r));
      assert.equal(formatIp(r.ip), ip);
      assert.equal(r.port, port);
    });
  }
  const bad = ['10.0.0.4', '10.0.0.4:65536', '10.0.0.4:08', 'fd00::4:443', '[fd00::4]443', 'host:22', ':22', '10.0.0.4:-1'];
  for (const b of bad) it(`rejects ${b}`, () => assert.equal(typeof parseIpPort(b), 'string'));
  it('never throws (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 50 }), (s) => {
      const r = parseIpPort(s);
      assert.ok(typeof r === 'string' || (r.port === undefined || (r.port >= 0 && r.port <= 65535)), 'reason or a valid port');
    }));
  });
});

const M: Model = {
  ...model({
    subnets: [subnet('nodes', '10.1.0.0/24'), subnet('other', '10.1.1.0/24'), subnet('nodes', '10.2.0.0/24', { vnet: 'vnet2' })],
    clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 2, subnet: 'nodes' })] })],
  }),
};

describe('resolveTarget', () => {
  const nodes = deriveNodes(M);
  const cases: [string, string][] = [
    ['aks-np-00000000-vmss000001', 'node aks-np-00000000-vmss000001 10.1.0.5 nodes'],
    ['AKS-NP-00000000-VMSS000000', 'node aks-np-00000000-vmss000000 10.1.0.4 nodes'],
    ['10.1.0.5', 'node aks-np-00000000-vmss000001 10.1.0.5 nodes'],
    ['10.1.1.9', 'ip 10.1.1.9 10.1.1.9 other'],
    ['other', 'subnet other - other'],
    ['vnet2/nodes', 'subnet nodes - nodes'],
  ];
  for (const [ref, want] of cases) {
    it(ref, () => {
      const t = resolveTarget(M, nodes, ref);
      assert.ok(typeof t !== 'string', String(t));
      assert.equal(`${t.kind} ${t.name} ${t.ip ? formatIp(t.ip) : '-'} ${t.subnet.name}`, want);
    });
  }
  it('AKS nodes carry the AKS-managed NIC NSG; subnets do not', () => {
    const n = resolveTarget(M, nodes, '10.1.0.4');
    const s = resolveTarget(M, nodes, 'other');
    assert.ok(typeof n !== 'string' && typeof s !== 'string', 'both resolve');
    assert.equal(n.nicNsg?.name, 'aks-agentpool-00000000-nsg');
    assert.equal(s.nicNsg, undefined);
  });
  const errors: [string, RegExp][] = [
    ['nodes', /ambiguous/],
    ['192.0.2.1', /no subnet in the input holds 192\.0\.2\.1/],
    ['', /empty/],
    ['/subscriptions/x/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/s', /not in the input/],
    ['ghost', /not a node, a VM or NIC, an address inside a subnet, or a subnet/],
  ];
  for (const [ref, re] of errors) it(`error: '${ref}'`, () => assert.match(String(resolveTarget(M, nodes, ref)), re));
  it('never throws (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const t = resolveTarget(M, nodes, s);
      assert.ok(typeof t === 'string' || typeof t.kind === 'string', 'reason or a target');
    }));
  });
});

function lb(name: string, o: Partial<Service> = {}): Service {
  return {
    namespace: 'ns', name, type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: TEST_ORIGIN, ...o,
  };
}

describe('aksManagedNsg: rules AKS adds for LoadBalancer Services', () => {
  const cases: { name: string; svc: Service; rules: string[] }[] = [
    { name: 'public, no ranges: from Internet', svc: lb('a'), rules: ['500 a-ns-a-TCP-80-Internet Tcp Internet -> * :80'] },
    { name: 'loadBalancerSourceRanges: one rule per range', svc: lb('b', { loadBalancerSourceRanges: [cidr('198.51.100.0/24'), cidr('203.0.113.7/32')] }),
      rules: ['500 a-ns-b-TCP-80-198.51.100.0_24 Tcp 198.51.100.0/24 -> * :80', '501 a-ns-b-TCP-80-203.0.113.7_32 Tcp 203.0.113.7/32 -> * :80'] },
    { name: 'allowed service tags annotation, fixed frontend IP', svc: lb('c', { annotations: {
      'service.beta.kubernetes.io/azure-allowed-service-tags': 'AzureFrontDoor.Backend',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '20.1.2.3' } }),
      rules: ['500 a-ns-c-TCP-80-AzureFrontDoor.Backend Tcp AzureFrontDoor.Backend -> 20.1.2.3 :80'] },
    { name: 'internal LB without ranges: no rule', svc: lb('d', { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } }), rules: [] },
    { name: 'UDP port', svc: lb('e', { ports: [{ protocol: 'UDP', port: 53, targetPort: 53 }] }), rules: ['500 a-ns-e-UDP-53-Internet Udp Internet -> * :53'] },
    { name: 'ClusterIP Services add nothing', svc: lb('f', { type: 'ClusterIP' }), rules: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m: Model = { ...M, services: [c.svc] };
      const n = aksManagedNsg(m, M.clusters[0]);
      assert.ok(n, 'an AKS cluster has a managed NSG');
      assert.deepEqual(n.rules.map((r) => `${r.priority} ${r.name} ${r.protocol} ${r.sourceAddresses.join()} -> ${r.destinationAddresses.join()} :${r.destinationPorts.join()}`), c.rules);
    });
  }
  it('self-managed clusters have no managed NSG', () => {
    const sm = cluster('sm', { mode: 'self-managed', pools: [pool('w', { subnet: 'nodes' })] });
    assert.equal(aksManagedNsg(M, sm), undefined);
  });
});
