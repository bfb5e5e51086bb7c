// Shared wording of retirement findings: "retires on D (N days left)" or "retired on D (N days ago)".
import type { Severity } from '../../model/diagnostic.js';
import { daysBetween, plural } from './finding.js';

/** The phrase and severity for an end-of-support `date` seen from `today`: warning before, error after. */
export function retirementStatus(today: string, date: string): { readonly phrase: string; readonly severity: Severity } {
  const days = daysBetween(today, date);
  if (Number.isNaN(days)) return { phrase: `retires on ${date}`, severity: 'warning' };
  if (days > 0) return { phrase: `retires on ${date} (${plural(days, 'day')} left)`, severity: 'warning' };
  return { phrase: `was retired on ${date}${days < 0 ? ` (${plural(-days, 'day')} ago)` : ' (today)'}`, severity: 'error' };
}
