// `aksnet plan --emit az`: a bash script of `az` commands that builds the design of the model (VNets, route tables,
// application security groups, public IPs, NSGs, subnets, NICs and the VMs holding them, AKS clusters and their node
// pools), written the way the AKS documentation writes them: variables for the resource group and location, one flag
// per line with `\` continuations, subnet and ASG ids as ARM paths.
import { formatCidr, formatIp } from '../engines/net/index.js';
import type {
  ApplicationSecurityGroup, Cluster, NetworkInterface, NodePool, Nsg, NsgRule, PublicIpAddress, RouteTable, Subnet, UdrRoute, VNet,
} from '../model/azure.js';
import type { Model } from '../model/model.js';
import { formatSurge } from '../model/azure.js';

/** Where the script is run: defaults for the variables at its top. Absent = placeholders the user edits. */
export interface AzEmitOptions {
  /** Value of $LOCATION when no VNet in the model names one; default `eastus`. */
  readonly location?: string;
}

/** Quotes a shell word when it holds anything but safe characters. */
export function shellWord(s: string): string {
  if (/^[A-Za-z0-9._\/:,%@+=-]+$/.test(s)) return s;
  if (/^[A-Za-z0-9._\/:,%@+=${}-]+$/.test(s) && /\$\{?[A-Z_]+\}?/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One command: the first words on the first line, each flag on its own `\`-continued line. */
function command(head: string, flags: readonly (readonly [string, string | undefined] | readonly [string])[]): string {
  const lines = [head];
  for (const f of flags) {
    if (f.length === 1) lines.push(`    ${f[0]}`);
    else if (f[1] !== undefined) lines.push(`    ${f[0]} ${f[1]}`);
  }
  return lines.join(' \\\n');
}

/** The resource group segment of an ARM id (case as stored, lower-case for model ids), or undefined. */
function resourceGroupOf(id: string): string | undefined {
  const m = /\/resourcegroups\/([^/]+)/i.exec(id);
  return m ? m[1] : undefined;
}

/** Shell variables holding ids (`<PREFIX>_<NAME>`, made unique with a counter), allocated on first use. */
class IdVars {
  private readonly names = new Map<string, string>();
  private readonly used = new Set<string>();
  constructor(private readonly prefix: string) {}
  /** The variable of the object with `id` and `name`. */
  name(id: string, name: string): string {
    const old = this.names.get(id);
    if (old !== undefined) return old;
    const base = `${this.prefix}_` + (name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'X');
    let v = base;
    for (let i = 2; this.used.has(v); i++) v = `${base}_${i}`;
    this.used.add(v);
    this.names.set(id, v);
    return v;
  }
}

/** Assigns a shell variable to each resource group: the first is $RESOURCE_GROUP, then $RESOURCE_GROUP_2, … */
class Groups {
  private readonly vars = new Map<string, string>();
  constructor(ids: readonly string[]) {
    for (const id of ids) {
      const rg = resourceGroupOf(id);
      if (rg !== undefined && !this.vars.has(rg)) this.vars.set(rg, this.vars.size === 0 ? 'RESOURCE_GROUP' : `RESOURCE_GROUP_${this.vars.size + 1}`);
    }
    if (this.vars.size === 0) this.vars.set('myResourceGroup', 'RESOURCE_GROUP');
  }
  ref(id: string): string {
    const v = this.vars.get(resourceGroupOf(id) ?? '') ?? 'RESOURCE_GROUP';
    return `$${v}`;
  }
  declarations(): string[] {
    return [...this.vars].map(([rg, v]) => `${v}=${shellWord(rg)}`);
  }
}

function vnetNameOf(s: Subnet, vnet: VNet | undefined): string {
  return vnet?.name ?? s.vnetId.split('/').pop() ?? 'vnet';
}

/**
 * Shell variables holding subnet ids, the way the AKS documentation gets them:
 * `SUBNET_ID=$(az network vnet subnet show ... --query id --output tsv)`. One variable per subnet a pool names.
 */
class SubnetVars {
  private readonly names = new Map<string, string>();
  private readonly used = new Set<string>();
  /** The variable of subnet `s` (allocated on first use): SUBNET_ID_<NAME>, made unique with a counter. */
  name(s: Subnet): string {
    const old = this.names.get(s.id);
    if (old !== undefined) return old;
    const base = 'SUBNET_ID_' + (s.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SUBNET');
    let v = base;
    for (let i = 2; this.used.has(v); i++) v = `${base}_${i}`;
    this.used.add(v);
    this.names.set(s.id, v);
    return v;
  }
}

function routeCommand(rt: RouteTable, r: UdrRoute, g: Groups): string {
  return command('az network route-table route create', [
    ['--resource-group', g.ref(rt.id)], ['--route-table-name', shellWord(rt.name)], ['--name', shellWord(r.name)],
    ['--address-prefix', shellWord(r.addressPrefix)], ['--next-hop-type', r.nextHopType],
    ['--next-hop-ip-address', r.nextHopIp ? formatIp(r.nextHopIp) : undefined],
  ]);
}

function list(xs: readonly string[]): string | undefined {
  return xs.length === 0 ? undefined : xs.map(shellWord).join(' ');
}

/** An NSG rule; `asgWord` writes an ASG reference (its name when az can find it by name, else its id). */
function nsgRuleCommand(nsg: Nsg, r: NsgRule, g: Groups, asgWord: (nsg: Nsg, id: string) => string): string {
  const asgs = (ids: readonly string[]): string | undefined => (ids.length === 0 ? undefined : ids.map((id) => asgWord(nsg, id)).join(' '));
  return command('az network nsg rule create', [
    ['--resource-group', g.ref(nsg.id)], ['--nsg-name', shellWord(nsg.name)], ['--name', shellWord(r.name)],
    ['--priority', String(r.priority)], ['--direction', r.direction], ['--access', r.access], ['--protocol', shellWord(r.protocol)],
    ['--source-address-prefixes', list(r.sourceAddresses)], ['--source-port-ranges', list(r.sourcePorts)],
    ['--destination-address-prefixes', list(r.destinationAddresses)], ['--destination-port-ranges', list(r.destinationPorts)],
    ['--source-asgs', asgs(r.sourceAsgIds)], ['--destination-asgs', asgs(r.destinationAsgIds)],
  ]);
}

const sku = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);

function publicIpCommand(p: PublicIpAddress, g: Groups): string {
  return command('az network public-ip create', [
    ['--resource-group', g.ref(p.id)], ['--name', shellWord(p.name)], ['--location', '$LOCATION'],
    ['--sku', sku(p.sku)], ['--allocation-method', sku(p.allocation)],
  ]);
}

/**
 * `az network nic create` for a NIC's first IP configuration (subnet, address when static or known, ASGs, public IP,
 * the NIC NSG); further IP configurations are a comment (the script adapter reads one per NIC). `names`: objects of
 * the model by id, so references are written as names in the NIC's resource group or as ids elsewhere.
 */
function nicCommands(n: NetworkInterface, g: Groups, names: ReadonlyMap<string, { name: string }>, subnets: ReadonlyMap<string, Subnet>,
  vnets: ReadonlyMap<string, VNet>): string[] {
  const c = n.ipConfigurations[0];
  const here = (id: string | undefined): string | undefined => {
    if (id === undefined) return undefined;
    const o = names.get(id);
    return o && g.ref(id) === g.ref(n.id) ? shellWord(o.name) : shellWord(id);
  };
  const s = c?.subnetId ? subnets.get(c.subnetId) : undefined;
  const out = [command('az network nic create', [
    ['--resource-group', g.ref(n.id)], ['--name', shellWord(n.name)], ['--location', '$LOCATION'],
    ...(s && g.ref(s.id) === g.ref(n.id)
      ? [['--vnet-name', shellWord(vnetNameOf(s, vnets.get(s.vnetId)))], ['--subnet', shellWord(s.name)]] as [string, string][]
      : [['--subnet', c?.subnetId ? shellWord(c.subnetId) : undefined]] as [string, string | undefined][]),
    ['--private-ip-address', c?.privateIp ? formatIp(c.privateIp) : undefined],
    ['--network-security-group', here(n.nsgId)],
    ['--public-ip-address', here(c?.publicIpId)],
    ['--asgs', c && c.asgIds.length > 0 ? c.asgIds.map((a) => here(a)!).join(' ') : undefined],
  ])];
  if (n.ipConfigurations.length > 1) {
    out.push(`# ${n.name}: IP configurations ${n.ipConfigurations.slice(1).map((x) => x.name).join(', ')} are not written (az network nic ip-config create).`);
  }
  return out;
}

