// AKS3001 plugin-policy-dataplane: network plugin × policy engine × dataplane × OS combinations AKS does not support.
import type { Cluster } from '../../../model/azure.js';
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import type { CheckRule, Finding } from '../types.js';

interface Problem {
  readonly message: string;
  readonly hint: string;
}

/** Every unsupported combination in one AKS cluster (self-managed clusters choose their own stack). */
function problems(c: Cluster): Problem[] {
  const out: Problem[] = [];
  const windows = c.pools.filter((p) => p.osType === 'Windows').map((p) => p.name);
  const kubenet = c.networkMode === 'kubenet';
  if (c.networkPolicy === 'cilium' && c.dataplane !== 'cilium') {
    out.push({ message: 'networkPolicy cilium requires networkDataplane cilium', hint: 'set networkDataplane cilium, or choose another policy engine' });
  }
  if (c.dataplane === 'cilium' && (c.networkPolicy === 'azure' || c.networkPolicy === 'calico')) {
    out.push({ message: `networkDataplane cilium enforces policy itself; networkPolicy ${c.networkPolicy} cannot run with it`, hint: 'set networkPolicy cilium' });
  }
  if (c.dataplane === 'cilium' && kubenet) {
    out.push({ message: 'networkDataplane cilium is not available with kubenet', hint: 'migrate to Azure CNI Overlay first, then switch the dataplane' });
  }
  if (c.dataplane === 'cilium' && windows.length) {
    out.push({ message: `networkDataplane cilium is Linux-only but the cluster has Windows pools (${windows.join(', ')})`, hint: 'keep Windows workloads on a cluster with the Azure dataplane' });
  }
  if (c.networkPolicy === 'azure' && kubenet) {
    out.push({ message: 'Azure Network Policy Manager (networkPolicy azure) is not available with kubenet', hint: 'use networkPolicy calico with kubenet, or migrate to Azure CNI' });
  }
  if (c.networkPolicy === 'azure' && c.ipFamilies.includes(6)) {
    out.push({ message: 'Azure Network Policy Manager does not support IPv6 (dual-stack)', hint: 'use Cilium network policy for dual-stack clusters' });
  }
  if (kubenet && windows.length) {
    out.push({ message: `kubenet does not support Windows pools (${windows.join(', ')})`, hint: 'use Azure CNI Overlay for clusters with Windows pools' });
  }
  if (c.networkMode === 'byo-cni' && c.networkPolicy !== 'none') {
    out.push({ message: `networkPlugin none (bring your own CNI) cannot be combined with networkPolicy ${c.networkPolicy}`, hint: 'install the policy engine together with your CNI and set networkPolicy none' });
  }
  if (c.bridgeMode === 'bridge') {
    out.push({ message: 'Azure CNI networkMode bridge is no longer supported', hint: 'use transparent mode (the default)' });
  }
  return out;
}

/** AKS clusters: one error per unsupported plugin / policy / dataplane / OS combination (see `problems`). */
export const pluginPolicyDataplane: CheckRule = {
  id: 'AKS3001',
  slug: 'plugin-policy-dataplane',
  title: 'Unsupported network plugin, policy engine and dataplane combination',
  severity: 'error',
  description: 'Checks the combination of IPAM mode, networkPolicy, networkDataplane, IP families and pool OS: cilium '
    + 'policy needs the Cilium dataplane; the Cilium dataplane excludes NPM / Calico, kubenet and Windows pools; NPM '
    + 'is not available with kubenet or IPv6; kubenet has no Windows pools; BYO CNI has no managed policy; bridge mode is retired.',
  rationale: 'AKS rejects these combinations at creation or update, or (bridge mode) no longer supports them.',
  source: 'shared/reference/aks-networking.md §1.1, §2.4, §18, §20.2, §21, §22 items 1–4',
  examples: {
    failing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'azure', pools: [{ name: 'system' }] }] },
    passing: { clusters: [{ name: 'aks1', policy: 'cilium', dataplane: 'cilium', pools: [{ name: 'system' }] }] },
  },
  run(model: Model): Finding[] {
    return model.clusters
      .filter((c) => c.kind === 'aks')
      .flatMap((c) => problems(c).map((p) => finding(this.id, 'error', c.name, c.origin, `cluster ${c.name}: ${p.message}`, p.hint)));
  },
};
