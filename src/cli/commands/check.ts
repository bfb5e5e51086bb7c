// PLACEHOLDER: the `aksnet check` command is being written.
import type { Command } from 'commander';
import type { Io } from '../output.js';

export function registerCheck(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .argument('<paths...>')
    .action(() => {
      io.err('aksnet check: not implemented yet');
      setExit(2);
    });
}
