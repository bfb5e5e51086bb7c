// `aksnet ipflow <paths>`: the offline `az network watcher test-ip-flow`. Same flags (--vm, --direction, --protocol,
// --local, --remote), same answer (Access, Rule name), plus the NSG, the steps that decided and notes.
import type { Command } from 'commander';
import { IpSet, parseCidr } from '../../engines/net/index.js';
import {
  ipflow, IPFLOW_DIRECTIONS, IPFLOW_PROTOCOLS, parseIpPort, type IpflowProtocol, type IpPort,
} from '../../questions/ipflow/index.js';
import { IPFLOW_FORMATS, renderIpflow, type IpflowFormat } from '../../render/ipflow/index.js';
import type { NsgDirection } from '../../model/azure.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, oneOfIgnoringCase, printDiagnostics, UsageError, type Io } from '../output.js';
import { CLUSTER_OPTION, loadModel } from '../pipeline.js';

/** Flags of `aksnet ipflow` as commander parses them. */
interface IpflowFlags {
  readonly vm: string;
  readonly direction: string;
  readonly protocol: string;
  readonly local: string;
  readonly remote: string;
  readonly serviceTag: string[];
  readonly format: string;
  /** --cluster values (see CLUSTER_OPTION); empty = derived. */
  readonly cluster: string[];
}

/**
 * Parses repeated `--service-tag NAME=CIDR[,CIDR...]` values into tag → addresses (later values for the same name,
 * compared case-insensitively, add to earlier ones). Returns the reason for the first bad value. Never throws.
 */
export function parseServiceTags(values: readonly string[]): Map<string, IpSet> | string {
  const out = new Map<string, IpSet>();
  for (const raw of values) {
    const v = String(raw);
    const eq = v.indexOf('=');
    const name = eq < 0 ? '' : v.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(name)) return `--service-tag '${v}': expected NAME=CIDR[,CIDR...]`;
    const cidrs = v.slice(eq + 1).split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (cidrs.length === 0) return `--service-tag '${v}': no prefixes after '='`;
    let set = out.get(name.toLowerCase()) ?? IpSet.empty();
    for (const c of cidrs) {
      const p = parseCidr(c);
      if (!p) return `--service-tag '${v}': '${c}' is not a CIDR or IP address`;
      set = set.union(IpSet.fromCidr(p.cidr));
    }
    out.set(name.toLowerCase(), set);
  }
  return out;
}

function endpoint(flag: string, v: string): IpPort {
  const r = parseIpPort(v);
  if (typeof r === 'string') throw new UsageError(`${flag}: ${r}`);
  return r;
}

const HELP = `
Mirrors az network watcher test-ip-flow (same flags; --vm also takes a node name, an address or a subnet):
  --vm          a node name as aksnet derives it (aks-<pool>-00000000-vmss000000, or <pool>-<n> for self-managed
                clusters) or as a Kubernetes Node gives it; an IP address (that node, else any address of the subnet
                holding it); or a subnet (name, vnet/subnet, or id)
  --local       the VM's end, IP:PORT (must be inside the VM's subnet); --remote the other end. A port of * means
                any; write IPv6 as [addr]:port.
Inbound flows are remote -> local and meet the subnet NSG first, then the NIC NSG; outbound flows local -> remote
meet the NIC NSG first. AKS nodes have the AKS-managed NSG on their NICs (with the LoadBalancer Service rules);
other targets have no NIC NSG. A missing NSG allows. Rule names print as Network Watcher does:
securityRules/<name> or defaultSecurityRules/<name>.
Exit codes: 0 Allow, 1 Deny, 2 unusable input or bad flags.`;

export function registerIpflow(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('ipflow')
    .description('IP flow verify, offline: would the NSGs allow this flow to or from the VM, and which rule decides')
    .argument('<paths...>', 'input files or directories')
    .requiredOption('--vm <ref>', 'node name, VM or NIC (vm:<name>, nic:<name>, or the bare name), IP address, or subnet (name, vnet/subnet or id)')
    .requiredOption('--direction <direction>', `${IPFLOW_DIRECTIONS.join(' or ')}`)
    .requiredOption('--protocol <protocol>', `${IPFLOW_PROTOCOLS.join(' or ')}`)
    .requiredOption('--local <ip:port>', 'the VM end, e.g. 10.10.0.4:22')
    .requiredOption('--remote <ip:port>', 'the other end, e.g. 203.0.113.5:60000 (port * = any)')
    .option('--service-tag <name=cidrs>', 'prefixes of a service tag the NSG rules name, e.g. AzureMonitor=20.0.0.0/8 (repeatable)',
      (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--format <format>', `output format: ${IPFLOW_FORMATS.join(', ')}`, 'text')
    .option(CLUSTER_OPTION.flags, CLUSTER_OPTION.description, CLUSTER_OPTION.collect, [] as string[])
    .addHelpText('after', HELP)
    .action((paths: string[], flags: IpflowFlags) => {
      const format: IpflowFormat = oneOfIgnoringCase('--format', flags.format, IPFLOW_FORMATS);
      const direction: NsgDirection = oneOfIgnoringCase('--direction', flags.direction, IPFLOW_DIRECTIONS);
      const protocol: IpflowProtocol = oneOfIgnoringCase('--protocol', flags.protocol, IPFLOW_PROTOCOLS);
      const local = endpoint('--local', flags.local);
      const remote = endpoint('--remote', flags.remote);
      const tags = parseServiceTags(flags.serviceTag);
      if (typeof tags === 'string') throw new UsageError(tags);
      const loaded = loadModel(paths, { cluster: flags.cluster });
      printDiagnostics(io, loaded.diagnostics);
      if (loaded.model.subnets.length === 0 && hasAtLeast(loaded.diagnostics, 'error')) {
        io.err('aksnet ipflow: no subnet found and the input has errors');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const result = ipflow(loaded.model, { vm: flags.vm, direction, protocol, local, remote, serviceTags: tags });
      if (!result.ok) throw new UsageError(result.error);
      printDiagnostics(io, result.answer.diagnostics);
      io.out(renderIpflow(result.answer, format));
      setExit(result.answer.access === 'Allow' ? EXIT_OK : EXIT_FINDINGS);
    });
}
