// Reading native aksnet/v1 documents: field views with positions, unknown-field warnings and the ids native objects get.
import type { DocPath, SourceDocument } from '../../load/document.js';
import { originAt } from '../../load/document.js';
import { armId } from '../../model/model.js';
import { Fields, isObject } from '../aks/fields.js';
import type { AdaptContext } from '../context.js';
import { NATIVE_CODES } from './codes.js';

/** The resource group of every id built for native objects (they have no ARM id of their own). */
export const NATIVE_RESOURCE_GROUP = 'native';
/** The pseudo resource type of self-managed clusters in their synthetic ids. */
export const SELF_MANAGED_CLUSTER_TYPE = 'aksnet/selfManagedClusters';

/** Synthetic ids of native objects, all in NATIVE_RESOURCE_GROUP. */
export const nativeIds = {
  vnet: (network: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/virtualNetworks', network),
  subnet: (network: string, subnet: string): string =>
    armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/virtualNetworks', network, 'subnets', subnet),
  routeTable: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/routeTables', name),
  nsg: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/networkSecurityGroups', name),
  cluster: (name: string): string => armId(NATIVE_RESOURCE_GROUP, SELF_MANAGED_CLUSTER_TYPE, name),
  asg: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/applicationSecurityGroups', name),
  nic: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/networkInterfaces', name),
  publicIp: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Network/publicIPAddresses', name),
  vm: (name: string): string => armId(NATIVE_RESOURCE_GROUP, 'Microsoft.Compute/virtualMachines', name),
};

/** A Fields view of the value at `path` of `doc` (undefined when that value is not an object). */
export function fieldsAt(doc: SourceDocument, path: DocPath, ctx: AdaptContext): Fields | undefined {
  let cur: unknown = doc.value;
  for (const step of path) cur = isObject(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[step] : undefined;
  if (!isObject(cur)) return undefined;
  return new Fields(cur, (p) => originAt(doc, [...path, ...p]), ctx.diagnostics);
}

/** Warns about each key of `f` that is not in `known` (exact spelling), pointing at docs/formats/native.md. */
export function warnUnknownNative(f: Fields, known: readonly string[], what: string, ctx: AdaptContext): void {
  for (const k of Object.keys(f.value)) {
    if (known.includes(k)) continue;
    const near = known.find((x) => x.toLowerCase() === k.toLowerCase());
    ctx.diagnostics.warning(NATIVE_CODES.UNKNOWN_FIELD, `unknown field ${k} in ${what} ignored`, f.at([k]),
      near !== undefined ? `did you mean ${near}? (field names are case-sensitive)` : `allowed fields: ${known.join(', ')} (docs/formats/native.md)`);
  }
}

/** A required string field: reported when missing or empty. */
export function requireStr(f: Fields, name: string, what: string, ctx: AdaptContext): string | undefined {
  const v = f.str(name);
  if (v === undefined || v.trim() === '') {
    if (!f.has(name) || v !== undefined) {
      ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `${what} needs ${name}`, f.originOf(name), `add ${name} (docs/formats/native.md)`);
    }
    return undefined;
  }
  return v.trim();
}
