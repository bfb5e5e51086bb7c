// ARM resource ids: reading their parts. Ids are compared lower-cased (normalizeId); these helpers accept any case.
import { normalizeId } from '../../model/model.js';

/** The parts of `/subscriptions/S/resourceGroups/G/providers/NS/T1/N1/T2/N2...`; undefined if not that shape. */
export interface ParsedId {
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly provider: string;
  /** Type/name pairs below the provider, e.g. [['virtualNetworks','v'],['subnets','s']]. */
  readonly segments: readonly (readonly [string, string])[];
}

/** Parses an ARM resource id (case kept as written); undefined when it is not ARM-shaped. */
export function parseArmId(id: string): ParsedId | undefined {
  const parts = id.trim().replace(/\/+$/, '').split('/');
  if (parts[0] !== '' || parts.length < 9) return undefined;
  if (parts[1]?.toLowerCase() !== 'subscriptions' || parts[3]?.toLowerCase() !== 'resourcegroups') return undefined;
  if (parts[5]?.toLowerCase() !== 'providers') return undefined;
  const rest = parts.slice(7);
  if (rest.length % 2 !== 0 || rest.some((p) => p === '')) return undefined;
  const segments: [string, string][] = [];
  for (let i = 0; i < rest.length; i += 2) segments.push([rest[i], rest[i + 1]]);
  return { subscription: parts[2], resourceGroup: parts[4], provider: parts[6], segments };
}

/** The resource group named in an id, or undefined. */
export function resourceGroupOf(id: string): string | undefined {
  return parseArmId(id)?.resourceGroup;
}

/** The type path of an id, lower-cased: `microsoft.network/virtualnetworks/subnets`. */
export function typeOfId(id: string): string | undefined {
  const p = parseArmId(id);
  return p ? [p.provider, ...p.segments.map((s) => s[0])].join('/').toLowerCase() : undefined;
}

/** The normalised id of the parent resource (drops the last type/name pair); undefined for a top-level id. */
export function parentId(id: string): string | undefined {
  const p = parseArmId(id);
  if (!p || p.segments.length < 2) return undefined;
  const parts = id.trim().replace(/\/+$/, '').split('/');
  return normalizeId(parts.slice(0, parts.length - 2).join('/'));
}

/** True when `id` has the given type path (case-insensitive), e.g. 'Microsoft.Network/virtualNetworks/subnets'. */
export function isIdOfType(id: string, type: string): boolean {
  return typeOfId(id) === type.toLowerCase();
}
