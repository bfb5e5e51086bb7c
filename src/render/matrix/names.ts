// How matrix peers are named and ordered in every output format (netpol-analyzer's spelling for workloads,
// external ranges and the ingress controller), so all renderers agree.
import { formatIp, makeIp } from '../../engines/net/index.js';
import { compareText } from '../../model/compare.js';
import type { MatrixEntry, MatrixPeer } from '../../questions/matrix/types.js';

/** The name netpol-analyzer prints for the synthetic source of Ingress/Route traffic. */
export const INGRESS_CONTROLLER_NAME = '{ingress-controller}';

/**
 * The display name of a peer: `ns/name` (pod), `ns/name[Kind]` (workload), `ns` (namespace),
 * `a.b.c.d-e.f.g.h[External]` (external range, inclusive bounds), `{ingress-controller}`.
 */
export function peerName(p: MatrixPeer): string {
  switch (p.kind) {
    case 'pod':
      return `${p.namespace}/${p.name}`;
    case 'workload':
      return `${p.namespace}/${p.name}[${p.workloadKind}]`;
    case 'namespace':
      return p.name;
    case 'external': {
      const lo = makeIp(p.family, p.lo);
      const hi = makeIp(p.family, p.hi);
      return `${lo ? formatIp(lo) : String(p.lo)}-${hi ? formatIp(hi) : String(p.hi)}[External]`;
    }
    case 'ingress-controller':
      return INGRESS_CONTROLLER_NAME;
    default: {
      const never: never = p;
      throw new Error(`unknown peer kind ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/** The namespace a peer lives in; undefined for external ranges and the ingress controller. */
export function peerNamespace(p: MatrixPeer): string | undefined {
  switch (p.kind) {
    case 'pod':
    case 'workload':
      return p.namespace;
    case 'namespace':
      return p.name;
    case 'external':
    case 'ingress-controller':
      return undefined;
    default: {
      const never: never = p;
      throw new Error(`unknown peer kind ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/** Plain code-unit string order (what Go's sort.Strings does for ASCII), the order netpol-analyzer's lines use. */
export const compareStrings: (a: string, b: string) => number = compareText;

function peerRank(p: MatrixPeer): number {
  switch (p.kind) {
    case 'external':
      return 0;
    case 'pod':
    case 'workload':
    case 'namespace':
      return 1;
    case 'ingress-controller':
      return 2;
    default: {
      const never: never = p;
      throw new Error(`unknown peer kind ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/**
 * Row/column order for tables: external ranges first by family and address, then in-cluster peers by name, the
 * ingress controller last.
 */
export function comparePeers(a: MatrixPeer, b: MatrixPeer): number {
  const ra = peerRank(a);
  const rb = peerRank(b);
  if (ra !== rb) return ra - rb;
  if (a.kind === 'external' && b.kind === 'external') {
    if (a.family !== b.family) return a.family - b.family;
    return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
  }
  return compareStrings(peerName(a), peerName(b));
}

/** Entries with at least one allowed connection, as `{src, dst, conn}` strings, sorted by `src => dst : conn`. */
export function connectionLines(entries: readonly MatrixEntry[]): { src: string; dst: string; conn: string }[] {
  const rows = entries
    .filter((e) => !e.conns.isEmpty())
    .map((e) => ({ src: peerName(e.from), dst: peerName(e.to), conn: e.conns.toString() }));
  const key = (r: { src: string; dst: string; conn: string }): string => `${r.src} => ${r.dst} : ${r.conn}`;
  return rows.sort((a, b) => compareStrings(key(a), key(b)));
}

/**
 * The graph layout the DOT and Mermaid renderers share: peers that live in a namespace (pods, workloads) grouped by
 * it, in namespace order with each group in the given order; `loose` holds the rest (namespace peers themselves,
 * external ranges, the ingress controller) in the given order. Empty when `peers` is empty.
 */
export function groupByNamespace(peers: readonly MatrixPeer[]): {
  byNamespace: [string, MatrixPeer[]][];
  loose: MatrixPeer[];
} {
  const byNs = new Map<string, MatrixPeer[]>();
  const loose: MatrixPeer[] = [];
  for (const p of peers) {
    const ns = p.kind === 'namespace' ? undefined : peerNamespace(p);
    if (ns === undefined) loose.push(p);
    else byNs.set(ns, [...(byNs.get(ns) ?? []), p]);
  }
  return { byNamespace: [...byNs.entries()].sort(([a], [b]) => compareText(a, b)), loose };
}
