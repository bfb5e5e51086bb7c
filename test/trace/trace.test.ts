// Golden traces of the scenarios: each case runs `trace` on a fixture and compares text and JSON with the
// goldens in test/trace/<scenario>/golden/ (AKSNET_UPDATE=1 rewrites them; a mismatch leaves a .actual file).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/pipeline.js';
import { trace, type TraceParams } from '../../src/questions/trace/index.js';
import { renderTrace } from '../../src/render/trace/index.js';
import { compareGolden } from '../../src/testing/golden.js';

interface Case {
  readonly name: string;
  readonly fixture: string;
  readonly params: TraceParams;
  readonly disposition: string;
  /** --cluster values the input is loaded with (absent = none). */
  readonly cluster?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'internet-lb-etp-cluster', fixture: 'overlay-lb', params: { from: 'internet', to: 'svc/shop/web-cluster' }, disposition: 'delivered' },
  { name: 'internet-lb-etp-local', fixture: 'overlay-lb', params: { from: 'internet', to: 'svc/shop/web-local' }, disposition: 'delivered' },
  { name: 'overlay-pod-to-pod-across-nodes', fixture: 'overlay-lb', params: { from: 'shop/client-0', to: 'shop/web-0', port: '8080' }, disposition: 'delivered' },
  { name: 'overlay-policy-denies-cart', fixture: 'overlay-lb', params: { from: 'shop/client-0', to: 'shop/cart-0', port: '9000' }, disposition: 'denied-by-policy-ingress' },
  { name: 'ingress-host-path-cart', fixture: 'overlay-lb', params: { from: 'internet', to: 'https://shop.example.com/cart/items' }, disposition: 'delivered' },
  { name: 'ingress-host-path-root', fixture: 'overlay-lb', params: { from: 'internet', to: 'https://shop.example.com/cartoons' }, disposition: 'delivered' },
  { name: 'ingress-unknown-host', fixture: 'overlay-lb', params: { from: 'internet', to: 'http://other.example.com/' }, disposition: 'no-ingress-match' },
  { name: 'public-api-server-from-internet', fixture: 'overlay-lb', params: { from: 'internet', to: 'api-server' }, disposition: 'delivered' },
  { name: 'kubenet-pod-to-pod-via-udr', fixture: 'kubenet-udr', params: { from: 'shop/web-0', to: 'svc/shop/db' }, disposition: 'delivered' },
  { name: 'kubenet-pod-to-internet-via-firewall', fixture: 'kubenet-udr', params: { from: 'shop/web-0', to: 'internet' }, disposition: 'exits-network' },
  { name: 'nsg-deny-behind-policy-allow', fixture: 'kubenet-udr', params: { from: '10.10.2.7', to: 'shop/db-0', port: '5432' }, disposition: 'denied-by-nsg' },
  { name: 'private-api-server-from-inside', fixture: 'kubenet-udr', params: { from: 'shop/web-0', to: 'api-server' }, disposition: 'delivered' },
  { name: 'private-api-server-from-internet', fixture: 'kubenet-udr', params: { from: 'internet', to: 'api-server' }, disposition: 'not-exposed' },
  // Two clusters: shop/web runs in the second (aks-green), where its pod runs; its ETP Local probe finds one green node.
  { name: 'internet-lb-second-cluster', fixture: 'multi-cluster', params: { from: 'internet', to: 'svc/shop/web' }, disposition: 'delivered' },
  { name: 'other-cluster-clusterip', fixture: 'multi-cluster', params: { from: 'shop/client-0', to: 'svc/shop/web' }, disposition: 'denied-by-nsg' },
  { name: 'cluster-option-moves-service', fixture: 'multi-cluster', params: { from: 'internet', to: 'svc/shop/web' }, disposition: 'no-endpoints', cluster: ['shop=aks-blue'] },
  // A pod -> another node's address and a nodePort: kube-proxy on the pod's node does not translate it (--dst-type
  // LOCAL); the addressed node does, with externalTrafficPolicy (Cluster: masquerade to it; Local: only its endpoints).
  { name: 'pod-to-remote-nodeport-etp-cluster', fixture: 'overlay-lb', params: { from: 'shop/client-0', to: 'node:aks-system-00000000-vmss000002', port: '30002' }, disposition: 'delivered' },
  { name: 'pod-to-remote-nodeport-etp-local-no-local-endpoint', fixture: 'overlay-lb', params: { from: 'shop/client-0', to: 'node:aks-system-00000000-vmss000002', port: '30003' }, disposition: 'no-endpoints' },
  { name: 'pod-to-remote-nodeport-etp-local', fixture: 'overlay-lb', params: { from: 'shop/client-0', to: 'node:aks-system-00000000-vmss000001', port: '30003' }, disposition: 'delivered' },
  // Cilium's socket LB translates a nodePort on any node of the cluster at connect(): ETP Local does not apply.
  { name: 'cilium-pod-to-remote-nodeport-etp-local', fixture: 'cilium-nodeport', params: { from: 'shop/client-0', to: 'node:aks-system-00000000-vmss000002', port: '30081' }, disposition: 'delivered' },
  { name: 'cilium-pod-to-remote-nodeport-etp-cluster', fixture: 'cilium-nodeport', params: { from: 'shop/client-0', to: 'node:aks-system-00000000-vmss000002', port: '30080' }, disposition: 'delivered' },
  // Encapsulation: Canal / Calico VXLAN pod traffic crosses the fabric as UDP between node addresses (encap, NSGs and
  // routes on the outer packet, decap, policy on the inner one); an NSG denying the pod CIDR does not matter, one
  // denying the tunnel port does; Calico IPIP (IP protocol 4) is dropped by the Azure network.
  { name: 'canal-pod-to-pod-across-nodes', fixture: 'canal-vxlan', params: { from: 'shop/web-0', to: 'shop/web-1', port: '8080' }, disposition: 'delivered' },
  { name: 'canal-node-to-remote-pod', fixture: 'canal-vxlan', params: { from: 'node:workers-0', to: 'shop/web-1', port: '8080' }, disposition: 'delivered' },
  { name: 'canal-nsg-denies-vxlan-port', fixture: 'canal-vxlan-blocked', params: { from: 'shop/web-0', to: 'shop/web-1', port: '8080' }, disposition: 'denied-by-nsg' },
  // The replies come back in their own tunnel packets (UDP to 8472 on the client's node): a new flow for the NSGs.
  { name: 'canal-replies-tunnel-denied', fixture: 'canal-vxlan-reply', params: { from: 'shop/web-2', to: 'shop/web-0', port: '8080' }, disposition: 'denied-by-nsg' },
  { name: 'canal-forward-tunnel-denied', fixture: 'canal-vxlan-reply', params: { from: 'shop/web-0', to: 'shop/web-2', port: '8080' }, disposition: 'denied-by-nsg' },
  { name: 'canal-same-subnet-unaffected', fixture: 'canal-vxlan-reply', params: { from: 'shop/web-0', to: 'shop/web-1', port: '8080' }, disposition: 'delivered' },
  { name: 'canal-same-node-not-encapsulated', fixture: 'canal-vxlan-blocked', params: { from: 'shop/web-0', to: 'shop/web-2', port: '8080' }, disposition: 'delivered' },
  { name: 'calico-vxlan-pod-to-pod-across-nodes', fixture: 'calico-vxlan', params: { from: 'shop/web-0', to: 'shop/web-1', port: '8080' }, disposition: 'delivered' },
  { name: 'calico-ipip-pod-to-pod-black-holed', fixture: 'calico-ipip', params: { from: 'shop/web-0', to: 'shop/web-1', port: '8080' }, disposition: 'black-holed' },
];

