// Ingress analysis as netpol-analyzer does it: Ingress (and Route) backends → Service → the pods the Service
// selects, with the Service's targetPort resolved per pod. The synthetic `{ingress-controller}` source is a pod
// without labels in its own namespace; its reach is what the Ingress exposes ∩ what policies allow from it.
import { ConnSet, PortSet } from '../../engines/net/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Ingress, IngressRule, Namespace, Pod, Service, ServicePort } from '../../model/k8s.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import { MATRIX_CODES } from './codes.js';

/** Namespace and name of the synthetic ingress-controller pod (netpol-analyzer's names). */
export const INGRESS_CONTROLLER_NAMESPACE = 'ingress-controller-ns';
export const INGRESS_CONTROLLER_POD = 'ingress-controller';

/** True when `pod` is the synthetic ingress-controller pod. */
export function isIngressControllerPod(pod: Pod): boolean {
  return pod.namespace === INGRESS_CONTROLLER_NAMESPACE && pod.name === INGRESS_CONTROLLER_POD;
}

/**
 * The model and pods with the synthetic ingress-controller namespace and pod added (unchanged when the model has
 * no Ingress). Build the policy engine from the result so `{ingress-controller}` is evaluated like any pod.
 */
export function withIngressController(model: Model, pods: readonly Pod[]): { model: Model; pods: readonly Pod[] } {
  if (model.ingresses.length === 0 || pods.some(isIngressControllerPod)) return { model, pods };
  const origin = model.ingresses[0]!.origin;
  const ns: Namespace = {
    name: INGRESS_CONTROLLER_NAMESPACE,
    labels: { [NAMESPACE_NAME_LABEL]: INGRESS_CONTROLLER_NAMESPACE },
    synthesized: true,
    origin,
  };
  const pod: Pod = {
    namespace: INGRESS_CONTROLLER_NAMESPACE,
    name: INGRESS_CONTROLLER_POD,
    labels: {},
    ports: [],
    hostNetwork: false,
    serviceAccount: 'default',
    workload: { kind: 'Pod', name: INGRESS_CONTROLLER_POD },
    origin,
  };
  const namespaces = model.namespaces.some((n) => n.name === ns.name) ? model.namespaces : [...model.namespaces, ns];
  return { model: { ...model, namespaces, pods: [...model.pods, pod] }, pods: [...pods, pod] };
}

function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** True when the Service port `sp` is one the backend `b` names (see IngressRule.portMatch). */
function portMatches(sp: ServicePort, b: Backend): boolean {
  const byPort = typeof b.servicePort === 'number' ? sp.port === b.servicePort : sp.name === b.servicePort;
  const how = b.portMatch ?? 'service-port';
  switch (how) {
    case 'service-port':
      return byPort;
    case 'target-port':
      return byPort || sp.targetPort === b.servicePort;
    case 'all':
      return true;
    default: {
      const never: never = how;
      throw new Error(`unknown port match ${String(never)}`);
    }
  }
}

/** The connections backend `b` reaches on `pod` through `svc` (targetPort resolved against its container ports). */
function targetConns(svc: Service, b: Backend, pod: Pod): ConnSet {
  let out = ConnSet.none();
  for (const sp of svc.ports) {
    if (!portMatches(sp, b)) continue;
    if (typeof sp.targetPort === 'number') {
      out = out.union(ConnSet.of(sp.protocol, PortSet.single(sp.targetPort)));
    } else {
      const cp = pod.ports.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol);
      if (cp) out = out.union(ConnSet.of(cp.protocol, PortSet.single(cp.port)));
    }
  }
  return out;
}

/**
 * What Ingresses expose, per pod (`namespace/name` → connections). Backends naming a missing Service, or a Service
 * without a selector, are reported and skipped.
 */
export function ingressExposure(model: Model, pods: readonly Pod[], diagnostics: Diagnostic[]): Map<string, ConnSet> {
  const out = new Map<string, ConnSet>();
  const services = new Map(model.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  for (const ing of model.ingresses) {
    for (const b of backends(ing)) {
      const svc = services.get(`${ing.namespace}/${b.serviceName}`);
      if (!svc) {
        diagnostics.push({
          code: MATRIX_CODES.INGRESS_BACKEND_MISSING, severity: 'warning', origin: ing.origin,
          message: `${ing.kind ?? 'Ingress'} ${ing.namespace}/${ing.name} routes to Service ${b.serviceName}, which is not in the input`,
          hint: 'add the Service manifest, or fix the backend service name',
        });
        continue;
      }
      if (!svc.selector) {
        diagnostics.push({
          code: MATRIX_CODES.INGRESS_BACKEND_NO_SELECTOR, severity: 'warning', origin: svc.origin,
          message: `Service ${svc.namespace}/${svc.name} has no selector; ${ing.kind ?? 'Ingress'} ${ing.namespace}/${ing.name} traffic to it is not analysed`,
          hint: 'endpoints of selector-less Services are not modelled for ingress analysis',
        });
        continue;
      }
      const selector = svc.selector;
      for (const pod of pods) {
        if (pod.namespace !== svc.namespace || isIngressControllerPod(pod) || !selects(selector, pod.labels)) continue;
        const c = targetConns(svc, b, pod);
        if (c.isEmpty()) continue;
        const key = `${pod.namespace}/${pod.name}`;
        out.set(key, (out.get(key) ?? ConnSet.none()).union(c));
      }
    }
  }
  return out;
}

/** One backend of an Ingress or Route: the Service, the port it names and how that port is matched. */
type Backend = Pick<IngressRule, 'serviceName' | 'servicePort' | 'portMatch'>;

function backends(ing: Ingress): Backend[] {
  const out: Backend[] = ing.rules.map((r) => ({ serviceName: r.serviceName, servicePort: r.servicePort, ...(r.portMatch ? { portMatch: r.portMatch } : {}) }));
  if (ing.defaultBackend) out.push(ing.defaultBackend);
  return out;
}
