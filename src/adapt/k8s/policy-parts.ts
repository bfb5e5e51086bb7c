// Pieces shared by every policy dialect: protocols, numeric and named ports, CIDR blocks, and what to do with
// entries that are invalid.
import type { DocPath } from '../../load/document.js';
import { type Cidr, IpSet, type L4Protocol, MAX_PORT, MIN_PORT, PortSet, cidrContains, formatCidr, parseCidr } from '../../engines/net/index.js';
import type { Peer, PortMatch } from '../../model/policy.js';
import { K8S_CODES } from './codes.js';
import { type ObjectReader, describe } from './reader.js';

/**
 * How an invalid list entry (peer or port) changes its rule, following the network-policy-api "fail closed" rule:
 * `narrow` (allow rules): the entry is dropped, so the rule matches less — a list whose every entry was invalid matches
 * nothing (never "any"); `widen` (deny and pass rules): the whole list becomes `any`, so the rule denies more.
 */
export type FailMode = 'narrow' | 'widen';

/** Combines read entries (undefined = invalid, already reported) according to `mode`. */
export function collectEntries<T>(items: readonly (T | undefined)[], mode: FailMode): T[] | 'any' {
  if (mode === 'widen' && items.some((i) => i === undefined)) return 'any';
  return items.filter((i): i is T => i !== undefined);
}

const PROTOCOLS: readonly L4Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The protocol at `path`: TCP when absent; undefined (reported) for anything but TCP, UDP, SCTP. */
export function readProtocol(r: ObjectReader, path: DocPath): L4Protocol | undefined {
  const v = r.raw(path);
  if (v === undefined || v === null) return 'TCP';
  if (typeof v === 'string' && (PROTOCOLS as readonly string[]).includes(v)) return v as L4Protocol;
  const upper = typeof v === 'string' ? v.toUpperCase() : '';
  r.error(K8S_CODES.UNKNOWN_PROTOCOL, path, `unknown protocol ${describe(v)}`,
    (PROTOCOLS as readonly string[]).includes(upper) ? `protocols are upper-case: write ${upper}` : 'use TCP, UDP or SCTP');
  return undefined;
}

/** True for an IANA service name as Kubernetes validates a named port: ≤ 15 of [a-z0-9-], a letter, no `--` or edge `-`. */
export function isValidPortName(name: string): boolean {
  return name.length >= 1 && name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

/** True for an integer 1..65535. */
export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT;
}

/** Reports a port outside 1..65535 at `path`; returns whether the port is valid. */
export function checkPolicyPort(r: ObjectReader, path: DocPath, port: number): boolean {
  if (isPortNumber(port)) return true;
  r.error(K8S_CODES.POLICY_PORT_OUT_OF_RANGE, path, `port ${port} is outside 1-65535`, 'use a port between 1 and 65535');
  return false;
}

/** Reports an invalid named port at `path`; returns whether the name is valid. */
export function checkPortName(r: ObjectReader, path: DocPath, name: string): boolean {
  if (isValidPortName(name)) return true;
  r.error(K8S_CODES.INVALID_PORT_NAME, path, `"${name}" is not a valid port number or port name`,
    /^\d+$/.test(name) ? 'write the number without quotes' : 'a port name is ≤ 15 characters of a-z, 0-9 and -, with at least one letter');
  return false;
}

/**
 * Reads a NetworkPolicy port entry `{protocol, port, endPort}`: no port = every port of the protocol; a number
 * (with endPort: the inclusive range); a string = a named port of the destination pod with that protocol.
 * Undefined when the entry is invalid (reported).
 */
