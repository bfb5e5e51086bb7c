// Shared by the policy-engine rules: which engine judges the model's policies, and walking their peers and ports.
import { chooseEngine, type EngineChoice } from '../../../engines/policy/choose.js';
import type { Model } from '../../../model/model.js';
import type { NormalizedPolicy, Peer, PolicyRule, PortMatch, Selector } from '../../../model/policy.js';
import type { CheckContext } from '../types.js';

/** The engine the policies run under: `--engine`, else the cluster's networkPolicy, else upstream. */
export function policyEngine(model: Model, ctx: CheckContext): EngineChoice {
  return chooseEngine(model, ctx.engine);
}

/** Every peer of a rule, nested ones included. */
export function peersOf(r: PolicyRule): Peer[] {
  const out: Peer[] = [];
  const walk = (p: Peer): void => {
    out.push(p);
    if (p.kind === 'all-of') p.peers.forEach(walk);
    if (p.kind === 'not') walk(p.peer);
  };
  if (r.peers !== 'any') r.peers.forEach(walk);
  return out;
}

/** Every port entry of a rule (ports and notPorts). */
export function portsOf(r: PolicyRule): PortMatch[] {
  return [...(r.ports === 'any' ? [] : r.ports), ...(r.notPorts ?? [])];
}

/** True when a selector uses a negative test (NotIn / DoesNotExist / != / not). */
export function hasNegativeSelector(s: Selector): boolean {
  switch (s.op) {
    case 'notin':
    case 'nothas':
    case 'neq':
    case 'not':
      return true;
    case 'and':
    case 'or':
      return s.args.some(hasNegativeSelector);
    case 'all':
    case 'none':
    case 'eq':
    case 'in':
    case 'has':
    case 'contains':
    case 'startswith':
    case 'endswith':
      return false;
    default: {
      const never: never = s;
      throw new Error(`unknown selector op ${String((never as { op: unknown }).op)}`);
    }
  }
}

/** Every selector of a policy (subject and peers). */
export function selectorsOf(p: NormalizedPolicy): Selector[] {
  const out: Selector[] = [p.subject.namespaces, p.subject.pods];
  for (const r of p.rules) for (const peer of peersOf(r)) {
    if (peer.kind === 'pods') out.push(peer.namespaces, peer.pods);
  }
  return out;
}
