// Which cluster runs a Service (serviceClusters), per-cluster ClusterIP/NodePort allocation and healthCheckNodePort.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatIp } from '../engines/net/index.js';
import type { Cluster } from '../model/azure.js';
import type { Service } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { cluster, model as azureModel, pool, subnet } from './testing/build.js';
import { mkPod } from '../engines/policy/testing/builders.js';
import { deriveNodes } from './nodes.js';
import { planPodAddresses } from './pods.js';
import { deriveServices, serviceClusters, SERVICE_CODES } from './services.js';

const O = { file: 's.yaml', line: 3, column: 1 };
function svc(name: string, o: Partial<Service> = {}): Service {
  return { namespace: 'ns', name, type: 'ClusterIP', selector: { app: name }, ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }],
    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: O, ...o };
}
const BLUE = cluster('blue', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('b', { count: 2, subnet: 'sb' })] });
const GREEN: Cluster = { ...cluster('green', { mode: 'azure-cni-overlay', podCidr: '10.245.0.0/16', pools: [pool('g', { count: 2, subnet: 'sg' })] }),
  serviceCidrs: [{ family: 4, base: 0x0a010000n, prefix: 16 } as Cluster['serviceCidrs'][number]] };
const GREEN_NODE = 'aks-g-00000000-vmss000001';
const BLUE_NODE = 'aks-b-00000000-vmss000000';

function world(clusters: Cluster[], services: Service[], podNodes: Record<string, string[]> = {}): Model {
  const az = azureModel({ subnets: [subnet('sb', '10.30.0.0/24'), subnet('sg', '10.30.1.0/24')], clusters });
  const pods = Object.entries(podNodes).flatMap(([app, nodes]) => nodes.map((n, i) => mkPod('ns', `${app}-${i}`, { labels: { app }, ...(n ? { node: n } : {}) })));
  return { ...az, pods, services };
}
function members(m: Model): string {
  const r = serviceClusters(m, deriveNodes(m));
  return [...r.byKey.entries()].sort().map(([k, v]) => `${k}:${v.cluster?.name ?? '-'}/${v.source}`).join(' ')
    + (r.diagnostics.length ? ` [${r.diagnostics.map((d) => `${d.code} ${d.severity}`).join(', ')}]` : '');
}

describe('serviceClusters: which cluster runs a Service', () => {
  const cases: [string, Model, string][] = [
    ['one cluster: that one', world([BLUE], [svc('web')]), 'ns/web:blue/only'],
    ['no cluster: none', world([], [svc('web')]), 'ns/web:-/none'],
    ['two clusters, its pod runs on a node of the second', world([BLUE, GREEN], [svc('web')], { web: [GREEN_NODE] }), 'ns/web:green/pods'],
    ['two clusters, nothing tells: the first, with an info', world([BLUE, GREEN], [svc('web')]), `ns/web:blue/assumed [${SERVICE_CODES.CLUSTER_ASSUMED} info]`],
    ['pods placed by aksnet (no nodeName) tell nothing', world([BLUE, GREEN], [svc('web')], { web: [''] }), `ns/web:blue/assumed [${SERVICE_CODES.CLUSTER_ASSUMED} info]`],
    ['pods in both clusters: the one with most, with an info', world([BLUE, GREEN], [svc('web')], { web: [BLUE_NODE, GREEN_NODE, 'aks-g-00000000-vmss000000'] }),
      `ns/web:green/pods [${SERVICE_CODES.CLUSTER_ASSUMED} info]`],
    ['named (--cluster) wins over its pods', world([BLUE, GREEN], [svc('web', { cluster: 'blue' })], { web: [GREEN_NODE] }), 'ns/web:blue/given'],
    ['named but unknown: a warning, then derived', world([BLUE, GREEN], [svc('web', { cluster: 'red' })], { web: [GREEN_NODE] }),
      `ns/web:green/pods [${SERVICE_CODES.UNKNOWN_CLUSTER} warning]`],
  ];
  for (const [name, m, want] of cases) it(name, () => assert.equal(members(m), want));
  it('the AKS4206 note points at the Service and says how to make it explicit', () => {
    const d = serviceClusters(world([BLUE, GREEN], [svc('web')]), []).diagnostics[0];
    assert.deepEqual([d?.origin?.file, d?.origin?.line, d?.resource], ['s.yaml', 3, 'Service/ns/web']);
    assert.match(d?.message ?? '', /2 clusters .* cluster blue is assumed/);
    assert.match(d?.hint ?? '', /--cluster <name>/);
  });
});

