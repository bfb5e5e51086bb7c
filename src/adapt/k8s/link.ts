// After every document is read: assemble workloads and pods, synthesise missing namespaces, check cross-object
// rules of admin policies (duplicate priorities).
import { NAMESPACE_NAME_LABEL, WORKLOAD_KINDS, type Pod, type Workload, type WorkloadKind } from '../../model/k8s.js';
import type { ModelBuilder } from '../../model/model.js';
import { type Origin, formatOrigin } from '../../model/origin.js';
import type { NormalizedPolicy } from '../../model/policy.js';
import type { AdaptContext } from '../context.js';
import { K8S_CODES } from './codes.js';
import { type K8sState, type PodRecord, type WorkloadRecord, k8sState } from './state.js';
import { compareText } from '../../model/compare.js';

/**
 * Links the Kubernetes side of the model:
 * 1. workloads and pods (see assemblePods);
 * 2. namespaces referenced by any workload, pod, service, endpoint slice, ingress or namespaced policy and not in the
 *    input are synthesised (`synthesized: true`, origin = the first referencing object in file order); every namespace
 *    carries the `kubernetes.io/metadata.name` label;
 * 3. two AdminNetworkPolicies (or two ClusterNetworkPolicies of one tier) with the same priority are an error naming
 *    both (their relative order is undefined upstream).
 */
export function linkKubernetes(ctx: AdaptContext): void {
  const state = k8sState(ctx.builder);
  assemblePods(ctx, state);
  synthesizeNamespaces(ctx.builder);
  checkPriorities(ctx);
}

/** One pod-producing unit: the key of a workload (`ns/Kind/name`). */
function key(ns: string, kind: string, name: string): string {
  return `${ns}/${kind}/${name}`;
}

function isWorkloadKind(k: string): k is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(k);
}

/**
 * Assembles workloads and pods:
 * - A controller owned by another controller read from the input (a ReplicaSet of a Deployment, a Job of a CronJob)
 *   is not a workload of its own: it is recorded as ignored, its pods belong to the top owner.
 * - Pod manifests with a controlling ownerReference are grouped under the top owner (following ReplicaSet → Deployment
 *   when the ReplicaSet is in the input); the workload kind/name come from that owner. An owner that is not in the
 *   input becomes a workload built from its first pod (replicas = its pod count). Pods owned by something that is
 *   not a workload kind (a Node for static pods, a custom resource) are bare pods. Pods whose controlling reference
 *   has no kind are grouped under the owner's name with kind Pod.
 * - A workload with real pods in the input keeps those (they are the observed state); otherwise it is expanded into
 *   `replicas` pods named `<name>-<i>` (i = 0..replicas-1, the StatefulSet scheme, used for every controller so
 *   names are stable and predictable). A DaemonSet gets one pod per Node object in the input, named
 *   `<name>-<node name>` with nodeName set, or one pod (`<name>-0`, noted) when there are no Node objects. A generated
 *   name that is already taken in the namespace gets `-<kind in lower case>` appended.
 */
