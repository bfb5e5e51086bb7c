// Reads the user's paths: files, directories (recursively, sorted) and `-` for standard input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { LOAD_CODES } from './codes.js';

/** A file's path as the user would recognise it, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Extensions aksnet reads inside directories; a file named explicitly is always read. */
const READ_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.sh', '.bash', '.azcli']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform']);

/** The files behind `paths`; directories are walked in sorted order. Unreadable paths become diagnostics. */
export function readInputs(paths: readonly string[], stdin?: () => string): {
  files: SourceFile[];
  skipped: string[];
  diagnostics: Diagnostic[];
} {
  const files: SourceFile[] = [];
  const skipped: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
    } catch (e) {
      diagnostics.push({
        code: LOAD_CODES.UNREADABLE, severity: 'error', message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        origin: { file: path, line: 0, column: 0 }, hint: 'check the path and its permissions',
      });
    }
  };
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      diagnostics.push({
        code: LOAD_CODES.UNREADABLE, severity: 'error', message: `cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? ''}`,
        origin: { file: dir, line: 0, column: 0 },
      });
      return;
    }
    for (const name of entries) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(p);
      } else if (READ_EXTENSIONS.has(extname(name).toLowerCase())) {
        add(p);
      } else {
        skipped.push(p);
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push({ path: '<stdin>', text: stdin ? stdin() : readFileSync(0, 'utf8') });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      diagnostics.push({
        code: LOAD_CODES.UNREADABLE, severity: 'error', message: `no such file or directory: ${p}`,
        origin: { file: p, line: 0, column: 0 }, hint: 'give files or directories of az/ARM/Terraform/Kubernetes artefacts, or - for stdin',
      });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return { files, skipped, diagnostics };
}
