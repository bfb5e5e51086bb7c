import { ruleCases } from '../testing/cases.js';
import { vnetOverlap } from './vnet-overlap.js';

ruleCases(vnetOverlap, [
  { name: 'peered VNets with overlapping space', expect: [{ severity: 'error', resource: 'spoke', message: 'VNet spoke (10.0.128.0/17) overlaps VNet hub (10.0.0.0/16) and the two are peered' }],
    sketch: { vnets: [
      { name: 'hub', addressSpace: ['10.0.0.0/16'], peerings: [{ name: 'to-spoke', remote: 'spoke' }] },
      { name: 'spoke', addressSpace: ['10.0.128.0/17'] }] } },
  { name: 'unpeered overlapping VNets are a warning', expect: [{ severity: 'warning', resource: 'b', message: 'VNet b (10.0.0.0/16) overlaps VNet a (10.0.0.0/8)' }],
    sketch: { vnets: [{ name: 'a', addressSpace: ['10.0.0.0/8'] }, { name: 'b', addressSpace: ['10.0.0.0/16'] }] } },
  { name: 'peering to a VNet not in the input', expect: [{ severity: 'error', resource: 'spoke/hub', message: 'overlaps the space of its peer hub (10.1.0.0/16)' }],
    sketch: { vnets: [{ name: 'spoke', addressSpace: ['10.1.0.0/24'], peerings: [{ name: 'hub', addressSpace: ['10.1.0.0/16'] }] }] } },
  { name: 'on-premises range inside the VNet', expect: [{ severity: 'error', resource: 'vnet', message: 'overlaps on-premises range onPremises[0] (10.0.5.0/24)' }],
    sketch: { vnets: [{ name: 'vnet', addressSpace: ['10.0.0.0/16'] }], onPremises: ['10.0.5.0/24'] } },
  { name: 'disjoint peers and on-premises', expect: [],
    sketch: { vnets: [
      { name: 'hub', addressSpace: ['10.0.0.0/16'], peerings: [{ name: 'to-spoke', remote: 'spoke' }, { name: 'far', addressSpace: ['10.9.0.0/16'] }] },
      { name: 'spoke', addressSpace: ['10.1.0.0/16'] }], onPremises: ['192.168.0.0/16'] } },
  { name: 'adjacent ranges do not overlap', expect: [],
    sketch: { vnets: [{ name: 'a', addressSpace: ['10.0.0.0/17'] }, { name: 'b', addressSpace: ['10.0.128.0/17'] }] } },
]);
