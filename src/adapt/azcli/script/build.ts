// Turns evaluated az calls into ARM-shaped objects (with the origin of every flag) and hands them to the shared
// converter at the end of the script, so `az aks nodepool add` lines join the cluster that `az aks create` made and
// the converter applies the CLI's defaults (source 'az-script': node count 3, maxPods per mode, managed VNet).
import type { Origin } from '../../../model/origin.js';
import type { AppliedDefault } from '../../../model/azure.js';
import * as facts from '../../../model/facts.js';
import { armId } from '../../../model/model.js';
import type {
  ArmAgentPool, ArmManagedCluster, ArmNsg, ArmRouteTable, ArmSecurityRule, ArmSubnet, ArmVNet, ConvertOptions,
} from '../../aks/arm-shape.js';
import { SYNTHETIC_RESOURCE_GROUP } from '../../aks/arm-shape.js';
import { convertAgentPool, convertManagedCluster, convertNsg, convertRouteTable, convertSubnet, convertVNet } from '../../aks/convert.js';
import type { AdaptContext } from '../../context.js';
import { OriginMap } from '../../native/origin-map.js';
import { SCRIPT_CODES } from './codes.js';
import type { AzCall, FlagUse, ShellState } from './evaluate.js';
import { ScriptNics } from './nics.js';

const VNET = 'Microsoft.Network/virtualNetworks';
const RT = 'Microsoft.Network/routeTables';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const CLUSTER = 'Microsoft.ContainerService/managedClusters';
const ASG = 'Microsoft.Network/applicationSecurityGroups';

interface Entry<T> {
  readonly arm: T;
  readonly map: OriginMap;
  readonly rg: string;
}
interface SubnetEntry extends Entry<ArmSubnet> {
  readonly vnetName: string;
}

/** Collects the resources a script creates; `finish()` converts them. */
export class ScriptModel {
  private readonly locations = new Map<string, string>();
  private readonly vnets = new Map<string, Entry<ArmVNet> & { subnets: SubnetEntry[] }>();
  private readonly loneSubnets = new Map<string, SubnetEntry>();
  private readonly routeTables = new Map<string, Entry<ArmRouteTable>>();
  private readonly nsgs = new Map<string, Entry<ArmNsg>>();
  private readonly clusters = new Map<string, Entry<ArmManagedCluster> & { defaults: AppliedDefault[] }>();
  private readonly lonePools: { arm: ArmAgentPool; map: OriginMap; rg: string; cluster: string }[] = [];
  /** NICs, ASGs, public IPs and VMs (script/nics.ts). */
  private readonly nics: ScriptNics;

  constructor(
    private readonly ctx: AdaptContext,
    private readonly state: ShellState,
    /** The origin of an offset in the script. */
    private readonly originOf: (offset: number, kind?: string, name?: string) => Origin,
  ) {
    this.nics = new ScriptNics(ctx, {
      str: (call, flag) => this.str(call, flag), list: (call, flag) => this.list(call, flag), at: (call, flag) => this.at(call, flag),
      required: (call, ...names) => this.required(call, ...names) as string[] | undefined, rg: (call) => this.rg(call),
      originOf: (offset, kind, name) => this.originOf(offset, kind, name),
      azDefault: (what, factId, origin) => this.azDefault(what, factId, origin),
      addNsg: (id, arm, map, rg) => { if (!this.nsgs.has(id)) this.nsgs.set(id, { arm, map, rg }); },
    });
  }

