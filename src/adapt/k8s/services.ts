// Services, EndpointSlices and Ingresses.
import type { Cidr, Ip, L4Protocol } from '../../engines/net/index.js';
import type { EndpointSliceModel, Ingress, IngressRule, Service, ServicePort, ServiceType } from '../../model/k8s.js';
import { K8S_CODES } from './codes.js';
import { isPortNumber, readProtocol } from './policy-parts.js';
import { type ObjectReader, describe } from './reader.js';
import { checkLabels } from './selector.js';
import { readCidr, readIp } from './workloads.js';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function enumAt<T extends string>(r: ObjectReader, path: (string | number)[], values: readonly T[], dflt: T): T {
  const v = r.raw(path);
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  r.error(K8S_CODES.UNKNOWN_VALUE, path, `${path.join('.')} must be one of ${values.join(', ')}, found ${describe(v)}; read as ${dflt}`);
  return dflt;
}

function portAt(r: ObjectReader, path: (string | number)[], what: string): number | undefined {
  const n = r.int(path);
  if (n === undefined) return undefined;
  if (!isPortNumber(n)) {
    r.error(K8S_CODES.PORT_OUT_OF_RANGE, path, `${what} ${n} is outside 1-65535; the port is ignored`);
    return undefined;
  }
  return n;
}

/**
 * Reads a Service: type (default ClusterIP), selector (absent = endpoints managed by hand), ports (protocol default
 * TCP, targetPort default = port), clusterIP ('None' = headless), externalName, external/internalTrafficPolicy
 * (default Cluster), loadBalancerSourceRanges, loadBalancerIP (an invalid address is reported and left out),
 * healthCheckNodePort, annotations.
 */
export function readService(r: ObjectReader, ns: string): Service {
  const type = enumAt(r, ['spec', 'type'], SERVICE_TYPES, 'ClusterIP');
  const selRaw = r.obj(['spec', 'selector']);
  const selector = selRaw ? r.stringMap(['spec', 'selector']) : undefined;
  if (selector) checkLabels(r, ['spec', 'selector'], selector);
  const ports: ServicePort[] = [];
  (r.list(['spec', 'ports']) ?? []).forEach((_, i) => {
    const p = ['spec', 'ports', i];
    if (r.obj(p) === undefined) return;
    const port = portAt(r, [...p, 'port'], 'port');
    const protocol = readProtocol(r, [...p, 'protocol']);
    if (port === undefined) {
      if (r.raw([...p, 'port']) === undefined) r.error(K8S_CODES.WRONG_TYPE, p, 'a Service port needs `port`');
      return;
    }
    if (protocol === undefined) return;
    const tp = r.intOrString([...p, 'targetPort']);
    let targetPort: number | string = port;
    if (typeof tp === 'number') {
      if (isPortNumber(tp)) targetPort = tp;
      else r.error(K8S_CODES.PORT_OUT_OF_RANGE, [...p, 'targetPort'], `targetPort ${tp} is outside 1-65535; read as ${port}`);
    } else if (typeof tp === 'string' && tp !== '') targetPort = /^\d+$/.test(tp) ? Number(tp) : tp;
    const nodePort = portAt(r, [...p, 'nodePort'], 'nodePort');
    const name = r.str([...p, 'name']);
    ports.push({ ...(name ? { name } : {}), protocol, port, targetPort, ...(nodePort !== undefined ? { nodePort } : {}) });
  });
  const cipRaw = r.str(['spec', 'clusterIP']);
  let clusterIp: Ip | 'None' | undefined;
  if (cipRaw === 'None') clusterIp = 'None';
  else if (cipRaw) clusterIp = readIp(r, ['spec', 'clusterIP']);
  const externalName = r.str(['spec', 'externalName']);
  const lbRanges: Cidr[] = [];
  (r.list(['spec', 'loadBalancerSourceRanges']) ?? []).forEach((_, i) => {
    const c = readCidr(r, ['spec', 'loadBalancerSourceRanges', i]);
    if (c) lbRanges.push(c);
  });
  const healthCheckNodePort = portAt(r, ['spec', 'healthCheckNodePort'], 'healthCheckNodePort');
  const loadBalancerIp = readIp(r, ['spec', 'loadBalancerIP']);
  return {
    namespace: ns, name: r.name, type,
    ...(selector ? { selector } : {}),
    ...(healthCheckNodePort !== undefined ? { healthCheckNodePort } : {}),
    ports,
    ...(clusterIp ? { clusterIp } : {}),
    ...(externalName ? { externalName } : {}),
    externalTrafficPolicy: enumAt(r, ['spec', 'externalTrafficPolicy'], ['Cluster', 'Local'] as const, 'Cluster'),
    internalTrafficPolicy: enumAt(r, ['spec', 'internalTrafficPolicy'], ['Cluster', 'Local'] as const, 'Cluster'),
    loadBalancerSourceRanges: lbRanges,
    ...(loadBalancerIp ? { loadBalancerIp } : {}),
    annotations: r.stringMap(['metadata', 'annotations']),
    origin: r.at([]),
  };
}

