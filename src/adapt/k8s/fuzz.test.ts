import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SourceDocument } from '../../load/document.js';
import { DiagnosticSink } from '../../model/diagnostic.js';
import { ModelBuilder } from '../../model/model.js';
import type { AdaptContext } from '../context.js';
import { adaptKubernetes } from './index.js';
import { linkKubernetes } from './link.js';
import { adaptText } from './testing/adapt-text.js';

function docOf(value: unknown): SourceDocument {
  return { file: 'fuzz.json', format: 'json', index: 0, value, text: '', position: () => ({ line: 1, column: 1 }) };
}

function run(value: unknown): AdaptContext {
  const ctx: AdaptContext = { builder: new ModelBuilder(), diagnostics: new DiagnosticSink(), skipped: [] };
  adaptKubernetes(docOf(value), ctx);
  linkKubernetes(ctx);
  ctx.builder.build();
  return ctx;
}

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet', 'ReplicationController', 'Namespace',
  'Node', 'Service', 'EndpointSlice', 'Ingress', 'NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy', 'List', 'ConfigMap',
  'Route', 'Podgfg', 'PodList'];
const API = ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1', 'policy.networking.k8s.io/v1alpha1', 'policy.networking.k8s.io/v1alpha2',
  'route.openshift.io/v1'];
const KEYS = ['metadata', 'name', 'namespace', 'labels', 'spec', 'podSelector', 'namespaceSelector', 'matchLabels', 'matchExpressions', 'key',
  'operator', 'values', 'ingress', 'egress', 'from', 'to', 'ports', 'port', 'endPort', 'protocol', 'ipBlock', 'cidr', 'except', 'policyTypes',
  'priority', 'subject', 'namespaces', 'pods', 'action', 'networks', 'nodes', 'portNumber', 'portRange', 'namedPort', 'start', 'end', 'tier',
  'protocols', 'tcp', 'destinationPort', 'number', 'range', 'template', 'containers', 'containerPort', 'replicas', 'status', 'podIP', 'hostIP',
  'hostNetwork', 'items', 'ownerReferences', 'kind', 'controller', 'type', 'selector', 'targetPort', 'clusterIP', 'podCIDRs', 'addresses',
  'endpoints', 'rules', 'http', 'paths', 'backend', 'service', 'jobTemplate', 'nodeName', 'alternateBackends', 'weight', 'host', 'kindt',
  'containerport', 'hostPort', 'loadBalancerIP'];
const SCALARS = fc.oneof(
  fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bad', 'TCP', 'UDP', 'SCTP', 'tcp', 'Ingress', 'Egress', 'Allow', 'Deny', 'Pass',
    'Accept', 'Admin', 'Baseline', '10.0.0.0/8', '10.1.0.0/16', '::/0', 'A', 'http', 'default', 'x', '', 'None', '10.0.0.1'),
  fc.integer({ min: -2, max: 70000 }), fc.boolean(), fc.constant(null),
);

/** Near-valid manifests: objects built from the field names the adapter reads, with plausible and implausible values. */
const nearValid = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALARS, tie('object'), tie('array')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
})).value;

const manifest = fc.record({
  apiVersion: fc.constantFrom(...API),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.oneof(fc.record({ name: fc.constantFrom('a', 'b', ''), namespace: fc.constantFrom('x', 'y') }), nearValid),
  spec: nearValid,
  items: fc.array(nearValid, { maxLength: 2 }),
  status: nearValid,
}, { requiredKeys: ['apiVersion'] });

describe('adaptKubernetes never throws', () => {
  it('on any JSON value', () => {
    fc.assert(fc.property(fc.anything(), (v) => {
      const ctx = run(v);
      assert.ok(ctx.diagnostics.items.every((d) => d.code !== 'AKS1999'));
    }), { numRuns: 500 });
  });
  it('on near-valid manifests, and every diagnostic has a code, a message and an origin', () => {
    fc.assert(fc.property(manifest, (m) => {
      const ctx = run(m);
      for (const d of ctx.diagnostics.items) {
        assert.match(d.code, /^AKS\d{4}$/);
        assert.ok(d.message.length > 0);
        assert.ok(d.origin, `origin of ${d.code}`);
      }
    }), { numRuns: 1500 });
  });
  it('on lists of near-valid manifests through the real YAML/JSON loader (no internal error)', () => {
    fc.assert(fc.property(fc.array(manifest, { maxLength: 4 }), (ms) => {
      const { diagnostics } = adaptText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: ms }), 'f.json');
      assert.ok(diagnostics.every((d) => d.code !== 'AKS1999'), diagnostics.map((d) => d.message).join('\n'));
    }), { numRuns: 300 });
  });
});
