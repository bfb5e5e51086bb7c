// The six default rules every NSG carries, built from the facts table.
import type { NsgDirection, NsgRule } from '../../model/azure.js';
import { NSG_DEFAULT_RULES } from '../../model/facts.js';
import { BUILTIN_ORIGIN } from '../../model/origin.js';

/** The default rules of `direction`, lowest priority number first (any protocol, any port). */
export function defaultRules(direction: NsgDirection): NsgRule[] {
  return NSG_DEFAULT_RULES.value
    .filter((r) => r.direction === direction)
    .map((r) => ({
      name: r.name, priority: r.priority, direction: r.direction, access: r.access, protocol: '*' as const,
      sourceAddresses: [r.source], sourcePorts: ['*'], destinationAddresses: [r.destination], destinationPorts: ['*'],
      sourceAsgIds: [], destinationAsgIds: [], origin: { ...BUILTIN_ORIGIN, kind: 'default security rule', name: r.name },
    }))
    .sort((a, b) => a.priority - b.priority);
}
