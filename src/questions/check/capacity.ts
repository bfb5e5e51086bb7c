// What-if arithmetic over the derived range demands: how far a pool could grow, or a range shrink, and still fit.
import type { RangeContribution, RangeDemand } from '../../derive/demand.js';
import { surgeNodes } from '../../derive/scale.js';
import type { Cluster, NodePool } from '../../model/azure.js';
import type { Model } from '../../model/model.js';

/** A pool that uses a range, found back from a demand contribution. */
export interface ContributingPool {
  readonly cluster: Cluster;
  readonly pool: NodePool;
  readonly contribution: RangeContribution;
}

/** The model pools behind a demand's contributions (contributions naming unknown pools are left out). */
export function contributingPools(model: Model, d: RangeDemand): ContributingPool[] {
  return d.contributions.flatMap((c) => {
    const cluster = model.clusters.find((x) => x.name === c.cluster && (d.clusterId === undefined || x.id === d.clusterId));
    const pool = cluster?.pools.find((p) => p.name === c.pool);
    return cluster && pool ? [{ cluster, pool, contribution: c }] : [];
  });
}

/**
 * The largest node maximum (maxCount, or count without autoscaler) pool `p` could have, with its own surge on top,
 * while every other contribution stays as it is and the range still fits; undefined when even 0 nodes do not fit.
 */
export function largestFittingMax(d: RangeDemand, p: ContributingPool): number | undefined {
  const per = p.contribution.perNode;
  const free = d.available - (d.requiredMax - p.contribution.total);
  if (free < 0) return undefined;
  if (per <= 0) return Number.POSITIVE_INFINITY;
  const room = Math.floor(free / per);
  // nodes + surge(nodes) grows with nodes, so step down from the room until it fits (surge ≤ nodes keeps this short
  // for percentages; for a fixed count it is one step).
  let n = room;
  while (n > 0 && n + surgeNodes(p.pool.maxSurge, n) > room) n--;
  return n + surgeNodes(p.pool.maxSurge, n) <= room ? n : undefined;
}

/** The largest maxSurge node count pool `p` could use at its current maximum; undefined when none fits (not even 0). */
export function largestFittingSurge(d: RangeDemand, p: ContributingPool, nodesMax: number): number | undefined {
  const per = p.contribution.perNode;
  const free = d.available - (d.requiredMax - p.contribution.total);
  if (per <= 0) return undefined;
  const s = Math.floor(free / per) - nodesMax;
  return s >= 0 ? s : undefined;
}
