// Terraform plan JSON (`terraform show -json <planfile>`) → model. The azurerm resources are mapped to the ARM
// shapes of adapt/aks and converted there (source 'terraform': ARM defaults, node count 1):
//   azurerm_kubernetes_cluster (+ default_node_pool, network_profile), azurerm_kubernetes_cluster_node_pool,
//   azurerm_virtual_network (+ inline subnet), azurerm_subnet, azurerm_route_table (+ inline route), azurerm_route,
//   azurerm_network_security_group (+ inline security_rule), azurerm_network_security_rule, and the
//   azurerm_subnet_{route_table,network_security_group,nat_gateway}_association resources; NICs, ASGs, public IPs and
//   the VMs holding NICs are read by nics.ts (node pools' node_network_profile.application_security_group_ids here).
// Ids not known until apply are resolved through the configuration's references to the planned resource, whose id
// is its planned `id` or the ARM id built from its names. Provider 3.x and 4.x spellings are both read
// (enable_auto_scaling / auto_scaling_enabled, ebpf_data_plane / network_data_plane,
// disable_bgp_route_propagation / bgp_route_propagation_enabled). Other resource types are recorded as ignored.
import type { DocPath, SourceDocument } from '../../load/document.js';
import { originAt } from '../../load/document.js';
import { armId } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import type {
  ArmAgentPool, ArmManagedCluster, ArmNsg, ArmRouteTable, ArmSubnet, ArmVNet, ConvertOptions,
} from '../aks/arm-shape.js';
import { SYNTHETIC_RESOURCE_GROUP } from '../aks/arm-shape.js';
import { convertAgentPool, convertManagedCluster, convertNsg, convertRouteTable, convertSubnet, convertVNet } from '../aks/convert.js';
import type { AdaptContext } from '../context.js';
import { OriginMap } from '../native/origin-map.js';
import { TF_CODES } from './codes.js';
import { readPlanNics, TERRAFORM_NIC_TYPES } from './nics.js';
import { plannedResources, ResourceIndex, type PlannedResource } from './resources.js';

export { TF_CODES } from './codes.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const VNET = 'Microsoft.Network/virtualNetworks';
const RT = 'Microsoft.Network/routeTables';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const CLUSTER = 'Microsoft.ContainerService/managedClusters';

/** Resource types read here; every other planned resource is recorded in `model.ignored`. */
export const TERRAFORM_TYPES = [
  'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_virtual_network', 'azurerm_subnet',
  'azurerm_route_table', 'azurerm_route', 'azurerm_network_security_group', 'azurerm_network_security_rule',
  'azurerm_subnet_route_table_association', 'azurerm_subnet_network_security_group_association', 'azurerm_subnet_nat_gateway_association',
  ...TERRAFORM_NIC_TYPES,
] as const;

