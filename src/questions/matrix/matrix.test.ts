// The matrix question against a small hand-written engine: grouping, self pairs, external atoms, ingress
// controller, probes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnSet, PortSet, type L4Protocol } from '../../engines/net/index.js';
import type { Ingress, Pod, Service, WorkloadKind } from '../../model/k8s.js';
import { emptyModel, type Model } from '../../model/model.js';
import type { MatrixEngine, MatrixEndpoint } from './engine.js';
import { directionalRanges, matrix, resolveProbes, withIngressController } from './index.js';
import type { MatrixPeer } from './types.js';
import { peerName } from '../../render/matrix/names.js';

const O = { file: 'test.yaml', line: 1, column: 1 };

function pod(ns: string, name: string, wl: string, kind: WorkloadKind, app: string, ports: [number, L4Protocol, string?][] = []): Pod {
  return {
    namespace: ns, name, labels: app ? { app } : {}, hostNetwork: false, serviceAccount: 'default',
    ports: ports.map(([port, protocol, pname]) => (pname ? { port, protocol, name: pname } : { port, protocol })),
    workload: { kind, name: wl }, origin: O,
  };
}

const tcp = (p: number): ConnSet => ConnSet.of('TCP', PortSet.single(p));

// Classes by the `app` label: fe=0, be=1, db=2, none=3. fe→be TCP 9090; be→db TCP 5432; everything else nothing;
// external → fe TCP 8080 (for the first atom only); fe → external UDP 53. The label-less class (the ingress
// controller) may reach fe on every port.
const CLASS: Record<string, number> = { fe: 0, be: 1, db: 2 };
const fakeEngine: MatrixEngine = {
  profile: { name: 'fake' },
  classOf: (p) => CLASS[p.labels.app ?? ''] ?? 3,
  classConnections(a, b) {
    if (a === 0 && b === 1) return tcp(9090);
    if (a === 1 && b === 2) return tcp(5432);
    if (a === 3 && b === 0) return ConnSet.all();
    return ConnSet.none();
  },
  classRow(a) {
    const targets = [0, 1, 2, 3].filter((b) => !this.classConnections(a, b).isEmpty());
    return { targets, conns: targets.map((b) => this.classConnections(a, b)) };
  },
  connections(src: MatrixEndpoint, dst: MatrixEndpoint) {
    if (src.kind === 'external' && dst.kind === 'pod' && dst.pod.labels.app === 'fe' && src.ip.value < 10n) return tcp(8080);
    if (src.kind === 'pod' && src.pod.labels.app === 'fe' && dst.kind === 'external') return ConnSet.of('UDP', PortSet.single(53));
    return ConnSet.none();
  },
  externalAtoms: () => [{ family: 4, lo: 0n, hi: 9n }, { family: 4, lo: 10n, hi: 0xffffffffn }],
};

const pods: Pod[] = [
  pod('shop', 'fe-1', 'fe', 'Deployment', 'fe', [[8080, 'TCP', 'http']]),
  pod('shop', 'fe-2', 'fe', 'Deployment', 'fe', [[8080, 'TCP', 'http']]),
  pod('shop', 'be-0', 'be', 'StatefulSet', 'be', [[9090, 'TCP']]),
  pod('data', 'db-0', 'db', 'StatefulSet', 'db', [[5432, 'TCP'], [53, 'UDP']]),
];
const model: Model = { ...emptyModel(), pods };

const name = (p: MatrixPeer): string => peerName(p);

test('by workload: one peer per workload, no self pair, external ranges per direction', () => {
  const a = matrix(model, fakeEngine, { by: 'workload' });
  const wl = a.peers.filter((p) => p.kind === 'workload');
  assert.equal(wl.length, 3);
  // Inbound the two atoms differ (fe gets TCP 8080 only from the first), so both stay; outbound every class gets
  // the same from both and no egress CIDR separates them, so they merge into one range 0-max.
  const ext = a.peers.filter((p) => p.kind === 'external').map(peerName).sort();
  assert.deepEqual(ext, ['0.0.0.0-0.0.0.9[External]', '0.0.0.0-255.255.255.255[External]', '0.0.0.10-255.255.255.255[External]']);
  // 3 workloads: 6 ordered pairs; inbound 2 ranges × 3 workloads; outbound 1 range × 3 workloads.
  assert.equal(a.entries.length, 6 + 6 + 3);
  assert.ok(a.entries.every((e) => name(e.from) !== name(e.to)), 'no peer is paired with itself');
  const get = (from: string, to: string): string | undefined => a.entries.find((e) =>
    (e.from.kind === 'workload' ? e.from.name : e.from.kind === 'external' ? `ext${e.from.lo}` : '?') === from &&
    (e.to.kind === 'workload' ? e.to.name : e.to.kind === 'external' ? `ext${e.to.lo}` : '?') === to)?.conns.toString();
  const cases: [string, string, string][] = [
    ['fe', 'be', 'TCP 9090'],
    ['be', 'db', 'TCP 5432'],
    ['be', 'fe', 'No Connections'],
    ['ext0', 'fe', 'TCP 8080'],
    ['ext10', 'fe', 'No Connections'],
    ['fe', 'ext0', 'UDP 53'],
    ['db', 'ext0', 'No Connections'],
  ];
  for (const [from, to, want] of cases) assert.equal(get(from, to), want, `${from} → ${to}`);
  assert.equal(a.engine, 'fake');
});

