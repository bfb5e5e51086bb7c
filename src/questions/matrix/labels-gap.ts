// Workload-level answers assume every pod of a workload is treated alike. Real Pod manifests of one owner may differ
// in their labels; when some policy selector picks some of those pods and not the others, one row per workload would
// be wrong for part of its pods. netpol-analyzer rejects such input ("Found Pods of the same owner workload … with
// differences in their labels, while a network policy contains selectors impacted by this gap"); so does
// `matrix --by workload`, naming the pods, the label and the policy. `--by pod` answers stay exact.
import { matchSelector } from '../../engines/policy/selector.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Labels, Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { NormalizedPolicy, Selector } from '../../model/policy.js';
import { compareById, compareByName, compareText } from '../../model/compare.js';
import { MATRIX_CODES } from './codes.js';

/** Diagnostic code of the labels-gap error (MATRIX_CODES.LABELS_GAP). */
export const LABELS_GAP_CODE = MATRIX_CODES.LABELS_GAP;

/** One pod selector of a policy that applies in a namespace, with where it sits in the policy (for the message). */
interface ScopedSelector {
  readonly policy: NormalizedPolicy;
  readonly where: string;
  readonly pods: Selector;
}

/** The pod selectors of `p` that can pick pods in a namespace with labels `nsLabels`: the subject and rule peers. */
function selectorsIn(p: NormalizedPolicy, nsLabels: Labels): ScopedSelector[] {
  const out: ScopedSelector[] = [];
  if (matchSelector(p.subject.namespaces, nsLabels)) out.push({ policy: p, where: 'the subject', pods: p.subject.pods });
  for (const r of p.rules) {
    if (r.peers === 'any') continue;
    for (const peer of r.peers) {
      if (peer.kind !== 'pods' || !matchSelector(peer.namespaces, nsLabels)) continue;
      out.push({ policy: p, where: `${r.direction} rule ${r.name !== undefined ? `"${r.name}"` : `#${r.index + 1}`}`, pods: peer.pods });
    }
  }
  return out;
}

/** The label keys a selector reads; a selector gives the same answer for two label maps that agree on them. */
function selectorKeys(sel: Selector, into: Set<string>): Set<string> {
  switch (sel.op) {
    case 'all':
    case 'none':
      return into;
    case 'and':
    case 'or':
      for (const a of sel.args) selectorKeys(a, into);
      return into;
    case 'not':
      return selectorKeys(sel.arg, into);
    case 'eq': case 'neq': case 'in': case 'notin': case 'has': case 'nothas': case 'contains': case 'startswith': case 'endswith':
      into.add(sel.key);
      return into;
    default: {
      const never: never = sel;
      return never;
    }
  }
}

/** The pod-label keys any pod selector of `p` (subject or `pods` peer) reads. */
function podKeysOf(p: NormalizedPolicy): Set<string> {
  const keys = selectorKeys(p.subject.pods, new Set());
  for (const r of p.rules) {
    if (r.peers === 'any') continue;
    for (const peer of r.peers) if (peer.kind === 'pods') selectorKeys(peer.pods, keys);
  }
  return keys;
}

/** Label differences between two label maps: `key=value` of `a` (or "no label key") against the same key of `b`. */
function labelDiff(a: Labels, b: Labels): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const show = (l: Labels, k: string): string => (Object.prototype.hasOwnProperty.call(l, k) ? `\`${k}=${l[k]}\`` : `no label \`${k}\``);
  return keys.filter((k) => a[k] !== b[k]).map((k) => `${show(a, k)} vs ${show(b, k)}`);
}

/**
 * Errors for workloads (pods grouped by namespace and `pod.workload`) whose pods a policy selector tells apart: one
 * diagnostic per workload, at the first pod that is selected differently from the workload's first pod (pods in
 * name order), naming both pods, their label differences and the first such policy (policies in id order). Empty
 * when every workload's pods are selected alike (always the case for pods generated from one template).
 */
export function labelsGapErrors(model: Model, pods: readonly Pod[]): Diagnostic[] {
  const byWorkload = new Map<string, Pod[]>();
  for (const p of pods) {
    const k = `${p.namespace}/${p.workload.name}[${p.workload.kind}]`;
    const list = byWorkload.get(k) ?? [];
    list.push(p);
    byWorkload.set(k, list);
  }
  const nsLabels = new Map(model.namespaces.map((n) => [n.name, n.labels]));
  const policies = [...model.policies].sort(compareById);
  // Only a selector that reads a label key on which the pods differ can tell them apart: index policies by key.
  const policiesByKey = new Map<string, Set<NormalizedPolicy>>();
  for (const p of policies) {
    for (const k of podKeysOf(p)) {
      const set = policiesByKey.get(k) ?? new Set<NormalizedPolicy>();
      set.add(p);
      policiesByKey.set(k, set);
    }
  }
  const out: Diagnostic[] = [];
  for (const [key, group] of [...byWorkload.entries()].sort(([a], [b]) => compareText(a, b))) {
    if (group.length < 2) continue;
    const sorted = [...group].sort(compareByName);
    const first = sorted[0]!;
    const differing = new Set<string>();
    for (const p of sorted) {
      for (const k of Object.keys(p.labels)) if (first.labels[k] !== p.labels[k]) differing.add(k);
      for (const k of Object.keys(first.labels)) if (first.labels[k] !== p.labels[k]) differing.add(k);
    }
    if (differing.size === 0) continue;
    const candidates = new Set<NormalizedPolicy>();
    for (const k of differing) for (const p of policiesByKey.get(k) ?? []) candidates.add(p);
    if (candidates.size === 0) continue;
    const ns = nsLabels.get(first.namespace) ?? {};
    found: for (const policy of policies) {
      if (!candidates.has(policy)) continue;
      for (const s of selectorsIn(policy, ns)) {
        const firstIn = matchSelector(s.pods, first.labels);
        const other = sorted.find((p) => matchSelector(s.pods, p.labels) !== firstIn);
        if (!other) continue;
        const owner = key.slice(0, key.lastIndexOf('['));
        out.push({
          code: LABELS_GAP_CODE, severity: 'error', origin: other.origin, resource: `Pod/${other.namespace}/${other.name}`,
          message: `Found Pods of the same owner workload \`${owner}\` and with differences in their labels, while a network policy contains selectors impacted by this gap: `
            + `Pod "${first.namespace}/${first.name}" and Pod "${other.namespace}/${other.name}" differ in ${labelDiff(first.labels, other.labels).join(', ')}, `
            + `and ${policy.id} (${s.where}) selects ${firstIn ? first.name : other.name} but not ${firstIn ? other.name : first.name}`,
          hint: 'one row per workload would be wrong for some of its pods: use --by pod, or give the pods of one owner the same labels',
        });
        break found;
      }
    }
  }
  return out;
}