function assemblePods(ctx: AdaptContext, state: K8sState): void {
  const builder = ctx.builder;
  const records = new Map<string, WorkloadRecord>();
  for (const w of state.workloads) records.set(key(w.namespace, w.kind, w.name), w);

  /** The top-most owner in the input, starting from (kind, name) in ns. */
  const top = (ns: string, kind: string, name: string): { kind: string; name: string } => {
    let cur = { kind, name };
    for (let depth = 0; depth < 8; depth++) {
      const rec = records.get(key(ns, cur.kind, cur.name));
      if (!rec?.owner || !records.has(key(ns, rec.owner.kind, rec.owner.name))) return cur;
      cur = rec.owner;
    }
    return cur;
  };

  // Real pods grouped by their workload.
  const realByWorkload = new Map<string, PodRecord[]>();
  const podWorkload = new Map<PodRecord, { kind: WorkloadKind; name: string }>();
  for (const p of state.pods) {
    let wl: { kind: WorkloadKind; name: string } = { kind: 'Pod', name: p.name };
    // An owner reference without a kind: grouped under the owner's name as a Pod (what netpol-analyzer prints).
    if (p.owner && p.owner.kind === '') wl = { kind: 'Pod', name: p.owner.name };
    else if (p.owner && isWorkloadKind(p.owner.kind) && p.owner.kind !== 'Pod') {
      const t = top(p.namespace, p.owner.kind, p.owner.name);
      if (isWorkloadKind(t.kind)) wl = { kind: t.kind, name: t.name };
    }
    podWorkload.set(p, wl);
    const k = key(p.namespace, wl.kind, wl.name);
    const list = realByWorkload.get(k) ?? [];
    list.push(p);
    realByWorkload.set(k, list);
  }

  const usedNames = new Set<string>(state.pods.map((p) => `${p.namespace}/${p.name}`));
  for (const p of builder.pods) usedNames.add(`${p.namespace}/${p.name}`);

  // Real pods first, so generated names avoid them.
  for (const p of state.pods) {
    const wl = podWorkload.get(p) ?? { kind: 'Pod' as const, name: p.name };
    builder.pods.push(toPod(p, wl));
  }

  const nodeNames = builder.nodes.map((n) => n.name).sort();
  for (const w of state.workloads) {
    const t = top(w.namespace, w.kind, w.name);
    if (t.kind !== w.kind || t.name !== w.name) {
      builder.ignored.push({
        kind: w.kind, name: `${w.namespace}/${w.name}`, origin: w.origin,
        reason: `owned by ${t.kind} ${w.namespace}/${t.name}; its pods are counted once, under that owner`,
      });
      continue;
    }
    const k = key(w.namespace, w.kind, w.name);
    const real = realByWorkload.get(k);
    let replicas = w.replicas;
    if (real) {
      realByWorkload.delete(k);
      replicas = real.length;
    } else if (w.kind === 'DaemonSet') {
      if (nodeNames.length > 0) {
        replicas = nodeNames.length;
        for (const node of nodeNames) {
          builder.pods.push(generated(w, uniqueName(usedNames, w, `${w.name}-${node}`), node));
        }
      } else {
        ctx.diagnostics.report({
          code: K8S_CODES.NOTE, severity: 'info', origin: w.origin, resource: `DaemonSet/${w.name}`,
          message: `DaemonSet ${w.namespace}/${w.name}: no Node objects in the input; expanded to one pod`,
          hint: 'add the cluster\'s Node objects (kubectl get nodes -o yaml) for one pod per node',
        });
        replicas = 1;
        builder.pods.push(generated(w, uniqueName(usedNames, w, `${w.name}-0`), undefined));
      }
    } else {
      for (let i = 0; i < w.replicas; i++) builder.pods.push(generated(w, uniqueName(usedNames, w, `${w.name}-${i}`), undefined));
    }
    builder.workloads.push({
      namespace: w.namespace, name: w.name, kind: w.kind, replicas,
      podLabels: w.template.labels, ports: w.template.ports, hostNetwork: w.template.hostNetwork,
      serviceAccount: w.template.serviceAccount, origin: w.origin,
    });
  }

  // Owners that were not in the input (and bare pods): a workload built from the first pod.
  for (const [, pods] of [...realByWorkload.entries()].sort(([a], [b]) => compareText(a, b))) {
    const first = pods[0];
    if (!first) continue;
    const wl = podWorkload.get(first) ?? { kind: 'Pod' as const, name: first.name };
    const w: Workload = {
      namespace: first.namespace, name: wl.name, kind: wl.kind, replicas: pods.length,
      podLabels: first.template.labels, ports: first.template.ports, hostNetwork: first.template.hostNetwork,
      serviceAccount: first.template.serviceAccount, origin: first.origin,
    };
    builder.workloads.push(w);
  }
}

function uniqueName(used: Set<string>, w: WorkloadRecord, wanted: string): string {
  let name = wanted;
  if (used.has(`${w.namespace}/${name}`)) name = `${wanted}-${w.kind.toLowerCase()}`;
  for (let i = 2; used.has(`${w.namespace}/${name}`); i++) name = `${wanted}-${w.kind.toLowerCase()}-${i}`;
  used.add(`${w.namespace}/${name}`);
  return name;
}

