// The lab's plan from a model: nodes hosting pods, pod namespaces and addresses, VNet routes per mode, route
// tables with UDRs merged in, Services with endpoints, and what is skipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel } from '../cli/pipeline.js';
import { deriveNodes } from '../derive/nodes.js';
import { planPodAddresses } from '../derive/pods.js';
import { emptyModel, type Model } from '../model/model.js';
import { parseIp, parseCidr } from '../engines/net/index.js';
import type { Pod } from '../model/k8s.js';
import { LAB_CODES } from './codes.js';
import { defaultLabMode, labTopology, type LabMode } from './topology.js';

const BASE = ['test/e2e-upstream/base/namespaces.yaml', 'test/e2e-upstream/base/pods.yaml'];
const ORIGIN = { file: 't.yaml', line: 1, column: 1 };

function e2eTopology(mode: LabMode) {
  const { model } = loadModel(BASE);
  const placed = planPodAddresses(model, deriveNodes(model));
  return labTopology({ model, pods: placed.pods, nodes: placed.nodes }, mode, 'ak0001');
}

function pod(name: string, ip: string | undefined, node: string | undefined, extra: Partial<Pod> = {}): Pod {
  return {
    namespace: 'x', name, labels: { app: name }, ports: [{ port: 80, protocol: 'TCP' }], hostNetwork: false, serviceAccount: 'default',
    workload: { kind: 'Pod', name }, origin: ORIGIN,
    ...(ip ? { ip: parseIp(ip) } : {}), ...(node ? { nodeName: node } : {}), ...extra,
  };
}

test('e2e base model: one node (node-1, 192.168.0.10), nine pods in name order with their status IPs', () => {
  const t = e2eTopology('bridge');
  assert.equal(t.nodes.length, 1);
  assert.deepEqual([t.nodes[0]?.name, t.nodes[0]?.ip, t.nodes[0]?.ns, t.nodes[0]?.syntheticIp], ['node-1', '192.168.0.10', 'ak0001-n0', false]);
  assert.deepEqual(t.pods.map((p) => `${p.namespace}/${p.name}=${p.ip}@${p.ns}`), [
    'x/a=10.0.1.1@ak0001-p0', 'x/b=10.0.1.2@ak0001-p1', 'x/c=10.0.1.3@ak0001-p2',
    'y/a=10.0.2.1@ak0001-p3', 'y/b=10.0.2.2@ak0001-p4', 'y/c=10.0.2.3@ak0001-p5',
    'z/a=10.0.3.1@ak0001-p6', 'z/b=10.0.3.2@ak0001-p7', 'z/c=10.0.3.3@ak0001-p8',
  ]);
  assert.equal(t.vnetNs, 'ak0001-vn');
  assert.deepEqual(t.diagnostics, []);
});

test('VNet routes: bridge mode reaches pods on-link at their node, routed modes via the node address', () => {
  const cases: [LabMode, string][] = [
    ['bridge', '10.0.1.1/32 dev n0'],
    ['transparent', '10.0.1.1/32 via 192.168.0.10 n0'],
    ['overlay', '10.0.1.1/32 via 192.168.0.10 n0'],
  ];
  for (const [mode, want] of cases) {
    const t = e2eTopology(mode);
    const r = t.vnetRoutes.find((x) => x.dst === '10.0.1.1/32');
    assert.ok(r, `${mode}: a route for x/a`);
    const text = r.kind === 'dev' ? `${r.dst} dev n${r.node}` : `${r.dst} ${r.kind} ${r.via} n${r.node}`;
    assert.equal(text, want, mode);
    assert.ok(t.vnetRoutes.some((x) => x.dst === '192.168.0.10/32' && x.kind === 'dev'), `${mode}: the node address on-link`);
  }
});

test('pods without an address or node, hostNetwork and IPv6 pods are skipped with a diagnostic', () => {
  const model: Model = emptyModel();
  const pods = [
    pod('a', '10.1.0.5', 'n1'),
    pod('b', undefined, 'n1'),
    pod('c', '10.1.0.6', undefined),
    pod('d', '10.1.0.7', 'n1', { hostNetwork: true }),
    pod('e', 'fd00::5', 'n1'),
    pod('f', '10.1.0.8', 'n1'),
  ];
  const t = labTopology({ model, pods, nodes: [] }, 'transparent', 'ak0002');
  assert.deepEqual(t.pods.map((p) => p.name), ['a', 'f']);
  assert.deepEqual(t.diagnostics.map((d) => `${d.code} ${d.resource}`), [
    `${LAB_CODES.POD_SKIPPED} Pod/x/b`, `${LAB_CODES.POD_SKIPPED} Pod/x/c`, `${LAB_CODES.HOST_NETWORK_SKIPPED} Pod/x/d`, `${LAB_CODES.IPV6_SKIPPED} Pod/x/e`,
  ]);
  // No node address anywhere: the lab makes one up from 100.64.0.0/16.
  assert.deepEqual([t.nodes[0]?.ip, t.nodes[0]?.syntheticIp], ['100.64.0.1', true]);
});

