// What the Kubernetes adapter remembers between documents of one run, until linkKubernetes turns it into model
// objects: workloads and pods are assembled only after every document is read, so owner references, real pods and
// the node count can be resolved whatever order the files come in.
import type { Ip } from '../../engines/net/index.js';
import type { ContainerPort, Labels, WorkloadKind } from '../../model/k8s.js';
import type { ModelBuilder } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';

/** The pod-level facts a pod template (or a Pod) declares. */
export interface PodTemplate {
  readonly labels: Labels;
  /** Container ports of all `containers` (init containers serve nothing and are left out). */
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /** spec.serviceAccountName (or the deprecated spec.serviceAccount); `default` when absent. */
  readonly serviceAccount: string;
  /** spec.nodeName; absent = not scheduled yet. */
  readonly nodeName?: string;
}

/** The controlling owner of an object (`ownerReferences[]` entry with `controller: true`). */
export interface OwnerRef {
  /** The owner's kind; '' when the reference does not say. */
  readonly kind: string;
  readonly name: string;
}

/** A controller read from a manifest (everything but a Pod). */
export interface WorkloadRecord {
  readonly namespace: string;
  readonly name: string;
  readonly kind: Exclude<WorkloadKind, 'Pod'>;
  /** Desired pod count (replicas / parallelism; 1 when absent). DaemonSets: 1, replaced by the node count at link. */
  readonly replicas: number;
  readonly template: PodTemplate;
  readonly owner?: OwnerRef;
  readonly origin: Origin;
}

/** A Pod manifest (a real pod, possibly owned by a controller). */
export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  readonly template: PodTemplate;
  readonly ip?: Ip;
  readonly hostIp?: Ip;
  readonly owner?: OwnerRef;
  readonly origin: Origin;
}

/** Per-run state of the Kubernetes adapter. */
export interface K8sState {
  /** `kind/namespace/name` → origin of the first object with that identity (duplicates are reported). */
  readonly seen: Map<string, Origin>;
  readonly workloads: WorkloadRecord[];
  readonly pods: PodRecord[];
  /** BaselineAdminNetworkPolicy origins in arrival order (there may be only one). */
  readonly banps: { name: string; origin: Origin }[];
}

const STATES = new WeakMap<ModelBuilder, K8sState>();

/** The state of the run that owns `builder` (created on first use). */
export function k8sState(builder: ModelBuilder): K8sState {
  let s = STATES.get(builder);
  if (!s) {
    s = { seen: new Map(), workloads: [], pods: [], banps: [] };
    STATES.set(builder, s);
  }
  return s;
}
