// `kind: Network` → VNet, subnets, route tables and NSGs, through the shared ARM-shape converter (adapt/aks), plus
// peered address spaces and on-premises ranges; application security groups, public IPs and NICs in nics.ts.
import type { SourceDocument } from '../../load/document.js';
import { originAt } from '../../load/document.js';
import { formatCidr } from '../../engines/net/index.js';
import type { ArmNsg, ArmRouteTable, ArmSecurityRule, ArmSubnet, ArmVNet, ConvertOptions } from '../aks/arm-shape.js';
import { convertNsg, convertRouteTable, convertVNet } from '../aks/convert.js';
import { checkCidr, type Fields } from '../aks/fields.js';
import type { AdaptContext } from '../context.js';
import { NATIVE_CODES } from './codes.js';
import { readAsgs, readNics, readPublicIps } from './nics.js';
import { OriginMap } from './origin-map.js';
import { fieldsAt, NATIVE_RESOURCE_GROUP, nativeIds, requireStr, warnUnknownNative } from './reader.js';

const OPTS: ConvertOptions = { source: 'native', resourceGroup: NATIVE_RESOURCE_GROUP };

const SPEC_FIELDS = ['addressSpace', 'location', 'subnets', 'routeTables', 'nsgs', 'peerings', 'onPremises', 'applicationSecurityGroups',
  'publicIps', 'networkInterfaces'];
const SUBNET_FIELDS = ['name', 'prefix', 'prefixes', 'routeTable', 'nsg'];
const ROUTE_TABLE_FIELDS = ['name', 'routes', 'disableBgpRoutePropagation'];
const ROUTE_FIELDS = ['name', 'prefix', 'nextHopType', 'nextHopIp'];
const NSG_FIELDS = ['name', 'rules'];
const RULE_FIELDS = ['name', 'priority', 'direction', 'access', 'protocol', 'source', 'sourcePorts', 'destination', 'destinationPorts',
  'sourceAsgs', 'destinationAsgs'];
const PEERING_FIELDS = ['name', 'addressSpace'];

/** Reads a `kind: Network` document (metadata already checked by the caller; `name` is the network's name). */
export function adaptNetwork(doc: SourceDocument, name: string, ctx: AdaptContext): void {
  const spec = fieldsAt(doc, ['spec'], ctx);
  if (!spec) {
    ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `Network ${name} has no spec object`, originAt(doc, ['spec']), 'add spec.addressSpace and spec.subnets');
    return;
  }
  warnUnknownNative(spec, SPEC_FIELDS, `Network ${name} spec`, ctx);
  const rtNames = new Set<string>();
  const nsgNames = new Set<string>();
  // ASGs first: NSG rules and NICs name them.
  const asgNames = readAsgs(spec, ctx);

  // Route tables and NSGs first, so subnets can check their names.
  for (const rt of spec.objects('routeTables')) {
    const arm = routeTableOf(rt, name, ctx);
    if (!arm) continue;
    if (convertRouteTable(arm.value, arm.map.fn, ctx, OPTS)) rtNames.add(String(arm.value.name));
  }
  for (const n of spec.objects('nsgs')) {
    const arm = nsgOf(n, name, asgNames, ctx);
    if (!arm) continue;
    if (convertNsg(arm.value, arm.map.fn, ctx, OPTS)) nsgNames.add(String(arm.value.name));
  }

  const map = new OriginMap({ ...spec.origin, kind: 'Network', name });
  const vnet: ArmVNet = { name, id: nativeIds.vnet(name), location: spec.str('location') ?? null };
  map.set(['location'], spec.originOf('location'));
  if (spec.has('addressSpace')) {
    vnet.addressSpace = { addressPrefixes: spec.find('addressSpace')?.value as string[] };
    map.set(['addressSpace'], spec.originOf('addressSpace'));
    spec.list('addressSpace').forEach((item, i) => map.set(['addressSpace', 'addressPrefixes', i], item.at([])));
  } else {
    ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `Network ${name} has no addressSpace`, spec.origin, 'add spec.addressSpace: [10.0.0.0/16]');
  }
  const subnets: ArmSubnet[] = [];
  for (const s of spec.objects('subnets')) {
    const sub = subnetOf(s, name, rtNames, nsgNames, ctx);
    if (!sub) continue;
    const i = subnets.length;
    subnets.push(sub.value);
    for (const [p, o] of sub.origins) map.set(['subnets', i, ...p], o);
  }
  vnet.subnets = subnets;
  const peerings: unknown[] = [];
  for (const p of spec.objects('peerings')) {
    warnUnknownNative(p, PEERING_FIELDS, `peering of Network ${name}`, ctx);
    const i = peerings.length;
    peerings.push({ name: p.str('name') ?? `peering${i}`, remoteAddressSpace: { addressPrefixes: p.find('addressSpace')?.value ?? [] } });
    map.set(['virtualNetworkPeerings', i], p.origin);
    p.list('addressSpace').forEach((item, j) => map.set(['virtualNetworkPeerings', i, 'remoteAddressSpace', 'addressPrefixes', j], item.at([])));
  }
  vnet.virtualNetworkPeerings = peerings;
  convertVNet(vnet, map.fn, ctx, OPTS);
  const pipNames = readPublicIps(spec, name, ctx);
  readNics(spec, name, { subnets: new Set(subnets.map((s) => String(s.name))), nsgs: nsgNames }, asgNames, pipNames, ctx);

  for (const s of spec.strings('onPremises')) {
    const cidr = checkCidr(s.text, 'onPremises', s.origin, ctx.diagnostics);
    if (cidr) ctx.builder.externalRanges.push({ name: `${name}/onPremises/${formatCidr(cidr)}`, cidr, origin: { ...s.origin, kind: 'onPremises', name } });
  }
}

