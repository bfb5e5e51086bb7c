// What the check renderers are given: the findings and the metadata of the rules that may appear in them.
import type { Severity } from '../../model/diagnostic.js';
import type { CheckRule, Finding } from '../../questions/check/types.js';

/** Rule metadata a renderer prints (SARIF `rules`); findings with codes not listed here get a minimal entry. */
export type RuleInfo = Pick<CheckRule, 'id' | 'slug' | 'title' | 'severity' | 'description' | 'rationale'>;

/** The answer of `aksnet check`: every finding (input diagnostics included) and the registered rules. */
export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleInfo[];
}

/** Counts per severity. */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
