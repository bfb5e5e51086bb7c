// `aksnet nexthop <paths>`: the offline `az network watcher show-next-hop`. Same flags (--vm, --source-ip,
// --dest-ip), same answer (nextHopType, nextHopIpAddress, routeTableId), plus the route that decided.
import type { Command } from 'commander';
import { parseIp, type Ip } from '../../engines/net/index.js';
import { nexthop } from '../../questions/nexthop/index.js';
import { NEXTHOP_FORMATS, renderNexthop, type NexthopFormat } from '../../render/nexthop/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, hasAtLeast, printDiagnostics, UsageError, type Io } from '../output.js';
import { loadModel } from '../pipeline.js';

/** Flags of `aksnet nexthop` as commander parses them. */
interface NexthopFlags {
  readonly vm: string;
  readonly sourceIp?: string;
  readonly destIp: string;
  readonly format: string;
  readonly routes?: boolean;
}

function ip(flag: string, v: string): Ip {
  const r = parseIp(v.trim());
  if (!r) throw new UsageError(`${flag}: '${v}' is not an IP address`);
  return r;
}

const HELP = `
Mirrors az network watcher show-next-hop (same flags; --vm also takes a node name, an address or a subnet, and
--source-ip defaults to the node's address). Routes considered: Azure's system routes of the subnet's VNet (VNet
ranges VnetLocal, peerings VNetPeering, 0.0.0.0/0 Internet, 10/8 172.16/12 192.168/16 100.64/10 None unless the
VNet holds them), external ranges as gateway routes (unless BGP propagation is disabled), the subnet's route
table, the per-node pod routes the cloud provider writes for kubenet and self-managed clusters (named after the
node), and overlay pod CIDRs. Longest prefix wins; on equal prefixes User > gateway > system.
routeTableId is the route table's id for user routes (per-node routes included), else "System Route".
Exit codes: 0 a next hop, 1 next hop None (dropped), 2 unusable input or bad flags.`;

export function registerNexthop(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('nexthop')
    .description('Next hop, offline: where the VM\'s subnet routes a destination (type, IP, route table)')
    .argument('<paths...>', 'input files or directories')
    .requiredOption('--vm <ref>', 'node name, VM or NIC (vm:<name>, nic:<name>, or the bare name), IP address, or subnet (name, vnet/subnet or id)')
    .option('--source-ip <ip>', 'source address on the VM (default: the node\'s address; required for a subnet)')
    .requiredOption('--dest-ip <ip>', 'destination address')
    .option('--routes', 'also print the subnet\'s effective routes')
    .option('--format <format>', `output format: ${NEXTHOP_FORMATS.join(', ')}`, 'text')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: NexthopFlags) => {
      const format = NEXTHOP_FORMATS.find((f) => f === flags.format.trim().toLowerCase()) as NexthopFormat | undefined;
      if (format === undefined) throw new UsageError(`--format must be one of ${NEXTHOP_FORMATS.join(', ')} (got '${flags.format}')`);
      const destIp = ip('--dest-ip', flags.destIp);
      const sourceIp = flags.sourceIp === undefined ? undefined : ip('--source-ip', flags.sourceIp);
      const loaded = loadModel(paths);
      printDiagnostics(io, loaded.diagnostics);
      if (loaded.model.subnets.length === 0 && hasAtLeast(loaded.diagnostics, 'error')) {
        io.err('aksnet nexthop: no subnet found and the input has errors');
        setExit(EXIT_UNUSABLE);
        return;
      }
      const result = nexthop(loaded.model, { vm: flags.vm, destIp, ...(sourceIp ? { sourceIp } : {}) });
      if (!result.ok) throw new UsageError(result.error);
      printDiagnostics(io, result.answer.diagnostics);
      io.out(renderNexthop(result.answer, format, flags.routes ?? false));
      setExit(result.answer.nextHopType === 'None' ? EXIT_FINDINGS : EXIT_OK);
    });
}
