// The registry of `aksnet check` rules, in id order. Adding a rule: a file `rules/<slug>.ts`, its test, its doc
// `docs/rules/<id>-<slug>.md`, and an entry here (the registry test fails until all three exist).
import type { CheckRule } from '../types.js';
import { basicLoadBalancer } from './basic-load-balancer.js';
import { ciliumEndport } from './cilium-endport.js';
import { ciliumIpblockPods } from './cilium-ipblock-pods.js';
import { clusterNodeLimit } from './cluster-node-limit.js';
import { dnsServiceIp } from './dns-service-ip.js';
import { forbiddenRange } from './forbidden-range.js';
import { ignoredPolicies } from './ignored-policies.js';
import { ipipOnAzure } from './ipip-on-azure.js';
import { kubenetRetirement } from './kubenet-retirement.js';
import { kubenetRouteTable } from './kubenet-route-table.js';
import { kubenetSubnetShared } from './kubenet-subnet-shared.js';
import { lbPending } from './lb-pending.js';
import { lbProbeBlocked } from './lb-probe-blocked.js';
import { maxPodsBounds } from './max-pods-bounds.js';
import { nodeCidrMask } from './node-cidr-mask.js';
import { nodeSubnetDelegated } from './node-subnet-delegated.js';
import { npmRetirement } from './npm-retirement.js';
import { npmScale } from './npm-scale.js';
import { nsgClusterTraffic } from './nsg-cluster-traffic.js';
import { npmWindowsGaps } from './npm-windows-gaps.js';
import { outboundPrerequisites } from './outbound-prerequisites.js';
import { pluginPolicyDataplane } from './plugin-policy-dataplane.js';
import { podCidrInsideVnet } from './pod-cidr-inside-vnet.js';
import { policyNotEnforced } from './policy-not-enforced.js';
import { podCidrOverlap } from './pod-cidr-overlap.js';
import { podSubnetMixedAllocation } from './pod-subnet-mixed-allocation.js';
import { poolLimits } from './pool-limits.js';
import { poolName } from './pool-name.js';
import { poolsInDifferentVnets } from './pools-in-different-vnets.js';
import { routeTableLimit } from './route-table-limit.js';
import { routeTableShared } from './route-table-shared.js';
import { serviceCidrOverlap } from './service-cidr-overlap.js';
import { serviceCidrSize } from './service-cidr-size.js';
import { snatBudget } from './snat-budget.js';
import { staticBlockMaxPods } from './static-block-max-pods.js';
import { subnetExhaustion } from './subnet-exhaustion.js';
import { subnetOutsideVnet } from './subnet-outside-vnet.js';
import { subnetOverlap } from './subnet-overlap.js';
import { udrDefaultRoute } from './udr-default-route.js';
import { vnetOverlap } from './vnet-overlap.js';

/** Every rule `aksnet check` runs, sorted by id. */
export const RULES: readonly CheckRule[] = [
  vnetOverlap, subnetOverlap, subnetOutsideVnet, podCidrOverlap, serviceCidrOverlap, forbiddenRange, serviceCidrSize,
  dnsServiceIp, podCidrInsideVnet, nodeCidrMask,
  subnetExhaustion, routeTableLimit, snatBudget, maxPodsBounds, staticBlockMaxPods, podSubnetMixedAllocation,
  clusterNodeLimit, poolLimits, poolName, poolsInDifferentVnets, nodeSubnetDelegated, kubenetSubnetShared,
  kubenetRouteTable, routeTableShared,
  udrDefaultRoute, outboundPrerequisites,
  lbPending, lbProbeBlocked, nsgClusterTraffic,
  pluginPolicyDataplane, npmScale, ipipOnAzure,
  policyNotEnforced, ciliumIpblockPods, ciliumEndport, npmWindowsGaps, ignoredPolicies,
  kubenetRetirement, npmRetirement, basicLoadBalancer,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The rule with this id or slug; undefined when none. */
export function ruleById(idOrSlug: string): CheckRule | undefined {
  return RULES.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
