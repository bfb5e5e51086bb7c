// Diagnostic codes of the Terraform plan adapter (AKS123x). Attribute values are validated by the shared converter
// (adapt/aks), which reports with the Azure codes at the attribute's position in the plan JSON.

/** Stable codes reported only by the Terraform adapter. */
export const TF_CODES = {
  /** A reference attribute (vnet_subnet_id, kubernetes_cluster_id, ...) is unknown until apply and no configuration reference resolves it. Warning. */
  UNKNOWN_UNTIL_APPLY: 'AKS1230',
  /** An association or pool names a resource that is not in the plan. Warning; the association is dropped. */
  DANGLING_REFERENCE: 'AKS1231',
  /** The plan lacks `planned_values.root_module`, or a resource entry is not an object. Error. */
  BAD_PLAN: 'AKS1232',
} as const;
