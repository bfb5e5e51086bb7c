// `kind: SelfManagedCluster` → a Cluster of kind 'self-managed'. There is no ARM shape for it, so the cluster is built
// here; every value aksnet fills in is recorded in `Cluster.defaults` with its fact:
//   maxPods 110 (kubelet --max-pods; DEFAULT_MAX_PODS['self-managed']), nodeCidrMaskSize 24 (DEFAULT_NODE_CIDR_MASK_V4),
//   allocateNodeCidrs false and configureCloudRoutes true (kube-controller-manager defaults), maxSurge 0
//   (SELF_MANAGED_DEFAULT_MAX_SURGE: VM groups are not surged unless stated), pool mode User, osType Linux.
// Ids: nativeIds (resource group `native`). Outbound is not modelled for self-managed clusters (type `none`).
import type { SourceDocument } from '../../load/document.js';
import { originAt } from '../../load/document.js';
import type { Cidr, Ip } from '../../engines/net/index.js';
import type { AppliedDefault, Cluster, NodePool, SelfManagedCni, Surge } from '../../model/azure.js';
import * as facts from '../../model/facts.js';
import type { Origin } from '../../model/origin.js';
import { AZ_CODES } from '../aks/codes.js';
import { formatSurge, parseSurge } from '../aks/defaults.js';
import type { Fields } from '../aks/fields.js';
import type { AdaptContext } from '../context.js';
import { NATIVE_CODES } from './codes.js';
import { azureState } from '../aks/state.js';
import { fieldsAt, nativeIds, requireStr, warnUnknownNative } from './reader.js';

/** The `cni` values of docs/formats/native.md. */
export const SELF_MANAGED_CNIS: readonly SelfManagedCni[] = ['calico-policy-only', 'calico-bgp-ipip', 'calico-vxlan', 'canal'];

const SPEC_FIELDS = ['kubernetesVersion', 'network', 'cni', 'controllerManager', 'serviceCidr', 'dnsServiceIP', 'cloudProvider', 'pools'];
const KCM_FIELDS = ['allocateNodeCidrs', 'clusterCidr', 'nodeCidrMaskSize', 'configureCloudRoutes'];
const CLOUD_FIELDS = ['routeTableName'];
const POOL_FIELDS = ['name', 'count', 'minCount', 'maxCount', 'subnet', 'maxPods', 'maxSurge', 'vmSize', 'mode', 'osType', 'applicationSecurityGroups'];

/** CNIs that route pods by the node podCIDRs kube-controller-manager allocates (need --allocate-node-cidrs). */
function needsNodeCidrs(cni: SelfManagedCni): boolean {
  switch (cni) {
    case 'calico-policy-only':
    case 'canal':
      return true;
    case 'calico-bgp-ipip':
    case 'calico-vxlan':
      return false; // Calico IPAM hands out blocks from its IP pool itself
    default: {
      const never: never = cni;
      return never;
    }
  }
}

