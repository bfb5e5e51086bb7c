// Subnet and NIC NSGs as iptables filter rules in the lab's VNet namespace. Each node's link into the VNet namespace
// stands for its NIC, so a packet forwarded from node link `nI` to node link `nJ` is checked as Azure checks it:
// outbound at the source (the NIC's NSG, then its subnet's), then inbound at the destination (the NSG of the subnet
// holding the destination address, then the destination NIC's). Each NSG is one chain per (direction, tag context):
// its rules in the NSG engine's order (user rules by priority, then the six defaults), the first match decides —
// Deny drops, Allow returns to the next level. Address sides are the NSG engine's resolved sets (service tags such
// as VirtualNetwork and Internet as `resolveAddressEntry` resolves them against the subnet's context), written as
// CIDRs. NSGs are stateful: packets of established connections (and related ICMP errors) pass first.
// Not realised: the platform exception (outbound traffic to 168.63.129.16 / 169.254.169.254 is filtered by
// platform-tag rules only) — the lab has no platform addresses, so no probe can tell.
import { formatCidr, IpSet, parseIp, PortSet } from '../engines/net/index.js';
import type { DataplaneContext } from '../engines/dataplane/index.js';
import { orderedRules, resolveAddressEntry, resolvePorts, type NsgContext } from '../engines/nsg/index.js';
import { subnetContaining } from '../engines/routing/index.js';
import type { Subnet, Nsg, NsgDirection, NsgRule } from '../model/azure.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { LAB_CODES } from './codes.js';
import type { LabTopology } from './topology.js';

/** The packet mark bit a rule sub-chain sets when an Allow rule matched (the NSG chain then returns). */
export const NSG_ALLOW_MARK = '0x10000';

/** One NSG evaluated at one point: the NSG, the tag context (the subnet it is seen from), and where it sits. */
export interface NsgLevel {
  readonly nsg: Nsg;
  readonly ctx: NsgContext;
  /** Lower-cased id of the subnet the context is of (chains are shared per NSG, direction and context). */
  readonly contextId: string;
  /** `subnet` or `nic`, for comments. */
  readonly level: 'subnet' | 'nic';
}

/** Inbound checks for destinations in one subnet other than the node's own (pod subnets): its NSG, then the NIC's. */
export interface NsgDestinationSubnet {
  /** The subnet's IPv4 prefixes, as text, most specific first. */
  readonly prefixes: readonly string[];
  readonly levels: readonly NsgLevel[];
}

/**
 * One node link: its interface in the VNet namespace, the outbound levels (NIC then subnet; absent levels left out;
 * empty = nothing filters traffic leaving the node) and inbound levels (subnet then NIC), with different inbound
 * levels for destination addresses in other subnets (`byDestination`, tried first; empty = none).
 */
export interface NsgFilterNode {
  readonly index: number;
  readonly name: string;
  readonly vnetIf: string;
  readonly outbound: readonly NsgLevel[];
  readonly inbound: readonly NsgLevel[];
  readonly byDestination: readonly NsgDestinationSubnet[];
}

/** A client in the VNet (an address the VNet namespace sends from): the outbound levels of its subnet (empty = none). */
export interface NsgFilterClient {
  readonly ip: string;
  readonly outbound: readonly NsgLevel[];
}

/** The filter: the `iptables-restore` text for the VNet namespace (empty when no NSG applies) and what was approximated. */
export interface NsgFilter {
  /** `*filter … COMMIT` text; empty string when no node link has an NSG level (nothing to load). */
  readonly iptablesRestore: string;
  /** AKS4806 for each rule realised approximately (with the rule's origin). Empty = every rule exact. */
  readonly diagnostics: readonly Diagnostic[];
  /** Names of the NSGs realised (sorted, unique). Empty = none. */
  readonly nsgs: readonly string[];
}