export function readNetpolPort(r: ObjectReader, path: DocPath): PortMatch | undefined {
  if (r.obj(path) === undefined) {
    if (r.raw(path) === undefined || r.raw(path) === null) r.error(K8S_CODES.WRONG_TYPE, path, 'a port entry must be an object');
    return undefined;
  }
  r.unknownFields(path, ['protocol', 'port', 'endPort']);
  const protocol = readProtocol(r, [...path, 'protocol']);
  const port = r.intOrString([...path, 'port']);
  const endPort = r.int([...path, 'endPort']);
  if (protocol === undefined) return undefined;
  if (r.raw([...path, 'port']) !== undefined && r.raw([...path, 'port']) !== null && port === undefined) return undefined;
  if (r.raw([...path, 'endPort']) !== undefined && r.raw([...path, 'endPort']) !== null && endPort === undefined) return undefined;
  if (port === undefined) {
    if (endPort !== undefined) {
      r.error(K8S_CODES.END_PORT_WITH_NAMED_PORT, [...path, 'endPort'], 'endPort needs a numeric port', 'add `port:` as the range start');
      return undefined;
    }
    return { kind: 'numeric', protocol, ports: PortSet.all() };
  }
  if (typeof port === 'string') {
    if (!checkPortName(r, [...path, 'port'], port)) return undefined;
    if (endPort !== undefined) {
      r.error(K8S_CODES.END_PORT_WITH_NAMED_PORT, [...path, 'endPort'], `endPort cannot be used with the named port "${port}"`,
        'use a numeric port as the range start, or drop endPort');
      return undefined;
    }
    return { kind: 'named', protocol, name: port };
  }
  if (!checkPolicyPort(r, [...path, 'port'], port)) return undefined;
  if (endPort === undefined) return { kind: 'numeric', protocol, ports: PortSet.single(port) };
  if (!checkPolicyPort(r, [...path, 'endPort'], endPort)) return undefined;
  if (endPort < port) {
    r.error(K8S_CODES.END_PORT_BEFORE_PORT, [...path, 'endPort'], `endPort ${endPort} is smaller than port ${port}`,
      'endPort is the inclusive end of the range and must be ≥ port');
    return undefined;
  }
  return { kind: 'numeric', protocol, ports: PortSet.range(port, endPort) };
}

/** Parses a policy CIDR at `path`; reports invalid text (error) and host bits (warning). */
export function readPolicyCidr(r: ObjectReader, path: DocPath, text: unknown): Cidr | undefined {
  if (typeof text !== 'string') {
    r.error(K8S_CODES.INVALID_POLICY_CIDR, path, `a CIDR must be a string, found ${describe(text)}`);
    return undefined;
  }
  const p = parseCidr(text.trim());
  if (!p || !text.includes('/')) {
    r.error(K8S_CODES.INVALID_POLICY_CIDR, path, `"${text}" is not a valid CIDR`, 'write address/prefix, e.g. 10.0.0.0/8 or fd00::/8');
    return undefined;
  }
  if (p.hostBitsSet) {
    r.warning(K8S_CODES.CIDR_HOST_BITS, path, `CIDR "${text}" has host bits set; read as ${formatCidr(p.cidr)}`,
      `write ${formatCidr(p.cidr)}`);
  }
  return p.cidr;
}

/** Reads an ipBlock `{cidr, except[]}` at `path` into an `ipblock` peer (set = cidr minus except). */
export function readIpBlock(r: ObjectReader, path: DocPath): Peer | undefined {
  if (r.obj(path) === undefined) return undefined;
  r.unknownFields(path, ['cidr', 'except']);
  const cidr = readPolicyCidr(r, [...path, 'cidr'], r.raw([...path, 'cidr']));
  const exceptRaw = r.list([...path, 'except']) ?? [];
  if (cidr === undefined) return undefined;
  const except: Cidr[] = [];
  let ok = true;
  exceptRaw.forEach((e, i) => {
    const c = readPolicyCidr(r, [...path, 'except', i], e);
    if (c === undefined) {
      ok = false;
      return;
    }
    if (!cidrContains(cidr, c) || (c.family === cidr.family && c.prefix === cidr.prefix)) {
      ok = false;
      r.error(K8S_CODES.EXCEPT_OUTSIDE_CIDR, [...path, 'except', i],
        `except ${formatCidr(c)} is not strictly inside cidr ${formatCidr(cidr)}`,
        'except entries must be sub-ranges of cidr (the API server rejects this policy)');
      return;
    }
    except.push(c);
  });
  if (!ok) return undefined;
  return { kind: 'ipblock', cidr, except, set: IpSet.fromCidr(cidr).subtract(IpSet.fromCidrs(except)) };
}
