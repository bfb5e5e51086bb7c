// DOT and Mermaid renderings of a trace: a chain of hop nodes, the blocking hop in red, rewrites on the edges.
import type { TraceAnswer } from '../../questions/trace/index.js';

function label(a: TraceAnswer, i: number): string {
  const h = a.trace.hops[i]!;
  return `${h.component}: ${h.resource}${h.rule ? ` (${h.rule})` : ''} ${h.action}`;
}

function edgeLabel(a: TraceAnswer, i: number): string {
  return a.trace.hops[i]!.rewrites.map((r) => `${r.field} ${r.old}→${r.new}`).join(', ');
}

const dotEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** Graphviz DOT: `digraph trace { h0 -> h1 -> ... -> end }`. */
export function renderTraceDot(a: TraceAnswer): string {
  const t = a.trace;
  const lines = ['digraph trace {', '  rankdir=LR;', '  node [shape=box, fontname="monospace"];'];
  t.hops.forEach((_, i) => {
    const red = t.blockingHop === i ? ', color=red, fontcolor=red' : '';
    lines.push(`  h${i} [label="${dotEscape(label(a, i))}"${red}];`);
  });
  lines.push(`  end [shape=ellipse, label="${dotEscape(t.disposition)}"${t.delivered ? ', color=darkgreen' : ', color=red'}];`);
  t.hops.forEach((_, i) => {
    const next = i + 1 < t.hops.length ? `h${i + 1}` : 'end';
    const l = edgeLabel(a, i);
    lines.push(`  h${i} -> ${next}${l ? ` [label="${dotEscape(l)}"]` : ''};`);
  });
  lines.push('}');
  return lines.join('\n');
}

const mmEscape = (s: string): string => s.replace(/"/g, '#quot;');

/** Mermaid flowchart (left to right). */
export function renderTraceMermaid(a: TraceAnswer): string {
  const t = a.trace;
  const lines = ['flowchart LR'];
  t.hops.forEach((_, i) => lines.push(`  h${i}["${mmEscape(label(a, i))}"]`));
  lines.push(`  end_(("${mmEscape(t.disposition)}"))`);
  t.hops.forEach((_, i) => {
    const next = i + 1 < t.hops.length ? `h${i + 1}` : 'end_';
    const l = edgeLabel(a, i);
    lines.push(`  h${i} -->${l ? `|"${mmEscape(l)}"|` : ''} ${next}`);
  });
  if (t.blockingHop !== undefined) lines.push(`  style h${t.blockingHop} stroke:#d00,stroke-width:3px`);
  return lines.join('\n');
}
