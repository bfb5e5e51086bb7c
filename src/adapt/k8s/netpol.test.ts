import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codesAt, adaptText } from './testing/adapt-text.js';
import { policyText } from './testing/describe.js';

/** A NetworkPolicy in namespace x with `spec` (YAML lines indented by two spaces); `spec:` is line 6. */
function np(spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: x\nspec:\n${spec}`;
}
const lines = (spec: string): string[] => {
  const { model } = adaptText(np(spec));
  return model.policies.flatMap(policyText);
};
const HEAD = 'NetworkPolicy x/p [k8s-networkpolicy] subject ns: kubernetes.io/metadata.name=x; pods: all';

describe('policyTypes defaulting (pitfall 1) and empty vs absent rules (pitfall 2)', () => {
  const cases: [string, string, string[]][] = [
    ['no policyTypes, no rules → Ingress only (deny all ingress)', '  podSelector: {}\n', [`${HEAD} dirs ingress`]],
    ['no policyTypes, egress rules → Ingress and Egress', '  podSelector: {}\n  egress:\n  - {}\n',
      [`${HEAD} dirs ingress,egress`, 'egress#0 allow peers any ports any']],
    ['no policyTypes, egress: [] → Ingress only', '  podSelector: {}\n  egress: []\n', [`${HEAD} dirs ingress`]],
    ['policyTypes [] behaves as absent', '  podSelector: {}\n  policyTypes: []\n  egress: [{}]\n',
      [`${HEAD} dirs ingress,egress`, 'egress#0 allow peers any ports any']],
    ['policyTypes [Egress] only', '  podSelector: {}\n  policyTypes: [Egress]\n', [`${HEAD} dirs egress`]],
    ['ingress: [{}] allows everything', '  podSelector: {}\n  ingress:\n  - {}\n', [`${HEAD} dirs ingress`, 'ingress#0 allow peers any ports any']],
    ['ingress: [] allows nothing', '  podSelector: {}\n  ingress: []\n', [`${HEAD} dirs ingress`]],
    ['a bare `-` rule is an empty rule', '  podSelector: {}\n  ingress:\n  -\n', [`${HEAD} dirs ingress`, 'ingress#0 allow peers any ports any']],
    ['from: [] and ports: [] mean any', '  podSelector: {}\n  ingress:\n  - from: []\n    ports: []\n',
      [`${HEAD} dirs ingress`, 'ingress#0 allow peers any ports any']],
    ['both types with rule order kept', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - ports: [{port: 80}]\n  - ports: [{port: 81}]\n  egress:\n  - ports: [{port: 53, protocol: UDP}]\n',
      [`${HEAD} dirs ingress,egress`, 'ingress#0 allow peers any ports [TCP 80]', 'ingress#1 allow peers any ports [TCP 81]', 'egress#0 allow peers any ports [UDP 53]']],
  ];
  for (const [name, spec, want] of cases) it(name, () => assert.deepEqual(lines(spec), want));

  it('egress rules without Egress in policyTypes have no effect (warned)', () => {
    const { model, diagnostics } = adaptText(np('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n'));
    assert.deepEqual(model.policies.flatMap(policyText), [`${HEAD} dirs ingress`]);
    assert.deepEqual(codesAt(diagnostics), ['AKS3109@9:3']);
  });
});

describe('peers (pitfalls 3–5)', () => {
  const cases: [string, string, string][] = [
    ['podSelector alone = the policy namespace', '    - podSelector: {matchLabels: {app: b}}\n',
      '[pods[ns: kubernetes.io/metadata.name=x; pods: app=b]]'],
    ['namespaceSelector {} = every namespace (not external IPs)', '    - namespaceSelector: {}\n', '[pods[ns: all; pods: all]]'],
    ['both in one item = AND', '    - namespaceSelector: {matchLabels: {team: a}}\n      podSelector: {matchLabels: {app: b}}\n',
      '[pods[ns: team=a; pods: app=b]]'],
    ['two items = OR', '    - namespaceSelector: {matchLabels: {team: a}}\n    - podSelector: {matchLabels: {app: b}}\n',
      '[pods[ns: team=a; pods: all] | pods[ns: kubernetes.io/metadata.name=x; pods: app=b]]'],
    ['matchExpressions In/NotIn/Exists/DoesNotExist AND matchLabels',
      '    - podSelector:\n        matchLabels: {tier: web}\n        matchExpressions:\n        - {key: app, operator: In, values: [b, a]}\n        - {key: env, operator: NotIn, values: [prod]}\n        - {key: x, operator: Exists}\n        - {key: y, operator: DoesNotExist}\n',
      '[pods[ns: kubernetes.io/metadata.name=x; pods: tier=web && app in (a,b) && env notin (prod) && has(x) && !has(y)]]'],
    ['ipBlock with except', '    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16]}\n', '[ip[10.0.0.0/8 - 10.1.0.0/16 - 10.2.0.0/16]]'],
    ['IPv6 ipBlock', '    - ipBlock: {cidr: "fd00::/8"}\n', '[ip[fd00::/8]]'],
  ];
  for (const [name, from, want] of cases) {
    it(name, () => {
      const got = lines(`  podSelector: {}\n  ingress:\n  - from:\n${from}`);
      assert.deepEqual(got, [`${HEAD} dirs ingress`, `ingress#0 allow peers ${want} ports any`]);
    });
  }
  it('ipBlock set is cidr minus except', () => {
    const { model } = adaptText(np('  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/30, except: [10.0.0.1/32]}\n'));
    const rule = model.policies[0]?.rules[0];
    const peer = rule && rule.peers !== 'any' ? rule.peers[0] : undefined;
    assert.equal(peer?.kind === 'ipblock' ? peer.set.toString() : '', '10.0.0.0/32, 10.0.0.2/31');
  });
});

