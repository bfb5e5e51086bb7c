// SARIF 2.1.0: one run of the `aksnet` driver with rule metadata and one result per finding.
import type { Severity } from '../../model/diagnostic.js';
import { compareFindings } from '../../questions/check/run.js';
import type { CheckReport, RuleInfo } from './types.js';
import { compareById } from '../../model/compare.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF result levels for our severities (`info` is SARIF's `note`). */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  switch (s) {
    case 'error': return 'error';
    case 'warning': return 'warning';
    case 'info': return 'note';
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** A relative path as a SARIF URI (forward slashes, spaces and other reserved characters percent-encoded). */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * The report as a SARIF 2.1.0 log. `tool.driver.rules` lists every registered rule (sorted by id) plus a minimal
 * entry for each other code that occurs (input diagnostics); results carry ruleId, ruleIndex, level, message,
 * the location (artifactLocation.uri, region.startLine/startColumn when known) and `properties.resource`/`hint`.
 */
export function renderCheckSarif(report: CheckReport): string {
  const rules: RuleInfo[] = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of report.findings) {
    if (known.has(f.code)) continue;
    known.add(f.code);
    rules.push({ id: f.code, slug: f.code, title: f.code, severity: f.severity, description: 'input diagnostic', rationale: '' });
  }
  rules.sort(compareById);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = [...report.findings].sort(compareFindings).map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) ?? 0,
    level: sarifLevel(f.severity),
    message: { text: f.hint ? `${f.message}. Hint: ${f.hint}` : f.message },
    ...(f.origin ? {
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: toUri(f.origin.file) },
          ...(f.origin.line > 0 ? { region: { startLine: f.origin.line, startColumn: Math.max(1, f.origin.column) } } : {}),
        },
        ...(f.resource ? { logicalLocations: [{ name: f.resource }] } : {}),
      }],
    } : {}),
    properties: { resource: f.resource, ...(f.hint ? { hint: f.hint } : {}) },
  }));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'aksnet',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.slug,
            shortDescription: { text: r.title },
            fullDescription: { text: r.description },
            ...(r.rationale ? { help: { text: r.rationale } } : {}),
            defaultConfiguration: { level: sarifLevel(r.severity) },
            ...(r.slug !== r.id ? { helpUri: `docs/rules/${r.id}-${r.slug}.md` } : {}),
          })),
        },
      },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
