// labelsGapErrors: pods of one workload that a policy selector tells apart (netpol-analyzer's labels-gap error).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Labels, Pod } from '../../model/k8s.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import { emptyModel, type Model } from '../../model/model.js';
import type { NormalizedPolicy, Selector } from '../../model/policy.js';
import { labelsGapErrors } from './labels-gap.js';

const O = { file: 'p.yaml', line: 1, column: 1 };
const inNs = (ns: string): Selector => ({ op: 'eq', key: NAMESPACE_NAME_LABEL, value: ns });

function pod(name: string, labels: Labels, owner = 'owner'): Pod {
  return { namespace: 'd', name, labels, ports: [], hostNetwork: false, serviceAccount: 'default', workload: { kind: 'Pod', name: owner }, origin: { ...O, line: name.length } };
}

function policy(subject: Selector, peer?: Selector, ns = 'd'): NormalizedPolicy {
  return {
    id: `NetworkPolicy ${ns}/p`, source: 'k8s-networkpolicy', namespace: ns, name: 'p', directions: ['ingress'],
    subject: { namespaces: inNs(ns), pods: subject },
    rules: peer ? [{ direction: 'ingress', index: 0, action: 'allow', peers: [{ kind: 'pods', namespaces: inNs(ns), pods: peer }], ports: 'any', origin: O }] : [],
    origin: O,
  };
}

const A = { app: 'command', tier: 'agent' };
const B = { app: 'query', tier: 'agent' };
const ALL: Selector = { op: 'all' };
const NONE_MATCH: Selector = { op: 'eq', key: 'app', value: 'other' };

test('labelsGapErrors: an error only when some selector picks some pods of one workload and not the others', () => {
  const cases: { name: string; pods: Pod[]; policies: NormalizedPolicy[]; want: string[] }[] = [
    { name: 'no policies', pods: [pod('p1', A), pod('p2', B)], policies: [], want: [] },
    { name: 'same labels', pods: [pod('p1', A), pod('p2', A)], policies: [policy({ op: 'eq', key: 'app', value: 'command' })], want: [] },
    { name: 'a selector on a common label', pods: [pod('p1', A), pod('p2', B)], policies: [policy({ op: 'eq', key: 'tier', value: 'agent' })], want: [] },
    { name: 'Exists on the differing key selects both', pods: [pod('p1', A), pod('p2', B)], policies: [policy(ALL, { op: 'has', key: 'app' })], want: [] },
    { name: 'In with both values selects both', pods: [pod('p1', A), pod('p2', B)], policies: [policy(ALL, { op: 'in', key: 'app', values: ['command', 'query'] })], want: [] },
    { name: 'a subject selecting one of them', pods: [pod('p1', A), pod('p2', B)], policies: [policy({ op: 'eq', key: 'app', value: 'command' })], want: ['AKS3607 p2: p1 and p2, the subject, selects p1 but not p2'] },
    { name: 'a peer selecting one of them', pods: [pod('p1', A), pod('p2', B)], policies: [policy(ALL, { op: 'in', key: 'app', values: ['query'] })], want: ['AKS3607 p2: p1 and p2, ingress rule #1, selects p2 but not p1'] },
    { name: 'a selector matching neither', pods: [pod('p1', A), pod('p2', B)], policies: [policy(NONE_MATCH, NONE_MATCH)], want: [] },
    { name: 'a policy of another namespace (subject out of scope)', pods: [pod('p1', A), pod('p2', B)], policies: [policy({ op: 'eq', key: 'app', value: 'command' }, undefined, 'e')], want: [] },
    { name: 'different owners are separate workloads', pods: [pod('p1', A, 'o1'), pod('p2', B, 'o2')], policies: [policy({ op: 'eq', key: 'app', value: 'command' })], want: [] },
  ];
  for (const c of cases) {
    const model: Model = { ...emptyModel(), pods: c.pods, policies: c.policies, namespaces: [{ name: 'd', labels: { [NAMESPACE_NAME_LABEL]: 'd' }, synthesized: true, origin: O }] };
    const got = labelsGapErrors(model, c.pods).map((d) => {
      const m = /Pod "d\/(\w+)" and Pod "d\/(\w+)" .* \((.+)\) (selects \w+ but not \w+)/.exec(d.message);
      assert.equal(d.severity, 'error', c.name);
      assert.match(d.message, /^Found Pods of the same owner workload `d\/\w+` and with differences in their labels/, c.name);
      return `${d.code} ${d.resource?.split('/').pop()}: ${m?.[1]} and ${m?.[2]}, ${m?.[3]}, ${m?.[4]}`;
    });
    assert.deepEqual(got, c.want, c.name);
  }
});
