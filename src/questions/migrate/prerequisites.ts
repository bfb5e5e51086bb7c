// Prerequisites and steps of a migration (shared/reference/aks-networking.md §20), checked against the model.
import { cidrOverlaps, formatCidr, type Cidr } from '../../engines/net/index.js';
import { engineOfNetworkPolicy, type EngineName } from '../../engines/policy/index.js';
import type { Cluster } from '../../model/azure.js';
import { NPM_WINDOWS_RETIREMENT, OVERLAY_MIGRATION_MIN_K8S, OVERLAY_MIGRATION_MIN_WINDOWS_BUILD } from '../../model/facts.js';
import type { Model } from '../../model/model.js';
import { compareVersions } from '../../model/version.js';
import type { Enforcement, MigrateTarget, MigrationStep, Prerequisite } from './types.js';

/** The policy engine a cluster's `networkPolicy` runs. */
export function clusterEnforcement(c: Cluster): Enforcement {
  return engineOfNetworkPolicy(c.networkPolicy);
}

/** `az aks update --network-policy` value of an engine. */
function policyFlag(e: Enforcement): string {
  switch (e) {
    case 'azure-npm':
      return 'azure';
    case 'upstream':
      return 'none';
    case 'calico':
    case 'cilium':
    case 'none':
      return e;
    default: {
      const never: never = e;
      throw new RangeError(`unknown engine ${String(never)}`);
    }
  }
}

/** Compares dotted versions numerically (defined in model/version.ts, re-exported here). */
export { compareVersions } from '../../model/version.js';

/** The plan of a migration: the enforcement after it, its prerequisites and steps. */
export interface MigrationPlan {
  readonly after: Enforcement;
  readonly afterMode?: string;
  readonly afterDataplane?: string;
  readonly prerequisites: Prerequisite[];
  readonly steps: MigrationStep[];
}

const AZ = (c: Cluster, flags: string): string => `az aks update -g <resource-group> -n ${c.name} ${flags}`;

