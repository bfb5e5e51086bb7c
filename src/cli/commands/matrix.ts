// `aksnet matrix <paths>`: maps flags to the matrix question's parameters, builds the policy engine for the chosen
// profile, prints the answer in the chosen format on stdout and diagnostics on stderr.
import type { Command } from 'commander';
import { L4_PROTOCOLS, type L4Protocol } from '../../engines/net/index.js';
import {
  buildPolicyEngine, chooseEngine, ENGINE_NAMES, engineProfile, type EngineName, type EngineOptions,
} from '../../engines/policy/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import { MATRIX_CODES, matrix, withIngressController, type MatrixGranularity } from '../../questions/matrix/index.js';
import { MATRIX_FORMATS, renderMatrix, type MatrixFormat } from '../../render/matrix/index.js';
import { EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, printDiagnostics, UsageError } from '../output.js';
import { loadManifests, noInputFiles } from '../pipeline.js';

const MATRIX_HELP = `
A document that is not a Kubernetes object in a file of manifests is an error; a file without any is skipped with a warning.
--format connlist|connlist-json with --by workload --ipblock-pods ignore prints what np-guard netpol-analyzer's
\`list -o txt|json\` prints for the same directory.
Exit codes: 0 answer printed, 2 unusable input (errors in the input, unless --keep-going) or a bad flag.`;

const GRANULARITIES: readonly MatrixGranularity[] = ['pod', 'workload', 'namespace'];
const IPBLOCK_MODES = ['match', 'ignore'] as const;

/** loadManifests moved to cli/pipeline.ts (next to loadModel); re-exported for existing importers. */
export { loadManifests } from '../pipeline.js';

/** Flags of `aksnet matrix` as commander parses them (strings until validated). */
interface MatrixFlags {
  readonly by: string;
  readonly ports?: string;
  readonly protocols?: string;
  readonly format: string;
  readonly engine?: string;
  readonly ipblockPods?: string;
  readonly keepGoing?: boolean;
  readonly verbose?: boolean;
}

/** Parses `--ports 80,81,8000-8002` into port numbers 1..65535. */
export function parsePorts(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m && m[2] !== undefined ? Number(m[2]) : lo;
    if (!m || lo < 1 || hi > 65535 || hi < lo || hi - lo > 1024) {
      throw new UsageError(`--ports: '${part}' is not a port (1-65535) or a short range like 8000-8010`);
    }
    for (let p = lo; p <= hi; p++) out.push(p);
  }
  if (out.length === 0) throw new UsageError('--ports: give at least one port, e.g. --ports 80,443');
  return out;
}

/** Parses `--protocols tcp,UDP` (case-insensitive) into protocols. */
export function parseProtocols(text: string): L4Protocol[] {
  const out: L4Protocol[] = [];
  for (const part of text.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)) {
    out.push(oneOf('--protocols', part, L4_PROTOCOLS));
  }
  if (out.length === 0) throw new UsageError('--protocols: give at least one of TCP, UDP, SCTP');
  return out;
}

/**
 * The engine a model's cluster enforces with, as chooseEngine (engines/policy) reads it from the cluster's
 * networkPolicy, with its options (Cilium's endPort support by Kubernetes version); upstream when there is not
 * exactly one cluster. A cluster without a policy engine is shown with upstream semantics, with a warning (the
 * matrix answers what the policies say; `can --engine none` answers what the cluster does).
 */
export function defaultEngine(model: Model): { engine: EngineName; options: EngineOptions; note?: Diagnostic } {
  const choice = chooseEngine(model);
  const c = model.clusters.length === 1 ? model.clusters[0] : undefined;
  if (choice.engine !== 'none' || c === undefined) return { engine: choice.engine, options: choice.options };
  return {
    engine: 'upstream',
    options: {},
    note: {
      code: MATRIX_CODES.POLICY_NOT_ENFORCED, severity: 'warning', origin: c.origin,
      message: `cluster ${c.name} has no network policy engine: its NetworkPolicies are not enforced; the matrix shows upstream semantics as if they were`,
      hint: 'enable a policy engine (--network-policy azure|calico|cilium) or pass --engine explicitly',
    },
  };
}

