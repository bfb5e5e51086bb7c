import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptText, codesAt } from './testing/adapt-text.js';
import { policyText } from './testing/describe.js';

/** An AdminNetworkPolicy named `name` with `spec` lines (indented by two); `spec:` is line 5. */
function anp(spec: string, name = 'a'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}
function banp(spec: string, name = 'default'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}
function cnp(spec: string, name = 'c'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}
const SUBJECT_NS = '  subject:\n    namespaces:\n      matchLabels: {team: a}\n';

describe('AdminNetworkPolicy → normalised form', () => {
  const cases: [string, string, string[]][] = [
    ['namespaces subject, rules in order with names and actions', `  priority: 10\n${SUBJECT_NS}  ingress:
  - name: deny-b
    action: Deny
    from: [{namespaces: {matchLabels: {team: b}}}]
  - name: pass-c
    action: Pass
    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: c}}}}]
  - name: allow-all
    action: Allow
    from: [{namespaces: {}}]
`, [
      'AdminNetworkPolicy a [admin-network-policy] subject ns: team=a; pods: all dirs ingress prio 10',
      'ingress#0 "deny-b" deny peers [pods[ns: team=b; pods: all]] ports any',
      'ingress#1 "pass-c" pass peers [pods[ns: all; pods: app=c]] ports any',
      'ingress#2 "allow-all" allow peers [pods[ns: all; pods: all]] ports any',
    ]],
    ['pods subject; egress peers nodes and networks; ports number/range/named', `  priority: 0
  subject:
    pods:
      namespaceSelector: {matchLabels: {team: a}}
      podSelector: {matchLabels: {app: x}}
  egress:
  - name: e
    action: Allow
    to:
    - nodes: {matchExpressions: [{key: node-role, operator: Exists}]}
    - networks: [10.0.0.0/8, "fd00::/8"]
    ports:
    - portNumber: {port: 443}
    - portNumber: {protocol: UDP, port: 53}
    - portRange: {protocol: SCTP, start: 1000, end: 2000}
    - namedPort: web
`, [
      'AdminNetworkPolicy a [admin-network-policy] subject ns: team=a; pods: app=x dirs egress prio 0',
      'egress#0 "e" allow peers [nodes[has(node-role)] | ip[10.0.0.0/8] | ip[fd00::/8]] ports [TCP 443 | UDP 53 | SCTP 1000-2000 | named web/any]',
    ]],
  ];
  for (const [name, spec, want] of cases) {
    it(name, () => {
      const { model, diagnostics } = adaptText(anp(spec));
      assert.deepEqual(codesAt(diagnostics), name.includes('named') ? ['AKS3117@17:5'] : []);
      assert.deepEqual(model.policies.flatMap(policyText), want);
    });
  }
  it('BaselineAdminNetworkPolicy: no priority, Allow/Deny', () => {
    const { model, diagnostics } = adaptText(banp(`${SUBJECT_NS}  egress:\n  - {name: d, action: Deny, to: [{namespaces: {}}]}\n`));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.policies.flatMap(policyText), [
      'BaselineAdminNetworkPolicy default [baseline-admin-network-policy] subject ns: team=a; pods: all dirs egress',
      'egress#0 "d" deny peers [pods[ns: all; pods: all]] ports any',
    ]);
  });
  it('ClusterNetworkPolicy v1alpha2: tiers, Accept, protocols', () => {
    const text = `${cnp(`  tier: Admin\n  priority: 5\n${SUBJECT_NS}  ingress:
  - name: ok
    action: Accept
    from: [{namespaces: {}}]
    protocols:
    - tcp: {destinationPort: {number: 80}}
    - udp: {destinationPort: {range: {start: 5000, end: 5010}}}
    - sctp: {}
    - destinationNamedPort: dns
`)}---\n${cnp(`  tier: Baseline\n  priority: 5\n${SUBJECT_NS}  egress:\n  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n`, 'd')}`;
    const { model, diagnostics } = adaptText(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.policies.flatMap(policyText), [
      'ClusterNetworkPolicy c [cluster-network-policy-admin] subject ns: team=a; pods: all dirs ingress prio 5',
      'ingress#0 "ok" allow peers [pods[ns: all; pods: all]] ports [TCP 80 | UDP 5000-5010 | SCTP 1-65535 | named dns/any]',
      'ClusterNetworkPolicy d [cluster-network-policy-baseline] subject ns: team=a; pods: all dirs egress prio 5',
      'egress#0 deny peers [ip[0.0.0.0/0]] ports any',
    ]);
  });
});

