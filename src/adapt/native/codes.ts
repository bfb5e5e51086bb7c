// Diagnostic codes of the native aksnet/v1 adapter (AKS120x). Field-level problems (bad CIDR, wrong type, unknown
// enum value) use the shared Azure codes of adapt/aks/codes.ts, since the same field readers report them.

/** Stable codes reported only by adapt/native. */
export const NATIVE_CODES = {
  /** `kind` is not Network or SelfManagedCluster, or `apiVersion` is not aksnet/v1. Error; the document is skipped. */
  UNKNOWN_KIND: 'AKS1200',
  /** A field the native format does not define. Warning; the field is ignored. */
  UNKNOWN_FIELD: 'AKS1201',
  /** A required field is missing (metadata.name, spec.network, spec.cni, pool count, ...). Error; what needs it is skipped. */
  MISSING_FIELD: 'AKS1202',
  /** A name refers to nothing: a subnet's routeTable / nsg inside its Network (the reference is dropped), or a
   *  cluster's cloudProvider.routeTableName naming no declared route table. Error. */
  DANGLING_NAME: 'AKS1203',
  /** Flags that make the CNI unable to route pods (no node CIDRs, no cloud routes). Warning. */
  INCONSISTENT: 'AKS1204',
} as const;
