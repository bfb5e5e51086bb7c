// Mermaid flowchart: one subgraph per namespace, nodes n0, n1, … in peer order, edges labelled with the
// connection set. Only pairs with connections are drawn.
import type { MatrixAnswer, MatrixPeer } from '../../questions/matrix/types.js';
import { comparePeers, compareStrings, connectionLines, peerName, peerNamespace } from './names.js';

/** Text safe inside a Mermaid quoted label (double quotes become #quot;). */
export function mermaidLabel(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

/** The Mermaid `flowchart LR` text. */
export function renderMermaid(answer: MatrixAnswer): string {
  const peers = [...answer.peers].sort(comparePeers);
  const ids = new Map<string, string>();
  peers.forEach((p, i) => ids.set(peerName(p), `n${i}`));
  const byNs = new Map<string, MatrixPeer[]>();
  const loose: MatrixPeer[] = [];
  for (const p of peers) {
    const ns = p.kind === 'namespace' ? undefined : peerNamespace(p);
    if (ns === undefined) loose.push(p);
    else byNs.set(ns, [...(byNs.get(ns) ?? []), p]);
  }
  const out = ['flowchart LR'];
  let sg = 0;
  for (const ns of [...byNs.keys()].sort(compareStrings)) {
    out.push(`  subgraph ns${sg++}[${mermaidLabel(ns)}]`);
    for (const p of byNs.get(ns) ?? []) out.push(`    ${ids.get(peerName(p))}[${mermaidLabel(peerName(p))}]`);
    out.push('  end');
  }
  for (const p of loose) out.push(`  ${ids.get(peerName(p))}[${mermaidLabel(peerName(p))}]`);
  for (const r of connectionLines(answer.entries)) {
    out.push(`  ${ids.get(r.src) ?? '?'} -->|${mermaidLabel(r.conn)}| ${ids.get(r.dst) ?? '?'}`);
  }
  return out.join('\n');
}
