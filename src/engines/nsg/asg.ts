// Application security group membership read from the model: the private addresses of the NIC IP configurations
// that join an ASG, and the node addresses of the AKS pools whose `networkProfile.applicationSecurityGroups` name it.
import { IpSet, type Ip } from '../net/index.js';
import type { Model } from '../../model/model.js';
import { deriveNodes } from '../../derive/nodes.js';
import type { DerivedNode } from '../../derive/types.js';

/**
 * What the input says about ASG membership. `members`: known member addresses by lower-cased ASG id (an ASG with no
 * known member is absent); `unknown`: for ASGs with a member whose address is not known, a sentence saying which
 * members (absent = all addresses known); `inInput`: ids of the ASG objects the input gives (empty = none given);
 * `nicsWithUnknownAsgs`: NIC names whose ASG list is itself unknown (Terraform "known after apply") — they may
 * belong to any ASG.
 */
export interface AsgMembership {
  readonly members: ReadonlyMap<string, IpSet>;
  readonly unknown: ReadonlyMap<string, string>;
  readonly inInput: ReadonlySet<string>;
  readonly nicsWithUnknownAsgs: readonly string[];
}

/**
 * Reads ASG membership from the model's NICs and node pools. `nodes`: the derived nodes (computed from the model
 * when omitted and some pool carries an ASG). Deterministic; never throws.
 */
export function asgMembership(model: Model, nodes?: readonly DerivedNode[]): AsgMembership {
  const members = new Map<string, Ip[]>();
  const unknownWho = new Map<string, string[]>();
  const add = (asg: string, ip: Ip): void => {
    const list = members.get(asg);
    if (list) list.push(ip);
    else members.set(asg, [ip]);
  };
  const unknown = (asg: string, who: string): void => {
    const list = unknownWho.get(asg);
    if (list) list.push(who);
    else unknownWho.set(asg, [who]);
  };
  const nicsWithUnknownAsgs: string[] = [];
  for (const nic of model.nics) {
    for (const c of nic.ipConfigurations) {
      if (c.asgsUnknown) nicsWithUnknownAsgs.push(`${nic.name}/${c.name}`);
      for (const asg of c.asgIds) {
        if (c.privateIp) add(asg, c.privateIp);
        else unknown(asg, `NIC ${nic.name} (${c.name}, address assigned by Azure and not in the input)`);
      }
    }
  }
  const poolAsgs = model.clusters.flatMap((cl) => cl.pools.filter((p) => (p.asgIds ?? []).length > 0).map((p) => ({ cl, p })));
  if (poolAsgs.length > 0) {
    const all = nodes ?? deriveNodes(model);
    for (const { cl, p } of poolAsgs) {
      const mine = all.filter((n) => n.clusterId === cl.id && n.pool === p.name);
      for (const asg of p.asgIds ?? []) {
        for (const n of mine) {
          if (n.ip) add(asg, n.ip);
          else unknown(asg, `node ${n.name} of pool ${p.name} (no address: its subnet is not in the input or is full)`);
        }
      }
    }
  }
  // A NIC whose ASG list the input does not know (Terraform "known after apply") may belong to any ASG: every ASG the
  // input or a rule names gets it as a member of unknown standing, so rules on ASGs say membership is unknown.
  if (nicsWithUnknownAsgs.length > 0) {
    const named = new Set<string>([...model.asgs.map((a) => a.id.toLowerCase()), ...members.keys(), ...unknownWho.keys()]);
    for (const nsg of model.nsgs) for (const r of nsg.rules) for (const id of [...r.sourceAsgIds, ...r.destinationAsgIds]) named.add(id.toLowerCase());
    for (const asg of named) for (const who of nicsWithUnknownAsgs) unknown(asg, `NIC ${who} (its ASG list is not known until apply)`);
  }
  const out = new Map<string, IpSet>();
  for (const [k, ips] of members) out.set(k, IpSet.fromRanges(ips.map((ip) => ({ family: ip.family, lo: ip.value, hi: ip.value }))));
  const why = new Map<string, string>();
  for (const [k, who] of unknownWho) {
    const shown = who.slice(0, 3).join(', ') + (who.length > 3 ? ` and ${who.length - 3} more` : '');
    why.set(k, `membership depends on addresses the input does not give: ${shown}`);
  }
  return { members: out, unknown: why, inInput: new Set(model.asgs.map((a) => a.id)), nicsWithUnknownAsgs: nicsWithUnknownAsgs.sort() };
}
