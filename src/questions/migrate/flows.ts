// Flow differences between two enforcements, computed over classes: pods are grouped by their class under both
// engines (a joint class), and connection sets are compared once per pair of joint classes and once per joint class
// and external range. No loop runs over pod pairs.
import { ConnSet, formatCidr, formatIp, L4_PROTOCOLS, rangeToCidrs, type L4Protocol } from '../../engines/net/index.js';
import { buildPolicyEngine, engineProfile, type DirectionVerdict, type Endpoint, type PolicyEngine } from '../../engines/policy/index.js';
import type { Pod } from '../../model/k8s.js';
import type { Model } from '../../model/model.js';
import type { Enforcement, FlowChange, FlowEnd, SideDecision } from './types.js';
import { byKey } from '../../model/compare.js';

/** An enforcement's evaluator; `none` allows everything. */
interface Side {
  readonly engine?: PolicyEngine;
  classOf(p: Pod): number;
  classConnections(a: number, b: number): ConnSet;
  connections(src: Endpoint, dst: Endpoint): ConnSet;
  decide(src: Endpoint, dst: Endpoint, proto: L4Protocol, port: number): SideDecision;
}

function side(model: Model, pods: readonly Pod[], e: Enforcement): Side {
  if (e === 'none') {
    const none: SideDecision = { allowed: true, summary: 'no policy engine: nothing is enforced', rules: [] };
    return { classOf: () => 0, classConnections: () => ConnSet.all(), connections: () => ConnSet.all(), decide: () => none };
  }
  const engine = buildPolicyEngine(model, engineProfile(e), pods);
  return {
    engine,
    classOf: (p) => engine.classOf(p),
    classConnections: (a, b) => engine.classConnections(a, b),
    connections: (s, d) => engine.connections(s, d),
    decide: (s, d, proto, port) => {
      const v = engine.decide(s, d, proto, port);
      return { allowed: v.allowed, summary: `egress: ${v.egress.summary}; ingress: ${v.ingress.summary}`, rules: [...rulesOf(v.egress), ...rulesOf(v.ingress)] };
    },
  };
}

function rulesOf(v: DirectionVerdict): SideDecision['rules'] {
  return v.steps.filter((s) => s.policy !== undefined).map((s) => ({ policy: s.policy as string, ...(s.rule !== undefined ? { rule: s.rule } : {}), ...(s.origin ? { origin: s.origin } : {}) }));
}

/** The first connection of a non-empty set (lowest port of the first protocol that has one). */
export function probeOf(c: ConnSet): { protocol: L4Protocol; port: number } | undefined {
  for (const p of L4_PROTOCOLS) {
    const r = c.ports(p).ranges()[0];
    if (r !== undefined) return { protocol: p, port: r[0] };
  }
  return undefined;
}

const podId = (p: Pod): string => `${p.namespace}/${p.name}`;
const workloadId = (p: Pod): string => `${p.namespace}/${p.workload.name}`;

interface Joint {
  readonly before: number;
  readonly after: number;
  /** Pods by workload id, each list sorted by pod id. */
  readonly byWorkload: Map<string, Pod[]>;
}

interface Row {
  src: FlowEnd;
  dst: FlowEnd;
  gained: ConnSet;
  lost: ConnSet;
  podPairs: number;
  srcEp: Endpoint;
  dstEp: Endpoint;
}

/** Every flow (workload pair, workload ↔ external range) whose connections differ between `before` and `after`. */
export function diffFlows(model: Model, pods: readonly Pod[], before: Enforcement, after: Enforcement): FlowChange[] {
  if (before === after) return [];
  const b = side(model, pods, before);
  const a = side(model, pods, after);
  const joints = new Map<string, Joint>();
  const sorted = [...pods].filter((p) => p.ip !== undefined || p.hostNetwork).sort(byKey(podId));
  for (const p of sorted) {
    const key = `${b.classOf(p)}|${a.classOf(p)}`;
    let j = joints.get(key);
    if (!j) {
      j = { before: b.classOf(p), after: a.classOf(p), byWorkload: new Map() };
      joints.set(key, j);
    }
    const w = workloadId(p);
    const list = j.byWorkload.get(w) ?? [];
    list.push(p);
    j.byWorkload.set(w, list);
  }
  const rows = new Map<string, Row>();
  const add = (key: string, mk: () => Omit<Row, 'gained' | 'lost' | 'podPairs'>, gained: ConnSet, lost: ConnSet, pairs: number): void => {
    const r = rows.get(key);
    if (r) {
      r.gained = r.gained.union(gained);
      r.lost = r.lost.union(lost);
      r.podPairs += pairs;
    } else rows.set(key, { ...mk(), gained, lost, podPairs: pairs });
  };
  const js = [...joints.values()];
  for (const j1 of js) for (const j2 of js) {
    const cb = b.classConnections(j1.before, j2.before);
    const ca = a.classConnections(j1.after, j2.after);
    const gained = ca.subtract(cb);
    const lost = cb.subtract(ca);
    if (gained.isEmpty() && lost.isEmpty()) continue;
    for (const [w1, ps1] of j1.byWorkload) for (const [w2, ps2] of j2.byWorkload) {
      const same = j1 === j2 && w1 === w2;
      const pairs = ps1.length * ps2.length - (same ? ps1.length : 0);
      if (pairs <= 0) continue;
      const s = ps1[0];
      const d = same ? ps2[1] : ps2[0];
      add(`${w1}\u0000${w2}`, () => ({
        src: { kind: 'workload', name: w1, pod: podId(s) }, dst: { kind: 'workload', name: w2, pod: podId(d) },
        srcEp: { kind: 'pod', pod: s }, dstEp: { kind: 'pod', pod: d },
      }), gained, lost, pairs);
    }
  }
  externalRows(b, a, js, add);
  return [...rows.values()].map((r) => toChange(r, b, a)).sort(byKey((x) => `${x.src.kind}:${x.src.name}\u0000${x.dst.kind}:${x.dst.name}`));
}

