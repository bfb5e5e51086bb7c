// The documentation page of a rule, generated from its metadata and its examples (run to show their findings),
// so docs/rules/<id>-<slug>.md always says what the code does.
import { stringify } from 'yaml';
import { runRules } from './run.js';
import { buildSketch, type ModelSketch } from './sketch.js';
import type { CheckRule } from './types.js';

/** The date the examples in the docs are evaluated at (retirement rules count days from it). */
export const DOC_TODAY = '2026-01-01';

/** The file name of a rule's doc inside docs/rules/. */
export function ruleDocFile(rule: CheckRule): string {
  return `${rule.id}-${rule.slug}.md`;
}

function example(rule: CheckRule, sketch: ModelSketch): string {
  const findings = runRules([rule], buildSketch(sketch), { today: DOC_TODAY });
  const yaml = stringify(sketch, { lineWidth: 0 }).trimEnd();
  const out = findings.length === 0 ? 'No findings.' : ['```text', ...findings.flatMap((f) => [
    `${f.origin ? `${f.origin.file}:${f.origin.line}:${f.origin.column}: ` : ''}${f.severity} ${f.code} ${f.message}`,
    `    resource: ${f.resource}`,
    ...(f.hint ? [`    hint: ${f.hint}`] : []),
  ]), '```'].join('\n');
  return `\`\`\`yaml\n${yaml}\n\`\`\`\n\n${findings.length ? `Findings (evaluated on ${DOC_TODAY}):\n\n` : ''}${out}\n`;
}

/** The Markdown page of `rule`. */
export function renderRuleDoc(rule: CheckRule): string {
  return [
    `# ${rule.id} ${rule.slug}: ${rule.title}`,
    '',
    `Severity: **${rule.severity}** (the most severe level this rule reports).`,
    '',
    '<!-- Generated from src/questions/check/rules/' + `${rule.slug}.ts; regenerate with \`npm test -- --update\`. -->`,
    '',
    '## What it checks',
    '',
    rule.description,
    '',
    '## Why',
    '',
    rule.rationale,
    '',
    '## Source',
    '',
    rule.source,
    '',
    '## Failing example',
    '',
    'Examples use the sketch form of the rule tests (src/questions/check/sketch.ts): absent fields take AKS defaults.',
    '',
    example(rule, rule.examples.failing),
    '## Passing example',
    '',
    example(rule, rule.examples.passing),
  ].join('\n');
}
