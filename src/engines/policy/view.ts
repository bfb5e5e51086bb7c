// What the evaluator knows about an endpoint: its kind, the labels selectors see, its ports and addresses.
import { formatIp, ipEquals, type Ip } from '../net/index.js';
import { NAMESPACE_NAME_LABEL, type ContainerPort, type K8sNode, type Labels, type Namespace, type Pod } from '../../model/k8s.js';
import { ENDPOINT_LABEL_KEYS as K } from '../../model/policy.js';
import type { EngineProfile } from './profile.js';
import type { Endpoint } from './types.js';

/**
 * An endpoint as the evaluator sees it.
 * - `kind`: 'pod' (policed, matched by pod/namespace selectors), 'node' (a node or a hostNetwork pod the engine
 *   sees as its node; never policed here), 'external' (outside the cluster).
 * - `self`: the concrete pod, used only to recognise loopback; absent for class representatives and non-pods.
 * - `labels`: pod labels for pods, node labels for nodes, none for external addresses.
 * - `nsLabels`: the pod's namespace labels (always including kubernetes.io/metadata.name); empty otherwise.
 * - `ports`: the pod's declared container ports (named-port resolution); empty otherwise.
 */
export interface View {
  readonly kind: 'pod' | 'node' | 'external';
  readonly self?: Pod;
  readonly namespace?: string;
  readonly nsLabels: Labels;
  readonly labels: Labels;
  /** Pods: `labels` plus the synthesised Calico and Cilium identity labels (ENDPOINT_LABEL_KEYS); else `labels`. */
  readonly endpointLabels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly ip?: Ip;
  readonly nodeName?: string;
  readonly hostIp?: Ip;
  /** How to name the endpoint in explanations: `ns/pod`, `node n1`, or an address. */
  readonly display: string;
  /** The class the view represents (class-level evaluation only). */
  readonly classId?: number;
}

const NO_LABELS: Labels = Object.freeze({});

/** Lookup tables a view needs: namespace labels by name and nodes by name. */
export interface ViewTables {
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly nodes: ReadonlyMap<string, K8sNode>;
}

/** Builds the lookup tables; every namespace gets its kubernetes.io/metadata.name label (synthesised if missing). */
export function viewTables(namespaces: readonly Namespace[], nodes: readonly K8sNode[]): ViewTables {
  const ns = new Map<string, Labels>();
  for (const n of namespaces) ns.set(n.name, { ...n.labels, [NAMESPACE_NAME_LABEL]: n.name });
  return { namespaces: ns, nodes: new Map(nodes.map((n) => [n.name, n])) };
}

/** The labels of namespace `name`; a namespace absent from the model has just its name label. */
export function namespaceLabels(t: ViewTables, name: string): Labels {
  return t.namespaces.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
}

/** Calico's service-account label is set only for names shorter than this (a label value limit). */
const CALICO_SA_LABEL_MAX = 63;

/**
 * The endpoint labels of a pod in namespace `ns` (namespace labels `nsLabels`) running as service account `sa`: its
 * own labels plus the Calico (`projectcalico.org/*`, `pcns.*`, `pcsa.*`) and Cilium (`io.kubernetes.pod.namespace`,
 * `io.cilium.k8s.*`) identity labels. Own labels win on a clash (they cannot clash with the reserved prefixes in a
 * valid cluster).
 */
export function endpointLabels(labels: Labels, ns: string, nsLabels: Labels, sa: string): Labels {
  const out: Record<string, string> = {
    [K.calicoNamespace]: ns, [K.calicoOrchestrator]: 'k8s',
    [`${K.calicoNamespacePrefix}${K.calicoName}`]: ns, [`${K.calicoServiceAccountPrefix}${K.calicoName}`]: sa,
    [K.ciliumNamespace]: ns, [K.ciliumServiceAccount]: sa, [K.ciliumCluster]: 'default',
  };
  if (sa.length < CALICO_SA_LABEL_MAX) out[K.calicoServiceAccount] = sa;
  for (const [k, v] of Object.entries(nsLabels)) {
    out[K.calicoNamespacePrefix + k] = v;
    out[K.ciliumNamespaceLabelPrefix + k] = v;
  }
  return Object.assign(out, labels);
}

/** `pod` as the engine sees it (a hostNetwork pod becomes its node when the profile says so). */
export function podView(t: ViewTables, profile: EngineProfile, pod: Pod, classId?: number, self = true): View {
  const display = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork && profile.hostNetworkPods === 'node') {
    const node = pod.nodeName !== undefined ? t.nodes.get(pod.nodeName) : undefined;
    return {
      kind: 'node', self: self ? pod : undefined, nsLabels: NO_LABELS, labels: node?.labels ?? NO_LABELS,
      endpointLabels: node?.labels ?? NO_LABELS, ports: [],
      ip: pod.hostIp ?? pod.ip ?? node?.ip, nodeName: pod.nodeName, display: `${display} (host network)`, classId,
    };
  }
  const nsLabels = namespaceLabels(t, pod.namespace);
  return {
    kind: 'pod', self: self ? pod : undefined, namespace: pod.namespace, nsLabels,
    labels: pod.labels, endpointLabels: endpointLabels(pod.labels, pod.namespace, nsLabels, pod.serviceAccount),
    ports: pod.ports, ip: pod.ip, nodeName: pod.nodeName, hostIp: pod.hostIp, display, classId,
  };
}

/** Any endpoint as the engine sees it. */
export function endpointView(t: ViewTables, profile: EngineProfile, e: Endpoint): View {
  switch (e.kind) {
    case 'pod':
      return podView(t, profile, e.pod);
    case 'node': {
      const node = t.nodes.get(e.name);
      return {
        kind: 'node', nsLabels: NO_LABELS, labels: node?.labels ?? NO_LABELS, endpointLabels: node?.labels ?? NO_LABELS,
        ports: [], ip: e.ip ?? node?.ip,
        nodeName: e.name, display: `node ${e.name}`,
      };
    }
    case 'external':
      return { kind: 'external', nsLabels: NO_LABELS, labels: NO_LABELS, endpointLabels: NO_LABELS, ports: [], ip: e.ip, display: formatIp(e.ip) };
    default: {
      const never: never = e;
      throw new RangeError(`unknown endpoint ${JSON.stringify(never)}`);
    }
  }
}


/** True when `remote` is the node `subject` runs on (by node name, or by the pod's hostIP). */
export function isOwnNode(subject: View, remote: View): boolean {
  if (remote.kind !== 'node') return false;
  if (remote.nodeName !== undefined && remote.nodeName === subject.nodeName) return true;
  return remote.ip !== undefined && subject.hostIp !== undefined && ipEquals(remote.ip, subject.hostIp);
}
