import { ruleCases } from '../testing/cases.js';
import type { ModelSketch, SketchNsgRule } from '../sketch.js';
import { nsgClusterTraffic } from './nsg-cluster-traffic.js';

const ALLOW_NODES: SketchNsgRule = { name: 'allow-nodes', priority: 100, source: ['10.1.0.0/22'], destination: ['10.1.0.0/22'] };
const DENY_ALL: SketchNsgRule = { name: 'deny-all', priority: 4096, access: 'Deny' };
/** One cluster of `mode` on vnet/nodes (10.1.0.0/22) with NSG `nodes-nsg` holding `rules`. */
const one = (mode: 'azure-cni-overlay' | 'kubenet' | 'azure-cni-node-subnet', rules: SketchNsgRule[] | undefined): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: rules ? 'nodes-nsg' : undefined, routeTable: mode === 'kubenet' ? 'rt' : undefined }] }],
  routeTables: mode === 'kubenet' ? [{ name: 'rt' }] : [],
  clusters: [{ name: 'aks1', mode, podCidr: mode === 'azure-cni-node-subnet' ? undefined : '192.168.0.0/16', routeTable: mode === 'kubenet' ? 'rt' : undefined,
    pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
  nsgs: rules ? [{ name: 'nodes-nsg', rules }] : [],
});
/** Two pools in two subnets; `b-nsg` on subnet b holds `rules`. */
const two = (rules: SketchNsgRule[]): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'a', prefix: '10.1.0.0/24' }, { name: 'b', prefix: '10.1.1.0/24', nsg: 'b-nsg' }] }],
  clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', pools: [{ name: 'system', subnet: 'vnet/a' }, { name: 'user', subnet: 'vnet/b' }] }],
  nsgs: [{ name: 'b-nsg', rules }],
});

ruleCases(nsgClusterTraffic, [
  { name: 'overlay: deny-all after allowing only the node subnet cuts node-to-pod and pod-to-pod', sketch: one('azure-cni-overlay', [ALLOW_NODES, DENY_ALL]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-pod overlay pod traffic of cluster aks1: inbound rule deny-all (priority 4096) drops TCP 10.1.0.4 -> 192.168.1.4:1', hint: 'allow the pod CIDR 192.168.0.0/16' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies pod-to-pod overlay pod traffic of cluster aks1: inbound rule deny-all (priority 4096) drops TCP 192.168.0.4 -> 192.168.1.4:1' },
    ] },
  { name: 'overlay: the pod CIDR allowed too', sketch: one('azure-cni-overlay', [ALLOW_NODES, { name: 'allow-pods', priority: 110, source: ['10.1.0.0/22', '192.168.0.0/16'], destination: ['192.168.0.0/16'] }, DENY_ALL]),
    expect: [] },
  { name: 'overlay: default rules alone let pod traffic through (the pod CIDR is in VirtualNetwork)', sketch: one('azure-cni-overlay', []), expect: [] },
  { name: 'no NSG on the subnet', sketch: one('azure-cni-overlay', undefined), expect: [] },
  { name: 'kubenet: the same deny-all cuts pod traffic routed by the node routes', sketch: one('kubenet', [ALLOW_NODES, DENY_ALL]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-pod kubenet pod traffic of cluster aks1' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies pod-to-pod kubenet pod traffic of cluster aks1' },
    ] },
  { name: 'flat CNI: pods use node-subnet addresses, only node traffic is checked', sketch: one('azure-cni-node-subnet', [ALLOW_NODES, DENY_ALL]), expect: [] },
  { name: 'deny of VirtualNetwork inbound cuts node-to-node too', sketch: one('azure-cni-overlay', [{ name: 'deny-vnet', priority: 200, access: 'Deny', source: ['VirtualNetwork'] }]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-node traffic of cluster aks1: inbound rule deny-vnet (priority 200) drops TCP 10.1.0.4 -> 10.1.0.5:1', hint: 'allow the node subnets' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-pod overlay pod traffic' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies pod-to-pod overlay pod traffic' },
    ] },
  { name: 'a port range denied between two node subnets: kubelet port found at the range edge', sketch: two([{ name: 'no-kubelet', priority: 300, access: 'Deny', protocol: 'Tcp', destinationPorts: ['10250-10255'] }]),
    expect: [{ severity: 'error', resource: 'b-nsg', message: 'subnet NSG b-nsg of vnet/b denies node-to-node traffic of cluster aks1: inbound rule no-kubelet (priority 300) drops TCP 10.1.0.4 -> 10.1.1.4:10250' }] },
  { name: 'outbound deny of UDP from the second subnet', sketch: two([{ name: 'no-udp-out', priority: 300, direction: 'Outbound', access: 'Deny', protocol: 'Udp' }]),
    expect: [{ severity: 'error', resource: 'b-nsg', message: 'outbound rule no-udp-out (priority 300) drops UDP 10.1.1.4 -> 10.1.0.4:1' }] },
  { name: 'ICMP denied', sketch: two([{ name: 'no-icmp', priority: 300, access: 'Deny', protocol: 'Icmp' }]),
    expect: [{ severity: 'error', resource: 'b-nsg', message: 'inbound rule no-icmp (priority 300) drops ICMP 10.1.0.4 -> 10.1.1.4' }] },
]);
