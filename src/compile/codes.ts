// Diagnostic codes of `aksnet compile` (AKS3700–3719).

/** Diagnostic codes of the compilers. */
export const COMPILE_CODES = {
  /** The node named is neither a derived node nor a Kubernetes Node, nor a node any pod is placed on. */
  UNKNOWN_NODE: 'AKS3700',
  /** An IPv6 peer, pod or port cannot be programmed (Azure NPM: IPv4 only; aksnet compiles IPv4 only). */
  IPV6_SKIPPED: 'AKS3701',
  /** A peer kind the engine has no dataplane form for (Cilium entities under Calico or NPM): it matches nothing. */
  PEER_UNSUPPORTED: 'AKS3702',
  /** Policies of dialects the engine ignores are not compiled. */
  POLICY_IGNORED: 'AKS3703',
  /** A pod of the node has no address: it has no rules. */
  POD_WITHOUT_IP: 'AKS3704',
  /** The interface name given for a pod is not a valid Linux interface name. */
  BAD_INTERFACE: 'AKS3705',
} as const;
