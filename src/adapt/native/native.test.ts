import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCidr } from '../../engines/net/index.js';
import { DiagnosticSink } from '../../model/diagnostic.js';
import { ModelBuilder } from '../../model/model.js';
import { parseSource } from '../../load/parse.js';
import { adaptText, where } from '../azcli/script/testing.js';
import { adaptNative } from './index.js';

const NETWORK = `apiVersion: aksnet/v1
kind: Network
metadata:
  name: gs
spec:
  addressSpace: [10.0.0.0/16]
  subnets:
    - name: vms
      prefix: 10.0.0.0/24
      routeTable: k8s-routes
  routeTables:
    - name: k8s-routes
  onPremises: [192.168.0.0/16]
`;
const CLUSTER = `apiVersion: aksnet/v1
kind: SelfManagedCluster
metadata:
  name: gs
spec:
  network: gs
  cni: calico-policy-only
  controllerManager:
    allocateNodeCidrs: true
    clusterCidr: 10.0.128.0/17
  serviceCidr: 172.20.0.0/16
  cloudProvider:
    routeTableName: k8s-routes
  pools:
    - name: workers
      count: 10
      maxCount: 50
      subnet: vms
`;

describe('native: the shipped example design (VNet 10.0.0.0/16, VM subnet /24, cluster CIDR 10.0.128.0/17, /24 per node)', () => {
  const { model, diagnostics } = adaptText('c.yaml', `${NETWORK}---\n${CLUSTER}`);
  const c = model.clusters[0]!;
  const cases: { name: string; actual: () => unknown; expect: unknown }[] = [
    { name: 'no problems', actual: () => diagnostics, expect: [] },
    { name: 'kind and mode', actual: () => [c.kind, c.networkMode, c.selfManagedCni, c.networkPolicy], expect: ['self-managed', 'self-managed', 'calico-policy-only', 'calico'] },
    { name: 'pod CIDR = cluster CIDR', actual: () => c.podCidrs.map(formatCidr), expect: ['10.0.128.0/17'] },
    { name: 'node mask default 24', actual: () => c.nodeCidrMaskSize, expect: 24 },
    { name: 'route table from cloudProvider', actual: () => c.routeTableId === model.routeTables[0]!.id, expect: true },
    { name: 'pool subnet resolves', actual: () => c.pools[0]!.vnetSubnetId === model.subnets[0]!.id, expect: true },
    { name: 'autoscale from count..maxCount', actual: () => c.pools[0]!.autoscale, expect: { min: 10, max: 50 } },
    { name: 'maxPods default 110', actual: () => c.pools[0]!.maxPods, expect: 110 },
    { name: 'maxSurge default 0', actual: () => c.pools[0]!.maxSurge, expect: { kind: 'count', value: 0 } },
    { name: 'defaults recorded with facts', actual: () => c.defaults.map((d) => `${d.field}=${d.value} ${d.factId}`).sort(),
      expect: ['controllerManager.configureCloudRoutes=true KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT', 'controllerManager.nodeCidrMaskSize=24 DEFAULT_NODE_CIDR_MASK_V4',
        'pools[workers].maxPods=110 DEFAULT_MAX_PODS', 'pools[workers].maxSurge=0 SELF_MANAGED_DEFAULT_MAX_SURGE'] },
    { name: 'subnet route table association', actual: () => model.subnets[0]!.routeTableId === model.routeTables[0]!.id, expect: true },
    { name: 'on-premises range', actual: () => model.externalRanges.map((r) => formatCidr(r.cidr)), expect: ['192.168.0.0/16'] },
    { name: 'cluster origin is its document', actual: () => [c.origin.line, c.origin.kind], expect: [15, 'SelfManagedCluster'] },
  ];
  for (const x of cases) it(x.name, () => assert.deepEqual(x.actual(), x.expect));
  it('documents may come in any order', () => {
    const r = adaptText('c.yaml', `${CLUSTER}---\n${NETWORK}`);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.model.clusters[0]!.pools[0]!.vnetSubnetId, r.model.subnets[0]!.id);
  });
});

