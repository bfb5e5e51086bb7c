// `aksnet matrix`: allowed connection sets between pods, workloads or namespaces (and external ranges and the
// ingress controller), computed per pod class with the policy engine and expanded to peers, never pod × pod ×
// policy.
import { ConnSet, makeIp, type Ip } from '../../engines/net/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Pod, WorkloadKind } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { MatrixEngine, MatrixEndpoint } from './engine.js';
import { ingressExposure, isIngressControllerPod } from './ingress.js';
import { labelsGapErrors } from './labels-gap.js';
import { resolveProbes } from './probes.js';
import { cidrBoundaries, directionalRanges, type ExternalRange } from './external.js';
import type { MatrixAnswer, MatrixEntry, MatrixParams, MatrixPeer } from './types.js';

export type * from './types.js';
export type { MatrixEngine, MatrixEndpoint } from './engine.js';
export { resolveProbes, compareProbes } from './probes.js';
export { labelsGapErrors, LABELS_GAP_CODE } from './labels-gap.js';
export { MATRIX_CODES, type MatrixCode } from './codes.js';
export { cidrBoundaries, directionalRanges, type ExternalRange } from './external.js';
export {
  INGRESS_CONTROLLER_NAMESPACE, INGRESS_CONTROLLER_POD, isIngressControllerPod, withIngressController, ingressExposure,
} from './ingress.js';
import { compareText } from '../../model/compare.js';
import { MATRIX_CODES } from './codes.js';

/** A group of pods shown as one row/column, with the distinct pod classes it contains. */
interface Group {
  readonly peer: MatrixPeer;
  readonly pods: readonly Pod[];
  readonly classes: readonly number[];
}


function groupPods(pods: readonly Pod[], by: MatrixParams['by'], engine: MatrixEngine): Group[] {
  const groups = new Map<string, { peer: MatrixPeer; pods: Pod[] }>();
  for (const pod of pods) {
    let key: string;
    let peer: MatrixPeer;
    switch (by) {
      case 'pod':
        key = `${pod.namespace}/${pod.name}`;
        peer = { kind: 'pod', namespace: pod.namespace, name: pod.name };
        break;
      case 'workload':
        key = `${pod.namespace}/${pod.workload.name}[${pod.workload.kind}]`;
        peer = { kind: 'workload', namespace: pod.namespace, name: pod.workload.name, workloadKind: pod.workload.kind as WorkloadKind };
        break;
      case 'namespace':
        key = pod.namespace;
        peer = { kind: 'namespace', name: pod.namespace };
        break;
      default: {
        const never: never = by;
        throw new Error(`unknown granularity ${String(never)}`);
      }
    }
    const g = groups.get(key) ?? { peer, pods: [] };
    g.pods.push(pod);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, g]) => ({ peer: g.peer, pods: g.pods, classes: [...new Set(g.pods.map((p) => engine.classOf(p)))].sort((a, b) => a - b) }));
}

/**
 * The connection matrix. `pods` are the pods with their derived addresses (default `model.pods`); the synthetic
 * ingress-controller pod (see `withIngressController`) is not a peer but the source of `{ingress-controller}`
 * entries.
 *
 * Semantics of a group → group entry: the union over their pod classes (some pod of the source group may open the
 * connection to some pod of the destination group); for netpol-analyzer inputs a workload's pods share one class, so
 * this is the workload's connectivity. A peer's entry to itself is never listed (netpol-analyzer omits
 * workload → itself). External ranges are the engine's `externalAtoms()`; entries pair each with every group, both
 * ways. With `by: 'workload'`, a workload whose pods some policy selector tells apart is an error diagnostic
 * (AKS3607, see labelsGapErrors): its row is the union over its pods and not exact.
 */
