// Pure decisions of the converter: network mode derivation, maxSurge parsing and its version-dependent default,
// maxPods default. No diagnostics here; convert.ts reports.
import type { NetworkMode, Surge } from '../../model/azure.js';
import * as facts from '../../model/facts.js';
import type { InputSource } from './arm-shape.js';
import { parseMinorVersion } from '../../model/version.js';

/** The AKS `networkPlugin` values. */
export type NetworkPlugin = 'azure' | 'kubenet' | 'none';
export const NETWORK_PLUGINS: readonly NetworkPlugin[] = ['azure', 'kubenet', 'none'];

/**
 * The network mode from plugin, plugin mode and pools: azure + overlay → overlay; azure + any pool with a pod
 * subnet → pod subnet; azure → node subnet; kubenet → kubenet; none → BYO CNI.
 */
export function deriveNetworkMode(plugin: NetworkPlugin, overlay: boolean, anyPodSubnet: boolean): NetworkMode {
  switch (plugin) {
    case 'azure':
      if (overlay) return 'azure-cni-overlay';
      return anyPodSubnet ? 'azure-cni-pod-subnet' : 'azure-cni-node-subnet';
    case 'kubenet':
      return 'kubenet';
    case 'none':
      return 'byo-cni';
    default: {
      const never: never = plugin;
      return never;
    }
  }
}

/** Parses a maxSurge value: a non-negative integer (node count) or "N%" with 0 < N ≤ 100. Undefined if invalid. */
export function parseSurge(v: unknown): Surge | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? { kind: 'count', value: v } : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  let m = /^(\d{1,9})$/.exec(t);
  if (m) return { kind: 'count', value: Number(m[1]) };
  m = /^(\d{1,3})\s*%$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    return n > 0 && n <= 100 ? { kind: 'percent', value: n } : undefined;
  }
  return undefined;
}

/** Formats a Surge as AKS writes it ("1", "10%"); the one definition lives next to the type in model/azure.ts. */
export { formatSurge } from '../../model/azure.js';

/** Major and minor of a Kubernetes version (defined in model/version.ts, re-exported here). */
export { parseMinorVersion } from '../../model/version.js';

/** True when Kubernetes version `v` is at least `min` (both "major.minor[...]"); undefined when `v` is unparsable. */
export function versionAtLeast(v: string | undefined, min: string): boolean | undefined {
  const a = parseMinorVersion(v);
  const b = parseMinorVersion(min);
  if (!a || !b) return undefined;
  return a[0] !== b[0] ? a[0] > b[0] : a[1] >= b[1];
}

/**
 * The maxSurge AKS applies when none is given (shared/reference/aks-networking.md §9, §24 #3):
 * a known Kubernetes version decides (≥ 1.27 → 10%, older → 1 node); otherwise the ARM API version
 * (≥ 2025-10-01 → 10%, older → 1); with neither, current AKS behaviour (10%).
 */
export function defaultMaxSurge(k8sVersion: string | undefined, apiVersion: string | undefined): { surge: Surge; factId: string } {
  const percent: { surge: Surge; factId: string } = { surge: { kind: 'percent', value: facts.DEFAULT_MAX_SURGE_PERCENT.value }, factId: facts.DEFAULT_MAX_SURGE_PERCENT.id };
  const legacy: { surge: Surge; factId: string } = { surge: { kind: 'count', value: facts.DEFAULT_MAX_SURGE_LEGACY.value }, factId: facts.DEFAULT_MAX_SURGE_LEGACY.id };
  const byK8s = versionAtLeast(k8sVersion, facts.MAX_SURGE_PERCENT_FROM_K8S.value);
  if (byK8s !== undefined) return byK8s ? percent : legacy;
  if (apiVersion !== undefined && /^\d{4}-\d{2}-\d{2}/.test(apiVersion)) {
    return apiVersion.slice(0, 10) >= facts.MAX_SURGE_PERCENT_FROM_API.value ? percent : legacy;
  }
  return percent;
}

/** Default maxPods for a pool of a cluster in `mode`, from `source` (the portal creates kubenet pools with 30). */
export function defaultMaxPods(mode: NetworkMode, source: InputSource): { value: number; factId: string } {
  if (mode === 'kubenet' && source === 'portal') {
    return { value: facts.KUBENET_PORTAL_DEFAULT_MAX_PODS.value, factId: facts.KUBENET_PORTAL_DEFAULT_MAX_PODS.id };
  }
  return { value: facts.DEFAULT_MAX_PODS.value[mode], factId: facts.DEFAULT_MAX_PODS.id };
}

/** Default node count by source: the CLI (and scripts of CLI commands) use 3, ARM / REST / Terraform / az output 1. */
export function defaultNodeCount(source: InputSource): { value: number; factId: string } {
  switch (source) {
    case 'az-script':
    case 'portal':
      return { value: facts.DEFAULT_NODE_COUNT.value, factId: facts.DEFAULT_NODE_COUNT.id };
    case 'az-cli':
    case 'arm':
    case 'terraform':
    case 'native':
      return { value: facts.DEFAULT_NODE_COUNT_ARM.value, factId: facts.DEFAULT_NODE_COUNT_ARM.id };
    default: {
      const never: never = source;
      return never;
    }
  }
}