/** Reads a `kind: SelfManagedCluster` document (`name` = metadata.name, already checked) and adds the cluster. */
export function adaptSelfManagedCluster(doc: SourceDocument, name: string, ctx: AdaptContext): Cluster | undefined {
  const d = ctx.diagnostics;
  const spec = fieldsAt(doc, ['spec'], ctx);
  const origin: Origin = { ...originAt(doc, []), kind: 'SelfManagedCluster', name };
  if (!spec) {
    d.error(NATIVE_CODES.MISSING_FIELD, `SelfManagedCluster ${name} has no spec object`, originAt(doc, ['spec']), 'add spec.network, spec.cni and spec.pools');
    return undefined;
  }
  warnUnknownNative(spec, SPEC_FIELDS, `SelfManagedCluster ${name} spec`, ctx);
  const network = requireStr(spec, 'network', `SelfManagedCluster ${name}`, ctx);
  const cni = spec.enumOf('cni', SELF_MANAGED_CNIS);
  if (cni === undefined) {
    if (!spec.has('cni')) {
      d.error(NATIVE_CODES.MISSING_FIELD, `SelfManagedCluster ${name} needs cni`, spec.origin, `add cni: one of ${SELF_MANAGED_CNIS.join(', ')}`);
    }
    return undefined; // without the CNI nothing about pod addressing is known
  }
  const defaults: AppliedDefault[] = [];
  const addDefault = (field: string, value: string | number | boolean, factId: string, o: Origin): void => {
    defaults.push({ field, value: String(value), factId, origin: o });
  };

  const kcm = spec.obj('controllerManager');
  if (kcm) warnUnknownNative(kcm, KCM_FIELDS, 'controllerManager', ctx);
  const kcmOrigin = kcm?.origin ?? spec.origin;
  let allocate = kcm?.bool('allocateNodeCidrs');
  if (allocate === undefined) {
    allocate = facts.KCM_ALLOCATE_NODE_CIDRS_DEFAULT.value;
    addDefault('controllerManager.allocateNodeCidrs', allocate, facts.KCM_ALLOCATE_NODE_CIDRS_DEFAULT.id, kcmOrigin);
  }
  let cloudRoutes = kcm?.bool('configureCloudRoutes');
  if (cloudRoutes === undefined) {
    cloudRoutes = facts.KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT.value;
    addDefault('controllerManager.configureCloudRoutes', cloudRoutes, facts.KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT.id, kcmOrigin);
  }
  const clusterCidr: Cidr | undefined = kcm?.cidr('clusterCidr');
  if (clusterCidr === undefined && !kcm?.has('clusterCidr')) {
    d.error(NATIVE_CODES.MISSING_FIELD, `SelfManagedCluster ${name} has no controllerManager.clusterCidr`, kcmOrigin,
      'add controllerManager.clusterCidr (kube-controller-manager --cluster-cidr); pod addresses are unknown without it');
  }
  let mask = kcm?.count('nodeCidrMaskSize');
  if (mask === undefined) {
    mask = facts.DEFAULT_NODE_CIDR_MASK_V4.value;
    addDefault('controllerManager.nodeCidrMaskSize', mask, facts.DEFAULT_NODE_CIDR_MASK_V4.id, kcmOrigin);
  }
  if (!allocate && needsNodeCidrs(cni)) {
    d.warning(NATIVE_CODES.INCONSISTENT, `${cni} routes pods by node podCIDRs, but allocateNodeCidrs is false: nodes get no podCIDR`,
      kcm?.originOf('allocateNodeCidrs') ?? kcmOrigin, 'set controllerManager.allocateNodeCidrs: true (--allocate-node-cidrs)');
  }

  const serviceCidr = spec.cidr('serviceCidr');
  const dnsServiceIp: Ip | undefined = spec.ip('dnsServiceIP');
  const cloud = spec.obj('cloudProvider');
  if (cloud) warnUnknownNative(cloud, CLOUD_FIELDS, 'cloudProvider', ctx);
  const rtName = cloud?.str('routeTableName');
  let routeTableId: string | undefined;
  if (cni === 'calico-policy-only') {
    if (rtName === undefined) {
      d.warning(NATIVE_CODES.INCONSISTENT, 'calico-policy-only needs the Azure route table to carry pod traffic, but cloudProvider.routeTableName is not set',
        cloud?.origin ?? spec.origin, 'set cloudProvider.routeTableName to the route table of the VM subnet');
    } else if (!cloudRoutes) {
      d.warning(NATIVE_CODES.INCONSISTENT, 'calico-policy-only with configureCloudRoutes false: nothing writes the per-node pod routes',
        kcm?.originOf('configureCloudRoutes') ?? kcmOrigin, 'set controllerManager.configureCloudRoutes: true');
    }
  }
  if (rtName !== undefined) {
    // Checked at link time: the Network declaring the table may be another document.
    azureState(ctx).routeTableRefs.push({ id: nativeIds.routeTable(rtName), origin: cloud?.originOf('routeTableName') ?? spec.origin,
      what: `cloudProvider.routeTableName of SelfManagedCluster ${name}`, code: NATIVE_CODES.DANGLING_NAME,
      hint: 'declare the route table under spec.routeTables of the Network and attach it to the VM subnet, or correct the name' });
  }
  if (rtName !== undefined && cloudRoutes && allocate) routeTableId = nativeIds.routeTable(rtName);

  const pools: NodePool[] = [];
  const seen = new Set<string>();
  for (const p of spec.objects('pools')) {
    const pool = poolOf(p, network, name, ctx, defaults);
    if (!pool) continue;
    if (seen.has(pool.name)) {
      d.error(AZ_CODES.INCONSISTENT, `pool "${pool.name}" appears twice in SelfManagedCluster ${name}; the first is used`, pool.origin, 'pool names must be unique');
      continue;
    }
    seen.add(pool.name);
    pools.push(pool);
  }
  if (pools.length === 0) {
    d.warning(NATIVE_CODES.MISSING_FIELD, `SelfManagedCluster ${name} has no pools`, spec.originOf('pools'), 'add spec.pools with name, count and subnet');
  }

  const cluster: Cluster = {
    id: nativeIds.cluster(name), name, origin, kind: 'self-managed', kubernetesVersion: spec.str('kubernetesVersion'),
    networkMode: 'self-managed', networkPolicy: 'calico', dataplane: 'azure', selfManagedCni: cni, nodeCidrMaskSize: mask,
    podCidrs: clusterCidr ? [clusterCidr] : [], serviceCidrs: serviceCidr ? [serviceCidr] : [], dnsServiceIp,
    ipFamilies: [4], outbound: { type: 'none', loadBalancerSku: 'standard', outboundIps: 0, allocatedOutboundPorts: 0 },
    privateCluster: false, routeTableId, managedVnet: false, pools, defaults,
  };
  ctx.builder.addCluster(cluster);
  return cluster;
}

