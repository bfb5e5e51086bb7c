// The compilers' public shapes: which engine, how pods are wired to the node, and what comes out.
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pod } from '../model/k8s.js';

/** Engines whose node dataplane aksnet can compile. */
export type CompileEngine = 'azure-npm' | 'calico';

/** Every compile engine, in display order. */
export const COMPILE_ENGINES: readonly CompileEngine[] = Object.freeze(['azure-npm', 'calico'] as const);

/**
 * How pods are attached to the node.
 * - `bridge`: pods' host-side veths are ports of one Linux bridge (Azure CNI bridge mode, kubenet's cbr0); pod ↔ pod
 *   traffic on the node is bridged and reaches iptables FORWARD through br_netfilter. Rules identify pods by address.
 * - `transparent`: each pod has a routed host-side veth (Azure CNI transparent mode, Calico); rules may match the
 *   interface (`-i`/`-o`).
 */
export type AttachMode = 'bridge' | 'transparent';

/** Every attach mode. */
export const ATTACH_MODES: readonly AttachMode[] = Object.freeze(['bridge', 'transparent'] as const);

/** Options of one compilation. */
export interface CompileOptions {
  /** How pods are attached; absent = 'transparent'. */
  readonly mode?: AttachMode;
  /**
   * The host-side interface name of a pod of this node (≤ 15 characters). Absent = the engine's own naming
   * (Calico: `cali` + 11 hex characters of a hash of `<namespace>.<pod>`; Azure CNI: `azv` + 11 hex characters).
   */
  readonly podInterface?: (pod: Pod) => string;
  /** Azure NPM kernel-name scheme; absent = the facts default (NPM_HASH_SCHEME). */
  readonly npmHashScheme?: NpmHashScheme;
}

/** How Azure NPM names ipsets and policy chains in the kernel (shared/reference/aks-networking.md §17.4). */
export type NpmHashScheme = 'fnv1a-decimal' | 'sha256-base36';

/** Every NPM hash scheme. */
export const NPM_HASH_SCHEMES: readonly NpmHashScheme[] = Object.freeze(['fnv1a-decimal', 'sha256-base36'] as const);

/** One pod of the node as wired by the compiler: its id (`namespace/name`), host-side interface and IPv4 address. */
export interface NodeInterface {
  readonly pod: string;
  readonly name: string;
  readonly ip: string;
}

/** One ipset: its kernel name, the name the engine uses for it in logs and comments, type and members. */
export interface CompiledIpset {
  readonly kernelName: string;
  readonly logicalName: string;
  readonly type: 'hash:net' | 'hash:ip,port' | 'list:set';
  /** Members as `ipset add` spells them (`10.0.0.0/24`, `10.0.0.0/25 nomatch`, `10.1.0.5,tcp:80`, a set name). */
  readonly members: readonly string[];
}

/**
 * What one engine would program on one node.
 * - `iptablesSave`: the filter table in `iptables-save` format (`*filter` … `COMMIT`), loadable with
 *   `iptables-restore` (it flushes the filter table).
 * - `ipsetRestore`: `ipset restore` input creating every set the rules name (hash sets before list sets).
 * - `interfaces`: the node's policed pods (not hostNetwork, with an IPv4 address), sorted by pod id.
 * - `scope`: which policies the node enforces: 'cluster' = every policy on every flow crossing the node (Azure NPM
 *   keeps cluster-wide ipsets, so a flow between two nodes is checked for egress and ingress on both);
 *   'local-endpoints' = only the egress of this node's pods and the ingress of this node's pods (Calico; the other
 *   end's policy is enforced on its own node).
 * - `ipsets`: the sets, sorted by kernel name (the same content as `ipsetRestore`, as data).
 * - `diagnostics`: what could not be compiled faithfully (IPv6 peers, unknown node, …); empty = nothing.
 */
export interface CompiledNode {
  readonly engine: CompileEngine;
  readonly node: string;
  readonly mode: AttachMode;
  readonly iptablesSave: string;
  readonly ipsetRestore: string;
  readonly interfaces: readonly NodeInterface[];
  readonly scope: 'cluster' | 'local-endpoints';
  readonly ipsets: readonly CompiledIpset[];
  readonly diagnostics: readonly Diagnostic[];
}