/** The network flags of `az aks create` for a cluster's mode, policy and dataplane. */
export function networkFlags(c: Cluster): [string, string | undefined][] {
  const v4 = c.podCidrs.filter((p) => p.family === 4);
  const dual = c.ipFamilies.includes(6);
  const podCidrFlags: [string, string | undefined][] = dual
    ? [['--pod-cidrs', c.podCidrs.length ? c.podCidrs.map(formatCidr).join(',') : undefined]]
    : [['--pod-cidr', v4[0] ? formatCidr(v4[0]) : undefined]];
  const out: [string, string | undefined][] = [];
  switch (c.networkMode) {
    case 'kubenet':
      out.push(['--network-plugin', 'kubenet'], ...podCidrFlags);
      break;
    case 'azure-cni-overlay':
      out.push(['--network-plugin', 'azure'], ['--network-plugin-mode', 'overlay'], ...podCidrFlags);
      break;
    case 'azure-cni-node-subnet':
    case 'azure-cni-pod-subnet':
      out.push(['--network-plugin', 'azure']);
      break;
    case 'byo-cni':
      out.push(['--network-plugin', 'none']);
      break;
    case 'self-managed':
      break;
    default: {
      const never: never = c.networkMode;
      return never;
    }
  }
  if (c.dataplane === 'cilium') out.push(['--network-dataplane', 'cilium']);
  if (c.networkPolicy !== 'none' && !(c.dataplane === 'cilium' && c.networkPolicy === 'cilium')) out.push(['--network-policy', c.networkPolicy]);
  if (dual) {
    out.push(['--ip-families', 'ipv4,ipv6']);
    out.push(['--service-cidrs', c.serviceCidrs.length ? c.serviceCidrs.map(formatCidr).join(',') : undefined]);
  } else {
    out.push(['--service-cidr', c.serviceCidrs[0] ? formatCidr(c.serviceCidrs[0]) : undefined]);
  }
  out.push(['--dns-service-ip', c.dnsServiceIp ? formatIp(c.dnsServiceIp) : undefined]);
  return out;
}

