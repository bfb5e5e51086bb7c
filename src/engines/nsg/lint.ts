// Problems in NSG rules that change what the evaluator can say: reported once per NSG, not per flow.
import type { Nsg } from '../../model/azure.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { NSG_PRIORITY_RANGE } from '../../model/facts.js';
import { PACKET_CODES } from './codes.js';
import { resolveAddressEntry } from './address.js';
import type { NsgContext } from './context.js';
import { resolvePorts } from './ports.js';

/**
 * Diagnostics for one NSG: unknown service tags, ASGs without known members, with members of unknown address or
 * missing from the input, entries that do not parse, empty
 * sides, duplicate or out-of-range priorities. Each points at the rule's origin. Empty = nothing to report.
 */
export function lintNsg(nsg: Nsg, ctx: NsgContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const rule of nsg.rules) {
    const at = `NSG ${nsg.name} rule ${rule.name}`;
    const diag = (code: string, severity: Diagnostic['severity'], message: string, hint: string): void => {
      out.push({ code, severity, message: `${at}: ${message}`, origin: rule.origin, resource: nsg.name, hint });
    };
    const key = `${rule.direction}/${rule.priority}`;
    const other = seen.get(key);
    if (other !== undefined) {
      diag(PACKET_CODES.DUPLICATE_PRIORITY, 'error', `priority ${rule.priority} (${rule.direction}) is also used by rule ${other}`,
        'Azure rejects two rules with the same priority and direction; aksnet orders them by name');
    } else seen.set(key, rule.name);
    if (rule.priority < NSG_PRIORITY_RANGE.value.min || rule.priority > NSG_PRIORITY_RANGE.value.max) {
      diag(PACKET_CODES.PRIORITY_OUT_OF_RANGE, 'warning', `priority ${rule.priority} is outside ${NSG_PRIORITY_RANGE.value.min}..${NSG_PRIORITY_RANGE.value.max}`,
        'use a priority between 100 and 4096');
    }
    const sides = [
      { side: 'source', addresses: rule.sourceAddresses, asgs: rule.sourceAsgIds, ports: rule.sourcePorts },
      { side: 'destination', addresses: rule.destinationAddresses, asgs: rule.destinationAsgIds, ports: rule.destinationPorts },
    ];
    for (const s of sides) {
      if (s.addresses.length === 0 && s.asgs.length === 0) {
        diag(PACKET_CODES.EMPTY_ADDRESS_LIST, 'warning', `no ${s.side} address or application security group: the rule matches nothing`,
          `set ${s.side}AddressPrefix ('*' for any)`);
      }
      for (const text of s.addresses) {
        const e = resolveAddressEntry(text, ctx);
        if (e.kind === 'unknown-tag') {
          diag(PACKET_CODES.UNKNOWN_SERVICE_TAG, 'warning', `${s.side} service tag ${e.text} has no known prefixes; it matches nothing here`,
            `give its prefixes with --service-tag ${e.text}=<cidr>[,<cidr>...]`);
        } else if (e.kind === 'invalid') {
          diag(PACKET_CODES.INVALID_ADDRESS_ENTRY, 'error', `${s.side} address '${e.text}' is not '*', an IP, a CIDR or a service tag`,
            'fix the address prefix');
        }
      }
      for (const id of s.asgs) {
        const key = id.toLowerCase();
        const name = id.split('/').pop() ?? id;
        const unknown = ctx.asgUnknown.get(key);
        if (ctx.asgsInInput && !ctx.asgsInInput.has(key)) {
          diag(PACKET_CODES.ASG_NOT_IN_INPUT, 'warning', `${s.side} application security group ${name} is not in the input; the entry matches nothing`,
            'add the ASG (az network asg show) or correct the id in the rule');
        } else if (unknown) {
          diag(PACKET_CODES.ASG_MEMBERSHIP_UNKNOWN, 'info', `${s.side} application security group ${name}: ${unknown}; the entry matches only members with known addresses`,
            'give the NICs with their private addresses (az network nic show after deployment, or a static privateIPAddress)');
        } else if (!ctx.asgMembers.get(key) || ctx.asgMembers.get(key)!.isEmpty()) {
          diag(PACKET_CODES.ASG_NO_MEMBERS, 'info', `${s.side} application security group ${name} has no known member; the entry matches nothing`,
            'add the NICs that join it (az network nic show) or the node pool networkProfile.applicationSecurityGroups');
        }
      }
      for (const bad of resolvePorts(s.ports).invalid) {
        diag(PACKET_CODES.INVALID_PORT_ENTRY, 'error', `${s.side} port '${bad}' is not '*', a port or a range lo-hi within 0..65535`,
          'fix the port range');
      }
    }
  }
  return out;
}
