// adapt/cilium: cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy at L3/L4 → NormalizedPolicies
// (shared/reference/policy-semantics.md §7): endpointSelector, fromEndpoints/toEndpoints with namespace pinning,
// fromCIDR/toCIDR/CIDRSet with except, entities, nodes, toPorts (ANY, port "0", endPort), ingressDeny/egressDeny,
// enableDefaultDeny and `specs` lists. L7, FQDN, Service and group rules are reported (they need Advanced Container
// Networking Services on AKS) and not evaluated.
import { type Cidr, IpSet, type L4Protocol, PortSet, cidrContains, formatCidr, parseCidr } from '../../engines/net/index.js';
import type { DocPath, SourceDocument } from '../../load/document.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import { formatOrigin } from '../../model/origin.js';
import {
  ENDPOINT_LABEL_KEYS as K, type CiliumEntity, type Direction, type NormalizedPolicy, type Peer, type PolicyRule,
  type PortMatch, type RuleAction, type Selector,
} from '../../model/policy.js';
import type { AdaptContext } from '../context.js';
import { ObjectReader, describe, isObj } from '../k8s/reader.js';
import { CILIUM_CODES } from './codes.js';

/** API group of Cilium objects. */
export const CILIUM_GROUP = 'cilium.io';

const ENTITIES: readonly CiliumEntity[] = ['world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'all', 'health', 'init',
  'ingress', 'unmanaged', 'none', 'world-ipv4', 'world-ipv6'];
const SEEN = new WeakMap<object, Map<string, string>>();

/** Reads the Cilium object at `path` of `doc`. */
export function readCiliumObject(doc: SourceDocument, ctx: AdaptContext, path: DocPath, kind: string, apiVersion: string): void {
  const r0 = new ObjectReader(doc, ctx, path, kind, '(unnamed)');
  const name = r0.raw(['metadata', 'name']);
  if (typeof name !== 'string' || name === '') {
    r0.error(CILIUM_CODES.INVALID_OBJECT, ['metadata'], `${kind} without metadata.name; skipped`);
    return;
  }
  const r = new ObjectReader(doc, ctx, path, kind, name);
  if (kind !== 'CiliumNetworkPolicy' && kind !== 'CiliumClusterwideNetworkPolicy') {
    ctx.builder.ignored.push({ kind: `${kind} (${apiVersion})`, name, reason: `Cilium kind ${kind} is not modelled`, origin: r.at([]) });
    r.report('info', CILIUM_CODES.NOT_MODELLED, [], `Cilium kind ${kind} is not modelled; listed as ignored`);
    return;
  }
  const clusterwide = kind === 'CiliumClusterwideNetworkPolicy';
  const nsRaw = r.str(['metadata', 'namespace']);
  const ns = clusterwide ? undefined : nsRaw && nsRaw !== '' ? nsRaw : 'default';
  let seen = SEEN.get(ctx.builder);
  if (!seen) SEEN.set(ctx.builder, (seen = new Map()));
  const key = `${kind}/${ns ?? ''}/${name}`;
  const first = seen.get(key);
  if (first) {
    r.error(CILIUM_CODES.DUPLICATE, ['metadata', 'name'], `duplicate ${kind} ${ns ? ns + '/' : ''}${name} (first at ${first}); ignored`);
    return;
  }
  seen.set(key, formatOrigin(r.at([])));
  const spec = r.raw(['spec']);
  const specs = r.raw(['specs']);
  const paths: DocPath[] = [];
  if (isObj(spec)) paths.push(['spec']);
  if (Array.isArray(specs)) specs.forEach((_, i) => paths.push(['specs', i]));
  if (paths.length === 0) {
    r.error(CILIUM_CODES.INVALID_OBJECT, [], `a ${kind} needs spec or specs; skipped`);
    return;
  }
  paths.forEach((p, i) => {
    const pol = readRuleSpec(r, p, ns, paths.length > 1 ? i : undefined);
    if (pol) ctx.builder.policies.push(pol);
  });
}

