// Services' spec.loadBalancerIP: read into Service.loadBalancerIp (an invalid address is reported at its line and
// column and left out), and used by Service derivation as the requested frontend address when the
// azure-load-balancer-ipv4 annotation is absent; the annotation wins when both are given (LB_IP_ANNOTATION_OVER_SPEC).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp } from '../../engines/net/index.js';
import { deriveNodes } from '../../derive/nodes.js';
import { deriveServices } from '../../derive/services.js';
import { adaptText, codesAt } from './testing/adapt-text.js';

const svc = (spec: string, annotations = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: app
${annotations ? `  annotations:\n${annotations}` : ''}spec:
  type: LoadBalancer
  ports:
  - {port: 80}
${spec}`;

describe('Service spec.loadBalancerIP', () => {
  const cases: { name: string; text: string; ip: string | undefined; codes: string[]; frontend: string | undefined; source: string | undefined }[] = [
    { name: 'absent: no request, a synthetic public frontend', text: svc(''), ip: undefined, codes: [], frontend: undefined, source: 'synthetic' },
    { name: 'an IPv4 address: the requested frontend', text: svc('  loadBalancerIP: 20.50.1.2\n'), ip: '20.50.1.2', codes: [], frontend: '20.50.1.2', source: 'spec' },
    { name: 'empty string: not written', text: svc('  loadBalancerIP: ""\n'), ip: undefined, codes: [], frontend: undefined, source: 'synthetic' },
    { name: 'not an address: reported at the value, left out', text: svc('  loadBalancerIP: 20.50.1\n'), ip: undefined, codes: ['AKS1306@10:3'],
      frontend: undefined, source: 'synthetic' },
    { name: 'the annotation wins when both are given', text: svc('  loadBalancerIP: 20.50.1.2\n', '    service.beta.kubernetes.io/azure-load-balancer-ipv4: 20.50.1.9\n'),
      ip: '20.50.1.2', codes: [], frontend: '20.50.1.9', source: 'annotation' },
    { name: 'an empty annotation does not hide spec.loadBalancerIP', text: svc('  loadBalancerIP: 20.50.1.2\n', '    service.beta.kubernetes.io/azure-load-balancer-ipv4: ""\n'),
      ip: '20.50.1.2', codes: [], frontend: '20.50.1.2', source: 'spec' },
    { name: 'an IPv6 loadBalancerIP is no IPv4 frontend request', text: svc('  loadBalancerIP: "2001:db8::7"\n'), ip: '2001:db8::7', codes: [],
      frontend: undefined, source: 'synthetic' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { model, diagnostics } = adaptText(c.text);
      assert.deepEqual(codesAt(diagnostics), c.codes);
      const s = model.services[0];
      assert.ok(s, 'the Service is read');
      assert.equal(s.loadBalancerIp ? formatIp(s.loadBalancerIp) : undefined, c.ip);
      const d = deriveServices(model, [], deriveNodes(model)).services[0];
      assert.equal(d?.loadBalancer?.ipSource, c.source);
      if (c.frontend !== undefined) assert.equal(d?.loadBalancer?.ip ? formatIp(d.loadBalancer.ip) : undefined, c.frontend);
    });
  }
});
