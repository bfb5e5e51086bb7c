// The NSG evaluator: first matching rule by priority (user rules, then the six defaults), per NSG and along the
// subnet/NIC path. Records the deciding rule on the tracer: the same code evaluates and explains.
import { formatIp, type Ip } from '../net/index.js';
import type { Nsg, NsgAccess, NsgDirection, NsgRule } from '../../model/azure.js';
import { NO_TRACE, type Flow, type Tracer } from '../trace-types.js';
import { entryMatches, PLATFORM_ADDRESSES, resolveAddressEntry } from './address.js';
import type { NsgContext } from './context.js';
import { defaultRules } from './defaults.js';
import { resolvePorts } from './ports.js';

/**
 * How one NSG decided. `rule`: a user rule matched; `default-rule`: one of the six defaults matched; `no-nsg`: there
 * is no NSG at this level, which allows everything; `platform`: the flow is to/from a platform address
 * (168.63.129.16, 169.254.169.254) that NSGs do not filter and no rule naming a platform tag matched.
 */
export type NsgDecision = 'rule' | 'default-rule' | 'no-nsg' | 'platform';

/**
 * The verdict of one NSG. `ruleName`: as Network Watcher prints it, `securityRules/<name>` or
 * `defaultSecurityRules/<name>`; empty for `no-nsg` and `platform`. `nsgId`: absent for `no-nsg`. `rule`: the
 * deciding rule. `notes`: entries that could not be evaluated (unknown tags, ASGs), in rule order; empty = none.
 */
export interface NsgVerdict {
  readonly access: NsgAccess;
  readonly decidedBy: NsgDecision;
  readonly ruleName: string;
  readonly nsgId?: string;
  readonly rule?: NsgRule;
  readonly notes: readonly string[];
}

/** Where an NSG is attached; `nic` covers the AKS-managed node NSG. */
export type NsgLevel = 'subnet' | 'nic';

/** The rules of `nsg` for `direction` in evaluation order: user rules by priority (ties by name), then defaults. */
export function orderedRules(nsg: Nsg, direction: NsgDirection): NsgRule[] {
  const user = nsg.rules.filter((r) => r.direction === direction)
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...user, ...defaultRules(direction)];
}

function protocolMatches(rule: NsgRule, flow: Flow): boolean {
  switch (rule.protocol) {
    case '*':
      return true;
    case 'Tcp':
      return flow.protocol === 'TCP';
    case 'Udp':
      return flow.protocol === 'UDP';
    case 'Icmp':
      return flow.protocol === 'ICMP';
    case 'Esp':
    case 'Ah':
      return false;
    default: {
      const never: never = rule.protocol;
      return never;
    }
  }
}

function portMatches(entries: readonly string[], port: number | undefined): boolean {
  const r = resolvePorts(entries);
  return port === undefined ? r.any : r.ports.contains(port);
}

/**
 * Whether one side (source or destination) of a rule holds `ip`. `platformOnly`: the address is a platform address,
 * so only platform-tag entries count. Unknown tags and ASGs add a note and match nothing.
 */
function sideMatches(addresses: readonly string[], asgIds: readonly string[], ip: Ip, ctx: NsgContext, platformOnly: boolean,
  notes: string[], ruleName: string, side: string): boolean {
  let hit = false;
  for (const text of addresses) {
    const e = resolveAddressEntry(text, ctx);
    if (e.kind === 'unknown-tag') notes.push(`${ruleName}: ${side} service tag ${e.text} has no known prefixes; treated as matching nothing`);
    if (e.kind === 'invalid') notes.push(`${ruleName}: ${side} entry '${e.text}' is not an address, CIDR or tag; treated as matching nothing`);
    if (platformOnly && !(e.kind === 'set' && e.platformTag)) continue;
    if (entryMatches(e, ip)) hit = true;
  }
  for (const id of asgIds) {
    const key = id.toLowerCase();
    const members = ctx.asgMembers.get(key);
    const name = id.split('/').pop() ?? id;
    if (!platformOnly && members?.contains(ip)) {
      hit = true;
      continue;
    }
    const unknown = ctx.asgUnknown.get(key);
    if (unknown) notes.push(`${ruleName}: ${side} application security group ${name}: ${unknown}; ${formatIp(ip)} is not a known member`);
    else if (!members || members.isEmpty()) notes.push(`${ruleName}: ${side} application security group ${name} has no known member; treated as matching nothing`);
  }
  return hit;
}

