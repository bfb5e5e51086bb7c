// PLACEHOLDER: the `aksnet can` command is being written.
import type { Command } from 'commander';
import type { Io } from '../output.js';

export function registerCan(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('can')
    .argument('<paths...>')
    .action(() => {
      io.err('aksnet can: not implemented yet');
      setExit(2);
    });
}