describe('ports (pitfalls 7–9)', () => {
  const cases: [string, string, string][] = [
    ['protocol defaults to TCP', '    - port: 80\n', '[TCP 80]'],
    ['protocol without port = all ports of it', '    - protocol: UDP\n', '[UDP 1-65535]'],
    ['SCTP', '    - {protocol: SCTP, port: 9000}\n', '[SCTP 9000]'],
    ['endPort range is inclusive', '    - {port: 32000, endPort: 32768}\n', '[TCP 32000-32768]'],
    ['named port keeps its protocol', '    - {port: http}\n    - {port: dns, protocol: UDP}\n', '[named http/TCP | named dns/UDP]'],
  ];
  for (const [name, ports, want] of cases) {
    it(name, () => {
      assert.deepEqual(lines(`  podSelector: {}\n  ingress:\n  - ports:\n${ports}`), [`${HEAD} dirs ingress`, `ingress#0 allow peers any ports ${want}`]);
    });
  }
});

describe('validation: code and line:column of the offending field', () => {
  // `spec:` is line 6; its first field line 7, `  - from:`/`  - ports:` line 9, the first entry line 10.
  const cases: [string, string, string[], string][] = [
    ['unknown selector operator', '  podSelector:\n    matchExpressions:\n    - {key: a, operator: Equals, values: [b]}\n',
      ['AKS3100@9:16'], 'subject none'],
    ['In without values', '  podSelector:\n    matchExpressions:\n    - key: a\n      operator: In\n', ['AKS3100@10:7'], 'subject none'],
    ['Exists with values', '  podSelector:\n    matchExpressions:\n    - key: a\n      operator: Exists\n      values: [b]\n', ['AKS3100@11:7'], 'subject none'],
    ['invalid label key in a selector', '  podSelector:\n    matchLabels:\n      app@b: x\n', ['AKS1305@9:7'], 'subject none'],
    ['invalid label value in a selector', '  podSelector:\n    matchLabels:\n      app: $x\n', ['AKS1305@9:7'], 'subject none'],
    ['port out of range', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 70000\n', ['AKS3101@10:7'], 'ports []'],
    ['port 0', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 0\n', ['AKS3101@10:7'], 'ports []'],
    ['endPort out of range', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n      endPort: 65536\n', ['AKS3101@11:7'], 'ports []'],
    ['endPort with a named port', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 10000\n', ['AKS3102@11:7'], 'ports []'],
    ['endPort without port', '  podSelector: {}\n  ingress:\n  - ports:\n    - endPort: 10000\n', ['AKS3102@10:7'], 'ports []'],
    ['endPort < port', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 90\n      endPort: 80\n', ['AKS3103@11:7'], 'ports []'],
    ['except outside cidr', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        - 10.1.0.0/24\n',
      ['AKS3104@13:11'], 'peers []'],
    ['except equal to cidr', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.0.0.0/16]\n',
      ['AKS3104@12:18'], 'peers []'],
    ['invalid cidr', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: A\n', ['AKS3105@11:9'], 'peers []'],
    ['cidr without prefix', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.1\n', ['AKS3105@11:9'], 'peers []'],
    ['cidr with host bits (warning, still used)', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.1/8\n', ['AKS3119@11:9'], 'peers [ip[10.0.0.0/8]]'],
    ['unknown protocol', '  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: ICMP\n', ['AKS3106@10:7'], 'ports []'],
    ['lower-case protocol', '  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: tcp\n      port: 80\n', ['AKS3106@10:7'], 'ports []'],
    ['peer with ipBlock and podSelector', '  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n      ipBlock:\n        cidr: 0.0.0.0/0\n',
      ['AKS3107@11:7'], 'peers []'],
    ['empty peer {}', '  podSelector: {}\n  ingress:\n  - from:\n    - {}\n', ['AKS3107@10:7'], 'peers []'],
    ['quoted number as a port name', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: "80"\n', ['AKS3120@10:7'], 'ports []'],
    ['unknown field at the top of the spec (warning)', '  podSelector: {}\n  ingres:\n  - {}\n', ['AKS3108@8:3'], 'dirs ingress'],
    ['unknown policyType', '  podSelector: {}\n  policyTypes: [Ingress, Both]\n', ['AKS3109@8:26'], 'dirs ingress'],
    ['ports is a map, not a list: the rule matches nothing', '  podSelector: {}\n  ingress:\n  - ports: {port: 80}\n', ['AKS1302@9:5'], 'peers [] ports []'],
    ['one bad port of two: the other is kept', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 0\n    - port: 443\n', ['AKS3101@10:7'], 'ports [TCP 443]'],
  ];
  for (const [name, spec, want, shape] of cases) {
    it(name, () => {
      const { model, diagnostics } = adaptText(np(spec));
      assert.deepEqual(codesAt(diagnostics), want);
      assert.equal(model.policies.length, 1, 'the policy is kept');
      const text = model.policies.flatMap(policyText).join('\n');
      assert.ok(text.includes(shape.replace('subject none', 'pods: none')), `${shape} in:\n${text}`);
    });
  }
  it('missing podSelector is read as {} with a warning', () => {
    const { model, diagnostics } = adaptText(np('  ingress: []\n'));
    assert.deepEqual(codesAt(diagnostics), ['AKS1302@6:1']);
    assert.deepEqual(model.policies.flatMap(policyText), [`${HEAD} dirs ingress`]);
  });
  it('missing metadata.name: error, skipped', () => {
    const { model, diagnostics } = adaptText('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: x\nspec: {podSelector: {}}\n');
    assert.deepEqual(codesAt(diagnostics), ['AKS1301@3:1']);
    assert.deepEqual(model.policies, []);
  });
  it('duplicate NetworkPolicy: error at the second, first kept', () => {
    const one = np('  podSelector: {}\n');
    const { model, diagnostics } = adaptText(`${one}---\n${one.replace('podSelector: {}', 'podSelector: {matchLabels: {a: b}}')}`);
    assert.deepEqual(codesAt(diagnostics), ['AKS1304@12:3']);
    assert.deepEqual(model.policies.flatMap(policyText), [`${HEAD} dirs ingress`]);
    assert.equal(model.ignored.length, 1);
  });
  it('same name in two namespaces is not a duplicate', () => {
    const one = np('  podSelector: {}\n');
    const { model, diagnostics } = adaptText(`${one}---\n${one.replace('namespace: x', 'namespace: y')}`);
    assert.deepEqual(diagnostics, []);
    assert.equal(model.policies.length, 2);
  });
});
