// PLACEHOLDER: the `aksnet plan` command is being written.
import type { Command } from 'commander';
import type { Io } from '../output.js';

export function registerPlan(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('plan')
    .argument('<paths...>')
    .action(() => {
      io.err('aksnet plan: not implemented yet');
      setExit(2);
    });
}
