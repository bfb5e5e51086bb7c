// Problems in a route table that change what the route engine can say.
import type { RouteTable } from '../../model/azure.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { PACKET_CODES } from '../nsg/codes.js';

/** Diagnostics for one route table: service-tag prefixes (not selectable offline), VirtualAppliance without an IP. */
export function lintRouteTable(rt: RouteTable): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of rt.routes) {
    if (!r.cidr) {
      out.push({ code: PACKET_CODES.ROUTE_SERVICE_TAG, severity: 'warning', resource: rt.name, origin: r.origin,
        message: `route table ${rt.name} route ${r.name}: prefix ${r.addressPrefix} is a service tag; it takes no part in offline route selection`,
        hint: 'use explicit CIDR prefixes to have aksnet evaluate this route' });
    }
    if (r.nextHopType === 'VirtualAppliance' && !r.nextHopIp) {
      out.push({ code: PACKET_CODES.ROUTE_MISSING_NEXT_HOP_IP, severity: 'error', resource: rt.name, origin: r.origin,
        message: `route table ${rt.name} route ${r.name}: next hop VirtualAppliance without nextHopIpAddress`,
        hint: 'set nextHopIpAddress to the appliance (or internal load balancer) address' });
    }
  }
  return out;
}
