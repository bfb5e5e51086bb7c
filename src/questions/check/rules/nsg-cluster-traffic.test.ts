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

/** A self-managed cluster with `cni` on vnet/nodes (10.1.0.0/22, pod CIDR 10.244.0.0/16) behind `nodes-nsg` holding `rules`. */
const selfManaged = (cni: 'canal' | 'calico-vxlan' | 'calico-bgp-ipip', rules: SketchNsgRule[]): ModelSketch => ({
  vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }] }],
  clusters: [{ name: 'gs', mode: 'self-managed', cni, podCidr: '10.244.0.0/16', pools: [{ name: 'workers', subnet: 'vnet/nodes' }] }],
  nsgs: [{ name: 'nodes-nsg', rules }],
});
const DENY_POD_CIDR: SketchNsgRule = { name: 'deny-pods', priority: 200, access: 'Deny', source: ['10.244.0.0/16'] };

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
  { name: 'canal: a deny of UDP 8472 is reported as the VXLAN tunnel, not also as node-to-node traffic',
    sketch: selfManaged('canal', [{ name: 'no-vxlan', priority: 300, access: 'Deny', protocol: 'Udp', destinationPorts: ['8472'] }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg',
      message: 'subnet NSG nodes-nsg of vnet/nodes denies flannel VXLAN (UDP 8472) carrying pod-to-pod traffic between nodes of cluster gs: inbound rule no-vxlan (priority 300) drops UDP 10.1.0.4 -> 10.1.0.5:8472',
      hint: 'allow UDP 8472 between the node subnets in both directions, above rule no-vxlan: flannel wraps all pod traffic between nodes in VXLAN to that port (FLANNEL_VXLAN)' }] },
  { name: 'canal: a UDP range around 8472 denied outbound cuts the tunnel and other node traffic',
    sketch: selfManaged('canal', [{ name: 'no-udp-8k', priority: 300, direction: 'Outbound', access: 'Deny', protocol: 'Udp', destinationPorts: ['8000-9000'] }]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'denies flannel VXLAN (UDP 8472) carrying pod-to-pod traffic between nodes of cluster gs: outbound rule no-udp-8k (priority 300) drops UDP 10.1.0.4 -> 10.1.0.5:8472' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-node traffic of cluster gs: outbound rule no-udp-8k (priority 300) drops UDP 10.1.0.4 -> 10.1.0.5:8000' },
    ] },
  { name: 'canal: a rule denying the pod CIDR does not matter (pod addresses travel inside VXLAN)', sketch: selfManaged('canal', [DENY_POD_CIDR]), expect: [] },
  { name: 'calico-vxlan: the tunnel port is 4789 (a deny of 8472 is only node traffic there)',
    sketch: selfManaged('calico-vxlan', [{ name: 'no-flannel', priority: 300, access: 'Deny', protocol: 'Udp', destinationPorts: ['8472'] },
      { name: 'no-calico-vxlan', priority: 310, access: 'Deny', protocol: 'Udp', destinationPorts: ['4789'] }]),
    expect: [
      { severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-node traffic of cluster gs: inbound rule no-flannel (priority 300) drops UDP 10.1.0.4 -> 10.1.0.5:8472' },
      { severity: 'error', resource: 'nodes-nsg', message: 'denies Calico VXLAN (UDP 4789) carrying pod-to-pod traffic between nodes of cluster gs: inbound rule no-calico-vxlan (priority 310) drops UDP 10.1.0.4 -> 10.1.0.5:4789', hint: 'CALICO_VXLAN' },
    ] },
  { name: 'calico-bgp-ipip: no tunnel sample (IPIP is AKS3003), node traffic still checked',
    sketch: selfManaged('calico-bgp-ipip', [{ name: 'no-vxlan', priority: 300, access: 'Deny', protocol: 'Udp', destinationPorts: ['4789'] }]),
    expect: [{ severity: 'error', resource: 'nodes-nsg', message: 'denies node-to-node traffic of cluster gs: inbound rule no-vxlan (priority 300) drops UDP 10.1.0.4 -> 10.1.0.5:4789' }] },
  { name: 'ICMP denied', sketch: two([{ name: 'no-icmp', priority: 300, access: 'Deny', protocol: 'Icmp' }]),
    expect: [{ severity: 'error', resource: 'b-nsg', message: 'inbound rule no-icmp (priority 300) drops ICMP 10.1.0.4 -> 10.1.1.4' }] },
]);
