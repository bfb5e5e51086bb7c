// `aksnet plan <paths>`: reads the design, prints per cluster the node counts, what every range needs against what it
// holds, the largest node count that still fits an upgrade and what binds first; or, with --emit az, a script of az
// commands that builds the design. Input diagnostics go to stderr.
import type { Command } from 'commander';
import { emitAz } from '../../emit/az.js';
import { plan } from '../../questions/plan/index.js';
import { PLAN_FORMATS, renderPlan, type PlanFormat } from '../../render/plan/index.js';
import { EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, printDiagnostics } from '../output.js';
import { loadModel } from '../pipeline.js';

const EMIT_TARGETS = ['az'] as const;
type EmitTarget = (typeof EMIT_TARGETS)[number];

/** Flags of `aksnet plan` as commander parses them. */
interface PlanFlags {
  readonly format: string;
  readonly emit?: string;
  readonly verbose?: boolean;
}

const HELP = `
What plan computes, per cluster (see docs/plan.md):
  - per pool: nodes now, at maximum (autoscaler maxCount, else count) and during an upgrade at maximum
    (maxSurge as a count, or a percentage of the maximum rounded up);
  - per range (node subnet, pod subnet, pod CIDR, route table, SNAT ports): units required at maximum
    scale during an upgrade against units usable, with the rule AKS applies when it pre-allocates
    (flat CNI: maxPods+1 per node; kubenet/overlay: 1 per node plus a /24 from the pod CIDR; dynamic pod
    subnet: 16 per node; static block: 16 x ceil((maxPods+1)/16)); Azure keeps 5 addresses per subnet;
    ranges shared by several clusters or pools are summed;
  - max nodes: grow the last User pool (else the last pool) while every other pool and cluster stays at
    its maximum; the answer is the largest total node count (surge excluded) at which every range still
    holds an upgrade and every platform limit holds (5000 nodes per cluster, 1000 per pool, 400 with
    kubenet, 5000 with overlay, 250 with Azure NPM; 5000 for self-managed clusters);
  - binding constraint: the first range or limit that fails one node later;
  - SNAT: ports per node x nodes (incl. surge) against 64,000 per outbound IP; NAT gateways: capacity only;
  - the smallest prefix that would fit each range, and the defaults aksnet filled in.
Exit codes: 0 answered, 2 unusable input (no cluster found and input errors) or bad flags.`;

/** Registers `aksnet plan` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerPlan(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('plan')
    .description('Address and scale plan: node counts, range demand vs capacity, max nodes and the binding constraint')
    .argument('<paths...>', 'input files or directories')
    .option('--format <format>', `output format: ${PLAN_FORMATS.join(', ')}`, 'text')
    .option('--emit <target>', `print a script that builds the design instead of the plan: ${EMIT_TARGETS.join(', ')}`)
    .option('--verbose', 'also list the files and documents that were not read')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: PlanFlags) => {
      const format: PlanFormat = oneOf('--format', flags.format, PLAN_FORMATS);
      const emit: EmitTarget | undefined = flags.emit === undefined ? undefined : oneOf('--emit', flags.emit, EMIT_TARGETS);
      const loaded = loadModel(paths);
      printDiagnostics(io, loaded.diagnostics);
      if (flags.verbose) {
        io.err(`read ${loaded.fileCount} file(s)`);
        for (const s of [...loaded.skipped].sort()) io.err(`skipped: ${s}`);
      }
      if (loaded.model.clusters.length === 0 && hasAtLeast(loaded.diagnostics, 'error')) {
        io.err('aksnet plan: no cluster found and the input has errors');
        setExit(EXIT_UNUSABLE);
        return;
      }
      if (emit !== undefined) {
        switch (emit) {
          case 'az':
            io.out(emitAz(loaded.model));
            break;
          default: {
            const never: never = emit;
            return never;
          }
        }
      } else {
        io.out(renderPlan(plan(loaded.model), format));
      }
      setExit(EXIT_OK);
    });
}
