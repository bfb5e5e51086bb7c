// Azure NPM's ipsets: logical names with NPM's prefixes (ns-, podlabel-, nslabel-, nestedlabel-, cidr-,
// namedport:, all-namespaces), members computed from the universe, kernel names per the hash scheme.
import { matchSelector } from '../../engines/policy/index.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import type { NormalizedPolicy, Selector } from '../../model/policy.js';
import { subjectSelects } from '../peers.js';
import { base36, fnv1a32, sha256 } from '../hash.js';
import type { CompiledIpset, NpmHashScheme } from '../types.js';
import type { Universe } from '../universe.js';
import { compareIpText } from '../universe.js';
import { byKey } from '../../model/compare.js';

/** One set match: the set's kernel name, and whether the match is negated. */
export interface SetLit {
  readonly kernel: string;
  readonly logical: string;
  readonly negate: boolean;
}

/** The kernel name of logical set `name`: `azure-npm-` + FNV-1a decimal or 20 base36 characters of SHA-256. */
export function npmSetKernelName(name: string, scheme: NpmHashScheme): string {
  switch (scheme) {
    case 'fnv1a-decimal':
      return `azure-npm-${fnv1a32(name)}`;
    case 'sha256-base36':
      return `azure-npm-${base36(sha256(name)).slice(0, 20)}`;
    default: {
      const never: never = scheme;
      throw new RangeError(`unknown scheme ${String(never)}`);
    }
  }
}

/** The suffix of a policy chain: FNV-1a decimal or 10 base36 characters of SHA-256 of the policy key. */
export function npmChainSuffix(key: string, scheme: NpmHashScheme): string {
  switch (scheme) {
    case 'fnv1a-decimal':
      return String(fnv1a32(key));
    case 'sha256-base36':
      return base36(sha256(key)).slice(0, 10);
    default: {
      const never: never = scheme;
      throw new RangeError(`unknown scheme ${String(never)}`);
    }
  }
}

/** Registry of the sets a compilation uses. */
export class NpmSets {
  private readonly sets = new Map<string, CompiledIpset>();
  constructor(private readonly u: Universe, private readonly scheme: NpmHashScheme) {}

  private add(logical: string, type: CompiledIpset['type'], members: () => string[]): string {
    const existing = this.sets.get(logical);
    if (existing) return existing.kernelName;
    const kernelName = npmSetKernelName(logical, this.scheme);
    // Reserve first: list members register their own sets while this one is being built.
    this.sets.set(logical, { kernelName, logicalName: logical, type, members: [] });
    const m = members();
    this.sets.set(logical, { kernelName, logicalName: logical, type, members: m });
    return kernelName;
  }

  private ips(filter: (labels: Readonly<Record<string, string>>, ns: string) => boolean): string[] {
    return this.u.pods.filter((p) => filter(p.pod.labels, p.pod.namespace)).map((p) => p.ipText).sort(compareIpText);
  }

  /** `ns-<ns>`: pods of namespace ns (hash:net). */
  namespace(ns: string): string {
    return this.add(`ns-${ns}`, 'hash:net', () => this.ips((_, n) => n === ns));
  }

  /** `podlabel-<k>` or `podlabel-<k>:<v>`: pods with the label (any namespace). */
  podLabel(key: string, value?: string): string {
    const name = value === undefined ? `podlabel-${key}` : `podlabel-${key}:${value}`;
    return this.add(name, 'hash:net', () => this.ips((l) => Object.prototype.hasOwnProperty.call(l, key) && (value === undefined || l[key] === value)));
  }

  /** `nestedlabel-<k>:<v1>:<v2>…`: list of the podlabel sets of each value. */
  nestedLabel(key: string, values: readonly string[]): string {
    const vs = [...new Set(values)].sort();
    return this.add(`nestedlabel-${key}:${vs.join(':')}`, 'list:set', () => vs.map((v) => this.podLabel(key, v)));
  }

  /** A list of the ns- sets of every namespace whose labels match `sel`, under `logical`. */
  private nsList(logical: string, sel: Selector): string {
    return this.add(logical, 'list:set', () =>
      this.u.namespaces.filter((n) => matchSelector(sel, this.u.nsLabels(n))).map((n) => this.namespace(n)));
  }

  /** `nslabel-<k>` / `nslabel-<k>:<v>` (values joined by ':' for In): namespaces with the label. */
  nsLabel(key: string, values?: readonly string[]): string {
    if (values === undefined) return this.nsList(`nslabel-${key}`, { op: 'has', key });
    const vs = [...new Set(values)].sort();
    return this.nsList(`nslabel-${key}:${vs.join(':')}`, { op: 'in', key, values: vs });
  }

  /** `all-namespaces`: every namespace. */
  allNamespaces(): string {
    return this.nsList('all-namespaces', { op: 'all' });
  }

  /** A namespace selector NPM has no literal for, as the list of matching namespaces. */
  nsExpression(sel: Selector): string {
    return this.nsList(`nslabel-expr-${base36(sha256(JSON.stringify(sel))).slice(0, 12)}`, sel);
  }

  /** A pod selector NPM has no literal for, as the pods (any namespace) whose labels match. */
  podExpression(sel: Selector): string {
    return this.add(`podlabel-expr-${base36(sha256(JSON.stringify(sel))).slice(0, 12)}`, 'hash:net',
      () => this.ips((l) => matchSelector(sel, l)));
  }

