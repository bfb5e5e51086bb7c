// Encapsulation on the path: which clusters tunnel pod traffic between nodes, what the outer packet is, and — through
// the walker on the canal fixture — that NSGs decide pod traffic between nodes on the outer packet only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeIp, formatIp, parseIp, type Ip } from '../net/index.js';
import type { Cluster, Nsg, NsgRule, SelfManagedCni } from '../../model/azure.js';
import { AZURE_DROPS_IPIP, CALICO_VXLAN, FLANNEL_VXLAN } from '../../model/facts.js';
import { cluster, pool } from '../../derive/testing/build.js';
import { loadModel } from '../../cli/pipeline.js';
import { evaluateNsgPath, nsgContextForSubnet, type NsgContext } from '../nsg/index.js';
import { buildSketch, sketchSubnetId } from '../../questions/check/sketch.js';
import { TEST_ORIGIN } from '../../derive/testing/build.js';
import type { FieldRewrite, Flow } from '../trace-types.js';
import { buildDataplane } from './context.js';
import { decapRewrites, describeSelfManaged, encapsulate, replyTunnel, tunnelOf, type TunnelNode } from './encapsulation.js';
import { walk } from './walk.js';

const ip = (t: string): Ip => parseIp(t)!;
const selfManaged = (cni: SelfManagedCni, name = 'c'): Cluster =>
  cluster(name, { mode: 'self-managed', selfManagedCni: cni, podCidr: '10.244.0.0/16', pools: [pool('w', { subnet: 'nodes' })] });
const node = (name: string, addr: string | undefined, c: Cluster | undefined): TunnelNode =>
  ({ name, ...(addr ? { ip: ip(addr) } : {}), ...(c ? { cluster: c } : {}) });
const INNER: Flow = { protocol: 'TCP', srcIp: ip('10.244.0.5'), srcPort: 40000, dstIp: ip('10.244.1.7'), dstPort: 8080 };

/** The packet `rewrites` turn `f` into, as text fields (what a reader of the trace reconstructs). */
function applied(f: Record<string, string>, rewrites: readonly FieldRewrite[]): Record<string, string> {
  const out = { ...f };
  for (const r of rewrites) {
    assert.equal(out[r.field], r.old, `rewrite of ${r.field} starts from the packet's value`);
    out[r.field] = r.new;
  }
  return out;
}
function fields(f: { protocol: string; srcIp: Ip; srcPort?: number; dstIp: Ip; dstPort?: number }): Record<string, string> {
  return { protocol: f.protocol, srcIp: formatIp(f.srcIp), srcPort: f.srcPort === undefined ? '*' : String(f.srcPort), dstIp: formatIp(f.dstIp),
    dstPort: f.dstPort === undefined ? '*' : String(f.dstPort) };
}

describe('tunnelOf', () => {
  it('canal and calico-vxlan are VXLAN with their facts\' ports, calico-bgp-ipip is IPIP, policy-only is routed', () => {
    const canal = tunnelOf(selfManaged('canal'));
    assert.deepEqual(canal && canal.kind === 'vxlan' ? [canal.device, canal.vni, canal.port] : undefined, ['flannel.1', 1, 8472]);
    assert.equal(canal?.fact, FLANNEL_VXLAN);
    const cv = tunnelOf(selfManaged('calico-vxlan'));
    assert.deepEqual(cv && cv.kind === 'vxlan' ? [cv.device, cv.vni, cv.port] : undefined, ['vxlan.calico', 4096, 4789]);
    assert.equal(cv?.fact, CALICO_VXLAN);
    const ipip = tunnelOf(selfManaged('calico-bgp-ipip'));
    assert.deepEqual(ipip && ipip.kind === 'ipip' ? [ipip.device, ipip.protocolNumber] : undefined, ['tunl0', 4]);
    assert.equal(ipip?.fact, AZURE_DROPS_IPIP);
    assert.equal(tunnelOf(selfManaged('calico-policy-only')), undefined);
    assert.equal(tunnelOf(undefined), undefined);
  });
  it('no AKS mode encapsulates (Azure CNI Overlay routes pod addresses in the fabric)', () => {
    for (const mode of ['kubenet', 'azure-cni-node-subnet', 'azure-cni-pod-subnet', 'azure-cni-overlay', 'byo-cni'] as const) {
      assert.equal(tunnelOf(cluster('a', { mode, podCidr: '10.244.0.0/16', pools: [pool('p')] })), undefined, mode);
    }
  });
  it('describes the node networking of each self-managed CNI', () => {
    assert.match(describeSelfManaged(selfManaged('canal')), /flannel VXLAN device flannel\.1 \(VNI 1, UDP 8472\)/);
    assert.match(describeSelfManaged(selfManaged('calico-bgp-ipip')), /tunl0 \(IP protocol 4\)/);
    assert.match(describeSelfManaged(selfManaged('calico-policy-only')), /pod routes per node/);
  });
});

