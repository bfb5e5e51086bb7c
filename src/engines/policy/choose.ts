// Which engine a question evaluates under: `--engine` when given, else the cluster artefact's networkPolicy
// (none → none, azure → azure-npm, calico, cilium), else upstream. For Cilium, the AKS Kubernetes version decides
// whether endPort ranges are enforced (Cilium ≥ 1.17 ⇔ Kubernetes ≥ 1.32 on AKS).
import type { Diagnostic } from '../../model/diagnostic.js';
import type { PolicyEngineName } from '../../model/azure.js';
import { AKS_CILIUM_MIN_VERSION, CILIUM_ENDPORT_MIN_VERSION } from '../../model/facts.js';
import type { Model } from '../../model/model.js';
import { engineProfile, type EngineName, type EngineOptions, type EngineProfile } from './profile.js';

/** Policy diagnostic codes of the engine choice (AKS3250–AKS3259). */
export const ENGINE_CHOICE_CODES = {
  /** The cluster has networkPolicy none: policies in the input are not enforced (info; `check` reports it as a finding). */
  NOT_ENFORCED: 'AKS3250',
  /** Cilium endPort support assumed or ruled out from the Kubernetes version (info). */
  CILIUM_VERSION: 'AKS3251',
  /** Several clusters with different engines: upstream semantics are used unless --engine is given (info). */
  AMBIGUOUS: 'AKS3252',
} as const;

/** The engine, its options and notes on how they were chosen. */
export interface EngineChoice {
  readonly engine: EngineName;
  readonly options: EngineOptions;
  /** Where the choice comes from: the --engine flag, the cluster's networkPolicy, or the upstream default. */
  readonly from: 'flag' | 'cluster' | 'default';
  readonly notes: readonly Diagnostic[];
}

/** Major.minor of a Kubernetes version such as `1.31.2` / `v1.32`; undefined when unreadable. */
export function kubernetesMinor(v: string | undefined): [number, number] | undefined {
  const m = v === undefined ? null : /^v?(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function versionAtLeast(v: string, min: string): boolean {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/**
 * Whether Cilium on AKS Kubernetes `k8sVersion` enforces endPort, with a note. Unknown version → assumed supported.
 * Versions newer than the table use its last row; older ones than its first predate Cilium 1.17.
 */
export function ciliumEndPort(k8sVersion: string | undefined): { supported: boolean; note: string } {
  const minor = kubernetesMinor(k8sVersion);
  if (minor === undefined) return { supported: true, note: 'Kubernetes version unknown: Cilium endPort support assumed (Cilium ≥ 1.17)' };
  const table = AKS_CILIUM_MIN_VERSION.value as Readonly<Record<string, string>>;
  const keys = Object.keys(table).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  const key = `${minor[0]}.${minor[1]}`;
  const last = keys[keys.length - 1];
  const cilium = table[key] ?? (minor[0] === 1 && minor[1] > Number(last.split('.')[1]) ? table[last] : undefined);
  const supported = cilium !== undefined && versionAtLeast(cilium, CILIUM_ENDPORT_MIN_VERSION.value);
  return {
    supported,
    note: `Kubernetes ${key} on AKS runs Cilium ${cilium ?? `older than ${table[keys[0]]}`}: endPort ranges are ${supported ? '' : 'not '}enforced${supported ? '' : ' (only the first port)'}`,
  };
}

/** The engine a cluster's `networkPolicy` runs (azure = Azure NPM; none = nothing enforces). The one mapping. */
export function engineOfNetworkPolicy(p: PolicyEngineName): EngineName {
  switch (p) {
    case 'none': return 'none';
    case 'azure': return 'azure-npm';
    case 'calico': return 'calico';
    case 'cilium': return 'cilium';
    default: {
      const never: never = p;
      throw new RangeError(`unknown network policy ${String(never)}`);
    }
  }
}

/** Chooses the engine for `model`; `explicit` is the --engine flag. */
export function chooseEngine(model: Model, explicit?: EngineName): EngineChoice {
  const clusters = model.clusters;
  const one = clusters.length === 1 ? clusters[0] : undefined;
  const notes: Diagnostic[] = [];
  let engine: EngineName;
  let from: EngineChoice['from'];
  if (explicit !== undefined) {
    engine = explicit;
    from = 'flag';
  } else if (one !== undefined) {
    from = 'cluster';
    engine = engineOfNetworkPolicy(one.networkPolicy);
    if (engine === 'none' && model.policies.length > 0) {
      notes.push({
        code: ENGINE_CHOICE_CODES.NOT_ENFORCED, severity: 'info', origin: one.origin, resource: one.name,
        message: `cluster ${one.name} has networkPolicy none: its ${model.policies.length} network policies are not enforced`,
        hint: 'pass --engine upstream|calico|cilium|azure-npm to see what they would do',
      });
    }
  } else {
    engine = 'upstream';
    from = 'default';
    if (new Set(clusters.map((c) => c.networkPolicy)).size > 1) {
      notes.push({ code: ENGINE_CHOICE_CODES.AMBIGUOUS, severity: 'info', message: 'clusters with different network policy engines: upstream semantics are used', hint: 'pass --engine' });
    }
  }
  let options: EngineOptions = {};
  if (engine === 'cilium' && one !== undefined) {
    const e = ciliumEndPort(one.kubernetesVersion);
    options = { endPort: e.supported };
    if (model.policies.length > 0) notes.push({ code: ENGINE_CHOICE_CODES.CILIUM_VERSION, severity: 'info', origin: one.origin, resource: one.name, message: e.note });
  }
  return { engine, options, from, notes };
}

/** The profile of a choice. */
export function choiceProfile(c: EngineChoice): EngineProfile {
  return engineProfile(c.engine, c.options);
}
