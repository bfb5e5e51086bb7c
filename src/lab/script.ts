// The commands that build (and tear down) a lab topology. Pure: a topology in, phases of commands out. Commands of
// one phase are independent (they may run in parallel); phases run in order. Every command works inside the lab's
// own namespaces: veth pairs are created directly in them (`ip link add A netns X type veth peer B netns Y`), so the
// host's namespace gets no interface, address, route or rule.
import type { LabCommand } from './exec.js';
import { POD_GATEWAY, VNET_GATEWAY, type LabMode, type LabNode, type LabPod, type LabTopology } from './topology.js';

/** A group of commands that may run in any order, and what it does. */
export interface Phase {
  readonly name: string;
  readonly commands: readonly LabCommand[];
}

/** MAC address of every host-side veth in routed modes (as Calico uses; each veth is its own point-to-point link). */
export const HOST_VETH_MAC = 'ee:ee:ee:ee:ee:ee';

/** Name of the pod bridge in the node per mode (absent = routed, no bridge). */
export function bridgeName(mode: LabMode): string | undefined {
  switch (mode) {
    case 'bridge':
      return 'azure0';
    case 'kubenet':
      return 'cbr0';
    case 'transparent':
    case 'overlay':
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

function sysctl(netns: string, settings: readonly string[], why: string): LabCommand {
  return { netns, argv: ['sysctl', '-q', '-w', ...settings], why };
}

/** Every namespace of the topology: VNet, nodes, pods. */
export function labNamespaces(t: LabTopology): string[] {
  return [t.vnetNs, ...t.nodes.map((n) => n.ns), ...t.pods.map((p) => p.ns)];
}

/** The phases that build the topology's namespaces, links, addresses, routes and sysctls (no rules, no agents). */
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
      sysctl(t.vnetNs, [...base, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.default.proxy_arp=1', 'net.ipv4.conf.all.send_redirects=0', 'net.ipv4.conf.default.send_redirects=0'], 'VNet: forward, answer ARP for addresses behind other nodes'),
      ...t.nodes.map((n) => sysctl(n.ns, [
        ...base, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.send_redirects=0', 'net.ipv4.conf.default.send_redirects=0',
        ...(routed ? ['net.ipv4.conf.default.proxy_arp=1'] : []),
      ], `node ${n.name}: forwarding${routed ? ', proxy ARP on pod veths' : ''}`)),
    ],
  });

  // Links: node NIC ↔ VNet, pod eth0 ↔ node, each pair created directly in its two namespaces.
  const links: string[] = [];
  for (const n of t.nodes) links.push(`link add eth0 netns ${n.ns} type veth peer name ${n.vnetIf} netns ${t.vnetNs}`);
  for (const p of t.pods) {
    const node = t.nodes[p.node] as LabNode;
    links.push(routed
      ? `link add eth0 netns ${p.ns} type veth peer name ${p.hostIf} netns ${node.ns} address ${HOST_VETH_MAC}`
      : `link add eth0 netns ${p.ns} type veth peer name ${p.hostIf} netns ${node.ns}`);
  }
  phases.push({ name: 'links', commands: [ip(undefined, links, 'create veth pairs between the lab namespaces')] });

  // Proxy ARP answers at once (neighbour settings exist per interface only, so after the links).
  phases.push({
    name: 'proxy ARP delay',
    commands: [
      sysctl(t.vnetNs, t.nodes.map((n) => `net.ipv4.neigh.${n.vnetIf}.proxy_delay=0`), 'VNet: proxy ARP without delay'),
      ...(routed ? t.nodes.filter((n) => t.pods.some((p) => p.node === n.index)).map((n) => sysctl(n.ns,
        t.pods.filter((p) => p.node === n.index).map((p) => `net.ipv4.neigh.${p.hostIf}.proxy_delay=0`), `node ${n.name}: proxy ARP without delay`)) : []),
    ],
  });
  phases.push({
    name: 'addresses and routes',
    commands: [vnetConfig(t), ...t.nodes.map((n) => nodeConfig(t, n)), ...t.pods.map((p) => podConfig(t, p))],
  });
  if (attachMode(t.mode) === 'bridge') {
    // br_netfilter: bridged frames traverse iptables (per namespace on current kernels; set in each node).
    phases.push({
      name: 'br_netfilter',
      commands: t.nodes.map((n) => sysctl(n.ns, ['net.bridge.bridge-nf-call-iptables=1'], `node ${n.name}: bridged traffic through iptables`)),
    });
  }
  return phases;
}

