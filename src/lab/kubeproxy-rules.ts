// kube-proxy (iptables mode) rules for the lab's Services, in `iptables-restore` format for the nat table: the
// KUBE-SERVICES → KUBE-SVC-<hash> → KUBE-SEP-<hash> chains with DNAT to the endpoints (random choice with
// `statistic`), hairpin masquerade with mark 0x4000, NodePorts as kube-proxy writes them (KUBE-SERVICES sends
// traffic to a local address to KUBE-NODEPORTS → KUBE-EXT-<hash>: externalTrafficPolicy Cluster masquerades and
// picks any endpoint; Local sends pod traffic (local detector: the pod interfaces) and the node's own traffic to any
// endpoint, everything else to the node's own endpoints only (KUBE-SVL-<hash>) without masquerade, and drops it when
// the node has none), and — in kubenet mode — the MASQUERADE of pod traffic leaving the cluster's pod CIDR. Chain
// names use kube-proxy's hash (base32 of SHA-256, 16 characters).
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
 * What NodePort rules need to know about the node they are written for. `localEndpoints`: addresses of the Service
 * endpoints running on this node (empty = none); `externalLocal`: `ns/name` of Services with externalTrafficPolicy
 * Local (empty = every Service is Cluster); `localDetector`: the match of pod traffic (kube-proxy's
 * `--detect-local-mode`: `-s <cluster pod CIDR>` for ClusterCIDR, `-i <bridge>` for BridgeInterface, `-i azv+` for
 * InterfaceNamePrefix).
 */
export interface NodePortContext {
  readonly localEndpoints: ReadonlySet<string>;
  readonly externalLocal: ReadonlySet<string>;
  readonly localDetector: string;
}

/** `KUBE-EXT-<hash>` (NodePort entry) or `KUBE-SVL-<hash>` (node-local endpoints) of a Service port. */
export function nodePortChain(kind: 'EXT' | 'SVL', svc: LabService, port: LabServicePort, index: number): string {
  return serviceChain(svc, port, index).replace('KUBE-SVC-', `KUBE-${kind}-`);
}

/**
 * The nat table for one node: kube-proxy's Service rules for `services` and, for kubenet (`podCidr` given), the
 * MASQUERADE of traffic from the node's pods to addresses outside `clusterPodCidrs` that are not the node's own.
 * NodePorts follow `node` (absent: every endpoint counts as remote and every Service as externalTrafficPolicy
 * Cluster, pods detected on no interface). Deterministic (services and endpoints in the given sorted order). The nat
 * table may not drop: Services without endpoints and NodePorts without a local endpoint are dropped by
 * `kubeProxyFilterTable`.
 */
