// The check renderers by format name.
import { renderCheckJson } from './json.js';
import { renderCheckSarif } from './sarif.js';
import { renderCheckText } from './text.js';
import type { CheckReport } from './types.js';

export type { CheckReport, RuleInfo } from './types.js';
export { renderCheckJson, renderCheckSarif, renderCheckText };

/** Output formats of `aksnet check`. */
export type CheckFormat = 'text' | 'json' | 'sarif';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif'];

/** Renders the report in `format`. */
export function renderCheck(format: CheckFormat, report: CheckReport): string {
  switch (format) {
    case 'text': return renderCheckText(report);
    case 'json': return renderCheckJson(report);
    case 'sarif': return renderCheckSarif(report);
    default: {
      const never: never = format;
      return never;
    }
  }
}
