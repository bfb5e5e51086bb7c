// Test helper: compact text forms of normalised policies, so test tables read like the semantics they check.
import { formatCidr } from '../../../engines/net/index.js';
import type { NormalizedPolicy, Peer, PolicyRule, PortMatch, Selector } from '../../../model/policy.js';

/** `all`, `none`, `app=x`, `app!=x`, `app in (a,b)`, `app notin (a)`, `has(app)`, `!has(app)`, `a && b`, ... */
export function selectorText(s: Selector): string {
  switch (s.op) {
    case 'all': return 'all';
    case 'none': return 'none';
    case 'eq': return `${s.key}=${s.value}`;
    case 'neq': return `${s.key}!=${s.value}`;
    case 'in': return `${s.key} in (${s.values.join(',')})`;
    case 'notin': return `${s.key} notin (${s.values.join(',')})`;
    case 'has': return `has(${s.key})`;
    case 'nothas': return `!has(${s.key})`;
    case 'contains':
    case 'startswith':
    case 'endswith': return `${s.key} ${s.op} ${s.value}`;
    case 'and': return s.args.map(selectorText).join(' && ');
    case 'or': return `(${s.args.map(selectorText).join(' || ')})`;
    case 'not': return `!(${selectorText(s.arg)})`;
    default: {
      const never: never = s;
      return String(never);
    }
  }
}

/** `pods[ns: …; pods: …]`, `ip[10.0.0.0/8 - 10.1.0.0/16]`, `nodes[…]`, `entity[world]`. */
export function peerText(p: Peer): string {
  switch (p.kind) {
    case 'pods': return `pods[ns: ${selectorText(p.namespaces)}; pods: ${selectorText(p.pods)}]`;
    case 'ipblock': return `ip[${formatCidr(p.cidr)}${p.except.map((e) => ' - ' + formatCidr(e)).join('')}]`;
    case 'nodes': return `nodes[${selectorText(p.nodes)}]`;
    case 'entity': return `entity[${p.entity}]`;
    case 'endpoints': return `endpoints[${selectorText(p.selector)}${p.sets.isEmpty() ? '' : `; sets: ${p.sets.toString()}`}]`;
    case 'all-of': return `all-of[${p.peers.map(peerText).join(', ')}]`;
    case 'not': return `not[${peerText(p.peer)}]`;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

/** `TCP 80`, `UDP 1-65535`, `named http/TCP`, `named http/any`. */
export function portText(p: PortMatch): string {
  return p.kind === 'numeric' ? `${p.protocol} ${p.ports.toString() || '(none)'}` : `named ${p.name}/${p.protocol ?? 'any'}`;
}

/** `ingress#0 allow from any ports any` style line for a rule (name in quotes when present). */
export function ruleText(r: PolicyRule): string {
  const peers = r.peers === 'any' ? 'any' : `[${r.peers.map(peerText).join(' | ')}]`;
  const ports = r.ports === 'any' ? 'any' : `[${r.ports.map(portText).join(' | ')}]`;
  return `${r.direction}#${r.index}${r.name !== undefined ? ` "${r.name}"` : ''} ${r.action} peers ${peers} ports ${ports}`;
}

/** Subject, directions, priority and rules of a policy as lines. */
export function policyText(p: NormalizedPolicy): string[] {
  return [
    `${p.id} [${p.source}] subject ns: ${selectorText(p.subject.namespaces)}; pods: ${selectorText(p.subject.pods)}`
      + ` dirs ${p.directions.join(',') || '-'}${p.priority !== undefined ? ` prio ${p.priority}` : ''}`,
    ...p.rules.map(ruleText),
  ];
}