  /** Applies one az call. */
  apply(call: AzCall): void {
    switch (call.name) {
      case 'group create': return this.groupCreate(call);
      case 'network vnet create': return this.vnetCreate(call);
      case 'network vnet subnet create':
      case 'network vnet subnet update': return this.subnetCreate(call, call.name === 'network vnet subnet update');
      case 'network route-table create': return this.routeTableCreate(call);
      case 'network route-table route create': return this.routeCreate(call);
      case 'network nsg create': return this.nsgCreate(call);
      case 'network nsg rule create': return this.ruleCreate(call);
      case 'aks create': return this.aksCreate(call);
      case 'aks nodepool add': return this.nodepoolAdd(call);
      case 'network nic create': return this.nics.nicCreate(call);
      case 'network nic ip-config update': return this.nics.ipConfigUpdate(call);
      case 'network asg create': return this.nics.asgCreate(call);
      case 'network public-ip create': return this.nics.publicIpCreate(call);
      case 'vm create': return this.nics.vmCreate(call);
      case 'network nic show': case 'network asg show': case 'network public-ip show':
      case 'network vnet show': case 'network vnet subnet show': case 'network vnet subnet list': case 'network route-table show':
      case 'network nsg show': case 'aks show': case 'group show': case 'aks nodepool show':
        return; // show commands matter only inside $(...)
      default: {
        const never: never = call.name;
        void never;
      }
    }
  }

  // ── flag access ──────────────────────────────────────────────────────────────────────────────────────────────
  private use(call: AzCall, flag: string): FlagUse | undefined {
    const f = call.flags.get(flag);
    if (!f) return undefined;
    const bad = f.values.find((v) => !v.known);
    if (bad && !bad.known) {
      this.ctx.diagnostics.warning(SCRIPT_CODES.UNKNOWN_VALUE, `the value of ${flag} is not known (${bad.why}); the flag is ignored`,
        this.originOf(f.offset), 'set the variable in the script, or write the value itself');
      return undefined;
    }
    return f;
  }
  private str(call: AzCall, flag: string): string | undefined {
    return this.use(call, flag)?.values[0]?.text;
  }
  private list(call: AzCall, flag: string): string[] | undefined {
    const f = this.use(call, flag);
    // az accepts space- and (for some flags) comma-separated lists.
    return f ? f.values.flatMap((v) => v.text.split(',')).map((s) => s.trim()).filter((s) => s !== '') : undefined;
  }
  private on(call: AzCall, flag: string): boolean | undefined {
    const f = this.use(call, flag);
    if (!f) return undefined;
    return f.values[0] === undefined ? true : f.values[0].text.toLowerCase() === 'true';
  }
  private at(call: AzCall, flag: string): Origin {
    return this.originOf(call.flags.get(flag)?.offset ?? call.offset);
  }
  /** The values of `flagNames`, one per flag in order; undefined (with an error for a missing flag) when one has none. */
  private required<const F extends readonly string[]>(call: AzCall, ...flagNames: F): { readonly [K in keyof F]: string } | undefined {
    const out: string[] = [];
    for (const f of flagNames) {
      const v = this.str(call, f);
      if (v === undefined) {
        if (!call.flags.has(f)) {
          this.ctx.diagnostics.error(SCRIPT_CODES.MISSING_FLAG, `az ${call.name} without ${f}; skipped`, this.originOf(call.offset), `add ${f}`);
        }
        return undefined;
      }
      out.push(v);
    }
    return out as { readonly [K in keyof F]: string };
  }
  private rg(call: AzCall): string {
    return this.str(call, '--resource-group') ?? SYNTHETIC_RESOURCE_GROUP;
  }
  private location(call: AzCall, rg: string): string | undefined {
    return this.str(call, '--location') ?? this.locations.get(rg.toLowerCase());
  }
  /** Records `flag`'s value at `path` of `e` (value transformed by `f`), with the flag's origin. */
  private put(e: { map: OriginMap }, target: Record<string, unknown>, key: string, path: (string | number)[], call: AzCall, flag: string, value: unknown): void {
    if (value === undefined) return;
    target[key] = value;
    e.map.set(path, this.at(call, flag));
  }
  private refId(value: string, rg: string, type: string): string {
    return value.startsWith('/') ? value : armId(rg, type, value);
  }

  // ── commands ─────────────────────────────────────────────────────────────────────────────────────────────────
  private groupCreate(call: AzCall): void {
    const name = this.str(call, '--name');
    const loc = this.str(call, '--location');
    if (name !== undefined && loc !== undefined) this.locations.set(name.toLowerCase(), loc);
  }

