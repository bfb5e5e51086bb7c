// kube-proxy's Service rules for the lab: chain names by kube-proxy's hash, DNAT per endpoint with random choice,
// NodePorts, endpoint-less Services, kubenet masquerade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeProxyFilterTable, kubeProxyNatTable, nodePortChain, portProtoHash, serviceChain } from './kubeproxy-rules.js';
import type { LabService } from './topology.js';

const SVC: LabService = {
  namespace: 'x', name: 'web', clusterIp: '10.0.0.20',
  ports: [
    { protocol: 'TCP', port: 80, nodePort: 30080, endpoints: [{ ip: '10.1.0.5', port: 8080, pod: 'x/a' }, { ip: '10.1.0.6', port: 8080, pod: 'x/b' }] },
    { protocol: 'UDP', port: 53, endpoints: [] },
  ],
};

test('portProtoHash: 16 base32 characters, stable, different per input', () => {
  const h = portProtoHash('x/web:http', 'tcp');
  assert.match(h, /^[A-Z2-7]{16}$/);
  assert.equal(h, portProtoHash('x/web:http', 'tcp'));
  assert.notEqual(h, portProtoHash('x/web:http', 'udp'));
  assert.ok(serviceChain(SVC, SVC.ports[0]!, 0).length <= 28, 'iptables chain names are at most 28 characters');
});

test('nat table: portals, per-endpoint DNAT with random choice, NodePort, no endpoints → DROP', () => {
  const text = kubeProxyNatTable([SVC], 'bridge', undefined, []);
  const lines = text.split('\n');
  assert.equal(lines[0], '*nat');
  assert.equal(lines[lines.length - 2], 'COMMIT');
  const svc = serviceChain(SVC, SVC.ports[0]!, 0);
  const want = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    `-A KUBE-SERVICES -d 10.0.0.20/32 -p tcp -m tcp --dport 80 -m comment --comment "x/web:p0-80 cluster IP" -j ${svc}`,
    `-A KUBE-NODEPORTS -p tcp -m tcp --dport 30080 -m comment --comment "x/web:p0-80" -j ${nodePortChain('EXT', SVC, SVC.ports[0]!, 0)}`,
  ];
  for (const w of want) assert.ok(lines.includes(w), `missing: ${w}`);
  const picks = lines.filter((l) => l.startsWith(`-A ${svc} `));
  assert.equal(picks.length, 2);
  assert.match(picks[0] ?? '', /--probability 0\.50000000000 -j KUBE-SEP-/);
  assert.doesNotMatch(picks[1] ?? '', /probability/, 'the last endpoint takes the rest');
  assert.equal(lines.filter((l) => l.includes('-j DNAT --to-destination 10.1.0.5:8080')).length, 1);
  for (const c of lines.filter((l) => l.startsWith('-A ')).map((l) => l.split(' ')[1])) assert.ok(lines.includes(`:${c} - [0:0]`) || ['PREROUTING', 'OUTPUT', 'POSTROUTING'].includes(c ?? ''), `chain ${c} declared`);
});

test('kubenet: masquerade pod traffic leaving the cluster pod CIDR(s)', () => {
  const one = kubeProxyNatTable([], 'kubenet', '10.244.1.0/24', ['10.244.0.0/16']);
  assert.ok(one.includes('-A POSTROUTING -s 10.244.1.0/24 ! -d 10.244.0.0/16 -m addrtype ! --dst-type LOCAL'));
  const two = kubeProxyNatTable([], 'kubenet', '10.244.1.0/24', ['10.244.0.0/16', '10.245.0.0/16']);
  assert.ok(two.includes('-A KUBENET-MASQ -d 10.245.0.0/16 -j RETURN'));
  assert.ok(!kubeProxyNatTable([], 'bridge', '10.244.1.0/24', []).includes('MASQUERADE -s'), 'no kubenet rule in other modes');
  assert.ok(!kubeProxyNatTable([], 'transparent', undefined, []).includes('KUBENET'));
});

