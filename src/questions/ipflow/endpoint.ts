// `ip:port` endpoints as `az network watcher test-ip-flow --local/--remote` take them.
import { parseIp, type Ip } from '../../engines/net/index.js';

/** An address and port; `port` absent when written `*` (any). */
export interface IpPort {
  readonly ip: Ip;
  readonly port?: number;
}

/**
 * Parses `10.0.0.4:22`, `10.0.0.4:*`, `[fd00::4]:22` (IPv6 in brackets). The port is 0..65535 or `*`. Returns the
 * reason on failure. Never throws.
 */
export function parseIpPort(text: string): IpPort | string {
  const t = String(text).trim();
  let host: string;
  let port: string;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0 || t[close + 1] !== ':') return `'${t}' is not [ipv6]:port`;
    host = t.slice(1, close);
    port = t.slice(close + 2);
  } else {
    const colon = t.lastIndexOf(':');
    if (colon < 0 || t.indexOf(':') !== colon) return `'${t}' is not ip:port (write IPv6 as [addr]:port)`;
    host = t.slice(0, colon);
    port = t.slice(colon + 1);
  }
  const ip = parseIp(host);
  if (!ip) return `'${host}' is not an IP address`;
  if (port === '*') return { ip };
  if (!/^(0|[1-9][0-9]{0,4})$/.test(port) || Number(port) > 65535) return `'${port}' is not a port (0..65535 or *)`;
  return { ip, port: Number(port) };
}
