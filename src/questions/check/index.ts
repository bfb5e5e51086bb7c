// `aksnet check`: design rules over the model. A pure question: (model, context) → sorted findings.
import type { Model } from '../../model/model.js';
import { RULES } from './rules/index.js';
import { runRules } from './run.js';
import type { CheckContext, Finding } from './types.js';

export type { CheckContext, CheckRule, Finding, RuleExamples } from './types.js';
export { RULES, ruleById } from './rules/index.js';
export { compareFindings, runRules } from './run.js';

/** Runs every registered rule over `model`; findings sorted by location, code, message and resource. */
export function runCheck(model: Model, ctx: CheckContext): Finding[] {
  return runRules(RULES, model, ctx);
}
