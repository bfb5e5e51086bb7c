// `aksnet ipflow` text: Network Watcher's two lines (Access, Rule name), then the NSG, the target and the steps.
import type { IpflowAnswer } from '../../questions/ipflow/index.js';
import { stepLines } from './steps.js';

/** The answer as text; the first two lines are exactly `Access: ...` and `Rule name: ...`. */
export function renderIpflowText(a: IpflowAnswer): string {
  const lines = [
    `Access: ${a.access}`,
    `Rule name: ${a.ruleName || '(none)'}`,
    `NSG: ${a.nsgId ?? '(none)'}`,
    `Target: ${a.target.kind} ${a.target.name}${a.target.ip && a.target.kind === 'node' ? ` (${a.target.ip})` : ''} in subnet ${a.target.subnetName}`,
    `Flow: ${a.direction} ${a.protocol} local ${a.local} remote ${a.remote}`,
    'Steps:',
    ...stepLines(a.steps),
  ];
  if (a.notes.length) lines.push('Notes:', ...[...a.notes].sort().map((n) => `  - ${n}`));
  return lines.join('\n') + '\n';
}
