// `aksnet ipflow --format json`: az's keys first (`access`, `ruleName`), then aksnet's explanation.
import type { IpflowAnswer } from '../../questions/ipflow/index.js';

/** The answer as a JSON document: `access`, `ruleName`, `nsgId` (null when none), then target, flow, stages, steps, notes. */
export function renderIpflowJson(a: IpflowAnswer): string {
  return JSON.stringify({
    access: a.access,
    ruleName: a.ruleName,
    nsgId: a.nsgId ?? null,
    target: a.target,
    direction: a.direction,
    protocol: a.protocol,
    local: a.local,
    remote: a.remote,
    stages: a.stages,
    steps: a.steps,
    notes: [...a.notes].sort(),
  }, null, 2) + '\n';
}
