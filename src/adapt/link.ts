// After every document is read: resolve references between objects and synthesise what the control planes would.
// Dangling references become diagnostics.
import type { AdaptContext } from './context.js';
import { linkAzure } from './aks/link.js';
import { linkKubernetes } from './k8s/link.js';

/** Links the builder's objects: Azure references first (clusters → subnets → VNets), then Kubernetes. */
export function linkModel(ctx: AdaptContext): void {
  linkAzure(ctx);
  linkKubernetes(ctx);
}
