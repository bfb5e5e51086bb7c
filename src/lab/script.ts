// The commands that build (and tear down) a lab topology. Pure: a topology in, phases of commands out. Commands of
// one phase are independent (they may run in parallel); phases run in order. Every command works inside the lab's
// own namespaces: veth pairs are created directly in them (`ip link add A netns X type veth peer B netns Y`), so the
// host's namespace gets no interface, address, route or rule.
import { FLANNEL_CNI_BRIDGE, FLANNEL_VXLAN } from '../model/facts.js';
import type { LabCommand } from './exec.js';
import { macOfIndex, macOfIp } from './names.js';
import { POD_GATEWAY, usesVxlan, VNET_GATEWAY, type LabMode, type LabNode, type LabPod, type LabTopology } from './topology.js';

/** A group of commands that may run in any order, and what it does. */
export interface Phase {
  readonly name: string;
  readonly commands: readonly LabCommand[];
}

/** MAC address of every host-side veth in routed modes (as Calico uses; each veth is its own point-to-point link). */
export const HOST_VETH_MAC = 'ee:ee:ee:ee:ee:ee';

/**
 * Every link-layer neighbour in the lab is written as a permanent entry (fixed MACs: pods and node addresses take
 * macOfIp, the VNet's node links vnetIfMac, VTEPs their own), so no namespace resolves a lab address by ARP. The
 * reason is the kernel, not the model: the IPv4 neighbour table is one table shared by every network namespace of the
 * host, and its garbage-collection limit (net.ipv4.neigh.default.gc_thresh3, 1024 by default, settable only in the
 * host's namespace) counts the dynamic entries of all of them together. In bridge mode each pod resolves every pod of
 * its node, so 3 nodes × 30 pods need ~2,800 entries: the table overflows ("neighbor table overflow!"), ARP requests
 * are dropped, and SYNs wait for a retransmission that comes after the probe timeout. Permanent entries are exempt
 * from that limit. Real nodes each have their own table, so this changes nothing the simulator models.
 */
export function vnetIfMac(node: LabNode): string {
  return macOfIndex(0, node.index);
}

/** The MAC address answering for the node's address: its bridge (bridge mode) or its NIC eth0 (other modes). */
export function nodeMac(node: LabNode): string {
  return macOfIp(node.ip) ?? macOfIndex(3, node.index);
}

/** `ip neigh` line writing a permanent neighbour entry. */
function neigh(ip: string, mac: string, dev: string): string {
  return `neigh replace ${ip} lladdr ${mac} dev ${dev} nud permanent`;
}

