// Diagnostic codes of the NSG and route engines (AKS40xx: NSG entries, AKS41xx: routes). Stable: only add.

/** Every code the packet-layer engines report, with its meaning. */
export const PACKET_CODES = {
  /** An NSG rule names a service tag aksnet has no prefixes for (AzureMonitor, Storage.WestEurope, ...). Warning; the entry matches nothing. */
  UNKNOWN_SERVICE_TAG: 'AKS4001',
  /**
   * An NSG rule names an application security group some of whose members have addresses the input does not give
   * (dynamic NIC addresses before deployment, Terraform values known after apply, nodes without an address). Info;
   * the entry matches only the members with known addresses.
   */
  ASG_MEMBERSHIP_UNKNOWN: 'AKS4002',
  /** An NSG address entry is neither `*`, an IP, a CIDR nor a tag. Error; the entry matches nothing. */
  INVALID_ADDRESS_ENTRY: 'AKS4003',
  /** An NSG port entry is neither `*`, a port nor a `lo-hi` range of 0..65535. Error; the entry matches nothing. */
  INVALID_PORT_ENTRY: 'AKS4004',
  /** Two rules of one NSG share priority and direction (Azure rejects this). Error; they are ordered by name. */
  DUPLICATE_PRIORITY: 'AKS4005',
  /** A rule priority outside 100..4096. Warning; the rule is evaluated at its priority. */
  PRIORITY_OUT_OF_RANGE: 'AKS4006',
  /** A rule with no address and no ASG on one side matches nothing. Warning. */
  EMPTY_ADDRESS_LIST: 'AKS4007',
  /** An NSG rule names an application security group with no known member (no NIC or node pool of the input joins it). Info; the entry matches nothing. */
  ASG_NO_MEMBERS: 'AKS4008',
  /** An NSG rule names an application security group that is not in the input although the input gives ASGs. Warning; the entry matches nothing. */
  ASG_NOT_IN_INPUT: 'AKS4009',
  /** A user-defined route whose prefix is a service tag: it takes no part in offline route selection. Warning. */
  ROUTE_SERVICE_TAG: 'AKS4101',
  /** A VirtualAppliance route without a next-hop IP. Error; the route is listed but forwards nowhere. */
  ROUTE_MISSING_NEXT_HOP_IP: 'AKS4102',
} as const;
