// `kind: Network` sections for VMs that are not cluster nodes: `applicationSecurityGroups` (names), `publicIps` and
// `networkInterfaces`, read into ARM shapes and converted by the shared converter (adapt/aks/network-interfaces.ts,
// source 'native'). Names refer to objects of the same Network: a NIC's `nsg` to `nsgs`, an IP configuration's
// `subnet` to `subnets`, `applicationSecurityGroups` to `applicationSecurityGroups`, `publicIp` to `publicIps`; a name
// the Network does not declare is an error (AKS1203) and the reference is dropped.
import type { ConvertOptions } from '../aks/arm-shape.js';
import type { Fields } from '../aks/fields.js';
import { convertAsg, convertNic, convertPublicIp } from '../aks/network-interfaces.js';
import type { AdaptContext } from '../context.js';
import { NATIVE_CODES } from './codes.js';
import { OriginMap } from './origin-map.js';
import { NATIVE_RESOURCE_GROUP, nativeIds, requireStr, warnUnknownNative } from './reader.js';

const OPTS: ConvertOptions = { source: 'native', resourceGroup: NATIVE_RESOURCE_GROUP };
const PUBLIC_IP_FIELDS = ['name', 'sku', 'allocation', 'address'];
const NIC_FIELDS = ['name', 'vm', 'nsg', 'ipConfigurations'];
const IP_CONFIG_FIELDS = ['name', 'subnet', 'privateIp', 'applicationSecurityGroups', 'publicIp'];

type Obj = Record<string, unknown>;

/** Names declared in one Network, to check references against. */
export interface NetworkNames {
  readonly subnets: ReadonlySet<string>;
  readonly nsgs: ReadonlySet<string>;
}

/** A name that must be among `declared` (spec.<list>): reported (AKS1203) and undefined when it is not. */
function declared(f: Fields, field: string, text: string, names: ReadonlySet<string>, list: string, network: string, ctx: AdaptContext,
  origin = f.originOf(field)): string | undefined {
  if (names.has(text)) return text;
  ctx.diagnostics.error(NATIVE_CODES.DANGLING_NAME, `${field} "${text}" is not declared in spec.${list} of Network ${network}`, origin,
    `add it to spec.${list} or fix the name (declared: ${[...names].sort().join(', ') || 'none'})`);
  return undefined;
}

/**
 * Reads `applicationSecurityGroups` (a list of names) and returns the declared names; the ASGs are added to the
 * model.
 */
export function readAsgs(spec: Fields, ctx: AdaptContext): Set<string> {
  const out = new Set<string>();
  for (const a of spec.strings('applicationSecurityGroups')) {
    const name = a.text.trim();
    if (name === '') continue;
    if (convertAsg({ name, id: nativeIds.asg(name) }, () => ({ ...a.origin, kind: 'applicationSecurityGroup', name }), ctx, OPTS)) out.add(name);
  }
  return out;
}

/** Reads `publicIps` (`name`, `sku`, `allocation`, `address`) and returns the declared names. */
export function readPublicIps(spec: Fields, network: string, ctx: AdaptContext): Set<string> {
  const out = new Set<string>();
  for (const p of spec.objects('publicIps')) {
    const name = requireStr(p, 'name', `a public IP of Network ${network}`, ctx);
    if (!name) continue;
    warnUnknownNative(p, PUBLIC_IP_FIELDS, `public IP ${name}`, ctx);
    const map = new OriginMap({ ...p.origin, kind: 'publicIp', name });
    const arm: Obj = { name, id: nativeIds.publicIp(name) };
    for (const [nat, key] of [['sku', 'sku'], ['allocation', 'publicIPAllocationMethod'], ['address', 'ipAddress']] as const) {
      if (!p.has(nat)) continue;
      arm[key] = p.find(nat)?.value;
      map.set([key], p.originOf(nat));
    }
    if (convertPublicIp(arm, map.fn, ctx, OPTS)) out.add(name);
  }
  return out;
}

/** Reads `networkInterfaces`: each NIC with its VM, NSG and IP configurations. */
export function readNics(spec: Fields, network: string, names: NetworkNames, asgs: ReadonlySet<string>, pips: ReadonlySet<string>, ctx: AdaptContext): void {
  for (const n of spec.objects('networkInterfaces')) {
    const name = requireStr(n, 'name', `a network interface of Network ${network}`, ctx);
    if (!name) continue;
    warnUnknownNative(n, NIC_FIELDS, `network interface ${name}`, ctx);
    const map = new OriginMap({ ...n.origin, kind: 'networkInterface', name });
    const arm: Obj = { name, id: nativeIds.nic(name) };
    const vm = n.str('vm');
    if (vm !== undefined && vm.trim() !== '') {
      arm.virtualMachine = { id: `${nativeIds.vm(vm.trim())}` };
      map.set(['virtualMachine'], n.originOf('vm'));
    }
    const nsg = n.str('nsg');
    if (nsg !== undefined && declared(n, 'nsg', nsg, names.nsgs, 'nsgs', network, ctx)) {
      arm.networkSecurityGroup = { id: nativeIds.nsg(nsg) };
      map.set(['networkSecurityGroup'], n.originOf('nsg'));
    }
    const configs: Obj[] = [];
    n.objects('ipConfigurations').forEach((c, i) => {
      const cname = c.str('name') ?? `ipconfig${i + 1}`;
      warnUnknownNative(c, IP_CONFIG_FIELDS, `IP configuration ${cname} of network interface ${name}`, ctx);
      const base = ['ipConfigurations', configs.length];
      const cfg: Obj = { name: cname };
      map.set(base, { ...c.origin, kind: 'ipConfiguration', name: cname });
      const subnet = c.str('subnet');
      if (subnet === undefined) {
        ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `IP configuration ${cname} of network interface ${name} has no subnet`, c.origin,
          'add subnet: the name of a subnet of the Network');
      } else if (declared(c, 'subnet', subnet, names.subnets, 'subnets', network, ctx)) {
        cfg.subnet = { id: nativeIds.subnet(network, subnet) };
        map.set([...base, 'subnet'], c.originOf('subnet'));
      }
      if (c.has('privateIp')) {
        cfg.privateIPAddress = c.find('privateIp')?.value;
        cfg.privateIPAllocationMethod = 'Static';
        map.set([...base, 'privateIPAddress'], c.originOf('privateIp'));
      } else cfg.privateIPAllocationMethod = 'Dynamic';
      const list: Obj[] = [];
      for (const a of c.strings('applicationSecurityGroups')) {
        const asg = declared(c, 'applicationSecurityGroups', a.text, asgs, 'applicationSecurityGroups', network, ctx, a.origin);
        if (!asg) continue;
        map.set([...base, 'applicationSecurityGroups', list.length], a.origin);
        list.push({ id: nativeIds.asg(asg) });
      }
      if (list.length > 0) cfg.applicationSecurityGroups = list;
      const pip = c.str('publicIp');
      if (pip !== undefined && declared(c, 'publicIp', pip, pips, 'publicIps', network, ctx)) {
        cfg.publicIPAddress = { id: nativeIds.publicIp(pip) };
        map.set([...base, 'publicIPAddress'], c.originOf('publicIp'));
      }
      configs.push(cfg);
    });
    arm.ipConfigurations = configs;
    convertNic(arm, map.fn, ctx, OPTS);
  }
}
