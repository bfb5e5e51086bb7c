// kube-proxy's Service rules for the lab: chain names by kube-proxy's hash, DNAT per endpoint with random choice,
// NodePorts, endpoint-less Services, kubenet masquerade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeProxyNatTable, portProtoHash, serviceChain } from './kubeproxy-rules.js';
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
    '-A KUBE-SERVICES -d 10.0.0.20/32 -p udp -m udp --dport 53 -m comment --comment "x/web:p1-53 has no endpoints" -j DROP',
    `-A KUBE-NODEPORTS -p tcp -m tcp --dport 30080 -m comment --comment "x/web:p0-80" -j ${svc}`,
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