/** Reads an EndpointSlice: its Service (label kubernetes.io/service-name), endpoint addresses and ports. */
export function readEndpointSlice(r: ObjectReader, ns: string): EndpointSliceModel {
  const labels = r.stringMap(['metadata', 'labels']);
  const serviceName = labels['kubernetes.io/service-name'];
  const addresses: { ip: Ip; ready: boolean; targetPod?: string }[] = [];
  (r.list(['endpoints']) ?? []).forEach((_, i) => {
    const e = ['endpoints', i];
    if (r.obj(e) === undefined) return;
    const ready = r.bool([...e, 'conditions', 'ready']) ?? true; // absent ready = unknown, read as ready (API docs)
    const targetPod = r.raw([...e, 'targetRef', 'kind']) === 'Pod' ? r.str([...e, 'targetRef', 'name']) : undefined;
    (r.list([...e, 'addresses']) ?? []).forEach((_a, j) => {
      const ip = readIp(r, [...e, 'addresses', j]);
      if (ip) addresses.push({ ip, ready, ...(targetPod ? { targetPod } : {}) });
    });
  });
  const ports: { name?: string; port: number; protocol: L4Protocol }[] = [];
  (r.list(['ports']) ?? []).forEach((_, i) => {
    const p = ['ports', i];
    if (r.obj(p) === undefined) return;
    const port = portAt(r, [...p, 'port'], 'port');
    const protocol = readProtocol(r, [...p, 'protocol']);
    const name = r.str([...p, 'name']);
    if (port !== undefined && protocol !== undefined) ports.push({ ...(name ? { name } : {}), port, protocol });
  });
  return { namespace: ns, name: r.name, ...(serviceName ? { serviceName } : {}), addresses, ports, origin: r.at([]) };
}

function backend(r: ObjectReader, path: (string | number)[]): { serviceName: string; servicePort: number | string } | undefined {
  const serviceName = r.str([...path, 'service', 'name']);
  if (!serviceName) {
    if (r.raw(path) !== undefined && r.raw([...path, 'resource']) === undefined) {
      r.error(K8S_CODES.WRONG_TYPE, path, 'an Ingress backend needs service.name');
    }
    return undefined;
  }
  const num = r.int([...path, 'service', 'port', 'number']);
  const name = r.str([...path, 'service', 'port', 'name']);
  const servicePort = num ?? name;
  if (servicePort === undefined) {
    r.error(K8S_CODES.WRONG_TYPE, [...path, 'service'], 'an Ingress backend needs service.port.number or service.port.name');
    return undefined;
  }
  return { serviceName, servicePort };
}

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'] as const;

