// adapt/k8s: Kubernetes manifests (YAML or JSON, one object, a `List`/`*List`, or a JSON array of objects) → model.
// Namespaces, Nodes, Services, EndpointSlices, Ingresses and policies go to the builder at once; workloads and pods
// are collected and assembled by linkKubernetes (see link.ts), when owners, real pods and nodes are all known.
import { type DocPath, type SourceDocument, getAt, originAt } from '../../load/document.js';
import { NAMESPACE_NAME_LABEL, WORKLOAD_KINDS, type WorkloadKind } from '../../model/k8s.js';
import { formatOrigin } from '../../model/origin.js';
import type { AdaptContext } from '../context.js';
import { type ClusterPolicyKind, readClusterPolicy } from './anp.js';
import { K8S_CODES } from './codes.js';
import { readNetworkPolicy } from './netpol.js';
import { ObjectReader, describe, isObj } from './reader.js';
import { checkLabels } from './selector.js';
import { readEndpointSlice, readIngress, readRoute, readService } from './services.js';
import { k8sState } from './state.js';
import { readNode, readPod, readWorkload } from './workloads.js';

export { linkKubernetes } from './link.js';

/** Namespace of namespaced objects that do not name one (what `kubectl apply` without `-n` does). */
export const DEFAULT_NAMESPACE = 'default';

/** API groups whose workload kinds are the built-in controllers ('' = core). */
const WORKLOAD_GROUPS = ['', 'apps', 'extensions', 'batch'];
/** API groups of the built-in NetworkPolicy. */
const NETPOL_GROUPS = ['networking.k8s.io', 'extensions'];
/** API group of AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy. */
const NPAPI_GROUP = 'policy.networking.k8s.io';

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Reads one Kubernetes document into `ctx.builder`. Lists are unwrapped (`items`); every object is validated, problems
 * are diagnostics at the offending field, and objects that are not modelled are recorded in `builder.ignored`.
 * Duplicates (same kind, namespace and name): the first object wins; the later one is an error (two objects cannot
 * share an identity in a cluster, and which one `kubectl apply` keeps depends on file order) and is ignored.
 */
export function adaptKubernetes(doc: SourceDocument, ctx: AdaptContext): void {
  const v = doc.value;
  if (Array.isArray(v)) {
    v.forEach((_, i) => readItem(doc, ctx, [i]));
    return;
  }
  readItem(doc, ctx, []);
}

/**
 * Reads the object at `path`. Items of a typed list (`kind: PodList`, as the API returns them) may omit kind and
 * apiVersion: they take `inherit` (the list's kind without `List`, and its apiVersion).
 */
function readItem(doc: SourceDocument, ctx: AdaptContext, path: DocPath, inherit?: { kind: string; apiVersion: string }): void {
  const raw = getAt(doc.value, path);
  const v = isObj(raw) && inherit
    ? { ...raw, kind: raw.kind ?? inherit.kind, apiVersion: raw.apiVersion ?? inherit.apiVersion }
    : raw;
  if (isObj(v) && (typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') && (isObj(v.metadata) || Array.isArray(v.items))) {
    missingKind(doc, ctx, path, v);
    return;
  }
  if (!isObj(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') {
    if (v === null || v === undefined) return;
    ctx.diagnostics.error(K8S_CODES.NOT_AN_OBJECT,
      `not a Kubernetes object (needs apiVersion and kind), found ${isObj(v) ? 'an object without them' : describe(v)}; skipped`,
      originAt(doc, path), 'check that the file holds Kubernetes manifests');
    return;
  }
  const kind = v.kind;
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(v.items))) {
    const items = v.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      ctx.diagnostics.error(K8S_CODES.WRONG_TYPE, `${kind}.items must be a list, found ${describe(items)}`, originAt(doc, [...path, 'items']));
      return;
    }
    const typed = kind !== 'List' ? { kind: kind.slice(0, -'List'.length), apiVersion: v.apiVersion } : undefined;
    items.forEach((_, i) => readItem(doc, ctx, [...path, 'items', i], typed));
    return;
  }
  readObject(doc, ctx, path, kind, v.apiVersion);
}

