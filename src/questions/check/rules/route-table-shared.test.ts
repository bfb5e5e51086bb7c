import { ruleCases } from '../testing/cases.js';
import { routeTableShared } from './route-table-shared.js';

const vnet = (a: string, b: string) => ({ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [
  { name: 'a', prefix: '10.1.0.0/22', routeTable: a }, { name: 'b', prefix: '10.1.4.0/22', routeTable: b }] });
ruleCases(routeTableShared, [
  { name: 'two kubenet clusters on one table', expect: [{ severity: 'error', resource: 'rt', message: 'route table rt receives the node routes of 2 clusters: k1, k2' }],
    sketch: { vnets: [vnet('rt', 'rt')], routeTables: [{ name: 'rt' }], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
      { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/b' }] }] } },
  { name: 'kubenet and self-managed naming the same table', expect: [{ severity: 'error', resource: 'rt', message: 'gs, k1' }],
    sketch: { vnets: [vnet('rt', 'rt')], routeTables: [{ name: 'rt' }], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
      { name: 'gs', mode: 'self-managed', cni: 'calico-policy-only', podCidr: '10.1.128.0/17', routeTable: 'rt', pools: [{ name: 'w', subnet: 'vnet/b' }] }] } },
  { name: 'overlay cluster on the same table writes no routes', expect: [],
    sketch: { vnets: [vnet('rt', 'rt')], routeTables: [{ name: 'rt' }], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
      { name: 'o1', pools: [{ name: 'system', subnet: 'vnet/b' }] }] } },
  { name: 'one table each', expect: [],
    sketch: { vnets: [vnet('rt1', 'rt2')], routeTables: [{ name: 'rt1' }, { name: 'rt2' }], clusters: [
      { name: 'k1', mode: 'kubenet', pools: [{ name: 'system', subnet: 'vnet/a' }] },
      { name: 'k2', mode: 'kubenet', podCidr: '10.245.0.0/16', pools: [{ name: 'system', subnet: 'vnet/b' }] }] } },
]);
