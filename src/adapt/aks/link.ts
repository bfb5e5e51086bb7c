// Azure half of the link step, after every document is read: clusters without embedded pools are built with the
// pools that name them, separately read pools join their clusters, subnets join their VNets, and references that
// point outside the input are reported (dangling subnet: warning; VNet, route table, NSG: info).
import type { AdaptContext } from '../context.js';
import type { AppliedDefault, NodePool, Subnet } from '../../model/azure.js';
import * as facts from '../../model/facts.js';
import { armId, nameFromId } from '../../model/model.js';
import { flushArmTemplates } from '../arm/index.js';
import { AZ_CODES } from './codes.js';
import { buildCluster, buildPool } from './convert.js';
import { Fields } from './fields.js';
import { parseArmId } from './ids.js';
import { azureState, type PendingPool } from './state.js';
import { compareText } from '../../model/compare.js';

/** Resolves Azure references in `ctx.builder` and reports the dangling ones. Idempotent for already-linked state. */
export function linkAzure(ctx: AdaptContext): void {
  flushArmTemplates(ctx);
  const state = azureState(ctx);
  const pending = state.pendingPools.splice(0);
  const byCluster = new Map<string, PendingPool[]>();
  for (const p of pending) byCluster.set(p.clusterId, [...(byCluster.get(p.clusterId) ?? []), p]);

  // Clusters read without pools are built now, with the pools that name them.
  for (const dc of state.deferredClusters.splice(0)) {
    const pools = byCluster.get(dc.id) ?? [];
    byCluster.delete(dc.id);
    const c = buildCluster(dc.cluster, pools.map((p) => p.pool), ctx, dc.opts);
    if (c && pools.length === 0) {
      ctx.diagnostics.info(AZ_CODES.POOLS_WITHOUT_CLUSTER, `cluster ${c.name} has no node pools in the input`, c.origin,
        `add the output of \`az aks nodepool list -g RG --cluster-name ${c.name} -o json\``);
    }
  }
  for (const [clusterId, pools] of [...byCluster.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    attachPools(clusterId, pools, ctx);
  }

  linkSubnetsToVnets(ctx);
  reportDanglingRefs(ctx);
  reportRouteTableRefs(ctx);
  kubenetRouteTables(ctx);
}

/** Route tables named by other fields than a subnet's (self-managed `cloudProvider.routeTableName`) must exist. */
function reportRouteTableRefs(ctx: AdaptContext): void {
  const refs = azureState(ctx).routeTableRefs.splice(0);
  for (const r of refs) {
    if (ctx.builder.routeTableList.some((t) => t.id === r.id)) continue;
    ctx.diagnostics.report({ code: r.code, severity: 'error', origin: r.origin, resource: nameFromId(r.id),
      message: `${r.what} names route table ${nameFromId(r.id)}, which no input declares`, hint: r.hint });
  }
}

function attachPools(clusterId: string, pools: PendingPool[], ctx: AdaptContext): void {
  const cluster = ctx.builder.getCluster(clusterId);
  const first = pools[0]!;
  if (!cluster) {
    const name = nameFromId(clusterId);
    const rg = parseArmId(clusterId)?.resourceGroup ?? 'RG';
    ctx.diagnostics.warning(AZ_CODES.POOLS_WITHOUT_CLUSTER,
      `node pools of cluster ${name} are in the input but the cluster is not; its network profile is assumed to be the AKS defaults`,
      first.pool.origin, `add the output of \`az aks show -g ${rg} -n ${name} -o json\``);
    const placeholder = new Fields({ name, id: clusterId }, () => first.pool.origin, ctx.diagnostics);
    buildCluster(placeholder, pools.map((p) => p.pool), ctx, first.opts);
    return;
  }
  const opts = azureState(ctx).clusterInfo.get(clusterId)?.opts ?? first.opts;
  const existing = new Set(cluster.pools.map((p) => p.name.toLowerCase()));
  const managedSubnet = cluster.managedVnet ? cluster.pools.find((p) => p.vnetSubnetId)?.vnetSubnetId : undefined;
  const added: NodePool[] = [];
  const defaults: AppliedDefault[] = [];
  for (const p of pools) {
    const name = p.pool.str('name') ?? '';
    // The same pool printed by `az aks show` and `az aks nodepool list`: the cluster's copy is kept.
    if (existing.has(name.toLowerCase())) continue;
    const poolDefaults: AppliedDefault[] = [];
    const pool = buildPool(p.pool, {
      mode: cluster.networkMode, k8sVersion: cluster.kubernetesVersion, opts, index: cluster.pools.length + added.length, clusterName: cluster.name,
    }, ctx, poolDefaults);
    if (!pool) continue;
    existing.add(name.toLowerCase());
    added.push(pool.vnetSubnetId === undefined && managedSubnet !== undefined ? { ...pool, vnetSubnetId: managedSubnet } : pool);
    defaults.push(...poolDefaults);
  }
  if (added.length === 0) return;
  ctx.builder.replaceCluster({ ...cluster, pools: [...cluster.pools, ...added], defaults: [...cluster.defaults, ...defaults] });
}

function linkSubnetsToVnets(ctx: AdaptContext): void {
  const reported = new Set<string>();
  for (const s of ctx.builder.subnetList) {
    const v = ctx.builder.getVNet(s.vnetId);
    if (v) {
      if (!v.subnetIds.includes(s.id)) ctx.builder.addVNet({ ...v, subnetIds: [s.id] });
    } else if (!reported.has(s.vnetId)) {
      reported.add(s.vnetId);
      const p = parseArmId(s.vnetId);
      ctx.diagnostics.info(AZ_CODES.MISSING_VNET, `virtual network ${nameFromId(s.vnetId)} of subnet ${s.name} is not in the input`, s.origin,
        `add the output of \`az network vnet show -g ${p?.resourceGroup ?? 'RG'} -n ${nameFromId(s.vnetId)} -o json\``);
    }
  }
}

function reportDanglingRefs(ctx: AdaptContext): void {
  for (const c of ctx.builder.clusterList) {
    for (const p of c.pools) {
      const refs = [['vnetSubnetID', p.vnetSubnetId, p.subnetOrigin], ['podSubnetID', p.podSubnetId, p.podSubnetOrigin]] as const;
      for (const [field, id, at] of refs) {
        if (id === undefined || ctx.builder.getSubnet(id)) continue;
        const parsed = parseArmId(id);
        const vnet = parsed?.segments[0]?.[1] ?? 'VNET';
        // Point at the field (or script flag) that names the subnet, where the fix is made.
        ctx.diagnostics.report({ code: AZ_CODES.DANGLING_SUBNET, severity: 'warning', resource: `${c.name}/${p.name}`,
          message: `subnet ${nameFromId(id)} is referenced by ${field} of pool ${p.name} (cluster ${c.name}) but is not in the input; `
            + 'its size is unknown and not checked',
          origin: at ?? p.origin,
          hint: `add the output of \`az network vnet show -g ${parsed?.resourceGroup ?? 'RG'} -n ${vnet} -o json\`, or correct the subnet id` });
      }
    }
  }
  const rts = new Set(ctx.builder.routeTableList.map((r) => r.id));
  const nsgs = new Set(ctx.builder.nsgList.map((n) => n.id));
  for (const s of ctx.builder.subnetList) {
    const rg = (id: string): string => parseArmId(id)?.resourceGroup ?? 'RG';
    if (s.routeTableId !== undefined && !rts.has(s.routeTableId)) {
      ctx.diagnostics.info(AZ_CODES.MISSING_ATTACHMENT, `route table ${nameFromId(s.routeTableId)} of subnet ${s.name} is not in the input`, s.origin,
        `add the output of \`az network route-table show -g ${rg(s.routeTableId)} -n ${nameFromId(s.routeTableId)} -o json\``);
    }
    if (s.nsgId !== undefined && !nsgs.has(s.nsgId)) {
      ctx.diagnostics.info(AZ_CODES.MISSING_ATTACHMENT, `network security group ${nameFromId(s.nsgId)} of subnet ${s.name} is not in the input`, s.origin,
        `add the output of \`az network nsg show -g ${rg(s.nsgId)} -n ${nameFromId(s.nsgId)} -o json\``);
    }
  }
}

/**
 * kubenet clusters in a BYO VNet use the route table of their node subnet for per-node pod routes. When no node
 * subnet has one, AKS creates a route table in the node resource group and attaches it to the node subnets: it is
 * modelled as such (`managedBy` = the cluster), so routes and plans see it and `--emit az` leaves it to AKS.
 */
function kubenetRouteTables(ctx: AdaptContext): void {
  for (const c of ctx.builder.clusterList) {
    if (c.networkMode !== 'kubenet' || c.routeTableId !== undefined) continue;
    const subnets = [...new Set(c.pools.map((p) => p.vnetSubnetId).filter((x): x is string => x !== undefined))]
      .map((id) => ctx.builder.getSubnet(id)).filter((s): s is Subnet => s !== undefined);
    const own = subnets.map((s) => s.routeTableId).find((x) => x !== undefined);
    if (own !== undefined) {
      ctx.builder.replaceCluster({ ...c, routeTableId: own });
      continue;
    }
    if (subnets.length === 0) continue;
    const nodeRg = azureState(ctx).clusterInfo.get(c.id)?.nodeResourceGroup ?? `MC_${parseArmId(c.id)?.resourceGroup ?? 'rg'}_${c.name}_location`;
    const name = facts.MANAGED_VNET_NAMES.value.routeTable;
    const id = armId(nodeRg, 'Microsoft.Network/routeTables', name);
    ctx.builder.addRouteTable({ id, name, origin: { ...c.origin, kind: 'managed route table', name }, routes: [],
      disableBgpRoutePropagation: false, managedBy: c.id });
    for (const s of subnets) ctx.builder.addSubnet({ ...s, routeTableId: id });
    ctx.builder.replaceCluster({ ...c, routeTableId: id });
  }
}