describe('encapsulate', () => {
  const c = selfManaged('canal');
  it('canal: UDP from node to node on 8472, every changed field rewritten; decap restores the inner packet', () => {
    const out = encapsulate(node('n0', '10.60.0.4', c), INNER, node('n1', '10.60.0.5', c));
    assert.equal(out.kind, 'encapsulated');
    if (out.kind !== 'encapsulated') return;
    assert.deepEqual(fields(out.outer), { protocol: 'UDP', srcIp: '10.60.0.4', srcPort: '*', dstIp: '10.60.0.5', dstPort: '8472' });
    assert.equal(out.to, 'n1');
    assert.deepEqual(applied(fields(INNER), out.rewrites), fields(out.outer));
    assert.deepEqual(applied(fields(out.outer), decapRewrites(out.rewrites)), fields(INNER));
    assert.match(out.detail, /UDP 10\.60\.0\.4 -> 10\.60\.0\.5:8472 .*FLANNEL_VXLAN/);
  });
  it('calico-vxlan uses 4789', () => {
    const cv = selfManaged('calico-vxlan');
    const out = encapsulate(node('n0', '10.60.0.4', cv), INNER, node('n1', '10.60.0.5', cv));
    assert.equal(out.kind === 'encapsulated' ? out.outer.dstPort : undefined, 4789);
  });
  it('calico-bgp-ipip: dropped by the fabric, with the fact and the check rule named', () => {
    const ci = selfManaged('calico-bgp-ipip');
    const out = encapsulate(node('n0', '10.60.0.4', ci), INNER, node('n1', '10.60.0.5', ci));
    assert.equal(out.kind, 'dropped-by-fabric');
    if (out.kind !== 'dropped-by-fabric') return;
    assert.deepEqual([out.outer.protocol, formatIp(out.outer.srcIp), formatIp(out.outer.dstIp)], ['IPIP', '10.60.0.4', '10.60.0.5']);
    assert.match(out.reason, /AZURE_DROPS_IPIP.*AKS3003/);
  });
  it('not encapsulated: same node, no destination node, another cluster, a routed CNI', () => {
    assert.equal(encapsulate(node('n0', '10.60.0.4', c), INNER, node('n0', '10.60.0.4', c)).kind, 'none');
    assert.equal(encapsulate(node('n0', '10.60.0.4', c), INNER, undefined).kind, 'none');
    assert.equal(encapsulate(node('n0', '10.60.0.4', c), INNER, node('m1', '10.61.0.5', selfManaged('canal', 'other'))).kind, 'none');
    const po = selfManaged('calico-policy-only');
    assert.equal(encapsulate(node('n0', '10.60.0.4', po), INNER, node('n1', '10.60.0.5', po)).kind, 'none');
    assert.equal(encapsulate(node('n0', '10.60.0.4', undefined), INNER, node('n1', '10.60.0.5', undefined)).kind, 'none');
  });
  it('a node address that is not known: unknown-address naming the node', () => {
    const out = encapsulate(node('n0', '10.60.0.4', c), INNER, node('n1', undefined, c));
    assert.equal(out.kind, 'unknown-address');
    assert.match(out.kind === 'unknown-address' ? out.detail : '', /node n1 is not known/);
  });
  it('property: never throws; an outer packet always goes node to node and decap undoes encap', () => {
    const addr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => makeIp(4, (10n << 24n) | (BigInt(a) << 8n) | BigInt(b))!);
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
    fc.assert(fc.property(
      fc.constantFrom<SelfManagedCni>('canal', 'calico-vxlan', 'calico-bgp-ipip', 'calico-policy-only'),
      fc.constantFrom<'TCP' | 'UDP' | 'ICMP'>('TCP', 'UDP', 'ICMP'), addr, addr, port, port,
      fc.option(addr, { nil: undefined }), fc.option(addr, { nil: undefined }), fc.boolean(), fc.boolean(),
      (cni, protocol, src, dst, sp, dp, a, b, sameName, sameCluster) => {
        const ca = selfManaged(cni);
        const cb = sameCluster ? ca : selfManaged(cni, 'other');
        const inner: Flow = { protocol, srcIp: src, dstIp: dst, ...(sp !== undefined ? { srcPort: sp } : {}), ...(dp !== undefined ? { dstPort: dp } : {}) };
        const from: TunnelNode = { name: 'n0', ...(a ? { ip: a } : {}), cluster: ca };
        const to: TunnelNode = { name: sameName ? 'n0' : 'n1', ...(b ? { ip: b } : {}), cluster: cb };
        const out = encapsulate(from, inner, to);
        switch (out.kind) {
          case 'none':
            assert.ok(cni === 'calico-policy-only' || sameName || !sameCluster || (a !== undefined && b !== undefined && formatIp(a) === formatIp(b)));
            break;
          case 'unknown-address':
            assert.ok(a === undefined || b === undefined);
            break;
          case 'encapsulated':
            assert.equal(formatIp(out.outer.srcIp), formatIp(a!));
            assert.equal(formatIp(out.outer.dstIp), formatIp(b!));
            assert.equal(out.outer.dstPort, cni === 'canal' ? 8472 : 4789);
            assert.deepEqual(applied(fields(inner), out.rewrites), fields(out.outer));
            assert.deepEqual(applied(fields(out.outer), decapRewrites(out.rewrites)), fields(inner));
            break;
          case 'dropped-by-fabric':
            assert.equal(cni, 'calico-bgp-ipip');
            break;
          default: {
            const never: never = out;
            assert.fail(String(never));
          }
        }
      },
    ), { numRuns: 300 });
  });
});