function ruleMatches(rule: NsgRule, direction: NsgDirection, flow: Flow, ctx: NsgContext, notes: string[], ruleName: string): boolean {
  if (!protocolMatches(rule, flow)) return false;
  // The platform exception covers the services the host provides to the VM (DNS, DHCP, IMDS, LKM: outbound to the
  // platform addresses). Load balancer health probes come *from* 168.63.129.16 and are filtered like any inbound
  // traffic: a user deny-all above AllowAzureLoadBalancerInBound fails them (AZ:load-balancer/load-balancer-custom-probe-overview).
  const dstPlatform = direction === 'Outbound' && PLATFORM_ADDRESSES.contains(flow.dstIp);
  if (!sideMatches(rule.sourceAddresses, rule.sourceAsgIds, flow.srcIp, ctx, false, notes, ruleName, 'source')) return false;
  if (!sideMatches(rule.destinationAddresses, rule.destinationAsgIds, flow.dstIp, ctx, dstPlatform, notes, ruleName, 'destination')) return false;
  if (flow.protocol !== 'ICMP') {
    if (!portMatches(rule.sourcePorts, flow.srcPort)) return false;
    if (!portMatches(rule.destinationPorts, flow.dstPort)) return false;
  }
  return true;
}

/** `TCP 1.2.3.4:5 -> 10.0.0.4:80` (ports omitted when absent). */
export function describeFlow(flow: Flow): string {
  const end = (ip: Ip, port: number | undefined): string => {
    const a = ip.family === 6 ? `[${formatIp(ip)}]` : formatIp(ip);
    return port === undefined ? a : `${a}:${port}`;
  };
  return `${flow.protocol} ${end(flow.srcIp, flow.srcPort)} -> ${end(flow.dstIp, flow.dstPort)}`;
}

/**
 * Evaluates one NSG for a flow seen in `direction` (inbound: the flow's destination is the NIC; outbound: its
 * source is). An absent NSG allows. Rules are tried in priority order and the first match decides; outbound traffic
 * to a platform address (168.63.129.16, 169.254.169.254) is only filtered by rules naming a platform tag
 * (AzureLoadBalancer, AzurePlatformDNS, AzurePlatformIMDS, AzurePlatformLKM); inbound traffic from the host VIP
 * (load balancer health probes) is filtered by every rule that matches it. Records one `nsg` step (and a `note`
 * step per entry it could not evaluate).
 */
export function evaluateNsg(nsg: Nsg | undefined, direction: NsgDirection, flow: Flow, ctx: NsgContext, tracer: Tracer = NO_TRACE,
  level: NsgLevel = 'subnet'): NsgVerdict {
  const where = level === 'nic' ? 'NIC' : 'subnet';
  if (!nsg) {
    tracer.record({ type: 'nsg', action: 'skip', resource: `(no ${where} NSG)`,
      detail: `${direction} ${describeFlow(flow)}: no NSG on the ${where}, allowed` });
    return { access: 'Allow', decidedBy: 'no-nsg', ruleName: '', notes: [] };
  }
  const notes: string[] = [];
  for (const rule of orderedRules(nsg, direction)) {
    const isDefault = rule.priority >= 65000 && rule.origin.kind === 'default security rule';
    const ruleName = `${isDefault ? 'defaultSecurityRules' : 'securityRules'}/${rule.name}`;
    if (!ruleMatches(rule, direction, flow, ctx, notes, ruleName)) continue;
    for (const n of notes) tracer.record({ type: 'note', action: 'info', resource: nsg.id, detail: n });
    tracer.record({
      type: 'nsg', action: rule.access === 'Allow' ? 'allow' : 'deny', resource: nsg.id, rule: ruleName,
      detail: `${direction} ${describeFlow(flow)}: ${where} NSG ${nsg.name} rule ${rule.name} (priority ${rule.priority}) ${rule.access === 'Allow' ? 'allows' : 'denies'}`,
      ...(isDefault ? {} : { origin: rule.origin }),
    });
    return { access: rule.access, decidedBy: isDefault ? 'default-rule' : 'rule', ruleName, nsgId: nsg.id, rule, notes };
  }
  // Only platform traffic can get here: DenyAll matches everything else.
  for (const n of notes) tracer.record({ type: 'note', action: 'info', resource: nsg.id, detail: n });
  tracer.record({ type: 'nsg', action: 'allow', resource: nsg.id,
    detail: `${direction} ${describeFlow(flow)}: platform address, not filtered by ${where} NSG ${nsg.name}` });
  return { access: 'Allow', decidedBy: 'platform', ruleName: '', nsgId: nsg.id, notes };
}

