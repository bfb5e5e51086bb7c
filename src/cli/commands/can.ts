// `aksnet can <paths> --from <ref> --to <ref> --port <number|name>`: may this one flow pass under a policy engine?
// Prints the verdict and the decision per direction and per layer, naming the policy and rule. Exit 0 allowed,
// 1 denied, 2 unusable input or a bad reference.
import type { Command } from 'commander';
import { deriveNodes } from '../../derive/nodes.js';
import { planPodAddresses } from '../../derive/pods.js';
import { chooseEngine, ENGINE_NAMES } from '../../engines/policy/index.js';
import { can, parseProtocol } from '../../questions/can/index.js';
import { CAN_FORMATS, renderCan, type CanFormat } from '../../questions/can/render.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, type Io, oneOf, printDiagnostics, UsageError } from '../output.js';
import { loadManifests } from '../pipeline.js';

/** Flags of `aksnet can` as commander parses them. */
interface CanFlags {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol?: string;
  readonly engine?: string;
  readonly ipblockPods?: string;
  readonly format: string;
  readonly verbose?: boolean;
  readonly keepGoing?: boolean;
}

const HELP = `
References: ns/pod, ns/workload (its first replica), node:<name>, or an IP address (a pod with that
address, else a node, else an address outside the cluster). --port takes a number or a container port
name of the destination pod (its protocol is used unless --protocol is given).
Engines: upstream (Kubernetes e2e semantics with ANP/BANP), calico, cilium, azure-npm.
--ipblock-pods match|ignore: whether ipBlock peers also match pod IPs (default: the engine's behaviour).
Input: errors in the manifests (and a non-manifest document in a file of manifests) make the input unusable
unless --keep-going is given; --verbose lists the files, documents and objects not read.
Exit codes: 0 allowed, 1 denied, 2 unusable input, a bad reference or a bad flag.`;

/** Registers `aksnet can` on `program`; the action writes through `io` and reports its exit code with `setExit`. */
export function registerCan(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('can')
    .description('Is one flow allowed by the network policies? The verdict and the decision per direction and layer')
    .argument('<paths...>', 'input files or directories')
    .requiredOption('--from <ref>', 'source: ns/pod, ns/workload, node:<name> or an IP address')
    .requiredOption('--to <ref>', 'destination: ns/pod, ns/workload, node:<name> or an IP address')
    .requiredOption('--port <port>', 'destination port number or container port name')
    .option('--protocol <protocol>', 'TCP, UDP or SCTP (default TCP, or the named port\'s protocol)')
    .option('--engine <engine>', `policy engine: ${ENGINE_NAMES.join(', ')} (default: the cluster's networkPolicy, else upstream)`)
    .option('--ipblock-pods <mode>', 'match | ignore: whether ipBlock peers match pod IPs (default: per engine)')
    .option('--format <format>', `output format: ${CAN_FORMATS.join(', ')}`, 'text')
    .option('--verbose', 'also list the files, documents and objects not read, and address-planning notes')
    .option('--keep-going', 'answer from the usable part of the input even when some of it has errors')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: CanFlags) => {
      const format: CanFormat = oneOf('--format', flags.format, CAN_FORMATS);
      const explicitEngine = flags.engine === undefined ? undefined : oneOf('--engine', flags.engine, ENGINE_NAMES);
      const protocol = flags.protocol === undefined ? undefined : parseProtocol(flags.protocol);
      if (flags.protocol !== undefined && protocol === undefined) throw new UsageError(`--protocol must be TCP, UDP or SCTP (got '${flags.protocol}')`);
      const ipb = flags.ipblockPods;
      if (ipb !== undefined && ipb !== 'match' && ipb !== 'ignore') throw new UsageError(`--ipblock-pods must be match or ignore (got '${ipb}')`);
      const loaded = loadManifests(paths);
      printDiagnostics(io, loaded.diagnostics);
      if (hasAtLeast(loaded.diagnostics, 'error') && !flags.keepGoing) {
        io.err('aksnet can: the input has errors; fix them (or pass --keep-going for an answer from the rest)');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const planned = planPodAddresses(loaded.model, deriveNodes(loaded.model));
      if (flags.verbose) {
        io.err(`read ${loaded.fileCount} file(s)`);
        for (const s of [...loaded.skipped].sort()) io.err(`skipped: ${s}`);
        printDiagnostics(io, planned.diagnostics);
      }
      // The engine the cluster enforces with (its networkPolicy), unless --engine asks for a what-if.
      const choice = chooseEngine(loaded.model, explicitEngine);
      if (flags.verbose) printDiagnostics(io, choice.notes);
      const result = can(loaded.model, {
        from: flags.from, to: flags.to, port: flags.port, protocol, engine: choice.engine, engineOptions: choice.options,
        ipblockPods: ipb,
      }, planned.pods);
      if (!result.ok) throw new UsageError(result.error);
      io.out(renderCan(result.answer, format));
      setExit(result.answer.allowed ? EXIT_OK : EXIT_FINDINGS);
    });
}
