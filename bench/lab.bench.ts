// The lab's costs (a benchmark, not a test; needs root and iproute2/iptables/ipset/socat, else it says so and exits
// 0): time to bring up 3 nodes × 30 pods under azure-npm (bridge), calico (transparent), Canal and flannel (VXLAN
// between nodes) with a deny-then-allow policy set, probes per second, teardown time, how many flows disagreed on the
// first round (and needed a re-probe), how often the host's neighbour table overflowed meanwhile; and that 100
// up/down cycles of a three-node lab, rotating through every mode, leave no namespace.
// `LAB_BENCH_CYCLES` overrides the number of cycles, `LAB_BENCH_ROUNDS` repeats the 3 × 30 runs (default 1).
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Model } from '../src/model/model.js';
import { loadModel } from '../src/cli/pipeline.js';
import {
  checkRequirements, freshPrefix, hasCommand, LAB_MODES, listLabNamespaces, planLab, prefixOfNamespace, runLab, spawnRunner,
  type LabEngine, type LabMode,
} from '../src/lab/index.js';
import { adaptDocuments } from '../src/adapt/index.js';
import { parseFiles } from '../src/load/parse.js';
import { DiagnosticSink } from '../src/model/diagnostic.js';

function executable(f: string): boolean {
  try {
    accessSync(f, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** 3 nodes × 30 pods in 3 namespaces (app label = pod index mod 5), port 80; policies: deny all ingress in ns0, allow app=a0. */
function syntheticModel(): { model: Model } {
  const yaml: string[] = [];
  for (let n = 0; n < 3; n++) yaml.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns${n}\n  labels:\n    ns: ns${n}\n`);
  for (let i = 0; i < 90; i++) {
    const node = i % 3;
    yaml.push([
      'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: p${i}`, `  namespace: ns${i % 3}`, '  labels:', `    app: a${i % 5}`,
      'spec:', `  nodeName: node-${node}`, '  containers:', '    - name: c', '      image: x', '      ports:', '        - containerPort: 80',
      'status:', `  hostIP: 10.240.0.${10 + node}`, `  podIP: 10.244.${node}.${10 + Math.floor(i / 3)}`, '',
    ].join('\n'));
  }
  yaml.push([
    'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: deny', '  namespace: ns0',
    'spec:', '  podSelector: {}', '  policyTypes: [Ingress]', '',
  ].join('\n'));
  yaml.push([
    'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: allow-a0', '  namespace: ns0',
    'spec:', '  podSelector: {}', '  ingress:', '    - from:', '        - namespaceSelector: {}', '          podSelector:', '            matchLabels:', '              app: a0', '',
  ].join('\n'));
  const parsed = parseFiles([{ path: 'bench.yaml', text: yaml.join('---\n') }]);
  const sink = new DiagnosticSink();
  const model = adaptDocuments(parsed.docs, sink).model;
  return { model };
}

/**
 * Times the host's neighbour tables were full (`table_fulls` of /proc/net/stat/arp_cache, summed over CPUs; the table
 * is shared by every namespace), or undefined when the file cannot be read.
 */
function neighbourTableFulls(): number | undefined {
  try {
    const [head, ...rows] = readFileSync('/proc/net/stat/arp_cache', 'utf8').trim().split('\n');
    const col = (head ?? '').trim().split(/\s+/).indexOf('table_fulls');
    if (col < 0) return undefined;
    return rows.reduce((sum, r) => sum + Number.parseInt(r.trim().split(/\s+/)[col] ?? '0', 16), 0);
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const problems = checkRequirements({
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    has: (c) => hasCommand(c, process.env['PATH'], executable),
  });
  if (problems.length > 0) {
    console.log(`lab bench skipped: ${problems.map((p) => p.message).join('; ')}`);
    return;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'aksnet-lab-bench-'));
  try {
    await bench(stateDir);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function bench(stateDir: string): Promise<void> {
  const { model } = syntheticModel();
  const combos: [LabEngine, LabMode][] = [['azure-npm', 'bridge'], ['calico', 'transparent'], ['calico', 'canal'], ['calico', 'flannel']];
  const rounds = Number(process.env['LAB_BENCH_ROUNDS'] ?? 1);
  for (let round = 1; round <= rounds; round++) {
    for (const [engine, mode] of combos) {
      const plan = planLab(model, { engine, mode, services: false }, freshPrefix(stateDir));
      const fullsBefore = neighbourTableFulls();
      const run = await runLab(model, plan, { runner: spawnRunner, stateDir, paths: [], handlers: false });
      const fullsAfter = neighbourTableFulls();
      const probes = run.observations.length;
      for (const e of run.comparison.entries.filter((x) => !x.agree).slice(0, 5)) console.log(`  disagreement: ${e.from} -> ${e.to} ${e.protocol}/${e.port} simulated ${e.simulated} observed ${e.outcome} ${e.detail ?? ''}`);
      const overflow = fullsBefore !== undefined && fullsAfter !== undefined ? `, neighbour table full ${fullsAfter - fullsBefore} time(s)` : '';
      console.log(`${rounds > 1 ? `round ${round}: ` : ''}${engine} ${mode}: ${plan.topology.nodes.length} nodes, ${plan.topology.pods.length} pods: up ${(run.timings.upMs / 1000).toFixed(2)} s, ` +
        `${probes} probes in ${(run.timings.probeMs / 1000).toFixed(2)} s (${(probes / Math.max(0.001, run.timings.probeMs / 1000)).toFixed(0)} probes/s), ` +
        `down ${(run.timings.downMs / 1000).toFixed(2)} s; agree ${run.comparison.agree}/${run.comparison.total}; ` +
        `first round disagreed on ${run.reprobed} (re-probed)${overflow}`);
      if (run.comparison.agree !== run.comparison.total) process.exitCode = 1;
    }
  }

  // Up/down cycles of a three-node lab (12 pods), rotating through every mode: nothing may be left behind.
  const cycles = Number(process.env['LAB_BENCH_CYCLES'] ?? 100);
  if (cycles <= 0) return;
  const small = loadModel(['test/lab/three-nodes']).model;
  const t0 = Date.now();
  const prefixes = new Set<string>();
  for (let i = 0; i < cycles; i++) {
    const mode = LAB_MODES[i % LAB_MODES.length] as LabMode;
    const plan = planLab(small, { engine: mode === 'bridge' ? 'azure-npm' : 'calico', mode, services: false }, freshPrefix(stateDir));
    prefixes.add(plan.topology.prefix);
    await runLab(small, plan, { runner: spawnRunner, stateDir, paths: [], handlers: false, noProbe: true });
  }
  const left = (await listLabNamespaces(spawnRunner)).filter((n) => prefixes.has(prefixOfNamespace(n) ?? ''));
  console.log(`${cycles} up/down cycles of 3 nodes × 4 pods (modes ${LAB_MODES.join(', ')} in turn): ${((Date.now() - t0) / cycles / 1000).toFixed(2)} s per cycle; namespaces left: ${left.length}`);
  if (left.length > 0) process.exitCode = 1;
}

void main();