export function matrix(model: Model, engine: MatrixEngine, params: MatrixParams, pods: readonly Pod[] = model.pods): MatrixAnswer {
  const diagnostics: Diagnostic[] = [];
  const icPod = pods.find(isIngressControllerPod);
  const realPods = pods.filter((p) => !isIngressControllerPod(p));
  // A workload whose pods a policy tells apart cannot be one row (netpol-analyzer's labels-gap error).
  if (params.by === 'workload') diagnostics.push(...labelsGapErrors(model, realPods));
  const groups = groupPods(realPods, params.by, engine);
  const entries: MatrixEntry[] = [];
  const peers: MatrixPeer[] = groups.map((g) => g.peer);

  const classCache = new Map<string, ConnSet>();
  const between = (a: number, b: number): ConnSet => {
    const k = `${a},${b}`;
    let c = classCache.get(k);
    if (!c) {
      c = engine.classConnections(a, b);
      classCache.set(k, c);
    }
    return c;
  };
  // Group pairs from class rows: the engine lists only the classes a source class has some connection to, so the
  // work follows the connected pairs, not groups² × classes².
  const groupsOfClass = new Map<number, number[]>();
  groups.forEach((g, gi) => {
    for (const c of g.classes) {
      const list = groupsOfClass.get(c);
      if (list) list.push(gi);
      else groupsOfClass.set(c, [gi]);
    }
  });
  const rows = new Map<number, ReturnType<MatrixEngine['classRow']>>();
  groups.forEach((src, si) => {
    const acc = new Map<number, ConnSet>();
    for (const a of src.classes) {
      if (a < 0) continue; // a pod the engine does not know has no connections
      let row = rows.get(a);
      if (!row) {
        row = engine.classRow(a);
        rows.set(a, row);
      }
      for (let k = 0; k < row.targets.length; k++) {
        for (const di of groupsOfClass.get(row.targets[k]!) ?? []) {
          if (di === si) continue;
          const prev = acc.get(di);
          acc.set(di, prev ? prev.union(row.conns[k]!) : row.conns[k]!);
        }
      }
    }
    groups.forEach((dst, di) => {
      if (di !== si) entries.push({ from: src.peer, to: dst.peer, conns: acc.get(di) ?? ConnSet.none() });
    });
  });

  // External ranges: one representative pod per class, one representative address per atom; ranges per direction.
  const withExternal = params.external ?? params.by === 'workload';
  if (withExternal) {
    const families = params.externalFamilies;
    const atoms = engine.externalAtoms().filter((a) => !families || families.includes(a.family));
    const reps: [number, Pod][] = [];
    const seen = new Set<number>();
    for (const g of groups) {
      for (const p of g.pods) {
        const c = engine.classOf(p);
        if (!seen.has(c)) {
          seen.add(c);
          reps.push([c, p]);
        }
      }
    }
    const inbound: ConnSet[][] = [];
    const outbound: ConnSet[][] = [];
    for (const atom of atoms) {
      const ip: Ip | undefined = makeIp(atom.family, atom.lo);
      const ext: MatrixEndpoint | undefined = ip ? { kind: 'external', ip } : undefined;
      inbound.push(reps.map(([, rep]) => (ext ? engine.connections(ext, { kind: 'pod', pod: rep }) : ConnSet.none())));
      outbound.push(reps.map(([, rep]) => (ext ? engine.connections({ kind: 'pod', pod: rep }, ext) : ConnSet.none())));
    }
    const classIndex = new Map(reps.map(([c], i) => [c, i]));
    const groupConns = (g: Group, perClass: readonly ConnSet[]): ConnSet => {
      let out = ConnSet.none();
      for (const c of g.classes) out = out.union(perClass[classIndex.get(c) ?? -1] ?? ConnSet.none());
      return out;
    };
    const peerOf = (r: ExternalRange): MatrixPeer => ({ kind: 'external', family: r.family, lo: r.lo, hi: r.hi });
    const seenPeers = new Set<string>();
    const addPeer = (r: ExternalRange): MatrixPeer => {
      const p = peerOf(r);
      const k = `${r.family}:${r.lo}-${r.hi}`;
      if (!seenPeers.has(k)) {
        seenPeers.add(k);
        peers.push(p);
      }
      return p;
    };
    for (const { range, atom } of directionalRanges(atoms, cidrBoundaries(model.policies, 'ingress'), (i) => inbound[i]!)) {
      const peer = addPeer(range);
      for (const g of groups) entries.push({ from: peer, to: g.peer, conns: groupConns(g, inbound[atom]!) });
    }
    for (const { range, atom } of directionalRanges(atoms, cidrBoundaries(model.policies, 'egress'), (i) => outbound[i]!)) {
      const peer = addPeer(range);
      for (const g of groups) entries.push({ from: g.peer, to: peer, conns: groupConns(g, outbound[atom]!) });
    }
  }

  // {ingress-controller}: what Ingresses expose ∩ what policies allow from the synthetic controller pod.
  const withIngress = params.ingressController ?? params.by === 'workload';
  if (withIngress && model.ingresses.length > 0) {
    const exposure = ingressExposure(model, realPods, diagnostics);
    const peer: MatrixPeer = { kind: 'ingress-controller' };
    peers.push(peer);
    const icClass = icPod ? engine.classOf(icPod) : undefined;
    if (icClass === undefined) {
      diagnostics.push({
        code: MATRIX_CODES.INGRESS_CONTROLLER_NOT_IN_ENGINE, severity: 'info',
        message: 'Ingress connections assume no policy restricts them: the policy engine was built without the ingress-controller pod',
        hint: 'build the engine from withIngressController(model, pods)',
      });
    }
    for (const g of groups) {
      let exposed = ConnSet.none();
      for (const p of g.pods) exposed = exposed.union(exposure.get(`${p.namespace}/${p.name}`) ?? ConnSet.none());
      if (exposed.isEmpty()) {
        entries.push({ from: peer, to: g.peer, conns: exposed });
        continue;
      }
      let allowed = ConnSet.none();
      if (icClass === undefined) allowed = ConnSet.all();
      else for (const c of g.classes) allowed = allowed.union(between(icClass, c));
      const conns = exposed.intersect(allowed);
      if (conns.isEmpty()) {
        diagnostics.push({
          code: MATRIX_CODES.INGRESS_BLOCKED_BY_POLICY, severity: 'warning', origin: g.pods[0]?.origin,
          message: `an Ingress routes to ${describe(g.peer)}, but network policies block ingress connections from an arbitrary in-cluster source, so it is not listed`,
          hint: 'allow ingress from the ingress controller namespace on the backend ports',
        });
      }
      entries.push({ from: peer, to: g.peer, conns });
    }
  }

  return { by: params.by, engine: engine.profile.name, peers, entries, diagnostics, probes: resolveProbes(realPods, params.ports, params.protocols) };
}

function describe(p: MatrixPeer): string {
  switch (p.kind) {
    case 'pod':
      return `pod ${p.namespace}/${p.name}`;
    case 'workload':
      return `${p.workloadKind} ${p.namespace}/${p.name}`;
    case 'namespace':
      return `namespace ${p.name}`;
    case 'external':
      return 'an external range';
    case 'ingress-controller':
      return 'the ingress controller';
    default: {
      const never: never = p;
      throw new Error(`unknown peer ${String(never)}`);
    }
  }
}
