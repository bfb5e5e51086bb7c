// The one evaluator: walks an engine's tiers for one pod and direction over a set of connections. `connections`
// runs it with every connection and no trace; `decide` runs it with one (protocol, port) and a trace, so the code
// that decides is the code that explains.
import { ConnSet } from '../net/index.js';
import type { Direction, NormalizedPolicy, PolicyRule } from '../../model/policy.js';
import type { EngineProfile, TierSpec } from './profile.js';
import type { DecisionStep, DirectionVerdict } from './types.js';
import { isOwnNode, type View } from './view.js';

/** What the walk needs from its engine: which policies apply, and how rules match (possibly cached). */
export interface EvalContext {
  readonly profile: EngineProfile;
  /** tierUsed[t]: the model has at least one policy in tier t (unused tiers are not mentioned in explanations). */
  readonly tierUsed: readonly boolean[];
  /** Policies of tier `tier` that select `subject` and govern `dir`, in evaluation order. */
  policiesFor(subject: View, dir: Direction, tier: number): readonly NormalizedPolicy[];
  /** The rules of `policy` for `dir`, in written order. */
  rulesOf(policy: NormalizedPolicy, dir: Direction): readonly PolicyRule[];
  /** True when some peer of `rule` matches `remote` (the rule belongs to a policy applied to `subject`). */
  peersMatch(rule: PolicyRule, remote: View, subject: View): boolean;
  /** The connections `rule`'s ports admit towards destination `dst`. */
  ports(rule: PolicyRule, dst: View): ConnSet;
  /** True when `policy` isolates the pods it selects in `dir` (see NormalizedPolicy.isolates). */
  isolates(policy: NormalizedPolicy, dir: Direction): boolean;
}

/** True when `p` isolates the pods it selects in `dir`: `isolates` when given, else `directions`. */
export function policyIsolates(p: NormalizedPolicy, dir: Direction): boolean {
  return (p.isolates ?? p.directions).includes(dir);
}

/** `x/name` for namespaced policies, the bare name for cluster-scoped ones. */
export function policyLabel(p: NormalizedPolicy): string {
  return p.namespace !== undefined ? `${p.namespace}/${p.name}` : p.name;
}

/** The rule's name, or `ingress rule #1` (1-based). */
export function ruleLabel(r: PolicyRule): string {
  return r.name ?? `${r.direction} rule #${r.index + 1}`;
}

function ruleRef(p: NormalizedPolicy, r: PolicyRule): string {
  return r.name !== undefined ? `rule ${r.name}` : `${policyLabel(p)}, ${ruleLabel(r)}`;
}

function listPolicies(ps: readonly NormalizedPolicy[]): string {
  const names = ps.map(policyLabel);
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}

function ruleStep(tier: TierSpec, outcome: 'allow' | 'deny' | 'pass', p: NormalizedPolicy, r: PolicyRule): DecisionStep {
  const verb = outcome === 'allow' ? 'Allowed' : outcome === 'deny' ? 'Denied' : 'Pass';
  return { layer: tier.layer, outcome, policy: p.id, rule: ruleLabel(r), origin: r.origin, text: `[${tier.tag}] ${verb} (${ruleRef(p, r)})` };
}

/**
 * The connections of `probe` that `dir` allows at `subject` when the other end is `remote` (egress: subject is the
 * source; ingress: subject is the destination). When `steps` is given, appends what each layer decided.
 */
