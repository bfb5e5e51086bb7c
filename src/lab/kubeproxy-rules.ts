// kube-proxy (iptables mode) rules for the lab's Services, in `iptables-restore` format for the nat table: the
// KUBE-SERVICES → KUBE-SVC-<hash> → KUBE-SEP-<hash> chains with DNAT to the endpoints (random choice with
// `statistic`), KUBE-NODEPORTS for NodePorts, hairpin masquerade with mark 0x4000, and — in kubenet mode — the
// MASQUERADE of pod traffic leaving the cluster's pod CIDR. Chain names use kube-proxy's hash (base32 of SHA-256,
// 16 characters).
import { createHash } from 'node:crypto';
import type { LabMode, LabService, LabServicePort } from './topology.js';

/** The mark kube-proxy sets on packets to masquerade (KUBE-MARK-MASQ), and its mask. */
export const KUBE_MASQ_MARK = '0x4000';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) of the bytes, as kube-proxy's `base32.StdEncoding` spells it (without `=`). */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** kube-proxy's portProtoHash: first 16 characters of base32(sha256(servicePortName + protocol)). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(createHash('sha256').update(servicePortName + protocol).digest()).slice(0, 16);
}

/** `KUBE-SVC-<hash>` for a Service port (`ns/name:portName`, protocol lower-case as kube-proxy writes it). */
export function serviceChain(svc: LabService, port: LabServicePort, index: number): string {
  return 'KUBE-SVC-' + portProtoHash(`${svc.namespace}/${svc.name}:${portName(port, index)}`, port.protocol.toLowerCase());
}

/** `KUBE-SEP-<hash>` for one endpoint of a Service port. */
export function endpointChain(svc: LabService, port: LabServicePort, index: number, ep: { ip: string; port: number }): string {
  return 'KUBE-SEP-' + portProtoHash(`${svc.namespace}/${svc.name}:${portName(port, index)}`, port.protocol.toLowerCase() + `${ep.ip}:${ep.port}`);
}

function portName(port: LabServicePort, index: number): string {
  return `p${index}-${port.port}`;
}

/**
 * The nat table for one node: kube-proxy's Service rules for `services` and, for kubenet (`podCidr` given), the
 * MASQUERADE of traffic from the node's pods to addresses outside `clusterPodCidrs` that are not the node's own.
 * Deterministic (services and endpoints in the given sorted order).
 */
export function kubeProxyNatTable(services: readonly LabService[], mode: LabMode, podCidr: string | undefined, clusterPodCidrs: readonly string[]): string {
  const chains = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
  const rules: string[] = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    `-A KUBE-POSTROUTING -m mark ! --mark ${KUBE_MASQ_MARK}/${KUBE_MASQ_MARK} -j RETURN`,
    `-A KUBE-POSTROUTING -j MARK --xor-mark ${KUBE_MASQ_MARK}`,
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
    `-A KUBE-MARK-MASQ -j MARK --or-mark ${KUBE_MASQ_MARK}`,
  ];
  const nodePortRules: string[] = [];
  for (const svc of services) {
    svc.ports.forEach((port, i) => {
      const proto = port.protocol.toLowerCase();
      const svcChain = serviceChain(svc, port, i);
      const comment = `${svc.namespace}/${svc.name}:${portName(port, i)}`;
      if (port.endpoints.length === 0) {
        rules.push(`-A KUBE-SERVICES -d ${svc.clusterIp}/32 -p ${proto} -m ${proto} --dport ${port.port} -m comment --comment "${comment} has no endpoints" -j DROP`);
        return;
      }
      chains.push(svcChain);
      rules.push(`-A KUBE-SERVICES -d ${svc.clusterIp}/32 -p ${proto} -m ${proto} --dport ${port.port} -m comment --comment "${comment} cluster IP" -j ${svcChain}`);
      if (port.nodePort !== undefined) {
        nodePortRules.push(`-A KUBE-NODEPORTS -p ${proto} -m ${proto} --dport ${port.nodePort} -m comment --comment "${comment}" -j KUBE-MARK-MASQ`);
        nodePortRules.push(`-A KUBE-NODEPORTS -p ${proto} -m ${proto} --dport ${port.nodePort} -m comment --comment "${comment}" -j ${svcChain}`);
      }
      const n = port.endpoints.length;
      port.endpoints.forEach((ep, k) => {
        const sep = endpointChain(svc, port, i, ep);
        chains.push(sep);
        const left = n - k;
        const pick = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
        rules.push(`-A ${svcChain} -m comment --comment "${comment} -> ${ep.ip}:${ep.port}"${pick} -j ${sep}`);
        rules.push(`-A ${sep} -s ${ep.ip}/32 -m comment --comment "${comment}" -j KUBE-MARK-MASQ`);
        rules.push(`-A ${sep} -p ${proto} -m comment --comment "${comment}" -m ${proto} -j DNAT --to-destination ${ep.ip}:${ep.port}`);
      });
    });
  }
  rules.push(...nodePortRules);
  rules.push('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
  if (mode === 'kubenet' && podCidr !== undefined) {
    const except = clusterPodCidrs.length > 0 ? clusterPodCidrs : [podCidr];
    const masq = except.map((c) => `! -d ${c}`).join(' ');
    if (except.length === 1) rules.push(`-A POSTROUTING -s ${podCidr} ${masq} -m addrtype ! --dst-type LOCAL -m comment --comment "kubenet: masquerade traffic leaving the pod CIDR" -j MASQUERADE`);
    else {
      chains.push('KUBENET-MASQ');
      rules.push(`-A POSTROUTING -s ${podCidr} -m addrtype ! --dst-type LOCAL -j KUBENET-MASQ`);
      for (const c of except) rules.push(`-A KUBENET-MASQ -d ${c} -j RETURN`);
      rules.push('-A KUBENET-MASQ -m comment --comment "kubenet: masquerade traffic leaving the pod CIDR" -j MASQUERADE');
    }
  }
  return [
    '*nat',
    ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]',
    ...chains.map((c) => `:${c} - [0:0]`),
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}