const here = join(process.cwd(), 'test', 'trace');

describe('trace goldens', () => {
  for (const c of CASES) {
    it(`${c.fixture}: ${c.name} -> ${c.disposition}`, () => {
      const loaded = loadModel([join('test', 'trace', c.fixture)], { cluster: c.cluster ?? [] });
      const r = trace(loaded.model, c.params);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.answer.trace.disposition, c.disposition, `disposition of ${c.name}`);
      assert.equal(r.answer.trace.delivered, c.disposition === 'delivered' || c.disposition === 'exits-network', 'delivered agrees');
      for (const [fmt, ext] of [['text', 'txt'], ['json', 'json']] as const) {
        const g = compareGolden(join(here, c.fixture, 'golden', `${c.name}.${ext}`), renderTrace(r.answer, fmt));
        assert.ok(g.ok, `${c.name}.${ext}: ${g.diff}`);
      }
    });
  }
  it('renders deterministically (same output twice, every format)', () => {
    const loaded = loadModel([join('test', 'trace', 'overlay-lb')]);
    for (const fmt of ['text', 'json', 'dot', 'mermaid'] as const) {
      const a = trace(loaded.model, { from: 'internet', to: 'https://shop.example.com/cart' });
      const b = trace(loaded.model, { from: 'internet', to: 'https://shop.example.com/cart' });
      assert.ok(a.ok && b.ok, 'both answer');
      assert.equal(renderTrace(a.answer, fmt), renderTrace(b.answer, fmt), fmt);
    }
  });
  it('the JSON has disposition, delivered and hops with component/resource/action', () => {
    const loaded = loadModel([join('test', 'trace', 'kubenet-udr')]);
    const r = trace(loaded.model, { from: '10.10.2.7', to: 'shop/db-0', port: '5432' });
    assert.ok(r.ok, 'answers');
    const j = JSON.parse(renderTrace(r.answer, 'json')) as { disposition: string; delivered: boolean; blockingHop: number; hops: { component: string; resource: string; action: string; rule?: string; origin?: string }[] };
    assert.equal(j.disposition, 'denied-by-nsg');
    assert.equal(j.delivered, false);
    const blocking = j.hops[j.blockingHop];
    assert.ok(blocking, 'blocking hop present');
    assert.deepEqual([blocking.component, blocking.action, blocking.rule], ['nsg', 'deny', 'securityRules/deny-vms-to-db']);
    assert.match(blocking.origin ?? '', /network\.yaml:\d+:\d+$/);
  });
  const usage: [TraceParams, RegExp][] = [
    [{ from: 'shop/nope', to: 'internet' }, /no pod or workload 'shop\/nope'/],
    [{ from: 'shop/web-0', to: 'shop/db-0' }, /--port is needed/],
    [{ from: 'shop/web-0', to: 'svc/shop/missing' }, /no Service shop\/missing/],
    [{ from: 'shop/web-0', to: 'ftp://x' }, /not a destination reference/],
    [{ from: 'shop/web-0', to: 'shop/db-0', port: '70000' }, /1\.\.65535/],
  ];
  for (const [p, re] of usage) {
    it(`usage error: ${p.from} -> ${p.to}`, () => {
      const loaded = loadModel([join('test', 'trace', 'kubenet-udr')]);
      const r = trace(loaded.model, p);
      assert.equal(r.ok, false, 'refused');
      assert.match(r.ok ? '' : r.error, re);
    });
  }
  it('multi-cluster: Services are attributed to the cluster running their pods; nothing telling is an AKS4206 note', () => {
    const loaded = loadModel([join('test', 'trace', 'multi-cluster')]);
    const r = trace(loaded.model, { from: 'internet', to: 'svc/shop/web' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const notes = r.answer.diagnostics.filter((d) => d.code === 'AKS4206');
    assert.deepEqual(notes.map((d) => [d.severity, d.resource, d.origin?.line]), [['info', 'Service/shop/legacy', 27]]);
    assert.match(notes[0]?.hint ?? '', /--cluster <name>/);
  });
  it('multi-cluster: a bare api-server is ambiguous from outside the clusters; the error lists api-server:<cluster>', () => {
    const loaded = loadModel([join('test', 'trace', 'multi-cluster')]);
    const r = trace(loaded.model, { from: 'internet', to: 'api-server' });
    assert.equal(r.ok, false, 'refused');
    assert.match(r.ok ? '' : r.error, /api-server is ambiguous: the input has 2 clusters; use api-server:aks-blue, api-server:aks-green/);
    const bad = trace(loaded.model, { from: 'internet', to: 'api-server:aks-red' });
    assert.match(bad.ok ? '' : bad.error, /no cluster aks-red \(use api-server:aks-blue, api-server:aks-green\)/);
  });
  it('multi-cluster: api-server:<cluster> reaches that cluster\'s endpoint; each public cluster has its own address', () => {
    const loaded = loadModel([join('test', 'trace', 'multi-cluster')]);
    const seen = new Set<string>();
    for (const name of ['aks-blue', 'aks-green']) {
      const r = trace(loaded.model, { from: 'internet', to: `api-server:${name}` });
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.answer.trace.disposition, 'delivered');
      const last = r.answer.trace.hops[r.answer.trace.hops.length - 1]!;
      assert.equal(last.resource, `${name} (public endpoint)`, 'the named cluster answers');
      seen.add(last.packet.dstIp);
    }
    assert.equal(seen.size, 2, 'two public clusters, two addresses');
  });
  it('multi-cluster: from a pod, api-server is the API server of the pod\'s own cluster', () => {
    const loaded = loadModel([join('test', 'trace', 'multi-cluster')]);
    const r = trace(loaded.model, { from: 'shop/client-0', to: 'api-server' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    // client-0 runs on aks-blue-00000000-vmss000000.
    assert.match(r.answer.to.name, /^aks-blue API server \(public 192\.0\.2\.10\)/);
    assert.equal(r.answer.trace.hops[r.answer.trace.hops.length - 1]?.resource, 'aks-blue (public endpoint)');
  });
  it('--cluster naming no cluster of the input is a usage error', () => {
    assert.throws(() => loadModel([join('test', 'trace', 'multi-cluster')], { cluster: ['nope'] }), /the input has no cluster nope \(clusters: aks-blue, aks-green\)/);
    assert.throws(() => loadModel([join('test', 'trace', 'multi-cluster')], { cluster: ['a=b=c'] }), /write a cluster name, or namespace=name/);
  });
});
