import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatCidr, formatIp } from '../../engines/net/index.js';
import { adaptText, adaptTexts, codesAt } from './testing/adapt-text.js';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function workload(kind: string, spec: string, extraMeta = ''): string {
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: ns1\n${extraMeta}spec:\n${spec}`;
}
const TEMPLATE = `  template:
    metadata:
      labels:
        app: w
    spec:
      containers:
      - name: c
        ports:
        - containerPort: 80
          name: http
        - containerPort: 53
          protocol: UDP
      - name: d
        ports:
        - containerPort: 9000
`;

describe('workloads expand to pods (name scheme <name>-<i>, replicas default 1)', () => {
  const cases: { name: string; text: string; kind: string; pods: string[] }[] = [
    { name: 'Deployment replicas 3', text: workload('Deployment', `  replicas: 3\n${TEMPLATE}`), kind: 'Deployment', pods: ['w-0', 'w-1', 'w-2'] },
    { name: 'Deployment without replicas', text: workload('Deployment', TEMPLATE), kind: 'Deployment', pods: ['w-0'] },
    { name: 'Deployment replicas 0', text: workload('Deployment', `  replicas: 0\n${TEMPLATE}`), kind: 'Deployment', pods: [] },
    { name: 'StatefulSet replicas 2', text: workload('StatefulSet', `  replicas: 2\n${TEMPLATE}`), kind: 'StatefulSet', pods: ['w-0', 'w-1'] },
    { name: 'ReplicaSet', text: workload('ReplicaSet', `  replicas: 2\n${TEMPLATE}`), kind: 'ReplicaSet', pods: ['w-0', 'w-1'] },
    { name: 'ReplicationController', text: workload('ReplicationController', `  replicas: 1\n${TEMPLATE}`).replace('apps/v1', 'v1'), kind: 'ReplicationController', pods: ['w-0'] },
    { name: 'Job parallelism 2', text: workload('Job', `  parallelism: 2\n${TEMPLATE}`).replace('apps/v1', 'batch/v1'), kind: 'Job', pods: ['w-0', 'w-1'] },
    {
      name: 'CronJob jobTemplate',
      text: workload('CronJob', `  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n${TEMPLATE.replace(/^/gm, '    ')}`).replace('apps/v1', 'batch/v1'),
      kind: 'CronJob', pods: ['w-0'],
    },
    { name: 'DaemonSet without nodes: one pod', text: workload('DaemonSet', TEMPLATE), kind: 'DaemonSet', pods: ['w-0'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText(c.text);
      assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
      assert.equal(model.workloads.length, 1);
      assert.equal(model.workloads[0]?.kind, c.kind);
      assert.equal(model.workloads[0]?.replicas, c.pods.length === 0 ? 0 : c.pods.length);
      assert.deepEqual(model.pods.map((p) => p.name), c.pods);
      for (const p of model.pods) {
        assert.deepEqual(p.labels, { app: 'w' });
        assert.deepEqual(p.workload, { kind: c.kind, name: 'w' });
        assert.equal(p.namespace, 'ns1');
        assert.equal(p.serviceAccount, 'default');
        assert.deepEqual(p.ports.map((x) => `${x.name ?? ''}:${x.port}/${x.protocol}`), ['http:80/TCP', ':9000/TCP', ':53/UDP']);
      }
    });
  }
  it('DaemonSet with Node objects: one pod per node, pinned', () => {
    const nodes = ['b', 'a'].map((n) => `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: ${n}\n`).join('');
    const { model } = adaptText(workload('DaemonSet', TEMPLATE) + '\n' + nodes);
    assert.deepEqual(model.pods.map((p) => `${p.name}@${p.nodeName}`), ['w-a@a', 'w-b@b']);
    assert.equal(model.workloads[0]?.replicas, 2);
  });
  it('DaemonSet without nodes is noted (info)', () => {
    const { diagnostics } = adaptText(workload('DaemonSet', TEMPLATE));
    assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.code}`), ['info AKS1311']);
  });
});

