// The Kubernetes half of the model: namespaces, workloads expanded to pods, nodes, services, ingresses.
import type { Cidr, Ip, L4Protocol } from '../engines/net/index.js';
import type { Origin } from './origin.js';

/** Label key → value. Keys and values compare exactly (case-sensitive). */
export type Labels = Readonly<Record<string, string>>;

/** The label every namespace carries with its own name (set by the API server; synthesised offline). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespace. `synthesized`: not in the input, created because something lives in it. */
export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
  readonly synthesized: boolean;
  readonly origin: Origin;
}

/** A declared container port; `name` absent = unnamed. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: L4Protocol;
}

/** The kinds that own pods (a bare `Pod` owns itself): what a workload row of a matrix is named by. */
export type WorkloadKind =
  | 'Pod' | 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'ReplicationController';
/** Every workload kind. */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
];

/**
 * A workload: a controller with a pod template, or a bare Pod (kind Pod, replicas 1). Pods of an owned Pod manifest
 * (ownerReferences to a controller) are grouped under that owner.
 */
export interface Workload {
  readonly namespace: string;
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly replicas: number;
  /** Labels of the pod template (what selectors see). */
  readonly podLabels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly serviceAccount: string;
  readonly origin: Origin;
}

/** A pod. `ip` absent until IPAM assigns one; `hostNetwork` pods use the node's IP. */
export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly ip?: Ip;
  readonly hostIp?: Ip;
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
  readonly serviceAccount: string;
  /** The workload the pod belongs to (itself, kind Pod, for a bare pod). */
  readonly workload: { readonly kind: WorkloadKind; readonly name: string };
  readonly origin: Origin;
}

/** A Kubernetes node. `ip`: InternalIP; `podCidrs`: spec.podCIDRs (kubenet / overlay / node IPAM). */
export interface K8sNode {
  readonly name: string;
  readonly labels: Labels;
  readonly ip?: Ip;
  readonly podCidrs: readonly Cidr[];
  readonly pool?: string;
  readonly origin: Origin;
}

/** `spec.type` of a Service (absent in a manifest = ClusterIP). */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** One Service port. `targetPort` is a number or a container port name; defaults to `port`. */
export interface ServicePort {
  readonly name?: string;
  readonly protocol: L4Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

/** A Service. `selector` absent = endpoints are managed by hand (EndpointSlices). `clusterIp` 'None' = headless. */
export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly clusterIp?: Ip | 'None';
  readonly externalName?: string;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly loadBalancerSourceRanges: readonly Cidr[];
  /**
   * `spec.healthCheckNodePort`: the node port the cloud load balancer probes (HTTP /healthz, answered by kube-proxy)
   * for a LoadBalancer Service with externalTrafficPolicy Local. Absent = not written (allocated by derivation).
   */
  readonly healthCheckNodePort?: number;
  /**
   * `spec.loadBalancerIP` (deprecated since Kubernetes 1.24, still common): the frontend address a LoadBalancer
   * Service asks for. Absent = not written (or not a valid address: reported). The azure-load-balancer-ipv4
   * annotation wins when both are given (fact LB_IP_ANNOTATION_OVER_SPEC).
   */
  readonly loadBalancerIp?: Ip;
  /**
   * The name of the cluster this Service runs in when the user says so (the `--cluster` option). Absent = derived
   * from where the pods it selects run (derive/services.ts serviceClusters).
   */
  readonly cluster?: string;
  readonly annotations: Labels;
  readonly origin: Origin;
}

/** An EndpointSlice's addresses for a Service (only those given in the input; derived ones are not stored). */
export interface EndpointSliceModel {
  readonly namespace: string;
  readonly name: string;
  readonly serviceName?: string;
  readonly addresses: readonly { readonly ip: Ip; readonly ready: boolean; readonly targetPod?: string }[];
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol: L4Protocol }[];
  readonly origin: Origin;
}

/** One Ingress path rule: host ('' = any host), path, pathType, and the backend Service and port. */
export interface IngressRule {
  readonly host: string;
  readonly path: string;
  readonly pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  readonly serviceName: string;
  readonly servicePort: number | string;
  /**
   * How `servicePort` picks ports of the Service. Absent or 'service-port': a Service port whose number or name it is
   * (an Ingress backend). 'target-port': a Service port whose targetPort it is, or whose number or name it is (an
   * OpenShift Route's spec.port.targetPort). 'all': every port of the Service (a Route without spec.port;
   * `servicePort` is then meaningless).
   */
  readonly portMatch?: 'service-port' | 'target-port' | 'all';
}

/**
 * An Ingress (networking.k8s.io/v1), or an OpenShift Route (route.openshift.io/v1) in the same shape: its `to` and
 * `alternateBackends` Services become rules with the Route's host and path.
 */
export interface Ingress {
  readonly namespace: string;
  readonly name: string;
  /** Which object this is; absent = an Ingress. */
  readonly kind?: 'Ingress' | 'Route';
  readonly ingressClassName?: string;
  readonly rules: readonly IngressRule[];
  readonly defaultBackend?: { readonly serviceName: string; readonly servicePort: number | string };
  readonly tlsHosts: readonly string[];
  readonly origin: Origin;
}
