import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Ingress, IngressRule } from '../../model/k8s.js';
import { hostMatches, parseUrl, pathMatches, routeIngress } from './match.js';

const O = { file: 'i.yaml', line: 1, column: 1 };
function rule(host: string, path: string, pathType: IngressRule['pathType'], serviceName: string): IngressRule {
  return { host, path, pathType, serviceName, servicePort: 80 };
}
function ing(name: string, rules: IngressRule[], o: Partial<Ingress> = {}): Ingress {
  return { namespace: 'ns', name, rules, tlsHosts: [], origin: O, ...o };
}

describe('hostMatches', () => {
  const cases: [string, string, string | undefined][] = [
    ['shop.example.com', 'shop.example.com', 'exact'],
    ['Shop.Example.com', 'shop.example.com', 'exact'],
    ['*.example.com', 'shop.example.com', 'wildcard'],
    ['*.example.com', 'a.shop.example.com', undefined],
    ['*.example.com', 'example.com', undefined],
    ['', 'anything.test', 'any'],
    ['shop.example.com', 'other.example.com', undefined],
  ];
  for (const [p, h, want] of cases) it(`${p || '(none)'} vs ${h}`, () => assert.equal(hostMatches(p, h), want));
});

describe('pathMatches', () => {
  const cases: [string, IngressRule['pathType'], string, boolean][] = [
    ['/foo', 'Prefix', '/foo', true],
    ['/foo', 'Prefix', '/foo/', true],
    ['/foo', 'Prefix', '/foo/bar', true],
    ['/foo', 'Prefix', '/foobar', false],
    ['/foo/', 'Prefix', '/foo', true],
    ['/', 'Prefix', '/anything', true],
    ['/foo', 'Exact', '/foo', true],
    ['/foo', 'Exact', '/foo/', false],
    ['/foo', 'ImplementationSpecific', '/foobar', true],
  ];
  for (const [p, t, req, want] of cases) it(`${t} ${p} vs ${req}`, () => assert.equal(pathMatches({ path: p, pathType: t }, req) !== undefined, want));
});

describe('routeIngress', () => {
  const a = ing('a', [rule('shop.example.com', '/', 'Prefix', 'web'), rule('shop.example.com', '/cart', 'Prefix', 'cart'),
    rule('shop.example.com', '/cart', 'Exact', 'cart-exact'), rule('*.example.com', '/', 'Prefix', 'wild'), rule('', '/', 'Prefix', 'any')],
  { tlsHosts: ['shop.example.com'] });
  const b = ing('b', [], { defaultBackend: { serviceName: 'fallback', servicePort: 8080 } });
  const cases: [string, string, string][] = [
    ['https://shop.example.com/cart', 'cart-exact', 'Exact beats Prefix on the same path'],
    ['https://shop.example.com/cart/1', 'cart', 'longest prefix'],
    ['https://shop.example.com/cartoons', 'web', 'element-wise prefix'],
    ['https://api.example.com/x', 'wild', 'wildcard before any-host'],
    ['http://elsewhere.test/', 'any', 'any-host rule'],
  ];
  for (const [url, svc, why] of cases) {
    it(`${url} -> ${svc} (${why})`, () => {
      const req = parseUrl(url);
      assert.ok(typeof req !== 'string', String(req));
      const r = routeIngress([a, b], req);
      assert.ok(r.ok, 'routed');
      assert.equal(r.route.backend.serviceName, svc);
    });
  }
  it('TLS terminated only for https and a TLS host', () => {
    const https = routeIngress([a], parseUrl('https://shop.example.com/') as never);
    const http = routeIngress([a], parseUrl('http://shop.example.com/') as never);
    assert.ok(https.ok && http.ok, 'both routed');
    assert.deepEqual([https.route.tls, http.route.tls], [true, false]);
  });
  it('no rule: the default backend', () => {
    const r = routeIngress([ing('c', [rule('x.test', '/api', 'Exact', 'api')]), b], parseUrl('http://x.test/other') as never);
    assert.ok(r.ok, 'routed');
    assert.deepEqual([r.route.kind, r.route.backend.serviceName], ['default-backend', 'fallback']);
  });
  it('nothing matches and no default backend: 404', () => {
    const r = routeIngress([ing('c', [rule('x.test', '/api', 'Exact', 'api')])], parseUrl('http://y.test/') as never);
    assert.equal(r.ok, false);
  });
});

describe('parseUrl', () => {
  it('splits scheme, host and path', () => assert.deepEqual(parseUrl('HTTPS://Shop.Example.com:8443/cart?x=1#f'), { scheme: 'https', host: 'shop.example.com', path: '/cart' }));
  it('path defaults to /', () => assert.deepEqual(parseUrl('http://a.b'), { scheme: 'http', host: 'a.b', path: '/' }));
  for (const bad of ['shop.example.com/cart', 'ftp://x/', 'https:///x', '']) it(`rejects '${bad}'`, () => assert.equal(typeof parseUrl(bad), 'string'));
  it('never throws (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
      const r = parseUrl(s);
      assert.ok(typeof r === 'string' || r.path.startsWith('/') || r.path === '', 'reason or a request');
    }));
  });
});
