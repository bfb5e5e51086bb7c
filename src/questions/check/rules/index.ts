// The registry of `aksnet check` rules, in id order. Adding a rule: a file `rules/<slug>.ts`, its test, its doc
// `docs/rules/<id>-<slug>.md`, and an entry here (the registry test fails until all three exist).
import type { CheckRule } from '../types.js';
import { dnsServiceIp } from './dns-service-ip.js';
import { forbiddenRange } from './forbidden-range.js';
import { nodeCidrMask } from './node-cidr-mask.js';
import { podCidrInsideVnet } from './pod-cidr-inside-vnet.js';
import { podCidrOverlap } from './pod-cidr-overlap.js';
import { serviceCidrOverlap } from './service-cidr-overlap.js';
import { serviceCidrSize } from './service-cidr-size.js';
import { subnetOutsideVnet } from './subnet-outside-vnet.js';
import { subnetOverlap } from './subnet-overlap.js';
import { vnetOverlap } from './vnet-overlap.js';

/** Every rule `aksnet check` runs, sorted by id. */
export const RULES: readonly CheckRule[] = [
  vnetOverlap, subnetOverlap, subnetOutsideVnet, podCidrOverlap, serviceCidrOverlap, forbiddenRange, serviceCidrSize,
  dnsServiceIp, podCidrInsideVnet, nodeCidrMask,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The rule with this id or slug; undefined when none. */
export function ruleById(idOrSlug: string): CheckRule | undefined {
  return RULES.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
