// Diagnostic codes of `aksnet matrix` (AKS3600–3619): what the matrix could not analyse or had to approximate. Codes
// are stable: never renumber, only add.

/** Every code the matrix question (and its command) reports, with its meaning. */
export const MATRIX_CODES = {
  /** An Ingress (or Route) backend names a Service that is not in the input. Warning; that backend is not analysed. */
  INGRESS_BACKEND_MISSING: 'AKS3601',
  /** An Ingress backend Service has no selector: its endpoints are not modelled for ingress analysis. Warning. */
  INGRESS_BACKEND_NO_SELECTOR: 'AKS3602',
  /** The policy engine was built without the synthetic ingress-controller pod: Ingress connections assume no policy restricts them. Info. */
  INGRESS_CONTROLLER_NOT_IN_ENGINE: 'AKS3603',
  /** An Ingress routes to a peer whose policies block ingress from an arbitrary in-cluster source; the connection is not listed. Warning. */
  INGRESS_BLOCKED_BY_POLICY: 'AKS3604',
  /** The cluster has no network policy engine: the matrix shows upstream semantics as if its policies were enforced. Warning. */
  POLICY_NOT_ENFORCED: 'AKS3605',
  /** IPv6 external ranges are left out of the connlist formats (netpol-analyzer ignores IPv6). Info. */
  CONNLIST_IPV6_OMITTED: 'AKS3606',
  /**
   * Pods of one workload differ in labels a policy selector tells apart: a per-workload row would be wrong for some
   * of them. Error for `--by workload` / `--by namespace` (netpol-analyzer rejects such input too); `--by pod` is exact.
   */
  LABELS_GAP: 'AKS3607',
} as const;

/** One of the matrix codes. */
export type MatrixCode = (typeof MATRIX_CODES)[keyof typeof MATRIX_CODES];
