// `nexthop`: the offline Network Watcher next hop. For a VM (node, address or subnet) and a destination, selects the
// route among the subnet's effective routes and reports the next hop type, IP and route table.
import { cidrContainsIp, formatCidr, formatIp, type Ip } from '../../engines/net/index.js';
import {
  effectiveRoutes, lintRouteTable, selectRoute, type EffectiveRoute, type RouteNextHopType,
} from '../../engines/routing/index.js';
import { RecordingTracer, type Step } from '../../engines/trace-types.js';
import { deriveNodes } from '../../derive/nodes.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import { resolveTarget, targetView, type VmTargetView } from '../ipflow/target.js';

/** The question, as `az network watcher show-next-hop` asks it. `sourceIp` absent = the VM's own address. */
export interface NexthopParams {
  readonly vm: string;
  readonly sourceIp?: Ip;
  readonly destIp: Ip;
}

/** One effective route as text, for answers (`nextHopIp`/`routeTableId`/`derived` absent when not applicable). */
export interface EffectiveRouteView {
  readonly source: EffectiveRoute['source'];
  readonly state: EffectiveRoute['state'];
  readonly name: string;
  readonly addressPrefix: string;
  readonly nextHopType: RouteNextHopType;
  readonly nextHopIp?: string;
  readonly routeTableId?: string;
  readonly derived?: EffectiveRoute['derived'];
  readonly description: string;
}

/**
 * The answer. `nextHopType`, `nextHopIpAddress` (absent unless VirtualAppliance) and `routeTableId` (the UDR table
 * id or `System Route`) as az prints them; `routeName`: the selected UDR's name (node name for a per-node route),
 * absent for system routes; `addressPrefix`: the selected route's prefix (absent when no route covers the
 * destination); `routes`: the subnet's effective routes; `steps`: the trace; `diagnostics`: problems of the route
 * table.
 */
export interface NexthopAnswer {
  readonly nextHopType: RouteNextHopType;
  readonly nextHopIpAddress?: string;
  readonly routeTableId: string;
  readonly routeName?: string;
  readonly addressPrefix?: string;
  readonly target: VmTargetView;
  readonly sourceIp: string;
  readonly destIp: string;
  readonly routes: readonly EffectiveRouteView[];
  readonly steps: readonly Step[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The answer, or why the question cannot be answered (unknown VM, source outside the VM's subnet). */
export type NexthopResult = { readonly ok: true; readonly answer: NexthopAnswer } | { readonly ok: false; readonly error: string };

/** The text view of an effective route. */
export function routeView(r: EffectiveRoute): EffectiveRouteView {
  return {
    source: r.source, state: r.state, name: r.name, addressPrefix: r.prefix ? formatCidr(r.prefix) : r.addressPrefix,
    nextHopType: r.nextHopType, ...(r.nextHopIp ? { nextHopIp: formatIp(r.nextHopIp) } : {}),
    ...(r.routeTableId ? { routeTableId: r.routeTableId } : {}), ...(r.derived ? { derived: r.derived } : {}), description: r.description,
  };
}

/** Answers one next-hop question. A pure function of the model and the parameters. */
export function nexthop(model: Model, params: NexthopParams): NexthopResult {
  const nodes = deriveNodes(model);
  const target = resolveTarget(model, nodes, params.vm);
  if (typeof target === 'string') return { ok: false, error: target };
  const source = params.sourceIp ?? target.ip;
  if (!source) return { ok: false, error: `--vm ${params.vm} is a subnet: give --source-ip` };
  if (!target.subnet.prefixes.some((p) => cidrContainsIp(p, source))) {
    return { ok: false, error: `--source-ip ${formatIp(source)} is not inside subnet ${target.subnet.name} of --vm ${params.vm}` };
  }
  const routes = effectiveRoutes(model, target.subnet.id, nodes);
  const tracer = new RecordingTracer();
  const hop = selectRoute(routes, params.destIp, tracer);
  const rt = target.subnet.routeTableId ? model.routeTables.find((r) => r.id === target.subnet.routeTableId) : undefined;
  return {
    ok: true,
    answer: {
      nextHopType: hop.nextHopType, ...(hop.nextHopIp ? { nextHopIpAddress: formatIp(hop.nextHopIp) } : {}),
      routeTableId: hop.routeTableId,
      ...(hop.route && hop.route.source === 'User' ? { routeName: hop.route.name } : {}),
      ...(hop.route ? { addressPrefix: hop.route.prefix ? formatCidr(hop.route.prefix) : hop.route.addressPrefix } : {}),
      target: targetView(target), sourceIp: formatIp(source), destIp: formatIp(params.destIp),
      routes: routes.map(routeView), steps: tracer.steps, diagnostics: rt ? lintRouteTable(rt) : [],
    },
  };
}
