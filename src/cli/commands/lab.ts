// `aksnet lab up|probe|verify|down`: realise the model in Linux network namespaces, probe it for real, compare the
// kernel's verdicts with the simulator's. Needs root and iproute2, iptables, ipset, socat (exit 2 otherwise).
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  checkRequirements, defaultStateDir, LAB_CODES, LabCommandError, downByPrefix, enterInstructions, freshPrefix, hasCommand, isPrefix, LAB_ENGINES,
  LAB_FORMATS, LAB_MODES, listStates, planLab, readState, renderProbeText, renderVerifyJson, renderVerifyText, runLab,
  spawnRunner, type LabEngine, type LabFormat, type LabMode, type LabParams,
} from '../../lab/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, oneOf, printDiagnostics, UsageError, type Io } from '../output.js';
import { loadModel, noInputFiles } from '../pipeline.js';
import { parsePorts, parseProtocols } from './matrix.js';

/** Flags shared by up, probe and verify. */
interface LabFlags {
  readonly engine?: string;
  readonly mode?: string;
  readonly ports?: string;
  readonly protocols?: string;
  readonly keep?: boolean;
  readonly format: string;
  readonly timeout?: string;
  readonly services?: boolean;
  readonly all?: boolean;
  readonly keepGoing?: boolean;
  /** `--node-ports`: probe every NodePort on every node, from the pods and from a client in the VNet. */
  readonly nodePorts?: boolean;
  /** `--all-flows` (verify): list every compared flow, not only the disagreements. */
  readonly allFlows?: boolean;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Diagnostics when this machine cannot run the lab (empty = it can). */
function requirementProblems(): Diagnostic[] {
  return checkRequirements({
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    has: (c) => hasCommand(c, process.env['PATH'], isExecutable),
  });
}

function params(flags: LabFlags): { params: LabParams; format: LabFormat } {
  const format = oneOf('--format', flags.format, LAB_FORMATS);
  const engine: LabEngine | undefined = flags.engine !== undefined ? oneOf('--engine', flags.engine, LAB_ENGINES) : undefined;
  const mode: LabMode | undefined = flags.mode !== undefined ? oneOf('--mode', flags.mode, LAB_MODES) : undefined;
  const timeout = flags.timeout !== undefined ? Number(flags.timeout) : undefined;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 50 || timeout > 60_000)) {
    throw new UsageError(`--timeout must be milliseconds between 50 and 60000 (got '${flags.timeout}')`);
  }
  return {
    format,
    params: {
      ...(engine ? { engine } : {}), ...(mode ? { mode } : {}),
      ...(flags.ports !== undefined ? { ports: parsePorts(flags.ports) } : {}),
      ...(flags.protocols !== undefined ? { protocols: parseProtocols(flags.protocols) } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      services: flags.services !== false,
      nodePorts: !!flags.nodePorts,
    },
  };
}

type Action = 'up' | 'probe' | 'verify';