test('by pod: every ordered pair of distinct pods, replicas of one workload included', () => {
  const a = matrix(model, fakeEngine, { by: 'pod' });
  assert.equal(a.peers.length, 4);
  assert.equal(a.entries.length, 4 * 3);
  assert.ok(a.entries.some((e) => e.from.kind === 'pod' && e.from.name === 'fe-1' && e.to.kind === 'pod' && e.to.name === 'fe-2'));
  assert.ok(!a.peers.some((p) => p.kind === 'external'), 'no external peers by default at pod level');
});

test('by namespace: union over the pods of each namespace', () => {
  const a = matrix(model, fakeEngine, { by: 'namespace' });
  assert.deepEqual(a.peers.map((p) => (p.kind === 'namespace' ? p.name : '?')), ['data', 'shop']);
  const shopToData = a.entries.find((e) => e.from.kind === 'namespace' && e.from.name === 'shop');
  assert.equal(shopToData?.conns.toString(), 'TCP 5432');
});

test('probes: declared ports by default; flags narrow or widen them', () => {
  const cases: [number[] | undefined, L4Protocol[] | undefined, string[]][] = [
    [undefined, undefined, ['TCP/5432', 'TCP/8080', 'TCP/9090', 'UDP/53']],
    [[53, 80], undefined, ['TCP/80', 'UDP/53']],
    [[80], ['UDP', 'TCP'], ['TCP/80', 'UDP/80']],
    [undefined, ['SCTP'], ['SCTP/53', 'SCTP/5432', 'SCTP/8080', 'SCTP/9090']],
  ];
  for (const [ports, protocols, want] of cases) {
    assert.deepEqual(resolveProbes(pods, ports, protocols).map((p) => `${p.protocol}/${p.port}`), want, `${String(ports)} ${String(protocols)}`);
  }
  assert.deepEqual(resolveProbes([], undefined, undefined), []);
});

test('ingress controller: Ingress → Service → pods, targetPort resolved by name, ∩ what policies allow', () => {
  const svc: Service = {
    namespace: 'shop', name: 'fe', type: 'ClusterIP', selector: { app: 'fe' },
    ports: [{ protocol: 'TCP', port: 80, targetPort: 'http' }], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
    loadBalancerSourceRanges: [], annotations: {}, origin: O,
  };
  const svcBe: Service = { ...svc, name: 'be', selector: { app: 'be' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 9090 }] };
  const ing: Ingress = {
    namespace: 'shop', name: 'web', tlsHosts: [], origin: O,
    rules: [
      { host: '', path: '/', pathType: 'Prefix', serviceName: 'fe', servicePort: 80 },
      { host: '', path: '/api', pathType: 'Prefix', serviceName: 'be', servicePort: 80 },
      { host: '', path: '/gone', pathType: 'Prefix', serviceName: 'missing', servicePort: 80 },
    ],
  };
  const m: Model = { ...model, services: [svcBe, svc], ingresses: [ing] };
  const withIc = withIngressController(m, m.pods);
  assert.equal(withIc.pods.length, pods.length + 1);
  assert.ok(withIc.model.namespaces.some((n) => n.name === 'ingress-controller-ns'));
  const a = matrix(m, fakeEngine, { by: 'workload' }, withIc.pods);
  const fromIc = a.entries.filter((e) => e.from.kind === 'ingress-controller' && !e.conns.isEmpty());
  assert.deepEqual(fromIc.map((e) => `${e.to.kind === 'workload' ? e.to.name : '?'}: ${e.conns.toString()}`), ['fe: TCP 8080']);
  assert.ok(!a.peers.some((p) => p.kind === 'pod' || (p.kind === 'workload' && p.namespace === 'ingress-controller-ns')));
  const codes = a.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ['AKS3601', 'AKS3604'], 'missing Service reported; be blocked by policy reported');
});

test('directional ranges: CIDR boundaries of the direction keep atoms apart; differing answers never merge', () => {
  const atoms = [
    { family: 4 as const, lo: 0n, hi: 9n },
    { family: 4 as const, lo: 10n, hi: 19n },
    { family: 4 as const, lo: 20n, hi: 0xffffffffn },
    { family: 6 as const, lo: 0n, hi: (1n << 128n) - 1n },
  ];
  const none = [ConnSet.none()];
  const some = [tcp(80)];
  const cases: [string, Set<string>, ConnSet[][], string[]][] = [
    ['all alike, no boundary', new Set(), [none, none, none, none], ['4:0-4294967295', '6:0-340282366920938463463374607431768211455']],
    ['boundary at 10 kept', new Set(['4:10']), [none, none, none, none], ['4:0-9', '4:10-4294967295', '6:0-340282366920938463463374607431768211455']],
    ['different answers kept apart', new Set(), [none, some, none, none], ['4:0-9', '4:10-19', '4:20-4294967295', '6:0-340282366920938463463374607431768211455']],
  ];
  for (const [label, boundaries, conns, want] of cases) {
    const got = directionalRanges(atoms, boundaries, (i) => conns[i]!).map((r) => `${r.range.family}:${r.range.lo}-${r.range.hi}`);
    assert.deepEqual(got, want, label);
  }
});
