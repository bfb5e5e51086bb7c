// Printing diagnostics and choosing exit codes, shared by every command.
import { compareDiagnostics, formatOrigin, SEVERITY_RANK, type Diagnostic, type Severity } from '../model/index.js';

/** Exit codes: 0 clean, 1 findings at or above --fail-on, 2 unusable input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

/** Where a command writes: stdout for answers, stderr for diagnostics and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The Io of a real run: the process's stdout and stderr, one line per call (a newline is added when missing). */
export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** `file:line:col: severity CODE message` lines, sorted, with the hint indented below. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.origin ? formatOrigin(d.origin) + ': ' : '';
  const hint = d.hint ? `\n    hint: ${d.hint}` : '';
  return `${where}${d.severity} ${d.code} ${d.message}${hint}`;
}

/** Prints `diags` on stderr, sorted (compareDiagnostics), one formatDiagnostic block each. */
export function printDiagnostics(io: Io, diags: readonly Diagnostic[]): void {
  for (const d of [...diags].sort(compareDiagnostics)) io.err(formatDiagnostic(d));
}

/** True when some diagnostic is at or above `level`. */
export function hasAtLeast(diags: readonly Diagnostic[], level: Severity): boolean {
  return diags.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[level]);
}

/** A mistake in the command line (bad flag value, unknown reference): exit 2 with the message, no stack trace. */
export class UsageError extends Error {}

/**
 * The flag value `value` as one of `allowed` (exact match), or a UsageError `<flag> must be one of a, b (got 'x')`:
 * every command validates its enumerated flags with it, so the message reads the same everywhere.
 */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const v = allowed.find((a) => a === value);
  if (v === undefined) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return v;
}

/**
 * Like `oneOf`, but ignoring case and surrounding blanks — for flags that mirror Azure's case-insensitive values
 * (`--protocol tcp`, `--direction inbound`); returns the spelling of `allowed`.
 */
export function oneOfIgnoringCase<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const wanted = value.trim().toLowerCase();
  return oneOf(flag, allowed.find((a) => a.toLowerCase() === wanted) ?? value, allowed);
}
