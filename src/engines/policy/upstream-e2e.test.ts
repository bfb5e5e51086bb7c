// The upstream e2e NetworkPolicy cases (shared/reference/policy-semantics.md §3.3) on the x/y/z × a/b/c model.
// Each case states the policies, the probe and the expected reachability as changes from all-allowed; the engine's
// connections(), decide() and the naive reference must all agree with it on every pair (loopback is ignored, as in
// the e2e suite).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { L4Protocol } from '../net/index.js';
import type { Labels, NormalizedPolicy } from '../../model/index.js';
import { buildPolicyEngine } from './engine.js';
import { naiveAllowed } from './naive.js';
import { engineProfile } from './profile.js';
import { e2eModel, np, Reachability } from './testing/builders.js';

const NAME = 'kubernetes.io/metadata.name';
const podA = { matchLabels: { pod: 'a' } };

interface Case {
  name: string;
  policies: NormalizedPolicy[];
  probe: [L4Protocol, number];
  expect: Reachability;
  nsLabels?: Record<string, Labels>;
  podLabels?: Record<string, Labels>;
}

const denyIngressX = np('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const port81FromY = np('x', 'allow-81-from-y', {
  podSelector: podA, policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 81, protocol: 'TCP' }] }],
});
const port80FromY = np('x', 'allow-80-from-y', {
  podSelector: podA, policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 80, protocol: 'TCP' }] }],
});
const xaFromB = np('x', 'allow-from-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] });
const xaFromNsY = np('x', 'from-ns-y', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }] }] });
const xaFromYa = (name: string) => np('x', name, {
  podSelector: podA, policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } }, podSelector: podA }] }],
});
const xaEgressToYa = np('x', 'egress-to-y-a', {
  podSelector: podA, policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } }, podSelector: podA }] }],
});
const podIngressPorts = (name: string, ports: { port?: number | string; protocol?: L4Protocol }[]) =>
  np('x', name, { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports }] });

