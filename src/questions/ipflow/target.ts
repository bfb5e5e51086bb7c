// The `--vm` reference of ipflow and nexthop: a node, an address inside a subnet, or a subnet; resolved to the
// subnet, address and NIC NSG that Network Watcher would look at for that VM.
import { subnetContaining } from '../../engines/routing/index.js';
import { formatIp, parseIp, type Ip } from '../../engines/net/index.js';
import { aksManagedNsg } from '../../engines/nsg/index.js';
import type { Nsg, Subnet } from '../../model/azure.js';
import { normalizeId, type Model } from '../../model/model.js';
import type { DerivedNode } from '../../derive/types.js';
import { nicByRef, nicOwning, type OwnedAddress } from '../../engines/dataplane/nics.js';

/**
 * A resolved target. `kind`: `node` (a derived node or a Kubernetes Node), `nic` (a VM NIC of the input, by VM or
 * NIC name or by its address), `ip` (an address inside a subnet that is no node and no NIC of the input), `subnet`
 * (a subnet by name or id: any address of it). `name`: node name, `VM (NIC)` / NIC name, address or subnet name as
 * resolved; `ip`: the node's, NIC's or given address (absent for a subnet); `nicNsg`: the NSG on the NIC (AKS nodes:
 * the AKS-managed node NSG; VM NICs: their own; otherwise absent = none modelled); `cluster`: the node's cluster name.
 */
export interface VmTarget {
  readonly ref: string;
  readonly kind: 'node' | 'nic' | 'ip' | 'subnet';
  readonly name: string;
  readonly subnet: Subnet;
  readonly ip?: Ip;
  readonly nicNsg?: Nsg;
  readonly cluster?: string;
}

/** JSON form of a target for answers: names and addresses as text. */
export interface VmTargetView {
  readonly kind: VmTarget['kind'];
  readonly name: string;
  readonly subnetId: string;
  readonly subnetName: string;
  readonly ip?: string;
  readonly nicNsgId?: string;
  readonly cluster?: string;
}

/** The JSON view of a target. */
export function targetView(t: VmTarget): VmTargetView {
  return {
    kind: t.kind, name: t.name, subnetId: t.subnet.id, subnetName: t.subnet.name,
    ...(t.ip ? { ip: formatIp(t.ip) } : {}), ...(t.nicNsg ? { nicNsgId: t.nicNsg.id } : {}), ...(t.cluster ? { cluster: t.cluster } : {}),
  };
}

function nodeTarget(model: Model, ref: string, node: DerivedNode): VmTarget | string {
  const cluster = model.clusters.find((c) => c.id === node.clusterId);
  const pool = cluster?.pools.find((p) => p.name === node.pool);
  const subnet = (pool?.vnetSubnetId ? model.subnets.find((s) => s.id === pool.vnetSubnetId) : undefined) ??
    (node.ip ? subnetContaining(model, node.ip) : undefined);
  if (!subnet) return `node ${node.name}: its subnet is not in the input`;
  const nicNsg = cluster ? aksManagedNsg(model, cluster) : undefined;
  return { ref, kind: 'node', name: node.name, subnet, ...(node.ip ? { ip: node.ip } : {}), ...(nicNsg ? { nicNsg } : {}),
    ...(cluster ? { cluster: cluster.name } : {}) };
}

function nicTarget(model: Model, ref: string, o: OwnedAddress): VmTarget | string {
  if (!o.subnet) return `NIC ${o.nic.name}: its subnet is not in the input`;
  return { ref, kind: 'nic', name: o.nic.vmName ? `${o.nic.vmName} (${o.nic.name})` : o.nic.name, subnet: o.subnet, ip: o.ip,
    ...(o.nsg ? { nicNsg: o.nsg } : {}) };
}

/**
 * Resolves `ref`: a node name (derived from the pools, or a Kubernetes Node with an address), a VM or NIC name
 * (`vm:<name>`, `nic:<name>` or bare), an IP address (the node or VM NIC with that address, else the subnet holding it), a subnet id, `vnet/subnet` or a subnet name. Returns the reason
 * when it cannot be resolved (unknown or ambiguous). Never throws.
 */
export function resolveTarget(model: Model, nodes: readonly DerivedNode[], ref: string): VmTarget | string {
  const r = String(ref).trim();
  if (r === '') return '--vm is empty';
  const lower = r.toLowerCase();
  const derived = nodes.find((n) => n.name.toLowerCase() === lower);
  if (derived) return nodeTarget(model, r, derived);
  const k8s = model.nodes.find((n) => n.name.toLowerCase() === lower);
  if (k8s) {
    if (!k8s.ip) return `node ${k8s.name} has no address in the input`;
    const subnet = subnetContaining(model, k8s.ip);
    if (!subnet) return `node ${k8s.name}: no subnet in the input holds ${formatIp(k8s.ip)}`;
    return { ref: r, kind: 'node', name: k8s.name, subnet, ip: k8s.ip };
  }
  const ip = parseIp(r);
  if (ip) {
    const byIp = nodes.find((n) => n.ip && n.ip.family === ip.family && n.ip.value === ip.value);
    if (byIp) return nodeTarget(model, r, byIp);
    const own = nicOwning(model, ip);
    if (own) return nicTarget(model, r, own);
    const subnet = subnetContaining(model, ip);
    if (!subnet) return `no subnet in the input holds ${formatIp(ip)}`;
    return { ref: r, kind: 'ip', name: formatIp(ip), subnet, ip };
  }
  const vm = nicByRef(model, r);
  if (typeof vm === 'string') return vm;
  if (vm) return nicTarget(model, r, vm);
  if (lower.startsWith('/subscriptions/')) {
    const s = model.subnets.find((x) => x.id === normalizeId(r));
    return s ? { ref: r, kind: 'subnet', name: s.name, subnet: s } : `subnet ${r} is not in the input`;
  }
  const [a, b] = lower.includes('/') ? lower.split('/', 2) : [undefined, lower];
  const matches = model.subnets.filter((s) => s.name.toLowerCase() === b &&
    (a === undefined || model.vnets.find((v) => v.id === s.vnetId)?.name.toLowerCase() === a || s.vnetId.endsWith(`/${a}`)));
  if (matches.length === 1) return { ref: r, kind: 'subnet', name: matches[0].name, subnet: matches[0] };
  if (matches.length > 1) return `subnet name ${r} is ambiguous (${matches.length} subnets); give vnet/subnet or the subnet id`;
  const known = nodes.slice(0, 3).map((n) => n.name);
  return `--vm ${r}: not a node, a VM or NIC, an address inside a subnet, or a subnet of the input` +
    (known.length ? ` (nodes: ${known.join(', ')}${nodes.length > 3 ? ', ...' : ''})` : '');
}
