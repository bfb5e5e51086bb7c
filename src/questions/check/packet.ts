// What the NSG- and Service-based rules share: sample addresses of a cluster's nodes and pods per node subnet, the
// NSGs a node sits behind, and the probe ports that decide whether an NSG path allows "all traffic". Every decision is
// the NSG engine's (evaluateNsgPath over the AKS-managed NIC NSG and the subnet NSG); nothing here re-implements it.
import { cidrFirst, makeIp, type Ip } from '../../engines/net/index.js';
import {
  aksManagedNsg, evaluateNsgPath, nsgContextForSubnet, resolvePorts, type NsgContext, type NsgPathVerdict,
} from '../../engines/nsg/index.js';
import { effectiveRoutes } from '../../engines/routing/index.js';
import type { Flow } from '../../engines/trace-types.js';
import type { Cluster, Nsg, NsgDirection, NsgRule, Subnet } from '../../model/azure.js';
import type { Model } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import type { DerivedNode } from '../../derive/types.js';
import { indexOf } from './topology.js';

/**
 * The nodes of one cluster in one node subnet, in derivation order (only nodes with an address). `nicNsg`: the
 * AKS-managed node NSG (absent for self-managed clusters); `subnetNsg`: the subnet's NSG when it is in the input
 * (absent = none, or named but not in the input).
 */
export interface SubnetNodes {
  readonly cluster: Cluster;
  readonly subnet: Subnet;
  readonly nodes: readonly (DerivedNode & { readonly ip: Ip })[];
  readonly subnetNsg?: Nsg;
  readonly nicNsg?: Nsg;
}

/** The NSG of a subnet when it is in the model; undefined for no NSG or one the input does not hold. */
export function subnetNsg(model: Model, subnet: Subnet): Nsg | undefined {
  return subnet.nsgId ? model.nsgs.find((n) => n.id === subnet.nsgId) : undefined;
}

/** The cluster's derived nodes grouped by node subnet (subnets in id order; subnets not in the model left out). */
export function nodesBySubnet(model: Model, cluster: Cluster, derived: readonly DerivedNode[]): SubnetNodes[] {
  const ix = indexOf(model);
  const nicNsg = aksManagedNsg(model, cluster, derived);
  const out: SubnetNodes[] = [];
  const ids = [...new Set(cluster.pools.flatMap((p) => (p.vnetSubnetId ? [p.vnetSubnetId] : [])))].sort();
  for (const id of ids) {
    const subnet = ix.subnets.get(id);
    if (!subnet) continue;
    const pools = new Set(cluster.pools.filter((p) => p.vnetSubnetId === id).map((p) => p.name));
    const nodes = derived.filter((n): n is DerivedNode & { ip: Ip } => n.clusterId === cluster.id && pools.has(n.pool) && n.ip !== undefined);
    const nsg = subnetNsg(model, subnet);
    out.push({ cluster, subnet, nodes, ...(nsg ? { subnetNsg: nsg } : {}), ...(nicNsg ? { nicNsg } : {}) });
  }
  return out;
}

/** The NSG context of a subnet with its effective routes (the per-node pod routes of `derived` included). */
export function subnetContext(model: Model, subnet: Subnet, derived: readonly DerivedNode[]): NsgContext {
  return nsgContextForSubnet(model, subnet.id, { routes: effectiveRoutes(model, subnet.id, derived) });
}

/** The verdict of the NSGs around one node for a flow in `direction` (Azure's order: subnet then NIC inbound). */
export function nodeNsgVerdict(model: Model, at: SubnetNodes, derived: readonly DerivedNode[], direction: NsgDirection, flow: Flow): NsgPathVerdict {
  return evaluateNsgPath({ subnet: at.subnetNsg, nic: at.nicNsg }, direction, flow, subnetContext(model, at.subnet, derived));
}

/** The rule that denied a path verdict, with its level; undefined when the path allows. */
export function denyingStage(v: NsgPathVerdict): { readonly level: 'subnet' | 'nic'; readonly rule?: NsgRule; readonly nsgId?: string } | undefined {
  if (v.access !== 'Deny') return undefined;
  const s = v.stages.find((x) => x.verdict.access === 'Deny');
  return s ? { level: s.level, ...(s.verdict.rule ? { rule: s.verdict.rule } : {}), ...(s.verdict.nsgId ? { nsgId: s.verdict.nsgId } : {}) } : undefined;
}

/** A protocol and destination port to try; `port` absent for ICMP. */
export interface ProbePort {
  readonly protocol: 'TCP' | 'UDP' | 'ICMP';
  readonly port?: number;
}

/**
 * The (protocol, destination port) pairs that stand for "every port and protocol" against `nsgs`: for TCP and UDP,
 * port 1 and every edge of a destination port range the user rules name (lo-1, lo, hi, hi+1), so any rule that cuts
 * part of the port space is met by at least one pair; then ICMP. Sorted TCP, UDP, ICMP; ports ascending.
 */
export function probePorts(nsgs: readonly (Nsg | undefined)[]): ProbePort[] {
  const edges = new Set<number>([1]);
  for (const n of nsgs) {
    for (const r of n?.rules ?? []) {
      for (const [lo, hi] of resolvePorts(r.destinationPorts).ports.ranges()) {
        for (const p of [lo - 1, lo, hi, hi + 1]) if (p >= 1 && p <= 65535) edges.add(p);
      }
    }
  }
  const ports = [...edges].sort((a, b) => a - b);
  return [
    ...ports.map((port) => ({ protocol: 'TCP' as const, port })),
    ...ports.map((port) => ({ protocol: 'UDP' as const, port })),
    { protocol: 'ICMP' },
  ];
}

/** A flow of `p` from `src` to `dst` (any source port). */
export function flowOf(p: ProbePort, src: Ip, dst: Ip): Flow {
  return { protocol: p.protocol, srcIp: src, dstIp: dst, ...(p.port !== undefined ? { dstPort: p.port } : {}) };
}

/** `TCP/443`, `UDP/53`, `ICMP`. */
export function probeLabel(p: ProbePort): string {
  return p.port === undefined ? p.protocol : `${p.protocol}/${p.port}`;
}

/** A sample pod address on a node: the node pod CIDR's first address + 4 (addresses below are not handed to pods by every IPAM). */
export function samplePodIp(node: DerivedNode): Ip | undefined {
  return node.podCidr ? makeIp(node.podCidr.family, cidrFirst(node.podCidr) + 4n) : undefined;
}

/** Where a finding about an NSG decision points: the deciding user rule, else the NSG, else `fallback`. */
export function decisionOrigin(model: Model, stage: { readonly rule?: NsgRule; readonly nsgId?: string }, fallback: Origin): Origin {
  if (stage.rule && stage.rule.origin.line > 0) return stage.rule.origin;
  return (stage.nsgId ? model.nsgs.find((n) => n.id === stage.nsgId)?.origin : undefined) ?? fallback;
}
