import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cluster, model, pool, routeTable, subnet } from '../derive/testing/build.js';
import { emitAz, shellWord } from './az.js';

describe('emitAz', () => {
  const m = model({
    subnets: [subnet('nodes', '10.0.0.0/24', { routeTable: 'rt' }), subnet('pods', '10.1.0.0/16')], routeTables: [routeTable('rt', 1)],
    clusters: [cluster('c', { mode: 'azure-cni-pod-subnet', policy: 'calico', outboundIps: 2, ports: 1000, pools: [
      pool('sys', { count: 3, mode: 'System', maxPods: 30, subnet: 'nodes', podSubnet: 'pods' }),
      pool('user', { count: 2, max: 10, maxPods: 31, surge: { kind: 'percent', value: 33 }, subnet: 'nodes', podSubnet: 'pods', static: true }),
    ] })],
  });
  const script = emitAz(m);
  const expected = [
    'RESOURCE_GROUP=rg',
    'az network route-table create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name rt',
    'az network route-table route create \\\n    --resource-group $RESOURCE_GROUP \\\n    --route-table-name rt \\\n    --name r0 \\\n    --address-prefix 10.0.0.0/16 \\\n    --next-hop-type VirtualAppliance',
    'az network vnet subnet create \\\n    --resource-group $RESOURCE_GROUP \\\n    --vnet-name vnet \\\n    --name nodes \\\n    --address-prefixes 10.0.0.0/24 \\\n    --route-table rt',
    'az aks create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name c \\\n    --location $LOCATION \\\n    --nodepool-name sys \\\n    --node-count 3 \\\n    --max-pods 30 \\\n    --max-surge 1',
    'SUBNET_ID_NODES="$(az network vnet subnet show --resource-group $RESOURCE_GROUP --vnet-name vnet --name nodes --query id --output tsv)"',
    'SUBNET_ID_PODS="$(az network vnet subnet show --resource-group $RESOURCE_GROUP --vnet-name vnet --name pods --query id --output tsv)"',
    '    --vnet-subnet-id "$SUBNET_ID_NODES"',
    '    --pod-subnet-id "$SUBNET_ID_PODS"',
    '    --network-plugin azure \\\n    --network-policy calico \\\n    --service-cidr 10.0.0.0/16',
    '    --load-balancer-managed-outbound-ip-count 2 \\\n    --load-balancer-outbound-ports 1000',
    'az aks nodepool add \\\n    --resource-group $RESOURCE_GROUP \\\n    --cluster-name c \\\n    --name user \\\n    --mode User \\\n    --os-type Linux \\\n    --node-count 2 \\\n    --max-pods 31 \\\n    --max-surge 33%',
    '    --pod-ip-allocation-mode StaticBlock \\\n    --enable-cluster-autoscaler \\\n    --min-count 1 \\\n    --max-count 10',
  ];
  for (const e of expected) it(`writes ${JSON.stringify(e.split('\n')[0])}…`, () => assert.ok(script.includes(e), script));
  it('every continued line ends with a single backslash and the script ends with a newline', () => {
    assert.ok(script.endsWith('\n'));
    assert.ok(!/\\\n\n/.test(script), 'no continuation into a blank line');
  });
  const modes: { mode: Parameters<typeof cluster>[1]['mode']; flags: string }[] = [
    { mode: 'kubenet', flags: '--network-plugin kubenet \\\n    --pod-cidr 10.244.0.0/16' },
    { mode: 'azure-cni-overlay', flags: '--network-plugin azure \\\n    --network-plugin-mode overlay \\\n    --pod-cidr 10.244.0.0/16' },
    { mode: 'azure-cni-node-subnet', flags: '--network-plugin azure \\\n    --service-cidr' },
    { mode: 'byo-cni', flags: '--network-plugin none' },
  ];
  for (const c of modes) {
    it(`${c.mode}: ${c.flags.split(' \\')[0]}`, () => {
      const s = emitAz(model({ clusters: [cluster('x', { mode: c.mode, podCidr: '10.244.0.0/16', pools: [pool('np')] })] }));
      assert.ok(s.includes(c.flags), s);
    });
  }
  it('self-managed clusters are a comment, not az aks create', () => {
    const s = emitAz(model({ clusters: [cluster('s', { mode: 'self-managed', pools: [pool('w', { count: 4 })] })] }));
    assert.ok(!s.includes('az aks create'));
    assert.match(s, /# s: a self-managed cluster.*w×4/);
  });
  it('output is identical across runs', () => assert.equal(emitAz(m), emitAz(m)));
});

describe('shellWord', () => {
  const cases: [string, string][] = [['abc', 'abc'], ['10.0.0.0/8', '10.0.0.0/8'], ['a b', "'a b'"], ["it's", "'it'\\''s'"], ['*', "'*'"]];
  for (const [i, o] of cases) it(`${i} → ${o}`, () => assert.equal(shellWord(i), o));
  it('property: a quoted word never leaves an unbalanced single quote', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const w = shellWord(s);
      return !w.startsWith("'") || (w.endsWith("'") && w.split("'\\''").join('').slice(1, -1).indexOf("'") < 0);
    }));
  });
});
