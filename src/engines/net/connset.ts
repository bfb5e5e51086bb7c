// Connection sets: (protocol, port) pairs over TCP/UDP/SCTP, the unit of policy connectivity.
import { PortSet } from './portset.js';

/** An L4 protocol a network policy can name. */
export type L4Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Every L4 protocol, in the fixed order used internally (toString() sorts alphabetically instead). */
export const L4_PROTOCOLS: readonly L4Protocol[] = Object.freeze(['TCP', 'UDP', 'SCTP'] as const);

// Alphabetical order, as np-guard netpol-analyzer prints connection sets.
const PRINT_ORDER: readonly L4Protocol[] = ['SCTP', 'TCP', 'UDP'];

/**
 * An immutable set of (protocol, port) pairs over TCP, UDP and SCTP with ports 1..65535. none() allows nothing;
 * all() allows every port of every protocol.
 */
export class ConnSet {
  private cachedKey: string | undefined;

  private constructor(
    private readonly tcp: PortSet,
    private readonly udp: PortSet,
    private readonly sctp: PortSet,
  ) {}

  private static readonly NONE = new ConnSet(PortSet.empty(), PortSet.empty(), PortSet.empty());
  private static readonly ALL = new ConnSet(PortSet.all(), PortSet.all(), PortSet.all());

  private static make(tcp: PortSet, udp: PortSet, sctp: PortSet): ConnSet {
    if (tcp.isEmpty() && udp.isEmpty() && sctp.isEmpty()) return ConnSet.NONE;
    return new ConnSet(tcp, udp, sctp);
  }

  /** The empty set: no connection allowed. */
  static none(): ConnSet {
    return ConnSet.NONE;
  }

  /** Every port of every protocol. */
  static all(): ConnSet {
    return ConnSet.ALL;
  }

  /** The given ports of one protocol (nothing for the others). */
  static of(proto: L4Protocol, ports: PortSet): ConnSet {
    const e = PortSet.empty();
    switch (proto) {
      case 'TCP':
        return ConnSet.make(ports, e, e);
      case 'UDP':
        return ConnSet.make(e, ports, e);
      case 'SCTP':
        return ConnSet.make(e, e, ports);
      default: {
        const never: never = proto;
        throw new RangeError(`ConnSet: unknown protocol ${String(never)}`);
      }
    }
  }

  /** Per-protocol ports; a missing protocol contributes no ports. */
  static from(parts: Partial<Record<L4Protocol, PortSet>>): ConnSet {
    const e = PortSet.empty();
    return ConnSet.make(parts.TCP ?? e, parts.UDP ?? e, parts.SCTP ?? e);
  }

  /** Pairs in this or o. */
  union(o: ConnSet): ConnSet {
    if (o === ConnSet.NONE || this === ConnSet.ALL) return this;
    if (this === ConnSet.NONE || o === ConnSet.ALL) return o;
    return ConnSet.make(this.tcp.union(o.tcp), this.udp.union(o.udp), this.sctp.union(o.sctp));
  }

  /** Pairs in both this and o. */
  intersect(o: ConnSet): ConnSet {
    if (this === ConnSet.NONE || o === ConnSet.ALL) return this;
    if (o === ConnSet.NONE || this === ConnSet.ALL) return o;
    return ConnSet.make(this.tcp.intersect(o.tcp), this.udp.intersect(o.udp), this.sctp.intersect(o.sctp));
  }

  /** Pairs in this but not in o. */
  subtract(o: ConnSet): ConnSet {
    if (this === ConnSet.NONE || o === ConnSet.NONE) return this;
    if (o === ConnSet.ALL) return ConnSet.NONE;
    return ConnSet.make(this.tcp.subtract(o.tcp), this.udp.subtract(o.udp), this.sctp.subtract(o.sctp));
  }

  /** Pairs not in this (within every protocol's full port range). */
  complement(): ConnSet {
    return ConnSet.ALL.subtract(this);
  }

  /** The ports allowed for `proto` (empty when none). */
  ports(proto: L4Protocol): PortSet {
    switch (proto) {
      case 'TCP':
        return this.tcp;
      case 'UDP':
        return this.udp;
      case 'SCTP':
        return this.sctp;
      default: {
        const never: never = proto;
        throw new RangeError(`ConnSet: unknown protocol ${String(never)}`);
      }
    }
  }

  /** True when (proto, port) is in the set. */
  allows(proto: L4Protocol, port: number): boolean {
    return this.ports(proto).contains(port);
  }

  /** True when no connection is allowed. */
  isEmpty(): boolean {
    return this.tcp.isEmpty() && this.udp.isEmpty() && this.sctp.isEmpty();
  }

  /** True when every port of every protocol is allowed. */
  isAll(): boolean {
    return this.tcp.isAll() && this.udp.isAll() && this.sctp.isAll();
  }

  /** True when this and o hold exactly the same pairs. */
  equals(o: ConnSet): boolean {
    return this === o || (this.tcp.equals(o.tcp) && this.udp.equals(o.udp) && this.sctp.equals(o.sctp));
  }

  /** True when every pair of this is in o (none() is a subset of everything). */
  isSubsetOf(o: ConnSet): boolean {
    return this.tcp.isSubsetOf(o.tcp) && this.udp.isSubsetOf(o.udp) && this.sctp.isSubsetOf(o.sctp);
  }

  /** True when this and o share at least one pair. */
  overlaps(o: ConnSet): boolean {
    return this.tcp.overlaps(o.tcp) || this.udp.overlaps(o.udp) || this.sctp.overlaps(o.sctp);
  }

  /** Canonical string usable as a Map key: equal sets have equal keys and different sets different keys. */
  key(): string {
    return (this.cachedKey ??= `T${this.tcp.toString()}|U${this.udp.toString()}|S${this.sctp.toString()}`);
  }

  /**
   * np-guard netpol-analyzer text: "All Connections", "No Connections", or the protocols with ports in alphabetical
   * order, each "PROTO ports", joined by ","; e.g. "TCP 9090,UDP 53" or "SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535".
   */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    const parts: string[] = [];
    for (const proto of PRINT_ORDER) {
      const ports = this.ports(proto);
      if (!ports.isEmpty()) parts.push(`${proto} ${ports.toString()}`);
    }
    return parts.join(',');
  }
}