/** Prerequisites and steps of moving `c` (or, without a cluster, the policies alone) from `before` to `target`. */
export function planMigration(model: Model, c: Cluster | undefined, before: Enforcement, target: MigrateTarget): MigrationPlan {
  const pre: Prerequisite[] = [];
  const steps: MigrationStep[] = [];
  if (c === undefined) {
    const after: Enforcement = target === 'overlay' ? before : target === 'cilium-dataplane' ? 'cilium' : target;
    pre.push({ id: 'no-cluster', status: 'unknown', text: 'the input has no cluster artefact: only the policy semantics are compared; prerequisites need the cluster (az aks show JSON, ARM, Terraform or a script)' });
    if (before !== 'none' && after !== before) {
      steps.push({ title: `disable network policy (${before})`, enforcement: 'none' });
      steps.push({ title: `enable ${after}`, enforcement: after });
    } else if (after !== before) steps.push({ title: `enable ${after}`, enforcement: after });
    return { after, prerequisites: pre, steps };
  }
  const isKubenet = c.networkMode === 'kubenet';
  const winPools = c.pools.filter((p) => p.osType === 'Windows');
  switch (target) {
    case 'overlay': {
      overlayPrerequisites(model, c, before, pre);
      if (c.networkMode !== 'azure-cni-overlay') overlaySteps(c, before, steps, before);
      return { after: before, afterMode: 'azure-cni-overlay', afterDataplane: c.dataplane, prerequisites: pre, steps };
    }
    case 'cilium-dataplane':
    case 'cilium': {
      if (c.dataplane === 'cilium') {
        pre.push({ id: 'already-cilium-dataplane', status: 'met', text: 'the cluster already runs the Cilium dataplane' });
        if (before !== 'cilium') steps.push({ title: 'enable Cilium network policy', command: AZ(c, '--network-policy cilium'), enforcement: 'cilium' });
        return { after: 'cilium', afterMode: c.networkMode, afterDataplane: 'cilium', prerequisites: pre, steps };
      }
      if (c.kind === 'self-managed') pre.push({ id: 'aks-only', status: 'blocked', text: 'the in-place dataplane switch is an AKS operation; a self-managed cluster reinstalls its CNI', origin: c.origin });
      if (winPools.length > 0) {
        pre.push({ id: 'no-windows-pools', status: 'blocked', origin: c.origin,
          text: `the Cilium dataplane is Linux only; Windows pools: ${winPools.map((p) => p.name).join(', ')}` });
      } else pre.push({ id: 'no-windows-pools', status: 'met', text: 'no Windows pools' });
      if (c.networkPlugin === 'none' || c.networkMode === 'byo-cni') {
        pre.push({ id: 'azure-cni', status: 'blocked', text: 'bring-your-own CNI clusters cannot switch to the Azure CNI Cilium dataplane', origin: c.origin });
      }
      let cur = before;
      if (isKubenet) {
        pre.push({ id: 'kubenet-to-overlay-first', status: 'action', origin: c.origin,
          text: 'kubenet cannot switch dataplane: migrate to Azure CNI Overlay first (IPAM and dataplane cannot change in one operation)' });
        overlayPrerequisites(model, c, before, pre);
        overlaySteps(c, before, steps, 'none');
        cur = 'none';
      } else if (before !== 'none') {
        pre.push({ id: 'policy-uninstalled', status: 'info',
          text: `${before} is uninstalled when the dataplane switches; enforcement starts only after every node is reimaged` });
      }
      if (c.networkMode === 'azure-cni-node-subnet' && !isKubenet) {
        pre.push({ id: 'npm-documented-path', status: before === 'azure-npm' ? 'action' : 'info',
          text: 'documented path for NPM + node-subnet Azure CNI: disable policy → migrate to overlay → switch dataplane and policy to Cilium together (or switch in place from node-subnet with CLI ≥ 2.69)' });
      }
      pre.push({ id: 'all-pools-reimaged', status: 'info', text: 'every pool is reimaged at once; Cilium enforces policy only after the last node is reimaged' });
      if (cur !== 'none' && before !== 'none') steps.push({ title: `reimage every node onto the Cilium dataplane (${before} removed, Cilium not yet enforcing)`, command: AZ(c, '--network-dataplane cilium --network-policy cilium'), enforcement: 'none' });
      else steps.push({ title: 'reimage every node onto the Cilium dataplane (Cilium not yet enforcing)', command: AZ(c, '--network-dataplane cilium --network-policy cilium'), enforcement: 'none' });
      steps.push({ title: 'every node reimaged: Cilium enforces policy', enforcement: 'cilium' });
      return { after: 'cilium', afterMode: isKubenet ? 'azure-cni-overlay' : c.networkMode, afterDataplane: 'cilium', prerequisites: pre, steps };
    }
    case 'azure-npm':
    case 'calico':
    case 'upstream':
    case 'none': {
      const engine: EngineName = target;
      if (before === engine) {
        pre.push({ id: 'no-change', status: 'met', text: `the cluster already runs ${engine}` });
        return { after: engine, afterMode: c.networkMode, afterDataplane: c.dataplane, prerequisites: pre, steps };
      }
      if (engine === 'azure-npm' && isKubenet) pre.push({ id: 'npm-needs-azure-cni', status: 'blocked', origin: c.origin, text: 'Azure NPM does not support kubenet (kubenet supports Calico only)' });
      if (engine === 'azure-npm' && winPools.length > 0) pre.push({ id: 'npm-windows-retired', status: 'blocked', text: `Azure NPM on Windows is closed to new onboarding (retires ${NPM_WINDOWS_RETIREMENT.value})` });
      if (c.dataplane === 'cilium' && engine !== 'upstream') pre.push({ id: 'cilium-dataplane-fixed', status: 'blocked', text: 'a Cilium-dataplane cluster enforces with Cilium only' });
      if (before !== 'none' && engine !== 'none') {
        pre.push({ id: 'switch-through-none', status: 'action', text: `switching engines goes through --network-policy none first (${before} is removed before ${engine} is installed)` });
        steps.push({ title: `disable network policy (${before} uninstalled)`, command: AZ(c, '--network-policy none'), enforcement: 'none' });
      }
      if (before === 'calico') pre.push({ id: 'calico-crds-left', status: 'info', text: 'uninstalling Calico leaves its CRDs (*.projectcalico.org, *.tigera.io) behind' });
      if (engine !== 'none') steps.push({ title: `enable ${engine}`, command: AZ(c, `--network-policy ${policyFlag(engine)}`), enforcement: engine });
      return { after: engine, afterMode: c.networkMode, afterDataplane: c.dataplane, prerequisites: pre, steps };
    }
    default: {
      const never: never = target;
      throw new RangeError(`unknown target ${String(never)}`);
    }
  }
}

function overlaySteps(c: Cluster, before: Enforcement, steps: MigrationStep[], reEnable: Enforcement): void {
  if (before !== 'none') steps.push({ title: `disable network policy (${before})`, command: AZ(c, '--network-policy none'), enforcement: 'none' });
  steps.push({ title: 'migrate to Azure CNI Overlay (every node reimaged)', command: AZ(c, '--network-plugin azure --network-plugin-mode overlay'), enforcement: 'none' });
  if (reEnable !== 'none') steps.push({ title: `re-enable ${reEnable}`, command: AZ(c, `--network-policy ${policyFlag(reEnable)}`), enforcement: reEnable });
}

