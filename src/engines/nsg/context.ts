// What an NSG rule's tags and ASGs mean for one NIC or subnet: the address sets the evaluator matches against.
import { IpSet, parseCidr } from '../net/index.js';
import { NSG_INTERNET_TAG_EXCLUDED } from '../../model/facts.js';

/**
 * The meaning of tags for one evaluation point (tags are relative: VirtualNetwork is the space of the VNet the NIC
 * is in). `virtualNetwork`: the VirtualNetwork tag; `internet`: the Internet tag; `serviceTags`: other tags the user
 * gave as prefixes, keyed by lower-cased name (a tag not in the map is unknown and matches nothing);
 * `asgMembers`: addresses of application security groups by lower-cased id (an ASG not in the map has no known
 * member and matches nothing); `asgUnknown`: for ASGs with members whose addresses are not known, why (absent = every
 * member's address is known); `asgsInInput`: ids of the ASG objects the input gives (absent = the input gives none,
 * so an ASG a rule names cannot be told missing).
 */
export interface NsgContext {
  readonly virtualNetwork: IpSet;
  readonly internet: IpSet;
  readonly serviceTags: ReadonlyMap<string, IpSet>;
  readonly asgMembers: ReadonlyMap<string, IpSet>;
  readonly asgUnknown: ReadonlyMap<string, string>;
  readonly asgsInInput?: ReadonlySet<string>;
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
  readonly asgUnknown?: ReadonlyMap<string, string>;
  readonly asgsInInput?: ReadonlySet<string>;
}): NsgContext {
  const tags = new Map<string, IpSet>();
  for (const [k, v] of parts.serviceTags ?? []) tags.set(k.toLowerCase(), v);
  const asgs = new Map<string, IpSet>();
  for (const [k, v] of parts.asgMembers ?? []) asgs.set(k.toLowerCase(), v);
  const unknown = new Map<string, string>();
  for (const [k, v] of parts.asgUnknown ?? []) unknown.set(k.toLowerCase(), v);
  return {
    virtualNetwork: parts.virtualNetwork,
    internet: IpSet.all().subtract(parts.virtualNetwork).subtract(EXCLUDED),
    serviceTags: tags,
    asgMembers: asgs,
    asgUnknown: unknown,
    ...(parts.asgsInInput ? { asgsInInput: new Set([...parts.asgsInInput].map((k) => k.toLowerCase())) } : {}),
  };
}
