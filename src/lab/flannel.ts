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
 * `Network`, the cluster's pod CIDRs; several = flannel's `Networks`). Empty text when there is no network or no node
 * pod CIDR (flanneld would have no lease). To be loaded with `iptables-restore --noflush` after kube-proxy's table.
 */
export function flannelMasqTable(networks: readonly string[], nodePodCidr: string | undefined): string {
  if (networks.length === 0 || nodePodCidr === undefined) return '';
  const c = '-m comment --comment "flanneld masq"';
  const rules = [`-I POSTROUTING 1 ${c} -j ${FLANNEL_NAT_CHAIN}`, `-A ${FLANNEL_NAT_CHAIN} -m mark --mark ${KUBE_MASQ_MARK}/${KUBE_MASQ_MARK} ${c} -j RETURN`];
  for (const n of networks) {
    rules.push(
      `-A ${FLANNEL_NAT_CHAIN} -s ${n} -d ${n} ${c} -j RETURN`,
      `-A ${FLANNEL_NAT_CHAIN} -s ${n} ! -d 224.0.0.0/4 ${c} -j MASQUERADE --random-fully`,
      `-A ${FLANNEL_NAT_CHAIN} ! -s ${n} -d ${nodePodCidr} ${c} -j RETURN`,
      `-A ${FLANNEL_NAT_CHAIN} ! -s ${n} -d ${n} ${c} -j MASQUERADE --random-fully`,
    );
  }
  return ['*nat', `:${FLANNEL_NAT_CHAIN} - [0:0]`, ...rules, 'COMMIT', ''].join('\n');
}
