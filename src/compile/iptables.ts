// A small builder for `iptables-save` text of the filter table: chains in declaration order, rules in append order.

const BUILTIN = ['INPUT', 'FORWARD', 'OUTPUT'] as const;

/** iptables' limit on user chain names (XT_EXTENSION_MAXNAMELEN - 1). */
export const MAX_CHAIN_NAME = 28;

/** The filter table being written. Built-in chains always exist with policy ACCEPT. */
export class FilterTable {
  private readonly chains: string[] = [];
  private readonly rules = new Map<string, string[]>();

  constructor() {
    for (const c of BUILTIN) this.rules.set(c, []);
  }

  /** Declares user chain `name` (idempotent). */
  chain(name: string): void {
    if (name.length > MAX_CHAIN_NAME) throw new RangeError(`chain name too long: ${name}`);
    if (this.rules.has(name)) return;
    this.chains.push(name);
    this.rules.set(name, []);
  }

  /** True when the chain was declared. */
  has(name: string): boolean {
    return this.rules.has(name);
  }

  /** Appends a rule: `parts` are the match and target words after `-A <chain>`, already quoted where needed. */
  append(chain: string, ...parts: string[]): void {
    const list = this.rules.get(chain);
    if (list === undefined) throw new RangeError(`undeclared chain ${chain}`);
    list.push(parts.filter((p) => p !== '').join(' '));
  }

  /** The `iptables-save` text. */
  render(header: string): string {
    const out: string[] = [`# ${header}`, '*filter'];
    for (const c of BUILTIN) out.push(`:${c} ACCEPT [0:0]`);
    for (const c of this.chains) out.push(`:${c} - [0:0]`);
    for (const c of [...BUILTIN, ...this.chains]) for (const r of this.rules.get(c) ?? []) out.push(`-A ${c} ${r}`);
    out.push('COMMIT', '');
    return out.join('\n');
  }
}

/** `-m comment --comment "<text>"` with the text made safe for iptables-restore (no quotes, ≤ 255 characters). */
export function comment(text: string): string {
  const safe = text.replace(/["\\\n\r\t]/g, '_').slice(0, 255);
  return `-m comment --comment "${safe}"`;
}

/** `-m set --match-set <set> <dir>` (negated with `!`). `dir` is `src`, `dst` or `dst,dst` (ip,port sets). */
export function matchSet(set: string, dir: string, negate = false): string {
  return `-m set ${negate ? '! ' : ''}--match-set ${set} ${dir}`;
}

/** `-p <proto> -m <proto> --dport a[:b]` for one port range (no --dport for the whole range). */
export function protoPort(protocol: 'TCP' | 'UDP' | 'SCTP', lo?: number, hi?: number): string {
  const p = protocol.toLowerCase();
  if (lo === undefined || (lo <= 1 && (hi ?? lo) >= 65535)) return `-p ${p}`;
  const port = hi !== undefined && hi !== lo ? `${lo}:${hi}` : `${lo}`;
  return `-p ${p} -m ${p} --dport ${port}`;
}
