// AKS2403 nsg-cluster-traffic: a subnet NSG that denies node-to-node traffic, the pod traffic of overlay / kubenet,
// or the VXLAN tunnel (UDP between node addresses) that carries Canal / Calico VXLAN pod traffic between nodes.
import { tunnelOf } from '../../../engines/dataplane/encapsulation.js';
import { formatCidr, formatIp, type Ip } from '../../../engines/net/index.js';
import type { Cluster } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { deriveNodes } from '../../../derive/nodes.js';
import type { DerivedNode } from '../../../derive/types.js';
import { finding } from '../finding.js';
import {
  decisionOrigin, denyingStage, flowOf, nodeNsgVerdict, nodesBySubnet, probePorts, samplePodIp, type ProbePort, type SubnetNodes,
} from '../packet.js';
import { subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/** Whether pods of the cluster put their own addresses on the VNet wire (routed, not encapsulated), and how to name it. */
function podTraffic(c: Cluster): string | undefined {
  switch (c.networkMode) {
    case 'azure-cni-overlay': return 'overlay pod traffic';
    case 'kubenet': return 'kubenet pod traffic';
    case 'self-managed': return c.selfManagedCni === 'calico-policy-only' ? 'pod traffic' : undefined;
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
    case 'byo-cni': return undefined;
    default: {
      const never: never = c.networkMode;
      return never;
    }
  }
}

/**
 * One kind of traffic to try between two nodes. `probes`: the (protocol, port) pairs to try, absent = every protocol
 * and each edge of the port ranges the NSGs name (probePorts); `except`: pairs left out of those (tried by another
 * sample); `hint`: the advice of a finding, absent = the node-to-node or pod-CIDR advice.
 */
interface Sample {
  readonly what: string;
  readonly src: Ip;
  readonly dst: Ip;
  readonly probes?: readonly ProbePort[];
  readonly except?: readonly ProbePort[];
  readonly hint?: (rule: string) => string;
}

/**
 * The tunnel sample between two nodes of a cluster whose CNI carries pod traffic in VXLAN (Canal: UDP 8472, Calico
 * VXLAN: UDP 4789; engines/dataplane/encapsulation.ts): the fabric sees only UDP node -> node on that port, so that
 * port decides whether pods on different nodes can talk. Undefined for clusters without a VXLAN tunnel.
 */
function tunnelSample(c: Cluster, src: Ip, dst: Ip): Sample | undefined {
  const t = tunnelOf(c);
  if (!t || t.kind !== 'vxlan') return undefined;
  const probe: ProbePort = { protocol: 'UDP', port: t.port };
  return {
    what: `${t.cni} VXLAN (UDP ${t.port}) carrying pod-to-pod traffic between nodes`, src, dst, probes: [probe],
    hint: (rule) => `allow UDP ${t.port} between the node subnets in both directions, above rule ${rule}: ${t.cni} wraps all pod traffic `
      + `between nodes in VXLAN to that port (${t.fact.id}), so subnet NSGs see node addresses, not pod IPs`,
  };
}

/**
 * For every cluster whose node subnets carry an NSG: between every pair of node subnets (a subnet with itself
 * included, using two of its nodes), tries node → node, for overlay, kubenet and self-managed route-table clusters
 * also node → pod and pod → pod, on every protocol and on each edge of the port ranges the NSGs name, and for
 * Canal / Calico VXLAN clusters the tunnel (UDP node → node on the VXLAN port; reported as such, not as node traffic),
 * through the NIC and subnet NSGs out of the source and into the destination (the NSG engine decides). A deny by a
 * subnet NSG is an error, reported once per NSG rule and kind of traffic with the first flow it cuts.
 */
export const nsgClusterTraffic: CheckRule = {
  id: 'AKS2403',
  slug: 'nsg-cluster-traffic',
  title: 'Subnet NSG denies node-to-node or pod traffic',
  severity: 'error',
  description: 'Checks that the NSGs on node subnets let nodes reach each other, (overlay, kubenet, self-managed with '
    + 'cloud routes) nodes and pods reach pods, and (Canal, Calico VXLAN) the VXLAN tunnel between nodes through, on all '
    + 'ports and protocols, in both directions between all node subnets of a cluster. The NSG engine evaluates sample '
    + 'flows between derived node and pod addresses: every protocol, each edge of the port ranges the NSGs name, and for '
    + 'VXLAN clusters UDP to the tunnel port (8472 for Canal, 4789 for Calico VXLAN) between node addresses. The '
    + 'VirtualNetwork tag includes overlay pod CIDRs and UDR prefixes.',
  rationale: 'AKS never edits the NSG of your subnet; a custom deny rule there cuts kubelet, DNS, tunnel and pod traffic '
    + 'and the cluster breaks in ways that look like application faults. Overlay and kubenet pod traffic is not '
    + 'encapsulated, so subnet NSGs see pod IPs: with custom deny rules they must allow the pod CIDR too. Canal and '
    + 'Calico VXLAN wrap pod traffic between nodes in UDP between the node addresses: NSGs never see pod IPs there, and '
    + 'a rule denying the tunnel port cuts every pod connection across nodes.',
  source: 'shared/reference/aks-networking.md §12.2, §12.5 (AKS:concepts-network-azure-cni-overlay), §7, §21; facts FLANNEL_VXLAN, '
    + 'CALICO_VXLAN; the NSG engine (src/engines/nsg) and engines/dataplane/encapsulation.ts',
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [
        { name: 'allow-nodes', priority: 100, source: ['10.1.0.0/22'], destination: ['10.1.0.0/22'] },
        { name: 'deny-all', priority: 4096, access: 'Deny' },
      ] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }] }],
      clusters: [{ name: 'aks1', mode: 'azure-cni-overlay', podCidr: '192.168.0.0/16', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [
        { name: 'allow-nodes', priority: 100, source: ['10.1.0.0/22'], destination: ['10.1.0.0/22'] },
        { name: 'allow-pods', priority: 110, source: ['10.1.0.0/22', '192.168.0.0/16'], destination: ['192.168.0.0/16'] },
        { name: 'deny-all', priority: 4096, access: 'Deny' },
      ] }],
    },
  },
  run(model: Model): Finding[] {
    const derived = deriveNodes(model);
    const out = new Map<string, Finding>();
    for (const c of model.clusters) {
      const groups = nodesBySubnet(model, c, derived);
      if (!groups.some((g) => g.subnetNsg)) continue;
      const pods = podTraffic(c);
      for (const a of groups) {
        for (const b of groups) {
          const src = a.nodes[0];
          const dst = a === b ? a.nodes[1] : b.nodes[0];
          if (!src || !dst || (!a.subnetNsg && !b.subnetNsg)) continue;
          const tunnel = tunnelSample(c, src.ip, dst.ip);
          const samples: Sample[] = [
            ...(tunnel ? [tunnel] : []),
            { what: 'node-to-node traffic', src: src.ip, dst: dst.ip, ...(tunnel?.probes ? { except: tunnel.probes } : {}) },
          ];
          const srcPod = samplePodIp(src);
          const dstPod = samplePodIp(dst);
          if (pods && srcPod && dstPod) {
            samples.push({ what: `node-to-pod ${pods}`, src: src.ip, dst: dstPod }, { what: `pod-to-pod ${pods}`, src: srcPod, dst: dstPod });
          }
          for (const s of samples) firstCut(this.id, model, derived, c, a, b, s, out);
        }
      }
    }
    return [...out.values()];
  },
};