const CASES: Case[] = [
  { name: '#1 default-deny-ingress', policies: [denyIngressX], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/*', false) },
  {
    name: '#2 default-deny-all', probe: ['TCP', 80],
    policies: [np('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    expect: new Reachability().expect('*', 'x/*', false).expect('x/*', '*', false),
  },
  { name: '#3 allow from pods in server namespace by PodSelector', policies: [xaFromB], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true) },
  {
    name: '#4 allow ingress for a target', probe: ['TCP', 80],
    policies: [denyIngressX, np('x', 'allow-a', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] })],
    expect: new Reachability().expect('*', 'x/*', false).expect('*', 'x/a', true),
  },
  {
    name: '#5 allow from pods in all namespaces', probe: ['TCP', 80],
    policies: [np('x', 'all-ns', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] })],
    expect: new Reachability(),
  },
  { name: '#6 only from a different namespace', policies: [xaFromNsY], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true) },
  {
    name: '#7 PodSelector with MatchExpressions', probe: ['TCP', 80],
    policies: [np('x', 'expr', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true),
  },
  {
    name: '#8 NamespaceSelector with MatchExpressions', probe: ['TCP', 80],
    policies: [np('x', 'expr', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['y'] }] } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  {
    name: '#9 PodSelector or NamespaceSelector (two peers)', probe: ['TCP', 80],
    policies: [np('x', 'or', {
      podSelector: podA, policyTypes: ['Ingress'],
      ingress: [{ from: [
        { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] } },
        { podSelector: { matchLabels: { pod: 'b' } } },
      ] }],
    })],
    expect: new Reachability().expect('x/c', 'x/a', false),
  },
  {
    name: '#10 PodSelector and NamespaceSelector (one peer)', probe: ['TCP', 80],
    policies: [np('x', 'and', {
      podSelector: podA, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] }, podSelector: { matchLabels: { pod: 'b' } } }] }],
    })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true),
  },
  {
    name: '#11 multiple PodSelectors and NamespaceSelectors', probe: ['TCP', 80],
    policies: [np('x', 'multi', {
      podSelector: podA, policyTypes: ['Ingress'],
      ingress: [{ from: [{
        namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] },
        podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
      }] }],
    })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/b', 'x/a', true).expect('y/c', 'x/a', true).expect('z/b', 'x/a', true).expect('z/c', 'x/a', true),
  },
  {
    name: '#12 any PodSelectors', probe: ['TCP', 80],
    policies: [np('x', 'any', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { podSelector: { matchLabels: { pod: 'c' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true),
  },
  { name: '#13 pod in a different namespace', policies: [xaFromYa('from-y-a')], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/a', false).expect('y/a', 'x/a', true) },
  { name: '#14 ports (81 from y)', policies: [port81FromY], probe: ['TCP', 81], expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true) },
  { name: '#15 stacked policies, step 1, port 80', policies: [port81FromY], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/a', false) },
  { name: '#15 stacked policies, step 2, port 80', policies: [port81FromY, port80FromY], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true) },
  { name: '#15 stacked policies, step 2, port 81', policies: [port81FromY, port80FromY], probe: ['TCP', 81], expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true) },
  { name: '#16 allow-all on 80', policies: [np('x', 'allow-all', { podSelector: {}, ingress: [{}] })], probe: ['TCP', 80], expect: new Reachability() },
  { name: '#16 allow-all on 81', policies: [np('x', 'allow-all', { podSelector: {}, ingress: [{}] })], probe: ['TCP', 81], expect: new Reachability() },
  { name: '#17 ingress on named port, probe 81', policies: [np('x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], probe: ['TCP', 81], expect: new Reachability() },
  { name: '#17 ingress on named port, probe 80', policies: [np('x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], probe: ['TCP', 80], expect: new Reachability().expect('*', 'x/*', false) },
  {
    name: '#18 from namespace on named port, probe 80', probe: ['TCP', 80],
    policies: [np('x', 'ns-named', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  {
    name: '#18 from namespace on named port, probe 81', probe: ['TCP', 81],
    policies: [np('x', 'ns-named', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] })],
    expect: new Reachability().expect('*', 'x/a', false),
  },
  { name: '#19 egress on named port, probe 80', policies: [np('x', 'eg-named', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })], probe: ['TCP', 80], expect: new Reachability() },
  { name: '#19 egress on named port, probe 81', policies: [np('x', 'eg-named', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })], probe: ['TCP', 81], expect: new Reachability().expect('x/*', '*', false) },
  { name: '#20 updated policy, before', policies: [np('x', 'p', { podSelector: {}, ingress: [{}] })], probe: ['TCP', 81], expect: new Reachability() },
  { name: '#20 updated policy, after (ingress: [])', policies: [np('x', 'p', { podSelector: {}, ingress: [] })], probe: ['TCP', 81], expect: new Reachability().expect('*', 'x/*', false) },
  {
    name: '#21 ingress from updated namespace, before', probe: ['TCP', 80],
    policies: [np('x', 'upd-ns', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false),
  },
  {
    name: '#21 ingress from updated namespace, after', probe: ['TCP', 80], nsLabels: { y: { ns2: 'updated' } },
    policies: [np('x', 'upd-ns', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  {
    name: '#22 ingress from updated pod, before', probe: ['TCP', 80],
    policies: [np('x', 'upd-pod', { podSelector: podA, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false),
  },
  {
    name: '#22 ingress from updated pod, after', probe: ['TCP', 80], podLabels: { 'x/b': { pod2: 'updated' } },
    policies: [np('x', 'upd-pod', { podSelector: podA, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true),
  },
  {
    name: '#23 deny ingress from other namespaces', probe: ['TCP', 80],
    policies: [np('x', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    expect: new Reachability().expect('y/*', 'x/*', false).expect('z/*', 'x/*', false),
  },
  { name: '#24 deny ingress to updated pod, before', probe: ['TCP', 80], policies: [np('x', 'iso', { podSelector: { matchLabels: { target: 'isolated' } }, policyTypes: ['Ingress'] })], expect: new Reachability() },
  {
    name: '#24 deny ingress to updated pod, after', probe: ['TCP', 80], podLabels: { 'x/a': { target: 'isolated' } },
    policies: [np('x', 'iso', { podSelector: { matchLabels: { target: 'isolated' } }, policyTypes: ['Ingress'] })],
    expect: new Reachability().expect('*', 'x/a', false),
  },
  { name: '#25 deny egress by PodSelector', probe: ['TCP', 80], policies: [np('x', 'deny-eg-a', { podSelector: podA, policyTypes: ['Egress'] })], expect: new Reachability().expect('x/a', '*', false) },
  { name: '#26 deny egress from all pods in a namespace', probe: ['TCP', 80], policies: [np('x', 'deny-eg', { podSelector: {}, policyTypes: ['Egress'] })], expect: new Reachability().expect('x/*', '*', false) },
  {
    name: '#27 ingress and egress together, probe 80', probe: ['TCP', 80],
    policies: [np('x', 'both', { podSelector: podA, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }], egress: [{ ports: [{ port: 80 }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true),
  },
  {
    name: '#27 ingress and egress together, probe 81', probe: ['TCP', 81],
    policies: [np('x', 'both', { podSelector: podA, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }], egress: [{ ports: [{ port: 80 }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('x/b', 'x/a', true).expect('x/a', '*', false),
  },
  {
    name: '#28 client-side egress deny even if server allows', probe: ['TCP', 80],
    policies: [
      xaEgressToYa,
      np('y', 'from-x-a', {
        podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }] }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'x' } }, podSelector: podA }] }],
      }),
    ],
    expect: new Reachability().expect('x/a', '*', false).expect('*', 'y/a', false).expect('*', 'y/b', false).expect('x/a', 'y/a', true),
  },
  { name: '#29 egress to a server in another namespace', probe: ['TCP', 80], policies: [xaEgressToYa], expect: new Reachability().expect('x/a', '*', false).expect('x/a', 'y/a', true) },
  { name: '#30 any port on a specific protocol, TCP', probe: ['TCP', 80], policies: [podIngressPorts('tcp-any', [{ protocol: 'TCP' }])], expect: new Reachability() },
  { name: '#30 any port on a specific protocol, UDP', probe: ['UDP', 80], policies: [podIngressPorts('tcp-any', [{ protocol: 'TCP' }])], expect: new Reachability().expect('*', 'x/a', false) },
  { name: '#31 multiple ingress policies, before', probe: ['TCP', 81], policies: [np('x', 'p80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })], expect: new Reachability().expect('*', 'x/*', false) },
  { name: '#31 multiple ingress policies, allow-all wins', probe: ['TCP', 81], policies: [np('x', 'p80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }), np('x', 'all', { podSelector: {}, ingress: [{}] })], expect: new Reachability() },
  { name: '#32 multiple egress policies, before', probe: ['TCP', 81], policies: [np('x', 'e80', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] })], expect: new Reachability().expect('x/*', '*', false) },
  {
    name: '#32 multiple egress policies, allow-all wins', probe: ['TCP', 81],
    policies: [np('x', 'e80', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] }), np('x', 'eall', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })],
    expect: new Reachability(),
  },
  { name: '#33 stop enforcing after deletion', probe: ['TCP', 80], policies: [], expect: new Reachability() },
  {
    name: '#34 egress to server in CIDR block (ipBlock matches a pod IP)', probe: ['TCP', 80],
    policies: [np('x', 'cidr', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.1.2/32' } }] }] })],
    expect: new Reachability().expect('x/a', '*', false).expect('x/a', 'y/b', true),
  },
  {
    name: '#35 except clause', probe: ['TCP', 80],
    policies: [np('x', 'except', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: ['10.0.0.2/32'] } }] }] })],
    expect: new Reachability().expect('x/a', 'x/b', false),
  },
  {
    name: '#36 IP in CIDR and except, allowed by another rule (step 2)', probe: ['TCP', 80],
    policies: [np('x', 'only-xb', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.2/32' } }] }] })],
    expect: new Reachability().expect('x/a', '*', false).expect('x/a', 'x/b', true),
  },
  { name: '#37 ingress and egress independent, step 1', probe: ['TCP', 80], policies: [np('x', 'eg-all', { podSelector: podA, policyTypes: ['Egress'], egress: [{}] })], expect: new Reachability() },
  {
    name: '#37 ingress and egress independent, step 2', probe: ['TCP', 80],
    policies: [np('x', 'eg-all', { podSelector: podA, policyTypes: ['Egress'], egress: [{}] }), np('x', 'in-none', { podSelector: podA, policyTypes: ['Ingress'] })],
    expect: new Reachability().expect('*', 'x/a', false),
  },
  { name: '#38 SCTP not treated as TCP', probe: ['TCP', 81], policies: [denyIngressX, podIngressPorts('sctp81', [{ port: 81, protocol: 'SCTP' }])], expect: new Reachability().expect('*', 'x/*', false) },
  { name: '#39 policy allowing SCTP still isolates', probe: ['TCP', 81], policies: [podIngressPorts('sctp80', [{ port: 80, protocol: 'SCTP' }])], expect: new Reachability().expect('*', 'x/a', false) },
  { name: '#40 no TCP when only UDP is allowed', probe: ['TCP', 81], policies: [podIngressPorts('udp81', [{ port: 81, protocol: 'UDP' }])], expect: new Reachability().expect('*', 'x/a', false) },
  {
    name: '#41 NamespaceSelector MatchLabels with default ns label', probe: ['TCP', 80],
    policies: [np('x', 'default-label', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  {
    name: '#42 NamespaceSelector MatchExpressions with default ns label (egress)', probe: ['TCP', 80],
    policies: [np('x', 'not-y', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['y'] }] } }] }] })],
    expect: new Reachability().expect('x/a', 'y/*', false),
  },
  { name: '#43 UDP default-deny-ingress', probe: ['UDP', 80], policies: [denyIngressX], expect: new Reachability().expect('*', 'x/*', false) },
  {
    name: '#44 UDP ports', probe: ['UDP', 81],
    policies: [np('x', 'udp81-from-y', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 81, protocol: 'UDP' }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  { name: '#45 UDP pod in a different namespace', probe: ['UDP', 80], policies: [xaFromYa('from-y-a')], expect: new Reachability().expect('*', 'x/a', false).expect('y/a', 'x/a', true) },
  { name: '#46 SCTP default-deny-ingress', probe: ['SCTP', 80], policies: [denyIngressX], expect: new Reachability().expect('*', 'x/*', false) },
  {
    name: '#47 SCTP ports', probe: ['SCTP', 81],
    policies: [np('x', 'sctp81-from-y', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME]: 'y' } } }], ports: [{ port: 81, protocol: 'SCTP' }] }] })],
    expect: new Reachability().expect('*', 'x/a', false).expect('y/*', 'x/a', true),
  },
  { name: '#48 SCTP pod in a different namespace', probe: ['SCTP', 80], policies: [xaFromYa('from-y-a')], expect: new Reachability().expect('*', 'x/a', false).expect('y/a', 'x/a', true) },
];

describe('upstream e2e NetworkPolicy cases (engine = decide = naive = expected)', () => {
  const profile = engineProfile('upstream');
  for (const c of CASES) {
    it(c.name, () => {
      const model = e2eModel(c.policies, c.nsLabels, c.podLabels);
      const engine = buildPolicyEngine(model, profile);
      const pod = (k: string) => {
        const p = model.pods.find((x) => `${x.namespace}/${x.name}` === k);
        assert.ok(p, k);
        return { kind: 'pod' as const, pod: p };
      };
      const wrong: string[] = [];
      for (const f of Reachability.pods()) for (const t of Reachability.pods()) {
        if (f === t) continue;
        const want = c.expect.get(f, t);
        const [proto, port] = c.probe;
        const got = {
          connections: engine.connections(pod(f), pod(t)).allows(proto, port),
          decide: engine.decide(pod(f), pod(t), proto, port).allowed,
          naive: naiveAllowed(model, profile, pod(f), pod(t), proto, port),
        };
        for (const [k, v] of Object.entries(got)) if (v !== want) wrong.push(`${k}: ${f} -> ${t} ${v ? 'allowed' : 'denied'}, expected ${want ? 'allowed' : 'denied'}`);
      }
      assert.deepEqual(wrong, []);
    });
  }
});
