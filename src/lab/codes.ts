// Diagnostic codes of the lab (AKS4800–4819): what the lab could not build, skipped, or saw differ from the simulator.

/** Every lab diagnostic code, by meaning. */
export const LAB_CODES = {
  /** The machine cannot run the lab: not root, or ip / iptables-restore / ipset / socat missing (exit 2). */
  REQUIREMENTS: 'AKS4800',
  /** The kernel has no SCTP: SCTP flows are not probed (listed, not counted). */
  NO_SCTP: 'AKS4801',
  /** A pod has no address or no node (IPAM could not place it): it gets no namespace and is not probed. */
  POD_SKIPPED: 'AKS4802',
  /** A hostNetwork pod lives in its node's namespace: it is not probed as a pod. */
  HOST_NETWORK_SKIPPED: 'AKS4803',
  /** An IPv6 pod or node address: the lab realises IPv4 only. */
  IPV6_SKIPPED: 'AKS4804',
  /** A user-defined route the lab realises approximately (next hop outside the lab → blackhole). */
  UDR_APPROXIMATED: 'AKS4805',
  /**
   * An NSG rule the lab's VNet filter realises approximately (a service tag or ASG with unknown addresses, invalid
   * entries, source ports the simulator cannot match); the diagnostic names the rule at its file:line:column.
   */
  NSG_RULE_APPROXIMATED: 'AKS4806',
  /** A command that builds the lab failed (the lab is torn down; the message has the command and its stderr). */
  COMMAND_FAILED: 'AKS4807',
  /** The kernel's verdict for a flow differs from the simulator's. */
  DISAGREEMENT: 'AKS4808',
  /** The rule compiler reported a problem for a node (its text is passed on). */
  COMPILE_NOTE: 'AKS4809',
  /** A Service could not be realised (no cluster IP, headless, no endpoints with addresses). */
  SERVICE_SKIPPED: 'AKS4810',
  /** The lab has nothing to probe (no pods with addresses, or no ports). */
  NOTHING_TO_PROBE: 'AKS4811',
  /** Listeners that were not bound when probing began (their probes are refused and disagree). */
  LISTENER_NOT_READY: 'AKS4812',
} as const;

/** One of the lab's diagnostic codes. */
export type LabCode = (typeof LAB_CODES)[keyof typeof LAB_CODES];