/** Reads a networking.k8s.io/v1 Ingress: class, rules (host '' = any, path default '/'), default backend, TLS hosts. */
export function readIngress(r: ObjectReader, ns: string): Ingress {
  const rules: IngressRule[] = [];
  (r.list(['spec', 'rules']) ?? []).forEach((_, i) => {
    const rp = ['spec', 'rules', i];
    const host = r.str([...rp, 'host']) ?? '';
    (r.list([...rp, 'http', 'paths']) ?? []).forEach((_p, j) => {
      const pp = [...rp, 'http', 'paths', j];
      const b = backend(r, [...pp, 'backend']);
      if (!b) return;
      rules.push({
        host, path: r.str([...pp, 'path']) ?? '/',
        pathType: enumAt(r, [...pp, 'pathType'], PATH_TYPES, 'ImplementationSpecific'),
        ...b,
      });
    });
  });
  const defaultBackend = r.raw(['spec', 'defaultBackend']) !== undefined ? backend(r, ['spec', 'defaultBackend']) : undefined;
  const tlsHosts = new Set<string>();
  (r.list(['spec', 'tls']) ?? []).forEach((_, i) => {
    (r.list(['spec', 'tls', i, 'hosts']) ?? []).forEach((h) => { if (typeof h === 'string') tlsHosts.add(h); });
  });
  const cls = r.str(['spec', 'ingressClassName']) ?? r.stringMap(['metadata', 'annotations'])['kubernetes.io/ingress.class'];
  return {
    namespace: ns, name: r.name, ...(cls ? { ingressClassName: cls } : {}), rules,
    ...(defaultBackend ? { defaultBackend } : {}), tlsHosts: [...tlsHosts].sort(), origin: r.at([]),
  };
}

/**
 * Reads an OpenShift Route (route.openshift.io/v1) as an Ingress of kind Route: `spec.to` and every
 * `spec.alternateBackends` entry (kind Service or unset) become one rule each, with the Route's host and path; the
 * port is `spec.port.targetPort` (matched against the Service's targetPorts, numbers and names) or, without
 * `spec.port`, every port of the Service. Backends of another kind are warned about and skipped; a Route without
 * any Service backend is reported and yields no rules.
 */
export function readRoute(r: ObjectReader, ns: string): Ingress {
  const host = r.str(['spec', 'host']) ?? '';
  const path = r.str(['spec', 'path']) ?? '/';
  const target = r.intOrString(['spec', 'port', 'targetPort']);
  const rules: IngressRule[] = [];
  const add = (p: (string | number)[]): void => {
    if (r.obj(p) === undefined) return;
    const kind = r.str([...p, 'kind']) ?? '';
    const name = r.str([...p, 'name']);
    if (kind !== '' && kind !== 'Service') {
      r.warning(K8S_CODES.INVALID_ROUTE, [...p, 'kind'], `a Route backend of kind ${kind} is not analysed (only Service)`);
      return;
    }
    if (!name) {
      r.warning(K8S_CODES.INVALID_ROUTE, p, 'a Route backend without a Service name; ignored');
      return;
    }
    rules.push({
      host, path, pathType: 'Prefix', serviceName: name,
      ...(target === undefined ? { servicePort: 0, portMatch: 'all' as const } : { servicePort: target, portMatch: 'target-port' as const }),
    });
  };
  if (r.raw(['spec', 'to']) === undefined) {
    r.warning(K8S_CODES.INVALID_ROUTE, ['spec'], 'a Route without spec.to; it routes nowhere', 'spec.to names the target Service');
  } else add(['spec', 'to']);
  (r.list(['spec', 'alternateBackends']) ?? []).forEach((_, i) => add(['spec', 'alternateBackends', i]));
  const tls = r.obj(['spec', 'tls']) !== undefined && host !== '' ? [host] : [];
  return { namespace: ns, name: r.name, kind: 'Route', rules, tlsHosts: tls, origin: r.at([]) };
}