describe('admin policy validation: code and line:column', () => {
  // `spec:` is line 5; SUBJECT_NS takes lines 7–9 after `priority` on 6; rules start on line 10.
  const cases: [string, string, string[], string][] = [
    ['priority out of range', `  priority: 1001\n${SUBJECT_NS}`, ['AKS3112@6:3'], 'dirs -'],
    ['priority missing', SUBJECT_NS, ['AKS3112@5:1'], 'dirs -'],
    ['subject with two fields', '  priority: 1\n  subject:\n    namespaces: {}\n    pods: {podSelector: {}}\n', ['AKS3113@7:3'], 'ns: none; pods: none'],
    ['subject missing', '  priority: 1\n', ['AKS3113@5:1'], 'ns: none; pods: none'],
    ['pods subject without podSelector = all pods of the namespaces', '  priority: 1\n  subject:\n    pods: {namespaceSelector: {matchLabels: {a: b}}}\n', [], 'ns: a=b; pods: all'],
    ['pods subject that is not an object', '  priority: 1\n  subject:\n    pods: 3\n', ['AKS1302@8:5', 'AKS3113@8:5'], 'ns: none; pods: none'],
    ['unknown action', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Ok\n    from: [{namespaces: {}}]\n`, ['AKS3114@12:5'], 'dirs ingress prio 1'],
    ['Accept is not an ANP action', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Accept\n    from: [{namespaces: {}}]\n`, ['AKS3114@12:5'], 'dirs ingress prio 1'],
    ['missing action', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    from: [{namespaces: {}}]\n`, ['AKS3114@11:5'], 'dirs ingress prio 1'],
    ['Allow rule without from: matches nothing', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n`,
      ['AKS3115@11:5'], 'ingress#0 "r" allow peers [] ports any'],
    ['Deny rule with empty to: deny-all (fail closed)', `  priority: 1\n${SUBJECT_NS}  egress:\n  - name: r\n    action: Deny\n    to: []\n`,
      ['AKS3115@13:5'], 'egress#0 "r" deny peers any ports any'],
    ['peer with two fields (Pass: fail closed)', `  priority: 1\n${SUBJECT_NS}  egress:\n  - name: r\n    action: Pass\n    to:\n    - namespaces: {}\n      networks: [10.0.0.0/8]\n`,
      ['AKS3115@14:7'], 'egress#0 "r" pass peers any ports any'],
    ['nodes peer in an ingress rule', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n    from:\n    - nodes: {}\n`,
      ['AKS3115@14:7'], 'ingress#0 "r" allow peers [] ports any'],
    ['invalid network', `  priority: 1\n${SUBJECT_NS}  egress:\n  - name: r\n    action: Allow\n    to:\n    - networks: [zc00::/8]\n`,
      ['AKS3105@14:18'], 'egress#0 "r" allow peers [] ports any'],
    ['port entry with two fields', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n    from: [{namespaces: {}}]\n    ports:\n    - portNumber: {port: 80}\n      namedPort: http\n`,
      ['AKS3116@15:7'], 'ports []'],
    ['port number out of range', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n    from: [{namespaces: {}}]\n    ports:\n    - portNumber: {port: 0}\n`,
      ['AKS3101@15:20'], 'ports []'],
    ['empty port range (end < start) is a warning, matches no port', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n    from: [{namespaces: {}}]\n    ports:\n    - portRange: {start: 10, end: 1}\n`,
      ['AKS3103@15:30'], 'ports [TCP (none)]'],
    ['unknown selector operator in a peer', `  priority: 1\n${SUBJECT_NS}  ingress:\n  - name: r\n    action: Allow\n    from:\n    - namespaces:\n        matchExpressions: [{key: a, operator: in, values: [b]}]\n`,
      ['AKS3100@15:37'], 'peers [pods[ns: none; pods: all]]'],
    ['unknown spec field', `  priority: 1\n${SUBJECT_NS}  egres: []\n`, ['AKS3108@10:3'], 'dirs -'],
  ];
  for (const [name, spec, want, shape] of cases) {
    it(name, () => {
      const { model, diagnostics } = adaptText(anp(spec));
      assert.deepEqual(codesAt(diagnostics), want);
      const text = model.policies.flatMap(policyText).join('\n');
      assert.ok(text.includes(shape), `${shape} in:\n${text}`);
    });
  }
  it('duplicate ANP priority: error at the second naming the first', () => {
    const { diagnostics } = adaptText(`${anp(`  priority: 7\n${SUBJECT_NS}`, 'one')}---\n${anp(`  priority: 7\n${SUBJECT_NS}`, 'two')}`);
    assert.deepEqual(codesAt(diagnostics), ['AKS3110@11:1']);
    assert.match(diagnostics[0]?.message ?? '', /two has the same priority 7 as one \(m\.yaml:1:1\)/);
  });
  it('same priority in different CNP tiers is fine', () => {
    const { diagnostics } = adaptText(`${cnp(`  tier: Admin\n  priority: 7\n${SUBJECT_NS}`, 'x')}---\n${cnp(`  tier: Baseline\n  priority: 7\n${SUBJECT_NS}`, 'y')}`);
    assert.deepEqual(diagnostics, []);
  });
  it('CNP with an unknown tier is skipped (error)', () => {
    const { model, diagnostics } = adaptText(cnp(`  tier: Middle\n  priority: 7\n${SUBJECT_NS}`));
    assert.deepEqual(codesAt(diagnostics), ['AKS1308@6:3']);
    assert.deepEqual(model.policies, []);
    assert.equal(model.ignored.length, 1);
  });
  it('BANP not named default: error, still analysed', () => {
    const { model, diagnostics } = adaptText(banp(SUBJECT_NS, 'banp-name'));
    assert.deepEqual(codesAt(diagnostics), ['AKS3111@4:3']);
    assert.equal(model.policies.length, 1);
  });
  it('more than one BANP: error at the second, which is ignored', () => {
    const { model, diagnostics } = adaptText(`${banp(SUBJECT_NS)}---\n${banp(SUBJECT_NS, 'other')}`);
    assert.deepEqual(codesAt(diagnostics), ['AKS3111@13:3', 'AKS3111@13:3']);
    assert.equal(model.policies.length, 1);
    assert.equal(model.ignored.length, 1);
  });
  it('domainNames: warning, the peer is dropped', () => {
    const { model, diagnostics } = adaptText(cnp(`  tier: Admin\n  priority: 1\n${SUBJECT_NS}  egress:\n  - action: Accept\n    to:\n    - domainNames: ["*.example.com"]\n    - networks: [1.1.1.1/32]\n`));
    assert.deepEqual(codesAt(diagnostics), ['AKS3118@14:7']);
    assert.ok(model.policies.flatMap(policyText).includes('egress#0 allow peers [ip[1.1.1.1/32]] ports any'));
  });
});
