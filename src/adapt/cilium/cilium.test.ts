// Cilium adapter: CNP/CCNP manifests evaluated under the cilium engine (namespace pinning, deny beats allow,
// per-direction default deny, enableDefaultDeny, entities, CIDR rules, toPorts ANY / "0" / endPort, specs lists),
// ACNS-only features reported, and a never-throw fuzz.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseIp, type L4Protocol } from '../../engines/net/index.js';
import { buildPolicyEngine, engineProfile, type Endpoint } from '../../engines/policy/index.js';
import { adaptText, codesAt } from '../k8s/testing/adapt-text.js';

const BASE = `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {nodeName: n1, containers: [{name: c, image: i}]}
status: {podIP: 10.0.0.1, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: b}}
spec: {nodeName: n1, containers: [{name: c, image: i}]}
status: {podIP: 10.0.0.2, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: y, labels: {app: b}}
spec: {nodeName: n1, containers: [{name: c, image: i}]}
status: {podIP: 10.0.1.1, hostIP: 192.168.0.1}
`;

function verdict(yaml: string, from: string, to: string, proto: L4Protocol = 'TCP', port = 80): boolean {
  const { model } = adaptText(BASE + yaml);
  const ep = (ref: string): Endpoint => {
    const pod = model.pods.find((p) => `${p.namespace}/${p.name}` === ref);
    if (pod) return { kind: 'pod', pod };
    if (ref.startsWith('node:')) return { kind: 'node', name: ref.slice(5) };
    return { kind: 'external', ip: parseIp(ref) ?? (() => { throw new Error(ref); })() };
  };
  return buildPolicyEngine(model, engineProfile('cilium')).decide(ep(from), ep(to), proto, port).allowed;
}

const cnp = (spec: string, name = 'p', ns = 'x'): string => `
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
${spec.replace(/^/gm, '  ')}
`;

const ROWS: { name: string; yaml: string; from: string; to: string; proto?: L4Protocol; port?: number; allowed: boolean }[] = [
  { name: 'fromEndpoints {} means the same namespace only', from: 'y/c', to: 'x/a', allowed: false,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{fromEndpoints: [{}]}]') },
  { name: 'fromEndpoints {} allows the same namespace', from: 'x/b', to: 'x/a', allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{fromEndpoints: [{}]}]') },
  { name: 'k8s: prefixed keys and an explicit namespace label reach another namespace', from: 'y/c', to: 'x/a', allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {"k8s:app": a}}\ningress: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": y}}]}]') },
  { name: 'ingressDeny beats an allow', from: 'x/b', to: 'x/a', allowed: false,
    yaml: cnp('endpointSelector: {}\ningress: [{fromEndpoints: [{}]}]\ningressDeny: [{fromEndpoints: [{matchLabels: {app: b}}]}]') },
  { name: 'an egress-only policy leaves ingress open', from: 'y/c', to: 'x/a', allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\negress: [{toEntities: [world]}]') },
  { name: 'ingress: [{}] turns on default deny and allows nothing', from: 'x/b', to: 'x/a', allowed: false,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{}]') },
  { name: 'enableDefaultDeny ingress false keeps ingress open', from: 'x/b', to: 'x/a', allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\nenableDefaultDeny: {ingress: false}\ningress: [{fromEntities: [world]}]') },
  { name: 'toCIDR never matches a pod', from: 'x/a', to: 'y/c', allowed: false,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\negress: [{toCIDR: [0.0.0.0/0]}]') },
  { name: 'toCIDRSet except', from: 'x/a', to: '8.8.8.8', allowed: false,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\negress: [{toCIDRSet: [{cidr: 0.0.0.0/0, except: [8.8.8.0/24]}]}]') },
  { name: 'toEntities host reaches the own node', from: 'x/a', to: 'node:n1', allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\negress: [{toEntities: [host]}]') },
  { name: 'toPorts protocol ANY covers UDP', from: 'x/b', to: 'x/a', proto: 'UDP', port: 53, allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{toPorts: [{ports: [{port: "53"}]}]}]') },
  { name: 'toPorts port "0" = every port', from: 'x/b', to: 'x/a', port: 4444, allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{toPorts: [{ports: [{port: "0", protocol: TCP}]}]}]') },
  { name: 'toPorts endPort', from: 'x/b', to: 'x/a', port: 85, allowed: true,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{toPorts: [{ports: [{port: "80", endPort: 90, protocol: TCP}]}]}]') },
  { name: 'L3 AND L4 inside one rule', from: 'x/b', to: 'x/a', port: 81, allowed: false,
    yaml: cnp('endpointSelector: {matchLabels: {app: a}}\ningress: [{fromEndpoints: [{}], toPorts: [{ports: [{port: "80", protocol: TCP}]}]}]') },
  { name: 'specs: every rule applies', from: 'x/b', to: 'x/a', allowed: false,
    yaml: cnp('', 'p').replace('spec:\n  \n', 'specs:\n- endpointSelector: {matchLabels: {app: a}}\n  ingress: [{fromEntities: [world]}]\n- endpointSelector: {matchLabels: {app: b}}\n  egress: [{toEntities: [world]}]\n') },
  { name: 'a clusterwide policy with {} endpoints selects all namespaces', from: 'y/c', to: 'x/a', allowed: true, yaml: `
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: all}
spec:
  endpointSelector: {matchLabels: {app: a}}
  ingress: [{fromEndpoints: [{}]}]
` },
];

describe('Cilium manifests under the cilium engine', () => {
  for (const r of ROWS) it(r.name, () => assert.equal(verdict(r.yaml, r.from, r.to, r.proto, r.port), r.allowed));
});

describe('Cilium diagnostics', () => {
  it('L7, FQDN, toServices and toGroups are reported as needing ACNS', () => {
    const text = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: x}
spec:
  endpointSelector: {}
  egress:
  - toFQDNs: [{matchName: example.com}]
  - toServices: [{k8sService: {serviceName: s, namespace: x}}]
  - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET}]}}]
  - toGroups: [{aws: {}}]
  - toEntities: [wrld]
`;
    assert.deepEqual(codesAt(adaptText(text).diagnostics), ['AKS3230@10:5', 'AKS3230@7:5', 'AKS3230@8:5', 'AKS3230@9:54', 'AKS3232@11:18']);
  });
  it('never throws on arbitrary rule-shaped input', () => {
    const val = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('endpointSelector', 'ingress', 'egress', 'ingressDeny', 'fromEndpoints', 'toCIDRSet', 'cidr', 'except',
          'toPorts', 'ports', 'port', 'endPort', 'protocol', 'matchLabels', 'matchExpressions', 'fromEntities', 'enableDefaultDeny', 'toFQDNs'), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(fc.property(fc.constantFrom('CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'), val, (kind, spec) => {
      const r = adaptText(JSON.stringify({ apiVersion: 'cilium.io/v2', kind, metadata: { name: 'p', namespace: 'x' }, spec }), 'f.json');
      assert.ok(r.diagnostics.every((d) => d.code !== 'AKS1999'), r.diagnostics.map((d) => d.message).join('; '));
    }), { numRuns: 300 });
  });
});
