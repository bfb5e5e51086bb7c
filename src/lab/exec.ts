// Running the lab's commands. The only place in aksnet that starts `ip`, `iptables-restore`, `ipset` and the probe
// agents. Commands are argv arrays (never a shell line), optionally run inside a network namespace.
import { spawn } from 'node:child_process';

/** One command: argv, the namespace to run it in (absent = the caller's namespace), and text for its stdin. */
export interface LabCommand {
  readonly argv: readonly string[];
  /** Network namespace to enter with `ip netns exec` (absent = run where aksnet runs; only `ip`-level setup). */
  readonly netns?: string;
  /** Standard input (e.g. an `iptables-restore` or `ipset restore` file). */
  readonly input?: string;
  /** Why the command is run, for error messages and `--dry-run` listings. */
  readonly why?: string;
}

/** What a finished command returned. `code` null = killed by a signal or not started (see `error`). */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command could not be started or timed out. */
  readonly error?: string;
}

/** Runs lab commands. Tests substitute a recording runner; the CLI uses `spawnRunner`. */
export interface Runner {
  run(cmd: LabCommand, timeoutMs?: number): Promise<CommandResult>;
  /** Starts a long-running command (a listener) in the background, detached from aksnet; returns its pid if known. */
  start(cmd: LabCommand): number | undefined;
}

/** The argv actually executed for `cmd` (with `ip netns exec <ns>` in front when it runs in a namespace). */
export function fullArgv(cmd: LabCommand): string[] {
  return cmd.netns !== undefined ? ['ip', 'netns', 'exec', cmd.netns, ...cmd.argv] : [...cmd.argv];
}

/** A command as one line of text (for messages; arguments with spaces quoted). */
export function commandText(cmd: LabCommand): string {
  return fullArgv(cmd).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs commands with child_process.spawn; a command running longer than the timeout is killed. */
export const spawnRunner: Runner = {
  run(cmd: LabCommand, timeoutMs = 30_000): Promise<CommandResult> {
    const argv = fullArgv(cmd);
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let settled = false;
      const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        resolve({ code: null, stdout, stderr, error: `timed out after ${timeoutMs} ms` });
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ code: null, stdout, stderr, error: e.message });
      });
      child.on('close', (code) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(cmd.input ?? '');
    });
  },
  start(cmd: LabCommand): number | undefined {
    const argv = fullArgv(cmd);
    const child = spawn(argv[0] as string, argv.slice(1), { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  },
};

/** A runner that records commands and answers from `reply` (default: success, empty output). For tests. */
export class RecordingRunner implements Runner {
  readonly commands: LabCommand[] = [];
  constructor(private readonly reply: (cmd: LabCommand) => CommandResult = () => ({ code: 0, stdout: '', stderr: '' })) {}
  run(cmd: LabCommand): Promise<CommandResult> {
    this.commands.push(cmd);
    return Promise.resolve(this.reply(cmd));
  }
  /** Background commands started, in order. */
  readonly started: LabCommand[] = [];
  start(cmd: LabCommand): number | undefined {
    this.started.push(cmd);
    return undefined;
  }
}