/** Registers `aksnet matrix` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerMatrix(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('matrix')
    .description('Connectivity matrix: which pods / workloads / namespaces may talk, on which ports, under a policy engine')
    .argument('<paths...>', 'files or directories to read')
    .option('--by <unit>', `rows and columns: ${GRANULARITIES.join('|')}`, 'pod')
    .option('--ports <list>', 'ports for the truth tables, e.g. 80,81 (default: every declared container port)')
    .option('--protocols <list>', 'protocols for the truth tables, e.g. TCP,UDP,SCTP')
    .option('--format <format>', `output: ${MATRIX_FORMATS.join('|')}`, 'text')
    .option('--engine <engine>', `policy semantics: ${ENGINE_NAMES.join('|')} (default: the cluster's engine, else upstream)`)
    .option('--ipblock-pods <mode>', 'whether ipBlock peers also match pod IPs: match|ignore (default: the engine\'s)')
    .option('--keep-going', 'print the answer for the usable part of the input even when some of it has errors')
    .option('--verbose', 'also list the files, documents and objects not read, and why')
    .addHelpText('after', MATRIX_HELP)
    .action((paths: string[], flags: MatrixFlags) => {
      const by = oneOf('--by', flags.by, GRANULARITIES);
      const format = oneOf<MatrixFormat>('--format', flags.format, MATRIX_FORMATS);
      const ports = flags.ports !== undefined ? parsePorts(flags.ports) : undefined;
      const protocols = flags.protocols !== undefined ? parseProtocols(flags.protocols) : undefined;
      const ipblockPods = flags.ipblockPods !== undefined ? oneOf('--ipblock-pods', flags.ipblockPods, IPBLOCK_MODES) : undefined;
      const explicitEngine = flags.engine !== undefined ? oneOf('--engine', flags.engine, ENGINE_NAMES) : undefined;

      const input = loadManifests(paths);
      const diags: Diagnostic[] = [...input.diagnostics];
      if (flags.verbose) {
        io.err(`read ${input.fileCount} file(s)`);
        for (const s of [...input.skipped].sort()) io.err(`skipped: ${s}`);
      }
      if (input.fileCount === 0 && !hasAtLeast(diags, 'error')) {
        diags.push(noInputFiles(paths, 'pass Kubernetes manifests (.yaml, .yml, .json) or a directory of them'));
      }
      const unusable = hasAtLeast(diags, 'error');
      if (unusable && !flags.keepGoing) {
        printDiagnostics(io, diags);
        io.err('aksnet matrix: the input has errors; fix them (or pass --keep-going for an answer from the rest)');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const chosen = explicitEngine !== undefined ? { engine: explicitEngine, options: {} } : defaultEngine(input.model);
      if ('note' in chosen && chosen.note) diags.push(chosen.note);
      const profile = engineProfile(chosen.engine, { ...chosen.options, ...(ipblockPods !== undefined ? { ipblockPods } : {}) });
      const withIc = withIngressController(input.model, input.model.pods);
      const engine = buildPolicyEngine(withIc.model, profile, withIc.pods);
      // netpol-analyzer ignores IPv6, so its formats list IPv4 ranges only (and say so when IPv6 was in play).
      const connlist = format === 'connlist' || format === 'connlist-json';
      const answer = matrix(input.model, engine, { by, ports, protocols, ...(connlist ? { externalFamilies: [4] as const } : {}) }, withIc.pods);
      if (connlist && engine.externalAtoms().some((a) => a.family === 6)) {
        diags.push({
          code: MATRIX_CODES.CONNLIST_IPV6_OMITTED, severity: 'info',
          message: 'IPv6 external ranges are not listed in the connlist formats (netpol-analyzer ignores IPv6)',
          hint: 'use --format json, csv or md to see them',
        });
      }
      printDiagnostics(io, [...diags, ...answer.diagnostics]);
      // An answer the question itself calls wrong (AKS3607 labels gap) is not printed unless --keep-going.
      const answerUnusable = hasAtLeast(answer.diagnostics, 'error');
      if (answerUnusable && !flags.keepGoing) {
        io.err('aksnet matrix: no answer at this granularity; see the errors above (--by pod is exact, --keep-going prints it anyway)');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const text = renderMatrix(answer, format);
      if (text !== '') io.out(text);
      setExit(unusable || answerUnusable ? EXIT_UNUSABLE : EXIT_OK);
    });
}
