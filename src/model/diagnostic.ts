// Diagnostics are data: a stable code, a severity, a message, where, and what to do about it.
import { compareText } from './compare.js';
import type { Origin } from './origin.js';

/** How bad a finding is. `error` makes `--fail-on error` exit 1; `info` never fails a run. */
export type Severity = 'error' | 'warning' | 'info';

/** Severities as numbers for comparisons (`--fail-on`): higher is worse. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/**
 * One problem found in the input (by a loader or adapter) or in the design (by a `check` rule).
 * `code` is stable across releases (AKS1xxx input problems, AKS2xxx address design, AKS3xxx policy, AKS4xxx path);
 * `resource` names the object concerned as the artefact spells it; `hint` says what to do.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly origin?: Origin;
  readonly resource?: string;
  readonly hint?: string;
}

/** Collects diagnostics in arrival order; the renderers sort them. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  report(d: Diagnostic): void {
    this.items.push(d);
  }
  error(code: string, message: string, origin?: Origin, hint?: string): void {
    this.report({ code, severity: 'error', message, origin, hint });
  }
  warning(code: string, message: string, origin?: Origin, hint?: string): void {
    this.report({ code, severity: 'warning', message, origin, hint });
  }
  info(code: string, message: string, origin?: Origin, hint?: string): void {
    this.report({ code, severity: 'info', message, origin, hint });
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Orders diagnostics by file, line, column, code, message: deterministic output everywhere. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.origin?.file ?? '';
  const fb = b.origin?.file ?? '';
  if (fa !== fb) return compareText(fa, fb);
  const la = a.origin?.line ?? 0;
  const lb = b.origin?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.origin?.column ?? 0;
  const cb = b.origin?.column ?? 0;
  if (ca !== cb) return ca - cb;
  return compareText(a.code, b.code) || compareText(a.message, b.message);
}
