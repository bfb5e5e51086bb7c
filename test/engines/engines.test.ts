// One fixture per documented engine difference (shared/reference/policy-semantics.md §10): each directory holds the
// manifests (input.yaml) and the flows to ask (flows.txt: `from to port [via=Type:ns/svc:Cluster|Local]`); the golden
// expected.txt records, per engine, every `can` verdict with its explanation and the pod matrix. AKSNET_UPDATE=1
// rewrites the goldens; a mismatch leaves expected.txt.actual next to the golden.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { adaptText } from '../../src/adapt/k8s/testing/adapt-text.js';
import { buildPolicyEngine, engineProfile, type EngineName, type EngineOptions, type FlowVia } from '../../src/engines/policy/index.js';
import { can } from '../../src/questions/can/index.js';
import { matrix } from '../../src/questions/matrix/index.js';
import { renderMatrix } from '../../src/render/matrix/index.js';
import { compareGolden } from '../../src/testing/golden.js';

const DIR = 'test/engines';
const ENGINES: [string, EngineName, EngineOptions][] = [
  ['upstream', 'upstream', {}], ['calico', 'calico', {}], ['cilium', 'cilium', {}], ['cilium (Kubernetes < 1.32: Cilium < 1.17)', 'cilium', { endPort: false }],
  ['azure-npm', 'azure-npm', {}], ['none', 'none', {}],
];

function parseVia(text: string | undefined): FlowVia | undefined {
  if (text === undefined) return undefined;
  const [type, service, etp] = text.replace(/^via=/, '').split(':');
  if ((type !== 'LoadBalancer' && type !== 'NodePort') || service === undefined || (etp !== 'Cluster' && etp !== 'Local')) throw new Error(`bad via ${text}`);
  return { type, service, externalTrafficPolicy: etp };
}

function report(dir: string): string {
  const { model, diagnostics } = adaptText(readFileSync(join(dir, 'input.yaml'), 'utf8'), 'input.yaml');
  const flows = readFileSync(join(dir, 'flows.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  const bad = diagnostics.filter((d) => d.severity !== 'info');
  if (bad.length) out.push(...bad.map((d) => `input: ${d.severity} ${d.code} ${d.message}`), '');
  for (const [label, name, options] of ENGINES) {
    out.push(`## ${label}`);
    for (const f of flows) {
      const [from, to, port, via] = f.split(/\s+/);
      const r = can(model, { from, to, port, engine: name, engineOptions: options, via: parseVia(via) });
      if (!r.ok) {
        out.push(`can ${f}: ${r.error}`);
        continue;
      }
      out.push(`can ${f}: ${r.answer.allowed ? 'ALLOWED' : 'DENIED'}`, `  egress:  ${r.answer.egress.summary}`, `  ingress: ${r.answer.ingress.summary}`);
      if (r.answer.ignoredPolicies.length) out.push(`  ignored: ${r.answer.ignoredPolicies.join(', ')}`);
    }
    const engine = buildPolicyEngine(model, engineProfile(name, options));
    out.push('matrix (pods):', renderMatrix(matrix(model, engine, { by: 'pod' }), 'text').trimEnd(), '');
  }
  return out.join('\n');
}

describe('engine differences (test/engines/<difference>)', () => {
  const dirs = readdirSync(DIR).filter((d) => statSync(join(DIR, d)).isDirectory()).sort();
  it('there is a fixture per difference', () => assert.ok(dirs.length >= 8, dirs.join(', ')));
  for (const d of dirs) {
    it(d, () => {
      const r = compareGolden(join(DIR, d, 'expected.txt'), report(join(DIR, d)));
      assert.ok(r.ok, r.diff);
    });
  }
});
