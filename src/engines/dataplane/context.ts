// What the packet walk needs to know about the model, computed once: nodes with their subnets and NSGs, pods with
// addresses, realised Services, the policy engine, and lookups from an address to what holds it.
import { ipEquals, IpSet, type Ip } from '../net/index.js';
import type { Cluster, Nsg, Subnet } from '../../model/azure.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { deriveNodes } from '../../derive/nodes.js';
import { planPodAddresses } from '../../derive/pods.js';
import { deriveServices, type DerivedService, type ServicePlan } from '../../derive/services.js';
import type { DerivedNode } from '../../derive/types.js';
import { aksManagedNsg, nsgContextForSubnet, type NsgContext } from '../nsg/index.js';
import { effectiveRoutes, peeringSpace, subnetContaining, type EffectiveRoute } from '../routing/index.js';
import { buildPolicyEngine, chooseEngine, choiceProfile, type Endpoint, type EngineName, type PolicyEngine } from '../policy/index.js';
import { CILIUM_KPR, KUBE_PROXY, type ProxyProfile } from '../kubeproxy/index.js';

/**
 * A node as the walk sees it. `subnet`: its NIC's subnet (absent = not in the input); `nicNsg`: the AKS-managed node
 * NSG (absent for self-managed nodes and unknown clusters); `cluster`: the cluster it belongs to (absent = unknown).
 */
export interface WalkNode {
  readonly name: string;
  readonly ip?: Ip;
  readonly subnet?: Subnet;
  readonly nicNsg?: Nsg;
  readonly cluster?: Cluster;
}

/**
 * Who enforces NetworkPolicy: an engine, or `none` (the cluster has no policy engine: policies are not enforced).
 * `engineName` is absent for `none`.
 */
export interface DataplaneContext {
  readonly model: Model;
  readonly nodes: readonly WalkNode[];
  readonly pods: readonly Pod[];
  readonly services: ServicePlan;
  readonly policy?: PolicyEngine;
  readonly engineName?: EngineName;
  /** Who implements Services in the only cluster (kube-proxy with none or several: use proxyFor per cluster). */
  readonly proxy: ProxyProfile;
  /** Problems found while deriving (pod IPAM, Service allocation, which cluster runs a Service). */
  readonly diagnostics: readonly Diagnostic[];
  nsgContext(subnet: Subnet): NsgContext;
  /** Who implements Services in `cluster`: Cilium's kube-proxy replacement for the cilium dataplane, else kube-proxy. */
  proxyFor(cluster: Cluster | undefined): ProxyProfile;
  routes(subnet: Subnet): readonly EffectiveRoute[];
}

/** Options: `engine` overrides the policy engine (`none` = no enforcement); absent = chooseEngine's choice. */
export interface DataplaneOptions {
  readonly engine?: EngineName;
}

/**
 * The policy engine the walk enforces with when none is forced: chooseEngine's (the questions `can` and `matrix` use
 * the same) — the only cluster's networkPolicy (`none` when it has no engine), else upstream (no cluster, or several).
 */
export function clusterEngine(model: Model): EngineName {
  return chooseEngine(model).engine;
}

function proxyOf(cluster: Cluster | undefined): ProxyProfile {
  return cluster?.dataplane === 'cilium' ? CILIUM_KPR : KUBE_PROXY;
}

/** Builds the context: derived nodes, pod addresses, Services, the policy engine and the Service proxy. */
export function buildDataplane(model: Model, opts: DataplaneOptions = {}): DataplaneContext {
  const derived: DerivedNode[] = deriveNodes(model);
  const plan = planPodAddresses(model, derived);
  const pods = plan.pods;
  const services = deriveServices(model, pods, derived);
  const managed = new Map<string, Nsg | undefined>();
  const nsgOf = (c: Cluster | undefined): Nsg | undefined => {
    if (!c) return undefined;
    if (!managed.has(c.id)) managed.set(c.id, aksManagedNsg(model, c, derived));
    return managed.get(c.id);
  };
  const only = model.clusters.length === 1 ? model.clusters[0] : undefined;
  const nodes: WalkNode[] = plan.nodes.map((pn) => {
    const d = derived.find((n) => n.name === pn.name);
    // A node no cluster artefact derives (a Node object, a virtual node): the only cluster's, else unknown.
    const cluster = d ? model.clusters.find((c) => c.id === d.clusterId) : only;
    const pool = d ? cluster?.pools.find((p) => p.name === d.pool) : undefined;
    const subnet = (pool?.vnetSubnetId ? model.subnets.find((s) => s.id === pool.vnetSubnetId) : undefined) ?? (pn.ip ? subnetContaining(model, pn.ip) : undefined);
    const nicNsg = nsgOf(cluster);
    return { name: pn.name, ...(pn.ip ? { ip: pn.ip } : {}), ...(subnet ? { subnet } : {}), ...(nicNsg ? { nicNsg } : {}), ...(cluster ? { cluster } : {}) };
  });
  // The same choice (engine and options, e.g. Cilium endPort by Kubernetes version) as `can` and `matrix` make.
  const choice = chooseEngine(model, opts.engine);
  const engine = choice.engine;
  const policy = engine === 'none' ? undefined : buildPolicyEngine(model, choiceProfile(choice), pods);
  const proxy = proxyOf(only);
  const ctxCache = new Map<string, NsgContext>();
  const routeCache = new Map<string, readonly EffectiveRoute[]>();
  return {
    model, nodes, pods, services, ...(policy ? { policy, engineName: engine as EngineName } : {}), proxy,
    diagnostics: [...plan.diagnostics, ...services.diagnostics],
    proxyFor: proxyOf,
    nsgContext(subnet: Subnet): NsgContext {
      let c = ctxCache.get(subnet.id);
      if (!c) {
        // The NSG engine's VirtualNetwork tag (overlay pod CIDRs included); the routes carry the per-node pod routes.
        c = nsgContextForSubnet(model, subnet.id, { routes: this.routes(subnet) });
        ctxCache.set(subnet.id, c);
      }
      return c;
    },
    routes(subnet: Subnet): readonly EffectiveRoute[] {
      let r = routeCache.get(subnet.id);
      if (!r) {
        r = effectiveRoutes(model, subnet.id, derived);
        routeCache.set(subnet.id, r);
      }
      return r;
    },
  };
}