function externalRows(b: Side, a: Side, js: readonly Joint[],
  add: (key: string, mk: () => Omit<Row, 'gained' | 'lost' | 'podPairs'>, gained: ConnSet, lost: ConnSet, pairs: number) => void): void {
  const starts = new Set<bigint>([0n]);
  for (const s of [b, a]) for (const at of s.engine?.externalAtoms() ?? []) {
    if (at.family !== 4) continue;
    starts.add(at.lo);
    if (at.hi < 0xffffffffn) starts.add(at.hi + 1n);
  }
  const st = [...starts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const j of js) for (const [w, ps] of j.byWorkload) {
    const pod = ps[0];
    const pe: Endpoint = { kind: 'pod', pod };
    for (const dir of ['egress', 'ingress'] as const) {
      // Adjacent ranges with the same change merge into one row.
      let cur: { lo: bigint; hi: bigint; gained: ConnSet; lost: ConnSet } | undefined;
      const flush = (): void => {
        if (!cur || (cur.gained.isEmpty() && cur.lost.isEmpty())) return;
        const name = rangeName(cur.lo, cur.hi);
        const ext: Endpoint = { kind: 'external', ip: { family: 4, value: cur.lo } };
        const end: FlowEnd = { kind: 'external', name };
        const wl: FlowEnd = { kind: 'workload', name: w, pod: podId(pod) };
        const g = cur.gained;
        const l = cur.lost;
        if (dir === 'egress') add(`${w}\u0000ext:${name}`, () => ({ src: wl, dst: end, srcEp: pe, dstEp: ext }), g, l, ps.length);
        else add(`ext:${name}\u0000${w}`, () => ({ src: end, dst: wl, srcEp: ext, dstEp: pe }), g, l, ps.length);
      };
      for (let i = 0; i < st.length; i++) {
        const lo = st[i];
        const hi = i + 1 < st.length ? st[i + 1] - 1n : 0xffffffffn;
        const ext: Endpoint = { kind: 'external', ip: { family: 4, value: lo } };
        const [s, d] = dir === 'egress' ? [pe, ext] : [ext, pe];
        const cb = b.connections(s, d);
        const ca = a.connections(s, d);
        const gained = ca.subtract(cb);
        const lost = cb.subtract(ca);
        if (cur && cur.gained.equals(gained) && cur.lost.equals(lost)) cur.hi = hi;
        else {
          flush();
          cur = { lo, hi, gained, lost };
        }
      }
      flush();
    }
  }
}

function rangeName(lo: bigint, hi: bigint): string {
  const cidrs = rangeToCidrs(4, lo, hi);
  if (cidrs.length === 1) return formatCidr(cidrs[0]);
  return `${formatIp({ family: 4, value: lo })}-${formatIp({ family: 4, value: hi })}`;
}

function toChange(r: Row, b: Side, a: Side): FlowChange {
  const probe = probeOf(r.gained.isEmpty() ? r.lost : r.gained) ?? { protocol: 'TCP' as const, port: 80 };
  return {
    src: r.src, dst: r.dst, gained: r.gained.isEmpty() ? '' : r.gained.toString(), lost: r.lost.isEmpty() ? '' : r.lost.toString(),
    podPairs: r.podPairs, probe: `${probe.protocol}/${probe.port}`,
    before: b.decide(r.srcEp, r.dstEp, probe.protocol, probe.port),
    after: a.decide(r.srcEp, r.dstEp, probe.protocol, probe.port),
  };
}