export function kubeProxyNatTable(services: readonly LabService[], mode: LabMode, podCidr: string | undefined, clusterPodCidrs: readonly string[],
  node?: NodePortContext): string {
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
  const pick = (chain: string, comment: string, eps: readonly { ip: string; port: number }[], sep: (ep: { ip: string; port: number }) => string): void => {
    eps.forEach((ep, k) => {
      const left = eps.length - k;
      const p = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
      rules.push(`-A ${chain} -m comment --comment "${comment} -> ${ep.ip}:${ep.port}"${p} -j ${sep(ep)}`);
    });
  };
  for (const svc of services) {
    svc.ports.forEach((port, i) => {
      const proto = port.protocol.toLowerCase();
      const svcChain = serviceChain(svc, port, i);
      const comment = `${svc.namespace}/${svc.name}:${portName(port, i)}`;
      // No endpoints: nothing in nat (the filter table rejects it, see kubeProxyFilterTable).
      if (port.endpoints.length === 0) return;
      chains.push(svcChain);
      rules.push(`-A KUBE-SERVICES -d ${svc.clusterIp}/32 -p ${proto} -m ${proto} --dport ${port.port} -m comment --comment "${comment} cluster IP" -j ${svcChain}`);
      const sep = (ep: { ip: string; port: number }): string => endpointChain(svc, port, i, ep);
      if (port.nodePort !== undefined) {
        const ext = nodePortChain('EXT', svc, port, i);
        chains.push(ext);
        nodePortRules.push(`-A KUBE-NODEPORTS -p ${proto} -m ${proto} --dport ${port.nodePort} -m comment --comment "${comment}" -j ${ext}`);
        if (node?.externalLocal.has(`${svc.namespace}/${svc.name}`)) {
          rules.push(`-A ${ext} ${node.localDetector} -m comment --comment "pod traffic for ${comment} external destinations" -j ${svcChain}`);
          rules.push(`-A ${ext} -m comment --comment "masquerade LOCAL traffic for ${comment} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
          rules.push(`-A ${ext} -m comment --comment "route LOCAL traffic for ${comment} external destinations" -m addrtype --src-type LOCAL -j ${svcChain}`);
          const local = port.endpoints.filter((e) => node.localEndpoints.has(e.ip));
          // No local endpoint: no DNAT; the filter table drops it (KUBE-EXTERNAL-SERVICES, see kubeProxyFilterTable).
          if (local.length > 0) {
            const svl = nodePortChain('SVL', svc, port, i);
            chains.push(svl);
            rules.push(`-A ${ext} -j ${svl}`);
            pick(svl, comment, local, sep);
          }
        } else {
          rules.push(`-A ${ext} -m comment --comment "masquerade traffic for ${comment} external destinations" -j KUBE-MARK-MASQ`);
          rules.push(`-A ${ext} -j ${svcChain}`);
        }
      }
      pick(svcChain, comment, port.endpoints, sep);
      for (const ep of port.endpoints) {
        const c = sep(ep);
        chains.push(c);
        rules.push(`-A ${c} -s ${ep.ip}/32 -m comment --comment "${comment}" -j KUBE-MARK-MASQ`);
        rules.push(`-A ${c} -p ${proto} -m comment --comment "${comment}" -m ${proto} -j DNAT --to-destination ${ep.ip}:${ep.port}`);
      }
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

/**
 * kube-proxy's filter-table rules, to load with `iptables-restore --noflush` after the policy rules (its jumps are
 * inserted first in INPUT, FORWARD and OUTPUT, as kube-proxy places them): KUBE-SERVICES rejects new connections to a
 * Service port without endpoints; KUBE-EXTERNAL-SERVICES drops new connections to a NodePort of an
 * externalTrafficPolicy Local Service without an endpoint on this node (they were not DNATed, so they are addressed
 * to the node itself). Empty string when there is nothing to reject or drop.
 */
export function kubeProxyFilterTable(services: readonly LabService[], node?: NodePortContext): string {
  const rules: string[] = [];
  const external: string[] = [];
  for (const svc of services) {
    svc.ports.forEach((port, i) => {
      const proto = port.protocol.toLowerCase();
      const comment = `${svc.namespace}/${svc.name}:${portName(port, i)}`;
      if (port.endpoints.length === 0) {
        rules.push(`-A KUBE-SERVICES -d ${svc.clusterIp}/32 -p ${proto} -m ${proto} --dport ${port.port} -m comment --comment "${comment} has no endpoints" -j REJECT`);
        if (port.nodePort !== undefined) {
          external.push(`-A KUBE-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p ${proto} -m ${proto} --dport ${port.nodePort} -m comment --comment "${comment} has no endpoints" -j REJECT`);
        }
        return;
      }
      if (port.nodePort !== undefined && node?.externalLocal.has(`${svc.namespace}/${svc.name}`) && !port.endpoints.some((e) => node.localEndpoints.has(e.ip))) {
        external.push(`-A KUBE-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p ${proto} -m ${proto} --dport ${port.nodePort} -m comment --comment "${comment} has no local endpoints" -j DROP`);
      }
    });
  }
  if (rules.length === 0 && external.length === 0) return '';
  const ct = '-m conntrack --ctstate NEW';
  return [
    '*filter',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-EXTERNAL-SERVICES - [0:0]',
    `-I INPUT 1 ${ct} -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
    `-I FORWARD 1 ${ct} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
    `-I FORWARD 1 ${ct} -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
    `-I OUTPUT 1 ${ct} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
    ...rules,
    ...external,
    'COMMIT',
    '',
  ].join('\n');
}