  private vnetCreate(call: AzCall): void {
    const req = this.required(call, '--name');
    if (!req) return;
    const [name] = req;
    const rg = this.rg(call);
    const id = armId(rg, VNET, name);
    const origin = this.originOf(call.offset, VNET, name);
    const map = new OriginMap(origin);
    let prefixes = this.list(call, '--address-prefixes');
    if (prefixes === undefined) {
      prefixes = [facts.AZ_VNET_CREATE_DEFAULT_ADDRESS_PREFIX.value];
      this.azDefault(`--address-prefixes ${prefixes[0]}`, facts.AZ_VNET_CREATE_DEFAULT_ADDRESS_PREFIX.id, origin);
    } else map.set(['addressSpace'], this.at(call, '--address-prefixes'));
    const arm: ArmVNet = { name, id, location: this.location(call, rg) ?? null, addressSpace: { addressPrefixes: prefixes } };
    const entry = { arm, map, rg, subnets: [] as SubnetEntry[] };
    this.vnets.set(id, entry);
    const subnetName = this.str(call, '--subnet-name');
    if (subnetName !== undefined) {
      const smap = new OriginMap(this.originOf(call.flags.get('--subnet-name')!.offset, 'subnet', subnetName));
      let sp = this.list(call, '--subnet-prefixes');
      if (sp === undefined) {
        sp = [facts.AZ_VNET_CREATE_DEFAULT_SUBNET_PREFIX.value];
        this.azDefault(`--subnet-prefixes ${sp[0]}`, facts.AZ_VNET_CREATE_DEFAULT_SUBNET_PREFIX.id, smap.root);
      } else smap.set(['addressPrefixes'], this.at(call, '--subnet-prefixes'));
      this.addSubnet(rg, name, { arm: { name: subnetName, addressPrefixes: sp }, map: smap, rg, vnetName: name });
    }
  }

  private addSubnet(rg: string, vnetName: string, s: SubnetEntry): void {
    const vnetId = armId(rg, VNET, vnetName);
    const list = this.state.subnetsByVnet.get(vnetId) ?? [];
    if (!list.includes(String(s.arm.name))) list.push(String(s.arm.name));
    this.state.subnetsByVnet.set(vnetId, list);
    const v = this.vnets.get(vnetId);
    if (v) v.subnets.push(s);
    else this.loneSubnets.set(armId(rg, VNET, vnetName, 'subnets', String(s.arm.name)), s);
  }

  private findSubnet(rg: string, vnetName: string, name: string): SubnetEntry | undefined {
    const v = this.vnets.get(armId(rg, VNET, vnetName));
    return v ? v.subnets.find((s) => String(s.arm.name).toLowerCase() === name.toLowerCase())
      : this.loneSubnets.get(armId(rg, VNET, vnetName, 'subnets', name));
  }

  private subnetCreate(call: AzCall, update: boolean): void {
    const req = this.required(call, '--vnet-name', '--name');
    if (!req) return;
    const [vnetName, name] = req;
    const rg = this.rg(call);
    let s = update ? this.findSubnet(rg, vnetName, name) : undefined;
    if (!s) {
      s = { arm: { name }, map: new OriginMap(this.originOf(call.offset, 'subnet', name)), rg, vnetName };
      this.addSubnet(rg, vnetName, s);
    }
    const arm = s.arm as Record<string, unknown>;
    this.put(s, arm, 'addressPrefixes', ['addressPrefixes'], call, '--address-prefixes', this.list(call, '--address-prefixes'));
    const rt = this.str(call, '--route-table');
    if (rt !== undefined) this.put(s, arm, 'routeTable', ['routeTable'], call, '--route-table', rt === '' ? null : { id: this.refId(rt, rg, RT) });
    const nsg = this.str(call, '--network-security-group');
    if (nsg !== undefined) this.put(s, arm, 'networkSecurityGroup', ['networkSecurityGroup'], call, '--network-security-group', nsg === '' ? null : { id: this.refId(nsg, rg, NSG) });
    const nat = this.str(call, '--nat-gateway');
    if (nat !== undefined) this.put(s, arm, 'natGateway', ['natGateway'], call, '--nat-gateway', nat === '' ? null : { id: this.refId(nat, rg, 'Microsoft.Network/natGateways') });
    const del = this.list(call, '--delegations');
    if (del !== undefined) this.put(s, arm, 'delegations', ['delegations'], call, '--delegations', del.map((serviceName) => ({ serviceName })));
  }

