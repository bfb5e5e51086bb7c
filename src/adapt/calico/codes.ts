// Diagnostic codes of the Calico adapter (AKS3200–AKS3229), with what each means.

/** Stable diagnostic codes reported by adapt/calico. */
export const CALICO_CODES = {
  /** A selector that does not parse; the message gives the problem and the origin the column inside the string. */
  INVALID_SELECTOR: 'AKS3200',
  /** `global()` where Calico rejects it (anywhere but a whole rule namespaceSelector). */
  GLOBAL_NOT_ALLOWED: 'AKS3201',
  /** An action other than Allow, Deny, Log, Pass; the rule is dropped (Allow-like) or denies (fail closed). */
  INVALID_ACTION: 'AKS3202',
  /** A protocol Calico does not know, or a numeric port without protocol TCP/UDP/SCTP. */
  INVALID_PROTOCOL: 'AKS3203',
  /** A port that is not a number, a range `a:b` with a ≤ b, or a port name. */
  INVALID_PORT: 'AKS3204',
  /** A CIDR in nets/notNets or a NetworkSet that does not parse. */
  INVALID_CIDR: 'AKS3205',
  /** A field aksnet does not model (source ports, criteria on the policy's own endpoint, services, http, ICMP); how it is treated is in the message. */
  NOT_MODELLED: 'AKS3206',
  /** A policy in a tier no Tier object defines (Calico rejects it); it is evaluated in a tier without order that denies at its end. */
  UNKNOWN_TIER: 'AKS3207',
  /** Two objects of one kind with the same namespace and name; the later one is ignored. */
  DUPLICATE: 'AKS3208',
  /** An object without metadata.name or with a wrong-typed spec; skipped. */
  INVALID_OBJECT: 'AKS3209',
  /** A selector longer than Calico accepts (1,024 characters); it is still evaluated. */
  SELECTOR_TOO_LONG: 'AKS3210',
  /** A Calico kind aksnet reads but does not evaluate (Profile, HostEndpoint policy, preDNAT/doNotTrack policy, staged policies): info. */
  NOT_EVALUATED: 'AKS3211',
  /** A types entry other than Ingress/Egress. */
  INVALID_TYPE: 'AKS3212',
} as const;
