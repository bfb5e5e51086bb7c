// What the Calico adapter keeps between documents of one run: tiers, labelled IP sets and the policies waiting for
// them; linkCalico turns the waiting policies into model policies once every document is read.
import type { Cidr } from '../../engines/net/index.js';
import type { Labels } from '../../model/k8s.js';
import type { ModelBuilder } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import type { NormalizedPolicy } from '../../model/policy.js';

/** A Tier: order (absent = after every ordered tier) and what its end does. */
export interface TierRecord {
  readonly name: string;
  readonly order?: number;
  readonly defaultAction: 'deny' | 'pass';
  readonly origin: Origin;
}

/** A labelled IP set: NetworkSet (namespaced), GlobalNetworkSet, or a HostEndpoint's expectedIPs. */
export interface LabelledSet {
  readonly kind: 'NetworkSet' | 'GlobalNetworkSet' | 'HostEndpoint';
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Labels;
  readonly cidrs: readonly Cidr[];
}

/** What a waiting policy needs at link time: the labelled sets with their selector labels, and the tiers. */
export interface CalicoEnv {
  /** Sets with the labels Calico selectors see on them (own labels, plus namespace and pcns.* for NetworkSets). */
  readonly sets: readonly { readonly set: LabelledSet; readonly labels: Labels }[];
  readonly tiers: ReadonlyMap<string, TierRecord>;
}

/** Per-run state of the Calico adapter. */
export interface CalicoState {
  readonly seen: Map<string, Origin>;
  readonly tiers: Map<string, TierRecord>;
  readonly sets: LabelledSet[];
  /** Policies finished at link time (they need every set and tier). */
  readonly pending: ((env: CalicoEnv) => NormalizedPolicy | undefined)[];
}

const STATES = new WeakMap<ModelBuilder, CalicoState>();

/** The state of the run that owns `builder`. */
export function calicoState(builder: ModelBuilder): CalicoState {
  let s = STATES.get(builder);
  if (!s) {
    s = { seen: new Map(), tiers: new Map(), sets: [], pending: [] };
    STATES.set(builder, s);
  }
  return s;
}