function overlayPrerequisites(model: Model, c: Cluster, before: Enforcement, pre: Prerequisite[]): void {
  if (c.networkMode === 'azure-cni-overlay') {
    pre.push({ id: 'already-overlay', status: 'met', text: 'the cluster already uses Azure CNI Overlay' });
    return;
  }
  if (c.kind === 'self-managed' || c.networkMode === 'byo-cni' || c.networkMode === 'self-managed') {
    pre.push({ id: 'aks-cni-only', status: 'blocked', origin: c.origin, text: `an in-place overlay migration needs an AKS cluster on kubenet or node-subnet Azure CNI (this is ${c.networkMode})` });
    return;
  }
  const min = OVERLAY_MIGRATION_MIN_K8S.value;
  if (c.kubernetesVersion === undefined) pre.push({ id: 'kubernetes-version', status: 'unknown', text: `Kubernetes ≥ ${min} required; the input gives no version` });
  else if (compareVersions(c.kubernetesVersion, min) < 0) pre.push({ id: 'kubernetes-version', status: 'blocked', origin: c.origin, text: `Kubernetes ${c.kubernetesVersion} < ${min}: upgrade first` });
  else pre.push({ id: 'kubernetes-version', status: 'met', text: `Kubernetes ${c.kubernetesVersion} ≥ ${min}` });
  if (c.networkMode === 'azure-cni-pod-subnet') {
    pre.push({ id: 'no-pod-subnet', status: 'blocked', origin: c.origin, text: 'Pod Subnet (dynamic pod IP allocation) clusters cannot migrate to overlay' });
  } else pre.push({ id: 'no-pod-subnet', status: 'met', text: 'no pod subnet (dynamic allocation)' });
  pre.push(before === 'none'
    ? { id: 'policy-disabled-first', status: 'met', text: 'network policy is already none' }
    : { id: 'policy-disabled-first', status: 'action', origin: c.origin, text: `network policy (${before}) must be disabled first (--network-policy none); nothing is enforced until it is re-enabled` });
  const win = c.pools.filter((p) => p.osType === 'Windows');
  pre.push(win.length === 0
    ? { id: 'windows-pools', status: 'met', text: 'no Windows pools' }
    : { id: 'windows-pools', status: 'unknown', text: `Windows pools (${win.map((p) => p.name).join(', ')}) must not use the Docker runtime and need build ≥ ${OVERLAY_MIGRATION_MIN_WINDOWS_BUILD.value}` });
  const vnetSpace: Cidr[] = [];
  for (const p of c.pools) {
    const sn = model.subnets.find((s) => s.id === p.vnetSubnetId);
    const vn = sn ? model.vnets.find((v) => v.subnetIds.includes(sn.id) || sn.id.startsWith(v.id + '/')) : undefined;
    if (vn) vnetSpace.push(...vn.addressSpace);
  }
  const podCidrs = c.podCidrs.filter((x) => x.family === 4);
  if (c.networkMode === 'kubenet') {
    pre.push({ id: 'user-assigned-identity', status: c.routeTableId ? 'unknown' : 'info', text: c.routeTableId
      ? 'a user-assigned identity is required to detach the route table; AKS-added pod routes in this BYO route table are deleted'
      : 'the AKS-managed route table is deleted (a user-assigned identity is required when the route table is your own)' });
    if (c.routeTableId) {
      const rt = c.routeTableId;
      const others = model.subnets.filter((s) => s.routeTableId === rt && !c.pools.some((p) => p.vnetSubnetId === s.id));
      pre.push(others.length > 0
        ? { id: 'route-table-exclusive', status: 'blocked', text: `other subnets use the cluster's route table (${others.map((s) => s.name).join(', ')}); detach them first` }
        : { id: 'route-table-exclusive', status: 'met', text: 'no other subnet uses the cluster\'s route table' });
    }
  } else if (podCidrs.length === 0) {
    pre.push({ id: 'pod-cidr', status: 'action', text: '--pod-cidr is required (node-subnet clusters have none) and must not overlap the VNet or the service CIDR' });
  }
  for (const pc of podCidrs) {
    const clash = [...vnetSpace, ...c.serviceCidrs].filter((x) => cidrOverlaps(x, pc));
    pre.push(clash.length > 0
      ? { id: 'pod-cidr', status: 'blocked', origin: c.origin, text: `pod CIDR ${formatCidr(pc)} overlaps ${clash.map(formatCidr).join(', ')} (VNet or service CIDR)` }
      : { id: 'pod-cidr', status: 'met', text: `pod CIDR ${formatCidr(pc)} overlaps neither the VNet nor the service CIDR` });
  }
}
