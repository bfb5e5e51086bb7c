// Converts character offsets into 1-based line and column numbers.
import type { Position } from '../model/origin.js';

/** Line starts of a text, for offset → position lookups by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** The 1-based line and column of a 0-based offset (clamped into the text). */
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    const off = Math.max(0, offset);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - this.starts[lo]! + 1 };
  }
}
