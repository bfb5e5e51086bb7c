// Diagnostic codes shared by every adapter (AKS1990–1999). The adapters' own codes live in their folders
// (aks/codes.ts, k8s/codes.ts, native/codes.ts, azcli/script/codes.ts, terraform/codes.ts, calico/, cilium/).

/** Codes any adapter (or the dispatch in adapt/index.ts) may report. */
export const ADAPT_CODES = {
  /**
   * An adapter failed on a document, resource or object it was reading (a bug in aksnet, not in the input). Error,
   * at the object; the rest of the input is still read. Please report it with the input that caused it.
   */
  INTERNAL_ERROR: 'AKS1999',
} as const;
