// PLACEHOLDER: being written.
import type { AdaptContext } from '../context.js';

export function linkKubernetes(ctx: AdaptContext): void {
  void ctx;
}
