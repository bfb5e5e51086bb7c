// Recognises what a document is from its content (never from its file name, except for shell scripts).
import { isJsonObject } from './document.js';

/** The artefact families aksnet reads. */
export type DocumentKind =
  | 'arm-template'
  | 'terraform-plan'
  | 'az-aks-cluster'
  | 'az-nodepool'
  | 'az-vnet'
  | 'az-subnet'
  | 'az-nsg'
  | 'az-route-table'
  | 'az-script'
  | 'kubernetes'
  | 'native'
  | 'unknown';

const AZ_TYPES: Record<string, DocumentKind> = {
  'microsoft.containerservice/managedclusters': 'az-aks-cluster',
  'microsoft.containerservice/managedclusters/agentpools': 'az-nodepool',
  'microsoft.network/virtualnetworks': 'az-vnet',
  'microsoft.network/virtualnetworks/subnets': 'az-subnet',
  'microsoft.network/networksecuritygroups': 'az-nsg',
  'microsoft.network/routetables': 'az-route-table',
};

/** The kind of one JSON/YAML value (for an array of az objects, call it per element). */
export function recognizeValue(v: unknown): DocumentKind {
  if (!isJsonObject(v)) return 'unknown';
  const schema = typeof v.$schema === 'string' ? v.$schema.toLowerCase() : '';
  // A parameters file goes with its template; the ARM adapter tells the two apart.
  if (schema.includes('deploymentparameters')) return 'arm-template';
  if (schema.includes('deploymenttemplate') || (Array.isArray(v.resources) && 'contentVersion' in v)) return 'arm-template';
  if ('format_version' in v && ('planned_values' in v || 'resource_changes' in v || 'terraform_version' in v)) {
    return 'terraform-plan';
  }
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('aksnet/')) return 'native';
  if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') return 'kubernetes';
  // Looks like a Kubernetes object with a broken kind or apiVersion (`kindt: PodList`, no apiVersion): the
  // Kubernetes adapter reports what is wrong instead of the document being skipped as unrecognised.
  if ((typeof v.apiVersion === 'string' || typeof v.kind === 'string') && (isJsonObject(v.metadata) || Array.isArray(v.items))) {
    return 'kubernetes';
  }
  if (typeof v.type === 'string') {
    const k = AZ_TYPES[v.type.toLowerCase()];
    if (k) return k;
  }
  // az output without `type` (older CLI versions, hand-trimmed files): recognise by shape.
  if (Array.isArray(v.agentPoolProfiles) || isJsonObject(v.networkProfile) && 'kubernetesVersion' in v) return 'az-aks-cluster';
  if (isJsonObject(v.addressSpace) && Array.isArray((v.addressSpace as Record<string, unknown>).addressPrefixes)) return 'az-vnet';
  if (Array.isArray(v.securityRules) || Array.isArray(v.defaultSecurityRules)) return 'az-nsg';
  if (Array.isArray(v.routes) && !('apiVersion' in v)) return 'az-route-table';
  if (('addressPrefix' in v || 'addressPrefixes' in v) && !('addressSpace' in v) && 'name' in v) return 'az-subnet';
  if ('vmSize' in v && ('maxPods' in v || 'count' in v) && 'name' in v) return 'az-nodepool';
  return 'unknown';
}

/** True when a text looks like a shell script of az commands. */
export function looksLikeAzScript(file: string, text: string): boolean {
  if (/\.(sh|bash|azcli|zsh)$/i.test(file)) return true;
  if (text.startsWith('#!') && /\b(ba|z)?sh\b/.test(text.split('\n')[0] ?? '')) return true;
  return /^\s*az\s+(aks|network|group)\s/m.test(text) && !/^\s*[{[]/.test(text);
}
