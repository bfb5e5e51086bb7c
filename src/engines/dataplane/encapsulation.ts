// Encapsulation of pod traffic between nodes: what the Azure fabric, NSGs and route tables see when a self-managed
// cluster's CNI tunnels pod packets. Flannel (Canal) and Calico VXLAN wrap the pod packet in UDP between the two node
// addresses; Calico BGP with IPIP wraps it in IP protocol 4, which Azure does not forward; every other mode (AKS's,
// Azure CNI Overlay included, and Calico policy-only with a route table) puts the pod packet on the wire as it is.
// Pure: a cluster, the inner packet and the two nodes in, the outer packet (or the fabric's drop) out.
import { formatIp, ipEquals, type Ip } from '../net/index.js';
import { evaluateNsgPath, type NsgAttachment, type NsgContext, type NsgPathVerdict } from '../nsg/index.js';
import type { Cluster } from '../../model/azure.js';
import { AZURE_DROPS_IPIP, CALICO_VXLAN, FLANNEL_VXLAN, type Fact } from '../../model/facts.js';
import type { FieldRewrite, Flow } from '../trace-types.js';

/**
 * A tunnel a CNI puts pod traffic between nodes into. `vxlan`: UDP to `port` on the other node's address, VXLAN
 * network id `vni`, from device `device`; `ipip`: IP protocol 4 (`protocolNumber`) from device `device`. `cni` names
 * who builds it (for explanations); `fact`: where the numbers come from.
 */
export type Tunnel =
  | { readonly kind: 'vxlan'; readonly cni: string; readonly device: string; readonly vni: number; readonly port: number; readonly fact: Fact<unknown> }
  | { readonly kind: 'ipip'; readonly cni: string; readonly device: string; readonly protocolNumber: number; readonly fact: Fact<unknown> };

/**
 * The tunnel `cluster`'s CNI uses for pod traffic between its nodes; undefined = none (pod addresses are routed on
 * the VNet as they are: every AKS mode, Azure CNI Overlay included, BYO CNI as aksnet assumes it, Calico
 * policy-only; also undefined for an unknown cluster).
 */
export function tunnelOf(cluster: Cluster | undefined): Tunnel | undefined {
  if (!cluster || cluster.networkMode !== 'self-managed' || cluster.selfManagedCni === undefined) return undefined;
  switch (cluster.selfManagedCni) {
    case 'canal':
      return { kind: 'vxlan', cni: 'flannel', device: FLANNEL_VXLAN.value.device, vni: FLANNEL_VXLAN.value.vni, port: FLANNEL_VXLAN.value.port, fact: FLANNEL_VXLAN };
    case 'calico-vxlan':
      return { kind: 'vxlan', cni: 'Calico', device: CALICO_VXLAN.value.device, vni: CALICO_VXLAN.value.vni, port: CALICO_VXLAN.value.port, fact: CALICO_VXLAN };
    case 'calico-bgp-ipip':
      return { kind: 'ipip', cni: 'Calico BGP', device: AZURE_DROPS_IPIP.value.device, protocolNumber: AZURE_DROPS_IPIP.value.protocol, fact: AZURE_DROPS_IPIP };
    case 'calico-policy-only':
      return undefined;
    default: {
      const never: never = cluster.selfManagedCni;
      return never;
    }
  }
}

