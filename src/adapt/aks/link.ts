// PLACEHOLDER: being written.
import type { AdaptContext } from '../context.js';

export function linkAzure(ctx: AdaptContext): void {
  void ctx;
}
