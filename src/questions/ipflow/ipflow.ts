// `ipflow`: the offline IP flow verify. For a VM (node, address or subnet), a direction, a protocol and the local
// and remote ends, evaluates the subnet NSG and the NIC NSG in Azure's order and names the deciding rule.
import { cidrContainsIp, formatIp, type IpSet } from '../../engines/net/index.js';
import { evaluateNsgPath, lintNsg, nsgContextForSubnet, type NsgPathVerdict } from '../../engines/nsg/index.js';
import { RecordingTracer, type Flow, type Step } from '../../engines/trace-types.js';
import { deriveNodes } from '../../derive/nodes.js';
import type { NsgAccess, NsgDirection } from '../../model/azure.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';
import type { IpPort } from './endpoint.js';
import { resolveTarget, targetView, type VmTargetView } from './target.js';

/** Protocols IP flow verify accepts. */
export type IpflowProtocol = 'TCP' | 'UDP';
export const IPFLOW_PROTOCOLS: readonly IpflowProtocol[] = ['TCP', 'UDP'];
export const IPFLOW_DIRECTIONS: readonly NsgDirection[] = ['Inbound', 'Outbound'];

/**
 * The question, as `az network watcher test-ip-flow` asks it. `vm`: node name, VM or NIC (see resolveTarget), IP address or subnet; `local`: the
 * VM's end (must lie in the VM's subnet); `remote`: the other end; `serviceTags`: prefixes of service tags the input
 * names but aksnet does not know (absent = none).
 */
export interface IpflowParams {
  readonly vm: string;
  readonly direction: NsgDirection;
  readonly protocol: IpflowProtocol;
  readonly local: IpPort;
  readonly remote: IpPort;
  readonly serviceTags?: ReadonlyMap<string, IpSet>;
}

/** One NSG level as evaluated: `nsgId` absent = no NSG there; `ruleName` '' when no rule decided. */
export interface IpflowStage {
  readonly level: 'subnet' | 'nic';
  readonly access: NsgAccess;
  readonly ruleName: string;
  readonly nsgId?: string;
}

/**
 * The answer. `access`/`ruleName` as Network Watcher prints them (`securityRules/<name>`,
 * `defaultSecurityRules/<name>`; '' when no NSG decided: no NSG at either level, or a platform address); `nsgId`: the
 * NSG of that rule (absent when none). `flow`: the flow as the NSGs see it (inbound: remote → local). `stages`:
 * each NSG level in evaluation order. `steps`: the trace. `notes`: entries that could not be evaluated.
 * `diagnostics`: problems in the NSGs involved.
 */
export interface IpflowAnswer {
  readonly access: NsgAccess;
  readonly ruleName: string;
  readonly nsgId?: string;
  readonly target: VmTargetView;
  readonly direction: NsgDirection;
  readonly protocol: IpflowProtocol;
  readonly local: string;
  readonly remote: string;
  readonly stages: readonly IpflowStage[];
  readonly steps: readonly Step[];
  readonly notes: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The answer, or why the question cannot be answered (a usage problem: unknown VM, address outside its subnet). */
export type IpflowResult = { readonly ok: true; readonly answer: IpflowAnswer } | { readonly ok: false; readonly error: string };

function endText(e: IpPort): string {
  const a = e.ip.family === 6 ? `[${formatIp(e.ip)}]` : formatIp(e.ip);
  return `${a}:${e.port === undefined ? '*' : e.port}`;
}

/** Answers one IP flow verify question. A pure function of the model and the parameters. */
export function ipflow(model: Model, params: IpflowParams): IpflowResult {
  const nodes = deriveNodes(model);
  const target = resolveTarget(model, nodes, params.vm);
  if (typeof target === 'string') return { ok: false, error: target };
  if (!target.subnet.prefixes.some((p) => cidrContainsIp(p, params.local.ip))) {
    return { ok: false, error: `--local ${formatIp(params.local.ip)} is not inside subnet ${target.subnet.name} of --vm ${params.vm}` };
  }
  const flow: Flow = params.direction === 'Inbound'
    ? { protocol: params.protocol, srcIp: params.remote.ip, srcPort: params.remote.port, dstIp: params.local.ip, dstPort: params.local.port }
    : { protocol: params.protocol, srcIp: params.local.ip, srcPort: params.local.port, dstIp: params.remote.ip, dstPort: params.remote.port };
  const ctx = nsgContextForSubnet(model, target.subnet.id, { serviceTags: params.serviceTags });
  const subnetNsg = target.subnet.nsgId ? model.nsgs.find((n) => n.id === target.subnet.nsgId) : undefined;
  const notes: string[] = [];
  if (target.subnet.nsgId && !subnetNsg) {
    notes.push(`NSG ${target.subnet.nsgId.split('/').pop() ?? ''} of subnet ${target.subnet.name} is not in the input: treated as no NSG`);
  }
  const tracer = new RecordingTracer();
  const verdict: NsgPathVerdict = evaluateNsgPath({ subnet: subnetNsg, nic: target.nicNsg }, params.direction, flow, ctx, tracer);
  for (const s of verdict.stages) notes.push(...s.verdict.notes);
  const diagnostics = [subnetNsg, target.nicNsg].flatMap((n) => (n ? lintNsg(n, ctx) : []));
  return {
    ok: true,
    answer: {
      access: verdict.access, ruleName: verdict.ruleName, ...(verdict.nsgId ? { nsgId: verdict.nsgId } : {}),
      target: targetView(target), direction: params.direction, protocol: params.protocol,
      local: endText(params.local), remote: endText(params.remote),
      stages: verdict.stages.map((s) => ({ level: s.level, access: s.verdict.access, ruleName: s.verdict.ruleName,
        ...(s.verdict.nsgId ? { nsgId: s.verdict.nsgId } : {}) })),
      steps: tracer.steps, notes: [...new Set(notes)], diagnostics,
    },
  };
}
