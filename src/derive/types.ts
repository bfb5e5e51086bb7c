// Derived state: what the control plane would compute from the model (nodes, their addresses, pod addresses).
import type { Cidr, Ip } from '../engines/net/index.js';

/**
 * A node as AKS (or kube-controller-manager) would create it for a pool at its current count.
 * `podCidr`: the node's pod range (kubenet, overlay, self-managed node IPAM); absent when pods take VNet addresses.
 * `podSubnetId`: the subnet pod addresses come from (flat CNI: the node subnet; pod-subnet mode: the pod subnet).
 */
export interface DerivedNode {
  readonly name: string;
  readonly clusterId: string;
  readonly pool: string;
  readonly ip?: Ip;
  readonly podCidr?: Cidr;
  readonly podSubnetId?: string;
  readonly maxPods: number;
  readonly osType: 'Linux' | 'Windows';
}
