// Route selection: longest prefix, then User > VirtualNetworkGateway > Default, with Azure's VNet exception.
import { cidrContainsIp, formatCidr, formatIp, type Ip } from '../net/index.js';
import { NO_TRACE, type Tracer } from '../trace-types.js';
import { SYSTEM_ROUTE, type EffectiveRoute, type NextHop, type RouteSource } from './types.js';

const SOURCE_RANK: Readonly<Record<RouteSource, number>> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };

function better(a: EffectiveRoute, b: EffectiveRoute): number {
  const pa = a.prefix?.prefix ?? -1;
  const pb = b.prefix?.prefix ?? -1;
  if (pa !== pb) return pb - pa;
  const s = SOURCE_RANK[a.source] - SOURCE_RANK[b.source];
  if (s !== 0) return s;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function isVnetSystem(r: EffectiveRoute): boolean {
  return r.source === 'Default' && (r.nextHopType === 'VnetLocal' || r.nextHopType === 'VNetPeering') && r.derived === undefined;
}

/**
 * Selects the route for `dst` among the Active routes that have a prefix: longest prefix first; on equal prefixes a
 * User route beats a gateway route beats a system route. A VNet or peering system route beats a more specific
 * gateway-learned route (Azure's exception). Records one `route` step. No covering route: None.
 */
export function selectRoute(routes: readonly EffectiveRoute[], dst: Ip, tracer: Tracer = NO_TRACE, resource = ''): NextHop {
  const candidates = routes.filter((r) => r.state === 'Active' && r.prefix && cidrContainsIp(r.prefix, dst)).sort(better);
  let chosen = candidates[0];
  if (chosen && chosen.source === 'VirtualNetworkGateway') {
    const vnet = candidates.find(isVnetSystem);
    if (vnet) chosen = vnet;
  }
  if (!chosen) {
    tracer.record({ type: 'route', action: 'drop', resource: resource || SYSTEM_ROUTE, detail: `no route covers ${formatIp(dst)}: dropped` });
    return { nextHopType: 'None', routeTableId: SYSTEM_ROUTE };
  }
  const routeTableId = chosen.source === 'User' && chosen.routeTableId ? chosen.routeTableId : SYSTEM_ROUTE;
  const hop: NextHop = {
    nextHopType: chosen.nextHopType, routeTableId, route: chosen,
    ...(chosen.nextHopType === 'VirtualAppliance' && chosen.nextHopIp ? { nextHopIp: chosen.nextHopIp } : {}),
  };
  const prefix = chosen.prefix ? formatCidr(chosen.prefix) : chosen.addressPrefix;
  const to = chosen.nextHopType === 'VirtualAppliance' ? ` ${chosen.nextHopIp ? formatIp(chosen.nextHopIp) : '(no next-hop IP)'}` : '';
  tracer.record({
    type: 'route', action: chosen.nextHopType === 'None' ? 'drop' : 'forward', resource: resource || routeTableId,
    rule: chosen.name || prefix,
    detail: `${formatIp(dst)} matches ${prefix} (${chosen.source}${chosen.name ? ` route ${chosen.name}` : ''}: ${chosen.description}) -> ${chosen.nextHopType}${to}`,
    ...(chosen.origin ? { origin: chosen.origin } : {}),
  });
  return hop;
}
