// Ingress routing (networking.k8s.io/v1) as the NGINX ingress controller and AGIC do it: host matching (exact before
// wildcard before any-host), path matching (longest match; Exact beats Prefix on the same path), the default
// backend, and TLS termination. Evaluates and explains with the same code (one tracer).
import type { Ingress, IngressRule } from '../../model/k8s.js';
import { NO_TRACE, type Tracer } from '../trace-types.js';

/** Which controller serves an Ingress class. `nginx`: ingress-nginx (and AKS application routing); `agic`: Application Gateway. */
export type IngressControllerKind = 'nginx' | 'agic';
export const INGRESS_CONTROLLER_KINDS: readonly IngressControllerKind[] = ['nginx', 'agic'];

/** Ingress class names and the controller that serves them (as data). A class not listed is taken as NGINX. */
export const INGRESS_CLASSES: Readonly<Record<string, IngressControllerKind>> = {
  'nginx': 'nginx',
  'webapprouting.kubernetes.azure.com': 'nginx',
  'azure-application-gateway': 'agic',
  'azure/application-gateway': 'agic',
};

/** The controller of an Ingress (absent class = NGINX, the usual default class). */
export function controllerOf(ing: Ingress): IngressControllerKind {
  return (ing.ingressClassName && INGRESS_CLASSES[ing.ingressClassName]) || 'nginx';
}

/** An HTTP request as the controller sees it. `host` lower-case without port; `path` starts with '/'. */
export interface HttpRequest {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly path: string;
}

/** How a host matched: exactly, by a `*.` wildcard, or by a rule without host. */
export type HostMatch = 'exact' | 'wildcard' | 'any';

/**
 * The routing decision. `rule`: the path rule that matched (absent when the default backend took the request);
 * `backend`: the Service and port; `host`: how the host matched; `tls`: the request is HTTPS and the Ingress has a
 * TLS entry for the host (terminated at the controller); `notes`: ties and other remarks, empty = none.
 */
export interface IngressRoute {
  readonly kind: 'rule' | 'default-backend';
  readonly ingress: Ingress;
  readonly rule?: IngressRule;
  readonly backend: { readonly serviceName: string; readonly servicePort: number | string };
  readonly host: HostMatch;
  readonly tls: boolean;
  readonly notes: readonly string[];
}

/** The answer: a route, or none (the controller answers 404) with the reason. */
export type IngressResult = { readonly ok: true; readonly route: IngressRoute } | { readonly ok: false; readonly reason: string };

/** True when `pattern` (an Ingress host, possibly `*.x.y`) matches `host`; a wildcard covers exactly one label. */
export function hostMatches(pattern: string, host: string): HostMatch | undefined {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '') return 'any';
  if (p === h) return 'exact';
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    const first = h.indexOf('.');
    if (first > 0 && h.slice(first) === suffix) return 'wildcard';
  }
  return undefined;
}

/**
 * Path match of one rule: Exact = the same path (case-sensitive); Prefix = element-wise prefix of the '/'-split path
 * (trailing slash ignored: `/foo` matches `/foo`, `/foo/`, `/foo/bar`, not `/foobar`); ImplementationSpecific =
 * plain string prefix (NGINX location semantics without regex). Returns the match length (higher = more specific),
 * undefined when it does not match.
 */
export function pathMatches(rule: Pick<IngressRule, 'path' | 'pathType'>, path: string): number | undefined {
  switch (rule.pathType) {
    case 'Exact':
      return rule.path === path ? rule.path.length : undefined;
    case 'Prefix': {
      const trim = (s: string): string[] => s.split('/').filter((x) => x !== '');
      const want = trim(rule.path);
      const got = trim(path);
      if (want.length > got.length) return undefined;
      for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return undefined;
      return want.join('/').length + 1;
    }
    case 'ImplementationSpecific':
      return path.startsWith(rule.path) ? rule.path.length : undefined;
    default: {
      const never: never = rule.pathType;
      return never;
    }
  }
}

function key(i: Ingress): string {
  return `${i.namespace}/${i.name}`;
}

function tlsFor(ing: Ingress, req: HttpRequest): boolean {
  return req.scheme === 'https' && ing.tlsHosts.some((h) => hostMatches(h, req.host) === 'exact' || hostMatches(h, req.host) === 'wildcard');
}

const HOST_RANK: Readonly<Record<HostMatch, number>> = { exact: 0, wildcard: 1, any: 2 };

/**
 * Routes one request over `ingresses` (the caller filters by controller): the most specific host tier that has rules
 * (exact, then wildcard, then any host); in it the longest matching path, Exact before Prefix before
 * ImplementationSpecific on equal length, then Ingress namespace/name and rule order (the controller's conflict
 * order is by creation time, which the input lacks: noted). No path matches: the first Ingress with a default backend
 * (a host-specific Ingress's first), else none. Records one `note` step per decision (resource ingress-controller).
 */