export function decideDirection(
  ctx: EvalContext, dir: Direction, subject: View, remote: View, probe: ConnSet, steps?: DecisionStep[],
): ConnSet {
  const { profile } = ctx;
  if (!profile.enforced && subject.kind === 'pod') {
    steps?.push({
      layer: 'not-enforced', outcome: 'allow',
      text: `[not enforced] Allowed (no network policy engine (${profile.name}): policies exist but nothing enforces them)`,
    });
    return probe;
  }
  if (subject.kind !== 'pod') {
    steps?.push({
      layer: 'not-policed', outcome: 'allow',
      text: `[not policed] ${subject.display} ${subject.kind === 'external' ? 'is outside the cluster' : 'is host network, not a policed pod'}`,
    });
    return probe;
  }
  if (profile.loopbackAllowed && subject.self !== undefined && remote.self === subject.self) {
    steps?.push({ layer: 'loopback', outcome: 'allow', text: '[loopback] Allowed (a pod can always reach itself)' });
    return probe;
  }
  const ownNodeExempt = dir === 'ingress' ? profile.ownNodeIngressAllowed : profile.ownNodeEgressAllowed;
  if (ownNodeExempt && isOwnNode(subject, remote)) {
    steps?.push({
      layer: 'node-exception', outcome: 'allow',
      text: `[node exception] Allowed (${dir} ${dir === 'ingress' ? 'from' : 'to'} ${subject.display}'s own node ${remote.nodeName ?? remote.display})`,
    });
    return probe;
  }
  const dst = dir === 'egress' ? remote : subject;
  let remaining = probe;
  let allowed = ConnSet.none();
  let anyTierUsed = false;
  for (let t = 0; t < profile.tiers.length && !remaining.isEmpty(); t++) {
    const tier = profile.tiers[t];
    if (ctx.tierUsed[t]) anyTierUsed = true;
    const pols = ctx.policiesFor(subject, dir, t);
    if (pols.length === 0) {
      if (ctx.tierUsed[t]) {
        steps?.push({ layer: tier.layer, outcome: 'not-selected', text: `[${tier.tag}] No policy selects ${subject.display} for ${dir}` });
      }
      continue;
    }
    let passed = ConnSet.none();
    let rest: ConnSet;
    switch (tier.kind) {
      case 'ordered-first-match': {
        rest = remaining;
        outer: for (const p of pols) {
          for (const r of ctx.rulesOf(p, dir)) {
            if (rest.isEmpty()) break outer;
            if (!ctx.peersMatch(r, remote, subject)) continue;
            const m = ctx.ports(r, dst).intersect(rest);
            if (m.isEmpty()) continue;
            switch (r.action) {
              case 'allow':
                allowed = allowed.union(m);
                rest = rest.subtract(m);
                steps?.push(ruleStep(tier, 'allow', p, r));
                break;
              case 'deny':
                rest = rest.subtract(m);
                steps?.push(ruleStep(tier, 'deny', p, r));
                break;
              case 'pass':
                passed = passed.union(m);
                rest = rest.subtract(m);
                steps?.push(ruleStep(tier, 'pass', p, r));
                break;
              case 'log':
                break;
              default: {
                const never: never = r.action;
                throw new RangeError(`unknown action ${String(never)}`);
              }
            }
          }
        }
        break;
      }
      case 'allow-union':
      case 'deny-overrides': {
        // Unordered: collect what allow, deny and pass rules match; deny > allow > pass (allow-union tiers hold
        // allow rules only, so both kinds share this code).
        let a = ConnSet.none();
        let d = ConnSet.none();
        let ps = ConnSet.none();
        let firstAllow: [NormalizedPolicy, PolicyRule] | undefined;
        let firstDeny: [NormalizedPolicy, PolicyRule] | undefined;
        let firstPass: [NormalizedPolicy, PolicyRule] | undefined;
        for (const p of pols) {
          for (const r of ctx.rulesOf(p, dir)) {
            if (!ctx.peersMatch(r, remote, subject)) continue;
            const m = ctx.ports(r, dst).intersect(remaining);
            if (m.isEmpty()) continue;
            switch (r.action) {
              case 'allow':
                a = a.union(m);
                firstAllow ??= [p, r];
                break;
              case 'deny':
                if (tier.kind === 'deny-overrides') {
                  d = d.union(m);
                  firstDeny ??= [p, r];
                }
                break;
              case 'pass':
                ps = ps.union(m);
                firstPass ??= [p, r];
                break;
              case 'log':
                break;
              default: {
                const never: never = r.action;
                throw new RangeError(`unknown action ${String(never)}`);
              }
            }
          }
        }
        const allowNow = a.subtract(d);
        passed = ps.subtract(d).subtract(a);
        allowed = allowed.union(allowNow);
        if (steps !== undefined) {
          if (!d.isEmpty() && firstDeny) steps.push(ruleStep(tier, 'deny', ...firstDeny));
          if (!allowNow.isEmpty() && firstAllow) steps.push(ruleStep(tier, 'allow', ...firstAllow));
          if (!passed.isEmpty() && firstPass) steps.push(ruleStep(tier, 'pass', ...firstPass));
        }
        rest = remaining.subtract(d).subtract(a).subtract(ps);
        break;
      }
      default: {
        const never: never = tier.kind;
        throw new RangeError(`unknown tier kind ${String(never)}`);
      }
    }
    if (!rest.isEmpty()) {
      const isolating = pols.filter((p) => ctx.isolates(p, dir));
      const end: TierSpec['whenSelectedNoMatch'] = isolating.length === 0 ? 'continue' : tier.whenSelectedNoMatch;
      switch (end) {
        case 'continue':
          steps?.push({ layer: tier.layer, outcome: 'no-match', text: `[${tier.tag}] No rule matched (${listPolicies(pols)})` });
          break;
        case 'deny':
          steps?.push({
            layer: tier.layer, outcome: 'deny', policy: isolating.length === 1 ? isolating[0].id : undefined, origin: isolating[0].origin,
            text: `[${tier.tag}] Denied (${subject.display} is isolated for ${dir} by ${listPolicies(isolating)}; no rule matches)`,
          });
          rest = ConnSet.none();
          break;
        default: {
          const never: never = end;
          throw new RangeError(`unknown tier end ${String(never)}`);
        }
      }
    }
    remaining = rest.union(passed);
  }
  if (!remaining.isEmpty()) {
    const why = anyTierUsed ? '' : ' (no policy applies)';
    switch (profile.defaultAction) {
      case 'allow':
        allowed = allowed.union(remaining);
        steps?.push({ layer: 'default', outcome: 'allow', text: `[default] Allowed${why}` });
        break;
      case 'deny':
        steps?.push({ layer: 'default', outcome: 'deny', text: `[default] Denied${why}` });
        break;
      default: {
        const never: never = profile.defaultAction;
        throw new RangeError(`unknown default ${String(never)}`);
      }
    }
  }
  return allowed;
}

/** Wraps steps into a DirectionVerdict. */
export function directionVerdict(allowed: boolean, steps: readonly DecisionStep[]): DirectionVerdict {
  return { allowed, steps, summary: steps.map((s) => s.text).join(' -> ') };
}
