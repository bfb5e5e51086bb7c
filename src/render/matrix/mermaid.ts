// Mermaid flowchart: one subgraph per namespace, nodes n0, n1, … in peer order, edges labelled with the
// connection set. Only pairs with connections are drawn.
import type { MatrixAnswer } from '../../questions/matrix/types.js';
import { comparePeers, connectionLines, groupByNamespace, peerName } from './names.js';

/** Text safe inside a Mermaid quoted label (double quotes become #quot;). */
export function mermaidLabel(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

/** The Mermaid `flowchart LR` text. */
export function renderMermaid(answer: MatrixAnswer): string {
  const peers = [...answer.peers].sort(comparePeers);
  const ids = new Map<string, string>();
  peers.forEach((p, i) => ids.set(peerName(p), `n${i}`));
  const { byNamespace, loose } = groupByNamespace(peers);
  const out = ['flowchart LR'];
  let sg = 0;
  for (const [ns, members] of byNamespace) {
    out.push(`  subgraph ns${sg++}[${mermaidLabel(ns)}]`);
    for (const p of members) out.push(`    ${ids.get(peerName(p))}[${mermaidLabel(peerName(p))}]`);
    out.push('  end');
  }
  for (const p of loose) out.push(`  ${ids.get(peerName(p))}[${mermaidLabel(peerName(p))}]`);
  for (const r of connectionLines(answer.entries)) {
    out.push(`  ${ids.get(r.src) ?? '?'} -->|${mermaidLabel(r.conn)}| ${ids.get(r.dst) ?? '?'}`);
  }
  return out.join('\n');
}