/** The outbound flags of `az aks create`. */
function outboundFlags(c: Cluster): [string, string | undefined][] {
  const o = c.outbound;
  const out: [string, string | undefined][] = [['--outbound-type', o.type]];
  switch (o.type) {
    case 'loadBalancer':
      out.push(['--load-balancer-sku', o.loadBalancerSku]);
      out.push(['--load-balancer-managed-outbound-ip-count', o.outboundIps > 0 ? String(o.outboundIps) : undefined]);
      out.push(['--load-balancer-outbound-ports', o.allocatedOutboundPorts > 0 ? String(o.allocatedOutboundPorts) : undefined]);
      break;
    case 'managedNATGateway':
    case 'managedNATGatewayV2':
      out.push(['--nat-gateway-managed-outbound-ip-count', o.outboundIps > 0 ? String(o.outboundIps) : undefined]);
      break;
    case 'userAssignedNATGateway':
    case 'userDefinedRouting':
    case 'none':
    case 'block':
      break;
    default: {
      const never: never = o.type;
      return never;
    }
  }
  return out;
}

/** Flags a pool carries in both `az aks create` (first pool) and `az aks nodepool add`. */
function poolFlags(p: NodePool, subnetRef: (id: string) => string, managed: ReadonlySet<string>, asgRef: (id: string) => string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [
    ['--node-count', String(p.count)],
    ['--max-pods', String(p.maxPods)],
    ['--max-surge', formatSurge(p.maxSurge)],
  ];
  if (p.vmSize) out.push(['--node-vm-size', shellWord(p.vmSize)]);
  if (p.vnetSubnetId && !managed.has(p.vnetSubnetId)) out.push(['--vnet-subnet-id', subnetRef(p.vnetSubnetId)]);
  if (p.podSubnetId) out.push(['--pod-subnet-id', subnetRef(p.podSubnetId)]);
  if (p.podSubnetId && p.podIpAllocation) out.push(['--pod-ip-allocation-mode', p.podIpAllocation]);
  if (p.autoscale) {
    out.push(['--enable-cluster-autoscaler', ''], ['--min-count', String(p.autoscale.min)], ['--max-count', String(p.autoscale.max)]);
  }
  if (p.asgIds && p.asgIds.length > 0) out.push(['--asg-ids', p.asgIds.map(asgRef).join(' ')]);
  return out;
}

