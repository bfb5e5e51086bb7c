// The slice of the policy engine the matrix question needs, stated structurally so the question depends on the
// engine's contract (engines/policy PolicyEngine satisfies it), not on its implementation.
import type { ConnSet, Ip, IpFamily } from '../../engines/net/index.js';
import type { Pod } from '../../model/k8s.js';

/** A traffic endpoint: a pod, a cluster node (host network) or an address outside the cluster. */
export type MatrixEndpoint =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'node'; readonly name: string; readonly ip?: Ip }
  | { readonly kind: 'external'; readonly ip: Ip };

/** What `matrix` asks of a policy engine. */
export interface MatrixEngine {
  /** The engine profile; `name` is printed in the answer. */
  readonly profile: { readonly name: string };
  /** Every connection allowed from src to dst (egress at src ∩ ingress at dst). */
  connections(src: MatrixEndpoint, dst: MatrixEndpoint): ConnSet;
  /** The equivalence class of a pod (pods of one class are treated alike by every policy). */
  classOf(pod: Pod): number;
  /** Allowed connections between two pod classes. */
  classConnections(srcClass: number, dstClass: number): ConnSet;
  /**
   * Every class `srcClass` has some connection to (ascending; includes `srcClass` itself, meaning another pod of
   * that class) with the connections, `conns[k]` never empty — the bulk form of `classConnections`.
   */
  classRow(srcClass: number): { readonly targets: readonly number[]; readonly conns: readonly ConnSet[] };
  /** Disjoint external address ranges every policy treats alike, covering the address space. */
  externalAtoms(): readonly { readonly family: IpFamily; readonly lo: bigint; readonly hi: bigint }[];
}
