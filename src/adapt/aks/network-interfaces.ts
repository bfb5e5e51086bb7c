// The shared converter for NICs, application security groups and public IP addresses (ARM shapes: az JSON flattens
// `properties`, templates nest them; Terraform, scripts and native YAML build these shapes themselves).
//   convertNic(nic, at, ctx, opts)            a NIC with its IP configurations (subnet, private IP, ASGs, public IP)
//   convertAsg(asg, at, ctx, opts)            an application security group
//   convertPublicIp(pip, at, ctx, opts)       a public IP address (SKU defaulted per tool: PUBLIC_IP_DEFAULT_SKU)
import type { AdaptContext } from '../context.js';
import type {
  ApplicationSecurityGroup, NetworkInterface, NicIpConfiguration, PrivateIpKnowledge, PublicIpAddress, PublicIpSku,
} from '../../model/azure.js';
import { PUBLIC_IP_SKUS } from '../../model/azure.js';
import { MAX_ASGS_PER_IP_CONFIGURATION, PUBLIC_IP_DEFAULT_ALLOCATION, PUBLIC_IP_DEFAULT_SKU } from '../../model/facts.js';
import { armId, normalizeId } from '../../model/model.js';
import type { ConvertOptions, InputSource } from './arm-shape.js';
import { SYNTHETIC_RESOURCE_GROUP } from './arm-shape.js';
import { AZ_CODES } from './codes.js';
import { Fields, type At, type JsonObject } from './fields.js';
import { isIdOfType, resourceGroupOf } from './ids.js';

/** ARM resource types of the objects this file converts. */
export const NIC_TYPE = 'Microsoft.Network/networkInterfaces';
export const ASG_TYPE = 'Microsoft.Network/applicationSecurityGroups';
export const PUBLIC_IP_TYPE = 'Microsoft.Network/publicIPAddresses';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';

function rgOf(f: Fields, opts: ConvertOptions): string {
  const id = f.str('id');
  return opts.resourceGroup ?? f.str('resourceGroup') ?? (id ? resourceGroupOf(id) : undefined) ?? SYNTHETIC_RESOURCE_GROUP;
}

function idOf(f: Fields, opts: ConvertOptions, type: string, name: string): string {
  const raw = f.str('id');
  return raw ? normalizeId(raw) : armId(rgOf(f, opts), type, name);
}

/** A reference `{ id }` checked for its type (warning when another type), normalised. */
function ref(f: Fields, key: string, type: string, ctx: AdaptContext): string | undefined {
  const r = f.refId(key);
  if (!r) return undefined;
  if (!isIdOfType(r.id, type)) {
    ctx.diagnostics.warning(AZ_CODES.INVALID_ID, `${key}.id "${r.id}" is not a ${type} resource id`, r.origin,
      `expected /subscriptions/<sub>/resourceGroups/<rg>/providers/${type}/<name>`);
  }
  return normalizeId(r.id);
}

/**
 * Converts a NIC (`az network nic show/list`, a template resource) and adds it. Each IP configuration gives its
 * subnet, private address (`privateIPAddress`; with `privateIPAllocationMethod` Dynamic and no address the address
 * is unknown), ASGs (`applicationSecurityGroups[].id`; an element without a known id makes the membership unknown)
 * and public IP. Undefined when skipped (no name: reported).
 */
export function convertNic(nic: JsonObject, at: At, ctx: AdaptContext, opts: ConvertOptions): NetworkInterface | undefined {
  const f = new Fields(nic, at, ctx.diagnostics);
  const name = f.str('name');
  if (!name) {
    ctx.diagnostics.error(AZ_CODES.MISSING_FIELD, 'network interface without a name is skipped', f.origin, 'add its "name"');
    return undefined;
  }
  const configs: NicIpConfiguration[] = [];
  f.objects('ipConfigurations').forEach((c, i) => {
    const cfg = convertIpConfiguration(c, i, name, ctx);
    if (cfg) configs.push(cfg);
  });
  const vm = f.refId('virtualMachine');
  const nsgId = ref(f, 'networkSecurityGroup', NSG_TYPE, ctx);
  const n: NetworkInterface = {
    id: idOf(f, opts, NIC_TYPE, name), name, origin: { ...f.origin, kind: NIC_TYPE, name }, ipConfigurations: configs,
    ...(nsgId ? { nsgId } : {}),
    ...(vm ? { vmName: vm.id.replace(/\/+$/, '').split('/').pop() || vm.id } : {}),
  };
  ctx.builder.addNic(n);
  return n;
}

