// The normalised network projection of a model that `--emit az` must preserve: VNets with their address space,
// subnets with their prefixes, clusters with mode/plugin/policy/dataplane/CIDRs, pools with counts, maxPods, surge,
// subnets and ASGs, application security groups, public IPs (SKU and allocation; the address is Azure's to give),
// and NICs (VM, NSG, and per IP configuration the subnet, a static address, ASGs and public IP; configuration names
// and whether a known address was dynamic are not kept: the emitted script names them itself and fixes the address). Ids are reduced to resource names (an emitted script lives in a synthetic subscription, so the
// subscription and resource-group segments of the original ids cannot survive the round trip).
import { formatCidr, formatIp } from '../../src/engines/net/index.js';
import { nameFromId, type Model } from '../../src/model/model.js';

/** The `vnet/subnet` name of a subnet id, or the id's last segment when it names no subnet. */
function subnetName(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const m = /\/virtualnetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return m ? `${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}` : nameFromId(id).toLowerCase();
}

/** A plain JSON value describing the network design of `m` (sorted, names only). */
export function networkProjection(m: Model): unknown {
  return {
    vnets: m.vnets.map((v) => ({ name: v.name.toLowerCase(), addressSpace: v.addressSpace.map(formatCidr).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    subnets: m.subnets.map((s) => ({ name: subnetName(s.id), prefixes: s.prefixes.map(formatCidr).sort() }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    clusters: m.clusters.filter((c) => c.kind === 'aks').map((c) => ({
      name: c.name,
      networkMode: c.networkMode,
      networkPlugin: c.networkPlugin,
      networkPolicy: c.networkPolicy,
      dataplane: c.dataplane,
      podCidrs: c.podCidrs.map(formatCidr),
      serviceCidrs: c.serviceCidrs.map(formatCidr),
      dnsServiceIp: c.dnsServiceIp ? formatIp(c.dnsServiceIp) : undefined,
      pools: c.pools.map((p) => ({
        name: p.name, mode: p.mode, osType: p.osType, count: p.count, autoscale: p.autoscale, maxPods: p.maxPods,
        maxSurge: p.maxSurge, vnetSubnet: subnetName(p.vnetSubnetId), podSubnet: subnetName(p.podSubnetId),
        podIpAllocation: p.podSubnetId ? p.podIpAllocation ?? 'DynamicIndividual' : undefined,
        asgs: (p.asgIds ?? []).map(nameFromId).sort(),
      })).sort((a, b) => a.name.localeCompare(b.name)),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    asgs: m.asgs.map((a) => a.name.toLowerCase()).sort(),
    publicIps: m.publicIps.map((p) => ({ name: p.name.toLowerCase(), sku: p.sku, allocation: p.allocation })).sort((a, b) => a.name.localeCompare(b.name)),
    nics: m.nics.map((n) => ({
      name: n.name.toLowerCase(), vm: n.vmName?.toLowerCase(), nsg: n.nsgId ? nameFromId(n.nsgId).toLowerCase() : undefined,
      ipConfigurations: n.ipConfigurations.map((c) => ({
        subnet: subnetName(c.subnetId), privateIp: c.privateIp ? formatIp(c.privateIp) : undefined,
        asgs: c.asgIds.map((a) => nameFromId(a).toLowerCase()).sort(), asgsUnknown: c.asgsUnknown ?? false,
        publicIp: c.publicIpId ? nameFromId(c.publicIpId).toLowerCase() : undefined,
      })),
    })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