function poolOf(p: Fields, network: string | undefined, cluster: string, ctx: AdaptContext, defaults: AppliedDefault[]): NodePool | undefined {
  const d = ctx.diagnostics;
  const name = requireStr(p, 'name', `a pool of SelfManagedCluster ${cluster}`, ctx);
  if (!name) return undefined;
  warnUnknownNative(p, POOL_FIELDS, `pool ${name}`, ctx);
  const origin: Origin = { ...p.origin, kind: 'pool', name };
  const add = (field: string, value: string | number, factId: string): void => {
    defaults.push({ field: `pools[${name}].${field}`, value: String(value), factId, origin });
  };
  const count = p.count('count');
  if (count === undefined) {
    if (!p.has('count')) d.error(NATIVE_CODES.MISSING_FIELD, `pool ${name} has no count; skipped`, origin, 'add count: the number of VMs now');
    return undefined;
  }
  let autoscale: NodePool['autoscale'];
  const max = p.count('maxCount');
  if (max !== undefined) {
    const min = p.count('minCount') ?? count;
    if (min > max || count > max) {
      d.error(AZ_CODES.INCONSISTENT, `pool ${name}: maxCount ${max} is below ${min > max ? `minCount ${min}` : `count ${count}`}`, p.originOf('maxCount'),
        'make minCount ≤ count ≤ maxCount');
    } else autoscale = { min, max };
  }
  let maxPods = p.count('maxPods');
  if (maxPods === undefined) {
    maxPods = facts.DEFAULT_MAX_PODS.value['self-managed'];
    add('maxPods', maxPods, facts.DEFAULT_MAX_PODS.id);
  }
  let maxSurge: Surge | undefined;
  const rawSurge = p.find('maxSurge');
  if (rawSurge) {
    maxSurge = parseSurge(rawSurge.value);
    if (!maxSurge) {
      d.error(AZ_CODES.INVALID_MAX_SURGE, `maxSurge ${JSON.stringify(rawSurge.value)} of pool ${name} is neither a node count nor a percentage`,
        p.originOf('maxSurge'), 'write a whole number of nodes (1) or a percentage ("33%")');
    }
  }
  if (!maxSurge) {
    maxSurge = { kind: 'count', value: facts.SELF_MANAGED_DEFAULT_MAX_SURGE.value };
    add('maxSurge', formatSurge(maxSurge), facts.SELF_MANAGED_DEFAULT_MAX_SURGE.id);
  }
  const mode = p.enumOf('mode', ['System', 'User'] as const) ?? 'User';
  const osType = p.enumOf('osType', ['Linux', 'Windows'] as const) ?? facts.DEFAULT_OS_TYPE.value;
  const subnet = p.str('subnet');
  let vnetSubnetId: string | undefined;
  if (subnet === undefined) {
    d.error(NATIVE_CODES.MISSING_FIELD, `pool ${name} has no subnet`, origin, 'add subnet: the name of a subnet of the Network');
  } else if (subnet.startsWith('/')) {
    vnetSubnetId = subnet.toLowerCase(); // a full ARM id (a subnet read from az JSON)
  } else if (network !== undefined) {
    vnetSubnetId = nativeIds.subnet(network, subnet);
  }
  // ASGs the pool's VM NICs join: names of the Network's applicationSecurityGroups (or full ASG ids).
  const asgIds = [...new Set(p.strings('applicationSecurityGroups').map((a) => a.text.trim()).filter((a) => a !== '')
    .map((a) => (a.startsWith('/') ? a.toLowerCase() : nativeIds.asg(a))))].sort();
  return { name, mode, osType, count, autoscale, maxPods, maxSurge, vnetSubnetId, vmSize: p.str('vmSize'), origin, ...(asgIds.length > 0 ? { asgIds } : {}) };
}