function convertIpConfiguration(c: Fields, index: number, nicName: string, ctx: AdaptContext): NicIpConfiguration | undefined {
  const name = c.str('name') ?? `ipconfig${index + 1}`;
  const method = c.enumOf('privateIPAllocationMethod', ['Static', 'Dynamic'] as const);
  const privateIp = c.ip('privateIPAddress');
  let knowledge: PrivateIpKnowledge;
  if (privateIp) knowledge = method === 'Dynamic' ? 'dynamic' : 'static';
  else {
    knowledge = 'unknown';
    if (method === 'Static' && !c.has('privateIPAddress')) {
      ctx.diagnostics.warning(AZ_CODES.MISSING_FIELD, `IP configuration ${name} of NIC ${nicName} is Static but has no privateIPAddress; its address is unknown`,
        c.originOf('privateIPAllocationMethod'), 'add privateIPAddress');
    }
  }
  const asgIds: string[] = [];
  let asgsUnknown = false;
  for (const item of c.list('applicationSecurityGroups')) {
    const id = typeof item.value === 'string' ? item.value
      : item.value !== null && typeof item.value === 'object' && !Array.isArray(item.value) ? new Fields(item.value as JsonObject, item.at, ctx.diagnostics).str('id') : undefined;
    if (id === undefined || id.trim() === '') {
      asgsUnknown = true;
      continue;
    }
    if (!isIdOfType(id, ASG_TYPE)) {
      ctx.diagnostics.warning(AZ_CODES.INVALID_ID, `applicationSecurityGroups id "${id}" is not a ${ASG_TYPE} resource id`, item.at([]),
        `expected /subscriptions/<sub>/resourceGroups/<rg>/providers/${ASG_TYPE}/<name>`);
    }
    asgIds.push(normalizeId(id));
  }
  if (asgIds.length > MAX_ASGS_PER_IP_CONFIGURATION.value) {
    ctx.diagnostics.warning(AZ_CODES.INCONSISTENT, `IP configuration ${name} of NIC ${nicName} names ${asgIds.length} application security groups; Azure allows ${MAX_ASGS_PER_IP_CONFIGURATION.value}`,
      c.originOf('applicationSecurityGroups'), 'remove some ASGs');
  }
  const subnetId = ref(c, 'subnet', SUBNET_TYPE, ctx);
  const publicIpId = ref(c, 'publicIPAddress', PUBLIC_IP_TYPE, ctx);
  return {
    name, knowledge, asgIds: [...new Set(asgIds)].sort(), origin: { ...c.origin, kind: 'ipConfiguration', name },
    ...(subnetId ? { subnetId } : {}), ...(privateIp ? { privateIp } : {}), ...(asgsUnknown ? { asgsUnknown } : {}),
    ...(publicIpId ? { publicIpId } : {}),
  };
}

/** Converts an application security group and adds it. Undefined when skipped (no name: reported). */
export function convertAsg(asg: JsonObject, at: At, ctx: AdaptContext, opts: ConvertOptions): ApplicationSecurityGroup | undefined {
  const f = new Fields(asg, at, ctx.diagnostics);
  const name = f.str('name');
  if (!name) {
    ctx.diagnostics.error(AZ_CODES.MISSING_FIELD, 'application security group without a name is skipped', f.origin, 'add its "name"');
    return undefined;
  }
  const a: ApplicationSecurityGroup = { id: idOf(f, opts, ASG_TYPE, name), name, origin: { ...f.origin, kind: ASG_TYPE, name } };
  ctx.builder.addAsg(a);
  return a;
}

/** The public IP SKU a tool assumes when none is given (PUBLIC_IP_DEFAULT_SKU). */
export function defaultPublicIpSku(source: InputSource): PublicIpSku {
  switch (source) {
    case 'arm':
    case 'portal':
      return PUBLIC_IP_DEFAULT_SKU.value.arm;
    case 'az-cli':
    case 'az-script':
    case 'native':
      return PUBLIC_IP_DEFAULT_SKU.value['az-cli'];
    case 'terraform':
      return PUBLIC_IP_DEFAULT_SKU.value.terraform;
    default: {
      const never: never = source;
      return never;
    }
  }
}

/**
 * Converts a public IP address and adds it: `sku.name` (or a string `sku`) Basic/Standard, defaulted per tool;
 * `publicIPAllocationMethod` Static/Dynamic, defaulted by SKU; `ipAddress` when allocated. Undefined when skipped.
 */
export function convertPublicIp(pip: JsonObject, at: At, ctx: AdaptContext, opts: ConvertOptions): PublicIpAddress | undefined {
  const f = new Fields(pip, at, ctx.diagnostics);
  const name = f.str('name');
  if (!name) {
    ctx.diagnostics.error(AZ_CODES.MISSING_FIELD, 'public IP address without a name is skipped', f.origin, 'add its "name"');
    return undefined;
  }
  const skuField = f.find('sku');
  let sku: PublicIpSku | undefined;
  if (skuField && typeof skuField.value === 'string') sku = f.enumOf('sku', PUBLIC_IP_SKUS);
  else if (skuField) sku = f.obj('sku')?.enumOf('name', PUBLIC_IP_SKUS);
  const skuDefaulted = sku === undefined;
  const finalSku = sku ?? defaultPublicIpSku(opts.source);
  const allocation = f.enumOf('publicIPAllocationMethod', ['Static', 'Dynamic'] as const);
  const address = f.ip('ipAddress');
  const p: PublicIpAddress = {
    id: idOf(f, opts, PUBLIC_IP_TYPE, name), name, origin: { ...f.origin, kind: PUBLIC_IP_TYPE, name }, sku: finalSku,
    ...(skuDefaulted ? { skuDefaulted } : {}),
    allocation: allocation === undefined ? PUBLIC_IP_DEFAULT_ALLOCATION.value[finalSku] : allocation === 'Static' ? 'static' : 'dynamic',
    ...(address ? { address } : {}),
  };
  ctx.builder.addPublicIp(p);
  return p;
}

/** Which of these objects an az JSON value is (by `type`, else by shape); undefined for anything else. */
export function azNetworkKind(v: unknown): 'nic' | 'asg' | 'public-ip' | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as JsonObject;
  const type = typeof o.type === 'string' ? o.type.toLowerCase() : '';
  if (type === NIC_TYPE.toLowerCase()) return 'nic';
  if (type === ASG_TYPE.toLowerCase()) return 'asg';
  if (type === PUBLIC_IP_TYPE.toLowerCase()) return 'public-ip';
  if (type !== '') return undefined;
  const props = o.properties !== null && typeof o.properties === 'object' && !Array.isArray(o.properties) ? o.properties as JsonObject : o;
  if (Array.isArray(props.ipConfigurations) && !('addressSpace' in props) && !('frontendIPConfigurations' in props)) return 'nic';
  if ('publicIPAllocationMethod' in props || 'publicIPAddressVersion' in props) return 'public-ip';
  return undefined;
}