describe('native: cni values', () => {
  for (const cni of ['calico-policy-only', 'calico-bgp-ipip', 'calico-vxlan', 'canal']) {
    it(cni, () => {
      const { model } = adaptText('c.yaml', `${NETWORK}---\n${CLUSTER.replace('calico-policy-only', cni)}`);
      assert.equal(model.clusters[0]!.selfManagedCni, cni);
    });
  }
});

describe('native: bad input is reported at its line and column', () => {
  // A cluster document alone also names a subnet and a route table no Network declares (AKS1120 and AKS1203 from the
  // link step; the route table at cloudProvider.routeTableName, line 13).
  const cases: { name: string; text: string; expect: string[] }[] = [
    { name: 'unknown field in a pool', text: CLUSTER.replace('      subnet: vms', '      subnet: vms\n      colour: blue'), expect: ['AKS1120@15:7', 'AKS1201@19:7', 'AKS1203@13:5'] },
    { name: 'unknown spec field', text: NETWORK.replace('  subnets:', '  subnetz: []\n  subnets:'), expect: ['AKS1201@7:3'] },
    { name: 'dangling routeTable name', text: NETWORK.replace('routeTable: k8s-routes', 'routeTable: nope'), expect: ['AKS1203@10:7'] },
    { name: 'dangling pool subnet (link step)', text: `${NETWORK}---\n${CLUSTER.replace('subnet: vms', 'subnet: nope')}`, expect: ['AKS1120@29:7'] },
    { name: 'bad CIDR', text: NETWORK.replace('10.0.0.0/24', '10.0.0.0/33'), expect: ['AKS1101@9:7'] },
    { name: 'unknown cni', text: CLUSTER.replace('calico-policy-only', 'weave'), expect: ['AKS1103@7:3'] },
    { name: 'missing cni', text: CLUSTER.replace('  cni: calico-policy-only\n', ''), expect: ['AKS1202@5:1'] },
    { name: 'unknown kind', text: 'apiVersion: aksnet/v1\nkind: Cluster\nmetadata: {name: x}\n', expect: ['AKS1200@2:1'] },
    { name: 'pool without count', text: CLUSTER.replace('      count: 10\n      maxCount: 50\n', ''), expect: ['AKS1202@14:3', 'AKS1202@15:7', 'AKS1203@13:5'] },
    { name: 'policy-only without node CIDRs', text: CLUSTER.replace('allocateNodeCidrs: true', 'allocateNodeCidrs: false'), expect: ['AKS1120@15:7', 'AKS1203@13:5', 'AKS1204@9:5'] },
    { name: 'cloudProvider.routeTableName naming no declared route table (link step)',
      text: `${NETWORK}---\n${CLUSTER.replace('routeTableName: k8s-routes', 'routeTableName: nope')}`, expect: ['AKS1203@27:5'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { diagnostics } = adaptText('c.yaml', c.text);
      assert.deepEqual(where(diagnostics.filter((d) => d.severity !== 'info')), c.expect);
    });
  }
});

describe('adaptNative never throws', () => {
  it('on arbitrary JSON values with apiVersion aksnet/v1', () => {
    const kind = fc.constantFrom('Network', 'SelfManagedCluster', 'Other', 3);
    fc.assert(fc.property(fc.jsonValue(), kind, fc.jsonValue(), (spec, k, meta) => {
      const text = JSON.stringify({ apiVersion: 'aksnet/v1', kind: k, metadata: meta, spec });
      for (const doc of parseSource('x.json', text).docs) {
        adaptNative(doc, { builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] });
      }
      return true;
    }), { numRuns: 500 });
  });
  it('on damaged versions of the example', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (a, b) => {
      const t = NETWORK + '---\n' + CLUSTER;
      const i = a % t.length;
      const text = t.slice(0, i) + t.slice(i + (b % 20));
      adaptText('x.yaml', text);
      return true;
    }), { numRuns: 300 });
  });
});
