// External address ranges as matrix peers. The engine's atoms split the address space at every CIDR any policy
// mentions; netpol-analyzer prints ranges per direction, split only at the CIDRs of rules of that direction
// (ingress rules for traffic from outside, egress rules for traffic to outside). `directionalRanges` coarsens the
// atoms accordingly, merging two neighbours only when no same-direction CIDR separates them AND every pod class
// gets the same connections from both, so the merge never changes an answer.
import { cidrFirst, cidrLast, type Cidr, type ConnSet, type IpFamily } from '../../engines/net/index.js';
import type { Direction, NormalizedPolicy } from '../../model/policy.js';

/** An inclusive address range of one family. */
export interface ExternalRange {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** Range starts (`family:value`) where a CIDR of a rule of `direction` begins or ends (one past its last address). */
export function cidrBoundaries(policies: readonly NormalizedPolicy[], direction: Direction): Set<string> {
  const out = new Set<string>();
  const add = (c: Cidr): void => {
    out.add(`${c.family}:${cidrFirst(c)}`);
    out.add(`${c.family}:${cidrLast(c) + 1n}`);
  };
  for (const p of policies) {
    for (const r of p.rules) {
      if (r.direction !== direction || r.peers === 'any') continue;
      for (const peer of r.peers) {
        if (peer.kind !== 'ipblock') continue;
        add(peer.cidr);
        peer.except.forEach(add);
      }
    }
  }
  return out;
}

/**
 * Merges neighbouring `atoms` (sorted by family and address, as the engine returns them) into the ranges of one
 * direction. `conns(i)` is the list of per-class connection sets of atom i in that direction (same class order for
 * every atom). Returns the merged ranges with the index of one atom of each (to read its connections).
 */
export function directionalRanges(
  atoms: readonly ExternalRange[],
  boundaries: ReadonlySet<string>,
  conns: (atom: number) => readonly ConnSet[],
): { range: ExternalRange; atom: number }[] {
  const out: { range: ExternalRange; atom: number }[] = [];
  const same = (a: number, b: number): boolean => {
    const ca = conns(a);
    const cb = conns(b);
    return ca.length === cb.length && ca.every((c, i) => c.equals(cb[i]!));
  };
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    const last = out[out.length - 1];
    if (
      last && last.range.family === a.family && last.range.hi + 1n === a.lo &&
      !boundaries.has(`${a.family}:${a.lo}`) && same(last.atom, i)
    ) {
      last.range = { family: a.family, lo: last.range.lo, hi: a.hi };
      continue;
    }
    out.push({ range: a, atom: i });
  }
  return out;
}
