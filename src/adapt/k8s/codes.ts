// Diagnostic codes of the Kubernetes adapter, with what each means. AKS13xx (1300-1349): input (manifest) problems;
// AKS31xx: policy input problems (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy).

/** Stable diagnostic codes reported by adapt/k8s. */
export const K8S_CODES = {
  /** A List item or document is not a Kubernetes object (no kind/apiVersion, not an object). */
  NOT_AN_OBJECT: 'AKS1300',
  /** metadata.name is missing or empty; the object is skipped. */
  MISSING_NAME: 'AKS1301',
  /** A field has the wrong JSON type (e.g. `ports: {}` where a list is expected); the field is ignored. */
  WRONG_TYPE: 'AKS1302',
  /** A recognised Calico/Cilium object that this adapter does not model (info; kept in `ignored`). */
  UNMODELLED_POLICY_CRD: 'AKS1303',
  /** Two objects of the same kind, namespace and name; the first one is kept, the later one is ignored. */
  DUPLICATE_OBJECT: 'AKS1304',
  /** A label key or value that the API server would reject. */
  INVALID_LABEL: 'AKS1305',
  /** An IP address field (podIP, hostIP, clusterIP, node address, endpoint) that does not parse. */
  INVALID_IP: 'AKS1306',
  /** A CIDR field outside policies (node podCIDRs, loadBalancerSourceRanges) that does not parse. */
  INVALID_CIDR: 'AKS1307',
  /** A field with a value outside its enumeration (Service type, trafficPolicy, pathType, ...). */
  UNKNOWN_VALUE: 'AKS1308',
  /** A container/Service/EndpointSlice port outside 1..65535. */
  PORT_OUT_OF_RANGE: 'AKS1309',
  /** A replica count that is not a non-negative integer. */
  INVALID_REPLICAS: 'AKS1310',
  /** An informational note about an approximation (DaemonSet pod count without nodes, ...). */
  NOTE: 'AKS1311',
  /** An unknown field in a workload or Pod manifest (e.g. `containerport`, field names are case-sensitive); warning,
   * the field is ignored, as kubectl's default field validation does. */
  UNKNOWN_MANIFEST_FIELD: 'AKS1312',
  /** A required field is missing (a container port without containerPort); warning, the entry is ignored. */
  MISSING_FIELD: 'AKS1313',
  /** A document that looks like a Kubernetes object (apiVersion, metadata or items) but has no kind; error. */
  MISSING_KIND: 'AKS1314',
  /** A kind the API group does not have (`Podgfg` in v1); error, the object is skipped (the API server rejects it). */
  UNKNOWN_KIND: 'AKS1315',
  /** An OpenShift Route that cannot be read (no target Service); the Route is skipped. */
  INVALID_ROUTE: 'AKS1316',
  /** A document that is no artefact aksnet reads, in a file of manifests given to matrix/can; error. */
  NOT_A_MANIFEST: 'AKS1317',
  /** A file given to matrix/can without any document aksnet reads; warning, the file is skipped. */
  NOT_A_MANIFEST_FILE: 'AKS1318',
  /** A selector with an unknown operator, or values that do not fit the operator; the selector matches nothing. */
  INVALID_SELECTOR: 'AKS3100',
  /** A policy port (or port range bound) outside 1..65535. */
  POLICY_PORT_OUT_OF_RANGE: 'AKS3101',
  /** endPort together with a named port, or without a port. */
  END_PORT_WITH_NAMED_PORT: 'AKS3102',
  /** endPort smaller than port / a port range whose start is after its end. */
  END_PORT_BEFORE_PORT: 'AKS3103',
  /** An ipBlock `except` entry that is not inside the block's cidr. */
  EXCEPT_OUTSIDE_CIDR: 'AKS3104',
  /** An ipBlock cidr / except / ANP network that is not a valid CIDR. */
  INVALID_POLICY_CIDR: 'AKS3105',
  /** A protocol other than TCP, UDP, SCTP. */
  UNKNOWN_PROTOCOL: 'AKS3106',
  /** A NetworkPolicy peer that sets ipBlock together with a selector, or sets nothing. */
  INVALID_PEER: 'AKS3107',
  /** An unknown field in a policy spec or rule; ignored (warning). */
  UNKNOWN_FIELD: 'AKS3108',
  /** A policyTypes entry other than Ingress/Egress. */
  UNKNOWN_POLICY_TYPE: 'AKS3109',
  /** Two AdminNetworkPolicies (or two ClusterNetworkPolicies of one tier) with the same priority. */
  DUPLICATE_PRIORITY: 'AKS3110',
  /** More than one BaselineAdminNetworkPolicy, or one not named `default`. */
  INVALID_BANP: 'AKS3111',
  /** ANP/CNP priority missing or outside 0..1000. */
  INVALID_PRIORITY: 'AKS3112',
  /** ANP/BANP/CNP subject missing, empty, or with more than one field. */
  INVALID_SUBJECT: 'AKS3113',
  /** ANP/BANP/CNP rule action missing or not allowed for this kind. */
  INVALID_ACTION: 'AKS3114',
  /** ANP/BANP/CNP rule with a missing or empty from/to, or a peer that does not set exactly one known field. */
  INVALID_ANP_PEER: 'AKS3115',
  /** ANP/BANP port entry that does not set exactly one of portNumber/portRange/namedPort (CNP: protocols entry). */
  INVALID_ANP_PORT: 'AKS3116',
  /** A named port where no named port can match (ipBlock / networks / nodes destinations); warning. */
  NAMED_PORT_WITHOUT_PODS: 'AKS3117',
  /** A peer type the model cannot represent (domainNames); warning, the peer is dropped. */
  UNSUPPORTED_PEER: 'AKS3118',
  /** A CIDR written with host bits set (10.0.0.5/24); warning, the block is used with host bits cleared. */
  CIDR_HOST_BITS: 'AKS3119',
  /** A named port that is not a valid IANA service name. */
  INVALID_PORT_NAME: 'AKS3120',
} as const;

/** One of the codes above. */
export type K8sCode = (typeof K8S_CODES)[keyof typeof K8S_CODES];
