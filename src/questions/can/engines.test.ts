// `can` under the policy engines: `none` answers allowed with the reason; a flow through a LoadBalancer Service with
// externalTrafficPolicy Cluster bypasses ingress policy under Azure NPM only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptText } from '../../adapt/k8s/testing/adapt-text.js';
import { can } from './index.js';

const INPUT = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: x, labels: {app: web}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.0.0.1}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: x}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

describe('can under each engine', () => {
  const { model } = adaptText(INPUT);
  const via = { service: 'x/web', type: 'LoadBalancer' as const, externalTrafficPolicy: 'Cluster' as const };
  const rows: [string, Parameters<typeof can>[1], boolean, string][] = [
    ['none: allowed, nothing enforces', { from: '203.0.113.9', to: 'x/web', port: '8080', engine: 'none' }, true, '[not enforced]'],
    ['upstream: denied by the isolating policy', { from: '203.0.113.9', to: 'x/web', port: '8080', engine: 'upstream' }, false, 'isolated for ingress'],
    ['azure-npm through a LoadBalancer (Cluster): allowed, bypass', { from: '203.0.113.9', to: 'x/web', port: '8080', engine: 'azure-npm', via }, true, '[service bypass]'],
    ['cilium through a LoadBalancer (Cluster): denied', { from: '203.0.113.9', to: 'x/web', port: '8080', engine: 'cilium', via }, false, 'isolated for ingress'],
    ['calico through a LoadBalancer (Cluster): denied (seen from a node)', { from: '203.0.113.9', to: 'x/web', port: '8080', engine: 'calico', via }, false, 'forwarding node'],
  ];
  for (const [name, params, allowed, says] of rows) {
    it(name, () => {
      const r = can(model, params);
      assert.ok(r.ok, r.ok ? '' : r.error);
      if (!r.ok) return;
      assert.equal(r.answer.allowed, allowed);
      const text = `${r.answer.egress.summary} | ${r.answer.ingress.summary}`;
      assert.ok(text.includes(says), text);
    });
  }
});