/** Cilium label keys as endpoint labels: `k8s:` / `any:` sources stripped; `reserved:x` kept (an entity). */
function labelKey(k: string): string {
  for (const pre of ['k8s:', 'any:']) if (k.startsWith(pre)) return k.slice(pre.length);
  return k;
}

/** A Kubernetes-style LabelSelector over Cilium identity labels → a Selector over endpoint labels; undefined = absent. */
function readSelector(r: ObjectReader, path: DocPath): { sel?: Selector; keys: string[]; reserved: string[]; bad: boolean } {
  const raw = r.raw(path);
  if (raw === undefined || raw === null) return { keys: [], reserved: [], bad: false };
  if (!isObj(raw)) {
    r.error(CILIUM_CODES.INVALID_SELECTOR, path, `a selector must be an object, found ${describe(raw)}; it selects nothing`);
    return { sel: { op: 'none' }, keys: [], reserved: [], bad: true };
  }
  const terms: Selector[] = [];
  const keys: string[] = [];
  const reserved: string[] = [];
  let bad = false;
  const ml = raw.matchLabels;
  if (isObj(ml)) {
    for (const k of Object.keys(ml).sort()) {
      const v = ml[k];
      if (k.startsWith('reserved:')) {
        reserved.push(k.slice('reserved:'.length));
        continue;
      }
      if (typeof v !== 'string') {
        r.error(CILIUM_CODES.INVALID_SELECTOR, [...path, 'matchLabels', k], `matchLabels.${k} must be a string`);
        bad = true;
        continue;
      }
      keys.push(labelKey(k));
      terms.push({ op: 'eq', key: labelKey(k), value: v });
    }
  }
  const me = raw.matchExpressions;
  if (Array.isArray(me)) {
    me.forEach((e, i) => {
      const p = [...path, 'matchExpressions', i];
      if (!isObj(e) || typeof e.key !== 'string') {
        r.error(CILIUM_CODES.INVALID_SELECTOR, p, 'a match expression needs a key');
        bad = true;
        return;
      }
      const k = labelKey(e.key);
      const values = Array.isArray(e.values) ? e.values.filter((x): x is string => typeof x === 'string').sort() : [];
      keys.push(k);
      switch (e.operator) {
        case 'In': terms.push({ op: 'in', key: k, values }); break;
        case 'NotIn': terms.push({ op: 'notin', key: k, values }); break;
        case 'Exists': terms.push({ op: 'has', key: k }); break;
        case 'DoesNotExist': terms.push({ op: 'nothas', key: k }); break;
        default:
          r.error(CILIUM_CODES.INVALID_SELECTOR, [...p, 'operator'], `unknown operator ${describe(e.operator)}; the selector selects nothing`);
          bad = true;
      }
    });
  }
  if (bad) return { sel: { op: 'none' }, keys, reserved, bad };
  const sel: Selector = terms.length === 0 ? { op: 'all' } : terms.length === 1 ? terms[0] : { op: 'and', args: terms };
  return { sel, keys, reserved, bad };
}

function readCidr(r: ObjectReader, path: DocPath, text: unknown): Cidr | undefined {
  const c = typeof text === 'string' && text.includes('/') ? parseCidr(text.trim()) : undefined;
  if (!c) {
    r.error(CILIUM_CODES.INVALID_CIDR, path, `${describe(text)} is not a CIDR`, 'write address/prefix, e.g. 10.0.0.0/8');
    return undefined;
  }
  return c.cidr;
}