/** Records the first flow of `s` a subnet NSG cuts, once per (cluster, NSG rule, kind of traffic). */
function firstCut(id: string, model: Model, derived: readonly DerivedNode[], c: Cluster, a: SubnetNodes, b: SubnetNodes, s: Sample,
  out: Map<string, Finding>): void {
  const same = (x: ProbePort, y: ProbePort): boolean => x.protocol === y.protocol && x.port === y.port;
  const probes = (s.probes ?? probePorts([a.subnetNsg, b.subnetNsg])).filter((p) => !(s.except ?? []).some((e) => same(e, p)));
  for (const p of probes) {
    const flow = flowOf(p, s.src, s.dst);
    const leaving = denyingStage(nodeNsgVerdict(model, a, derived, 'Outbound', flow));
    const entering = leaving ? undefined : denyingStage(nodeNsgVerdict(model, b, derived, 'Inbound', flow));
    const stage = leaving ? { at: a, dir: 'outbound', d: leaving } : entering ? { at: b, dir: 'inbound', d: entering } : undefined;
    if (!stage) continue;
    const nsg = stage.at.subnetNsg;
    if (stage.d.level !== 'subnet' || !nsg) return; // a NIC NSG decided: not a subnet NSG finding
    const ruleName = stage.d.rule?.name ?? '(unknown rule)';
    const key = `${c.id}|${nsg.id}|${ruleName}|${s.what}`;
    if (out.has(key)) return;
    const prio = stage.d.rule ? ` (priority ${stage.d.rule.priority})` : '';
    const hint = s.hint ? s.hint(ruleName) : s.what === 'node-to-node traffic'
      ? `allow the node subnets (or VirtualNetwork) to and from each other on all ports and protocols, above rule ${ruleName}`
      : `allow the pod CIDR ${c.podCidrs.map(formatCidr).join(', ')} to and from the node subnets and itself on all ports and protocols, above rule ${ruleName} (subnet NSGs see pod IPs)`;
    out.set(key, finding(id, 'error', nsg.name, decisionOrigin(model, stage.d, nsg.origin),
      `subnet NSG ${nsg.name} of ${subnetLabel(model, stage.at.subnet)} denies ${s.what} of cluster ${c.name}: ${stage.dir} rule ${ruleName}${prio} `
      + `drops ${p.protocol} ${formatIp(s.src)} -> ${formatIp(s.dst)}${p.port === undefined ? '' : `:${p.port}`}`, hint));
    return;
  }
}
