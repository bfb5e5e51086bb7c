// What an NSG rule's tags and ASGs mean for one NIC or subnet: the address sets the evaluator matches against.
import { IpSet, parseCidr } from '../net/index.js';
import { NSG_INTERNET_TAG_EXCLUDED } from '../../model/facts.js';

/**
 * The meaning of tags for one evaluation point (tags are relative: VirtualNetwork is the space of the VNet the NIC
 * is in). `virtualNetwork`: the VirtualNetwork tag; `internet`: the Internet tag; `serviceTags`: other tags the user
 * gave as prefixes, keyed by lower-cased name (a tag not in the map is unknown and matches nothing);
 * `asgMembers`: addresses of application security groups by lower-cased id (an ASG not in the map has unknown
 * membership and matches nothing).
 */
export interface NsgContext {
  readonly virtualNetwork: IpSet;
  readonly internet: IpSet;
  readonly serviceTags: ReadonlyMap<string, IpSet>;
  readonly asgMembers: ReadonlyMap<string, IpSet>;
}

const EXCLUDED: IpSet = IpSet.fromCidrs(NSG_INTERNET_TAG_EXCLUDED.value.map((c) => parseCidr(c)!.cidr));

/**
 * A context from the VirtualNetwork tag's addresses. Internet = every address outside VirtualNetwork and outside the
 * private ranges of NSG_INTERNET_TAG_EXCLUDED. Tag names in `serviceTags` are lower-cased here.
 */
export function makeNsgContext(parts: {
  readonly virtualNetwork: IpSet;
  readonly serviceTags?: ReadonlyMap<string, IpSet>;
  readonly asgMembers?: ReadonlyMap<string, IpSet>;
}): NsgContext {
  const tags = new Map<string, IpSet>();
  for (const [k, v] of parts.serviceTags ?? []) tags.set(k.toLowerCase(), v);
  const asgs = new Map<string, IpSet>();
  for (const [k, v] of parts.asgMembers ?? []) asgs.set(k.toLowerCase(), v);
  return {
    virtualNetwork: parts.virtualNetwork,
    internet: IpSet.all().subtract(parts.virtualNetwork).subtract(EXCLUDED),
    serviceTags: tags,
    asgMembers: asgs,
  };
}
