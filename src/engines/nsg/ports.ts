// NSG port entries: `*`, a single port, or `lo-hi`, in lists ("augmented" rules).
import { PortSet } from '../net/index.js';

/** A port list resolved: `ports` the union of the valid entries (every port for `*`), `invalid` the bad entries as written. */
export interface ResolvedPorts {
  readonly ports: PortSet;
  /** True when some entry is `*` (or a range covering 0/1..65535): the rule matches flows with no port too. */
  readonly any: boolean;
  readonly invalid: readonly string[];
}

const NUM = /^(0|[1-9][0-9]{0,4})$/;

function port(s: string): number | undefined {
  if (!NUM.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/**
 * Resolves entries such as `*`, `80`, `1000-2000` (0..65535; port 0 is accepted as Azure does and means nothing
 * beyond 1..65535). Entries may also hold comma-separated lists. Never throws.
 */
export function resolvePorts(entries: readonly string[]): ResolvedPorts {
  let ports = PortSet.empty();
  let any = false;
  const invalid: string[] = [];
  for (const raw of entries) {
    for (const part of String(raw).split(',')) {
      const t = part.trim();
      if (t === '*') {
        any = true;
        ports = PortSet.all();
        continue;
      }
      const dash = t.indexOf('-');
      const lo = port(dash < 0 ? t : t.slice(0, dash).trim());
      const hi = dash < 0 ? lo : port(t.slice(dash + 1).trim());
      if (lo === undefined || hi === undefined || lo > hi) {
        invalid.push(t);
        continue;
      }
      ports = ports.union(PortSet.range(Math.max(lo, 1), hi));
    }
  }
  return { ports, any: any || ports.isAll(), invalid };
}
