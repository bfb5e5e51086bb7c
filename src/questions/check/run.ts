// Runs check rules over a model and returns their findings sorted (file, line, column, code, message, resource).
import { compareDiagnostics } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import type { CheckContext, CheckRule, Finding } from './types.js';
import { compareText } from '../../model/compare.js';

/** Deterministic order of findings: by location, code, message, then resource. */
export function compareFindings(a: Finding, b: Finding): number {
  const c = compareDiagnostics(a, b);
  if (c !== 0) return c;
  return compareText(a.resource, b.resource);
}

/**
 * Runs `rules` over `model`. A rule that throws (a bug, never the user's fault) becomes an error finding of that
 * rule naming the exception, so the other rules still run and nothing is hidden.
 */
export function runRules(rules: readonly CheckRule[], model: Model, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    try {
      out.push(...r.run(model, ctx));
    } catch (e) {
      out.push({
        code: r.id, severity: 'error', resource: r.slug,
        message: `internal error in rule ${r.id} ${r.slug}: ${e instanceof Error ? e.message : String(e)}`,
        hint: 'this is a bug in aksnet; please report it with the input',
      });
    }
  }
  return out.sort(compareFindings);
}
