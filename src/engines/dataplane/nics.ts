// NICs of VMs that are not AKS nodes (jumpboxes, appliances, databases), as the packet walk and the reference
// resolvers of trace, ipflow and nexthop see them: which NIC owns an address, its subnet and its NSG.
import { ipEquals, type Ip } from '../net/index.js';
import type { NetworkInterface, NicIpConfiguration, Nsg, Subnet } from '../../model/azure.js';
import type { Model } from '../../model/model.js';
import { subnetContaining } from '../routing/index.js';

/**
 * One NIC IP configuration with a known address. `subnet`: the configuration's subnet (else the subnet holding the
 * address; absent = not in the input); `nsg`: the NIC's NSG (absent = none, or `nsgMissing` when the NIC names an
 * NSG the input does not give).
 */
export interface OwnedAddress {
  readonly nic: NetworkInterface;
  readonly config: NicIpConfiguration;
  readonly ip: Ip;
  readonly subnet?: Subnet;
  readonly nsg?: Nsg;
  readonly nsgMissing?: boolean;
}

function owned(model: Model, nic: NetworkInterface, config: NicIpConfiguration, ip: Ip): OwnedAddress {
  const subnet = (config.subnetId ? model.subnets.find((s) => s.id === config.subnetId) : undefined) ?? subnetContaining(model, ip);
  const nsg = nic.nsgId ? model.nsgs.find((n) => n.id === nic.nsgId) : undefined;
  return { nic, config, ip, ...(subnet ? { subnet } : {}), ...(nsg ? { nsg } : {}), ...(nic.nsgId && !nsg ? { nsgMissing: true } : {}) };
}

/** The NIC IP configuration whose private address is `ip` (first NIC by id), if any. */
export function nicOwning(model: Model, ip: Ip): OwnedAddress | undefined {
  for (const nic of model.nics) {
    for (const c of nic.ipConfigurations) if (c.privateIp && ipEquals(c.privateIp, ip)) return owned(model, nic, c, c.privateIp);
  }
  return undefined;
}

/**
 * A NIC named by `ref`: `nic:<name>`, `vm:<name>`, or a bare NIC or VM name (case-insensitive); its primary (first)
 * IP configuration with a known address. Undefined when no NIC matches; a reason when one matches but has no known
 * address. Never throws.
 */
export function nicByRef(model: Model, ref: string): OwnedAddress | string | undefined {
  const r = String(ref).trim();
  const lower = r.toLowerCase();
  const [kind, name] = lower.startsWith('nic:') ? ['nic', lower.slice(4)] : lower.startsWith('vm:') ? ['vm', lower.slice(3)] : ['any', lower];
  if (name === '') return undefined;
  const nic = model.nics.find((n) => (kind !== 'vm' && n.name.toLowerCase() === name) || (kind !== 'nic' && n.vmName?.toLowerCase() === name));
  if (!nic) return undefined;
  const c = nic.ipConfigurations.find((x) => x.privateIp);
  if (!c?.privateIp) return `NIC ${nic.name} has no known private address (assigned by Azure, not in the input)`;
  return owned(model, nic, c, c.privateIp);
}

/** How a walk hop names an owned address: `VM jumpbox (NIC jumpbox-nic)` or `NIC db-nic`. */
export function describeOwner(o: OwnedAddress): string {
  return o.nic.vmName ? `VM ${o.nic.vmName} (NIC ${o.nic.name})` : `NIC ${o.nic.name}`;
}