function flagsOf(pairs: readonly [string, string | undefined][]): ([string, string | undefined] | [string])[] {
  return pairs.map(([f, v]) => (v === '' ? [f] : [f, v]));
}

/**
 * Ids of the objects AKS creates for a cluster without a subnet of its own (managed VNet, its subnet, and the kubenet
 * route table) and of route tables AKS creates for kubenet clusters in the user's VNet.
 */
function managedIds(model: Model): Set<string> {
  const out = new Set<string>();
  const subnets = new Map(model.subnets.map((s) => [s.id, s]));
  for (const c of model.clusters) {
    if (c.kind !== 'aks') continue;
    if (c.managedVnet) {
      for (const p of c.pools) {
        const s = p.vnetSubnetId ? subnets.get(p.vnetSubnetId) : undefined;
        if (!s) continue;
        out.add(s.id);
        out.add(s.vnetId);
        if (s.routeTableId) out.add(s.routeTableId);
      }
    }
  }
  for (const rt of model.routeTables) if (rt.managedBy !== undefined) out.add(rt.id);
  return out;
}

/** The system pool `az aks create` makes (the first System pool, else the first pool). */
function firstPool(c: Cluster): NodePool | undefined {
  return c.pools.find((p) => p.mode === 'System') ?? c.pools[0];
}

