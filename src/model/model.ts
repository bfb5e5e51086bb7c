// The one model every question reads. Adapters add to a ModelBuilder; `build()` freezes it into a Model.
import { byKey } from './compare.js';
import type {
  ApplicationSecurityGroup, Cluster, ExternalRange, NetworkInterface, Nsg, PublicIpAddress, RouteTable, Subnet, VNet,
} from './azure.js';
import type { EndpointSliceModel, Ingress, K8sNode, Namespace, Pod, Service, Workload } from './k8s.js';
import type { Origin } from './origin.js';
import type { NormalizedPolicy } from './policy.js';

/** An input object that was recognised but is not modelled (yet), kept so it is reported, never dropped silently. */
export interface IgnoredObject {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
  readonly origin: Origin;
}

/**
 * The whole network as aksnet understands it. Arrays are sorted by id/name (deterministic). Azure objects are
 * keyed by lower-cased ARM id; Kubernetes objects by namespace/name.
 */
export interface Model {
  readonly vnets: readonly VNet[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly nsgs: readonly Nsg[];
  readonly clusters: readonly Cluster[];
  /** Network interfaces of VMs that are not AKS nodes (AKS node NICs are derived from the pools). */
  readonly nics: readonly NetworkInterface[];
  /** Application security groups of the input (empty = none given; NSG rules may still name some). */
  readonly asgs: readonly ApplicationSecurityGroup[];
  /** Public IP address resources of the input (empty = none given). */
  readonly publicIps: readonly PublicIpAddress[];
  readonly externalRanges: readonly ExternalRange[];
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  readonly pods: readonly Pod[];
  readonly nodes: readonly K8sNode[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSliceModel[];
  readonly ingresses: readonly Ingress[];
  readonly policies: readonly NormalizedPolicy[];
  readonly ignored: readonly IgnoredObject[];
}

/** An empty model. */
export function emptyModel(): Model {
  return {
    vnets: [], subnets: [], routeTables: [], nsgs: [], clusters: [], nics: [], asgs: [], publicIps: [], externalRanges: [], namespaces: [], workloads: [],
    pods: [], nodes: [], services: [], endpointSlices: [], ingresses: [], policies: [], ignored: [],
  };
}

/** Lower-cases an ARM id and strips a trailing slash: ARM ids compare case-insensitively. */
export function normalizeId(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}

/** The synthetic subscription of inputs that carry no ARM id (scripts, native YAML). */
export const SYNTHETIC_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Builds an ARM-shaped id: armId('rg', 'Microsoft.Network/virtualNetworks', 'vnet', 'subnets', 'a'). */
export function armId(resourceGroup: string, type: string, name: string, ...children: string[]): string {
  return normalizeId(
    `/subscriptions/${SYNTHETIC_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/${type}/${name}` +
      children.map((c) => '/' + c).join(''),
  );
}

/** The last segment of an ARM id (the resource name). */
export function nameFromId(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

/**
 * Accumulates model objects from several adapters. Azure objects with the same id are merged (the first seen
 * wins for each field that is set; later documents fill the gaps), so `az network vnet show` and
 * `az network vnet subnet show` output of the same subnet combine.
 */
export class ModelBuilder {
  private readonly vnetsById = new Map<string, VNet>();
  private readonly subnetsById = new Map<string, Subnet>();
  private readonly routeTablesById = new Map<string, RouteTable>();
  private readonly nsgsById = new Map<string, Nsg>();
  private readonly clustersById = new Map<string, Cluster>();
  private readonly nicsById = new Map<string, NetworkInterface>();
  private readonly asgsById = new Map<string, ApplicationSecurityGroup>();
  private readonly publicIpsById = new Map<string, PublicIpAddress>();
  readonly externalRanges: ExternalRange[] = [];
  readonly namespaces = new Map<string, Namespace>();
  readonly workloads: Workload[] = [];
  readonly pods: Pod[] = [];
  readonly nodes: K8sNode[] = [];
  readonly services: Service[] = [];
  readonly endpointSlices: EndpointSliceModel[] = [];
  readonly ingresses: Ingress[] = [];
  readonly policies: NormalizedPolicy[] = [];
  readonly ignored: IgnoredObject[] = [];

  addVNet(v: VNet): void {
    this.vnetsById.set(v.id, mergeDefined(this.vnetsById.get(v.id), v, (a, b) => ({
      ...a,
      subnetIds: [...new Set([...a.subnetIds, ...b.subnetIds])],
      addressSpace: a.addressSpace.length ? a.addressSpace : b.addressSpace,
      peerings: a.peerings.length ? a.peerings : b.peerings,
    })));
  }
  addSubnet(s: Subnet): void {
    this.subnetsById.set(s.id, mergeDefined(this.subnetsById.get(s.id), s, (a, b) => ({
      ...a,
      prefixes: a.prefixes.length ? a.prefixes : b.prefixes,
      delegations: a.delegations.length ? a.delegations : b.delegations,
    })));
  }
  addRouteTable(r: RouteTable): void {
    this.routeTablesById.set(r.id, mergeDefined(this.routeTablesById.get(r.id), r, (a, b) => ({
      ...a,
      routes: a.routes.length ? a.routes : b.routes,
    })));
  }
  addNsg(n: Nsg): void {
    this.nsgsById.set(n.id, mergeDefined(this.nsgsById.get(n.id), n, (a, b) => ({
      ...a,
      rules: a.rules.length ? a.rules : b.rules,
    })));
  }
  addCluster(c: Cluster): void {
    this.clustersById.set(c.id, mergeDefined(this.clustersById.get(c.id), c, (a, b) => ({
      ...a,
      pools: mergePools(a.pools, b.pools),
    })));
  }
  /** Adds a NIC; a second document of the same NIC fills the gaps (IP configurations merged by name). */
  addNic(n: NetworkInterface): void {
    this.nicsById.set(n.id, mergeDefined(this.nicsById.get(n.id), n, (a, b) => ({
      ...a,
      ipConfigurations: mergePools(a.ipConfigurations, b.ipConfigurations),
    })));
  }
  /**
   * Replaces the NIC with `n.id` by `n` as given (no merging), or adds it. For adapters that complete a NIC after
   * reading it (Terraform association resources, script commands that add ASGs).
   */
  replaceNic(n: NetworkInterface): void {
    this.nicsById.set(n.id, n);
  }
  addAsg(a: ApplicationSecurityGroup): void {
    if (!this.asgsById.has(a.id)) this.asgsById.set(a.id, a);
  }
  addPublicIp(p: PublicIpAddress): void {
    this.publicIpsById.set(p.id, mergeDefined(this.publicIpsById.get(p.id), p, (a) => a));
  }
  getNic(id: string): NetworkInterface | undefined {
    return this.nicsById.get(id);
  }
  get nicList(): NetworkInterface[] {
    return [...this.nicsById.values()];
  }
  get asgList(): ApplicationSecurityGroup[] {
    return [...this.asgsById.values()];
  }
  get publicIpList(): PublicIpAddress[] {
    return [...this.publicIpsById.values()];
  }
  /**
   * Replaces the cluster with `c.id` by `c` as given (no merging), or adds it. For link steps that complete a cluster
   * (pools read apart, defaults of those pools, the route table AKS creates), where `addCluster`'s first-wins merge
   * would keep the old values.
   */
  replaceCluster(c: Cluster): void {
    this.clustersById.set(c.id, c);
  }
  getSubnet(id: string): Subnet | undefined {
    return this.subnetsById.get(id);
  }
  getVNet(id: string): VNet | undefined {
    return this.vnetsById.get(id);
  }
  getCluster(id: string): Cluster | undefined {
    return this.clustersById.get(id);
  }
  get clusterList(): Cluster[] {
    return [...this.clustersById.values()];
  }
  get subnetList(): Subnet[] {
    return [...this.subnetsById.values()];
  }
  get vnetList(): VNet[] {
    return [...this.vnetsById.values()];
  }
  get routeTableList(): RouteTable[] {
    return [...this.routeTablesById.values()];
  }
  get nsgList(): Nsg[] {
    return [...this.nsgsById.values()];
  }

  /** Freezes the accumulated objects into a sorted Model. */
  build(): Model {
    const nsName = (x: { namespace: string; name: string }): string => `${x.namespace}/${x.name}`;
    return {
      vnets: [...this.vnetsById.values()].sort(byKey((v) => v.id)),
      subnets: [...this.subnetsById.values()].sort(byKey((v) => v.id)),
      routeTables: [...this.routeTablesById.values()].sort(byKey((v) => v.id)),
      nsgs: [...this.nsgsById.values()].sort(byKey((v) => v.id)),
      clusters: [...this.clustersById.values()].sort(byKey((v) => v.id)),
      nics: [...this.nicsById.values()].sort(byKey((v) => v.id)),
      asgs: [...this.asgsById.values()].sort(byKey((v) => v.id)),
      publicIps: [...this.publicIpsById.values()].sort(byKey((v) => v.id)),
      externalRanges: [...this.externalRanges].sort(byKey((r) => r.name)),
      namespaces: [...this.namespaces.values()].sort(byKey((n) => n.name)),
      workloads: [...this.workloads].sort(byKey((w) => `${w.namespace}/${w.name}/${w.kind}`)),
      pods: [...this.pods].sort(byKey(nsName)),
      nodes: [...this.nodes].sort(byKey((n) => n.name)),
      services: [...this.services].sort(byKey(nsName)),
      endpointSlices: [...this.endpointSlices].sort(byKey(nsName)),
      ingresses: [...this.ingresses].sort(byKey(nsName)),
      policies: [...this.policies].sort(byKey((p) => p.id)),
      ignored: [...this.ignored].sort(byKey((i) => `${i.origin.file}:${String(i.origin.line).padStart(8, '0')}`)),
    };
  }
}

function mergeDefined<T extends object>(old: T | undefined, next: T, combine: (a: T, b: T) => T): T {
  if (!old) return next;
  const filled: Record<string, unknown> = { ...(next as Record<string, unknown>) };
  for (const [k, v] of Object.entries(old)) if (v !== undefined) filled[k] = v;
  return combine(filled as T, next);
}

function mergePools<P extends { name: string }>(a: readonly P[], b: readonly P[]): P[] {
  const names = new Set(a.map((p) => p.name));
  return [...a, ...b.filter((p) => !names.has(p.name))];
}
