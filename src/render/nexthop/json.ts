// `aksnet nexthop --format json`: az's keys first (`nextHopIpAddress`, `nextHopType`, `routeTableId`), then aksnet's
// explanation.
import type { NexthopAnswer } from '../../questions/nexthop/index.js';

/**
 * The answer as JSON. `nextHopIpAddress` is null when the hop has no address (az prints null too). `routes` only with
 * `withRoutes`.
 */
export function renderNexthopJson(a: NexthopAnswer, withRoutes = false): string {
  return JSON.stringify({
    nextHopIpAddress: a.nextHopIpAddress ?? null,
    nextHopType: a.nextHopType,
    routeTableId: a.routeTableId,
    routeName: a.routeName ?? null,
    addressPrefix: a.addressPrefix ?? null,
    target: a.target,
    sourceIp: a.sourceIp,
    destIp: a.destIp,
    steps: a.steps,
    ...(withRoutes ? { routes: a.routes } : {}),
  }, null, 2) + '\n';
}
