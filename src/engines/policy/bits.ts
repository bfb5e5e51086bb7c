// Bitsets over class ids (0..n-1): the representation of every "which classes" answer in the class engine.

/** A set of class ids: bit c of word c >>> 5. Length = words for the class count; bits past the count are zero. */
export type ClassBits = Uint32Array;

/** An empty set over `n` classes. */
export function emptyBits(n: number): ClassBits {
  return new Uint32Array((n + 31) >>> 5);
}

/** The set of every class 0..n-1. */
export function fullBits(n: number): ClassBits {
  const b = emptyBits(n);
  b.fill(0xffffffff);
  if ((n & 31) !== 0) b[b.length - 1] = (1 << (n & 31)) - 1;
  return b;
}

/** Adds class c. */
export function setBit(b: ClassBits, c: number): void {
  b[c >>> 5] |= 1 << (c & 31);
}

/** True when class c is in b. */
export function hasBit(b: ClassBits, c: number): boolean {
  return ((b[c >>> 5] >>> (c & 31)) & 1) === 1;
}

/** Calls f for each class in b, ascending. */
export function forEachBit(b: ClassBits, f: (c: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let x = b[w];
    while (x !== 0) {
      const low = x & -x;
      f((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}

/** The classes for which `pred` holds. */
export function bitsWhere(n: number, pred: (c: number) => boolean): ClassBits {
  const b = emptyBits(n);
  for (let c = 0; c < n; c++) if (pred(c)) setBit(b, c);
  return b;
}

/** a ∩ b, new. */
export function andBits(a: ClassBits, b: ClassBits): ClassBits {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & b[w];
  return out;
}

/** a ∪= b, in place; returns a. */
export function orInto(a: ClassBits, b: ClassBits): ClassBits {
  for (let w = 0; w < a.length; w++) a[w] |= b[w];
  return a;
}

/** a \ b, new. */
export function andNotBits(a: ClassBits, b: ClassBits): ClassBits {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & ~b[w];
  return out;
}
