// Node counts of a pool now, at its configured maximum, and the extra nodes an upgrade surge adds.
import type { NodePool, Surge } from '../model/azure.js';

/**
 * A pool's node counts: now, at its maximum (autoscaler maxCount, else count), and the surge nodes an upgrade adds
 * at that maximum (maxSurge count, or ceil(pct × max)).
 * - `nodesNow`: `pool.count` (with autoscaling, the current count).
 * - `nodesMax`: `autoscale.max` when the autoscaler manages the pool, else `count`. Never below 0.
 * - `surge`: extra nodes during an upgrade at `nodesMax`; 0 when maxSurge is 0 or the pool has no nodes.
 */
export interface PoolScale {
  readonly pool: NodePool;
  readonly nodesNow: number;
  readonly nodesMax: number;
  readonly surge: number;
}

/** A non-negative whole number, or 0 for anything else (NaN, negative, infinite): bad input never explodes sums. */
export function wholeNonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The surge nodes an upgrade adds to a pool of `nodes` nodes: the count itself, or `ceil(percent × nodes / 100)`
 * (AKS rounds percentages up; shared/reference/aks-networking.md §9). `percent` is in percent units (10 = 10%).
 * Computed in integers where possible so 10% of 30 is exactly 3, not 4 by floating-point error.
 */
export function surgeNodes(surge: Surge, nodes: number): number {
  const n = wholeNonNegative(nodes);
  switch (surge.kind) {
    case 'count':
      return wholeNonNegative(surge.value);
    case 'percent': {
      const pct = Number.isFinite(surge.value) && surge.value > 0 ? surge.value : 0;
      if (Number.isInteger(pct)) return Math.ceil((pct * n) / 100);
      // Fractional percentages: scale to micro-percent integers first.
      const micro = Math.round(pct * 1_000_000);
      return Math.ceil((micro * n) / 100_000_000);
    }
    default: {
      const never: never = surge;
      return never;
    }
  }
}

/** A pool's node counts now, at maximum and the surge at maximum. */
export function poolScale(pool: NodePool): PoolScale {
  const nodesNow = wholeNonNegative(pool.count);
  const nodesMax = pool.autoscale ? Math.max(wholeNonNegative(pool.autoscale.max), 0) : nodesNow;
  return { pool, nodesNow, nodesMax, surge: surgeNodes(pool.maxSurge, nodesMax) };
}