describe('Pods', () => {
  it('bare Pod keeps its name and status addresses; hostNetwork, nodeName and serviceAccountName honoured', () => {
    const { model } = adaptText(`apiVersion: v1
kind: Pod
metadata:
  name: p1
  labels: {app: x}
spec:
  hostNetwork: true
  nodeName: n1
  serviceAccountName: sa1
  containers: [{name: c}]
status:
  podIP: 10.1.2.3
  hostIP: 10.0.0.4
`);
    const p = model.pods[0];
    assert.ok(p);
    assert.equal(p.name, 'p1');
    assert.equal(p.namespace, 'default');
    assert.equal(p.hostNetwork, true);
    assert.equal(p.nodeName, 'n1');
    assert.equal(p.serviceAccount, 'sa1');
    assert.equal(p.ip && formatIp(p.ip), '10.1.2.3');
    assert.equal(p.hostIp && formatIp(p.hostIp), '10.0.0.4');
    assert.deepEqual(p.workload, { kind: 'Pod', name: 'p1' });
    assert.deepEqual(model.workloads.map((w) => `${w.kind}/${w.name}/${w.replicas}`), ['Pod/p1/1']);
  });
  it('pods owned by a ReplicaSet that is not in the input are grouped under it', () => {
    const pod = (n: string): string => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${n}
  labels: {app: x}
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: x-5d4, controller: true}
spec: {containers: []}
`;
    const { model } = adaptText(pod('x-5d4-a') + pod('x-5d4-b'));
    assert.deepEqual(model.workloads.map((w) => `${w.kind}/${w.name}/${w.replicas}`), ['ReplicaSet/x-5d4/2']);
    assert.deepEqual(model.pods.map((p) => `${p.name}:${p.workload.kind}/${p.workload.name}`), ['x-5d4-a:ReplicaSet/x-5d4', 'x-5d4-b:ReplicaSet/x-5d4']);
  });
  it('kubectl List: Pod → ReplicaSet → Deployment counted once, real pod wins over expansion', () => {
    const { model, diagnostics } = adaptText(fixture('kubectl-list.json'), 'list.json');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.workloads.map((w) => `${w.kind}/${w.name}/${w.replicas}`), ['Deployment/api/1']);
    assert.deepEqual(model.pods.map((p) => `${p.name}:${p.workload.kind}/${p.workload.name}`), ['api-7d9c-abcde:Deployment/api']);
    assert.deepEqual(model.ignored.map((i) => `${i.kind} ${i.name}`), ['ReplicaSet backend/api-7d9c']);
    const p = model.pods[0];
    assert.equal(p?.ip && formatIp(p.ip), '10.244.1.7');
    assert.deepEqual(p?.ports.map((x) => `${x.name ?? ''}:${x.port}/${x.protocol}`), ['grpc:9090/TCP', ':53/UDP']);
    const n = model.nodes[0];
    assert.equal(n?.pool, 'nodepool1');
    assert.equal(n?.ip && formatIp(n.ip), '10.224.0.4');
    assert.deepEqual(n?.podCidrs.map(formatCidr), ['10.244.1.0/24']);
    assert.deepEqual(model.namespaces.map((x) => `${x.name}:${x.synthesized}`), ['backend:true']);
  });
  it('a generated pod name that is taken gets the kind appended', () => {
    const { model } = adaptText(`${workload('Deployment', TEMPLATE)}---
apiVersion: v1
kind: Pod
metadata: {name: w-0, namespace: ns1}
spec: {containers: []}
`);
    assert.deepEqual(model.pods.map((p) => p.name), ['w-0', 'w-0-deployment']);
  });
});

describe('Helm-rendered multi-document YAML', () => {
  const { model, diagnostics } = adaptText(fixture('helm-rendered.yaml'), 'helm.yaml');
  it('reads every document, empty ones skipped', () => {
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.pods.map((p) => `${p.namespace}/${p.name}`), ['shop/web-0', 'shop/web-1']);
    assert.deepEqual(model.policies.map((p) => p.id), ['NetworkPolicy shop/web-from-api']);
  });
  it('namespace carries its labels plus kubernetes.io/metadata.name', () => {
    assert.deepEqual(model.namespaces.map((n) => [n.name, n.labels, n.synthesized]), [
      ['shop', { team: 'web', 'kubernetes.io/metadata.name': 'shop' }, false],
    ]);
  });
  it('unmodelled kinds are recorded as ignored with a reason', () => {
    assert.deepEqual(model.ignored.map((i) => [i.kind, i.name, i.reason, i.origin.line]), [
      ['ConfigMap (v1)', 'web-config', 'kind ConfigMap of v1 is not modelled', 67],
    ]);
  });
  it('service: defaults', () => {
    const s = model.services[0];
    assert.ok(s);
    assert.equal(s.type, 'ClusterIP');
    assert.deepEqual(s.ports, [{ protocol: 'TCP', port: 80, targetPort: 'http' }]);
    assert.equal(s.externalTrafficPolicy, 'Cluster');
    assert.equal(s.internalTrafficPolicy, 'Cluster');
    assert.deepEqual(s.selector, { app: 'web' });
  });
});

describe('Services, EndpointSlices, Ingresses', () => {
  it('Service: explicit fields', () => {
    const { model, diagnostics } = adaptText(`apiVersion: v1
kind: Service
metadata:
  name: s
  namespace: a
  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}
spec:
  type: LoadBalancer
  clusterIP: 10.0.0.12
  externalTrafficPolicy: Local
  loadBalancerSourceRanges: [203.0.113.0/24]
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 5353, nodePort: 30053}
`);
    assert.deepEqual(diagnostics, []);
    const s = model.services[0];
    assert.ok(s);
    assert.equal(s.type, 'LoadBalancer');
    assert.equal(s.selector, undefined);
    assert.equal(s.clusterIp && s.clusterIp !== 'None' && formatIp(s.clusterIp), '10.0.0.12');
    assert.equal(s.externalTrafficPolicy, 'Local');
    assert.deepEqual(s.loadBalancerSourceRanges.map(formatCidr), ['203.0.113.0/24']);
    assert.deepEqual(s.ports, [{ name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353, nodePort: 30053 }]);
    assert.deepEqual(s.annotations, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
  });
  it('headless Service', () => {
    const { model } = adaptText('apiVersion: v1\nkind: Service\nmetadata: {name: h}\nspec: {clusterIP: None, ports: [{port: 80}]}\n');
    assert.equal(model.services[0]?.clusterIp, 'None');
  });
  it('EndpointSlice', () => {
    const { model, diagnostics } = adaptText(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: s-abc
  namespace: a
  labels: {kubernetes.io/service-name: s}
addressType: IPv4
endpoints:
- addresses: [10.244.0.5]
  conditions: {ready: false}
  targetRef: {kind: Pod, name: p}
- addresses: [10.244.0.6]
ports:
- {name: http, port: 8080}
`);
    assert.deepEqual(diagnostics, []);
    const e = model.endpointSlices[0];
    assert.equal(e?.serviceName, 's');
    assert.deepEqual(e?.addresses.map((a) => `${formatIp(a.ip)}:${a.ready}:${a.targetPod ?? ''}`), ['10.244.0.5:false:p', '10.244.0.6:true:']);
    assert.deepEqual(e?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
  it('Ingress networking.k8s.io/v1', () => {
    const { model, diagnostics } = adaptText(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i, namespace: a}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: d, port: {number: 80}}}
  tls: [{hosts: [b.example, a.example]}]
  rules:
  - host: a.example
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
      - {backend: {service: {name: web, port: {number: 8080}}}, pathType: Exact, path: /}
`);
    assert.deepEqual(diagnostics, []);
    const i = model.ingresses[0];
    assert.equal(i?.ingressClassName, 'nginx');
    assert.deepEqual(i?.defaultBackend, { serviceName: 'd', servicePort: 80 });
    assert.deepEqual(i?.tlsHosts, ['a.example', 'b.example']);
    assert.deepEqual(i?.rules, [
      { host: 'a.example', path: '/api', pathType: 'Prefix', serviceName: 'api', servicePort: 'http' },
      { host: 'a.example', path: '/', pathType: 'Exact', serviceName: 'web', servicePort: 8080 },
    ]);
  });
});

describe('namespaces', () => {
  it('synthesised for every referencing object, origin = first reference; objects without namespace go to default', () => {
    const { model } = adaptTexts([
      ['b.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: zeta}\nspec: {ports: [{port: 1}]}\n'],
      ['a.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t, namespace: zeta}\nspec: {}\n'],
    ]);
    assert.deepEqual(model.namespaces.map((n) => [n.name, n.synthesized, n.labels, `${n.origin.file}:${n.origin.line}`]), [
      ['default', true, { 'kubernetes.io/metadata.name': 'default' }, 'a.yaml:1'],
      ['zeta', true, { 'kubernetes.io/metadata.name': 'zeta' }, 'a.yaml:6'],
    ]);
  });
  it('a written kubernetes.io/metadata.name label is corrected to the namespace name', () => {
    const { model } = adaptText('apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {kubernetes.io/metadata.name: b}}\n');
    assert.deepEqual(model.namespaces[0]?.labels, { 'kubernetes.io/metadata.name': 'a' });
  });
});

describe('objects that are recorded as ignored, never dropped', () => {
  const cases: [string, string, string][] = [
    ['Antrea ClusterNetworkPolicy', 'apiVersion: crd.antrea.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata: {name: c}\nspec: {}\n', 'kind ClusterNetworkPolicy of crd.antrea.io/v1beta1 is not modelled'],
    ['Route of another group', 'apiVersion: example.com/v1\nkind: Route\nmetadata: {name: r}\nspec: {}\n', 'kind Route of example.com/v1 is not modelled'],
    ['old Ingress', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: r}\nspec: {}\n', 'kind Ingress of extensions/v1beta1 is not modelled'],
  ];
  for (const [name, text, reason] of cases) {
    it(name, () => {
      const { model } = adaptText(text);
      assert.deepEqual(model.ignored.map((i) => i.reason), [reason]);
      assert.deepEqual(model.policies, []);
    });
  }
});

describe('typed lists', () => {
  it('PodList items without kind/apiVersion take them from the list', () => {
    const { model, diagnostics } = adaptText('kind: PodList\napiVersion: v1\nitems:\n- metadata: {name: a, namespace: n}\n  spec: {containers: []}\n- metadata: {name: b, namespace: n}\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.pods.map((p) => `${p.namespace}/${p.name}`), ['n/a', 'n/b']);
  });
  it('a List item without kind is an error at the item', () => {
    const { model, diagnostics } = adaptText('kind: List\napiVersion: v1\nitems:\n- metadata: {name: a}\n');
    assert.deepEqual(diagnostics.map((d) => `${d.code}@${d.origin?.line}:${d.origin?.column}`), ['AKS1314@4:3']);
    assert.deepEqual(model.pods, []);
  });
});

describe('OpenShift Routes are read as Ingresses of kind Route', () => {
  const route = (spec: string): string => `apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: r, namespace: f}\nspec:\n${spec}`;
  const cases: { name: string; spec: string; rules: string[]; codes: string[] }[] = [
    { name: 'to with a named targetPort', spec: '  to: {kind: Service, name: web}\n  port: {targetPort: http}\n', rules: ['web:http:target-port'], codes: [] },
    { name: 'to with a numeric targetPort', spec: '  to: {kind: Service, name: web}\n  port: {targetPort: 8080}\n', rules: ['web:8080:target-port'], codes: [] },
    { name: 'no port: every Service port', spec: '  to: {kind: Service, name: web}\n', rules: ['web:0:all'], codes: [] },
    { name: 'to without kind is a Service', spec: '  to: {name: web}\n', rules: ['web:0:all'], codes: [] },
    {
      name: 'alternate backends add rules', spec: '  to: {kind: Service, name: a}\n  alternateBackends:\n  - {kind: Service, name: b}\n  port: {targetPort: 80}\n',
      rules: ['a:80:target-port', 'b:80:target-port'], codes: [],
    },
    { name: 'a backend of another kind is warned about', spec: '  to: {kind: Deployment, name: web}\n', rules: [], codes: ['AKS1316@5:8'] },
    { name: 'no spec.to', spec: '  host: a.example\n', rules: [], codes: ['AKS1316@4:1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText(route(c.spec));
      assert.deepEqual(codesAt(diagnostics), c.codes);
      assert.equal(model.ingresses.length, 1);
      assert.equal(model.ingresses[0]?.kind, 'Route');
      assert.deepEqual(model.ingresses[0]?.rules.map((r) => `${r.serviceName}:${r.servicePort}:${r.portMatch}`), c.rules);
    });
  }
});

describe('pod owners', () => {
  const pod = (name: string, owner: string, labels = 'app: x'): string =>
    `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: d\n  labels: {${labels}}\n  ownerReferences:\n${owner}spec: {containers: []}\n`;
  const cases: { name: string; text: string; workloads: string[] }[] = [
    {
      name: 'a controller reference without kind groups the pods under the owner name, as a Pod',
      text: pod('p-1', '  - {name: owner, controller: true}\n') + pod('p-2', '  - {name: owner, controller: true}\n'),
      workloads: ['d/owner[Pod] x2'],
    },
    {
      name: 'a ReplicaSet reference groups under the ReplicaSet',
      text: pod('p-1', '  - {kind: ReplicaSet, name: rs, controller: true}\n'),
      workloads: ['d/rs[ReplicaSet] x1'],
    },
    {
      name: 'a Node reference (static pod) keeps the pod bare',
      text: pod('p-1', '  - {kind: Node, name: n1, controller: true}\n'),
      workloads: ['d/p-1[Pod] x1'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText(c.text);
      assert.deepEqual(codesAt(diagnostics), []);
      assert.deepEqual(model.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}] x${w.replicas}`), c.workloads);
    });
  }
});

