// The normalised network projection of a model that `--emit az` must preserve: VNets with their address space,
// subnets with their prefixes, clusters with mode/plugin/policy/dataplane/CIDRs, pools with counts, maxPods, surge
// and subnets. Ids are reduced to resource names (an emitted script lives in a synthetic subscription, so the
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
      })).sort((a, b) => a.name.localeCompare(b.name)),
    })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
