// `aksnet migrate <paths> --to <engine | overlay | cilium-dataplane>`: flows whose verdict changes, prerequisites,
// steps and the window without enforcement. Exit 0 when nothing blocks the move, 1 when a prerequisite blocks it or
// flows change, 2 for unusable input.
import type { Command } from 'commander';
import { ENGINE_NAMES } from '../../engines/policy/index.js';
import { migrate, MIGRATE_TARGETS, type MigrateTarget } from '../../questions/migrate/index.js';
import { MIGRATE_FORMATS, renderMigrate, type MigrateFormat } from '../../render/migrate/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, printDiagnostics } from '../output.js';
import { loadModel } from '../pipeline.js';

interface MigrateFlags {
  readonly to: string;
  readonly fromEngine?: string;
  readonly format: string;
  readonly keepGoing?: boolean;
}

/** Registers `aksnet migrate` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerMigrate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('migrate')
    .description('What changes when the cluster moves to another policy engine, to Azure CNI Overlay or to the Cilium dataplane')
    .argument('<paths...>', 'files or directories to read')
    .requiredOption('--to <target>', `${MIGRATE_TARGETS.join('|')}`)
    .option('--from-engine <engine>', `the engine enforcing now: ${ENGINE_NAMES.join('|')} (default: the cluster's)`)
    .option('--format <format>', `output: ${MIGRATE_FORMATS.join('|')}`, 'text')
    .option('--keep-going', 'answer for the usable part of the input even when some of it has errors')
    .action((paths: string[], flags: MigrateFlags) => {
      const to: MigrateTarget = oneOf('--to', flags.to, MIGRATE_TARGETS);
      const format: MigrateFormat = oneOf('--format', flags.format, MIGRATE_FORMATS);
      const fromEngine = flags.fromEngine !== undefined ? oneOf('--from-engine', flags.fromEngine, ENGINE_NAMES) : undefined;
      const input = loadModel(paths);
      if (hasAtLeast(input.diagnostics, 'error') && !flags.keepGoing) {
        printDiagnostics(io, input.diagnostics);
        io.err('aksnet migrate: the input has errors; fix them (or pass --keep-going)');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const answer = migrate(input.model, { to, ...(fromEngine !== undefined ? { fromEngine } : {}) });
      printDiagnostics(io, [...input.diagnostics, ...answer.diagnostics]);
      io.out(renderMigrate(answer, format));
      const blocked = answer.prerequisites.some((p) => p.status === 'blocked');
      setExit(blocked || answer.changes.length > 0 || answer.window.opened.length > 0 ? EXIT_FINDINGS : EXIT_OK);
    });
}
