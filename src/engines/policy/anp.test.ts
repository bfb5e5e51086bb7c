// AdminNetworkPolicy / BaselineAdminNetworkPolicy precedence (shared/reference/policy-semantics.md §4.3) and the
// explanation text, one row per semantic point. Each row checks decide(), connections() and the naive reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { L4Protocol } from '../net/index.js';
import type { NormalizedPolicy } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { engineProfile } from './profile.js';
import { anp, banp, e2eModel, ip, np } from './testing/builders.js';
import type { Endpoint } from './types.js';

const NAME = 'kubernetes.io/metadata.name';
const nsY = { namespaces: { matchLabels: { [NAME]: 'y' } } };
const toXa = { pods: { namespaceSelector: { matchLabels: { [NAME]: 'x' } }, podSelector: { matchLabels: { pod: 'a' } } } };
const npXaFromYb = np('x', 'allow-b', {
  podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }],
});
const passY = anp('pass-example', { priority: 10, subject: toXa, ingress: [{ name: 'pass-y', action: 'Pass', from: [nsY] }] });
const denyY = anp('deny-example', { priority: 20, subject: toXa, ingress: [{ name: 'deny-y', action: 'Deny', from: [nsY] }] });
const allowY = anp('allow-example', { priority: 5, subject: toXa, ingress: [{ name: 'allow-y', action: 'Allow', from: [nsY] }] });
const banpDenyY = banp({ subject: toXa, ingress: [{ name: 'baseline-deny-y', action: 'Deny', from: [nsY] }] });

interface Row {
  name: string;
  policies: NormalizedPolicy[];
  from: string;
  to: string;
  probe?: [L4Protocol, number];
  allowed: boolean;
  ingress?: string;
  egress?: string;
}