type Origins = [readonly (string | number)[], ReturnType<Fields['originOf']>][];

function subnetOf(s: Fields, network: string, rtNames: ReadonlySet<string>, nsgNames: ReadonlySet<string>, ctx: AdaptContext):
  { value: ArmSubnet; origins: Origins } | undefined {
  const name = requireStr(s, 'name', `a subnet of Network ${network}`, ctx);
  if (!name) return undefined;
  warnUnknownNative(s, SUBNET_FIELDS, `subnet ${name}`, ctx);
  const origins: Origins = [[[], { ...s.origin, kind: 'subnet', name }]];
  const value: ArmSubnet = { name, id: nativeIds.subnet(network, name) };
  if (s.has('prefixes')) {
    value.addressPrefixes = s.find('prefixes')?.value as string[];
    origins.push([['addressPrefixes'], s.originOf('prefixes')]);
    s.list('prefixes').forEach((item, j) => origins.push([['addressPrefixes', j], item.at([])]));
  } else if (s.has('prefix')) {
    value.addressPrefix = s.find('prefix')?.value as string;
    origins.push([['addressPrefix'], s.originOf('prefix')]);
  } else {
    ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `subnet ${name} of Network ${network} has no prefix`, s.origin, 'add prefix: 10.0.0.0/24');
  }
  const ref = (field: 'routeTable' | 'nsg', names: ReadonlySet<string>, list: string): string | undefined => {
    const ref = s.str(field);
    if (ref === undefined) return undefined;
    if (!names.has(ref)) {
      ctx.diagnostics.error(NATIVE_CODES.DANGLING_NAME, `subnet ${name} names ${field} "${ref}", which Network ${network} does not declare`,
        s.originOf(field), `add it to spec.${list} or fix the name (declared: ${[...names].sort().join(', ') || 'none'})`);
      return undefined;
    }
    return ref;
  };
  const rt = ref('routeTable', rtNames, 'routeTables');
  if (rt !== undefined) {
    value.routeTable = { id: nativeIds.routeTable(rt) };
    origins.push([['routeTable'], s.originOf('routeTable')]);
  }
  const nsg = ref('nsg', nsgNames, 'nsgs');
  if (nsg !== undefined) {
    value.networkSecurityGroup = { id: nativeIds.nsg(nsg) };
    origins.push([['networkSecurityGroup'], s.originOf('nsg')]);
  }
  return { value, origins };
}