async function run(action: Action, paths: string[], flags: LabFlags, io: Io, setExit: (c: number) => void): Promise<void> {
  const { params: p, format } = params(flags);
  const env = requirementProblems();
  if (env.length > 0) {
    printDiagnostics(io, env);
    setExit(EXIT_UNUSABLE);
    return;
  }
  const input = loadModel(paths);
  const diags: Diagnostic[] = [...input.diagnostics];
  if (input.fileCount === 0 && !hasAtLeast(diags, 'error')) {
    diags.push(noInputFiles(paths, 'pass Kubernetes manifests or a directory of them'));
  }
  if (hasAtLeast(diags, 'error') && !flags.keepGoing) {
    printDiagnostics(io, diags);
    io.err(`aksnet lab ${action}: the input has errors; fix them (or pass --keep-going)`);
    setExit(EXIT_UNUSABLE);
    return;
  }
  const stateDir = defaultStateDir();
  const plan = planLab(input.model, p, freshPrefix(stateDir));
  const keep = action === 'up' || !!flags.keep;
  let result: Awaited<ReturnType<typeof runLab>>;
  try {
    result = await runLab(input.model, plan, {
      runner: spawnRunner, stateDir, paths: paths.map((x) => resolve(x)), keep, noProbe: action === 'up',
    });
  } catch (e) {
    if (!(e instanceof LabCommandError)) throw e;
    printDiagnostics(io, [...diags, ...plan.diagnostics, {
      code: LAB_CODES.COMMAND_FAILED, severity: 'error', message: `${e.message}; the lab was removed`,
      hint: 'check that the kernel supports veth, bridge and br_netfilter in namespaces (and report it if so)',
    }]);
    setExit(EXIT_UNUSABLE);
    return;
  }
  printDiagnostics(io, [...diags, ...result.diagnostics]);
  if (!result.built) {
    // Nothing to probe (AKS4811, printed above): nothing was built, nothing disagrees; not an error of the input.
    io.out(format === 'json' ? renderVerifyJson(result) : renderVerifyText(result));
    setExit(EXIT_OK);
    return;
  }
  switch (action) {
    case 'up':
      io.out(format === 'json'
        ? JSON.stringify({ prefix: plan.topology.prefix, mode: plan.topology.mode, engine: plan.engine, namespaces: plan.topology.pods.map((x) => ({ pod: `${x.namespace}/${x.name}`, netns: x.ns, ip: x.ip })) }, null, 2)
        : enterInstructions(plan.topology).join('\n'));
      setExit(EXIT_OK);
      return;
    case 'probe':
      io.out(format === 'json' ? renderVerifyJson(result) : renderProbeText(result));
      break;
    case 'verify':
      io.out(format === 'json' ? renderVerifyJson(result) : renderVerifyText(result, !!flags.allFlows));
      setExit(result.comparison.agree === result.comparison.total ? EXIT_OK : EXIT_FINDINGS);
      break;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
  if (result.kept) io.err(enterInstructions(plan.topology).join('\n'));
}

async function down(targets: string[], flags: LabFlags, io: Io, setExit: (c: number) => void): Promise<void> {
  const env = requirementProblems();
  if (env.length > 0) {
    printDiagnostics(io, env);
    setExit(EXIT_UNUSABLE);
    return;
  }
  const stateDir = defaultStateDir();
  let prefixes: string[] = [];
  if (flags.all) {
    prefixes = await downByPrefix(spawnRunner, stateDir);
  } else {
    if (targets.length === 0) throw new UsageError('lab down: give a lab prefix (e.g. ak1f3c), the paths the lab was made from, or --all');
    const wanted = targets.filter(isPrefix);
    const paths = targets.filter((t) => !isPrefix(t)).map((t) => resolve(t));
    if (paths.length > 0) {
      for (const s of listStates(stateDir)) {
        const st = readState(stateDir, s);
        if (st && paths.every((x) => st.paths.includes(x))) wanted.push(s);
      }
    }
    for (const w of [...new Set(wanted)].sort()) prefixes.push(...(await downByPrefix(spawnRunner, stateDir, w)));
  }
  io.out(prefixes.length > 0 ? `removed lab(s): ${prefixes.join(', ')}` : 'no lab to remove');
  setExit(EXIT_OK);
}

const HELP = `
The lab builds the model for real on this machine: one network namespace per node and per pod, a namespace for the
VNet, veth pairs, the node's pod networking (--mode), the engine's compiled iptables/ipset rules and kube-proxy's
Service rules, and a listener in every pod. Every object carries a per-run prefix (ak + 4 hex digits); nothing is
changed in the host's own namespace, and no traffic leaves the lab's namespaces.
The VNet namespace enforces the subnets' and the AKS NICs' NSGs as iptables filter rules and routes with their
route tables; between nodes, flannel and canal modes carry pod traffic over a flannel.1 VXLAN device.
  up      build it and leave it up (prints how to enter a pod: ip netns exec <ns> ...)
  probe   build it, connect from every pod to every pod and Service, print what got through, remove it
  verify  like probe, and compare every flow with the simulator (the policy matrix, and the packet walker for NSGs
          and NodePorts); each blocked flow names the layer that decided (policy, nsg, kube-proxy, ...);
          exit 1 when any flow disagrees
  down    remove a lab: by prefix, by the paths it was made from, or every lab with --all
--node-ports adds NodePort flows: every pod to every node's address on every NodePort, and a client in the VNet (the
highest free address of the first node's subnet) to the same; NodePort destinations print as node/<node>:<nodePort>.
An input without pods (or without ports) has nothing to probe: AKS4811, nothing is built, exit 0.
Needs root and the Debian packages iproute2 iptables ipset socat conntrack (exit 2 otherwise).`;

export function registerLab(program: Command, io: Io, setExit: (code: number) => void): void {
  const lab = program.command('lab').description('Build the node dataplane in Linux network namespaces and check the simulator against the kernel (root).')
    .addHelpText('after', HELP);
  for (const action of ['up', 'probe', 'verify'] as const) {
    const cmd = lab.command(action)
      .description(action === 'up' ? 'build the lab and leave it up' : action === 'probe' ? 'build, probe every flow, remove' : 'build, probe, compare with the simulator, remove')
      .argument('<paths...>', 'files or directories to read')
      .option('--engine <engine>', `policy engine to program: ${LAB_ENGINES.join('|')} (default: the cluster's, else azure-npm)`)
      .option('--mode <mode>', `pod networking: ${LAB_MODES.join('|')} (default: the cluster's)`)
      .option('--ports <list>', 'ports to probe, e.g. 80,81 (default: every declared container port)')
      .option('--protocols <list>', 'protocols to probe, e.g. TCP,UDP,SCTP')
      .option('--timeout <ms>', 'per-probe timeout in milliseconds (default 1000)')
      .option('--no-services', 'do not probe Services through their cluster IPs')
      .option('--node-ports', 'probe every NodePort on every node, from the pods and from a client in the VNet (default: off)')
      .option('--keep', 'leave the lab up afterwards and print how to enter a pod')
      .option('--keep-going', 'build the lab from the usable part of the input even when some of it has errors')
      .option('--format <format>', `output: ${LAB_FORMATS.join('|')}`, 'text');
    if (action === 'verify') cmd.option('--all-flows', 'list every compared flow with its verdicts (text), not only the disagreements');
    cmd.action((paths: string[], flags: LabFlags) => run(action, paths, flags, io, setExit));
  }
  lab.command('down')
    .description('remove a lab (by prefix or by the paths it was made from), or every lab with --all')
    .argument('[targets...]', 'lab prefixes (ak + 4 hex digits) or the paths a lab was made from')
    .option('--all', 'remove every lab on this machine (namespaces named ak<4 hex>-…)')
    .option('--format <format>', `output: ${LAB_FORMATS.join('|')}`, 'text')
    .action((targets: string[], flags: LabFlags) => down(targets, flags, io, setExit));
}
