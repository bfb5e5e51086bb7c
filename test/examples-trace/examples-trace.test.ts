// Golden traces over the bundled examples, through the CLI (`main(argv, io)`): each case runs `aksnet trace` on an
// example directory and compares the text output with test/examples-trace/golden/<name>.txt (AKSNET_UPDATE=1
// rewrites them; a mismatch leaves a .actual file). The JSON disposition and exit code are asserted by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { compareGolden } from '../../src/testing/golden.js';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly disposition: string;
  readonly code: number;
}

const CASES: readonly Case[] = [
  { name: 'kubenet-calico-pod-to-pod-across-nodes', args: ['examples/kubenet-calico', '--from', 'frontend/frontend', '--to', 'backend/backend', '--port', '8080'],
    disposition: 'delivered', code: 0 },
  { name: 'kubenet-calico-policy-denies-frontend-to-prometheus', args: ['examples/kubenet-calico', '--from', 'frontend/frontend', '--to', 'monitoring/prometheus', '--port', '9090'],
    disposition: 'denied-by-policy-egress', code: 1 },
  { name: 'azure-cni-npm-internet-to-node-ssh', args: ['examples/azure-cni-npm', '--from', 'internet', '--to', '10.10.0.4', '--port', '22'],
    disposition: 'not-exposed', code: 1 },
  { name: 'self-managed-calico-udr-pod-to-service', args: ['examples/self-managed-calico-udr', '--from', 'checkout/cart', '--to', 'svc/payments/ledger'],
    disposition: 'delivered', code: 0 },
  { name: 'self-managed-calico-udr-api-server-from-internet', args: ['examples/self-managed-calico-udr', '--from', 'internet', '--to', 'api-server'],
    disposition: 'delivered', code: 0 },
  // Overlay pod CIDR 192.168.0.0/16 is also a private range with a None system route: the overlay fabric routes it.
  { name: 'cilium-overlay-pod-to-pod-across-nodes', args: ['examples/cilium', '--from', 'store/web-0', '--to', 'store/api-0', '--port', '8080'],
    disposition: 'delivered', code: 0 },
];

async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args], { out: (t) => { out += t.endsWith('\n') ? t : `${t}\n`; }, err: (t) => { err += t.endsWith('\n') ? t : `${t}\n`; } });
  return { code, out, err };
}

describe('trace goldens over the examples', () => {
  for (const c of CASES) {
    it(`${c.name} -> ${c.disposition}`, async () => {
      const text = await run(['trace', ...c.args]);
      assert.equal(text.code, c.code, text.err);
      const g = compareGolden(join('test', 'examples-trace', 'golden', `${c.name}.txt`), text.out);
      assert.ok(g.ok, `${c.name}.txt: ${g.diff}`);
      const json = await run(['trace', ...c.args, '--format', 'json']);
      const j = JSON.parse(json.out) as { disposition: string; delivered: boolean; hops: unknown[] };
      assert.equal(j.disposition, c.disposition);
      assert.equal(j.delivered, c.disposition === 'delivered');
      assert.ok(j.hops.length >= 2, 'at least the source hop and one more');
    });
  }
});