function routeTableOf(rt: Fields, network: string, ctx: AdaptContext): { value: ArmRouteTable; map: OriginMap } | undefined {
  const name = requireStr(rt, 'name', `a route table of Network ${network}`, ctx);
  if (!name) return undefined;
  warnUnknownNative(rt, ROUTE_TABLE_FIELDS, `route table ${name}`, ctx);
  const map = new OriginMap(rt.origin);
  const routes: unknown[] = [];
  for (const r of rt.objects('routes')) {
    warnUnknownNative(r, ROUTE_FIELDS, `a route of route table ${name}`, ctx);
    const i = routes.length;
    routes.push({
      name: r.find('name')?.value ?? null, addressPrefix: r.find('prefix')?.value ?? null,
      nextHopType: r.find('nextHopType')?.value ?? null, nextHopIpAddress: r.find('nextHopIp')?.value ?? null,
    });
    map.set(['routes', i], r.origin);
    for (const [arm, nat] of [['name', 'name'], ['addressPrefix', 'prefix'], ['nextHopType', 'nextHopType'], ['nextHopIpAddress', 'nextHopIp']]) {
      if (r.has(nat!)) map.set(['routes', i, arm!], r.originOf(nat!));
    }
  }
  const value: ArmRouteTable = { name, id: nativeIds.routeTable(name), routes: routes as ArmRouteTable['routes'] };
  if (rt.has('disableBgpRoutePropagation')) {
    value.disableBgpRoutePropagation = rt.find('disableBgpRoutePropagation')?.value as boolean;
    map.set(['disableBgpRoutePropagation'], rt.originOf('disableBgpRoutePropagation'));
  }
  return { value, map };
}

function nsgOf(n: Fields, network: string, asgNames: ReadonlySet<string>, ctx: AdaptContext): { value: ArmNsg; map: OriginMap } | undefined {
  const name = requireStr(n, 'name', `an NSG of Network ${network}`, ctx);
  if (!name) return undefined;
  warnUnknownNative(n, NSG_FIELDS, `NSG ${name}`, ctx);
  const map = new OriginMap(n.origin);
  const rules: ArmSecurityRule[] = [];
  for (const r of n.objects('rules')) {
    warnUnknownNative(r, RULE_FIELDS, `a rule of NSG ${name}`, ctx);
    const i = rules.length;
    const rule: ArmSecurityRule = {};
    map.set(['securityRules', i], r.origin);
    for (const k of ['name', 'priority', 'direction', 'access', 'protocol']) {
      if (!r.has(k)) continue;
      rule[k] = r.find(k)?.value;
      map.set(['securityRules', i, k], r.originOf(k));
    }
    // Address and port fields: a string is the singular ARM field, a list the plural one.
    for (const [nat, singular, plural] of [
      ['source', 'sourceAddressPrefix', 'sourceAddressPrefixes'], ['sourcePorts', 'sourcePortRange', 'sourcePortRanges'],
      ['destination', 'destinationAddressPrefix', 'destinationAddressPrefixes'], ['destinationPorts', 'destinationPortRange', 'destinationPortRanges'],
    ] as const) {
      const v = r.find(nat)?.value;
      if (v === undefined) continue;
      const key = Array.isArray(v) ? plural : singular;
      (rule as Record<string, unknown>)[key] = typeof v === 'number' ? String(v) : v;
      map.set(['securityRules', i, key], r.originOf(nat));
      if (Array.isArray(v)) r.list(nat).forEach((item, j) => map.set(['securityRules', i, key, j], item.at([])));
    }
    // ASG sides: names of spec.applicationSecurityGroups (in place of addresses).
    for (const [nat, key] of [['sourceAsgs', 'sourceApplicationSecurityGroups'], ['destinationAsgs', 'destinationApplicationSecurityGroups']] as const) {
      const ids: { id: string }[] = [];
      for (const a of r.strings(nat)) {
        if (!asgNames.has(a.text)) {
          ctx.diagnostics.error(NATIVE_CODES.DANGLING_NAME, `${nat} "${a.text}" of a rule of NSG ${name} is not declared in spec.applicationSecurityGroups of Network ${network}`,
            a.origin, `add it to spec.applicationSecurityGroups or fix the name (declared: ${[...asgNames].sort().join(', ') || 'none'})`);
          continue;
        }
        map.set(['securityRules', i, key, ids.length], a.origin);
        ids.push({ id: nativeIds.asg(a.text) });
      }
      if (ids.length > 0) (rule as Record<string, unknown>)[key] = ids;
    }
    rules.push(rule);
  }
  return { value: { name, id: nativeIds.nsg(name), securityRules: rules }, map };
}