/** The whole script. Deterministic: objects in model order (sorted by id), pools in cluster order. */
export function emitAz(model: Model, opts: AzEmitOptions = {}): string {
  // Objects AKS creates itself (the managed VNet, its subnet and route table, the kubenet route table in a BYO
  // VNet) are not written: `az aks create` makes them again.
  const managed = managedIds(model);
  const g = new Groups([...model.vnets, ...model.routeTables, ...model.nsgs, ...model.subnets, ...model.asgs, ...model.publicIps,
    ...model.nics, ...model.clusters].map((x) => x.id).filter((id) => !managed.has(id)));
  const vnetById = new Map(model.vnets.map((v) => [v.id, v]));
  const rtById = new Map(model.routeTables.map((r) => [r.id, r]));
  const nsgById = new Map(model.nsgs.map((n) => [n.id, n]));
  const subnetById = new Map(model.subnets.map((s) => [s.id, s]));
  const location = model.vnets.find((v) => v.location)?.location ?? opts.location ?? 'eastus';
  const vars = new SubnetVars();
  const subnetRef = (id: string): string => {
    const s = subnetById.get(id);
    return s && !managed.has(s.id) ? `"$${vars.name(s)}"` : shellWord(id);
  };
  const referenced = new Set(model.clusters.flatMap((c) => c.pools.flatMap((p) => [p.vnetSubnetId, p.podSubnetId])));
  const asgById = new Map<string, ApplicationSecurityGroup>(model.asgs.map((a) => [a.id, a]));
  const asgVars = new IdVars('ASG_ID');
  const poolAsgs = [...new Set(model.clusters.flatMap((c) => c.kind === 'aks' ? c.pools.flatMap((p) => p.asgIds ?? []) : []))];
  const asgRef = (id: string): string => (asgById.has(id) ? `"$${asgVars.name(id, asgById.get(id)!.name)}"` : shellWord(id));
  const names = new Map<string, { name: string }>([...model.nsgs, ...model.asgs, ...model.publicIps].map((x) => [x.id, x]));
  const vms = [...new Set(model.nics.map((n) => n.vmName).filter((v): v is string => v !== undefined))].sort();
  const out: string[] = [
    '#!/usr/bin/env bash',
    '# Builds the network design aksnet read: VNets, route tables, ASGs, public IPs, NSGs, subnets, NICs and their VMs,',
    '# AKS clusters and node pools.',
    '# Review the variables, then run with bash. Values aksnet defaulted are written out explicitly.',
    'set -euo pipefail',
    '',
    ...g.declarations(),
    `LOCATION=${shellWord(location)}`,
    ...(vms.length > 0 ? ['# The image of the VMs that hold the NICs (aksnet does not read it from the input).', 'VM_IMAGE=Ubuntu2204'] : []),
    '',
  ];
  const groups = [...new Set(g.declarations().map((d) => d.split('=')[0]))];
  for (const v of groups) out.push(command('az group create', [['--name', `$${v}`], ['--location', '$LOCATION']]), '');
  for (const v of model.vnets) {
    if (managed.has(v.id)) continue;
    out.push(command('az network vnet create', [
      ['--resource-group', g.ref(v.id)], ['--name', shellWord(v.name)], ['--location', '$LOCATION'],
      ['--address-prefixes', v.addressSpace.map(formatCidr).join(' ') || undefined],
    ]), '');
  }
  for (const rt of model.routeTables) {
    if (managed.has(rt.id)) continue;
    out.push(command('az network route-table create', [
      ['--resource-group', g.ref(rt.id)], ['--name', shellWord(rt.name)], ['--location', '$LOCATION'],
      ['--disable-bgp-route-propagation', rt.disableBgpRoutePropagation ? 'true' : undefined],
    ]), '');
    for (const r of rt.routes) out.push(routeCommand(rt, r, g), '');
  }
  for (const a of model.asgs) {
    out.push(command('az network asg create', [['--resource-group', g.ref(a.id)], ['--name', shellWord(a.name)], ['--location', '$LOCATION']]), '');
  }
  for (const a of poolAsgs) {
    const asg = asgById.get(a);
    if (asg) out.push(`${asgVars.name(a, asg.name)}="$(az network asg show --resource-group ${g.ref(a)} --name ${shellWord(asg.name)} --query id --output tsv)"`, '');
  }
  for (const p of model.publicIps) out.push(publicIpCommand(p, g), '');
  for (const nsg of model.nsgs) {
    out.push(command('az network nsg create', [['--resource-group', g.ref(nsg.id)], ['--name', shellWord(nsg.name)], ['--location', '$LOCATION']]), '');
    for (const r of [...nsg.rules].sort((a, b) => a.priority - b.priority)) {
      out.push(nsgRuleCommand(nsg, r, g, (n, id) => (asgById.has(id) && g.ref(id) === g.ref(n.id) ? shellWord(asgById.get(id)!.name) : shellWord(id))), '');
    }
  }
  for (const s of model.subnets) {
    if (managed.has(s.id)) continue;
    const vnet = vnetById.get(s.vnetId);
    const rt = s.routeTableId ? rtById.get(s.routeTableId) : undefined;
    const nsg = s.nsgId ? nsgById.get(s.nsgId) : undefined;
    out.push(command('az network vnet subnet create', [
      ['--resource-group', g.ref(s.id)], ['--vnet-name', shellWord(vnetNameOf(s, vnet))],
      ['--name', shellWord(s.name)], ['--address-prefixes', s.prefixes.map(formatCidr).join(' ') || undefined],
      ['--route-table', s.routeTableId && !managed.has(s.routeTableId) ? shellWord(rt?.name ?? s.routeTableId) : undefined],
      ['--network-security-group', s.nsgId ? shellWord(nsg?.name ?? s.nsgId) : undefined],
      ['--nat-gateway', s.natGatewayId ? shellWord(s.natGatewayId) : undefined],
      ['--delegations', list(s.delegations)],
    ]), '');
    if (referenced.has(s.id)) {
      out.push(`${vars.name(s)}="$(az network vnet subnet show --resource-group ${g.ref(s.id)} --vnet-name ${shellWord(vnetNameOf(s, vnet))} ` +
        `--name ${shellWord(s.name)} --query id --output tsv)"`, '');
    }
  }
  for (const n of model.nics) out.push(...nicCommands(n, g, names, subnetById, vnetById), '');
  for (const vm of vms) {
    const nics = model.nics.filter((n) => n.vmName === vm);
    out.push(command('az vm create', [
      ['--resource-group', g.ref(nics[0]!.id)], ['--name', shellWord(vm)], ['--location', '$LOCATION'],
      ['--nics', nics.map((n) => shellWord(g.ref(n.id) === g.ref(nics[0]!.id) ? n.name : n.id)).join(' ')],
      ['--image', '"$VM_IMAGE"'], ['--generate-ssh-keys'],
    ]), '');
  }
  for (const c of model.clusters) {
    if (c.kind === 'self-managed') {
      out.push(`# ${c.name}: a self-managed cluster; its VMs are not created by az aks (pools: ${c.pools.map((p) => `${p.name}×${p.count}`).join(', ') || 'none'}).`, '');
      continue;
    }
    const first = firstPool(c);
    const create: ([string, string | undefined] | [string])[] = [
      ['--resource-group', g.ref(c.id)], ['--name', shellWord(c.name)], ['--location', '$LOCATION'],
      ['--kubernetes-version', c.kubernetesVersion ? shellWord(c.kubernetesVersion) : undefined],
      ['--nodepool-name', first ? shellWord(first.name) : undefined],
      ...flagsOf(first ? poolFlags(first, subnetRef, managed, asgRef) : []),
      ...flagsOf(networkFlags(c)),
      ...flagsOf(outboundFlags(c)),
    ];
    if (c.privateCluster) create.push(['--enable-private-cluster']);
    const ownRouteTable = c.routeTableId !== undefined && !managed.has(c.routeTableId);
    if (c.outbound.type === 'userDefinedRouting' || ownRouteTable) create.push(['--assign-identity', '"$IDENTITY_ID"']);
    create.push(['--generate-ssh-keys']);
    if (ownRouteTable || c.outbound.type === 'userDefinedRouting') {
      out.push('# Bring-your-own route table / userDefinedRouting need a user-assigned identity with Network Contributor on the subnet.');
      out.push(`IDENTITY_ID="$(az identity create --resource-group ${g.ref(c.id)} --name ${shellWord(c.name + '-identity')} --query id --output tsv)"`);
    }
    out.push(command('az aks create', create), '');
    for (const p of c.pools) {
      if (p === first) continue;
      out.push(command('az aks nodepool add', [
        ['--resource-group', g.ref(c.id)], ['--cluster-name', shellWord(c.name)], ['--name', shellWord(p.name)],
        ['--mode', p.mode], ['--os-type', p.osType], ...flagsOf(poolFlags(p, subnetRef, managed, asgRef)),
      ]), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
