// The partition refinement the class engine runs per (subject, direction): the classes are split by each rule's peer
// bitset, one word (32 classes) at a time, so the cost follows groups × words, not classes.
import { fullBits, type ClassBits } from './bits.js';

/** Group ids per class, in the narrowest array that holds them. */
export type GroupArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * A partition of the classes 0..n-1 into groups, refined by `split`. Each group is a bitset with the range of words
 * [lo, hi) outside which it is zero. The partition reached does not depend on the order of the splits (it is the
 * coarsest common refinement), only the numbering of its groups does.
 */
export class Refinement {
  private readonly groups: ClassBits[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];

  /** Starts with one group holding every class (none when n = 0). */
  constructor(private readonly n: number) {
    if (n > 0) this.push(fullBits(n), 0, (n + 31) >>> 5);
  }

  /** Number of groups so far. */
  get count(): number {
    return this.groups.length;
  }

  private push(g: ClassBits, lo: number, hi: number): void {
    this.groups.push(g);
    this.lo.push(lo);
    this.hi.push(hi);
  }

  /** Splits every group into its members in `b` and those not in `b` (a group wholly on one side stays as it is). */
  split(b: ClassBits): void {
    const len = this.groups.length;
    for (let g = 0; g < len; g++) {
      const G = this.groups[g];
      const lo = this.lo[g];
      const hi = this.hi[g];
      let inside = 0;
      let outside = 0;
      for (let w = lo; w < hi; w++) {
        inside |= G[w] & b[w];
        outside |= G[w] & ~b[w];
        if (inside !== 0 && outside !== 0) break;
      }
      if (inside === 0 || outside === 0) continue;
      const a = new Uint32Array(G.length);
      const c = new Uint32Array(G.length);
      let aLo = -1;
      let aHi = 0;
      let cLo = -1;
      let cHi = 0;
      for (let w = lo; w < hi; w++) {
        const x = G[w] & b[w];
        const y = G[w] & ~b[w];
        a[w] = x;
        c[w] = y;
        if (x !== 0) {
          if (aLo < 0) aLo = w;
          aHi = w + 1;
        }
        if (y !== 0) {
          if (cLo < 0) cLo = w;
          cHi = w + 1;
        }
      }
      this.groups[g] = a;
      this.lo[g] = aLo;
      this.hi[g] = aHi;
      this.push(c, cLo, cHi);
    }
  }

  /**
   * The group of each class (`shared` is returned, untouched, when there is a single group: callers pass one zeroed
   * array for all such partitions) and one member of each group (its lowest class).
   */
  result(shared: GroupArray): { groupOf: GroupArray; reps: Int32Array } {
    const count = this.groups.length;
    const reps = new Int32Array(count);
    if (count <= 1) return { groupOf: shared, reps };
    const groupOf: GroupArray = count <= 0x100 ? new Uint8Array(this.n) : count <= 0x10000 ? new Uint16Array(this.n) : new Uint32Array(this.n);
    for (let g = 0; g < count; g++) {
      const G = this.groups[g];
      let first = -1;
      for (let w = this.lo[g]; w < this.hi[g]; w++) {
        let x = G[w];
        while (x !== 0) {
          const low = x & -x;
          const c = (w << 5) + 31 - Math.clz32(low);
          if (first < 0) first = c;
          groupOf[c] = g;
          x ^= low;
        }
      }
      reps[g] = first;
    }
    return { groupOf, reps };
  }
}
