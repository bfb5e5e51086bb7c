// `aksnet trace <paths> --from <ref> --to <ref>`: the whole path of one flow, hop by hop, with the first hop that
// stops it. Maps flags to the trace question; exit 0 when the packet gets through, 1 when it is stopped, 2 on bad input.
import type { Command } from 'commander';
import { ENGINE_NAMES, type EngineName } from '../../engines/policy/index.js';
import { trace, TRACE_PROTOCOLS, TRACE_REFS_HELP, type TraceProtocol } from '../../questions/trace/index.js';
import { renderTrace, TRACE_FORMATS, type TraceFormat } from '../../render/trace/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, oneOfIgnoringCase, printDiagnostics, UsageError, type Io } from '../output.js';
import { CLUSTER_OPTION, loadModel } from '../pipeline.js';

interface TraceFlags {
  readonly from: string;
  readonly to: string;
  readonly port?: string;
  readonly protocol: string;
  readonly engine?: string;
  readonly format: string;
  /** --cluster values (see CLUSTER_OPTION); empty = derived. */
  readonly cluster: string[];
}

const HELP = `
References (--from / --to): ${TRACE_REFS_HELP}.
  --from also takes an address outside the VNet (an Internet client) or in peered / on-premises space.
  svc/ns/name[:port] is the ClusterIP from inside the cluster and the LoadBalancer frontend from outside.
Dispositions: delivered, exits-network, denied-by-nsg, denied-by-policy-egress, denied-by-policy-ingress,
  denied-by-source-range, no-route, null-routed, black-holed, no-endpoints, service-port-mismatch, no-healthy-backend,
  lb-pending, no-ingress-match, not-exposed, insufficient-info, loop.
Exit codes: 0 delivered / exits the network, 1 stopped, 2 unusable input or bad flags.`;

export function registerTrace(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('trace')
    .description('The whole path of one flow: nodes, kube-proxy, NetworkPolicy, SNAT, NSGs, routes, load balancers, ingress')
    .argument('<paths...>', 'input files or directories')
    .requiredOption('--from <ref>', 'where the packet starts')
    .requiredOption('--to <ref>', 'where it is going')
    .option('--port <port>', 'destination port (default: from the reference)')
    .option('--protocol <protocol>', `${TRACE_PROTOCOLS.join(' or ')}`, 'TCP')
    .option('--engine <engine>', `policy engine: ${ENGINE_NAMES.join(', ')} (default: the cluster's)`)
    .option(CLUSTER_OPTION.flags, CLUSTER_OPTION.description, CLUSTER_OPTION.collect, [] as string[])
    .option('--format <format>', `output format: ${TRACE_FORMATS.join(', ')}`, 'text')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: TraceFlags) => {
      const format: TraceFormat = oneOfIgnoringCase('--format', flags.format, TRACE_FORMATS);
      const protocol: TraceProtocol = oneOfIgnoringCase('--protocol', flags.protocol, TRACE_PROTOCOLS);
      const engine: EngineName | undefined = flags.engine ? oneOfIgnoringCase('--engine', flags.engine, ENGINE_NAMES) : undefined;
      const loaded = loadModel(paths, { cluster: flags.cluster });
      printDiagnostics(io, loaded.diagnostics);
      if (loaded.fileCount === 0 || (loaded.model.subnets.length === 0 && loaded.model.pods.length === 0 && hasAtLeast(loaded.diagnostics, 'error'))) {
        io.err('aksnet trace: nothing usable in the input');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const result = trace(loaded.model, { from: flags.from, to: flags.to, ...(flags.port ? { port: flags.port } : {}), protocol, ...(engine ? { engine } : {}) });
      if (!result.ok) throw new UsageError(result.error);
      printDiagnostics(io, result.answer.diagnostics);
      io.out(renderTrace(result.answer, format));
      setExit(result.answer.trace.delivered ? EXIT_OK : EXIT_FINDINGS);
    });
}
