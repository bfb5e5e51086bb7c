// Pod addresses: what the cluster's IPAM would hand out. Pods that report an address keep it; hostNetwork pods use
// their node's address; every other pod is placed on a node and takes the next free address of that node's range.
import { type Cidr, type Ip, cidrContainsIp, cidrFirst, cidrLast, formatCidr, makeIp, parseCidr } from '../engines/net/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { DEFAULT_MAX_PODS, DEFAULT_NODE_COUNT, DEFAULT_POD_CIDR, DEFAULT_NODE_CIDR_MASK_V4, MANAGED_VNET_SUBNET } from '../model/facts.js';
import type { Pod } from '../model/k8s.js';
import { type Model, normalizeId } from '../model/model.js';
import { POD_IPAM_CODES } from './codes.js';
import type { DerivedNode } from './types.js';
import { byKey, compareByName } from '../model/compare.js';

/**
 * Addresses skipped at the start of a node's pod CIDR: the network address and the bridge (kubenet's cbr0 takes .1),
 * so the first pod of a node gets .2. The last address (IPv4 broadcast) is skipped too. Chosen to match kubenet's
 * host-local IPAM; overlay would also hand out .1, a difference of one address per node.
 */
export const POD_CIDR_SKIP_START = 2n;

/**
 * Addresses Azure reserves at the start of every subnet (network, gateway, two DNS); the last one (broadcast) is
 * reserved too. Pods taking VNet addresses (flat CNI, pod subnet) start after these.
 */
export const SUBNET_SKIP_START = 4n;

/**
 * Where virtual nodes get their own addresses when no cluster artefact gives nodes: the AKS-managed VNet subnet
 * (facts MANAGED_VNET_SUBNET), after the Azure-reserved addresses. Virtual node i is named `node-<i>`.
 */
export const VIRTUAL_NODE_SUBNET = MANAGED_VNET_SUBNET.value;

/** Pods per virtual node (the self-managed/upstream kubelet default, facts DEFAULT_MAX_PODS). */
export const VIRTUAL_NODE_MAX_PODS = DEFAULT_MAX_PODS.value['self-managed'];

/** The IPAM outcome: every pod (sorted by namespace/name) with the addresses it got, and what could not be done. */
export interface PodAddressPlan {
  /** All pods of the model, in model order, with `ip`, `hostIp` and `nodeName` filled where IPAM could. */
  readonly pods: Pod[];
  /** The nodes pods were placed on (the given nodes, the model's Node objects, or virtual nodes). */
  readonly nodes: readonly PlacementNode[];
  /** Address-design findings (AKS23xx): exhausted ranges, full nodes, nodes without a pod range. */
  readonly diagnostics: Diagnostic[];
}

/** A node as the placement sees it: name, own address, where its pods' addresses come from, and capacity. */
export interface PlacementNode {
  readonly name: string;
  readonly ip?: Ip;
  /** The range pod addresses come from: a per-node pod CIDR, or a (shared) subnet; absent = none known. */
  readonly range?: { readonly kind: 'pod-cidr'; readonly cidr: Cidr } | { readonly kind: 'subnet'; readonly id: string; readonly cidr: Cidr };
  readonly maxPods: number;
  /** True when aksnet invented the node (no cluster artefact and no Node objects). */
  readonly virtual: boolean;
}

/** Diagnostic codes of pod IPAM (defined in derive/codes.ts). */
export { POD_IPAM_CODES } from './codes.js';

/** Returns the model's pods with addresses assigned (see planPodAddresses). */
export function assignPodAddresses(model: Model, nodes: readonly DerivedNode[]): Pod[] {
  return planPodAddresses(model, nodes).pods;
}

class Allocator {
  private cursor: bigint;
  private readonly used = new Set<bigint>();
  constructor(readonly cidr: Cidr, lo: bigint, private readonly hi: bigint) {
    this.cursor = lo;
  }
  reserve(ip: Ip): void {
    if (cidrContainsIp(this.cidr, ip)) this.used.add(ip.value);
  }
  next(): Ip | undefined {
    while (this.cursor <= this.hi && this.used.has(this.cursor)) this.cursor++;
    if (this.cursor > this.hi) return undefined;
    const v = this.cursor++;
    this.used.add(v);
    return makeIp(this.cidr.family, v);
  }
}