export function routeIngress(ingresses: readonly Ingress[], req: HttpRequest, tracer: Tracer = NO_TRACE, resource = 'ingress-controller'): IngressResult {
  const sorted = [...ingresses].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  type Cand = { ing: Ingress; rule: IngressRule; host: HostMatch; len: number; order: number };
  const cands: Cand[] = [];
  let order = 0;
  for (const ing of sorted) {
    for (const rule of ing.rules) {
      order++;
      const host = hostMatches(rule.host, req.host);
      if (!host) continue;
      const len = pathMatches(rule, req.path);
      cands.push({ ing, rule, host, len: len ?? -1, order });
    }
  }
  const bestTier = cands.length ? Math.min(...cands.map((c) => HOST_RANK[c.host])) : undefined;
  const tier = cands.filter((c) => HOST_RANK[c.host] === bestTier);
  const typeRank = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 } as const;
  const hits = tier.filter((c) => c.len >= 0).sort((a, b) => b.len - a.len || typeRank[a.rule.pathType] - typeRank[b.rule.pathType] || a.order - b.order);
  const best = hits[0];
  if (best) {
    const notes: string[] = [];
    const tie = hits.find((h) => h !== best && h.len === best.len && h.rule.pathType === best.rule.pathType && h.rule.path === best.rule.path);
    if (tie) notes.push(`Ingress ${key(tie.ing)} has the same host and path; the controller keeps the older Ingress, aksnet the first by name`);
    const tls = tlsFor(best.ing, req);
    tracer.record({
      type: 'note', action: 'forward', resource, rule: `${key(best.ing)} ${best.rule.host || '*'}${best.rule.path} (${best.rule.pathType})`,
      origin: best.ing.origin,
      detail: `${req.scheme}://${req.host}${req.path}: host ${best.host === 'any' ? 'matches the any-host rule' : `matches ${best.rule.host} (${best.host})`}, ` +
        `path ${best.rule.path} ${best.rule.pathType} is the longest match -> Service ${best.rule.serviceName}:${String(best.rule.servicePort)}` +
        (tls ? '; TLS terminated at the controller' : req.scheme === 'https' ? '; no TLS entry for the host: the controller serves its default certificate' : ''),
    });
    return { ok: true, route: { kind: 'rule', ingress: best.ing, rule: best.rule, backend: { serviceName: best.rule.serviceName, servicePort: best.rule.servicePort },
      host: best.host, tls, notes } };
  }
  const hostIngs = tier.map((c) => c.ing);
  const withDefault = [...hostIngs, ...sorted].find((i) => i.defaultBackend !== undefined);
  if (withDefault?.defaultBackend) {
    const tls = tlsFor(withDefault, req);
    tracer.record({
      type: 'note', action: 'forward', resource, rule: `${key(withDefault)} defaultBackend`, origin: withDefault.origin,
      detail: `${req.scheme}://${req.host}${req.path}: no host/path rule matches; default backend of ${key(withDefault)} -> Service ` +
        `${withDefault.defaultBackend.serviceName}:${String(withDefault.defaultBackend.servicePort)}`,
    });
    return { ok: true, route: { kind: 'default-backend', ingress: withDefault, backend: withDefault.defaultBackend,
      host: bestTier === undefined ? 'any' : (Object.keys(HOST_RANK) as HostMatch[])[bestTier] ?? 'any', tls, notes: [] } };
  }
  const reason = cands.length === 0
    ? `no Ingress rule matches host ${req.host} and no Ingress has a default backend: the controller answers 404`
    : `host ${req.host} matches, but no path matches ${req.path} and no Ingress has a default backend: the controller answers 404`;
  tracer.record({ type: 'note', action: 'drop', resource, detail: reason });
  return { ok: false, reason };
}

/**
 * Parses `https://shop.example.com/cart` into a request (host lower-cased, port dropped, query and fragment dropped,
 * path '/' when absent). Returns the reason on failure. Never throws.
 */
export function parseUrl(text: string): HttpRequest | string {
  const m = /^(https?):\/\/([^/?#:]+)(?::(\d+))?([^?#]*)/i.exec(String(text).trim());
  if (!m) return `'${text}' is not an http(s) URL`;
  const scheme = (m[1] ?? '').toLowerCase() === 'https' ? 'https' : 'http';
  const host = (m[2] ?? '').toLowerCase();
  if (!/^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return `'${m[2] ?? ''}' is not a host name`;
  const path = m[4] === undefined || m[4] === '' ? '/' : m[4];
  return { scheme, host, path };
}
