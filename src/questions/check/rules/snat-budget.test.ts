import { ruleCases } from '../testing/cases.js';
import { snatBudget } from './snat-budget.js';

ruleCases(snatBudget, [
  { name: '24 nodes × 4000 ports on one IP', expect: [{ severity: 'error', resource: 'aks1', message: 'cluster aks1 needs 25 nodes × 4000 SNAT ports = 100000 at maximum scale with surge, but 1 outbound IP(s) give 64000', hint: 'use 2 outbound IPs, or allocatedOutboundPorts ≤ 2560' }],
    sketch: { clusters: [{ name: 'aks1', outboundIps: 1, allocatedOutboundPorts: 4000, pools: [{ name: 'system', count: 3, maxSurge: 1 }, { name: 'user', count: 5, maxCount: 20, maxSurge: 1 }] }] } },
  { name: 'automatic allocation crossing 50 nodes', expect: [{ severity: 'warning', resource: 'aks1', message: 'growing from 13 to 70 nodes lowers every node\'s ports from 1024 to 512' }],
    sketch: { clusters: [{ name: 'aks1', pools: [{ name: 'system', count: 3, maxSurge: 1 }, { name: 'user', count: 10, maxCount: 60, maxSurge: '10%' }] }] } },
  { name: 'two IPs cover 4000 ports × 25 nodes', expect: [],
    sketch: { clusters: [{ name: 'aks1', outboundIps: 2, allocatedOutboundPorts: 4000, pools: [{ name: 'system', count: 3, maxSurge: 1 }, { name: 'user', count: 5, maxCount: 20, maxSurge: 1 }] }] } },
  { name: 'NAT gateway outbound has no per-node ports', expect: [],
    sketch: { clusters: [{ name: 'aks1', outboundType: 'managedNATGateway', pools: [{ name: 'system', count: 3 }, { name: 'user', count: 10, maxCount: 900 }] }] } },
]);
