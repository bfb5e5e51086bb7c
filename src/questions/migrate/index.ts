// `aksnet migrate`: what changes when a cluster moves to another policy engine, to Azure CNI Overlay, or to the
// Cilium dataplane — changed flows (with the deciding rules on each side), prerequisites, and the window in which
// nothing is enforced.
import { deriveNodes } from '../../derive/nodes.js';
import { planPodAddresses } from '../../derive/pods.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import { MIGRATE_CODES } from './codes.js';
import { diffFlows } from './flows.js';
import { clusterEnforcement, planMigration } from './prerequisites.js';
import type { Enforcement, MigrateAnswer, MigrateTarget } from './types.js';

export * from './types.js';
export { MIGRATE_CODES } from './codes.js';
export { compareVersions, clusterEnforcement } from './prerequisites.js';
export { diffFlows, probeOf } from './flows.js';

/** Parameters: the target, and the engine running now when the input does not say (or to override it). */
export interface MigrateParams {
  readonly to: MigrateTarget;
  readonly fromEngine?: Enforcement;
}

/** Answers `aksnet migrate` for the model's (single) cluster. */
export function migrate(model: Model, params: MigrateParams): MigrateAnswer {
  const diagnostics: Diagnostic[] = [];
  const cluster = model.clusters.length === 1 ? model.clusters[0] : undefined;
  if (model.clusters.length > 1) {
    diagnostics.push({ code: MIGRATE_CODES.SEVERAL_CLUSTERS, severity: 'warning', message: `${model.clusters.length} clusters in the input; prerequisites are not checked (pass one cluster's artefacts)` });
  }
  const before: Enforcement = params.fromEngine ?? (cluster ? clusterEnforcement(cluster) : 'upstream');
  if (params.fromEngine === undefined && cluster === undefined) {
    diagnostics.push({ code: MIGRATE_CODES.ENGINE_ASSUMED, severity: 'info', message: 'no cluster in the input: assuming the policies are enforced with upstream semantics now', hint: 'pass --from-engine' });
  }
  const plan = planMigration(model, cluster, before, params.to);
  const pods = planPodAddresses(model, deriveNodes(model)).pods;
  const changes = diffFlows(model, pods, before, plan.after);
  const windowSteps = before === 'none' ? [] : plan.steps.filter((s) => s.enforcement === 'none').map((s) => s.title);
  const opened = windowSteps.length > 0 ? diffFlows(model, pods, before, 'none').filter((c) => c.gained !== '') : [];
  return {
    target: params.to, ...(cluster ? { cluster: cluster.name } : {}),
    before: { enforcement: before, ...(cluster ? { networkMode: cluster.networkMode, dataplane: cluster.dataplane } : {}) },
    after: { enforcement: plan.after, ...(plan.afterMode !== undefined ? { networkMode: plan.afterMode } : {}), ...(plan.afterDataplane !== undefined ? { dataplane: plan.afterDataplane } : {}) },
    prerequisites: plan.prerequisites, steps: plan.steps, changes, window: { steps: windowSteps, opened }, diagnostics,
  };
}
