// Diagnostic codes of the Cilium adapter (AKS3230–AKS3249), with what each means.

/** Stable diagnostic codes reported by adapt/cilium. */
export const CILIUM_CODES = {
  /** L7 rules (`toPorts[].rules`, serverNames, listener), `toFQDNs`, `toServices`, `toGroups`: need Advanced Container Networking Services on AKS; not evaluated. */
  NEEDS_ACNS: 'AKS3230',
  /** A field aksnet does not model (nodeSelector host policies, fromRequires, cidrGroupRef, icmps, authentication); how it is treated is in the message. */
  NOT_MODELLED: 'AKS3231',
  /** An unknown entity name. */
  UNKNOWN_ENTITY: 'AKS3232',
  /** An invalid port, endPort or protocol in toPorts. */
  INVALID_PORT: 'AKS3233',
  /** An invalid CIDR in fromCIDR/toCIDR/CIDRSet. */
  INVALID_CIDR: 'AKS3234',
  /** An invalid endpoint selector (unknown operator, wrong types); it selects nothing. */
  INVALID_SELECTOR: 'AKS3235',
  /** An object without a name, or without spec/specs, or with both; skipped. */
  INVALID_OBJECT: 'AKS3236',
  /** Two objects of one kind with the same namespace and name; the later one is ignored. */
  DUPLICATE: 'AKS3237',
  /** A CiliumNetworkPolicy endpointSelector naming another namespace (Cilium ignores it and keeps the policy's own). */
  FOREIGN_NAMESPACE: 'AKS3238',
} as const;
