// Renderers of the plan answer: `text` (human report) and `json`.
import type { PlanAnswer } from '../../questions/plan/types.js';
import { renderPlanJson } from './json.js';
import { renderPlanText } from './text.js';

/** Output formats of `aksnet plan`. */
export type PlanFormat = 'text' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json'];

/** Renders the answer in `format`. */
export function renderPlan(answer: PlanAnswer, format: PlanFormat): string {
  switch (format) {
    case 'text':
      return renderPlanText(answer);
    case 'json':
      return renderPlanJson(answer);
    default: {
      const never: never = format;
      return never;
    }
  }
}
export { planJson, renderPlanJson } from './json.js';
export { renderPlanText } from './text.js';
