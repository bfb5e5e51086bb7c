// The lab's state on disk: one JSON file per running lab, keyed by its prefix, in a directory under the system's
// temporary directory. `down` reads it to know what to remove; `down --all` also removes namespaces no state file
// names (a lab whose process was killed with SIGKILL).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrefix } from './names.js';

/** What a running lab left behind: its prefix, namespaces, mode and engine, and when it was made. */
export interface LabState {
  readonly prefix: string;
  readonly namespaces: readonly string[];
  readonly mode: string;
  readonly engine: string;
  /** ISO time the lab was brought up. */
  readonly created: string;
  /** Pid of the aksnet process that made it. */
  readonly pid: number;
  /** Inputs it was built from. */
  readonly paths: readonly string[];
  /** namespace/name → pod namespace, for `--keep` instructions. */
  readonly pods: Readonly<Record<string, string>>;
}

/** The directory holding lab state files (`$TMPDIR/aksnet-lab`). */
export function defaultStateDir(): string {
  return join(tmpdir(), 'aksnet-lab');
}

/** Path of a lab's state file. */
export function statePath(dir: string, prefix: string): string {
  return join(dir, `${prefix}.json`);
}

/** Writes the state file (creating the directory). */
export function writeState(dir: string, s: LabState): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(statePath(dir, s.prefix), JSON.stringify(s, null, 2) + '\n', { mode: 0o600 });
}

/** Reads a state file; undefined when it is missing or not a lab state. */
export function readState(dir: string, prefix: string): LabState | undefined {
  try {
    const v = JSON.parse(readFileSync(statePath(dir, prefix), 'utf8')) as Partial<LabState>;
    if (typeof v.prefix !== 'string' || !isPrefix(v.prefix) || !Array.isArray(v.namespaces)) return undefined;
    return v as LabState;
  } catch {
    return undefined;
  }
}

/** Prefixes of every state file in the directory. */
export function listStates(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).filter(isPrefix).sort();
  } catch {
    return [];
  }
}

/** Removes a lab's state file and its probe client file (missing files are fine). */
export function removeState(dir: string, prefix: string): void {
  rmSync(statePath(dir, prefix), { force: true });
  rmSync(join(dir, `${prefix}-probe.mjs`), { force: true });
}