  private routeTableCreate(call: AzCall): void {
    const req = this.required(call, '--name');
    if (!req) return;
    const [name] = req;
    const rg = this.rg(call);
    const id = armId(rg, RT, name);
    const map = new OriginMap(this.originOf(call.offset, RT, name));
    const arm: ArmRouteTable = { name, id, routes: [] };
    const e = { arm, map, rg };
    this.put(e, arm, 'disableBgpRoutePropagation', ['disableBgpRoutePropagation'], call, '--disable-bgp-route-propagation', this.on(call, '--disable-bgp-route-propagation'));
    this.routeTables.set(id, e);
  }

  private routeCreate(call: AzCall): void {
    const req = this.required(call, '--route-table-name', '--name');
    if (!req) return;
    const [table, name] = req;
    const rg = this.rg(call);
    const id = armId(rg, RT, table);
    let e = this.routeTables.get(id);
    if (!e) {
      this.ctx.diagnostics.info(SCRIPT_CODES.NOT_CREATED_HERE, `route table ${table} is not created by this script; its routes are read on their own`,
        this.originOf(call.offset), 'add `az network route-table create` or the route table\'s az JSON');
      e = { arm: { name: table, id, routes: [] }, map: new OriginMap(this.originOf(call.offset, RT, table)), rg };
      this.routeTables.set(id, e);
    }
    const routes = e.arm.routes as Record<string, unknown>[];
    const i = routes.length;
    const r: Record<string, unknown> = { name };
    e.map.set(['routes', i], this.originOf(call.offset, 'route', name));
    this.put(e, r, 'addressPrefix', ['routes', i, 'addressPrefix'], call, '--address-prefix', this.str(call, '--address-prefix'));
    this.put(e, r, 'nextHopType', ['routes', i, 'nextHopType'], call, '--next-hop-type', this.str(call, '--next-hop-type'));
    this.put(e, r, 'nextHopIpAddress', ['routes', i, 'nextHopIpAddress'], call, '--next-hop-ip-address', this.str(call, '--next-hop-ip-address'));
    routes.push(r);
  }

  private nsgCreate(call: AzCall): void {
    const req = this.required(call, '--name');
    if (!req) return;
    const [name] = req;
    const rg = this.rg(call);
    const id = armId(rg, NSG, name);
    this.nsgs.set(id, { arm: { name, id, securityRules: [] }, map: new OriginMap(this.originOf(call.offset, NSG, name)), rg });
  }