/**
 * A document or item that looks like a Kubernetes object (metadata or items) but lacks a string kind or apiVersion:
 * an error at the object naming a near-miss key (`kindt`, `Kind`), since the API server rejects it.
 */
function missingKind(doc: SourceDocument, ctx: AdaptContext, path: DocPath, v: Readonly<Record<string, unknown>>): void {
  const field = typeof v.kind !== 'string' ? 'kind' : 'apiVersion';
  const near = Object.keys(v).find((k) => k !== field && (k.toLowerCase() === field.toLowerCase() || k.toLowerCase().startsWith(field.toLowerCase())));
  const found = v[field] === undefined ? 'none' : describe(v[field]);
  ctx.diagnostics.report({
    code: K8S_CODES.MISSING_KIND, severity: 'error',
    message: `not a valid Kubernetes object: ${field} must be a string, found ${found}${near ? ` (there is a key "${near}")` : ''}; the object${Array.isArray(v.items) ? ' and its items are' : ' is'} skipped`,
    origin: originAt(doc, near ? [...path, near] : path), hint: `every object needs apiVersion and kind${near ? `; did you mean "${field}" for "${near}"?` : ''}`,
  });
}

/**
 * Kinds of the built-in API groups (core '' and the groups aksnet reads); any other kind in these groups does not
 * exist, so the API server would reject the object. Custom groups may hold anything and are only listed as ignored.
 */
const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'List', 'Namespace', 'Node',
    'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota',
    'Secret', 'Service', 'ServiceAccount',
  ],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['CronJob', 'Job'],
  'networking.k8s.io': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'discovery.k8s.io': ['EndpointSlice'],
  'policy.networking.k8s.io': ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'],
};

