// The nodes AKS (or kube-controller-manager) would create at current counts, with their addresses.
import { cidrHostIp, cidrSubnet, parseCidr, type Cidr, type Ip } from '../engines/net/index.js';
import type { Cluster, NodePool } from '../model/azure.js';
import { AZURE_SUBNET_RESERVED_IPS, MANAGED_VNET_SUBNET } from '../model/facts.js';
import type { Model } from '../model/model.js';
import { managedSubnetId, poolIpam, subnetIpv4Prefix } from './demand.js';
import { poolScale } from './scale.js';
import type { DerivedNode } from './types.js';

/** Azure keeps the first four addresses of a subnet (network, gateway, two DNS); the first node gets the fifth. */
const FIRST_HOST_OFFSET = BigInt(AZURE_SUBNET_RESERVED_IPS.value - 1);

/**
 * The node name AKS gives the `index`-th (0-based) VMSS instance of a pool: `aks-<pool>-00000000-vmss<6 base-36
 * digits>`. The real middle part is a hash of the cluster; aksnet writes zeros so names are stable. Self-managed
 * nodes are `<pool>-<index>`.
 */
export function derivedNodeName(cluster: Cluster, pool: NodePool, index: number): string {
  if (cluster.kind === 'self-managed') return `${pool.name}-${index}`;
  return `aks-${pool.name}-00000000-vmss${index.toString(36).padStart(6, '0')}`;
}

/** Where the next node address of one subnet comes from; shared by every pool and cluster using the subnet. */
interface Cursor {
  readonly cidr?: Cidr;
  next: bigint;
}

/**
 * Nodes AKS would create at current counts, with node IPs from the node subnet (first usable addresses in order) and
 * pod CIDRs / pod subnets.
 * - Clusters in model order, pools in their order, `count` nodes each; a subnet shared by several pools or clusters
 *   hands out addresses in that order.
 * - Flat Azure CNI: each node takes its primary address followed by maxPods pod addresses, so consecutive nodes are
 *   maxPods + 1 addresses apart. Other modes: consecutive addresses.
 * - `ip` is absent when the subnet is not in the input (or has no IPv4 prefix) or is full.
 * - `podCidr`: kubenet, overlay and self-managed clusters with a pod CIDR get consecutive blocks of
 *   nodeCidrMaskSize (overlay: /24) from the IPv4 pod CIDR, in node order; absent when the range is exhausted.
 * - `podSubnetId`: flat CNI: the node subnet; pod-subnet mode: the pool's pod subnet; else absent.
 */
export function deriveNodes(model: Model): DerivedNode[] {
  const subnets = new Map(model.subnets.map((s) => [s.id, s]));
  const cursors = new Map<string, Cursor>();
  const out: DerivedNode[] = [];
  const managed = parseCidr(MANAGED_VNET_SUBNET.value)?.cidr;
  for (const cluster of model.clusters) {
    const podCidr = cluster.podCidrs.find((c) => c.family === 4);
    const carvesPodCidr = podCidr !== undefined &&
      (cluster.networkMode === 'kubenet' || cluster.networkMode === 'azure-cni-overlay' || cluster.networkMode === 'self-managed');
    let podIndex = 0n;
    for (const pool of cluster.pools) {
      const subnetKey = pool.vnetSubnetId ?? managedSubnetId(cluster.id);
      let cursor = cursors.get(subnetKey);
      if (!cursor) {
        const subnet = pool.vnetSubnetId ? subnets.get(pool.vnetSubnetId) : undefined;
        const cidr = pool.vnetSubnetId ? (subnet ? subnetIpv4Prefix(subnet) : undefined) : managed;
        cursor = { cidr, next: FIRST_HOST_OFFSET };
        cursors.set(subnetKey, cursor);
      }
      const ipam = poolIpam(cluster, pool);
      const step = ipam === 'flat' ? BigInt(Math.max(0, Math.floor(pool.maxPods)) + 1) : 1n;
      const { nodesNow } = poolScale(pool);
      for (let i = 0; i < nodesNow; i++) {
        const ip = nodeIp(cursor, step);
        let nodePod: Cidr | undefined;
        if (carvesPodCidr && podCidr) {
          const mask = cluster.networkMode === 'azure-cni-overlay' ? 24 : cluster.nodeCidrMaskSize;
          nodePod = cidrSubnet(podCidr, mask, podIndex);
          podIndex++;
        }
        const podSubnetId = ipam === 'flat' ? pool.vnetSubnetId ?? managedSubnetId(cluster.id)
          : ipam === 'node-ip-only' ? undefined : pool.podSubnetId;
        out.push({
          name: derivedNodeName(cluster, pool, i),
          clusterId: cluster.id,
          pool: pool.name,
          ...(ip ? { ip } : {}),
          ...(nodePod ? { podCidr: nodePod } : {}),
          ...(podSubnetId ? { podSubnetId } : {}),
          maxPods: pool.maxPods,
          osType: pool.osType,
        });
      }
    }
  }
  return out;
}

/** The next node address of a subnet, leaving room for `step` addresses (the node and its flat-CNI pods). */
function nodeIp(cursor: Cursor, step: bigint): Ip | undefined {
  if (!cursor.cidr) return undefined;
  const offset = cursor.next;
  cursor.next += step;
  // The last address is reserved (broadcast); the whole step must fit below it.
  const size = 1n << BigInt(32 - cursor.cidr.prefix);
  if (offset + step > size - 1n) return undefined;
  return cidrHostIp(cursor.cidr, offset);
}