/** How a self-managed cluster's nodes move pod traffic to other nodes, as one phrase for the node hop. */
export function describeSelfManaged(cluster: Cluster): string {
  const t = tunnelOf(cluster);
  if (!t) return `self-managed (${cluster.selfManagedCni ?? 'cni'}): pod routes per node`;
  switch (t.kind) {
    case 'vxlan':
      return `self-managed (${cluster.selfManagedCni ?? 'cni'}): ${t.cni} VXLAN device ${t.device} (VNI ${t.vni}, UDP ${t.port}) to other nodes' pods`;
    case 'ipip':
      return `self-managed (${cluster.selfManagedCni ?? 'cni'}): ${t.cni} tunnel ${t.device} (IP protocol ${t.protocolNumber}) to other nodes' pods`;
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** A node as the tunnel sees it: its name, its address (absent = unknown), its cluster (absent = unknown). */
export interface TunnelNode {
  readonly name: string;
  readonly ip?: Ip;
  readonly cluster?: Cluster;
}

/**
 * What happens to a packet leaving `from` for another node. `none`: not encapsulated (no tunnel in the cluster, the
 * destination is no pod of another node of the same cluster, or the same node); the packet goes on as it is.
 * `encapsulated`: `outer` is what the fabric, NSGs and routes see (UDP node → node, destination port the tunnel's;
 * source port absent: the kernel hashes the inner flow into it, so only rules allowing every source port match);
 * `rewrites` turn the inner packet into the outer one, `detail` says so in one sentence. `dropped-by-fabric`: the
 * outer packet is IP-in-IP, which the Azure network does not forward; `outer` has the node addresses and the
 * protocol name, `reason` is the sentence for the hop that drops it. `unknown-address`: a tunnel is needed but a
 * node address is unknown (`detail` says which).
 */
export type TunnelOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'encapsulated'; readonly tunnel: Tunnel & { readonly kind: 'vxlan' }; readonly to: string; readonly outer: Flow & { readonly protocol: 'UDP' };
    readonly rewrites: readonly FieldRewrite[]; readonly detail: string }
  | { readonly kind: 'dropped-by-fabric'; readonly tunnel: Tunnel & { readonly kind: 'ipip' }; readonly to: string;
    readonly outer: { readonly protocol: string; readonly srcIp: Ip; readonly dstIp: Ip }; readonly rewrites: readonly FieldRewrite[];
    readonly detail: string; readonly reason: string }
  | { readonly kind: 'unknown-address'; readonly detail: string };

/**
 * Encapsulates `inner` leaving node `from` when its destination is a pod on node `to` (absent = the destination is
 * no pod, or its node is not known) of the same cluster, in the tunnel of `from`'s cluster.
 */
export function encapsulate(from: TunnelNode, inner: Flow, to: TunnelNode | undefined): TunnelOutcome {
  const tunnel = tunnelOf(from.cluster);
  if (!tunnel || !to || to.name === from.name) return { kind: 'none' };
  if (!to.cluster || !from.cluster || to.cluster.id !== from.cluster.id) return { kind: 'none' };
  if (!from.ip || !to.ip) {
    const which = !from.ip ? from.name : to.name;
    return { kind: 'unknown-address', detail: `${tunnel.cni} tunnels the packet to node ${to.name}, but the address of node ${which} is not known` };
  }
  if (ipEquals(from.ip, to.ip)) return { kind: 'none' };
  const addressRewrites: FieldRewrite[] = [
    ...(!ipEquals(inner.srcIp, from.ip) ? [{ field: 'srcIp' as const, old: formatIp(inner.srcIp), new: formatIp(from.ip) }] : []),
    { field: 'dstIp', old: formatIp(inner.dstIp), new: formatIp(to.ip) },
  ];
  const innerText = `${inner.protocol} ${formatIp(inner.srcIp)} -> ${formatIp(inner.dstIp)}${inner.dstPort !== undefined ? `:${inner.dstPort}` : ''}`;
  switch (tunnel.kind) {
    case 'vxlan': {
      const outer: Flow & { protocol: 'UDP' } = { protocol: 'UDP', srcIp: from.ip, dstIp: to.ip, dstPort: tunnel.port };
      const rewrites: FieldRewrite[] = [
        ...(inner.protocol !== 'UDP' ? [{ field: 'protocol' as const, old: inner.protocol, new: 'UDP' }] : []),
        ...addressRewrites,
        ...(inner.srcPort !== undefined ? [{ field: 'srcPort' as const, old: String(inner.srcPort), new: '*' }] : []),
        { field: 'dstPort', old: inner.dstPort !== undefined ? String(inner.dstPort) : '*', new: String(tunnel.port) },
      ];
      return {
        kind: 'encapsulated', tunnel, to: to.name, outer, rewrites,
        detail: `encap: ${tunnel.cni} wraps ${innerText} in VXLAN (VNI ${tunnel.vni}) on ${tunnel.device}: UDP ${formatIp(from.ip)} -> ` +
          `${formatIp(to.ip)}:${tunnel.port} (node ${from.name} to node ${to.name}; source port a hash of the inner flow); ` +
          `the Azure fabric, NSGs and routes see only the outer packet (${tunnel.fact.id})`,
      };
    }
    case 'ipip': {
      const name = 'IPIP';
      const rewrites: FieldRewrite[] = [
        { field: 'protocol', old: inner.protocol, new: `${name} (IP protocol ${tunnel.protocolNumber})` },
        ...addressRewrites,
      ];
      return {
        kind: 'dropped-by-fabric', tunnel, to: to.name, outer: { protocol: name, srcIp: from.ip, dstIp: to.ip }, rewrites,
        detail: `encap: ${tunnel.cni} wraps ${innerText} in IP-in-IP on ${tunnel.device}: IP protocol ${tunnel.protocolNumber} ` +
          `${formatIp(from.ip)} -> ${formatIp(to.ip)} (node ${from.name} to node ${to.name})`,
        reason: `the Azure virtual network does not forward IP-in-IP (IP protocol ${tunnel.protocolNumber}) between VMs: the packet ` +
          `to node ${to.name} is silently dropped (${tunnel.fact.id}; check AKS3003 ipip-on-azure)`,
      };
    }
    default: {
      const never: never = tunnel;
      return never;
    }
  }
}

/**
 * The rewrites that undo `outcome`'s encapsulation at the destination node (decap): the outer packet's fields back
 * to the inner packet's, in the same field order.
 */
export function decapRewrites(rewrites: readonly FieldRewrite[]): FieldRewrite[] {
  return rewrites.map((r) => ({ field: r.field, old: r.new, new: r.old }));
}

/** The NSGs around one node's NIC (`nsgs`: its subnet's and its NIC's; absent = none) and its subnet's tag context. */
export interface NodeNsgs {
  readonly nsgs: NsgAttachment;
  readonly ctx: NsgContext;
}

/**
 * The verdict on a tunnelled connection's replies. They come back in their own outer packets — UDP from the
 * destination node to the source node's tunnel port (`reply`), source port again a hash — which NSGs judge as a new
 * flow: their connection state covers only the return of the forward outer packet (from the tunnel port back to its
 * hashed source port). `direction`: where it was decided (`Outbound` out of the destination node, `Inbound` into
 * the source node; the inbound verdict when both allow); `verdict`: that NSG path's verdict.
 */
export interface ReplyTunnelVerdict {
  readonly reply: Flow & { readonly protocol: 'UDP' };
  readonly direction: 'Outbound' | 'Inbound';
  readonly verdict: NsgPathVerdict;
}

/** Judges the replies' tunnel of `outer` (a forward VXLAN packet) out of the destination node `to` and into `from`. */
export function replyTunnel(outer: Flow & { readonly protocol: 'UDP' }, to: NodeNsgs, from: NodeNsgs): ReplyTunnelVerdict {
  const reply: Flow & { protocol: 'UDP' } = { protocol: 'UDP', srcIp: outer.dstIp, dstIp: outer.srcIp, ...(outer.dstPort !== undefined ? { dstPort: outer.dstPort } : {}) };
  const out = evaluateNsgPath(to.nsgs, 'Outbound', reply, to.ctx);
  if (out.access === 'Deny') return { reply, direction: 'Outbound', verdict: out };
  return { reply, direction: 'Inbound', verdict: evaluateNsgPath(from.nsgs, 'Inbound', reply, from.ctx) };
}