/** A non-empty string value, else undefined (Terraform prints unset strings as null or ""). */
function s(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
/** A value that is set: not null, not "", not an empty list. */
function setValue(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  return v;
}
/** The single nested block `name[0]` of `o` (Terraform lists of one), if present. */
function block(o: Obj, name: string): Obj | undefined {
  const v = o[name];
  return Array.isArray(v) && isObj(v[0]) ? v[0] : undefined;
}

/** Reads one Terraform plan document into the model. */
export function adaptTerraformPlan(doc: SourceDocument, ctx: AdaptContext): void {
  const { resources, problems } = plannedResources(doc);
  for (const p of problems) ctx.diagnostics.error(TF_CODES.BAD_PLAN, p.message, originAt(doc, p.path), 'run `terraform show -json tfplan > tfplan.json`');
  new PlanReader(doc, ctx, resources).run();
}

class PlanReader {
  private readonly index: ResourceIndex;
  private readonly subnets = new Map<string, { arm: ArmSubnet; map: OriginMap; r: PlannedResource; vnetName: string; rg: string }>();
  private readonly routeTables = new Map<string, { arm: ArmRouteTable; map: OriginMap; rg: string }>();
  private readonly nsgs = new Map<string, { arm: ArmNsg; map: OriginMap; rg: string }>();
  private readonly clusters = new Map<string, { arm: ArmManagedCluster; map: OriginMap; rg: string }>();

  constructor(private readonly doc: SourceDocument, private readonly ctx: AdaptContext, private readonly resources: readonly PlannedResource[]) {
    this.index = new ResourceIndex(resources);
  }

  private o(r: PlannedResource, rel: DocPath = [], name?: string): Origin {
    return originAt(this.doc, [...r.path, ...rel], r.type, name ?? r.address);
  }
  private rg(r: PlannedResource): string {
    return s(r.values.resource_group_name) ?? SYNTHETIC_RESOURCE_GROUP;
  }
  private opts(rg: string): ConvertOptions {
    return { source: 'terraform', resourceGroup: rg };
  }

  /** The ARM id of a planned resource: its planned id, or the id built from its names. */
  idOf(r: PlannedResource): string | undefined {
    const v = r.values;
    const known = s(v.id);
    if (known) return known;
    const name = s(v.name);
    if (!name) return undefined;
    const rg = this.rg(r);
    switch (r.type) {
      case 'azurerm_virtual_network': return armId(rg, VNET, name);
      case 'azurerm_subnet': return s(v.virtual_network_name) ? armId(rg, VNET, s(v.virtual_network_name)!, 'subnets', name) : undefined;
      case 'azurerm_route_table': return armId(rg, RT, name);
      case 'azurerm_network_security_group': return armId(rg, NSG, name);
      case 'azurerm_kubernetes_cluster': return armId(rg, CLUSTER, name);
      case 'azurerm_nat_gateway': return armId(rg, 'Microsoft.Network/natGateways', name);
      case 'azurerm_network_interface': return armId(rg, 'Microsoft.Network/networkInterfaces', name);
      case 'azurerm_application_security_group': return armId(rg, 'Microsoft.Network/applicationSecurityGroups', name);
      case 'azurerm_public_ip': return armId(rg, 'Microsoft.Network/publicIPAddresses', name);
      default: return undefined;
    }
  }

  /**
   * The id an attribute holds: its planned value, else the id of the resource its configuration references, else
   * (when Terraform marks it unknown until apply) a warning and undefined.
   */
  ref(r: PlannedResource, attr: string, nested: DocPath = []): string | undefined {
    const holder = getPath(r.values, nested);
    const known = isObj(holder) ? s(holder[attr]) : undefined;
    if (known) return known;
    const target = this.index.referenced(r, attr, nested);
    if (target) {
      const id = this.idOf(target);
      if (id) return id;
    }
    const unknown = getPath(r.afterUnknown, [...nested, attr]);
    if (unknown === true || target) {
      this.ctx.diagnostics.warning(TF_CODES.UNKNOWN_UNTIL_APPLY,
        `${attr} of ${r.address} is unknown until apply${target ? ` (it references ${target.address}, whose id aksnet cannot build)` : ' and the configuration names no resource aksnet can resolve'}`,
        this.o(r, nested), 'include the `configuration` section (terraform show -json keeps it) or apply the referenced resource first');
    }
    return undefined;
  }

  /**
   * The ids a list attribute holds (e.g. `application_security_group_ids`): its planned elements, plus — when Terraform
   * marks the list or an element unknown until apply — the ids of the planned resources the configuration references.
   * `unknown` is true (with a warning) when some element still cannot be resolved.
   */
  refList(r: PlannedResource, attr: string, nested: DocPath = []): { ids: string[]; unknown: boolean } {
    const holder = getPath(r.values, nested);
    const v = isObj(holder) ? holder[attr] : undefined;
    const ids = Array.isArray(v) ? v.map(s).filter((x): x is string => x !== undefined) : [];
    const flags = getPath(r.afterUnknown, [...nested, attr]);
    const unknown = flags === true || (Array.isArray(flags) && flags.some((f) => f === true));
    if (!unknown) return { ids, unknown: false };
    const targets = this.index.referencedAll(r, attr, nested);
    let unresolved = targets.length === 0;
    for (const t of targets) {
      const id = this.idOf(t);
      if (id) ids.push(id);
      else unresolved = true;
    }
    if (unresolved) {
      this.ctx.diagnostics.warning(TF_CODES.UNKNOWN_UNTIL_APPLY,
        `${attr} of ${r.address} is unknown until apply and the configuration names no resource aksnet can resolve for every element`,
        this.o(r, nested), 'include the `configuration` section (terraform show -json keeps it) or apply the referenced resources first');
    }
    return { ids: [...new Set(ids.map((x) => x.toLowerCase()))], unknown: unresolved };
  }

  run(): void {
    const byType = (t: string): PlannedResource[] => this.resources.filter((r) => r.type === t);
    for (const r of this.resources) {
      if (!(TERRAFORM_TYPES as readonly string[]).includes(r.type)) {
        this.ctx.builder.ignored.push({ kind: r.type, name: r.address, reason: 'Terraform resource type not modelled', origin: this.o(r) });
      }
    }
    for (const r of byType('azurerm_route_table')) this.routeTable(r);
    for (const r of byType('azurerm_route')) this.route(r);
    for (const r of byType('azurerm_network_security_group')) this.nsg(r);
    for (const r of byType('azurerm_network_security_rule')) this.nsgRule(r);
    for (const r of byType('azurerm_subnet')) this.subnet(r);
    for (const r of byType('azurerm_subnet_route_table_association')) this.associate(r, 'route_table_id', 'routeTable');
    for (const r of byType('azurerm_subnet_network_security_group_association')) this.associate(r, 'network_security_group_id', 'networkSecurityGroup');
    for (const r of byType('azurerm_subnet_nat_gateway_association')) this.associate(r, 'nat_gateway_id', 'natGateway');
    for (const r of byType('azurerm_kubernetes_cluster')) this.cluster(r);
    const lonePools = byType('azurerm_kubernetes_cluster_node_pool').map((r) => this.nodePool(r)).filter((x) => x !== undefined);

    for (const e of this.routeTables.values()) convertRouteTable(e.arm, e.map.fn, this.ctx, this.opts(e.rg));
    for (const e of this.nsgs.values()) convertNsg(e.arm, e.map.fn, this.ctx, this.opts(e.rg));
    for (const e of this.subnets.values()) convertSubnet(e.arm, e.map.fn, this.ctx, { ...this.opts(e.rg), vnetName: e.vnetName });
    for (const r of byType('azurerm_virtual_network')) this.vnet(r);
    for (const e of this.clusters.values()) convertManagedCluster(e.arm, e.map.fn, this.ctx, this.opts(e.rg));
    for (const p of lonePools) convertAgentPool(p.arm, p.map.fn, this.ctx, { ...this.opts(p.rg), clusterId: p.clusterId });
    readPlanNics(this.resources, {
      idOf: (r) => this.idOf(r), ref: (r, attr, nested) => this.ref(r, attr, nested), refList: (r, attr, nested) => this.refList(r, attr, nested),
      origin: (r, rel, name) => this.o(r, rel ?? [], name), rg: (r) => this.rg(r),
    }, this.ctx);
  }

  private routeTable(r: PlannedResource): void {
    const v = r.values;
    const id = this.idOf(r);
    if (!id) return;
    const map = new OriginMap(this.o(r));
    const arm: ArmRouteTable = { name: s(v.name) ?? null, id, routes: [] };
    if (typeof v.disable_bgp_route_propagation === 'boolean') {
      arm.disableBgpRoutePropagation = v.disable_bgp_route_propagation;
      map.set(['disableBgpRoutePropagation'], this.o(r, ['disable_bgp_route_propagation']));
    } else if (typeof v.bgp_route_propagation_enabled === 'boolean') {
      arm.disableBgpRoutePropagation = !v.bgp_route_propagation_enabled;
      map.set(['disableBgpRoutePropagation'], this.o(r, ['bgp_route_propagation_enabled']));
    }
    const e = { arm, map, rg: this.rg(r) };
    if (Array.isArray(v.route)) v.route.forEach((rt, i) => { if (isObj(rt)) this.addRoute(e, rt, (p) => this.o(r, ['route', i, ...p])); });
    this.routeTables.set(id.toLowerCase(), e);
  }

  private addRoute(e: { arm: ArmRouteTable; map: OriginMap }, rt: Obj, at: (p: DocPath) => Origin): void {
    const routes = e.arm.routes as Obj[];
    const i = routes.length;
    routes.push({ name: s(rt.name) ?? null, addressPrefix: s(rt.address_prefix) ?? null, nextHopType: s(rt.next_hop_type) ?? null,
      nextHopIpAddress: s(rt.next_hop_in_ip_address) ?? null });
    e.map.set(['routes', i], at([]));
    e.map.set(['routes', i, 'addressPrefix'], at(['address_prefix']));
    e.map.set(['routes', i, 'nextHopType'], at(['next_hop_type']));
    e.map.set(['routes', i, 'nextHopIpAddress'], at(['next_hop_in_ip_address']));
  }

  private route(r: PlannedResource): void {
    const table = s(r.values.route_table_name);
    const id = table ? armId(this.rg(r), RT, table) : undefined;
    const e = id ? this.routeTables.get(id) ?? [...this.routeTables.entries()].find(([k]) => k.endsWith(`/routetables/${table!.toLowerCase()}`))?.[1] : undefined;
    if (!e) {
      this.ctx.diagnostics.warning(TF_CODES.DANGLING_REFERENCE, `${r.address} belongs to route table ${table ?? '(unknown)'}, which is not in the plan; skipped`,
        this.o(r, ['route_table_name']), 'add the azurerm_route_table to the same plan');
      return;
    }
    this.addRoute(e, r.values, (p) => this.o(r, p));
  }

  private nsg(r: PlannedResource): void {
    const id = this.idOf(r);
    if (!id) return;
    const e = { arm: { name: s(r.values.name) ?? null, id, securityRules: [] } as ArmNsg, map: new OriginMap(this.o(r)), rg: this.rg(r) };
    const rules = r.values.security_rule;
    if (Array.isArray(rules)) rules.forEach((x, i) => { if (isObj(x)) this.addRule(e, x, (p) => this.o(r, ['security_rule', i, ...p]), r, ['security_rule', i]); });
    this.nsgs.set(id.toLowerCase(), e);
  }

  private addRule(e: { arm: ArmNsg; map: OriginMap }, x: Obj, at: (p: DocPath) => Origin, r: PlannedResource, nested: DocPath): void {
    const rules = e.arm.securityRules as Obj[];
    const i = rules.length;
    const rule: Obj = {};
    e.map.set(['securityRules', i], at([]));
    const pairs: [string, string][] = [
      ['name', 'name'], ['priority', 'priority'], ['direction', 'direction'], ['access', 'access'], ['protocol', 'protocol'],
      ['sourceAddressPrefix', 'source_address_prefix'], ['sourceAddressPrefixes', 'source_address_prefixes'],
      ['sourcePortRange', 'source_port_range'], ['sourcePortRanges', 'source_port_ranges'],
      ['destinationAddressPrefix', 'destination_address_prefix'], ['destinationAddressPrefixes', 'destination_address_prefixes'],
      ['destinationPortRange', 'destination_port_range'], ['destinationPortRanges', 'destination_port_ranges'],
    ];
    for (const [arm, tf] of pairs) {
      const v = setValue(x[tf]);
      if (v === undefined) continue;
      rule[arm] = v;
      e.map.set(['securityRules', i, arm], at([tf]));
    }
    for (const [arm, tf] of [['sourceApplicationSecurityGroups', 'source_application_security_group_ids'],
      ['destinationApplicationSecurityGroups', 'destination_application_security_group_ids']] as const) {
      // ASGs created in the same plan have ids only after apply: resolved through the configuration's references.
      const { ids } = this.refList(r, tf, nested);
      if (ids.length > 0) {
        rule[arm] = ids.map((id) => ({ id }));
        e.map.set(['securityRules', i, arm], at([tf]));
      }
    }
    rules.push(rule);
  }

  private nsgRule(r: PlannedResource): void {
    const name = s(r.values.network_security_group_name);
    const e = name ? this.nsgs.get(armId(this.rg(r), NSG, name)) ?? [...this.nsgs.entries()].find(([k]) => k.endsWith(`/networksecuritygroups/${name.toLowerCase()}`))?.[1] : undefined;
    if (!e) {
      this.ctx.diagnostics.warning(TF_CODES.DANGLING_REFERENCE, `${r.address} belongs to network security group ${name ?? '(unknown)'}, which is not in the plan; skipped`,
        this.o(r, ['network_security_group_name']), 'add the azurerm_network_security_group to the same plan');
      return;
    }
    this.addRule(e, r.values, (p) => this.o(r, p), r, []);
  }

  private subnet(r: PlannedResource): void {
    const v = r.values;
    const id = this.idOf(r);
    const vnetName = s(v.virtual_network_name);
    if (!id || !vnetName) {
      this.ctx.diagnostics.error(TF_CODES.BAD_PLAN, `${r.address} has no name or virtual_network_name; skipped`, this.o(r), 'set name and virtual_network_name');
      return;
    }
    const map = new OriginMap(this.o(r, [], s(v.name)));
    const arm: ArmSubnet = { name: s(v.name) ?? null, id };
    const prefixes = setValue(v.address_prefixes) ?? (s(v.address_prefix) ? [v.address_prefix] : undefined);
    if (prefixes !== undefined) {
      arm.addressPrefixes = prefixes as string[];
      map.set(['addressPrefixes'], this.o(r, [v.address_prefixes !== undefined ? 'address_prefixes' : 'address_prefix']));
    }
    const delegations: Obj[] = [];
    if (Array.isArray(v.delegation)) {
      for (const d of v.delegation) {
        if (!isObj(d)) continue;
        const sd = block(d, 'service_delegation');
        if (sd && s(sd.name)) delegations.push({ serviceName: sd.name });
      }
    }
    if (delegations.length > 0) arm.delegations = delegations;
    // Provider 4.x can hold the associations inline on the subnet too.
    for (const [tf, key] of [['route_table_id', 'routeTable'], ['network_security_group_id', 'networkSecurityGroup']] as const) {
      const ref = s(v[tf]);
      if (ref) { arm[key] = { id: ref }; map.set([key], this.o(r, [tf])); }
    }
    this.subnets.set(id.toLowerCase(), { arm, map, r, vnetName, rg: this.rg(r) });
  }

  private associate(r: PlannedResource, attr: string, key: 'routeTable' | 'networkSecurityGroup' | 'natGateway'): void {
    const subnetId = this.ref(r, 'subnet_id');
    const targetId = this.ref(r, attr);
    if (!subnetId || !targetId) return;
    const sub = this.subnets.get(subnetId.toLowerCase());
    if (!sub) {
      this.ctx.diagnostics.warning(TF_CODES.DANGLING_REFERENCE, `${r.address} associates subnet ${subnetId.split('/').pop()} which is not in the plan; skipped`,
        this.o(r, ['subnet_id']), 'add the azurerm_subnet to the plan (or the subnet as az JSON)');
      return;
    }
    sub.arm[key] = { id: targetId };
    sub.map.set([key], this.o(r, [attr]));
  }

  private vnet(r: PlannedResource): void {
    const v = r.values;
    const id = this.idOf(r);
    if (!id) return;
    const map = new OriginMap(this.o(r, [], s(v.name)));
    const arm: ArmVNet = { name: s(v.name) ?? null, id, location: s(v.location) ?? null };
    if (Array.isArray(v.address_space)) {
      arm.addressSpace = { addressPrefixes: v.address_space as string[] };
      map.set(['addressSpace'], this.o(r, ['address_space']));
      v.address_space.forEach((_, i) => map.set(['addressSpace', 'addressPrefixes', i], this.o(r, ['address_space', i])));
    }
    // The computed `subnet` set repeats subnets that are also azurerm_subnet resources: those are read once, there.
    const inline: Obj[] = [];
    if (Array.isArray(v.subnet)) {
      v.subnet.forEach((x, i) => {
        if (!isObj(x) || !s(x.name)) return;
        const sid = s(x.id) ?? armId(this.rg(r), VNET, String(v.name), 'subnets', String(x.name));
        if (this.subnets.has(sid.toLowerCase())) return;
        const j = inline.length;
        const sub: Obj = { name: x.name, id: sid };
        const prefixes = setValue(x.address_prefixes) ?? (s(x.address_prefix) ? [x.address_prefix] : undefined);
        if (prefixes !== undefined) sub.addressPrefixes = prefixes;
        if (s(x.security_group)) sub.networkSecurityGroup = { id: x.security_group };
        if (s(x.route_table_id)) sub.routeTable = { id: x.route_table_id };
        inline.push(sub);
        map.set(['subnets', j], this.o(r, ['subnet', i], String(x.name)));
      });
    }
    arm.subnets = inline;
    convertVNet(arm, map.fn, this.ctx, this.opts(this.rg(r)));
  }

  /** Maps a default_node_pool block or a node-pool resource to an ArmAgentPool; origins go to `map` at `base`. */
  private pool(r: PlannedResource, p: Obj, rel: DocPath, map: OriginMap, base: DocPath): ArmAgentPool {
    const out: Obj = {};
    map.set(base, this.o(r, rel, s(p.name)));
    const put = (arm: string, tf: string, value: unknown = setValue(p[tf])): void => {
      if (value === undefined) return;
      out[arm] = value;
      map.set([...base, arm], this.o(r, [...rel, tf]));
    };
    put('name', 'name');
    put('count', 'node_count');
    put('vmSize', 'vm_size');
    put('maxPods', 'max_pods');
    put('mode', 'mode');
    put('osType', 'os_type');
    put('minCount', 'min_count');
    put('maxCount', 'max_count');
    put('orchestratorVersion', 'orchestrator_version');
    put('podIPAllocationMode', 'pod_ip_allocation_mode');
    if (typeof p.auto_scaling_enabled === 'boolean') put('enableAutoScaling', 'auto_scaling_enabled', p.auto_scaling_enabled);
    else if (typeof p.enable_auto_scaling === 'boolean') put('enableAutoScaling', 'enable_auto_scaling', p.enable_auto_scaling);
    // With autoscaling the provider ignores node_count drift; an unset node_count then starts at min_count.
    const us = block(p, 'upgrade_settings');
    const surge = us ? setValue(us.max_surge) : undefined;
    if (surge !== undefined) {
      out.upgradeSettings = { maxSurge: surge };
      map.set([...base, 'upgradeSettings'], this.o(r, [...rel, 'upgrade_settings', 0, 'max_surge']));
    }
    const nested = rel.length > 0 ? rel : [];
    put('vnetSubnetID', 'vnet_subnet_id', this.ref(r, 'vnet_subnet_id', nested));
    put('podSubnetID', 'pod_subnet_id', this.ref(r, 'pod_subnet_id', nested));
    const nnp = block(p, 'node_network_profile');
    if (nnp) {
      const npRel: DocPath = [...rel, 'node_network_profile', 0];
      const { ids } = this.refList(r, 'application_security_group_ids', npRel);
      if (ids.length > 0) {
        out.networkProfile = { applicationSecurityGroups: ids };
        map.set([...base, 'networkProfile'], this.o(r, npRel));
        map.set([...base, 'networkProfile', 'applicationSecurityGroups'], this.o(r, [...npRel, 'application_security_group_ids']));
      }
    }
    return out as ArmAgentPool;
  }

  private cluster(r: PlannedResource): void {
    const v = r.values;
    const id = this.idOf(r);
    if (!id) return;
    const map = new OriginMap(this.o(r, [], s(v.name)));
    const arm: ArmManagedCluster = { name: s(v.name) ?? null, id, location: s(v.location) ?? null };
    const put = (target: Obj, arm: string, path: DocPath, tf: DocPath, value: unknown): void => {
      if (value === undefined) return;
      target[arm] = value;
      map.set(path, this.o(r, tf));
    };
    put(arm, 'kubernetesVersion', ['kubernetesVersion'], ['kubernetes_version'], s(v.kubernetes_version));
    put(arm, 'nodeResourceGroup', ['nodeResourceGroup'], ['node_resource_group'], s(v.node_resource_group));
    if (v.private_cluster_enabled === true) put(arm, 'apiServerAccessProfile', ['apiServerAccessProfile'], ['private_cluster_enabled'], { enablePrivateCluster: true });
    const npBlock = block(v, 'network_profile');
    if (npBlock) {
      const np: Obj = {};
      const rel = ['network_profile', 0];
      const f = (armKey: string, tf: string, value: unknown = setValue(npBlock[tf])): void =>
        put(np, armKey, ['networkProfile', armKey], [...rel, tf], value);
      f('networkPlugin', 'network_plugin');
      f('networkPluginMode', 'network_plugin_mode');
      f('networkPolicy', 'network_policy');
      if (s(npBlock.network_data_plane)) f('networkDataplane', 'network_data_plane');
      else if (s(npBlock.ebpf_data_plane)) f('networkDataplane', 'ebpf_data_plane');
      f('networkMode', 'network_mode');
      f('podCidr', 'pod_cidr');
      f('podCidrs', 'pod_cidrs');
      f('serviceCidr', 'service_cidr');
      f('serviceCidrs', 'service_cidrs');
      f('dnsServiceIP', 'dns_service_ip');
      f('outboundType', 'outbound_type');
      f('loadBalancerSku', 'load_balancer_sku');
      const ipv = setValue(npBlock.ip_versions);
      if (Array.isArray(ipv)) f('ipFamilies', 'ip_versions', ipv);
      const lbp = block(npBlock, 'load_balancer_profile');
      if (lbp) {
        const lb: Obj = {};
        if (typeof lbp.managed_outbound_ip_count === 'number') lb.managedOutboundIPs = { count: lbp.managed_outbound_ip_count };
        if (Array.isArray(lbp.outbound_ip_address_ids) && lbp.outbound_ip_address_ids.length > 0) lb.outboundIPs = { publicIPs: lbp.outbound_ip_address_ids.map((id) => ({ id })) };
        if (Array.isArray(lbp.outbound_ip_prefix_ids) && lbp.outbound_ip_prefix_ids.length > 0) lb.outboundIPPrefixes = { publicIPPrefixes: lbp.outbound_ip_prefix_ids.map((id) => ({ id })) };
        if (typeof lbp.outbound_ports_allocated === 'number') lb.allocatedOutboundPorts = lbp.outbound_ports_allocated;
        f('loadBalancerProfile', 'load_balancer_profile', lb);
      }
      const nat = block(npBlock, 'nat_gateway_profile');
      if (nat && typeof nat.managed_outbound_ip_count === 'number') {
        f('natGatewayProfile', 'nat_gateway_profile', { managedOutboundIPProfile: { count: nat.managed_outbound_ip_count } });
      }
      arm.networkProfile = np;
      map.set(['networkProfile'], this.o(r, ['network_profile', 0]));
    }
    const dnp = block(v, 'default_node_pool');
    arm.agentPoolProfiles = dnp ? [this.pool(r, dnp, ['default_node_pool', 0], map, ['agentPoolProfiles', 0])] : [];
    if (!dnp) {
      this.ctx.diagnostics.error(TF_CODES.BAD_PLAN, `${r.address} has no default_node_pool`, this.o(r), 'azurerm_kubernetes_cluster requires a default_node_pool block');
    }
    this.clusters.set(id.toLowerCase(), { arm, map, rg: this.rg(r) });
  }

  /** A node-pool resource: joined to its cluster's agentPoolProfiles when the cluster is in the plan. */
  private nodePool(r: PlannedResource): { arm: ArmAgentPool; map: OriginMap; rg: string; clusterId: string } | undefined {
    const clusterId = this.ref(r, 'kubernetes_cluster_id');
    if (!clusterId) {
      this.ctx.diagnostics.warning(TF_CODES.UNKNOWN_UNTIL_APPLY, `${r.address}: its cluster (kubernetes_cluster_id) is not known; the pool is skipped`,
        this.o(r, ['kubernetes_cluster_id']), 'include the configuration section so the reference to the cluster resolves');
      return undefined;
    }
    const c = this.clusters.get(clusterId.toLowerCase());
    if (c) {
      const pools = c.arm.agentPoolProfiles as ArmAgentPool[];
      pools.push(this.pool(r, r.values, [], c.map, ['agentPoolProfiles', pools.length]));
      return undefined;
    }
    const map = new OriginMap(this.o(r));
    return { arm: this.pool(r, r.values, [], map, []), map, rg: this.rg(r), clusterId };
  }
}

function getPath(v: unknown, path: DocPath): unknown {
  let cur = v;
  for (const step of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[step] : undefined;
  return cur;
}
