// Trace steps as numbered text lines, shared by the packet-layer renderers.
import { formatOrigin } from '../../model/origin.js';
import type { Step } from '../../engines/trace-types.js';

/** `  1. nsg allow securityRules/X — detail (file:line:col)`, one line per step, in the order taken. */
export function stepLines(steps: readonly Step[]): string[] {
  return steps.map((s, i) => {
    const rule = s.rule ? ` ${s.rule}` : '';
    const at = s.origin && s.origin.line > 0 ? ` (${formatOrigin(s.origin)})` : '';
    return `  ${i + 1}. ${s.type} ${s.action}${rule}: ${s.detail}${at}`;
  });
}