function vnetConfig(t: LabTopology): LabCommand {
  const lines = ['link set lo up'];
  for (const n of t.nodes) {
    lines.push(`link set ${n.vnetIf} up`, `addr add ${VNET_GATEWAY}/32 dev ${n.vnetIf}`);
  }
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

function nodeConfig(t: LabTopology, n: LabNode): LabCommand {
  const lines = ['link set lo up'];
  const pods = t.pods.filter((p) => p.node === n.index);
  const br = bridgeName(t.mode);
  switch (t.mode) {
    case 'bridge':
      // azure0 holds the NIC and every pod veth; the node address moves to the bridge.
      lines.push(`link add ${br} type bridge`, `link set ${br} up`, 'link set eth0 master azure0', 'link set eth0 up');
      for (const p of pods) lines.push(`link set ${p.hostIf} master ${br}`, `link set ${p.hostIf} up`);
      lines.push(`addr add ${n.ip}/32 dev ${br}`, `route add default dev ${br} scope link`);
      break;
    case 'kubenet': {
      lines.push('link set eth0 up', `addr add ${n.ip}/32 dev eth0`, `route add default via ${VNET_GATEWAY} dev eth0 onlink`);
      lines.push(`link add ${br} type bridge`, `link set ${br} up`);
      const gw = kubenetGateway(n);
      if (gw) lines.push(`addr add ${gw.ip}/${gw.prefix} dev ${br}`);
      for (const p of pods) {
        lines.push(`link set ${p.hostIf} master ${br}`, `link set ${p.hostIf} up`);
        if (p.prefixLength === 32) lines.push(`route add ${p.ip}/32 dev ${br} scope link`);
      }
      break;
    }
    case 'transparent':
    case 'overlay':
      lines.push('link set eth0 up', `addr add ${n.ip}/32 dev eth0`, `route add default via ${VNET_GATEWAY} dev eth0 onlink`);
      for (const p of pods) lines.push(`link set ${p.hostIf} up`, `route add ${p.ip}/32 dev ${p.hostIf} scope link`);
      break;
    default: {
      const never: never = t.mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
  return ip(n.ns, lines, `node ${n.name}: ${t.mode} pod networking`);
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
  const lines = ['link set lo up', 'link set eth0 up', `addr add ${p.ip}/${p.prefixLength} dev eth0`];
  const node = t.nodes[p.node] as LabNode;
  switch (t.mode) {
    case 'bridge':
      // One L2 segment: the node and its other pods are on-link; everything else via the VNet gateway.
      lines.push(`route add ${VNET_GATEWAY} dev eth0 scope link`, `route add default via ${VNET_GATEWAY} dev eth0`);
      lines.push(`route add ${node.ip}/32 dev eth0 scope link`);
      for (const q of t.pods) if (q.node === p.node && q !== p) lines.push(`route add ${q.ip}/32 dev eth0 scope link`);
      break;
    case 'kubenet': {
      const gw = kubenetGateway(node);
      if (gw) {
        if (p.prefixLength === 32) lines.push(`route add ${gw.ip} dev eth0 scope link`);
        lines.push(`route add default via ${gw.ip} dev eth0`);
      } else {
        lines.push('route add default dev eth0 scope link');
      }
      break;
    }
    case 'transparent':
    case 'overlay':
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