/** The subnet holding `ip` (most specific prefix), if in the input. */
export function subnetHolding(ctx: DataplaneContext, ip: Ip): Subnet | undefined {
  return subnetContaining(ctx.model, ip);
}

/** The pod (not hostNetwork) with address `ip`, first by namespace/name. */
export function podAt(ctx: DataplaneContext, ip: Ip): Pod | undefined {
  return ctx.pods.find((p) => !p.hostNetwork && p.ip !== undefined && ipEquals(p.ip, ip));
}

/** The node with address `ip`. */
export function nodeAt(ctx: DataplaneContext, ip: Ip): WalkNode | undefined {
  return ctx.nodes.find((n) => n.ip !== undefined && ipEquals(n.ip, ip));
}

/** The node named `name`. */
export function nodeNamed(ctx: DataplaneContext, name: string | undefined): WalkNode | undefined {
  return name === undefined ? undefined : ctx.nodes.find((n) => n.name === name);
}

/**
 * The Service whose ClusterIP is `ip`. ClusterIPs are per cluster: with `cluster` (where the client runs) only a
 * Service of that cluster (or of no known cluster) — another cluster's ClusterIP means nothing there; absent = the
 * first of any cluster.
 */
export function serviceByClusterIp(ctx: DataplaneContext, ip: Ip, cluster?: Cluster): DerivedService | undefined {
  const all = ctx.services.services.filter((s) => s.clusterIp !== undefined && ipEquals(s.clusterIp, ip));
  return cluster ? all.find((s) => !s.cluster || s.cluster.id === cluster.id) : all[0];
}

/**
 * The Service of `node`'s cluster with nodePort `port`/`protocol` (NodePorts are per cluster); a node of no known
 * cluster sees every Service.
 */
export function serviceByNodePort(ctx: DataplaneContext, node: WalkNode, protocol: string, port: number): DerivedService | undefined {
  return ctx.services.services.find((s) => (!node.cluster || !s.cluster || s.cluster.id === node.cluster.id) &&
    s.ports.some((p) => p.nodePort === port && p.protocol === protocol));
}

/** The LoadBalancer Service whose frontend is `ip`. */
export function serviceByFrontend(ctx: DataplaneContext, ip: Ip): DerivedService | undefined {
  return ctx.services.services.find((s) => s.loadBalancer?.ip !== undefined && ipEquals(s.loadBalancer.ip, ip));
}

/** The cluster whose private API server endpoint is `ip`. */
export function apiServerAt(ctx: DataplaneContext, ip: Ip): Cluster | undefined {
  for (const [id, a] of ctx.services.apiServerIps) if (ipEquals(a, ip)) return ctx.model.clusters.find((c) => c.id === id);
  return undefined;
}

/** The policy engine's view of an address: a pod, a node, or outside the cluster. */
export function endpointAt(ctx: DataplaneContext, ip: Ip): Endpoint {
  const pod = podAt(ctx, ip);
  if (pod) return { kind: 'pod', pod };
  const node = nodeAt(ctx, ip);
  if (node) return { kind: 'node', name: node.name, ip };
  return { kind: 'external', ip };
}

/**
 * Address space the modelled network owns or reaches privately: VNet spaces, peered spaces and external
 * (on-premises) ranges. Addresses outside it are the Internet as far as the walk is concerned.
 */
export function privateSpace(ctx: DataplaneContext): IpSet {
  const cidrs = [...ctx.model.vnets.flatMap((v) => [...v.addressSpace, ...v.peerings.flatMap((p) => peeringSpace(ctx.model, p))]),
    ...ctx.model.subnets.flatMap((s) => s.prefixes), ...ctx.model.externalRanges.map((r) => r.cidr)];
  return IpSet.fromCidrs(cidrs);
}
