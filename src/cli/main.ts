// The `aksnet` command line: maps flags to question parameters and prints answers. No logic lives here.
import { Command, CommanderError } from 'commander';
import { registerCan } from './commands/can.js';
import { registerCheck } from './commands/check.js';
import { registerFacts } from './commands/facts.js';
import { registerCompile } from './commands/compile.js';
import { registerMatrix } from './commands/matrix.js';
import { registerMigrate } from './commands/migrate.js';
import { registerIpflow } from './commands/ipflow.js';
import { registerLab } from './commands/lab.js';
import { registerNexthop } from './commands/nexthop.js';
import { registerPlan } from './commands/plan.js';
import { registerTrace } from './commands/trace.js';
import { EXIT_UNUSABLE, processIo, UsageError, type Io } from './output.js';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const setExit = (c: number): void => {
    exitCode = c;
  };
  const program = new Command()
    .name('aksnet')
    .description('An offline digital twin of Azure Kubernetes Service networking.\n' +
      'Reads az CLI JSON, ARM templates, Terraform plan JSON, az scripts, Kubernetes manifests and aksnet/v1 YAML.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .showSuggestionAfterError(true);
  registerPlan(program, io, setExit);
  registerCheck(program, io, setExit);
  registerCan(program, io, setExit);
  registerMatrix(program, io, setExit);
  registerIpflow(program, io, setExit);
  registerNexthop(program, io, setExit);
  registerTrace(program, io, setExit);
  registerFacts(program, io, setExit);
  registerCompile(program, io, setExit);
  registerMigrate(program, io, setExit);
  registerLab(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error.
      return e.exitCode === 0 ? 0 : EXIT_UNUSABLE;
    }
    if (e instanceof UsageError) {
      io.err(`aksnet: ${e.message}`);
      return EXIT_UNUSABLE;
    }
    io.err(`aksnet: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT_UNUSABLE;
  }
  return exitCode;
}
