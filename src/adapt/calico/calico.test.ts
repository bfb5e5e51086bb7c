// Calico adapter: manifests → policies evaluated by the engine (tiers, order, Pass, NetworkSets, namespaced scoping,
// global(), serviceAccounts, notNets, notPorts), diagnostics with line:column (selector errors inside the string),
// dispatch inside lists, and a never-throw fuzz.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseIp } from '../../engines/net/index.js';
import { buildPolicyEngine, engineProfile, type Endpoint } from '../../engines/policy/index.js';
import { adaptText, codesAt } from '../k8s/testing/adapt-text.js';

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: x, labels: {team: red}}
---
apiVersion: v1
kind: Namespace
metadata: {name: y, labels: {team: blue}}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.0.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: b}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.0.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: y, labels: {app: c}}
spec: {serviceAccountName: api, containers: [{name: c, image: i}]}
status: {podIP: 10.0.1.1}
`;

function verdict(text: string, from: string, to: string, port = 8080): boolean {
  const { model } = adaptText(BASE + text);
  const ep = (ref: string): Endpoint => {
    const pod = model.pods.find((p) => `${p.namespace}/${p.name}` === ref);
    if (pod) return { kind: 'pod', pod };
    const ip = parseIp(ref);
    if (!ip) throw new Error(ref);
    return { kind: 'external', ip };
  };
  return buildPolicyEngine(model, engineProfile('calico')).decide(ep(from), ep(to), 'TCP', port).allowed;
}

const ROWS: { name: string; yaml: string; from: string; to: string; port?: number; allowed: boolean }[] = [
  { name: 'namespaced policy: selector scoped to its namespace', from: 'x/b', to: 'x/a', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-b, namespace: x}
spec:
  selector: app == 'a'
  ingress: [{action: Deny, source: {selector: app == 'b'}}]
` },
  { name: 'a namespaced rule selector does not reach other namespaces', from: 'y/c', to: 'x/a', allowed: true, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-c, namespace: x}
spec:
  selector: app == 'a'
  ingress: [{action: Deny, source: {selector: app == 'c'}}, {action: Allow}]
` },
  { name: 'namespaceSelector selects by namespace labels (pcns)', from: 'y/c', to: 'x/a', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-blue, namespace: x}
spec:
  ingress: [{action: Deny, source: {namespaceSelector: team == 'blue'}}, {action: Allow}]
` },
  { name: 'serviceAccounts names', from: 'y/c', to: 'x/a', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: deny-api}
spec:
  ingress: [{action: Deny, source: {serviceAccounts: {names: [api]}, namespaceSelector: all()}}, {action: Allow}]
` },
  { name: 'a NetworkSet is matched through its labels', from: 'x/a', to: '203.0.113.5', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: bad, labels: {role: bad}}
spec: {nets: [203.0.113.0/24]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: deny-bad}
spec:
  selector: all()
  types: [Egress]
  egress: [{action: Deny, destination: {selector: role == 'bad'}}, {action: Allow}]
` },
  { name: 'namespaceSelector global() reaches GlobalNetworkSets from a namespaced policy', from: 'x/a', to: '203.0.113.5', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: bad, labels: {role: bad}}
spec: {nets: [203.0.113.0/24]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-bad, namespace: x}
spec:
  types: [Egress]
  egress: [{action: Deny, destination: {namespaceSelector: global(), selector: role == 'bad'}}, {action: Allow}]
` },
  { name: 'a user tier ordered before default overrides a Kubernetes NetworkPolicy', from: 'x/b', to: 'x/a', allowed: false, yaml: `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-b, namespace: x}
spec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]}
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.deny}
spec:
  tier: security
  selector: app == 'a'
  ingress: [{action: Deny, source: {selector: app == 'b', namespaceSelector: all()}}]
` },
  { name: 'Pass in a user tier hands over to the default tier', from: 'x/b', to: 'x/a', allowed: true, yaml: `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-b, namespace: x}
spec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]}
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.pass}
spec:
  tier: security
  ingress: [{action: Pass}]
` },
  { name: 'nets with notNets', from: 'x/a', to: '8.8.4.4', allowed: true, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  types: [Egress]
  egress: [{action: Deny, destination: {nets: [8.8.0.0/16], notNets: [8.8.4.0/24]}}, {action: Allow}]
` },
  { name: 'notPorts with a named port', from: 'x/b', to: 'x/a', allowed: false, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  ingress: [{action: Allow, protocol: TCP, destination: {notPorts: [http]}}]
` },
  { name: 'a port range a:b', from: 'x/b', to: 'x/a', allowed: true, yaml: `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  ingress: [{action: Allow, protocol: TCP, destination: {ports: ["8000:8100"]}}]
` },
  { name: 'a List mixing Kubernetes and Calico objects', from: 'x/b', to: 'x/a', allowed: false, yaml: `
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: cm, namespace: x}
- apiVersion: crd.projectcalico.org/v1
  kind: NetworkPolicy
  metadata: {name: deny-all, namespace: x}
  spec: {selector: all(), types: [Ingress]}
` },
];

describe('Calico manifests evaluated under the calico engine', () => {
  for (const r of ROWS) {
    it(r.name, () => assert.equal(verdict(r.yaml, r.from, r.to, r.port), r.allowed));
  }
});

describe('Calico diagnostics', () => {
  it('an invalid selector is reported at its column inside the string (plain and quoted)', () => {
    const text = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  selector: app == 'a' &&
  ingress:
  - action: Allow
    source:
      selector: "role = 'x'"
`;
    assert.deepEqual(codesAt(adaptText(text).diagnostics), ['AKS3200@4:1', 'AKS3200@5:26', 'AKS3200@9:23']);
  });
  it('unknown action, protocol, port, tier and global() in the wrong place', () => {
    const text = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: p}
spec:
  tier: nowhere
  selector: global()
  ingress:
  - action: allow
  - action: Allow
    protocol: TCPX
  - action: Allow
    destination: {ports: [80]}
`;
    assert.deepEqual(codesAt(adaptText(text).diagnostics), ['AKS3201@6:3', 'AKS3202@8:5', 'AKS3203@10:5', 'AKS3203@12:27', 'AKS3207@5:3']);
  });
  it('Profiles and HostEndpoints are reported, never dropped silently', () => {
    const text = `apiVersion: projectcalico.org/v3
kind: Profile
metadata: {name: p}
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: h, labels: {role: node}}
spec: {node: n1, expectedIPs: [192.168.0.1]}
`;
    const r = adaptText(text);
    assert.deepEqual(r.diagnostics.map((d) => `${d.severity} ${d.code}`).sort(), ['info AKS3211', 'info AKS3211']);
    assert.equal(r.model.ignored.length, 1);
  });
  it('never throws on arbitrary policy-shaped input', () => {
    const val = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean(),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('action', 'selector', 'source', 'destination', 'ports', 'notPorts', 'nets', 'notNets', 'protocol',
          'namespaceSelector', 'serviceAccounts', 'names', 'order', 'tier', 'types', 'ingress', 'egress', 'notSelector', 'services'), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(fc.property(fc.constantFrom('NetworkPolicy', 'GlobalNetworkPolicy', 'NetworkSet', 'Tier', 'HostEndpoint'), val, (kind, spec) => {
      const doc = JSON.stringify({ apiVersion: 'projectcalico.org/v3', kind, metadata: { name: 'p', namespace: 'x' }, spec });
      const r = adaptText(doc, 'f.json');
      assert.ok(r.diagnostics.every((d) => d.code !== 'AKS1999'), r.diagnostics.map((d) => d.message).join('; '));
    }), { numRuns: 300 });
  });
});
