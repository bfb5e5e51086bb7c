// Diagnostic codes of the Azure adapters (az JSON, ARM templates and the shared ARM-shape converter).
// AKS11xx: fields of Azure objects; AKS112x: references between them (link); AKS113x-114x: ARM templates;
// AKS115x: az JSON documents. Codes are stable: never renumber, only add.

/** Every code the Azure adapters report, with its meaning. */
export const AZ_CODES = {
  /** A CIDR field does not parse (`10.0.0.0/33`, `abc`). Severity error; the value is ignored. */
  INVALID_CIDR: 'AKS1101',
  /** A CIDR has host bits set (`10.0.0.5/24`); Azure rejects or normalises it. Severity warning; the block is used. */
  HOST_BITS_SET: 'AKS1102',
  /** An enumerated field has a value outside the allowed set. Severity error; the default is used. */
  UNKNOWN_ENUM: 'AKS1103',
  /** A count / number field is not a non-negative integer. Severity error; the default is used. */
  INVALID_NUMBER: 'AKS1104',
  /** `upgradeSettings.maxSurge` is neither an integer nor a percentage. Severity error; the default is used. */
  INVALID_MAX_SURGE: 'AKS1105',
  /** A field the schema does not know (networkProfile, agent pools). Severity warning; the field is ignored. */
  UNKNOWN_FIELD: 'AKS1106',
  /** A field has the wrong JSON type (object expected, got string, ...). Severity error; the field is ignored. */
  WRONG_TYPE: 'AKS1107',
  /** An IP address field does not parse. Severity error; the value is ignored. */
  INVALID_IP: 'AKS1108',
  /** A required field (name) is missing: the object is skipped. Severity error. */
  MISSING_FIELD: 'AKS1109',
  /** A resource id does not have the ARM shape expected for its field. Severity warning; it is kept as written. */
  INVALID_ID: 'AKS1110',
  /** Two fields contradict each other (podCidr on a node-subnet cluster, ...). Severity warning. */
  INCONSISTENT: 'AKS1111',
  /** A pool references a subnet that is not in the input. Severity warning. */
  DANGLING_SUBNET: 'AKS1120',
  /** A subnet's VNet is not in the input. Severity info. */
  MISSING_VNET: 'AKS1121',
  /** A route table or NSG is referenced but not in the input. Severity info. */
  MISSING_ATTACHMENT: 'AKS1122',
  /** Node pools (az aks nodepool list) whose cluster is not in the input: AKS defaults are assumed. Warning. */
  POOLS_WITHOUT_CLUSTER: 'AKS1123',
  /** ARM expression uses a function aksnet does not evaluate; the value is unknown. Warning. */
  ARM_UNSUPPORTED_FUNCTION: 'AKS1130',
  /** ARM expression does not parse. Error; the value is unknown. */
  ARM_SYNTAX: 'AKS1131',
  /** `parameters('x')` names no declared parameter, or the parameter has no value. Error. */
  ARM_UNKNOWN_PARAMETER: 'AKS1132',
  /** `variables('x')` names no variable, or variables refer to each other in a cycle. Error. */
  ARM_UNKNOWN_VARIABLE: 'AKS1133',
  /** A `copy` loop: not expanded, the resource is read once. Warning. */
  ARM_COPY_UNSUPPORTED: 'AKS1134',
  /** A function got arguments of the wrong type or number. Error; the value is unknown. */
  ARM_BAD_ARGUMENTS: 'AKS1135',
  /** A parameters file that matches no template, or several. Warning. */
  ARM_PARAMETERS_UNMATCHED: 'AKS1136',
  /** A resource type aksnet does not model; recorded as ignored. Info. */
  ARM_RESOURCE_IGNORED: 'AKS1137',
  /** A template's `resources` (or a resource) is not the expected shape. Error. */
  ARM_BAD_RESOURCE: 'AKS1138',
  /** An element of an az JSON array that is not an Azure object aksnet reads. Warning. */
  AZ_UNRECOGNISED_ELEMENT: 'AKS1150',
} as const;