describe('unknown and missing fields of container ports are warnings (kubectl warns and drops unknown fields)', () => {
  const cases: { name: string; ports: string; codes: string[]; read: string[] }[] = [
    { name: 'a misspelt containerport: warned, the entry is ignored', ports: '    - {name: u, containerport: 3535, protocol: UDP}\n    - {containerPort: 80}\n', codes: ['AKS1312@9:17', 'AKS1313@9:7'], read: [':80/TCP'] },
    { name: 'an unknown field beside a valid port: warned, the port is read', ports: '    - {containerPort: 80, colour: red}\n', codes: ['AKS1312@9:27'], read: [':80/TCP'] },
    { name: 'a port out of range is still an error', ports: '    - {containerPort: 70000}\n', codes: ['AKS1309@9:8'], read: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    ports:\n${c.ports}`;
      const { model, diagnostics } = adaptText(text);
      assert.deepEqual(codesAt(diagnostics), c.codes);
      const severities = diagnostics.filter((d) => d.code === 'AKS1312' || d.code === 'AKS1313').map((d) => d.severity);
      assert.ok(severities.every((s) => s === 'warning'), 'unknown/missing fields are warnings');
      assert.deepEqual(model.pods[0]?.ports.map((x) => `${x.name ?? ''}:${x.port}/${x.protocol}`), c.read);
    });
  }
});

describe('objects without a valid kind are errors at the object (the API server rejects them)', () => {
  const cases: { name: string; text: string; codes: string[]; pods: number }[] = [
    { name: 'a misspelt kind key on a list', text: '{"apiVersion": "v1", "kindt": "PodList", "items": [{"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "a"}}]}', codes: ['AKS1314@1:22'], pods: 0 },
    { name: 'metadata but no kind', text: 'apiVersion: v1\nmetadata: {name: a}\n', codes: ['AKS1314@1:1'], pods: 0 },
    { name: 'kind and metadata but no apiVersion', text: 'kind: Pod\nmetadata: {name: a}\n', codes: ['AKS1314@1:1'], pods: 0 },
    { name: 'an unknown kind in the core group', text: 'apiVersion: v1\nkind: Podgfg\nmetadata: {name: a}\n', codes: ['AKS1315@2:1'], pods: 0 },
    { name: 'an unknown kind in apps', text: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: a}\n', codes: ['AKS1315@2:1'], pods: 0 },
    { name: 'a known unmodelled core kind is fine', text: 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n', codes: [], pods: 0 },
    { name: 'an unknown kind in a custom group is only ignored', text: 'apiVersion: example.com/v1\nkind: Podgfg\nmetadata: {name: a}\n', codes: [], pods: 0 },
    { name: 'a typed list of a core kind is read', text: 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n', codes: [], pods: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText(c.text, c.text.startsWith('{') ? 'm.json' : 'm.yaml');
      assert.deepEqual(codesAt(diagnostics), c.codes);
      for (const d of diagnostics.filter((x) => c.codes.some((k) => k.startsWith(x.code)))) assert.equal(d.severity, 'error');
      assert.equal(model.pods.length, c.pods);
    });
  }
});

describe('Calico and Cilium objects are dispatched to their own adapters, not to this one', () => {
  const cases: [string, string][] = [
    ['Calico NetworkPolicy', 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c, namespace: a}\nspec: {}\n'],
    ['Cilium policy', 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c}\nspec: {}\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const { model, diagnostics } = adaptText(text);
      assert.deepEqual(model.ignored.filter((i) => i.reason.includes('not read by the Kubernetes adapter')), []);
      assert.deepEqual(diagnostics.filter((d) => d.code === 'AKS1303'), []);
    });
  }
});
