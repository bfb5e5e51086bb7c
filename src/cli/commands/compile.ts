// `aksnet compile <paths> --node <name> --engine azure-npm|calico`: the iptables filter table and ipsets that
// engine would program on that node. `--format iptables` prints `iptables-save` text with the `ipset restore` text
// embedded as `# ipset:` comment lines (iptables-restore skips them); `ipset` prints only the ipset text; `json`
// both as data. `--ipset-file` also writes the ipset text to a file.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ATTACH_MODES, COMPILE_ENGINES, NPM_HASH_SCHEMES, type CompiledNode } from '../../compile/index.js';
import { clusterCompileEngine, compileQuestion } from '../../questions/compile/index.js';
import { EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, printDiagnostics, UsageError } from '../output.js';
import { loadModel } from '../pipeline.js';

/** Output formats of `aksnet compile`. */
export const COMPILE_FORMATS = ['iptables', 'ipset', 'json'] as const;
type CompileFormat = (typeof COMPILE_FORMATS)[number];

interface CompileFlags {
  readonly node?: string;
  readonly engine?: string;
  readonly format: string;
  readonly mode: string;
  readonly hashScheme?: string;
  readonly ipsetFile?: string;
  readonly keepGoing?: boolean;
}

/** The text printed for `format`. */
export function renderCompiled(c: CompiledNode, format: CompileFormat): string {
  switch (format) {
    case 'iptables': {
      const ipset = c.ipsetRestore === '' ? [] : c.ipsetRestore.replace(/\n$/, '').split('\n').map((l) => `# ipset: ${l}`);
      const ifaces = c.interfaces.map((i) => `# interface: ${i.name} ${i.ip} ${i.pod}`);
      return [...ipset, ...ifaces, c.iptablesSave.replace(/\n$/, '')].join('\n');
    }
    case 'ipset':
      return c.ipsetRestore.replace(/\n$/, '');
    case 'json':
      return JSON.stringify({
        engine: c.engine, node: c.node, mode: c.mode, scope: c.scope, interfaces: c.interfaces,
        ipsets: c.ipsets, ipsetRestore: c.ipsetRestore, iptablesSave: c.iptablesSave,
      }, null, 2);
    default: {
      const never: never = format;
      throw new RangeError(`unknown format ${String(never)}`);
    }
  }
}

export function registerCompile(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('compile')
    .description('The iptables-save and ipset restore text a policy engine (Azure NPM, Calico) would program on one node')
    .argument('<paths...>', 'files or directories to read')
    .option('--node <name>', 'node name (a derived node, a Kubernetes Node, or a virtual node-<i>); default: the first node with pods')
    .option('--engine <engine>', `${COMPILE_ENGINES.join('|')} (default: the cluster's network policy)`)
    .option('--format <format>', `output: ${COMPILE_FORMATS.join('|')}`, 'iptables')
    .option('--mode <mode>', `how pods attach to the node: ${ATTACH_MODES.join('|')}`, 'transparent')
    .option('--hash-scheme <scheme>', `Azure NPM kernel names: ${NPM_HASH_SCHEMES.join('|')}`)
    .option('--ipset-file <path>', 'also write the ipset restore text to this file')
    .option('--keep-going', 'compile the usable part of the input even when some of it has errors')
    .action((paths: string[], flags: CompileFlags) => {
      const format = oneOf('--format', flags.format, COMPILE_FORMATS);
      const mode = oneOf('--mode', flags.mode, ATTACH_MODES);
      const npmHashScheme = flags.hashScheme !== undefined ? oneOf('--hash-scheme', flags.hashScheme, NPM_HASH_SCHEMES) : undefined;
      const explicit = flags.engine !== undefined ? oneOf('--engine', flags.engine, COMPILE_ENGINES) : undefined;
      const input = loadModel(paths);
      const diags = [...input.diagnostics];
      if (hasAtLeast(diags, 'error') && !flags.keepGoing) {
        printDiagnostics(io, diags);
        io.err('aksnet compile: the input has errors; fix them (or pass --keep-going)');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const engine = explicit ?? clusterCompileEngine(input.model);
      if (engine === undefined) {
        throw new UsageError(`--engine is required: the input names no cluster running ${COMPILE_ENGINES.join(' or ')}`);
      }
      const answer = compileQuestion(input.model, { engine, mode, ...(flags.node !== undefined ? { node: flags.node } : {}), ...(npmHashScheme ? { npmHashScheme } : {}) });
      printDiagnostics(io, [...diags, ...answer.diagnostics]);
      if (answer.compiled === undefined) {
        setExit(EXIT_UNUSABLE);
        return;
      }
      if (flags.ipsetFile !== undefined) writeFileSync(flags.ipsetFile, answer.compiled.ipsetRestore);
      io.out(renderCompiled(answer.compiled, format));
      setExit(hasAtLeast(answer.diagnostics, 'error') ? EXIT_UNUSABLE : EXIT_OK);
    });
}