const ROWS: Row[] = [
  { name: 'no policies: default allow', policies: [], from: 'y/b', to: 'x/a', allowed: true, ingress: '[default] Allowed (no policy applies)' },
  {
    name: 'ANP Pass then NetworkPolicy allows (issue example)', policies: [passY, npXaFromYb], from: 'y/b', to: 'x/a', allowed: true,
    ingress: '[ANP] Pass (rule pass-y) -> [NetworkPolicy] Allowed (x/allow-b, ingress rule #1)',
  },
  {
    name: 'ANP Pass then NetworkPolicy isolates (no rule matches y/a)', policies: [passY, npXaFromYb], from: 'y/a', to: 'x/a', allowed: false,
    ingress: '[ANP] Pass (rule pass-y) -> [NetworkPolicy] Denied (x/a is isolated for ingress by x/allow-b; no rule matches)',
  },
  { name: 'ANP Deny beats NetworkPolicy Allow', policies: [denyY, npXaFromYb], from: 'y/b', to: 'x/a', allowed: false, ingress: '[ANP] Denied (rule deny-y)' },
  {
    name: 'ANP Allow beats NetworkPolicy isolation', policies: [allowY, npXaFromYb], from: 'y/a', to: 'x/a', allowed: true,
    ingress: '[ANP] Allowed (rule allow-y)',
  },
  { name: 'lower priority first: Allow (5) before Deny (20)', policies: [allowY, denyY], from: 'y/c', to: 'x/a', allowed: true, ingress: '[ANP] Allowed (rule allow-y)' },
  {
    name: 'lower priority first: Deny (1) before Allow (5)', from: 'y/c', to: 'x/a', allowed: false, ingress: '[ANP] Denied (rule deny-first)',
    policies: [allowY, anp('deny-first', { priority: 1, subject: toXa, ingress: [{ name: 'deny-first', action: 'Deny', from: [nsY] }] })],
  },
  { name: 'Pass skips later ANPs (Deny at 20) and BANP is not reached when NP selects', policies: [passY, denyY, npXaFromYb, banpDenyY], from: 'y/b', to: 'x/a', allowed: true },
  { name: 'ANP Pass with the NP deleted: BANP Deny', policies: [passY, banpDenyY], from: 'y/b', to: 'x/a', allowed: false, ingress: '[ANP] Pass (rule pass-y) -> [BANP] Denied (rule baseline-deny-y)' },
  {
    name: 'rules in order within one ANP: Deny first', from: 'y/b', to: 'x/a', allowed: false, ingress: '[ANP] Denied (rule d)',
    policies: [anp('ordered', { priority: 1, subject: toXa, ingress: [{ name: 'd', action: 'Deny', from: [nsY] }, { name: 'a', action: 'Allow', from: [nsY] }] })],
  },
  {
    name: 'rules in order within one ANP: Allow first', from: 'y/b', to: 'x/a', allowed: true, ingress: '[ANP] Allowed (rule a)',
    policies: [anp('ordered', { priority: 1, subject: toXa, ingress: [{ name: 'a', action: 'Allow', from: [nsY] }, { name: 'd', action: 'Deny', from: [nsY] }] })],
  },
  { name: 'ANP with no matching rule continues (no implicit isolation)', policies: [denyY], from: 'z/b', to: 'x/a', allowed: true, ingress: '[ANP] No rule matched (deny-example) -> [default] Allowed' },
  { name: 'BANP only when no NP selects: NP allows y/b although BANP denies', policies: [npXaFromYb, banpDenyY], from: 'y/b', to: 'x/a', allowed: true },
  {
    name: 'BANP Allow then default', from: 'y/b', to: 'x/a', allowed: true, ingress: '[BANP] Allowed (rule allow-y)',
    policies: [banp({ subject: toXa, ingress: [{ name: 'allow-y', action: 'Allow', from: [nsY] }, { name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }] })],
  },
  {
    name: 'BANP rule order: deny-all after allow-y catches z', from: 'z/b', to: 'x/a', allowed: false, ingress: '[BANP] Denied (rule deny-all)',
    policies: [banp({ subject: toXa, ingress: [{ name: 'allow-y', action: 'Allow', from: [nsY] }, { name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }] })],
  },
  {
    name: 'ANP port number: TCP 80 denied', from: 'y/b', to: 'x/a', probe: ['TCP', 80], allowed: false,
    policies: [anp('ports', { priority: 1, subject: toXa, ingress: [{ name: 'd80', action: 'Deny', from: [nsY], ports: [{ portNumber: { port: 80 } }] }] })],
  },
  {
    name: 'ANP port number: TCP 81 not matched', from: 'y/b', to: 'x/a', probe: ['TCP', 81], allowed: true,
    policies: [anp('ports', { priority: 1, subject: toXa, ingress: [{ name: 'd80', action: 'Deny', from: [nsY], ports: [{ portNumber: { port: 80 } }] }] })],
  },
  {
    name: 'ANP port range 80-81 UDP catches UDP 81', from: 'y/b', to: 'x/a', probe: ['UDP', 81], allowed: false,
    policies: [anp('range', { priority: 1, subject: toXa, ingress: [{ name: 'r', action: 'Deny', from: [nsY], ports: [{ portRange: { protocol: 'UDP', start: 80, end: 81 } }] }] })],
  },
  {
    name: 'ANP named port matches by name on the destination pod (serve-81-udp = UDP 81)', from: 'y/b', to: 'x/a', probe: ['UDP', 81], allowed: false,
    policies: [anp('named', { priority: 1, subject: toXa, ingress: [{ name: 'n', action: 'Deny', from: [nsY], ports: [{ namedPort: 'serve-81-udp' }] }] })],
  },
  {
    name: 'ANP named port does not match another port', from: 'y/b', to: 'x/a', probe: ['TCP', 81], allowed: true,
    policies: [anp('named', { priority: 1, subject: toXa, ingress: [{ name: 'n', action: 'Deny', from: [nsY], ports: [{ namedPort: 'serve-81-udp' }] }] })],
  },
  {
    name: 'ANP egress named port resolved on the destination (remote) pod', from: 'x/a', to: 'y/b', probe: ['TCP', 80], allowed: false,
    egress: '[ANP] Denied (rule n)',
    policies: [anp('named-eg', { priority: 1, subject: toXa, egress: [{ name: 'n', action: 'Deny', to: [nsY], ports: [{ namedPort: 'serve-80-tcp' }] }] })],
  },
  {
    name: 'ANP namespaces {} does not match external addresses', from: 'x/a', to: '203.0.113.9', allowed: true,
    policies: [anp('deny-ns', { priority: 1, subject: toXa, egress: [{ name: 'all-ns', action: 'Deny', to: [{ namespaces: {} }] }] })],
    egress: '[ANP] No rule matched (deny-ns) -> [default] Allowed',
  },
  {
    name: 'ANP networks 0.0.0.0/0 matches external addresses', from: 'x/a', to: '203.0.113.9', allowed: false,
    policies: [anp('deny-net', { priority: 1, subject: toXa, egress: [{ name: 'world', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })],
    egress: '[ANP] Denied (rule world)',
  },
  {
    name: 'ANP networks also match pod IPs (networks match any IP)', from: 'x/a', to: 'y/c', allowed: false,
    policies: [anp('deny-net', { priority: 1, subject: toXa, egress: [{ name: 'world', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })],
  },
  {
    name: 'ANP nodes peer matches a node endpoint', from: 'x/a', to: 'node:node-y', allowed: false,
    policies: [anp('deny-nodes', { priority: 1, subject: toXa, egress: [{ name: 'nodes', action: 'Deny', to: [{ nodes: { matchLabels: { zone: 'y' } } }] }] })],
  },
  {
    name: 'ANP nodes peer does not match pods', from: 'x/a', to: 'y/a', allowed: true,
    policies: [anp('deny-nodes', { priority: 1, subject: toXa, egress: [{ name: 'nodes', action: 'Deny', to: [{ nodes: {} }] }] })],
  },
  {
    name: 'ingress from the own node is exempt even under ANP Deny', from: 'node:node-x', to: 'x/a', allowed: true,
    policies: [anp('deny-all', { priority: 1, subject: toXa, ingress: [{ name: 'all', action: 'Deny', from: [{ namespaces: {} }] }] })],
    ingress: "[node exception] Allowed (ingress from x/a's own node node-x)",
  },
];

describe('ANP → NetworkPolicy → BANP → default (upstream)', () => {
  const profile = engineProfile('upstream');
  for (const r of ROWS) {
    it(r.name, () => {
      const model = e2eModel(r.policies);
      const engine = buildPolicyEngine(model, profile);
      const ep = (ref: string): Endpoint => {
        if (ref.startsWith('node:')) return { kind: 'node', name: ref.slice(5) };
        const p = model.pods.find((x) => `${x.namespace}/${x.name}` === ref);
        return p ? { kind: 'pod', pod: p } : { kind: 'external', ip: ip(ref) };
      };
      const [proto, port] = r.probe ?? ['TCP', 80];
      const v = engine.decide(ep(r.from), ep(r.to), proto, port);
      assert.equal(v.allowed, r.allowed, `decide: ${v.egress.summary} | ${v.ingress.summary}`);
      assert.equal(engine.connections(ep(r.from), ep(r.to)).allows(proto, port), r.allowed, 'connections');
      assert.equal(naiveAllowed(model, profile, ep(r.from), ep(r.to), proto, port), r.allowed, 'naive');
      if (r.ingress !== undefined) assert.equal(v.ingress.summary, r.ingress);
      if (r.egress !== undefined) assert.equal(v.egress.summary, r.egress);
      assert.equal(v.ingress.summary, v.ingress.steps.map((s) => s.text).join(' -> '));
    });
  }
});