  private ruleCreate(call: AzCall): void {
    const req = this.required(call, '--nsg-name', '--name');
    if (!req) return;
    const [nsgName, name] = req;
    const rg = this.rg(call);
    const id = armId(rg, NSG, nsgName);
    let e = this.nsgs.get(id);
    if (!e) {
      this.ctx.diagnostics.info(SCRIPT_CODES.NOT_CREATED_HERE, `network security group ${nsgName} is not created by this script; its rules are read on their own`,
        this.originOf(call.offset), 'add `az network nsg create` or the NSG\'s az JSON');
      e = { arm: { name: nsgName, id, securityRules: [] }, map: new OriginMap(this.originOf(call.offset, NSG, nsgName)), rg };
      this.nsgs.set(id, e);
    }
    const rules = e.arm.securityRules as ArmSecurityRule[];
    const i = rules.length;
    const r: ArmSecurityRule = { name };
    const origin = this.originOf(call.offset, 'securityRule', name);
    e.map.set(['securityRules', i], origin);
    const d = facts.AZ_NSG_RULE_CREATE_DEFAULTS.value;
    const used: string[] = [];
    const one = (key: 'priority' | 'direction' | 'access' | 'protocol', flag: string, dflt?: string): void => {
      const v = this.str(call, flag);
      if (v !== undefined) this.put(e!, r, key, ['securityRules', i, key], call, flag, v);
      else if (dflt !== undefined && !call.flags.has(flag)) { r[key] = dflt; used.push(`${flag} ${dflt}`); }
    };
    one('priority', '--priority');
    one('direction', '--direction', d.direction);
    one('access', '--access', d.access);
    one('protocol', '--protocol', d.protocol);
    // ASGs (names or ids) take the place of the side's address prefixes (AZ_NSG_RULE_ASGS_REPLACE_PREFIX).
    const asgs = (key: string, flag: string): boolean => {
      const v = this.list(call, flag);
      if (v !== undefined) this.put(e!, r, key, ['securityRules', i, key], call, flag, v.map((a) => ({ id: this.refId(a, rg, ASG) })));
      return call.flags.has(flag);
    };
    const srcAsgs = asgs('sourceApplicationSecurityGroups', '--source-asgs');
    const dstAsgs = asgs('destinationApplicationSecurityGroups', '--destination-asgs');
    const many = (key: string, flag: string, dflt: string | undefined): void => {
      const v = this.list(call, flag);
      if (v !== undefined) this.put(e!, r, key, ['securityRules', i, key], call, flag, v);
      else if (!call.flags.has(flag) && dflt !== undefined) { r[key] = [dflt]; used.push(`${flag} ${dflt}`); }
    };
    many('sourceAddressPrefixes', '--source-address-prefixes', srcAsgs ? undefined : d.sourceAddressPrefix);
    many('sourcePortRanges', '--source-port-ranges', d.sourcePortRange);
    many('destinationAddressPrefixes', '--destination-address-prefixes', dstAsgs ? undefined : d.destinationAddressPrefix);
    many('destinationPortRanges', '--destination-port-ranges', d.destinationPortRange);
    if (used.length > 0) this.azDefault(used.join(', '), facts.AZ_NSG_RULE_CREATE_DEFAULTS.id, origin);
    rules.push(r);
  }

  /** The default pool of `aks create` or a pool of `aks nodepool add`, with the origins of its flags at `base`. */
  private pool(call: AzCall, name: string, map: OriginMap, base: (string | number)[]): ArmAgentPool {
    const p: Record<string, unknown> = { name };
    const set = (key: string, flag: string, value: unknown): void => this.put({ map }, p, key, [...base, key], call, flag, value);
    set('count', '--node-count', this.str(call, '--node-count'));
    set('maxPods', '--max-pods', this.str(call, '--max-pods'));
    set('vmSize', '--node-vm-size', this.str(call, '--node-vm-size'));
    set('vnetSubnetID', '--vnet-subnet-id', this.str(call, '--vnet-subnet-id'));
    set('podSubnetID', '--pod-subnet-id', this.str(call, '--pod-subnet-id'));
    set('podIPAllocationMode', '--pod-ip-allocation-mode', this.str(call, '--pod-ip-allocation-mode'));
    set('enableAutoScaling', '--enable-cluster-autoscaler', this.on(call, '--enable-cluster-autoscaler'));
    set('minCount', '--min-count', this.str(call, '--min-count'));
    set('maxCount', '--max-count', this.str(call, '--max-count'));
    set('mode', '--mode', this.str(call, '--mode'));
    set('osType', '--os-type', this.str(call, '--os-type'));
    const surge = this.str(call, '--max-surge');
    if (surge !== undefined) {
      p.upgradeSettings = { maxSurge: surge };
      map.set([...base, 'upgradeSettings'], this.at(call, '--max-surge'));
    }
    const asgIds = this.list(call, '--asg-ids');
    if (asgIds !== undefined) {
      p.networkProfile = { applicationSecurityGroups: asgIds.map((a) => this.refId(a, this.rg(call), ASG)) };
      map.set([...base, 'networkProfile'], this.at(call, '--asg-ids'));
    }
    return p as ArmAgentPool;
  }