/** The NSG levels of the lab's node links, from the walker's context (its nodes' subnets, NIC NSGs and tag contexts). */
export function nsgFilterNodes(t: Pick<LabTopology, 'nodes' | 'pods'>, dp: DataplaneContext): NsgFilterNode[] {
  const subnetNsg = (s: Subnet): Nsg | undefined => (s.nsgId ? dp.model.nsgs.find((n) => n.id === s.nsgId) : undefined);
  const level = (nsg: Nsg | undefined, s: Subnet, lvl: 'subnet' | 'nic'): NsgLevel[] =>
    nsg ? [{ nsg, ctx: dp.nsgContext(s), contextId: s.id.toLowerCase(), level: lvl }] : [];
  const out: NsgFilterNode[] = [];
  for (const n of t.nodes) {
    const w = dp.nodes.find((x) => x.name === n.name);
    const subnet = w?.subnet;
    if (!subnet) {
      out.push({ index: n.index, name: n.name, vnetIf: n.vnetIf, outbound: [], inbound: [], byDestination: [] });
      continue;
    }
    const nic = level(w.nicNsg, subnet, 'nic');
    // Destinations on this node held by another subnet (pod subnets): that subnet's NSG decides inbound first.
    const others = new Map<string, Subnet>();
    for (const text of [n.ip, ...t.pods.filter((p) => p.node === n.index).map((p) => p.ip)]) {
      const ip = parseIp(text);
      const holder = ip ? subnetContaining(dp.model, ip) : undefined;
      if (holder && holder.id !== subnet.id) others.set(holder.id, holder);
    }
    const byDestination = [...others.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((s) => ({
      prefixes: s.prefixes.filter((c) => c.family === 4).sort((a, b) => b.prefix - a.prefix).map(formatCidr),
      levels: [...level(subnetNsg(s), s, 'subnet'), ...nic],
    }));
    out.push({
      index: n.index, name: n.name, vnetIf: n.vnetIf,
      outbound: [...nic, ...level(subnetNsg(subnet), subnet, 'subnet')],
      inbound: [...level(subnetNsg(subnet), subnet, 'subnet'), ...nic],
      byDestination,
    });
  }
  return out;
}

/** One side of a rule resolved: `any`, or IPv4 CIDRs (empty = matches nothing). */
type Side = { readonly any: true } | { readonly any: false; readonly cidrs: readonly string[] };

function side(addresses: readonly string[], asgIds: readonly string[], ctx: NsgContext, notes: string[], which: string): Side {
  let set = IpSet.empty();
  for (const text of addresses) {
    const e = resolveAddressEntry(text, ctx);
    switch (e.kind) {
      case 'any':
        return { any: true };
      case 'set':
        set = set.union(e.set);
        break;
      case 'unknown-tag':
        notes.push(`${which} service tag ${e.text} has no known prefixes (matches nothing, as in the simulator)`);
        break;
      case 'invalid':
        notes.push(`${which} entry '${e.text}' is not an address, CIDR or tag (matches nothing)`);
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown address entry ${String(never)}`);
      }
    }
  }
  for (const id of asgIds) {
    const members = ctx.asgMembers.get(id.toLowerCase());
    if (members) set = set.union(members);
    else notes.push(`${which} application security group ${id.split('/').pop() ?? id} has unknown membership (matches nothing)`);
  }
  const v4 = set.ofFamily(4);
  if (v4.equals(IpSet.all(4))) return { any: true };
  return { any: false, cidrs: v4.toCidrs().map(formatCidr) };
}

/** `a,b:c` groups for `-m multiport` (at most 15 slots; a range takes 2). Empty array = no port can match. */
function portGroups(ports: PortSet): string[] {
  const groups: string[] = [];
  let cur: string[] = [];
  let slots = 0;
  for (const [lo, hi] of ports.ranges()) {
    const need = lo === hi ? 1 : 2;
    if (slots + need > 15) {
      groups.push(cur.join(','));
      cur = [];
      slots = 0;
    }
    cur.push(lo === hi ? String(lo) : `${lo}:${hi}`);
    slots += need;
  }
  if (cur.length > 0) groups.push(cur.join(','));
  return groups;
}

/** The protocol/port match clauses one rule needs (each a separate iptables rule); empty = the rule matches nothing. */
function protocolClauses(rule: NsgRule, notes: string[]): string[] {
  const sp = resolvePorts(rule.sourcePorts);
  const dp = resolvePorts(rule.destinationPorts);
  if (sp.invalid.length > 0 || dp.invalid.length > 0) notes.push(`port entries ${[...sp.invalid, ...dp.invalid].map((x) => `'${x}'`).join(', ')} are not ports (left out)`);
  if (!sp.any) notes.push('source ports are realised as written, but the simulator\'s flows carry no source port: it treats the rule as matching nothing');
  const withPorts = (proto: string): string[] => {
    if (sp.any && dp.any) return [`-p ${proto}`];
    const sGroups = sp.any ? [''] : portGroups(sp.ports).map((g) => ` -m multiport --sports ${g}`);
    const dGroups = dp.any ? [''] : portGroups(dp.ports).map((g) => ` -m multiport --dports ${g}`);
    return sGroups.flatMap((s) => dGroups.map((d) => `-p ${proto} -m ${proto}${s}${d}`));
  };
  switch (rule.protocol) {
    case '*':
      // The engine checks ports for every protocol but ICMP; `*` with ports therefore means TCP/UDP/SCTP on those
      // ports, or any ICMP.
      return sp.any && dp.any ? [''] : [...withPorts('tcp'), ...withPorts('udp'), ...withPorts('sctp'), '-p icmp'];
    case 'Tcp':
      return withPorts('tcp');
    case 'Udp':
      return withPorts('udp');
    case 'Icmp':
      return ['-p icmp'];
    case 'Esp':
      return ['-p esp'];
    case 'Ah':
      return ['-p ah'];
    default: {
      const never: never = rule.protocol;
      throw new Error(`unknown NSG protocol ${String(never)}`);
    }
  }
}

const dirLetter = (d: NsgDirection): string => (d === 'Inbound' ? 'I' : 'O');

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, '').slice(0, 250)}"`;
}

/**
 * The VNet namespace's filter table for `nodes` (see the file comment). Chain names: `NSG<k>-<I|O>` per NSG level
 * (k numbers distinct NSG/direction/context triples in first-use order), `NSG<k>-<I|O>-R<r>[D]` for rules with
 * several source or destination prefixes, `NSG-OUT-N<i>` / `NSG-IN-N<i>` per node link. Deterministic.
 */
export function nsgFilterTable(nodes: readonly NsgFilterNode[], client?: NsgFilterClient): NsgFilter {
  const chains: string[] = [];
  const rules: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const levelChains = new Map<string, string>();
  const names = new Set<string>();

  const levelChain = (l: NsgLevel, direction: NsgDirection): string => {
    const key = `${l.nsg.id.toLowerCase()}|${direction}|${l.contextId}`;
    const existing = levelChains.get(key);
    if (existing) return existing;
    const chain = `NSG${levelChains.size}-${dirLetter(direction)}`;
    levelChains.set(key, chain);
    names.add(l.nsg.name);
    chains.push(chain);
    const body: string[] = [];
    let marks = false;
    orderedRules(l.nsg, direction).forEach((rule, r) => {
      const notes: string[] = [];
      const src = side(rule.sourceAddresses, rule.sourceAsgIds, l.ctx, notes, 'source');
      const dst = side(rule.destinationAddresses, rule.destinationAsgIds, l.ctx, notes, 'destination');
      const protos = protocolClauses(rule, notes);
      const noteKey = `${l.nsg.id}|${rule.name}|${direction}`;
      if (notes.length > 0 && !reported.has(noteKey)) {
        reported.add(noteKey);
        diagnostics.push({
          code: LAB_CODES.NSG_RULE_APPROXIMATED, severity: 'info', origin: rule.origin, resource: `NSG/${l.nsg.name}/${rule.name}`,
          message: `NSG ${l.nsg.name} rule ${rule.name} (${direction}, priority ${rule.priority}) is realised approximately in the lab's VNet: ${[...new Set(notes)].join('; ')}`,
          hint: 'give the service tag\'s prefixes or the ASG\'s members as addresses to have the rule realised exactly',
        });
      }
      const empty = (s: Side): boolean => !s.any && s.cidrs.length === 0;
      if (empty(src) || empty(dst) || protos.length === 0) return;
      const comment = `-m comment --comment ${quote(`${l.nsg.name} ${rule.name} ${rule.priority} ${rule.access}`)}`;
      const verdict = rule.access === 'Deny' ? 'DROP' : 'RETURN';
      const one = (s: Side): string | undefined => (s.any ? '' : s.cidrs.length === 1 ? (s.cidrs[0] as string) : undefined);
      const s1 = one(src);
      const d1 = one(dst);
      if (s1 !== undefined && d1 !== undefined) {
        const addr = `${s1 ? ` -s ${s1}` : ''}${d1 ? ` -d ${d1}` : ''}`;
        for (const p of protos) body.push(`-A ${chain}${addr}${p ? ` ${p}` : ''} ${comment} -j ${verdict}`);
        return;
      }
      // Several prefixes on a side: a sub-chain matching the sources, another the destinations; an Allow marks the
      // packet there and this chain returns on the mark.
      const sub = `${chain}-R${r}`;
      const subD = `${sub}D`;
      chains.push(sub, subD);
      for (const p of protos) {
        body.push(`-A ${chain}${p ? ` ${p}` : ''} ${comment} -j ${sub}`);
      }
      if (src.any) rules.push(`-A ${sub} -j ${subD}`);
      else for (const c of src.cidrs) rules.push(`-A ${sub} -s ${c} -j ${subD}`);
      const target = rule.access === 'Deny' ? 'DROP' : `MARK --set-xmark ${NSG_ALLOW_MARK}/${NSG_ALLOW_MARK}`;
      if (dst.any) rules.push(`-A ${subD} -j ${target}`);
      else for (const c of dst.cidrs) rules.push(`-A ${subD} -d ${c} -j ${target}`);
      if (rule.access === 'Allow') {
        marks = true;
        body.push(`-A ${chain} -m mark --mark ${NSG_ALLOW_MARK}/${NSG_ALLOW_MARK} ${comment} -j RETURN`);
      }
    });
    if (marks) body.unshift(`-A ${chain} -j MARK --set-xmark 0x0/${NSG_ALLOW_MARK}`);
    rules.push(...body);
    return chain;
  };

  const forward: string[] = [];
  const output: string[] = [];
  if (client && client.outbound.length > 0) {
    chains.push('NSG-OUT-CLIENT');
    for (const l of client.outbound) rules.push(`-A NSG-OUT-CLIENT -m comment --comment ${quote(`VNet client: ${l.level} NSG ${l.nsg.name} outbound`)} -j ${levelChain(l, 'Outbound')}`);
    output.push(`-A OUTPUT -s ${client.ip}/32 -m comment --comment "leaving the VNet client" -j NSG-OUT-CLIENT`);
  }
  for (const n of nodes) {
    if (n.outbound.length > 0) {
      const c = `NSG-OUT-N${n.index}`;
      chains.push(c);
      for (const l of n.outbound) rules.push(`-A ${c} -m comment --comment ${quote(`${n.name}: ${l.level} NSG ${l.nsg.name} outbound`)} -j ${levelChain(l, 'Outbound')}`);
      forward.push(`-A FORWARD -i ${n.vnetIf} -m comment --comment ${quote(`leaving ${n.name}`)} -j ${c}`);
    }
    if (n.inbound.length > 0 || n.byDestination.some((d) => d.levels.length > 0)) {
      const c = `NSG-IN-N${n.index}`;
      chains.push(c);
      n.byDestination.forEach((d, k) => {
        const sub = `${c}-S${k}`;
        chains.push(sub);
        for (const p of d.prefixes) rules.push(`-A ${c} -d ${p} -g ${sub}`);
        for (const l of d.levels) rules.push(`-A ${sub} -m comment --comment ${quote(`${n.name}: ${l.level} NSG ${l.nsg.name} inbound`)} -j ${levelChain(l, 'Inbound')}`);
      });
      for (const l of n.inbound) rules.push(`-A ${c} -m comment --comment ${quote(`${n.name}: ${l.level} NSG ${l.nsg.name} inbound`)} -j ${levelChain(l, 'Inbound')}`);
      forward.push(`-A FORWARD -o ${n.vnetIf} -m comment --comment ${quote(`entering ${n.name}`)} -j ${c}`);
      // Traffic the VNet namespace itself sends (a client in the VNet) meets the destination's inbound NSGs too.
      output.push(`-A OUTPUT -o ${n.vnetIf} -m comment --comment ${quote(`entering ${n.name}`)} -j ${c}`);
    }
  }
  if (forward.length === 0 && output.length === 0) return { iptablesRestore: '', diagnostics, nsgs: [] };
  const stateful = '-m conntrack --ctstate ESTABLISHED,RELATED -m comment --comment "NSGs are stateful: replies of allowed flows pass" -j ACCEPT';
  const text = [
    '*filter',
    ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]',
    ...chains.map((c) => `:${c} - [0:0]`),
    `-A FORWARD ${stateful}`,
    ...forward,
    ...(output.length > 0 ? [`-A OUTPUT ${stateful}`, ...output] : []),
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
  return { iptablesRestore: text, diagnostics, nsgs: [...names].sort() };
}

/**
 * The filter for a lab topology and the walker's context: `nsgFilterTable(nsgFilterNodes(t, dp))`, with the subnet
 * NSG of the VNet client (`client`: its address and subnet id) outbound.
 */
export function labNsgFilter(t: Pick<LabTopology, 'nodes' | 'pods'>, dp: DataplaneContext, client?: { readonly ip: string; readonly subnetId: string }): NsgFilter {
  const subnet = client ? dp.model.subnets.find((x) => x.id === client.subnetId) : undefined;
  const nsg = subnet?.nsgId ? dp.model.nsgs.find((n) => n.id === subnet.nsgId) : undefined;
  const levels: NsgLevel[] = subnet && nsg ? [{ nsg, ctx: dp.nsgContext(subnet), contextId: subnet.id.toLowerCase(), level: 'subnet' }] : [];
  return nsgFilterTable(nsgFilterNodes(t, dp), client ? { ip: client.ip, outbound: levels } : undefined);
}
