// Workloads (controllers with a pod template), Pods and Nodes.
import type { DocPath } from '../../load/document.js';
import { type Cidr, type Ip, parseCidr, parseIp } from '../../engines/net/index.js';
import type { ContainerPort, K8sNode, WorkloadKind } from '../../model/k8s.js';
import { K8S_CODES } from './codes.js';
import { isPortNumber, readProtocol } from './policy-parts.js';
import type { ObjectReader } from './reader.js';
import { checkLabels } from './selector.js';
import type { OwnerRef, PodRecord, PodTemplate, WorkloadRecord } from './state.js';
import { byKey } from '../../model/compare.js';

/** Where each controller kind keeps its pod template, and where its pod count is. */
const TEMPLATE_PATHS: Readonly<Record<Exclude<WorkloadKind, 'Pod'>, { template: DocPath; count?: DocPath }>> = {
  Deployment: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  ReplicaSet: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  StatefulSet: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  ReplicationController: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  DaemonSet: { template: ['spec', 'template'] },
  Job: { template: ['spec', 'template'], count: ['spec', 'parallelism'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], count: ['spec', 'jobTemplate', 'spec', 'parallelism'] },
};

/**
 * Reads a controller: its pod template (labels, container ports, hostNetwork, service account, nodeName) and pod
 * count (replicas / parallelism, default 1; DaemonSet 1 here, the node count at link).
 */
export function readWorkload(r: ObjectReader, kind: Exclude<WorkloadKind, 'Pod'>, ns: string): WorkloadRecord {
  const paths = TEMPLATE_PATHS[kind];
  let replicas = 1;
  if (paths.count) {
    const n = r.int(paths.count);
    if (n !== undefined) {
      if (n < 0) {
        r.error(K8S_CODES.INVALID_REPLICAS, paths.count, `${paths.count.join('.')} is negative (${n}); read as 0`);
        replicas = 0;
      } else replicas = n;
    }
  }
  const t = paths.template;
  if (r.obj(t) === undefined) {
    r.warning(K8S_CODES.WRONG_TYPE, t.slice(0, -1), `${kind} has no pod template (${t.join('.')}); its pods have no labels or ports`);
  }
  const template = readPodSpec(r, [...t, 'metadata', 'labels'], [...t, 'spec']);
  const owner = readOwner(r);
  return { namespace: ns, name: r.name, kind, replicas, template, ...(owner ? { owner } : {}), origin: r.at([]) };
}

/** Reads a Pod manifest: labels from metadata, spec as a template, and status.podIP / status.hostIP when present. */
export function readPod(r: ObjectReader, ns: string): PodRecord {
  const template = readPodSpec(r, ['metadata', 'labels'], ['spec']);
  const ip = readIp(r, ['status', 'podIP']);
  const hostIp = readIp(r, ['status', 'hostIP']);
  const owner = readOwner(r);
  return {
    namespace: ns, name: r.name, template,
    ...(ip ? { ip } : {}), ...(hostIp ? { hostIp } : {}), ...(owner ? { owner } : {}),
    origin: r.at([]),
  };
}

/**
 * The controlling ownerReference (`controller: true`; with none marked, the only reference). A reference without a
 * `kind` keeps the owner's name with kind '' (netpol-analyzer groups such pods under the owner name, shown as a Pod).
 */
function readOwner(r: ObjectReader): OwnerRef | undefined {
  const refs = r.list(['metadata', 'ownerReferences']);
  if (!refs || refs.length === 0) return undefined;
  const ok = refs.map((_, i) => ({
    kind: r.str(['metadata', 'ownerReferences', i, 'kind']) ?? '',
    name: r.str(['metadata', 'ownerReferences', i, 'name']),
    controller: r.raw(['metadata', 'ownerReferences', i, 'controller']) === true,
  })).filter((x) => x.name);
  const chosen = ok.find((x) => x.controller) ?? (ok.length === 1 ? ok[0] : undefined);
  return chosen && chosen.name ? { kind: chosen.kind, name: chosen.name } : undefined;
}