/** Ports of one toPorts entry; undefined entries were invalid (reported). Protocol ANY (or absent) = TCP, UDP and SCTP. */
function readPortList(r: ObjectReader, path: DocPath): PortMatch[] {
  const out: PortMatch[] = [];
  (r.list(path) ?? []).forEach((_, i) => {
    const p = [...path, i];
    const protoRaw = r.raw([...p, 'protocol']);
    const proto = protoRaw === undefined || protoRaw === null ? 'ANY' : typeof protoRaw === 'string' ? protoRaw.toUpperCase() : '';
    const protocols: L4Protocol[] = proto === 'ANY' ? ['TCP', 'UDP', 'SCTP'] : proto === 'TCP' || proto === 'UDP' || proto === 'SCTP' ? [proto] : [];
    if (protocols.length === 0) {
      if (proto === 'ICMP' || proto === 'ICMPV6') {
        r.report('info', CILIUM_CODES.NOT_MODELLED, [...p, 'protocol'], 'ICMP is not modelled; this port entry matches no TCP/UDP/SCTP connection');
      } else r.error(CILIUM_CODES.INVALID_PORT, [...p, 'protocol'], `unknown protocol ${describe(protoRaw)}`, 'use TCP, UDP, SCTP or ANY');
      return;
    }
    const portRaw = r.raw([...p, 'port']);
    const endRaw = r.raw([...p, 'endPort']);
    const text = typeof portRaw === 'number' ? String(portRaw) : typeof portRaw === 'string' ? portRaw : portRaw == null ? '0' : undefined;
    if (text === undefined) {
      r.error(CILIUM_CODES.INVALID_PORT, [...p, 'port'], `port must be a string or number, found ${describe(portRaw)}`);
      return;
    }
    if (/^\d+$/.test(text)) {
      const lo = Number(text);
      const hi = typeof endRaw === 'number' ? endRaw : lo;
      if (lo > 65535 || hi > 65535 || (lo !== 0 && hi < lo)) {
        r.error(CILIUM_CODES.INVALID_PORT, [...p, endRaw != null ? 'endPort' : 'port'], `port ${text}${endRaw != null ? `-${String(endRaw)}` : ''} is not a valid port or range`);
        return;
      }
      const ports = lo === 0 ? PortSet.all() : PortSet.range(lo, Math.max(hi, lo));
      for (const protocol of protocols) out.push({ kind: 'numeric', protocol, ports });
      return;
    }
    for (const protocol of protocols) out.push(proto === 'ANY' ? { kind: 'named', name: text } : { kind: 'named', protocol, name: text });
    if (proto === 'ANY') return;
  });
  // ANY named ports were pushed once per protocol above only for explicit protocols; dedupe identical entries.
  const seen = new Set<string>();
  return out.filter((m) => {
    const k = m.kind === 'named' ? `n:${m.name}:${m.protocol ?? ''}` : `p:${m.protocol}:${m.ports.toString()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const ACNS_HINT = 'on AKS, L7 and FQDN policies need Advanced Container Networking Services (ACNS); aksnet evaluates L3/L4 only';

function readRule(r: ObjectReader, path: DocPath, direction: Direction, index: number, action: RuleAction, ns: string | undefined): PolicyRule | undefined {
  if (!isObj(r.raw(path))) {
    r.error(CILIUM_CODES.INVALID_OBJECT, path, `a rule must be an object, found ${describe(r.raw(path))}; ignored`);
    return undefined;
  }
  const from = direction === 'ingress' ? 'from' : 'to';
  const peers: Peer[] = [];
  let l3 = false;
  const epField = `${from}Endpoints`;
  const eps = r.list([...path, epField]);
  if (eps) {
    l3 = true;
    eps.forEach((_, i) => {
      const s = readSelector(r, [...path, epField, i]);
      for (const res of s.reserved) {
        if ((ENTITIES as readonly string[]).includes(res)) peers.push({ kind: 'entity', entity: res as CiliumEntity });
      }
      if (s.reserved.length > 0 && s.keys.length === 0) return;
      let sel = s.sel ?? { op: 'all' };
      if (!s.keys.includes(K.ciliumNamespace)) {
        const pin: Selector = ns !== undefined ? { op: 'eq', key: K.ciliumNamespace, value: ns } : { op: 'has', key: K.ciliumNamespace };
        sel = sel.op === 'all' ? pin : { op: 'and', args: [pin, sel] };
      }
      peers.push({ kind: 'endpoints', selector: sel, sets: IpSet.empty() });
    });
  }
  const cidrField = `${from}CIDR`;
  const cidrs = r.list([...path, cidrField]);
  if (cidrs) {
    l3 = true;
    cidrs.forEach((c, i) => {
      const x = readCidr(r, [...path, cidrField, i], c);
      if (x) peers.push({ kind: 'ipblock', cidr: x, except: [], set: IpSet.fromCidr(x) });
    });
  }
  const setField = `${from}CIDRSet`;
  const sets = r.list([...path, setField]);
  if (sets) {
    l3 = true;
    sets.forEach((_, i) => {
      const p = [...path, setField, i];
      if (r.raw([...p, 'cidrGroupRef']) != null || r.raw([...p, 'cidrGroupSelector']) != null) {
        r.warning(CILIUM_CODES.NOT_MODELLED, p, 'CiliumCIDRGroup references are not modelled; this entry matches nothing');
        return;
      }
      const c = readCidr(r, [...p, 'cidr'], r.raw([...p, 'cidr']));
      if (!c) return;
      const except = (r.list([...p, 'except']) ?? []).flatMap((e, j) => {
        const x = readCidr(r, [...p, 'except', j], e);
        if (x && !cidrContains(c, x)) {
          r.error(CILIUM_CODES.INVALID_CIDR, [...p, 'except', j], `except ${formatCidr(x)} is not inside ${formatCidr(c)}`);
          return [];
        }
        return x ? [x] : [];
      });
      peers.push({ kind: 'ipblock', cidr: c, except, set: IpSet.fromCidr(c).subtract(IpSet.fromCidrs(except)) });
    });
  }
  const entField = `${from}Entities`;
  const ents = r.list([...path, entField]);
  if (ents) {
    l3 = true;
    ents.forEach((e, i) => {
      if (typeof e === 'string' && (ENTITIES as readonly string[]).includes(e)) peers.push({ kind: 'entity', entity: e as CiliumEntity });
      else r.error(CILIUM_CODES.UNKNOWN_ENTITY, [...path, entField, i], `unknown entity ${describe(e)}`, `entities: ${ENTITIES.join(', ')}`);
    });
  }
  const nodeField = `${from}Nodes`;
  const nodes = r.list([...path, nodeField]);
  if (nodes) {
    l3 = true;
    nodes.forEach((_, i) => {
      const s = readSelector(r, [...path, nodeField, i]);
      peers.push({ kind: 'nodes', nodes: s.sel ?? { op: 'all' } });
    });
  }
  for (const f of direction === 'egress' ? ['toFQDNs', 'toServices', 'toGroups'] : ['fromGroups']) {
    if (r.raw([...path, f]) != null) {
      l3 = true;
      r.warning(CILIUM_CODES.NEEDS_ACNS, [...path, f], `${f} needs Advanced Container Networking Services on AKS; not evaluated (this ${action} rule matches nothing through it)`, ACNS_HINT);
    }
  }
  for (const f of [`${from}Requires`, 'authentication']) {
    if (r.raw([...path, f]) != null) r.warning(CILIUM_CODES.NOT_MODELLED, [...path, f], `${f} is not modelled and is ignored`);
  }
  let l4 = false;
  const ports: PortMatch[] = [];
  const tp = r.list([...path, 'toPorts']);
  if (tp) {
    l4 = true;
    tp.forEach((_, i) => {
      const p = [...path, 'toPorts', i];
      for (const f of ['rules', 'serverNames', 'listener', 'terminatingTLS', 'originatingTLS']) {
        if (r.raw([...p, f]) != null) {
          r.warning(CILIUM_CODES.NEEDS_ACNS, [...p, f], `toPorts.${f} (L7) needs Advanced Container Networking Services on AKS; not evaluated (the L4 ports are)`, ACNS_HINT);
        }
      }
      const list = r.list([...p, 'ports']);
      if (list === undefined) ports.push(...(['TCP', 'UDP', 'SCTP'] as const).map((protocol): PortMatch => ({ kind: 'numeric', protocol, ports: PortSet.all() })));
      else ports.push(...readPortList(r, [...p, 'ports']));
    });
  }
  if (r.raw([...path, 'icmps']) != null) {
    l4 = true;
    r.report('info', CILIUM_CODES.NOT_MODELLED, [...path, 'icmps'], 'ICMP rules are not modelled; they match no TCP/UDP/SCTP connection');
  }
  const origin = r.at(path);
  // An empty rule {} selects nothing (it only turns on default deny); L4 alone applies to every peer.
  if (!l3 && !l4) return { direction, index, action, peers: [], ports: [], origin };
  return { direction, index, action, peers: l3 ? peers : 'any', ports: l4 ? ports : 'any', origin };
}

function readRuleSpec(r: ObjectReader, path: DocPath, ns: string | undefined, specIndex: number | undefined): NormalizedPolicy | undefined {
  const kind = r.kind;
  if (r.raw([...path, 'nodeSelector']) != null) {
    r.warning(CILIUM_CODES.NOT_MODELLED, [...path, 'nodeSelector'], 'host policies (nodeSelector) are not evaluated: aksnet does not police nodes');
    return undefined;
  }
  const es = readSelector(r, [...path, 'endpointSelector']);
  if (ns !== undefined && es.sel !== undefined && es.keys.includes(K.ciliumNamespace)) {
    r.warning(CILIUM_CODES.FOREIGN_NAMESPACE, [...path, 'endpointSelector'], `a CiliumNetworkPolicy only selects pods of its own namespace (${ns}); the namespace label in endpointSelector is ANDed with it`);
  }
  const rules: PolicyRule[] = [];
  const directions: Direction[] = [];
  const sections: [Direction, string, RuleAction][] = [['ingress', 'ingress', 'allow'], ['ingress', 'ingressDeny', 'deny'], ['egress', 'egress', 'allow'], ['egress', 'egressDeny', 'deny']];
  const counters: Record<Direction, number> = { ingress: 0, egress: 0 };
  for (const [dir, field, action] of sections) {
    const list = r.list([...path, field]);
    if (list === undefined) continue;
    if (!directions.includes(dir)) directions.push(dir);
    list.forEach((_, i) => {
      const rule = readRule(r, [...path, field, i], dir, counters[dir]++, action, ns);
      if (rule) rules.push(rule);
    });
  }
  const edd = r.obj([...path, 'enableDefaultDeny']);
  const isolates = directions.filter((d) => !(edd && edd[d] === false));
  const suffix = specIndex !== undefined ? `#${specIndex}` : '';
  const base = kind === 'CiliumNetworkPolicy' ? `CiliumNetworkPolicy ${ns}/${r.name}` : `CiliumClusterwideNetworkPolicy ${r.name}`;
  return {
    id: base + suffix, source: kind === 'CiliumNetworkPolicy' ? 'cilium-networkpolicy' : 'cilium-clusterwide-networkpolicy',
    namespace: ns, name: r.name + suffix,
    subject: {
      namespaces: ns !== undefined ? { op: 'eq', key: NAMESPACE_NAME_LABEL, value: ns } : { op: 'all' },
      pods: { op: 'all' },
      endpoint: es.sel ?? { op: 'none' },
    },
    directions: (['ingress', 'egress'] as const).filter((d) => directions.includes(d)),
    ...(isolates.length !== directions.length ? { isolates } : {}),
    rules: rules.sort((a, b) => (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : a.index - b.index)),
    origin: r.at([]),
  };
}