function generated(w: WorkloadRecord, name: string, nodeName: string | undefined): Pod {
  const node = nodeName ?? w.template.nodeName;
  return {
    namespace: w.namespace, name, labels: w.template.labels, ports: w.template.ports,
    hostNetwork: w.template.hostNetwork, serviceAccount: w.template.serviceAccount,
    ...(node ? { nodeName: node } : {}),
    workload: { kind: w.kind, name: w.name }, origin: w.origin,
  };
}

function toPod(p: PodRecord, wl: { kind: WorkloadKind; name: string }): Pod {
  return {
    namespace: p.namespace, name: p.name, labels: p.template.labels, ports: p.template.ports,
    ...(p.ip ? { ip: p.ip } : {}), ...(p.hostIp ? { hostIp: p.hostIp } : {}),
    hostNetwork: p.template.hostNetwork,
    ...(p.template.nodeName ? { nodeName: p.template.nodeName } : {}),
    serviceAccount: p.template.serviceAccount, workload: wl, origin: p.origin,
  };
}

function compareOrigin(a: Origin, b: Origin): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

/** Creates the namespaces that objects live in but the input does not define; labels every namespace with its name. */
function synthesizeNamespaces(builder: ModelBuilder): void {
  const refs: { ns: string; origin: Origin }[] = [];
  for (const x of [...builder.workloads, ...builder.pods, ...builder.services, ...builder.endpointSlices, ...builder.ingresses]) {
    refs.push({ ns: x.namespace, origin: x.origin });
  }
  for (const p of builder.policies) if (p.namespace !== undefined) refs.push({ ns: p.namespace, origin: p.origin });
  refs.sort((a, b) => compareOrigin(a.origin, b.origin));
  for (const { ns, origin } of refs) {
    if (!builder.namespaces.has(ns)) {
      builder.namespaces.set(ns, { name: ns, labels: { [NAMESPACE_NAME_LABEL]: ns }, synthesized: true, origin });
    }
  }
  for (const [name, n] of builder.namespaces) {
    if (n.labels[NAMESPACE_NAME_LABEL] !== name) builder.namespaces.set(name, { ...n, labels: { ...n.labels, [NAMESPACE_NAME_LABEL]: name } });
  }
}

/** Reports admin policies sharing a priority within one tier (each later one names the first). */
function checkPriorities(ctx: AdaptContext): void {
  const groups = new Map<string, NormalizedPolicy[]>();
  for (const p of ctx.builder.policies) {
    if (p.priority === undefined) continue;
    let tier: string;
    switch (p.source) {
      case 'admin-network-policy': tier = 'AdminNetworkPolicy'; break;
      case 'cluster-network-policy-admin': tier = 'ClusterNetworkPolicy tier Admin'; break;
      case 'cluster-network-policy-baseline': tier = 'ClusterNetworkPolicy tier Baseline'; break;
      // Priorities of these kinds are not unique per tier (order/ties are defined by their own semantics).
      case 'k8s-networkpolicy':
      case 'baseline-admin-network-policy':
      case 'calico-networkpolicy':
      case 'calico-globalnetworkpolicy':
      case 'cilium-networkpolicy':
      case 'cilium-clusterwide-networkpolicy':
        continue;
      default: {
        const never: never = p.source;
        void never;
        continue;
      }
    }
    const k = `${tier}\u0000${p.priority}`;
    const list = groups.get(k) ?? [];
    list.push(p);
    groups.set(k, list);
  }
  for (const [k, list] of groups) {
    if (list.length < 2) continue;
    const tier = k.split('\u0000')[0];
    const sorted = [...list].sort((a, b) => compareOrigin(a.origin, b.origin));
    const first = sorted[0] as NormalizedPolicy;
    for (const p of sorted.slice(1)) {
      ctx.diagnostics.report({
        code: K8S_CODES.DUPLICATE_PRIORITY, severity: 'error', origin: p.origin, resource: p.id,
        message: `${tier} ${p.name} has the same priority ${p.priority} as ${first.name} (${formatOrigin(first.origin)}); their order is undefined`,
        hint: 'give every policy of a tier its own priority',
      });
    }
  }
}
