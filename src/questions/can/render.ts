// Text and JSON renderings of a `can` answer (deterministic: steps keep evaluation order, lists are sorted).
import { formatOrigin } from '../../model/origin.js';
import type { DecisionStep, DirectionVerdict } from '../../engines/policy/index.js';
import type { CanAnswer } from './index.js';

/** Output formats of `aksnet can`. */
export const CAN_FORMATS = ['text', 'json'] as const;
export type CanFormat = (typeof CAN_FORMATS)[number];

function stepJson(s: DecisionStep): Record<string, unknown> {
  return {
    layer: s.layer, outcome: s.outcome, policy: s.policy, rule: s.rule,
    origin: s.origin ? formatOrigin(s.origin) : undefined, text: s.text,
  };
}

function dirJson(d: DirectionVerdict): Record<string, unknown> {
  return { allowed: d.allowed, summary: d.summary, steps: d.steps.map(stepJson) };
}

/** The JSON document: `{allowed, engine, from, to, protocol, port, egress, ingress, ignoredPolicies}`. */
export function canJson(a: CanAnswer): Record<string, unknown> {
  return {
    allowed: a.allowed, engine: a.engine, from: a.from, to: a.to, protocol: a.protocol, port: a.port, portName: a.portName,
    egress: dirJson(a.egress), ingress: dirJson(a.ingress), ignoredPolicies: [...a.ignoredPolicies].sort(),
  };
}

function where(s: DecisionStep): string | undefined {
  if (!s.policy || !s.origin) return undefined;
  return `${s.policy}${s.rule ? ` (${s.rule})` : ''} at ${formatOrigin(s.origin)}`;
}

/** Human text: the verdict line, one line per direction, and where each deciding rule is written. */
export function canText(a: CanAnswer): string {
  const port = a.portName ? `${a.protocol}/${a.port} (${a.portName})` : `${a.protocol}/${a.port}`;
  const lines = [
    `${a.from.name} -> ${a.to.name} ${port} under ${a.engine}: ${a.allowed ? 'ALLOWED' : 'DENIED'}`,
    `  egress at ${a.from.name}: ${a.egress.allowed ? 'allowed' : 'denied'}: ${a.egress.summary}`,
    `  ingress at ${a.to.name}: ${a.ingress.allowed ? 'allowed' : 'denied'}: ${a.ingress.summary}`,
  ];
  const refs = [...a.egress.steps, ...a.ingress.steps].map(where).filter((x): x is string => x !== undefined);
  if (refs.length > 0) {
    lines.push('  rules involved:');
    for (const r of refs) lines.push(`    ${r}`);
  }
  if (a.ignoredPolicies.length > 0) {
    lines.push(`  note: ${a.engine} does not implement ${a.ignoredPolicies.length} policy(ies) in the input, ignored: ${[...a.ignoredPolicies].sort().join(', ')}`);
  }
  return lines.join('\n');
}

/** Renders in `format`. */
export function renderCan(a: CanAnswer, format: CanFormat): string {
  switch (format) {
    case 'text':
      return canText(a);
    case 'json':
      return JSON.stringify(canJson(a), null, 2);
    default: {
      const never: never = format;
      throw new RangeError(`unknown format ${String(never)}`);
    }
  }
}