  private aksCreate(call: AzCall): void {
    const req = this.required(call, '--name');
    if (!req) return;
    const [name] = req;
    const rg = this.rg(call);
    const id = armId(rg, CLUSTER, name);
    const origin = this.originOf(call.offset, CLUSTER, name);
    const map = new OriginMap(origin);
    const defaults: AppliedDefault[] = [];
    let poolName = this.str(call, '--nodepool-name');
    if (poolName === undefined) {
      poolName = facts.AZ_DEFAULT_NODEPOOL_NAME.value;
      defaults.push({ field: `pools[${poolName}].name`, value: poolName, factId: facts.AZ_DEFAULT_NODEPOOL_NAME.id, origin });
    }
    map.set(['agentPoolProfiles', 0], this.originOf(call.offset, 'agentPool', poolName));
    const np: Record<string, unknown> = {};
    const n = (key: string, flag: string, value: unknown): void => this.put({ map }, np, key, ['networkProfile', key], call, flag, value);
    n('networkPlugin', '--network-plugin', this.str(call, '--network-plugin'));
    n('networkPluginMode', '--network-plugin-mode', this.str(call, '--network-plugin-mode'));
    n('networkPolicy', '--network-policy', this.str(call, '--network-policy'));
    n('networkDataplane', '--network-dataplane', this.str(call, '--network-dataplane'));
    n('podCidr', '--pod-cidr', this.str(call, '--pod-cidr'));
    n('podCidrs', '--pod-cidrs', this.list(call, '--pod-cidrs'));
    n('serviceCidr', '--service-cidr', this.str(call, '--service-cidr'));
    n('serviceCidrs', '--service-cidrs', this.list(call, '--service-cidrs'));
    n('dnsServiceIP', '--dns-service-ip', this.str(call, '--dns-service-ip'));
    n('ipFamilies', '--ip-families', this.list(call, '--ip-families'));
    n('outboundType', '--outbound-type', this.str(call, '--outbound-type'));
    n('loadBalancerSku', '--load-balancer-sku', this.str(call, '--load-balancer-sku'));
    const lb: Record<string, unknown> = {};
    const managed = this.str(call, '--load-balancer-managed-outbound-ip-count');
    if (managed !== undefined) { lb.managedOutboundIPs = { count: Number(managed) }; map.set(['networkProfile', 'loadBalancerProfile', 'managedOutboundIPs'], this.at(call, '--load-balancer-managed-outbound-ip-count')); }
    const ips = this.list(call, '--load-balancer-outbound-ips');
    if (ips !== undefined) { lb.outboundIPs = { publicIPs: ips.map((x) => ({ id: x })) }; map.set(['networkProfile', 'loadBalancerProfile', 'outboundIPs'], this.at(call, '--load-balancer-outbound-ips')); }
    const pfx = this.list(call, '--load-balancer-outbound-ip-prefixes');
    if (pfx !== undefined) { lb.outboundIPPrefixes = { publicIPPrefixes: pfx.map((x) => ({ id: x })) }; map.set(['networkProfile', 'loadBalancerProfile', 'outboundIPPrefixes'], this.at(call, '--load-balancer-outbound-ip-prefixes')); }
    const ports = this.str(call, '--load-balancer-outbound-ports');
    if (ports !== undefined) { lb.allocatedOutboundPorts = /^\d+$/.test(ports) ? Number(ports) : ports; map.set(['networkProfile', 'loadBalancerProfile', 'allocatedOutboundPorts'], this.at(call, '--load-balancer-outbound-ports')); }
    if (Object.keys(lb).length > 0) np.loadBalancerProfile = lb;
    const nat = this.str(call, '--nat-gateway-managed-outbound-ip-count');
    if (nat !== undefined) { np.natGatewayProfile = { managedOutboundIPProfile: { count: Number(nat) } }; map.set(['networkProfile', 'natGatewayProfile'], this.at(call, '--nat-gateway-managed-outbound-ip-count')); }

    // The CLI refuses these without an explicit --network-plugin (shared/reference/aks-networking.md §1.3).
    if (np.networkPlugin === undefined) {
      const needs = ['--pod-cidr', '--service-cidr', '--dns-service-ip', '--network-policy'].filter((f) => call.flags.has(f));
      if (needs.length > 0) {
        this.ctx.diagnostics.error(SCRIPT_CODES.AZ_WOULD_FAIL, `az aks create rejects ${needs.join(', ')} without --network-plugin ("Please explicitly specify the network plugin type")`,
          this.at(call, needs[0]!), 'add --network-plugin azure --network-plugin-mode overlay (or kubenet / none)');
      }
    }
    const arm: ArmManagedCluster = {
      name, id, location: this.location(call, rg) ?? null, networkProfile: np,
      agentPoolProfiles: [this.pool(call, poolName, map, ['agentPoolProfiles', 0])],
    };
    const version = this.str(call, '--kubernetes-version');
    if (version !== undefined) { arm.kubernetesVersion = version; map.set(['kubernetesVersion'], this.at(call, '--kubernetes-version')); }
    if (this.on(call, '--enable-private-cluster')) { arm.apiServerAccessProfile = { enablePrivateCluster: true }; map.set(['apiServerAccessProfile'], this.at(call, '--enable-private-cluster')); }
    this.clusters.set(id, { arm, map, rg, defaults });
  }