test('kubenet: cbr0 pods take the node pod CIDR prefix; the VNet routes the node CIDR via the node', () => {
  const podCidr = parseCidr('10.244.1.0/24')?.cidr;
  assert.ok(podCidr);
  const nodes = [{ name: 'n1', ip: parseIp('10.240.0.4'), range: { kind: 'pod-cidr' as const, cidr: podCidr }, maxPods: 110, virtual: false }];
  const t = labTopology({ model: emptyModel(), pods: [pod('a', '10.244.1.2', 'n1'), pod('b', '10.9.9.9', 'n1')], nodes }, 'kubenet', 'ak0003');
  assert.equal(t.nodes[0]?.podCidr, '10.244.1.0/24');
  assert.deepEqual(t.pods.map((p) => `${p.name}/${p.prefixLength}`), ['a/24', 'b/32']);
  const routes = t.vnetRoutes.map((r) => `${r.dst} ${r.kind} ${r.via ?? ''}`.trim());
  assert.deepEqual(routes, ['10.9.9.9/32 via 10.240.0.4', '10.240.0.4/32 dev', '10.244.1.0/24 via 10.240.0.4']);
  assert.deepEqual(t.clusterPodCidrs, ['10.244.1.0/24'], 'without a cluster, the node CIDRs are the cluster pod CIDR');
});

test('Services: cluster IP, endpoints by selector with named target ports; headless and selector-less are skipped', () => {
  const model: Model = {
    ...emptyModel(),
    services: [
      { namespace: 'x', name: 'web', type: 'ClusterIP', selector: { app: 'a' }, ports: [{ protocol: 'TCP', port: 8080, targetPort: 'http' }], clusterIp: parseIp('10.0.0.20'), externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: ORIGIN },
      { namespace: 'x', name: 'headless', type: 'ClusterIP', selector: { app: 'a' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], clusterIp: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: ORIGIN },
    ],
  };
  const pods = [pod('a', '10.1.0.5', 'n1', { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }), pod('b', '10.1.0.6', 'n1')];
  const t = labTopology({ model, pods, nodes: [] }, 'bridge', 'ak0004');
  assert.deepEqual(t.services.map((s) => `${s.name} ${s.clusterIp} ${s.ports.map((p) => `${p.port}->${p.endpoints.map((e) => `${e.ip}:${e.port}`).join(',')}`).join(' ')}`), ['web 10.0.0.20 8080->10.1.0.5:80']);
  assert.ok(t.diagnostics.some((d) => d.code === LAB_CODES.SERVICE_SKIPPED && d.resource === 'Service/x/headless'));
});

test('defaultLabMode: the cluster decides; without one, NPM gets bridge and Calico transparent', () => {
  assert.equal(defaultLabMode(emptyModel(), 'azure-npm'), 'bridge');
  assert.equal(defaultLabMode(emptyModel(), 'calico'), 'transparent');
  const cases: [string, LabMode][] = [
    ['examples/kubenet-calico', 'kubenet'],
    ['examples/overlay', 'overlay'],
    ['examples/azure-cni-npm', 'transparent'],
    ['examples/canal', 'canal'],
    ['examples/self-managed-calico-udr', 'bridge'],
  ];
  for (const [dir, want] of cases) assert.equal(defaultLabMode(loadModel([dir]).model, 'azure-npm'), want, dir);
});

test('flannel and canal: every node gets its pod CIDR and a VTEP (network address, distinct MAC); the VNet has no pod routes', () => {
  const { model } = loadModel(['examples/kubenet-calico']);
  const placed = planPodAddresses(model, deriveNodes(model));
  for (const mode of ['flannel', 'canal'] as const) {
    const t = labTopology({ model, pods: placed.pods, nodes: placed.nodes }, mode, 'ak0001');
    assert.ok(t.nodes.length > 1, 'several nodes');
    for (const n of t.nodes) {
      assert.ok(n.podCidr && n.vtep, `${mode} ${n.name}: pod CIDR and VTEP`);
      assert.equal(`${n.vtep.ip}/24`, n.podCidr, `${mode} ${n.name}: VTEP address = network address`);
    }
    assert.equal(new Set(t.nodes.map((n) => n.vtep?.mac)).size, t.nodes.length, 'distinct VTEP MACs');
    assert.deepEqual(t.vnetRoutes.filter((r) => r.source !== 'system' || !t.nodes.some((n) => r.dst === `${n.ip}/32`)), [], `${mode}: node routes only`);
    for (const p of t.pods) assert.equal(p.prefixLength, mode === 'flannel' ? 24 : 32, `${mode} ${p.name}: prefix on its interface`);
  }
  for (const mode of ['bridge', 'transparent'] as const) {
    assert.ok(labTopology({ model, pods: placed.pods, nodes: placed.nodes }, mode, 'ak0001').nodes.every((n) => n.vtep === undefined), `${mode}: no VTEP`);
  }
});