describe('replyTunnel', () => {
  const ctx = (): NsgContext => nsgContextForSubnet(buildSketch({ vnets: [{ name: 'v', addressSpace: ['10.60.0.0/16'], subnets: [{ name: 's', prefix: '10.60.0.0/24' }] }] }), sketchSubnetId('v/s'));
  const deny = (direction: 'Inbound' | 'Outbound', src: string, dst: string): Nsg => ({
    id: 'nsg', name: 'nsg', origin: TEST_ORIGIN, rules: [{ name: 'd', priority: 100, direction, access: 'Deny', protocol: 'Udp', sourceAddresses: [src], sourcePorts: ['*'],
      destinationAddresses: [dst], destinationPorts: ['8472'], sourceAsgIds: [], destinationAsgIds: [], origin: TEST_ORIGIN }],
  });
  const outer = { protocol: 'UDP' as const, srcIp: ip('10.60.0.4'), dstIp: ip('10.60.0.5'), dstPort: 8472 };
  it('the reply is UDP from the destination node to the source node on the tunnel port', () => {
    const r = replyTunnel(outer, { nsgs: {}, ctx: ctx() }, { nsgs: {}, ctx: ctx() });
    assert.deepEqual(fields(r.reply), { protocol: 'UDP', srcIp: '10.60.0.5', srcPort: '*', dstIp: '10.60.0.4', dstPort: '8472' });
    assert.equal(r.verdict.access, 'Allow');
  });
  it('denied out of the destination node, or into the source node', () => {
    const out = replyTunnel(outer, { nsgs: { subnet: deny('Outbound', '10.60.0.5/32', '*') }, ctx: ctx() }, { nsgs: {}, ctx: ctx() });
    assert.deepEqual([out.direction, out.verdict.access], ['Outbound', 'Deny']);
    const inn = replyTunnel(outer, { nsgs: {}, ctx: ctx() }, { nsgs: { nic: deny('Inbound', '*', '10.60.0.4/32') }, ctx: ctx() });
    assert.deepEqual([inn.direction, inn.verdict.access, inn.verdict.stages.at(-1)?.level], ['Inbound', 'Deny', 'nic']);
    const fwdOnly = replyTunnel(outer, { nsgs: {}, ctx: ctx() }, { nsgs: { subnet: deny('Inbound', '10.60.0.4/32', '*') }, ctx: ctx() });
    assert.equal(fwdOnly.verdict.access, 'Allow', 'a rule on the forward direction only does not touch the replies');
  });
});

