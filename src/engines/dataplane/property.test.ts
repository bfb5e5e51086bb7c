// Property: the walk and the policy engine never disagree about a pod-to-pod flow. A delivered trace means the
// engine's `connections` allow (TCP, port); a trace stopped by policy means they do not (random small clusters).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Model } from '../../model/model.js';
import { cluster, model as azureModel, pool, subnet } from '../../derive/testing/build.js';
import { mkModel, mkNamespace, mkPod, np } from '../policy/testing/builders.js';
import { buildDataplane } from './context.js';
import { walk } from './walk.js';

const NODES = ['aks-np-00000000-vmss000000', 'aks-np-00000000-vmss000001'];
const LABELS = ['a', 'b', 'c'];

const podArb = fc.record({ ns: fc.constantFrom('x', 'y'), app: fc.constantFrom(...LABELS), node: fc.constantFrom(0, 1) });
const policyArb = fc.record({
  ns: fc.constantFrom('x', 'y'), subject: fc.constantFrom(...LABELS), peer: fc.constantFrom(...LABELS),
  port: fc.constantFrom(80, 443), dir: fc.constantFrom<'Ingress' | 'Egress'>('Ingress', 'Egress'), anyNs: fc.boolean(),
});

function build(pods: { ns: string; app: string; node: number }[], pols: { ns: string; subject: string; peer: string; port: number; dir: 'Ingress' | 'Egress'; anyNs: boolean }[], mode: 'azure-cni-overlay' | 'kubenet'): Model {
  const az = azureModel({
    subnets: [subnet('nodes', '10.1.0.0/24', mode === 'kubenet' ? { routeTable: 'rt' } : {})],
    clusters: [cluster('c', { mode, podCidr: '10.244.0.0/16', ...(mode === 'kubenet' ? { routeTable: 'rt' } : {}), pools: [pool('np', { count: 2, subnet: 'nodes' })] })],
  });
  const routeTables = mode === 'kubenet' ? [{ id: az.subnets[0]!.routeTableId!, name: 'rt', origin: az.subnets[0]!.origin, routes: [], disableBgpRoutePropagation: false }] : [];
  const k8s = mkModel({
    namespaces: [mkNamespace('x'), mkNamespace('y')],
    pods: pods.map((p, i) => mkPod(p.ns, `p${i}`, { labels: { app: p.app }, node: NODES[p.node] })),
    policies: pols.map((p, i) => np(p.ns, `np${i}`, p.dir === 'Ingress'
      ? { podSelector: { matchLabels: { app: p.subject } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: p.peer } }, ...(p.anyNs ? { namespaceSelector: {} } : {}) }], ports: [{ port: p.port }] }] }
      : { podSelector: { matchLabels: { app: p.subject } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: p.peer } }, ...(p.anyNs ? { namespaceSelector: {} } : {}) }], ports: [{ port: p.port }] }] })),
  });
  return { ...az, routeTables, namespaces: k8s.namespaces, pods: k8s.pods, policies: k8s.policies };
}

describe('trace agrees with the policy engine (property)', () => {
  for (const mode of ['azure-cni-overlay', 'kubenet'] as const) {
    it(`${mode}: delivered => connections allow; stopped by policy => they do not`, () => {
      fc.assert(fc.property(
        fc.array(podArb, { minLength: 2, maxLength: 5 }), fc.array(policyArb, { maxLength: 3 }),
        fc.nat(), fc.nat(), fc.constantFrom(80, 443, 8080),
        (pods, pols, i, j, port) => {
          const m = build(pods, pols, mode);
          const ctx = buildDataplane(m, { engine: 'upstream' });
          const src = ctx.pods[i % ctx.pods.length]!;
          const dst = ctx.pods[j % ctx.pods.length]!;
          if (src === dst || !src.ip || !dst.ip) return;
          const t = walk(ctx, { kind: 'pod', pod: src }, { protocol: 'TCP', srcIp: src.ip, dstIp: dst.ip, dstPort: port });
          const allowed = ctx.policy!.connections({ kind: 'pod', pod: src }, { kind: 'pod', pod: dst }).allows('TCP', port);
          if (t.delivered) assert.ok(allowed, `trace delivered ${src.name}->${dst.name}:${port} but connections deny`);
          if (t.disposition === 'denied-by-policy-egress' || t.disposition === 'denied-by-policy-ingress') {
            assert.ok(!allowed, `trace ${t.disposition} ${src.name}->${dst.name}:${port} but connections allow`);
          }
          assert.ok(t.delivered || t.disposition.startsWith('denied-by-policy'), `pod-to-pod in a default ${mode} cluster is only stopped by policy (got ${t.disposition})`);
        },
      ), { numRuns: 60 });
    });
  }
});
