import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp } from '../net/index.js';
import type { Service } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { cluster, model as azureModel, pool, subnet } from '../../derive/testing/build.js';
import { deriveNodes } from '../../derive/nodes.js';
import { planPodAddresses } from '../../derive/pods.js';
import { deriveServices } from '../../derive/services.js';
import { mkPod } from '../policy/testing/builders.js';
import { proxyService, type ServiceEntry } from './proxy.js';

const O = { file: 's.yaml', line: 1, column: 1 };
const N0 = 'aks-np-00000000-vmss000000';
const N1 = 'aks-np-00000000-vmss000001';
function svc(name: string, o: Partial<Service> = {}): Service {
  return { namespace: 'ns', name, type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }],
    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [], annotations: {}, origin: O, ...o };
}
const base = azureModel({ subnets: [subnet('nodes', '10.1.0.0/24')],
  clusters: [cluster('c', { mode: 'azure-cni-overlay', podCidr: '10.244.0.0/16', pools: [pool('np', { count: 2, subnet: 'nodes' })] })] });
const pods = [mkPod('ns', 'web-a', { labels: { app: 'web' }, node: N1, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
  mkPod('ns', 'other', { labels: { app: 'other' }, node: N0 })];

function plan(services: Service[]) {
  const m: Model = { ...base, pods, services };
  const nodes = deriveNodes(m);
  return deriveServices(m, planPodAddresses(m, nodes).pods, nodes);
}

describe('deriveServices', () => {
  const p = plan([svc('a'), svc('b', { type: 'NodePort' }), svc('c', { type: 'LoadBalancer' }), svc('h', { clusterIp: 'None' }),
    svc('i', { type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } })]);
  const row = (k: string): string => {
    const s = p.services.find((x) => x.key === `ns/${k}`)!;
    return `${s.clusterIp ? formatIp(s.clusterIp) : '-'} ${s.ports.map((x) => x.nodePort ?? '-').join()} ${s.loadBalancer?.ip ? `${s.loadBalancer.scheme} ${formatIp(s.loadBalancer.ip)}` : '-'} ${s.endpoints.length}`;
  };
  const cases: [string, string][] = [
    ['a', '10.0.0.2 - - 1'],
    ['b', '10.0.0.3 30000 - 1'],
    ['c', '10.0.0.4 30001 public 198.51.100.1 1'],
    ['h', '- - - 1'],
    ['i', '10.0.0.5 30002 internal 10.1.0.254 1'],
  ];
  for (const [k, want] of cases) it(`${k}: ${want}`, () => assert.equal(row(k), want));
});

describe('proxyService', () => {
  const p = plan([svc('local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }), svc('ranges', { type: 'LoadBalancer', loadBalancerSourceRanges: [{ family: 4, base: 0xc6336400n, prefix: 24 }] })]);
  const get = (k: string) => p.services.find((x) => x.key === `ns/${k}`)!;
  const client = { family: 4 as const, value: 0xcb00710an };
  const cases: [string, string, ServiceEntry, number, string | undefined, string][] = [
    ['ETP Local on the endpoint\'s node', 'local', 'load-balancer', 80, N1, 'dnat keep-client'],
    ['ETP Local on a node without endpoint', 'local', 'load-balancer', 80, N0, 'no-endpoints'],
    ['unknown port', 'local', 'load-balancer', 81, N1, 'port-mismatch'],
    ['loadBalancerSourceRanges exclude the client', 'ranges', 'load-balancer', 80, N0, 'source-range'],
    ['ClusterIP from inside is not subject to ETP', 'local', 'cluster-ip', 80, N0, 'dnat keep-client'],
  ];
  for (const [name, k, entry, port, node, want] of cases) {
    it(name, () => {
      const o = proxyService({ service: get(k), entry, protocol: 'TCP', port, srcIp: client, external: entry !== 'cluster-ip', ...(node ? { node } : {}) });
      const got = o.kind === 'dnat' ? `dnat ${o.snatToNode ? 'snat' : 'keep-client'}` : o.kind;
      assert.equal(got, want);
      if (o.kind === 'dnat') assert.equal(o.chosen.targetPort, 8080, 'named targetPort resolved on the pod');
    });
  }
  // kube-proxy's KUBE-EXT: pod traffic (local detector) and the node's own traffic skip ETP Local; the node's is masqueraded.
  const local: [string, 'pod' | 'host' | undefined, string][] = [
    ['ETP Local, a client from elsewhere on a node without endpoint', undefined, 'no-endpoints'],
    ['ETP Local, pod traffic on a node without endpoint: any endpoint, client kept', 'pod', 'dnat keep-client'],
    ['ETP Local, the node\'s own traffic: any endpoint, masqueraded', 'host', 'dnat snat'],
  ];
  for (const [name, localClient, want] of local) {
    it(name, () => {
      const o = proxyService({ service: get('local'), entry: 'node-port', protocol: 'TCP', port: get('local').ports[0]!.nodePort!, srcIp: client, external: true,
        node: N0, ...(localClient ? { localClient } : {}) });
      assert.equal(o.kind === 'dnat' ? `dnat ${o.snatToNode ? 'snat' : 'keep-client'}` : o.kind, want);
    });
  }
  it('ETP Cluster SNATs external clients to the node', () => {
    const q = plan([svc('cl', { type: 'LoadBalancer' })]);
    const o = proxyService({ service: q.services[0]!, entry: 'load-balancer', protocol: 'TCP', port: 80, srcIp: client, external: true, node: N0 });
    assert.equal(o.kind === 'dnat' && o.snatToNode, true);
  });
});