describe('deriveServices: allocation per cluster and healthCheckNodePort', () => {
  function plan(m: Model) {
    const nodes = deriveNodes(m);
    return deriveServices(m, planPodAddresses(m, nodes).pods, nodes);
  }
  function row(m: Model, key: string): string {
    const s = plan(m).services.find((x) => x.key === key)!;
    return `${s.cluster?.name ?? '-'} ${s.clusterIp ? formatIp(s.clusterIp) : '-'} ${s.ports.map((p) => p.nodePort ?? '-').join()} hc=${s.healthCheckNodePort ?? '-'}/${s.healthCheckNodePortSource ?? '-'}`;
  }
  const two = world([BLUE, GREEN], [svc('a', { type: 'NodePort', cluster: 'blue' }), svc('b', { type: 'NodePort', cluster: 'green' })]);
  const cases: [string, Model, string, string][] = [
    ['each cluster allocates from its own service CIDR and NodePort range (a)', two, 'ns/a', 'blue 10.0.0.2 30000 hc=-/-'],
    ['each cluster allocates from its own service CIDR and NodePort range (b)', two, 'ns/b', 'green 10.1.0.2 30000 hc=-/-'],
    ['ETP Local LoadBalancer: healthCheckNodePort allocated after its nodePorts', world([BLUE], [svc('l', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })]),
      'ns/l', 'blue 10.0.0.2 30000 hc=30001/allocated'],
    ['ETP Local LoadBalancer: a given healthCheckNodePort is kept', world([BLUE], [svc('l', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32001 })]),
      'ns/l', 'blue 10.0.0.2 30000 hc=32001/given'],
    ['ETP Cluster LoadBalancer: no healthCheckNodePort', world([BLUE], [svc('c', { type: 'LoadBalancer' })]), 'ns/c', 'blue 10.0.0.2 30000 hc=-/-'],
    ['ETP Local NodePort: no healthCheckNodePort (only LoadBalancers are probed)', world([BLUE], [svc('n', { type: 'NodePort', externalTrafficPolicy: 'Local' })]),
      'ns/n', 'blue 10.0.0.2 30000 hc=-/-'],
    ['a given healthCheckNodePort is not handed out as a nodePort', world([BLUE], [svc('a', { type: 'NodePort' }), svc('l', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000 })]),
      'ns/a', 'blue 10.0.0.2 30001 hc=-/-'],
  ];
  for (const [name, m, key, want] of cases) it(name, () => assert.equal(row(m, key), want));
  it('the same nodePort in two clusters is no conflict; in one cluster it is', () => {
    const np = (c: string) => svc(c, { type: 'NodePort', cluster: c, ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 31000 }] });
    assert.deepEqual(plan(world([BLUE, GREEN], [np('blue'), np('green')])).diagnostics.map((d) => d.code), []);
    const same = plan(world([BLUE, GREEN], [{ ...np('blue'), name: 'x' }, np('blue')])).diagnostics.map((d) => d.code);
    assert.deepEqual(same, [SERVICE_CODES.NODE_PORT_CONFLICT]);
  });
  it('never throws on random Services over one or two clusters', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer') as fc.Arbitrary<Service['type']>,
        etp: fc.constantFrom('Cluster', 'Local') as fc.Arbitrary<'Cluster' | 'Local'>, hc: fc.option(fc.integer({ min: 30000, max: 30005 }), { nil: undefined }),
        cluster: fc.option(fc.constantFrom('blue', 'green', 'red'), { nil: undefined }), node: fc.constantFrom('', BLUE_NODE, GREEN_NODE) }), { maxLength: 6 }),
      fc.boolean(),
      (specs, both) => {
        const services = specs.map((s, i) => svc(`s${i}`, { type: s.type, externalTrafficPolicy: s.etp, ...(s.hc !== undefined ? { healthCheckNodePort: s.hc } : {}),
          ...(s.cluster ? { cluster: s.cluster } : {}) }));
        const podNodes = Object.fromEntries(specs.map((s, i) => [`s${i}`, [s.node]]));
        const p = plan(world(both ? [BLUE, GREEN] : [BLUE], services, podNodes));
        assert.equal(p.services.length, services.length);
        for (const s of p.services) assert.ok(s.cluster, `${s.key} has a cluster`);
      },
    ), { numRuns: 100 });
  });
});
