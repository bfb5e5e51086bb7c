// `aksnet check <paths...>`: design rules over the model, input diagnostics included, as text, JSON or SARIF.
import type { Command } from 'commander';
import type { Diagnostic, Severity } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import { RULES, runCheck, type Finding } from '../../questions/check/index.js';
import { parseDay } from '../../questions/check/finding.js';
import { compareFindings } from '../../questions/check/run.js';
import { CHECK_FORMATS, renderCheck, type CheckFormat } from '../../render/check/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, UsageError } from '../output.js';
import { CLUSTER_OPTION, loadModel } from '../pipeline.js';
import { deriveNodes } from '../../derive/nodes.js';
import { serviceClusters } from '../../derive/services.js';
import { ENGINE_CHOICE_CODES, ENGINE_NAMES, chooseEngine } from '../../engines/policy/index.js';

/** The levels `--fail-on` accepts (info never fails a run). */
const FAIL_ON_LEVELS: readonly Severity[] = ['error', 'warning'];

interface CheckOptions {
  format: string;
  engine?: string;
  failOn: string;
  verbose?: boolean;
  today?: string;
  /** --cluster values (see CLUSTER_OPTION); empty = derived. */
  cluster: string[];
}

/** An input diagnostic as a finding: its resource is the object it names, else its file. */
export function diagnosticToFinding(d: Diagnostic): Finding {
  return { ...d, resource: d.resource ?? d.origin?.name ?? d.origin?.file ?? '' };
}

/** True when the model holds nothing at all. */
function isEmpty(m: Model): boolean {
  return m.vnets.length + m.subnets.length + m.routeTables.length + m.nsgs.length + m.clusters.length +
    m.externalRanges.length + m.namespaces.length + m.workloads.length + m.pods.length + m.nodes.length +
    m.services.length + m.policies.length + m.ingresses.length === 0;
}

/** Today's date in UTC as YYYY-MM-DD. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Registers `aksnet check` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerCheck(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('Check the network design against AKS rules (overlaps, reserved ranges, sizing, limits, compatibility, retirements)')
    .argument('<paths...>', 'files or directories of az JSON, ARM, Terraform plan JSON, az scripts, Kubernetes and aksnet/v1 YAML; - for stdin')
    .option('--format <format>', `output format: ${CHECK_FORMATS.join('|')}`, 'text')
    .option('--fail-on <level>', 'exit 1 when a finding is at or above this severity: error|warning', 'error')
    .option('--verbose', 'list every file and document that was skipped (on stderr)')
    .option('--today <date>', 'the date (YYYY-MM-DD) retirement rules count days from; default: today')
    .option('--engine <engine>', `judge network policies under this engine: ${ENGINE_NAMES.join('|')} (default: the cluster's networkPolicy)`)
    .option(CLUSTER_OPTION.flags, CLUSTER_OPTION.description, CLUSTER_OPTION.collect, [] as string[])
    .action((paths: string[], opts: CheckOptions) => {
      const format: CheckFormat = oneOf('--format', opts.format, CHECK_FORMATS);
      const failOn: Severity = oneOf('--fail-on', opts.failOn, FAIL_ON_LEVELS);
      if (opts.today !== undefined && parseDay(opts.today) === undefined) {
        throw new UsageError(`--today must be a date YYYY-MM-DD (got ${JSON.stringify(opts.today)})`);
      }
      const engine = opts.engine !== undefined ? oneOf('--engine', opts.engine, ENGINE_NAMES) : undefined;
      const loaded = loadModel(paths, { cluster: opts.cluster });
      if (opts.verbose) for (const s of [...loaded.skipped].sort()) io.err(`skipped: ${s}`);
      const input = loaded.diagnostics.map(diagnosticToFinding);
      const unusable = loaded.fileCount === 0 || (isEmpty(loaded.model) && loaded.diagnostics.some((d) => d.severity === 'error'));
      const design = unusable ? [] : runCheck(loaded.model, { today: opts.today ?? todayUtc(), engine });
      // How the engine was chosen (info): which engine judged the policies, and Cilium's endPort support.
      const choice = unusable || loaded.model.policies.length === 0 ? [] : chooseEngine(loaded.model, engine).notes
        // engine none is rule AKS3004's finding, not repeated as a note
        .filter((d) => d.code !== ENGINE_CHOICE_CODES.NOT_ENFORCED).map(diagnosticToFinding);
      // Which cluster runs each Service when the input does not say (AKS4206/AKS4207): the rules above assume it.
      const membership = unusable ? [] : serviceClusters(loaded.model, deriveNodes(loaded.model)).diagnostics.map(diagnosticToFinding);
      const findings = [...input, ...choice, ...membership, ...design].sort(compareFindings);
      io.out(renderCheck(format, { findings, rules: RULES }).replace(/\n$/, ''));
      if (unusable) {
        io.err('aksnet check: no usable input (nothing could be read)');
        setExit(EXIT_UNUSABLE);
      } else {
        setExit(hasAtLeast(findings, failOn) ? EXIT_FINDINGS : EXIT_OK);
      }
    });
}
