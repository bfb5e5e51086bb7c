// AKS5002 npm-retirement: Azure Network Policy Manager retires (Windows 2026-09-30, Linux 2028-09-30).
import { NPM_LINUX_RETIREMENT, NPM_WINDOWS_RETIREMENT } from '../../../model/facts.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckContext, CheckRule, Finding } from '../types.js';
import { retirementStatus } from '../retirement.js';

/**
 * Clusters with networkPolicy azure: one finding for Linux (NPM_LINUX_RETIREMENT) and, when the cluster has
 * Windows pools, one for Windows (NPM_WINDOWS_RETIREMENT); warning before the date, error after.
 */
export const npmRetirement: CheckRule = {
  id: 'AKS5002',
  slug: 'npm-retirement',
  title: 'Azure Network Policy Manager retirement',
  severity: 'warning',
  description: `Reports clusters using Azure NPM, which retires on ${NPM_WINDOWS_RETIREMENT.value} for Windows nodes and `
    + `${NPM_LINUX_RETIREMENT.value} for Linux nodes, with the time left (from --today).`,
  rationale: 'The replacement (Cilium network policy) needs Azure CNI Overlay or pod subnet, reimages every pool, '
    + 'leaves a window without enforcement and enforces some policies differently, so it needs planning.',
  source: `shared/reference/aks-networking.md §19, §20.2; facts ${NPM_WINDOWS_RETIREMENT.id}, ${NPM_LINUX_RETIREMENT.id}`,
  examples: {
    failing: { clusters: [{ name: 'aks1', mode: 'azure-cni-node-subnet', policy: 'azure', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }] },
  },
  run(model: Model, ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.networkPolicy !== 'azure') continue;
      const linux = retirementStatus(ctx.today, NPM_LINUX_RETIREMENT.value);
      out.push(finding(this.id, linux.severity, c.name, c.origin,
        `cluster ${c.name} uses Azure Network Policy Manager, which on Linux ${linux.phrase}`,
        'plan the move to Cilium network policy (Azure CNI Powered by Cilium)'));
      const win = c.pools.filter((p) => p.osType === 'Windows');
      if (win.length) {
        const st = retirementStatus(ctx.today, NPM_WINDOWS_RETIREMENT.value);
        out.push(finding(this.id, st.severity, c.name, c.origin,
          `cluster ${c.name} uses Azure Network Policy Manager on Windows pools (${win.map((p) => p.name).join(', ')}), which ${st.phrase}`,
          'protect Windows nodes with node-level NSGs or Calico'));
      }
    }
    return out;
  },
};