  /** The pods a policy's subject selects, for subjects outside NetworkPolicy's grammar. */
  subjectPods(p: NormalizedPolicy): string {
    return this.add(`podlabel-expr-${base36(sha256(JSON.stringify(p.subject))).slice(0, 12)}`, 'hash:net',
      () => this.u.pods.filter((e) => subjectSelects(p.subject, e)).map((e) => e.ipText).sort(compareIpText));
  }

  /** `namedport:<name>`: `ip,proto:port` of every pod declaring the container port name (hash:ip,port). */
  namedPort(name: string): string {
    return this.add(`namedport:${name}`, 'hash:ip,port', () => {
      const out: string[] = [];
      for (const p of this.u.pods) for (const cp of p.pod.ports) if (cp.name === name) out.push(`${p.ipText},${cp.protocol.toLowerCase()}:${cp.port}`);
      return [...new Set(out)].sort();
    });
  }

  /** A cidr- set with the given hash:net members. */
  cidr(logical: string, members: readonly string[]): string {
    return this.add(logical, 'hash:net', () => [...members]);
  }

  /** Every set, sorted by kernel name. */
  all(): CompiledIpset[] {
    return [...this.sets.values()].sort(byKey((s) => s.kernelName));
  }

}

/**
 * The set matches NPM would write for a pod selector (over pod labels): a conjunction of podlabel / nestedlabel
 * matches, negated for NotIn / DoesNotExist. 'never' when the selector matches no pod. Selectors outside that
 * grammar (or, contains, …) become one set of the matching pods.
 */
export function podSelectorLits(sets: NpmSets, sel: Selector): SetLit[] | 'never' {
  const lits = podLits(sets, sel);
  if (lits !== undefined) return lits;
  const k = sets.podExpression(sel);
  return [{ kernel: k, logical: 'podlabel-expr', negate: false }];
}

function podLits(sets: NpmSets, sel: Selector): SetLit[] | 'never' | undefined {
  const pos = (key: string, value?: string): SetLit[] => {
    const k = sets.podLabel(key, value);
    return [{ kernel: k, logical: value === undefined ? `podlabel-${key}` : `podlabel-${key}:${value}`, negate: false }];
  };
  const neg = (key: string, value?: string): SetLit => ({ ...pos(key, value)[0], negate: true });
  switch (sel.op) {
    case 'all':
      return [];
    case 'none':
      return 'never';
    case 'eq':
      return pos(sel.key, sel.value);
    case 'neq':
      return [neg(sel.key, sel.value)];
    case 'has':
      return pos(sel.key);
    case 'nothas':
      return [neg(sel.key)];
    case 'in':
      if (sel.values.length === 0) return 'never';
      if (sel.values.length === 1) return pos(sel.key, sel.values[0]);
      return [{ kernel: sets.nestedLabel(sel.key, sel.values), logical: 'nestedlabel', negate: false }];
    case 'notin':
      return sel.values.map((v) => neg(sel.key, v));
    case 'and':
      return conjunction(sel.args, (a) => podLits(sets, a));
    case 'not':
    case 'or':
    case 'contains':
    case 'startswith':
    case 'endswith':
      return undefined;
    default: {
      const never: never = sel;
      throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
    }
  }
}

/**
 * An AND of selectors as one list of set matches: undefined when some part has no set form, 'never' when some
 * part matches nothing.
 */
function conjunction(args: readonly Selector[], lits: (s: Selector) => SetLit[] | 'never' | undefined): SetLit[] | 'never' | undefined {
  const out: SetLit[] = [];
  for (const a of args) {
    const l = lits(a);
    if (l === undefined) return undefined;
    if (l === 'never') return 'never';
    out.push(...l);
  }
  return out;
}

/** The set matches for a namespace selector: ns-<name> for the name label, nslabel- lists otherwise. */
export function nsSelectorLits(sets: NpmSets, sel: Selector): SetLit[] | 'never' {
  const lits = nsLits(sets, sel);
  if (lits !== undefined) return lits;
  return [{ kernel: sets.nsExpression(sel), logical: 'nslabel-expr', negate: false }];
}

function nsLits(sets: NpmSets, sel: Selector): SetLit[] | 'never' | undefined {
  const lit = (kernel: string, negate: boolean): SetLit[] => [{ kernel, logical: 'ns', negate }];
  switch (sel.op) {
    case 'all':
      return [];
    case 'none':
      return 'never';
    case 'eq':
      return sel.key === NAMESPACE_NAME_LABEL ? lit(sets.namespace(sel.value), false) : lit(sets.nsLabel(sel.key, [sel.value]), false);
    case 'neq':
      return sel.key === NAMESPACE_NAME_LABEL ? lit(sets.namespace(sel.value), true) : lit(sets.nsLabel(sel.key, [sel.value]), true);
    case 'has':
      return lit(sets.nsLabel(sel.key), false);
    case 'nothas':
      return lit(sets.nsLabel(sel.key), true);
    case 'in':
      if (sel.values.length === 0) return 'never';
      if (sel.key === NAMESPACE_NAME_LABEL && sel.values.length === 1) return lit(sets.namespace(sel.values[0]), false);
      return lit(sets.nsLabel(sel.key, sel.values), false);
    case 'notin':
      return sel.values.flatMap((v) => lit(sel.key === NAMESPACE_NAME_LABEL ? sets.namespace(v) : sets.nsLabel(sel.key, [v]), true));
    case 'and':
      return conjunction(sel.args, (a) => nsLits(sets, a));
    case 'not':
    case 'or':
    case 'contains':
    case 'startswith':
    case 'endswith':
      return undefined;
    default: {
      const never: never = sel;
      throw new RangeError(`unknown selector ${JSON.stringify(never)}`);
    }
  }
}
