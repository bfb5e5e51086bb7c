// Golden-file comparison for tests: compare text with a stored golden; on mismatch write `<golden>.actual` next to
// it so the difference can be inspected; with AKSNET_UPDATE=1 in the environment, rewrite the golden instead.
// Test-only helper (it touches files, so it lives outside the core and is never imported by the core).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The outcome of one comparison. `diff` is a short, human-readable first difference ('' when equal). */
export interface GoldenResult {
  /** True when `actual` equals the golden (after normalisation) or the golden was (re)written in update mode. */
  readonly ok: boolean;
  /** True when the golden file was written because update mode is on or `create` was asked for. */
  readonly updated: boolean;
  /** The first differing line, both versions, or a note that the golden is missing; '' when equal. */
  readonly diff: string;
}

/** How texts are compared. */
export interface GoldenOptions {
  /** Ignore trailing whitespace at the end of each line and of the file (default true). */
  readonly trimTrailing?: boolean;
  /** Force update mode on/off; default: on when env AKSNET_UPDATE is '1'. */
  readonly update?: boolean;
}

/** True when the environment asks for goldens to be rewritten (AKSNET_UPDATE=1, or `npm test -- --update`). */
export function updateMode(): boolean {
  return process.env.AKSNET_UPDATE === '1';
}

/** Normalises line endings to \n and (by default) trailing whitespace, so goldens survive editors and Windows. */
export function normalizeText(text: string, trimTrailing = true): string {
  const lf = text.replace(/\r\n?/g, '\n');
  if (!trimTrailing) return lf;
  return lf.split('\n').map((l) => l.replace(/[ \t]+$/, '')).join('\n').replace(/\n+$/, '');
}

/** The first line where `a` and `b` differ, shown as `line N:\n  golden: …\n  actual: …`; '' when equal. */
export function firstDifference(golden: string, actual: string): string {
  if (golden === actual) return '';
  const g = golden.split('\n');
  const a = actual.split('\n');
  const n = Math.max(g.length, a.length);
  for (let i = 0; i < n; i++) {
    if (g[i] !== a[i]) {
      return `line ${i + 1}:\n  golden: ${g[i] ?? '<end of file>'}\n  actual: ${a[i] ?? '<end of file>'}`;
    }
  }
  return 'texts differ only in line endings';
}

/**
 * Compares `actual` with the golden file at `goldenPath`. Equal: removes a stale `<golden>.actual`. Different: writes
 * `<golden>.actual` (or, in update mode, rewrites the golden and reports ok). A missing golden is a mismatch unless
 * update mode is on.
 */
export function compareGolden(goldenPath: string, actual: string, opts: GoldenOptions = {}): GoldenResult {
  const trim = opts.trimTrailing ?? true;
  const update = opts.update ?? updateMode();
  const actualPath = goldenPath + '.actual';
  const want = existsSync(goldenPath) ? normalizeText(readFileSync(goldenPath, 'utf8'), trim) : undefined;
  const got = normalizeText(actual, trim);
  if (want === got) {
    if (existsSync(actualPath)) rmSync(actualPath);
    return { ok: true, updated: false, diff: '' };
  }
  if (update) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, got + '\n');
    if (existsSync(actualPath)) rmSync(actualPath);
    return { ok: true, updated: true, diff: '' };
  }
  mkdirSync(dirname(actualPath), { recursive: true });
  writeFileSync(actualPath, got + '\n');
  return {
    ok: false,
    updated: false,
    diff: want === undefined ? `golden ${goldenPath} does not exist (run with AKSNET_UPDATE=1 to create it)`
      : firstDifference(want, got),
  };
}
