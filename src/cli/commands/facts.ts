// `aksnet facts`: the named, dated constants aksnet's answers rest on (limits, defaults, retirement dates), with the
// date each was confirmed and its source, as text or JSON. Reads no input.
import type { Command } from 'commander';
import * as factsModule from '../../model/facts.js';
import type { Fact } from '../../model/facts.js';
import { EXIT_OK, type Io, oneOf, UsageError } from '../output.js';
import { compareById } from '../../model/compare.js';

/** Output formats of `aksnet facts`. */
export const FACTS_FORMATS = ['text', 'json'] as const;
/** One of FACTS_FORMATS. */
export type FactsFormat = (typeof FACTS_FORMATS)[number];

function isFact(v: unknown): v is Fact<unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.asOf === 'string' && typeof o.source === 'string' && 'value' in o;
}

/**
 * Every fact of model/facts.ts, sorted by id: ALL_FACTS plus any fact exported by the module but listed in no group
 * (so a newly added constant is never missing from this listing). Ids are unique (facts.test.ts checks ALL_FACTS).
 */
export function allFacts(): Fact<unknown>[] {
  const byId = new Map<string, Fact<unknown>>();
  for (const f of factsModule.ALL_FACTS) byId.set(f.id, f);
  for (const v of Object.values(factsModule)) {
    if (isFact(v) && !byId.has(v.id)) byId.set(v.id, v);
    if (Array.isArray(v)) for (const x of v) if (isFact(x) && !byId.has(x.id)) byId.set(x.id, x);
  }
  return [...byId.values()].sort(compareById);
}

/** A fact's value as one line: strings and numbers as they are, anything else as compact JSON. */
export function formatFactValue(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}

/** The facts as a text table (id, value, as of, source; the note indented below) or as JSON `{"facts": [...]}`. */
export function renderFacts(facts: readonly Fact<unknown>[], format: FactsFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify({
        facts: facts.map((f) => ({ id: f.id, value: f.value, asOf: f.asOf, source: f.source, ...(f.note ? { note: f.note } : {}) })),
      }, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), 2);
    case 'text': {
      const lines: string[] = [];
      for (const f of facts) {
        lines.push(`${f.id} = ${formatFactValue(f.value)}`);
        lines.push(`    as of ${f.asOf}, source: ${f.source}`);
        if (f.note) lines.push(`    note: ${f.note}`);
      }
      lines.push(`${facts.length} facts`);
      return lines.join('\n');
    }
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** Registers `aksnet facts` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerFacts(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('facts')
    .description('List the named, dated constants (limits, defaults, retirement dates) with their sources')
    .argument('[ids...]', 'only these fact ids (case-insensitive substrings); default: every fact')
    .option('--format <format>', `output format: ${FACTS_FORMATS.join(', ')}`, 'text')
    .action((ids: string[], flags: { format: string }) => {
      const format = oneOf('--format', flags.format, FACTS_FORMATS);
      const wanted = ids.map((i) => i.toLowerCase());
      const list = allFacts().filter((f) => wanted.length === 0 || wanted.some((w) => f.id.toLowerCase().includes(w)));
      if (list.length === 0) throw new UsageError(`no fact matches ${ids.join(', ')}`);
      io.out(renderFacts(list, format));
      setExit(EXIT_OK);
    });
}