describe('the walk decides pod traffic between nodes on the outer packet (canal fixture)', () => {
  const loaded = loadModel([join(process.cwd(), 'test', 'trace', 'canal-vxlan')]);
  const base = loaded.model;
  const nsg = base.nsgs.find((n) => n.name === 'vms-nsg')!;
  const origin = nsg.rules[0]!.origin;
  const ruleArb = fc.record({
    access: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
    direction: fc.constantFrom<'Inbound' | 'Outbound'>('Inbound', 'Outbound'),
    protocol: fc.constantFrom<NsgRule['protocol']>('Tcp', 'Udp', '*'),
    src: fc.constantFrom('*', '10.244.0.0/16', '10.244.1.0/24', '10.60.0.0/24', '10.60.0.4/32', '10.60.0.5/32', 'VirtualNetwork'),
    dst: fc.constantFrom('*', '10.244.0.0/16', '10.244.1.0/24', '10.60.0.0/24', '10.60.0.4/32', '10.60.0.5/32', 'VirtualNetwork'),
    ports: fc.constantFrom('*', '8080', '8472', '8000-9000', '4789'),
  });
  it('property: delivered or denied-by-nsg exactly as the NSGs judge UDP node -> node:8472 and its replies\' tunnel back; pod-CIDR rules never matter', () => {
    fc.assert(fc.property(fc.array(ruleArb, { maxLength: 4 }), (rules) => {
      const userRules: NsgRule[] = rules.map((r, i) => ({
        name: `r${i}`, priority: 100 + i, direction: r.direction, access: r.access, protocol: r.protocol, sourceAddresses: [r.src], sourcePorts: ['*'],
        destinationAddresses: [r.dst], destinationPorts: [r.ports], sourceAsgIds: [], destinationAsgIds: [], origin,
      }));
      const n: Nsg = { ...nsg, rules: userRules };
      const model = { ...base, nsgs: base.nsgs.map((x) => (x.id === nsg.id ? n : x)) };
      const ctx = buildDataplane(model, { engine: 'none' });
      const [p0, p1] = ['web-0', 'web-1'].map((name) => ctx.pods.find((p) => p.name === name)!);
      const t = walk(ctx, { kind: 'pod', pod: p0! }, { protocol: 'TCP', srcIp: p0!.ip!, dstIp: p1!.ip!, dstPort: 8080 });
      const [a, b] = [p0!.nodeName, p1!.nodeName].map((name) => ctx.nodes.find((x) => x.name === name)!);
      const subnet = a!.subnet!;
      const outer: Flow = { protocol: 'UDP', srcIp: a!.ip!, dstIp: b!.ip!, dstPort: 8472 };
      const nsgCtx = ctx.nsgContext(subnet);
      const out = evaluateNsgPath({ subnet: n }, 'Outbound', outer, nsgCtx);
      const inn = out.access === 'Allow' ? evaluateNsgPath({ subnet: n }, 'Inbound', outer, nsgCtx) : out;
      // The replies come back in their own tunnel packets: UDP from the destination node to the source node's 8472.
      const back: Flow = { protocol: 'UDP', srcIp: b!.ip!, dstIp: a!.ip!, dstPort: 8472 };
      const backOut = evaluateNsgPath({ subnet: n }, 'Outbound', back, nsgCtx);
      const backIn = backOut.access === 'Allow' ? evaluateNsgPath({ subnet: n }, 'Inbound', back, nsgCtx) : backOut;
      const ok = inn.access === 'Allow' && backIn.access === 'Allow';
      assert.equal(t.disposition, ok ? 'delivered' : 'denied-by-nsg', JSON.stringify(rules));
      if (inn.access === 'Allow' && !ok) assert.match(t.hops[t.blockingHop!]!.detail, /^replies: .*10\.60\.0\.5 -> 10\.60\.0\.4:8472/, 'the replies\' tunnel is named');
      for (const h of t.hops.filter((x) => x.component === 'nsg')) assert.deepEqual([h.packet.protocol, h.packet.dstPort], ['UDP', 8472], 'NSGs see the outer packet');
    }), { numRuns: 150 });
  });
});