function podCidrAllocator(c: Cidr): Allocator {
  const last = cidrLast(c) - (c.family === 4 ? 1n : 0n);
  return new Allocator(c, cidrFirst(c) + POD_CIDR_SKIP_START, last);
}

function subnetAllocator(c: Cidr): Allocator {
  return new Allocator(c, cidrFirst(c) + SUBNET_SKIP_START, cidrLast(c) - 1n);
}

/**
 * Places and addresses pods, deterministically:
 * 1. Nodes: `nodes` (derived from the cluster artefact) when given; else the model's Node objects (their first pod
 *    CIDR); else virtual nodes — one per node name the pods mention, then `node-<i>` up to
 *    max(facts.DEFAULT_NODE_COUNT, pods / VIRTUAL_NODE_MAX_PODS), with the i-th /24 of facts.DEFAULT_POD_CIDR and
 *    addresses from VIRTUAL_NODE_SUBNET.
 * 2. Pods in namespace/name order. A pod with `ip` keeps it (its address is reserved in whichever range holds it).
 *    A pod with `nodeName` of a known node goes there; the others go round-robin over the nodes sorted by name,
 *    skipping nodes at maxPods.
 * 3. hostNetwork pods take the node's address; others the next free address of the node's range: a pod CIDR from
 *    .2 (POD_CIDR_SKIP_START), or the pod subnet shared by its nodes after the Azure-reserved addresses, skipping node
 *    addresses. An exhausted range or a full cluster is a diagnostic; the pod is left without an address.
 */
export function planPodAddresses(model: Model, nodes: readonly DerivedNode[]): PodAddressPlan {
  const diagnostics: Diagnostic[] = [];
  const placement = placementNodes(model, nodes);
  const sortedNodes = [...placement].sort(compareByName);
  const byName = new Map(sortedNodes.map((n) => [n.name, n]));

  // One allocator per pod CIDR (per node) or per subnet (shared by the nodes using it).
  const allocators = new Map<string, Allocator>();
  const allocatorOf = (n: PlacementNode): Allocator | undefined => {
    if (!n.range) return undefined;
    const k = n.range.kind === 'subnet' ? `subnet:${n.range.id}` : `node:${n.name}`;
    let a = allocators.get(k);
    if (!a) {
      a = n.range.kind === 'subnet' ? subnetAllocator(n.range.cidr) : podCidrAllocator(n.range.cidr);
      allocators.set(k, a);
    }
    return a;
  };
  for (const n of sortedNodes) {
    const a = allocatorOf(n);
    for (const m of sortedNodes) if (a && m.ip) a.reserve(m.ip);
  }
  const podKey = (p: Pod): string => `${p.namespace}/${p.name}`;
  const order = [...model.pods].sort(byKey(podKey));
  for (const p of order) if (p.ip) for (const a of allocators.values()) a.reserve(p.ip);

  const load = new Map<string, number>(sortedNodes.map((n) => [n.name, 0]));
  for (const p of order) if (p.nodeName && load.has(p.nodeName)) load.set(p.nodeName, (load.get(p.nodeName) ?? 0) + 1);

  const result = new Map<string, Pod>();
  let rr = 0;
  const reportedRange = new Set<string>();
  for (const p of order) {
    let node = p.nodeName ? byName.get(p.nodeName) : undefined;
    if (!node) {
      for (let tries = 0; tries < sortedNodes.length && !node; tries++) {
        const cand = sortedNodes[(rr + tries) % sortedNodes.length] as PlacementNode;
        if ((load.get(cand.name) ?? 0) < cand.maxPods) {
          node = cand;
          rr = (rr + tries + 1) % sortedNodes.length;
        }
      }
      if (node) load.set(node.name, (load.get(node.name) ?? 0) + 1);
    }
    if (!node) {
      if (!p.ip) {
        diagnostics.push({
          code: POD_IPAM_CODES.NO_CAPACITY, severity: 'error', origin: p.origin, resource: `Pod/${podKey(p)}`,
          message: `pod ${podKey(p)} cannot be placed: every node is at maxPods`,
          hint: 'add nodes or raise maxPods',
        });
      }
      result.set(podKey(p), p);
      continue;
    }
    const hostIp = p.hostIp ?? node.ip;
    let ip = p.ip;
    if (!ip && p.hostNetwork) ip = hostIp;
    if (!ip) {
      const a = allocatorOf(node);
      if (!a) {
        if (!reportedRange.has(node.name)) {
          reportedRange.add(node.name);
          diagnostics.push({
            code: POD_IPAM_CODES.NO_RANGE, severity: 'warning', origin: p.origin, resource: `Node/${node.name}`,
            message: `node ${node.name} has no known pod address range; its pods get no address`,
            hint: 'give the cluster artefact (pod CIDR or pod subnet) or Node objects with spec.podCIDRs',
          });
        }
      } else {
        ip = a.next();
        if (!ip) {
          diagnostics.push({
            code: POD_IPAM_CODES.EXHAUSTED, severity: 'error', origin: p.origin, resource: `Pod/${podKey(p)}`,
            message: `pod ${podKey(p)} on node ${node.name}: no free address left in ${formatCidr(a.cidr)}`,
            hint: 'a larger pod range (CIDR mask / subnet) or fewer pods per node',
          });
        }
      }
    }
    result.set(podKey(p), {
      ...p,
      ...(ip ? { ip } : {}),
      ...(hostIp ? { hostIp } : {}),
      nodeName: node.name,
    });
  }
  return { pods: model.pods.map((p) => result.get(podKey(p)) ?? p), nodes: sortedNodes, diagnostics };
}

