// The probe client: a small Node program run inside a source pod's namespace (`ip netns exec <pod> node <file>`).
// It reads a JSON list of targets on stdin, tries them in parallel with short timeouts, and prints one JSON object
// per target. TCP: allowed = the connection was established. UDP: a datagram is sent (three times within the
// timeout) and allowed = the echo came back, so a blocked flow (silence) is told apart from a refused one (ICMP).
// A timeout counts only after the I/O that already arrived was read (see `late`), so a loaded machine does not turn
// an answered probe into a blocked one.
// SCTP is probed with `socat` when the kernel has it. Kept as source text so it runs the same from source and dist.

/** One probe target: an id echoed back, the address, port and protocol. */
export interface ProbeTarget {
  readonly id: number;
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/**
 * One probe's outcome: `allowed` (connected / echo received), `blocked` (no answer within the timeout), `refused`
 * (RST or ICMP port unreachable: the packet reached a host that refused it), or `error` (the probe could not run).
 */
export type ProbeOutcome = 'allowed' | 'blocked' | 'refused' | 'error';

/** One probe result as the client prints it. */
export interface ProbeResult {
  readonly id: number;
  readonly outcome: ProbeOutcome;
  /** Milliseconds the probe took. */
  readonly ms: number;
  /** Error text for `refused` and `error`. */
  readonly detail?: string;
}

/** The client's source (an ES module). argv: timeout in ms, concurrency. */
export const PROBE_CLIENT_SOURCE = `
import net from 'node:net';
import dgram from 'node:dgram';
import { spawn } from 'node:child_process';
const timeoutMs = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 64);
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const targets = JSON.parse(input || '[]');
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const t = targets[next++];
      const start = Date.now();
      let r;
      try {
        r = t.protocol === 'TCP' ? await tcp(t) : t.protocol === 'UDP' ? await udp(t) : await sctp(t);
      } catch (e) {
        r = { outcome: 'error', detail: String(e && e.message || e) };
      }
      process.stdout.write(JSON.stringify({ id: t.id, ms: Date.now() - start, ...r }) + '\\n');
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
});
// A timeout is only a verdict after the answers that already arrived were read: libuv runs expired timers before it
// polls for I/O, so on a starved CPU a timer can fire while the SYN-ACK or the echo sits unread in the socket. Two
// rounds of setImmediate (each after an I/O poll) let every pending event be delivered first.
function late(f) {
  setImmediate(() => setImmediate(f));
}
function tcp(t) {
  return new Promise((resolve) => {
    const s = net.connect({ host: t.ip, port: t.port });
    let settled = false;
    const done = (r) => { if (settled) return; settled = true; clearTimeout(timer); s.destroy(); resolve(r); };
    const timer = setTimeout(() => late(() => done({ outcome: 'blocked' })), timeoutMs);
    s.on('connect', () => done({ outcome: 'allowed' }));
    s.on('error', (e) => done({ outcome: e.code === 'ECONNREFUSED' ? 'refused' : 'error', detail: e.code || e.message }));
  });
}
function udp(t) {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const msg = Buffer.from('aksnet-probe ' + t.id);
    const timers = [];
    let settled = false;
    const done = (r) => { if (settled) return; settled = true; timers.forEach(clearTimeout); try { s.close(); } catch {} resolve(r); };
    s.on('message', () => done({ outcome: 'allowed' }));
    s.on('error', (e) => done({ outcome: e.code === 'ECONNREFUSED' ? 'refused' : 'error', detail: e.code || e.message }));
    s.connect(t.port, t.ip, () => {
      const send = () => s.send(msg, () => undefined);
      send();
      timers.push(setTimeout(send, timeoutMs / 3), setTimeout(send, (2 * timeoutMs) / 3));
      timers.push(setTimeout(() => late(() => done({ outcome: 'blocked' })), timeoutMs));
    });
  });
}
function sctp(t) {
  return new Promise((resolve) => {
    const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
    const c = spawn('socat', ['-T' + secs, '-', 'SCTP:' + t.ip + ':' + t.port + ',connect-timeout=' + secs], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { c.kill('SIGKILL'); }, timeoutMs + 500);
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('error', (e) => { clearTimeout(timer); resolve({ outcome: 'error', detail: e.message }); });
    c.on('close', () => {
      clearTimeout(timer);
      if (out.includes('aksnet-probe')) resolve({ outcome: 'allowed' });
      else if (/refused/i.test(err)) resolve({ outcome: 'refused', detail: err.trim().split('\\n').pop() });
      else resolve({ outcome: 'blocked' });
    });
    c.stdin.end('aksnet-probe ' + t.id + '\\n');
  });
}
`;

/** Parses the client's output lines; lines that are not results are ignored. */
export function parseProbeOutput(text: string): ProbeResult[] {
  const out: ProbeResult[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v !== 'object' || v === null) continue;
      const r = v as Record<string, unknown>;
      const outcome = r['outcome'];
      if (typeof r['id'] !== 'number' || (outcome !== 'allowed' && outcome !== 'blocked' && outcome !== 'refused' && outcome !== 'error')) continue;
      out.push({
        id: r['id'], outcome, ms: typeof r['ms'] === 'number' ? r['ms'] : 0,
        ...(typeof r['detail'] === 'string' ? { detail: r['detail'] } : {}),
      });
    } catch {
      // not a result line
    }
  }
  return out;
}