function readObject(doc: SourceDocument, ctx: AdaptContext, path: DocPath, kind: string, apiVersion: string): void {
  const known = BUILTIN_KINDS[groupOf(apiVersion)];
  if (known && !known.includes(kind) && !(kind.endsWith('List') && known.includes(kind.slice(0, -'List'.length)))) {
    const near = known.find((k) => kind.toLowerCase().startsWith(k.toLowerCase()) || k.toLowerCase() === kind.toLowerCase());
    ctx.diagnostics.report({
      code: K8S_CODES.UNKNOWN_KIND, severity: 'error',
      message: `${apiVersion} has no kind ${kind}; the object is skipped`,
      origin: originAt(doc, [...path, 'kind'], kind), hint: near ? `did you mean ${near}?` : `kinds of ${apiVersion}: ${known.join(', ')}`,
    });
    return;
  }
  const rawName = getAt(doc.value, [...path, 'metadata', 'name']);
  const group = groupOf(apiVersion);
  if (typeof rawName !== 'string' || rawName === '') {
    ctx.diagnostics.report({
      code: K8S_CODES.MISSING_NAME, severity: 'error', message: `${kind} without metadata.name; skipped`,
      origin: originAt(doc, [...path, 'metadata'], kind), hint: 'every object needs metadata.name',
    });
    return;
  }
  const r = new ObjectReader(doc, ctx, path, kind, rawName);
  const builder = ctx.builder;
  const state = k8sState(builder);
  const nsRaw = r.str(['metadata', 'namespace']);
  const ns = nsRaw && nsRaw !== '' ? nsRaw : DEFAULT_NAMESPACE;

  const ignore = (reason: string): void => {
    builder.ignored.push({ kind: `${kind} (${apiVersion})`, name: rawName, reason, origin: r.at([]) });
  };
  /** Registers the identity; false (reported, ignored) for a duplicate. */
  const claim = (scope: string): boolean => {
    const key = `${group}/${kind}/${scope}/${rawName}`;
    const first = state.seen.get(key);
    if (first) {
      r.error(K8S_CODES.DUPLICATE_OBJECT, ['metadata', 'name'],
        `duplicate ${kind} ${scope ? scope + '/' : ''}${rawName} (first defined at ${formatOrigin(first)}); this one is ignored`,
        'remove one of the two definitions or rename one');
      ignore(`duplicate of the ${kind} at ${formatOrigin(first)}`);
      return false;
    }
    state.seen.set(key, r.at([]));
    return true;
  };

  if ((WORKLOAD_KINDS as readonly string[]).includes(kind) && WORKLOAD_GROUPS.includes(group)) {
    if (!claim(ns)) return;
    const wk = kind as WorkloadKind;
    if (wk === 'Pod') state.pods.push(readPod(r, ns));
    else state.workloads.push(readWorkload(r, wk, ns));
    return;
  }
  switch (kind) {
    case 'Namespace':
      if (group !== '') break;
      if (!claim('')) return;
      {
        const labels = r.stringMap(['metadata', 'labels']);
        checkLabels(r, ['metadata', 'labels'], labels);
        builder.namespaces.set(rawName, { name: rawName, labels: { ...labels, [NAMESPACE_NAME_LABEL]: rawName }, synthesized: false, origin: r.at([]) });
      }
      return;
    case 'Node':
      if (group !== '') break;
      if (!claim('')) return;
      builder.nodes.push(readNode(r));
      return;
    case 'Service':
      if (group !== '') break;
      if (!claim(ns)) return;
      builder.services.push(readService(r, ns));
      return;
    case 'EndpointSlice':
      if (group !== 'discovery.k8s.io') break;
      if (!claim(ns)) return;
      builder.endpointSlices.push(readEndpointSlice(r, ns));
      return;
    case 'Ingress':
      if (group !== 'networking.k8s.io' || apiVersion !== 'networking.k8s.io/v1') break;
      if (!claim(ns)) return;
      builder.ingresses.push(readIngress(r, ns));
      return;
    case 'Route':
      if (group !== 'route.openshift.io') break;
      if (!claim(ns)) return;
      builder.ingresses.push(readRoute(r, ns));
      return;
    case 'NetworkPolicy': {
      if (!NETPOL_GROUPS.includes(group)) break;
      if (!claim(ns)) return;
      const p = readNetworkPolicy(r, ns);
      if (p) builder.policies.push(p);
      else ignore('the NetworkPolicy could not be read (see the diagnostics)');
      return;
    }
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
    case 'ClusterNetworkPolicy': {
      if (group !== NPAPI_GROUP) break;
      if (!claim('')) return;
      if (kind === 'BaselineAdminNetworkPolicy') {
        if (rawName !== 'default') {
          r.error(K8S_CODES.INVALID_BANP, ['metadata', 'name'], `a BaselineAdminNetworkPolicy must be named "default", not "${rawName}"`,
            'the API server accepts only the singleton named default; it is analysed anyway');
        }
        const first = state.banps[0];
        if (first) {
          r.error(K8S_CODES.INVALID_BANP, ['metadata', 'name'],
            `more than one BaselineAdminNetworkPolicy: ${first.name} (${formatOrigin(first.origin)}) and ${rawName}; this one is ignored`,
            'a cluster has at most one BaselineAdminNetworkPolicy (named default); merge their rules');
          ignore(`a second BaselineAdminNetworkPolicy (the first is ${first.name} at ${formatOrigin(first.origin)})`);
          return;
        }
        state.banps.push({ name: rawName, origin: r.at([]) });
      }
      const p = readClusterPolicy(r, kind as ClusterPolicyKind);
      if (p) builder.policies.push(p);
      else ignore(`the ${kind} could not be read (see the diagnostics)`);
      return;
    }
    default:
      break;
  }
  if (group.endsWith('projectcalico.org') || group.endsWith('cilium.io')) {
    ctx.diagnostics.report({
      code: K8S_CODES.UNMODELLED_POLICY_CRD, severity: 'info',
      message: `${kind} ${rawName} (${apiVersion}) is not read by the Kubernetes adapter; it is listed as ignored`,
      origin: r.at([]), resource: `${kind}/${rawName}`, hint: 'Calico and Cilium objects are read by their own adapters',
    });
    ignore(`${group.endsWith('cilium.io') ? 'Cilium' : 'Calico'} object: not read by the Kubernetes adapter`);
    return;
  }
  ignore(`kind ${kind} of ${apiVersion} is not modelled`);
}
