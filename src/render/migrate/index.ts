// Renders the migrate answer as text, Markdown or JSON. Everything arrives sorted from the question; renderers keep
// that order.
import { formatOrigin } from '../../model/origin.js';
import type { FlowChange, MigrateAnswer, Prerequisite } from '../../questions/migrate/index.js';

/** Output formats of `aksnet migrate`. */
export const MIGRATE_FORMATS = ['text', 'json', 'md'] as const;
export type MigrateFormat = (typeof MIGRATE_FORMATS)[number];

/** The answer in `format`. */
export function renderMigrate(a: MigrateAnswer, format: MigrateFormat): string {
  switch (format) {
    case 'text':
      return text(a);
    case 'md':
      return md(a);
    case 'json':
      return JSON.stringify(a, null, 2);
    default: {
      const never: never = format;
      throw new RangeError(`unknown format ${String(never)}`);
    }
  }
}

const MARK: Record<Prerequisite['status'], string> = { met: 'ok', action: 'TODO', blocked: 'BLOCKED', unknown: 'CHECK', info: 'note' };

function state(s: MigrateAnswer['before']): string {
  return [`policy ${s.enforcement}`, s.networkMode, s.dataplane ? `${s.dataplane} dataplane` : undefined].filter(Boolean).join(', ');
}

function end(e: FlowChange['src']): string {
  return e.kind === 'external' ? e.name : `${e.name}${e.pod ? ` (e.g. ${e.pod})` : ''}`;
}

function changeLines(c: FlowChange, indent: string): string[] {
  const out = [`${indent}${end(c.src)} -> ${end(c.dst)}${c.podPairs > 1 ? ` [${c.podPairs} pod pairs]` : ''}`];
  if (c.gained) out.push(`${indent}  gained: ${c.gained}`);
  if (c.lost) out.push(`${indent}  lost:   ${c.lost}`);
  out.push(`${indent}  ${c.probe} before: ${c.before.allowed ? 'allowed' : 'denied'} — ${c.before.summary}`);
  out.push(`${indent}  ${c.probe} after:  ${c.after.allowed ? 'allowed' : 'denied'} — ${c.after.summary}`);
  const where = [...c.before.rules, ...c.after.rules].filter((r) => r.origin).map((r) => `${r.policy}${r.rule ? ` ${r.rule}` : ''} at ${formatOrigin(r.origin!)}`);
  if (where.length > 0) out.push(`${indent}  rules: ${[...new Set(where)].join('; ')}`);
  return out;
}

function text(a: MigrateAnswer): string {
  const out: string[] = [];
  out.push(`Migrate ${a.cluster ?? '(no cluster)'} to ${a.target}`);
  out.push(`  before: ${state(a.before)}`);
  out.push(`  after:  ${state(a.after)}`);
  out.push('', 'Prerequisites:');
  if (a.prerequisites.length === 0) out.push('  (none)');
  for (const p of a.prerequisites) out.push(`  [${MARK[p.status]}] ${p.id}: ${p.text}`);
  out.push('', 'Steps:');
  if (a.steps.length === 0) out.push('  (nothing to do)');
  a.steps.forEach((s, i) => out.push(`  ${i + 1}. ${s.title} — enforcement: ${s.enforcement}${s.command ? `\n     ${s.command}` : ''}`));
  out.push('', `Flows whose verdict changes (${a.changes.length}):`);
  if (a.changes.length === 0) out.push('  (none)');
  for (const c of a.changes) out.push(...changeLines(c, '  '));
  out.push('', 'Window without enforcement:');
  if (a.window.steps.length === 0) out.push('  none');
  else {
    out.push(`  during: ${a.window.steps.join('; ')}`);
    out.push(`  flows open then that are denied now (${a.window.opened.length}):`);
    for (const c of a.window.opened) out.push(`    ${end(c.src)} -> ${end(c.dst)}: ${c.gained}`);
  }
  return out.join('\n');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function md(a: MigrateAnswer): string {
  const out: string[] = [];
  out.push(`# Migrate ${a.cluster ?? '(no cluster)'} to ${a.target}`, '');
  out.push(`- before: ${state(a.before)}`, `- after: ${state(a.after)}`, '');
  out.push('## Prerequisites', '', '| status | id | detail |', '|---|---|---|');
  for (const p of a.prerequisites) out.push(`| ${MARK[p.status]} | ${p.id} | ${cell(p.text)} |`);
  out.push('', '## Steps', '', '| # | step | enforcement | command |', '|---|---|---|---|');
  a.steps.forEach((s, i) => out.push(`| ${i + 1} | ${cell(s.title)} | ${s.enforcement} | ${s.command ? `\`${s.command}\`` : ''} |`));
  out.push('', `## Flows whose verdict changes (${a.changes.length})`, '', '| from | to | gained | lost | probe | before | after |', '|---|---|---|---|---|---|---|');
  for (const c of a.changes) {
    out.push(`| ${cell(end(c.src))} | ${cell(end(c.dst))} | ${cell(c.gained)} | ${cell(c.lost)} | ${c.probe} | ${cell(`${c.before.allowed ? 'allowed' : 'denied'}: ${c.before.summary}`)} | ${cell(`${c.after.allowed ? 'allowed' : 'denied'}: ${c.after.summary}`)} |`);
  }
  out.push('', '## Window without enforcement', '');
  if (a.window.steps.length === 0) out.push('None.');
  else {
    out.push(`During: ${a.window.steps.join('; ')}.`, '', '| from | to | opens |', '|---|---|---|');
    for (const c of a.window.opened) out.push(`| ${cell(end(c.src))} | ${cell(end(c.dst))} | ${cell(c.gained)} |`);
  }
  return out.join('\n');
}
