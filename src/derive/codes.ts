// Diagnostic codes of the address derivation (AKS2901–2919): what the simulated IPAM could not place. They are
// findings about the address design reported while deriving, not `check` rules (those are AKS20xx–AKS24xx). The
// Service derivation's codes (AKS42xx) are in derive/services.ts.

/** Diagnostic codes of pod IPAM (derive/pods.ts planPodAddresses). */
export const POD_IPAM_CODES = {
  /** A node's (or subnet's) pod range has no free address left for a pod placed there. Error; the pod gets no address. */
  EXHAUSTED: 'AKS2901',
  /** Every node is at maxPods: the pod cannot be scheduled. Error; the pod gets no node and no address. */
  NO_CAPACITY: 'AKS2902',
  /** A node has no pod range (no podCidr, unknown pod subnet); its pods get no address. Warning. */
  NO_RANGE: 'AKS2903',
} as const;
