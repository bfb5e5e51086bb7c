// Graphviz DOT in netpol-analyzer's style: one cluster per namespace, workloads blue, external ranges red2,
// edges labelled with the connection set (gold2, font darkgreen). Only pairs with connections are drawn.
import type { MatrixAnswer, MatrixPeer } from '../../questions/matrix/types.js';
import { comparePeers, connectionLines, groupByNamespace, peerName, peerNamespace } from './names.js';

/** Quotes a DOT id/label. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function shortLabel(p: MatrixPeer): string {
  const full = peerName(p);
  const ns = peerNamespace(p);
  return ns !== undefined && p.kind !== 'namespace' ? full.slice(ns.length + 1) : full;
}

/** The DOT graph of the answer's peers and connections. */
export function renderDot(answer: MatrixAnswer): string {
  const peers = [...answer.peers].sort(comparePeers);
  const { byNamespace, loose } = groupByNamespace(peers);
  const out = ['digraph {'];
  for (const [ns, members] of byNamespace) {
    out.push(`\tsubgraph ${dotString(`cluster_${ns}[namespace]`)} {`);
    out.push('\t\tcolor="black"', '\t\tfontcolor="black"');
    for (const p of members) {
      out.push(`\t\t${dotString(peerName(p))} [label=${dotString(shortLabel(p))} color="blue" fontcolor="blue"]`);
    }
    out.push(`\t\tlabel=${dotString(`${ns}[namespace]`)}`, '\t}');
  }
  for (const p of loose) {
    const color = p.kind === 'external' ? 'red2' : p.kind === 'ingress-controller' ? 'black' : 'blue';
    out.push(`\t${dotString(peerName(p))} [label=${dotString(peerName(p))} color="${color}" fontcolor="${color}"]`);
  }
  for (const r of connectionLines(answer.entries)) {
    out.push(`\t${dotString(r.src)} -> ${dotString(r.dst)} [label=${dotString(r.conn)} color="gold2" fontcolor="darkgreen"]`);
  }
  out.push('}');
  return out.join('\n');
}
