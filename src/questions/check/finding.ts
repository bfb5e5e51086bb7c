// Building findings and the small amount of arithmetic several rules share (dates, plurals).
import type { Severity } from '../../model/diagnostic.js';
import type { Origin } from '../../model/origin.js';
import type { Finding } from './types.js';

/** A finding of rule `code`; `hint` absent = the message says everything there is to do. */
export function finding(
  code: string, severity: Severity, resource: string, origin: Origin | undefined, message: string, hint?: string,
): Finding {
  return { code, severity, resource, origin, message, ...(hint !== undefined ? { hint } : {}) };
}

const DAY_MS = 86_400_000;

/** Days from `today` to `date` (both `YYYY-MM-DD`, UTC): positive = in the future; NaN when either is malformed. */
export function daysBetween(today: string, date: string): number {
  const a = parseDay(today);
  const b = parseDay(date);
  return a === undefined || b === undefined ? Number.NaN : Math.round((b - a) / DAY_MS);
}

/** Milliseconds since the epoch of a strict `YYYY-MM-DD` (UTC midnight); undefined when not a real date. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : undefined;
}

/** "1 node" / "3 nodes". */
export function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;
}
