// PLACEHOLDER: the `aksnet matrix` command is being written.
import type { Command } from 'commander';
import type { Io } from '../output.js';

export function registerMatrix(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('matrix')
    .argument('<paths...>')
    .action(() => {
      io.err('aksnet matrix: not implemented yet');
      setExit(2);
    });
}