test('NodePort, externalTrafficPolicy Cluster: KUBE-NODEPORTS → KUBE-EXT masquerades, then any endpoint', () => {
  const lines = kubeProxyNatTable([SVC], 'transparent', undefined, [], { localEndpoints: new Set(), externalLocal: new Set(), localDetector: '-i azv+' }).split('\n');
  const ext = nodePortChain('EXT', SVC, SVC.ports[0]!, 0);
  const svc = serviceChain(SVC, SVC.ports[0]!, 0);
  assert.match(ext, /^KUBE-EXT-[A-Z2-7]{16}$/);
  assert.deepEqual(lines.filter((l) => l.startsWith(`-A ${ext} `)), [
    `-A ${ext} -m comment --comment "masquerade traffic for x/web:p0-80 external destinations" -j KUBE-MARK-MASQ`,
    `-A ${ext} -j ${svc}`,
  ]);
  assert.ok(lines.includes(`:${ext} - [0:0]`));
  assert.ok(lines.includes('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'),
    'NodePorts only for the node\'s own addresses');
  assert.equal(lines.filter((l) => l.includes('KUBE-NODEPORTS') && l.includes('30053')).length, 0, 'a port without nodePort gets no NodePort rule');
});

test('NodePort, externalTrafficPolicy Local: pod and node traffic to any endpoint, the rest to local endpoints only, none → DROP', () => {
  const local = kubeProxyNatTable([SVC], 'bridge', undefined, [], { localEndpoints: new Set(['10.1.0.6']), externalLocal: new Set(['x/web']), localDetector: '-i azure0' });
  const ext = nodePortChain('EXT', SVC, SVC.ports[0]!, 0);
  const svl = nodePortChain('SVL', SVC, SVC.ports[0]!, 0);
  const svc = serviceChain(SVC, SVC.ports[0]!, 0);
  const lines = local.split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith(`-A ${ext} `)), [
    `-A ${ext} -i azure0 -m comment --comment "pod traffic for x/web:p0-80 external destinations" -j ${svc}`,
    `-A ${ext} -m comment --comment "masquerade LOCAL traffic for x/web:p0-80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
    `-A ${ext} -m comment --comment "route LOCAL traffic for x/web:p0-80 external destinations" -m addrtype --src-type LOCAL -j ${svc}`,
    `-A ${ext} -j ${svl}`,
  ]);
  const svlRules = lines.filter((l) => l.startsWith(`-A ${svl} `));
  assert.equal(svlRules.length, 1, 'one local endpoint, no random choice');
  assert.match(svlRules[0] ?? '', /-> 10\.1\.0\.6:8080" -j KUBE-SEP-/);
  assert.ok(!lines.some((l) => l.startsWith(`-A ${ext} `) && l.includes('DROP')));
  const ctx = { localEndpoints: new Set<string>(), externalLocal: new Set(['x/web']), localDetector: '-i azure0' };
  const none = kubeProxyNatTable([SVC], 'bridge', undefined, [], ctx).split('\n');
  assert.ok(!none.some((l) => l.startsWith(`-A ${ext} -j`)), 'no local endpoint: no DNAT for external traffic');
  assert.ok(!none.includes(`:${svl} - [0:0]`), 'no SVL chain without local endpoints');
  assert.ok(!none.some((l) => / -j (DROP|REJECT)$/.test(l)), 'the nat table never drops');
  const filter = kubeProxyFilterTable([SVC], ctx).split('\n');
  assert.ok(filter.includes('-A KUBE-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -m comment --comment "x/web:p0-80 has no local endpoints" -j DROP'));
  assert.equal(kubeProxyFilterTable([SVC], { ...ctx, localEndpoints: new Set(['10.1.0.5']) }).includes('--dport 30080'), false, 'a local endpoint: nothing dropped');
});

test('filter table: a Service port without endpoints is rejected; nothing to reject or drop → empty', () => {
  const lines = kubeProxyFilterTable([SVC]).split('\n');
  assert.equal(lines[0], '*filter');
  assert.ok(lines.includes('-A KUBE-SERVICES -d 10.0.0.20/32 -p udp -m udp --dport 53 -m comment --comment "x/web:p1-53 has no endpoints" -j REJECT'));
  assert.ok(lines.includes('-I FORWARD 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'));
  assert.equal(kubeProxyFilterTable([{ ...SVC, ports: [SVC.ports[0]!] }]), '');
});
