// Per-run state of the Azure adapters: node pools read apart from their cluster (az aks nodepool list, Terraform
// node-pool resources, ARM agentPools child resources) and clusters that wait for them, resolved by linkAzure.
import type { AdaptContext } from '../context.js';
import type { ConvertOptions } from './arm-shape.js';
import type { Fields } from './fields.js';

/** A node pool read on its own, waiting for its cluster (lower-cased id). */
export interface PendingPool {
  readonly pool: Fields;
  readonly clusterId: string;
  readonly opts: ConvertOptions;
}

/** A cluster read without any embedded pool: built at link time with the pools that name it. */
export interface DeferredCluster {
  readonly cluster: Fields;
  readonly id: string;
  readonly opts: ConvertOptions;
}

/** What the converter remembers of a cluster it built, to apply the same defaults to pools that come later. */
export interface ClusterConvertInfo {
  readonly opts: ConvertOptions;
}

/** Shared state of one adapt run (one per AdaptContext). */
export interface AzureAdaptState {
  readonly pendingPools: PendingPool[];
  readonly deferredClusters: DeferredCluster[];
  readonly clusterInfo: Map<string, ClusterConvertInfo>;
}

const states = new WeakMap<AdaptContext, AzureAdaptState>();

/** The state of `ctx`, created on first use. */
export function azureState(ctx: AdaptContext): AzureAdaptState {
  let s = states.get(ctx);
  if (!s) {
    s = { pendingPools: [], deferredClusters: [], clusterInfo: new Map() };
    states.set(ctx, s);
  }
  return s;
}
