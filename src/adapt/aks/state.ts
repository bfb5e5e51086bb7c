// Per-run state of the Azure adapters: node pools read apart from their cluster (az aks nodepool list, Terraform
// node-pool resources, ARM agentPools child resources) and clusters that wait for them, resolved by linkAzure.
import type { Origin } from '../../model/origin.js';
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
  /** The node resource group (as given, or AKS's MC_<rg>_<cluster>_<location>): where AKS creates its own objects. */
  readonly nodeResourceGroup?: string;
}

/**
 * A reference to a route table by a field that is not a subnet's (a self-managed cluster's
 * `cloudProvider.routeTableName`), checked once every document is read: `id` is the table it names, `origin` the
 * field, `what` how the message names the referrer, `code` and `hint` what to report when the table is missing.
 */
export interface RouteTableRef {
  readonly id: string;
  readonly origin: Origin;
  readonly what: string;
  readonly code: string;
  readonly hint: string;
}

/** Shared state of one adapt run (one per AdaptContext). */
export interface AzureAdaptState {
  readonly pendingPools: PendingPool[];
  readonly deferredClusters: DeferredCluster[];
  readonly clusterInfo: Map<string, ClusterConvertInfo>;
  /** Route-table references to check at link time (reported as errors when the table is not in the input). */
  readonly routeTableRefs: RouteTableRef[];
}

const states = new WeakMap<AdaptContext, AzureAdaptState>();

/** The state of `ctx`, created on first use. */
export function azureState(ctx: AdaptContext): AzureAdaptState {
  let s = states.get(ctx);
  if (!s) {
    s = { pendingPools: [], deferredClusters: [], clusterInfo: new Map(), routeTableRefs: [] };
    states.set(ctx, s);
  }
  return s;
}
