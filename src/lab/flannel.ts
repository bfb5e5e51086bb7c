// flanneld's NAT rules (ip-masq) for the lab's flannel and canal modes, in `iptables-restore --noflush` format for
// the nat table: chain FLANNEL-POSTRTG, jumped to first from POSTROUTING, as flannel's MasqRules writes it
// (flannel-io/flannel pkg/trafficmngr/iptables): nothing kube-proxy marked for masquerade (0x4000: kube-proxy's own
// rule does it), nothing inside the pod network, MASQUERADE for pod traffic leaving it (multicast excepted), nothing
// for outside traffic to this node's pods, MASQUERADE for outside traffic to other nodes' pods. flannel's filter
// rules (FLANNEL-FWD: accept forwarding to and from the pod network) are not written: the lab's FORWARD policy is
// ACCEPT, and Canal's Calico chains come first anyway.
import { KUBE_MASQ_MARK } from './kubeproxy-rules.js';

/** The name of flannel's nat chain. */
export const FLANNEL_NAT_CHAIN = 'FLANNEL-POSTRTG';

/**
 * The nat rules flanneld adds on a node with pod CIDR `nodePodCidr`, for the pod network `networks` (flannel's
 * `Network`: the cluster's pod CIDRs, or the nodes' pod CIDRs when the model has no cluster). Several entries are
 * parts of one pod network: traffic between any two of them is not masqueraded (flannel's per-network rules would
 * masquerade between parts), which is the same chain as flannel's for a single network once the `! -s` tests made
 * redundant by the earlier rules are dropped. Empty text when there is no network or no node pod CIDR (flanneld
 * would have no lease). To be loaded with `iptables-restore --noflush` after kube-proxy's table.
 */
export function flannelMasqTable(networks: readonly string[], nodePodCidr: string | undefined): string {
  if (networks.length === 0 || nodePodCidr === undefined) return '';
  const c = '-m comment --comment "flanneld masq"';
  const ch = FLANNEL_NAT_CHAIN;
  const single = networks.length === 1;
  const notFrom = single ? `! -s ${networks[0]} ` : '';
  const rules = [`-I POSTROUTING 1 ${c} -j ${ch}`, `-A ${ch} -m mark --mark ${KUBE_MASQ_MARK}/${KUBE_MASQ_MARK} ${c} -j RETURN`];
  // Inside the pod network: no NAT.
  for (const n of networks) for (const m of networks) rules.push(`-A ${ch} -s ${n} -d ${m} ${c} -j RETURN`);
  // Pods to anything else (multicast excepted): NAT.
  for (const n of networks) rules.push(`-A ${ch} -s ${n} ! -d 224.0.0.0/4 ${c} -j MASQUERADE --random-fully`);
  // From outside the pod network: to this node's pods as is, to other nodes' pods masqueraded.
  rules.push(`-A ${ch} ${notFrom}-d ${nodePodCidr} ${c} -j RETURN`);
  for (const m of networks) rules.push(`-A ${ch} ${notFrom}-d ${m} ${c} -j MASQUERADE --random-fully`);
  return ['*nat', `:${ch} - [0:0]`, ...rules, 'COMMIT', ''].join('\n');
}
