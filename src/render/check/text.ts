// Text: `file:line:col: severity CODE message`, then the resource and the hint indented, then a summary line.
import { formatOrigin } from '../../model/origin.js';
import { compareFindings } from '../../questions/check/run.js';
import { severityCounts, type CheckReport } from './types.js';

/** Renders the report as plain text (sorted; ends with "N errors, M warnings, K info" or "no findings"). */
export function renderCheckText(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of [...report.findings].sort(compareFindings)) {
    const where = f.origin ? `${formatOrigin(f.origin)}: ` : '';
    lines.push(`${where}${f.severity} ${f.code} ${f.message}`);
    if (f.resource) lines.push(`    resource: ${f.resource}`);
    if (f.hint) lines.push(`    hint: ${f.hint}`);
  }
  const c = severityCounts(report.findings);
  lines.push(report.findings.length === 0 ? 'no findings'
    : `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info`);
  return lines.join('\n') + '\n';
}