function readPodSpec(r: ObjectReader, labelsPath: DocPath, spec: DocPath): PodTemplate {
  const labels = r.stringMap(labelsPath);
  checkLabels(r, labelsPath, labels);
  const ports: ContainerPort[] = [];
  const containers = r.list([...spec, 'containers']) ?? [];
  containers.forEach((_, ci) => {
    const cp = [...spec, 'containers', ci];
    if (r.obj(cp) === undefined) return;
    const list = r.list([...cp, 'ports']) ?? [];
    list.forEach((_p, pi) => {
      const pp = [...cp, 'ports', pi];
      if (r.obj(pp) === undefined) return;
      unknownManifestFields(r, pp, CONTAINER_PORT_FIELDS);
      const port = r.int([...pp, 'containerPort']);
      const protocol = readProtocol(r, [...pp, 'protocol']);
      const name = r.str([...pp, 'name']);
      if (port === undefined) {
        if (r.raw([...pp, 'containerPort']) === undefined) {
          r.warning(K8S_CODES.MISSING_FIELD, pp, 'a container port without containerPort; the entry is ignored',
            'the API server rejects such a port entry; add containerPort');
        }
        return;
      }
      if (!isPortNumber(port)) {
        r.error(K8S_CODES.PORT_OUT_OF_RANGE, [...pp, 'containerPort'], `containerPort ${port} is outside 1-65535`);
        return;
      }
      if (protocol === undefined) return;
      ports.push({ ...(name ? { name } : {}), port, protocol });
    });
  });
  const hostNetwork = r.bool([...spec, 'hostNetwork']) ?? false;
  const serviceAccount = r.str([...spec, 'serviceAccountName']) || r.str([...spec, 'serviceAccount']) || 'default';
  const nodeName = r.str([...spec, 'nodeName']);
  return { labels, ports: sortPorts(ports), hostNetwork, serviceAccount, ...(nodeName ? { nodeName } : {}) };
}

/** The fields of a container port entry (core/v1 ContainerPort). */
const CONTAINER_PORT_FIELDS = ['containerPort', 'hostIP', 'hostPort', 'name', 'protocol'] as const;

/**
 * Warns about keys of the object at `path` that are not in `known` (kubectl's default field validation warns and
 * drops them); a key that differs from a known one only in case names it, since field names are case-sensitive.
 */
function unknownManifestFields(r: ObjectReader, path: DocPath, known: readonly string[]): void {
  const o = r.raw(path);
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
  for (const k of Object.keys(o).sort()) {
    if (known.includes(k)) continue;
    const near = known.find((x) => x.toLowerCase() === k.toLowerCase());
    r.warning(K8S_CODES.UNKNOWN_MANIFEST_FIELD, [...path, k],
      near ? `unknown field "${k}" (field names are case-sensitive: did you mean "${near}"?); ignored` : `unknown field "${k}"; ignored`,
      `known fields here: ${known.join(', ')}`);
  }
}

function sortPorts(ports: ContainerPort[]): ContainerPort[] {
  const key = (p: ContainerPort): string => `${p.protocol}/${String(p.port).padStart(5, '0')}/${p.name ?? ''}`;
  const seen = new Set<string>();
  return ports.filter((p) => !seen.has(key(p)) && seen.add(key(p)) !== undefined)
    .sort(byKey(key));
}

/** Parses an IP field at `path`; absent → undefined; invalid → reported, undefined. */
export function readIp(r: ObjectReader, path: DocPath): Ip | undefined {
  const s = r.str(path);
  if (s === undefined || s === '') return undefined;
  const ip = parseIp(s.trim());
  if (!ip) r.error(K8S_CODES.INVALID_IP, path, `"${s}" is not a valid IP address; ignored`);
  return ip;
}

/** Parses a CIDR field at `path`; invalid → reported, undefined. */
export function readCidr(r: ObjectReader, path: DocPath): Cidr | undefined {
  const s = r.str(path);
  if (s === undefined) return undefined;
  const p = parseCidr(s.trim());
  if (!p) {
    r.error(K8S_CODES.INVALID_CIDR, path, `"${s}" is not a valid CIDR; ignored`);
    return undefined;
  }
  return p.cidr;
}

/** Label keys that name a node's pool (AKS sets both; the first present wins). */
export const POOL_LABELS = ['kubernetes.azure.com/agentpool', 'agentpool'] as const;

/** Reads a Node: InternalIP from status.addresses, spec.podCIDRs (or podCIDR), labels, pool from the pool labels. */
export function readNode(r: ObjectReader): K8sNode {
  const labels = r.stringMap(['metadata', 'labels']);
  checkLabels(r, ['metadata', 'labels'], labels);
  let ip: Ip | undefined;
  (r.list(['status', 'addresses']) ?? []).forEach((_, i) => {
    if (ip === undefined && r.raw(['status', 'addresses', i, 'type']) === 'InternalIP') ip = readIp(r, ['status', 'addresses', i, 'address']);
  });
  const podCidrs: Cidr[] = [];
  const list = r.list(['spec', 'podCIDRs']);
  if (list) list.forEach((_, i) => { const c = readCidr(r, ['spec', 'podCIDRs', i]); if (c) podCidrs.push(c); });
  else {
    const c = readCidr(r, ['spec', 'podCIDR']);
    if (c) podCidrs.push(c);
  }
  const pool = POOL_LABELS.map((k) => labels[k]).find((v) => v !== undefined);
  return { name: r.name, labels, ...(ip ? { ip } : {}), podCidrs, ...(pool ? { pool } : {}), origin: r.at([]) };
}