  private nodepoolAdd(call: AzCall): void {
    const req = this.required(call, '--cluster-name', '--name');
    if (!req) return;
    const [clusterName, name] = req;
    const rg = this.rg(call);
    const c = this.clusters.get(armId(rg, CLUSTER, clusterName));
    if (c) {
      const pools = c.arm.agentPoolProfiles as ArmAgentPool[];
      const i = pools.length;
      c.map.set(['agentPoolProfiles', i], this.originOf(call.offset, 'agentPool', name));
      const p = this.pool(call, name, c.map, ['agentPoolProfiles', i]);
      const version = this.str(call, '--kubernetes-version');
      if (version !== undefined) { p.orchestratorVersion = version; c.map.set(['agentPoolProfiles', i, 'orchestratorVersion'], this.at(call, '--kubernetes-version')); }
      pools.push(p);
      return;
    }
    const map = new OriginMap(this.originOf(call.offset, 'agentPool', name));
    const p = this.pool(call, name, map, []);
    const version = this.str(call, '--kubernetes-version');
    if (version !== undefined) { p.orchestratorVersion = version; map.set(['orchestratorVersion'], this.at(call, '--kubernetes-version')); }
    this.lonePools.push({ arm: p, map, rg, cluster: clusterName });
  }

  private azDefault(what: string, factId: string, origin: Origin): void {
    this.ctx.diagnostics.info(SCRIPT_CODES.AZ_DEFAULT, `az default used: ${what} (${factId})`, origin, 'write the flag to make the value explicit');
  }

  /** Converts everything the script created (route tables and NSGs first, then VNets and subnets, then clusters). */
  finish(): void {
    const ctx = this.ctx;
    const opts = (rg: string): ConvertOptions => ({ source: 'az-script', resourceGroup: rg });
    for (const e of this.routeTables.values()) convertRouteTable(e.arm, e.map.fn, ctx, opts(e.rg));
    for (const e of this.nsgs.values()) convertNsg(e.arm, e.map.fn, ctx, opts(e.rg));
    for (const v of this.vnets.values()) {
      v.arm.subnets = v.subnets.map((s) => s.arm);
      v.subnets.forEach((s, i) => {
        v.map.set(['subnets', i], s.map.root);
        for (const key of ['addressPrefixes', 'routeTable', 'networkSecurityGroup', 'natGateway', 'delegations']) {
          const o = s.map.at([key]);
          if (o !== s.map.root) v.map.set(['subnets', i, key], o);
        }
      });
      convertVNet(v.arm, v.map.fn, ctx, opts(v.rg));
    }
    for (const s of this.loneSubnets.values()) convertSubnet(s.arm, s.map.fn, ctx, { ...opts(s.rg), vnetName: s.vnetName });
    for (const c of this.clusters.values()) {
      // The CLI's own defaults (the default pool's name) join the converter's.
      convertManagedCluster(c.arm, c.map.fn, ctx, { ...opts(c.rg), extraDefaults: c.defaults });
    }
    for (const p of this.lonePools) convertAgentPool(p.arm, p.map.fn, ctx, { ...opts(p.rg), clusterName: p.cluster });
    this.nics.finish();
  }
}
