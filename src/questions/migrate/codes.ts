// Diagnostic codes of `aksnet migrate` (AKS3720–3739; the compilers have AKS3700–3719). Codes are stable.

/** Every code the migrate question reports, with its meaning. */
export const MIGRATE_CODES = {
  /** The input holds several clusters: prerequisites are not checked. Warning. */
  SEVERAL_CLUSTERS: 'AKS3720',
  /** No cluster in the input and no --from-engine: the policies are assumed enforced with upstream semantics now. Info. */
  ENGINE_ASSUMED: 'AKS3721',
} as const;
