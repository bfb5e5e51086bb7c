// The typed answer of `aksnet matrix`: allowed connection sets between peers. Renderers turn it into tables,
// connlist text/JSON, CSV, Markdown, DOT or Mermaid; `diff` can compare two of them generically.
import type { ConnSet, IpFamily, L4Protocol } from '../../engines/net/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { WorkloadKind } from '../../model/k8s.js';

/** The unit a matrix row or column stands for. */
export type MatrixGranularity = 'pod' | 'workload' | 'namespace';

/**
 * One row/column of the matrix.
 * - `external`: a maximal range of addresses outside the cluster that every policy treats alike
 *   (inclusive bounds; ranges split at every CIDR boundary a policy mentions).
 * - `ingress-controller`: the synthetic source of Ingress/Route traffic (netpol-analyzer's `{ingress-controller}`).
 */
export type MatrixPeer =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'workload'; readonly namespace: string; readonly name: string; readonly workloadKind: WorkloadKind }
  | { readonly kind: 'namespace'; readonly name: string }
  | { readonly kind: 'external'; readonly family: IpFamily; readonly lo: bigint; readonly hi: bigint }
  | { readonly kind: 'ingress-controller' };

/** The connections allowed from `from` to `to` (possibly none). */
export interface MatrixEntry {
  readonly from: MatrixPeer;
  readonly to: MatrixPeer;
  readonly conns: ConnSet;
}

/**
 * The whole answer. `entries` holds every ordered pair of distinct in-cluster `peers` (pods, workloads or
 * namespaces), each external range paired with every in-cluster peer in the direction(s) it was listed for, and
 * `{ingress-controller}` → every in-cluster peer; never external ↔ external, never anything → the ingress controller.
 * An entry with an empty `conns` means nothing is allowed.
 */
export interface MatrixAnswer {
  readonly by: MatrixGranularity;
  readonly engine: string;
  readonly peers: readonly MatrixPeer[];
  readonly entries: readonly MatrixEntry[];
  readonly diagnostics: readonly Diagnostic[];
  /** The (protocol, port) pairs truth tables and per-port entries are printed for (sorted; empty = none declared). */
  readonly probes?: readonly MatrixProbe[];
}

/** One (protocol, port) the truth tables and the per-port JSON entries are evaluated for. */
export interface MatrixProbe {
  readonly protocol: L4Protocol;
  readonly port: number;
}

/**
 * Parameters of `matrix`.
 * - `by`: the granularity of rows/columns.
 * - `ports` / `protocols`: what `probes` are built from (see `resolveProbes`); absent = every declared container port
 *   with its declared protocol.
 * - `external`: whether external address ranges are peers (default: true for `workload`, false for `pod` and
 *   `namespace`). Ranges are listed per direction: traffic from outside is split only at CIDRs of ingress rules,
 *   traffic to outside only at CIDRs of egress rules (as netpol-analyzer prints them), so one range may appear
 *   only as a source or only as a destination.
 * - `ingressController`: whether `{ingress-controller}` entries (Ingress → Service → workloads) are computed
 *   (default: true for `workload`).
 */
export interface MatrixParams {
  readonly by: MatrixGranularity;
  readonly ports?: readonly number[];
  readonly protocols?: readonly L4Protocol[];
  readonly external?: boolean;
  /** Address families of the external ranges listed; absent = every family the engine's atoms cover. */
  readonly externalFamilies?: readonly IpFamily[];
  readonly ingressController?: boolean;
}