/** MTU of pod interfaces in the flannel modes: the node NIC's 1500 minus the VXLAN overhead (flannel's own choice). */
export function podMtu(mode: LabMode): number | undefined {
  return usesVxlan(mode) ? 1500 - FLANNEL_VXLAN.value.overhead : undefined;
}
/** Name of the pod bridge in the node per mode (absent = routed, no bridge). */
export function bridgeName(mode: LabMode): string | undefined {
  switch (mode) {
    case 'bridge':
      return 'azure0';
    case 'kubenet':
      return 'cbr0';
    case 'flannel':
      return FLANNEL_CNI_BRIDGE.value;
    case 'transparent':
    case 'overlay':
    case 'canal':
      return undefined;
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

/** Whether the mode attaches pods to a bridge (the rule compiler's 'bridge') or routes them ('transparent'). */
export function attachMode(mode: LabMode): 'bridge' | 'transparent' {
  return bridgeName(mode) !== undefined ? 'bridge' : 'transparent';
}

function ip(netns: string | undefined, lines: readonly string[], why: string): LabCommand {
  const argv = netns !== undefined ? ['ip', '-n', netns, '-batch', '-'] : ['ip', '-batch', '-'];
  return { argv, input: lines.join('\n') + '\n', why };
}

function bridgeBatch(netns: string, lines: readonly string[], why: string): LabCommand {
  return { argv: ['bridge', '-n', netns, '-batch', '-'], input: lines.join('\n') + '\n', why };
}

/**
 * `sysctl -w` of `settings` in `netns`, as a list of at most one command: none when there is nothing to set (a
 * `sysctl -w` without variables fails, e.g. the VNet's proxy-ARP delays in a lab without nodes).
 */
function sysctl(netns: string, settings: readonly string[], why: string): LabCommand[] {
  return settings.length === 0 ? [] : [{ netns, argv: ['sysctl', '-q', '-w', ...settings], why }];
}

/** `ip -batch` of `lines` in `netns` (absent = the host's `ip netns`/`link` commands), none when `lines` is empty. */
function ipIfAny(netns: string | undefined, lines: readonly string[], why: string): LabCommand[] {
  return lines.length === 0 ? [] : [ip(netns, lines, why)];
}

/** Every namespace of the topology: VNet, nodes, pods. */
export function labNamespaces(t: LabTopology): string[] {
  return [t.vnetNs, ...t.nodes.map((n) => n.ns), ...t.pods.map((p) => p.ns)];
}

/**
 * The phases that build the topology's namespaces, links, addresses, routes and sysctls (no rules, no agents). Every
 * phase has at least one command and no command is empty (no `sysctl -w` without variables, no empty `-batch`
 * input), whatever the topology — a lab without pods is just its VNet namespace.
 */
export function buildPhases(t: LabTopology): Phase[] {
  const phases: Phase[] = [];
  const all = labNamespaces(t);
  phases.push({ name: 'namespaces', commands: [ip(undefined, all.map((ns) => `netns add ${ns}`), 'create the lab namespaces')] });

  // Sysctls set before interfaces exist, so every interface inherits the `default` values.
  const base = ['net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0'];
  const routed = attachMode(t.mode) === 'transparent';
  phases.push({
    name: 'sysctls',
    commands: [
      ...sysctl(t.vnetNs, [...base, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.default.proxy_arp=1', 'net.ipv4.conf.all.send_redirects=0', 'net.ipv4.conf.default.send_redirects=0'], 'VNet: forward, answer ARP for addresses behind other nodes'),
      ...t.nodes.flatMap((n) => sysctl(n.ns, [
        ...base, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.send_redirects=0', 'net.ipv4.conf.default.send_redirects=0',
        ...(routed ? ['net.ipv4.conf.default.proxy_arp=1'] : []),
      ], `node ${n.name}: forwarding${routed ? ', proxy ARP on pod veths' : ''}`)),
    ],
  });

  // Links: node NIC ↔ VNet, pod eth0 ↔ node, each pair created directly in its two namespaces.
  const links: string[] = [];
  for (const n of t.nodes) {
    // Bridge mode: the node's address lives on azure0 (which takes nodeMac); eth0 is a bridge port.
    const own = t.mode === 'bridge' ? '' : ` address ${nodeMac(n)}`;
    links.push(`link add eth0 netns ${n.ns}${own} type veth peer name ${n.vnetIf} netns ${t.vnetNs} address ${vnetIfMac(n)}`);
  }
  for (const p of t.pods) {
    const node = t.nodes[p.node] as LabNode;
    links.push(routed
      ? `link add eth0 netns ${p.ns} address ${p.mac} type veth peer name ${p.hostIf} netns ${node.ns} address ${HOST_VETH_MAC}`
      : `link add eth0 netns ${p.ns} address ${p.mac} type veth peer name ${p.hostIf} netns ${node.ns}`);
  }
  phases.push({ name: 'links', commands: ipIfAny(undefined, links, 'create veth pairs between the lab namespaces') });

  // Proxy ARP answers at once (neighbour settings exist per interface only, so after the links).
  phases.push({
    name: 'proxy ARP delay',
    commands: [
      ...sysctl(t.vnetNs, t.nodes.map((n) => `net.ipv4.neigh.${n.vnetIf}.proxy_delay=0`), 'VNet: proxy ARP without delay'),
      ...(routed ? t.nodes.flatMap((n) => sysctl(n.ns,
        t.pods.filter((p) => p.node === n.index).map((p) => `net.ipv4.neigh.${p.hostIf}.proxy_delay=0`), `node ${n.name}: proxy ARP without delay`)) : []),
    ],
  });
  phases.push({
    name: 'addresses and routes',
    commands: [vnetConfig(t), ...t.nodes.map((n) => nodeConfig(t, n)), ...t.pods.map((p) => podConfig(t, p))],
  });
  if (usesVxlan(t.mode)) {
    phases.push({
      name: 'vxlan fdb',
      commands: t.nodes.filter((n) => vxlanFdb(t, n).length > 0).map((n) => bridgeBatch(n.ns, vxlanFdb(t, n), `node ${n.name}: flannel FDB (VTEP MAC → node address)`)),
    });
  }
  if (attachMode(t.mode) === 'bridge') {
    // br_netfilter: bridged frames traverse iptables (per namespace on current kernels; set in each node).
    phases.push({
      name: 'br_netfilter',
      commands: t.nodes.flatMap((n) => sysctl(n.ns, ['net.bridge.bridge-nf-call-iptables=1'], `node ${n.name}: bridged traffic through iptables`)),
    });
  }
  // A phase with nothing to do (no node, no pod) is left out rather than run empty.
  return phases.filter((ph) => ph.commands.length > 0);
}

function vnetConfig(t: LabTopology): LabCommand {
  const lines = ['link set lo up'];
  for (const n of t.nodes) {
    lines.push(`link set ${n.vnetIf} up`, `addr add ${VNET_GATEWAY}/32 dev ${n.vnetIf}`, neigh(n.ip, nodeMac(n), n.vnetIf));
  }
  // Bridge mode: pods are on their node's L2 segment, and the VNet delivers to them directly.
  if (t.mode === 'bridge') for (const p of t.pods) lines.push(neigh(p.ip, p.mac, (t.nodes[p.node] as LabNode).vnetIf));
  const routeLine = (r: LabTopology['vnetRoutes'][number], table?: number): string => {
    const tbl = table !== undefined ? ` table ${table}` : '';
    switch (r.kind) {
      case 'dev':
        return `route add ${r.dst} dev ${(t.nodes[r.node ?? -1] as LabNode).vnetIf} scope link${tbl}`;
      case 'via':
        return `route add ${r.dst} via ${r.via} dev ${(t.nodes[r.node ?? -1] as LabNode).vnetIf} onlink${tbl}`;
      case 'blackhole':
        return `route add blackhole ${r.dst}${tbl}`;
      default: {
        const never: never = r.kind;
        throw new Error(`unknown route kind ${String(never)}`);
      }
    }
  };
  for (const r of t.vnetRoutes) lines.push(routeLine(r));
  for (const rt of t.routeTables) {
    for (const r of rt.routes) lines.push(routeLine(r, rt.table));
    for (const i of rt.nodes) lines.push(`rule add iif ${(t.nodes[i] as LabNode).vnetIf} lookup ${rt.table} priority ${rt.table}`);
  }
  return ip(t.vnetNs, lines, 'VNet: gateway address per node link, routes to nodes and pods, route tables');
}

/** The node's NIC with its address and the default route through the VNet gateway (every mode but bridge). */
function nodeNic(n: LabNode): string[] {
  return [
    'link set eth0 up', `addr add ${n.ip}/32 dev eth0`, neigh(VNET_GATEWAY, vnetIfMac(n), 'eth0'),
    `route add default via ${VNET_GATEWAY} dev eth0 onlink`,
  ];
}

function nodeConfig(t: LabTopology, n: LabNode): LabCommand {
  const lines = ['link set lo up'];
  const pods = t.pods.filter((p) => p.node === n.index);
  const br = bridgeName(t.mode);
  const mtu = podMtu(t.mode);
  switch (t.mode) {
    case 'bridge':
      // azure0 holds the NIC and every pod veth; the node address moves to the bridge.
      lines.push(`link add ${br} address ${nodeMac(n)} type bridge`, `link set ${br} up`, 'link set eth0 master azure0', 'link set eth0 up');
      // Hairpin on the NIC's port: a NodePort packet from the VNet DNATed to a pod on another node is bridged back
      // out of eth0 (br_netfilter's bridged DNAT), which a bridge only does on a hairpin port.
      lines.push('link set eth0 type bridge_slave hairpin on');
      for (const p of pods) lines.push(`link set ${p.hostIf} master ${br}`, `link set ${p.hostIf} up`);
      lines.push(`addr add ${n.ip}/32 dev ${br}`, `route add default dev ${br} scope link`);
      for (const p of pods) lines.push(neigh(p.ip, p.mac, `${br}`));
      break;
    case 'kubenet':
    case 'flannel': {
      lines.push(...nodeNic(n));
      const gw = kubenetGateway(n);
      lines.push(`link add ${br} address ${gw ? macOfIp(gw.ip) ?? nodeMac(n) : nodeMac(n)} type bridge`, `link set ${br} up`);
      if (mtu !== undefined) lines.push(`link set ${br} mtu ${mtu}`);
      if (gw) lines.push(`addr add ${gw.ip}/${gw.prefix} dev ${br}`);
      for (const p of pods) {
        lines.push(`link set ${p.hostIf} master ${br}`, ...(mtu !== undefined ? [`link set ${p.hostIf} mtu ${mtu}`] : []), `link set ${p.hostIf} up`);
        if (p.prefixLength === 32) lines.push(`route add ${p.ip}/32 dev ${br} scope link`);
        lines.push(neigh(p.ip, p.mac, `${br}`));
      }
      break;
    }
    case 'transparent':
    case 'overlay':
    case 'canal':
      lines.push(...nodeNic(n));
      for (const p of pods) {
        if (mtu !== undefined) lines.push(`link set ${p.hostIf} mtu ${mtu}`);
        lines.push(`link set ${p.hostIf} up`, `route add ${p.ip}/32 dev ${p.hostIf} scope link`, neigh(p.ip, p.mac, p.hostIf));
      }
      break;
    default: {
      const never: never = t.mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
  if (usesVxlan(t.mode)) lines.push(...vxlanLines(t, n));
  return ip(n.ns, lines, `node ${n.name}: ${t.mode} pod networking`);
}

/**
 * flanneld's VXLAN backend on node `n` (flannel and canal modes): the device `flannel.1` (VNI, UDP port, no learning,
 * local = the node address over eth0, MTU 1500 − overhead) holding the pod CIDR's network address as /32, and for
 * every other node with a VTEP a route to its pod CIDR via its VTEP address (onlink) and a permanent neighbour entry
 * (VTEP address → VTEP MAC). The FDB entries (VTEP MAC → node address) are `bridge` commands: see vxlanFdb. Empty
 * when the node has no pod CIDR.
 */
export function vxlanLines(t: LabTopology, n: LabNode): string[] {
  if (!n.vtep) return [];
  const v = FLANNEL_VXLAN.value;
  const lines = [
    `link add ${v.device} address ${n.vtep.mac} mtu ${1500 - v.overhead} type vxlan id ${v.vni} local ${n.ip} dev eth0 dstport ${v.port} nolearning`,
    `link set ${v.device} up`, `addr add ${n.vtep.ip}/32 dev ${v.device}`,
  ];
  for (const m of t.nodes) {
    if (m === n || !m.vtep || !m.podCidr) continue;
    lines.push(neigh(m.vtep.ip, m.vtep.mac, v.device), `route add ${m.podCidr} via ${m.vtep.ip} dev ${v.device} onlink`);
  }
  return lines;
}

/** `bridge fdb` lines for node `n`: every other node's VTEP MAC is reached at that node's address (flannel's FDB). */
export function vxlanFdb(t: LabTopology, n: LabNode): string[] {
  if (!n.vtep) return [];
  const dev = FLANNEL_VXLAN.value.device;
  return t.nodes.filter((m) => m !== n && m.vtep && m.podCidr).map((m) => `fdb append ${m.vtep?.mac} dev ${dev} dst ${m.ip} self permanent`);
}

/** The kubenet bridge address: the first host of the node's pod CIDR (kubenet's cbr0 takes .1). */
export function kubenetGateway(n: LabNode): { ip: string; prefix: number } | undefined {
  if (!n.podCidr) return undefined;
  const [base, len] = n.podCidr.split('/');
  const parts = (base ?? '').split('.').map(Number);
  if (parts.length !== 4) return undefined;
  const value = ((parts[0] ?? 0) * 2 ** 24 + (parts[1] ?? 0) * 2 ** 16 + (parts[2] ?? 0) * 2 ** 8 + (parts[3] ?? 0)) + 1;
  const ip = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
  return { ip, prefix: Number(len) };
}

function podConfig(t: LabTopology, p: LabPod): LabCommand {
  const mtu = podMtu(t.mode);
  const lines = ['link set lo up', ...(mtu !== undefined ? [`link set eth0 mtu ${mtu}`] : []), 'link set eth0 up', `addr add ${p.ip}/${p.prefixLength} dev eth0`];
  const node = t.nodes[p.node] as LabNode;
  const peers = t.pods.filter((q) => q.node === p.node && q !== p);
  switch (t.mode) {
    case 'bridge':
      // One L2 segment: the node and its other pods are on-link; everything else via the VNet gateway.
      lines.push(`route add ${VNET_GATEWAY} dev eth0 scope link`, `route add default via ${VNET_GATEWAY} dev eth0`);
      lines.push(`route add ${node.ip}/32 dev eth0 scope link`);
      for (const q of peers) lines.push(`route add ${q.ip}/32 dev eth0 scope link`);
      lines.push(neigh(VNET_GATEWAY, vnetIfMac(node), 'eth0'), neigh(node.ip, nodeMac(node), 'eth0'));
      for (const q of peers) lines.push(neigh(q.ip, q.mac, 'eth0'));
      break;
    case 'kubenet':
    case 'flannel': {
      const gw = kubenetGateway(node);
      if (gw) {
        if (p.prefixLength === 32) lines.push(`route add ${gw.ip} dev eth0 scope link`);
        lines.push(`route add default via ${gw.ip} dev eth0`, neigh(gw.ip, macOfIp(gw.ip) ?? nodeMac(node), 'eth0'));
      } else {
        lines.push('route add default dev eth0 scope link');
      }
      // Pods of the node on the same bridge and prefix are on-link.
      for (const q of peers) if (q.prefixLength === p.prefixLength && p.prefixLength < 32) lines.push(neigh(q.ip, q.mac, 'eth0'));
      break;
    }
    case 'transparent':
    case 'overlay':
    case 'canal':
      lines.push(
        `route add ${POD_GATEWAY} dev eth0 scope link`, `route add default via ${POD_GATEWAY} dev eth0`,
        `neigh add ${POD_GATEWAY} lladdr ${HOST_VETH_MAC} dev eth0 nud permanent`,
      );
      break;
    default: {
      const never: never = t.mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
  return ip(p.ns, lines, `pod ${p.namespace}/${p.name}: address and routes`);
}

/** Commands that delete the given namespaces (one batch; `-force` goes on after a missing one). */
export function deleteNamespaces(names: readonly string[]): LabCommand {
  return { argv: ['ip', '-force', '-batch', '-'], input: names.map((n) => `netns delete ${n}`).join('\n') + '\n', why: 'delete the lab namespaces' };
}