function placementNodes(model: Model, nodes: readonly DerivedNode[]): PlacementNode[] {
  if (nodes.length > 0) {
    const subnets = new Map(model.subnets.map((s) => [normalizeId(s.id), s]));
    return nodes.map((n) => {
      let range: PlacementNode['range'];
      if (n.podCidr) range = { kind: 'pod-cidr', cidr: n.podCidr };
      else if (n.podSubnetId) {
        const s = subnets.get(normalizeId(n.podSubnetId));
        const c = s?.prefixes.find((x) => x.family === 4) ?? s?.prefixes[0];
        if (c) range = { kind: 'subnet', id: normalizeId(n.podSubnetId), cidr: c };
      }
      return { name: n.name, ...(n.ip ? { ip: n.ip } : {}), ...(range ? { range } : {}), maxPods: n.maxPods, virtual: false };
    });
  }
  if (model.nodes.length > 0) {
    return model.nodes.map((n) => {
      const c = n.podCidrs.find((x) => x.family === 4) ?? n.podCidrs[0];
      return {
        name: n.name, ...(n.ip ? { ip: n.ip } : {}), ...(c ? { range: { kind: 'pod-cidr' as const, cidr: c } } : {}),
        maxPods: VIRTUAL_NODE_MAX_PODS, virtual: false,
      };
    });
  }
  return virtualNodes(model);
}

/** Virtual nodes for a model without any node source (see planPodAddresses, step 1). */
export function virtualNodes(model: Model): PlacementNode[] {
  const podCidr = parseCidr(DEFAULT_POD_CIDR.value)?.cidr;
  const nodeSubnet = parseCidr(VIRTUAL_NODE_SUBNET)?.cidr;
  if (!podCidr || !nodeSubnet) return [];
  const mask = DEFAULT_NODE_CIDR_MASK_V4.value;
  const maxNodes = Number(1n << BigInt(Math.max(0, mask - podCidr.prefix)));
  const mentioned = [...new Set(model.pods.map((p) => p.nodeName).filter((n): n is string => !!n))].sort();
  const wanted = Math.max(DEFAULT_NODE_COUNT.value, Math.ceil(model.pods.length / VIRTUAL_NODE_MAX_PODS), mentioned.length);
  const names = [...mentioned];
  for (let i = 0; names.length < Math.min(wanted, maxNodes); i++) if (!names.includes(`node-${i}`)) names.push(`node-${i}`);
  names.sort();
  const sizeBits = BigInt(32 - mask);
  return names.map((name, i) => {
    const cidr: Cidr = { family: 4, base: podCidr.base + (BigInt(i) << sizeBits), prefix: mask };
    const ip = makeIp(4, nodeSubnet.base + SUBNET_SKIP_START + BigInt(i));
    return { name, ...(ip ? { ip } : {}), range: { kind: 'pod-cidr' as const, cidr }, maxPods: VIRTUAL_NODE_MAX_PODS, virtual: true };
  });
}

