// JSON: {"findings":[{rule, severity, message, resource, location:{file,line,column}, hint}], "summary":{...}}.
import { compareFindings } from '../../questions/check/run.js';
import { severityCounts, type CheckReport } from './types.js';

/** One finding as JSON. `location` is absent when the finding has no origin; `hint` when it has none. */
export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly resource: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number; readonly pointer?: string };
  readonly hint?: string;
}

/** The report as a JSON document (two-space indented, findings sorted, trailing newline). */
export function renderCheckJson(report: CheckReport): string {
  const findings: JsonFinding[] = [...report.findings].sort(compareFindings).map((f) => ({
    rule: f.code,
    severity: f.severity,
    message: f.message,
    resource: f.resource,
    ...(f.origin ? { location: { file: f.origin.file, line: f.origin.line, column: f.origin.column,
      ...(f.origin.pointer !== undefined ? { pointer: f.origin.pointer } : {}) } } : {}),
    ...(f.hint ? { hint: f.hint } : {}),
  }));
  return JSON.stringify({ findings, summary: severityCounts(report.findings) }, null, 2) + '\n';
}
