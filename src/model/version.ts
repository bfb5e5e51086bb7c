// Version strings as Azure and Kubernetes write them ("1.30.6", "v1.27"): parsed once here so every question reads
// them the same way.

/** Major and minor of a Kubernetes version ("1.30.6", "v1.27", " 1.31"); undefined when it does not look like one. */
export function parseMinorVersion(v: string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*v?(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Compares dotted versions part by part, numerically ('1.27.3' vs '1.27' → positive, equal → 0); a leading `v` is
 * ignored and a part that is not a number counts as 0.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.replace(/^v/, '').split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