/** The NSGs a NIC is behind: the subnet's and the NIC's own (either absent = none at that level). */
export interface NsgAttachment {
  readonly subnet?: Nsg;
  readonly nic?: Nsg;
}

/**
 * The verdict along the path: `access` and `ruleName`/`nsgId` of the deciding NSG — the first that denies, else
 * the last NSG evaluated that exists (inbound: NIC, outbound: subnet), else none (`ruleName` ''). `stages` holds
 * every level evaluated in order (inbound: subnet then NIC; outbound: NIC then subnet; evaluation stops at a deny).
 */
export interface NsgPathVerdict {
  readonly access: NsgAccess;
  readonly ruleName: string;
  readonly nsgId?: string;
  readonly stages: readonly { readonly level: NsgLevel; readonly verdict: NsgVerdict }[];
}

/** Evaluates both levels in Azure's order; both must allow. */
export function evaluateNsgPath(nsgs: NsgAttachment, direction: NsgDirection, flow: Flow, ctx: NsgContext,
  tracer: Tracer = NO_TRACE): NsgPathVerdict {
  const order: NsgLevel[] = direction === 'Inbound' ? ['subnet', 'nic'] : ['nic', 'subnet'];
  const stages: { level: NsgLevel; verdict: NsgVerdict }[] = [];
  for (const level of order) {
    const verdict = evaluateNsg(level === 'subnet' ? nsgs.subnet : nsgs.nic, direction, flow, ctx, tracer, level);
    stages.push({ level, verdict });
    if (verdict.access === 'Deny') return { access: 'Deny', ruleName: verdict.ruleName, nsgId: verdict.nsgId, stages };
  }
  const decisive = [...stages].reverse().find((s) => s.verdict.decidedBy !== 'no-nsg');
  return decisive
    ? { access: 'Allow', ruleName: decisive.verdict.ruleName, nsgId: decisive.verdict.nsgId, stages }
    : { access: 'Allow', ruleName: '', stages };
}

/** The flow a reply travels: source and destination swapped. */
export function reverseFlow(flow: Flow): Flow {
  return { protocol: flow.protocol, srcIp: flow.dstIp, srcPort: flow.dstPort, dstIp: flow.srcIp, dstPort: flow.srcPort };
}

/**
 * NSGs are stateful: the reply of a flow the path allowed is allowed without evaluating rules (a flow record
 * admits it); the reply of a denied flow never exists. Records one `nsg` step saying so.
 */
export function returnTrafficVerdict(forward: NsgPathVerdict, reply: Flow, tracer: Tracer = NO_TRACE): NsgAccess {
  tracer.record({
    type: 'nsg', action: forward.access === 'Allow' ? 'allow' : 'deny', resource: forward.nsgId ?? '(no NSG)', rule: 'stateful',
    detail: forward.access === 'Allow'
      ? `reply ${describeFlow(reply)}: allowed by the flow record of the allowed request`
      : `reply ${describeFlow(reply)}: the request was denied, so there is no reply`,
  });
  return forward.access;
}
