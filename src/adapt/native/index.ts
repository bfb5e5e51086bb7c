// adapt/native: the aksnet/v1 format of docs/formats/native.md (self-managed Kubernetes on Azure VMs).
//   kind: Network            → VNet, subnets, route tables, NSGs (through the ARM-shape converter), peerings, on-premises ranges
//   kind: SelfManagedCluster → a self-managed Cluster (built here; no ARM shape exists)
// Every object gets a synthetic id in resource group `native` (reader.ts); a pool's `subnet` names a subnet of the
// cluster's `network`, so the documents may come in any order or in different files. A subnet the Network does not
// declare is reported by the link step (AKS1120, at the pool).
import type { SourceDocument } from '../../load/document.js';
import { originAt } from '../../load/document.js';
import type { AdaptContext } from '../context.js';
import { adaptSelfManagedCluster } from './cluster.js';
import { NATIVE_CODES } from './codes.js';
import { adaptNetwork } from './network.js';
import { fieldsAt, requireStr, warnUnknownNative } from './reader.js';

export { NATIVE_CODES } from './codes.js';
export { nativeIds, NATIVE_RESOURCE_GROUP } from './reader.js';

/** The document kinds of aksnet/v1. */
export const NATIVE_KINDS = ['Network', 'SelfManagedCluster'] as const;

/** Reads one aksnet/v1 document (a Network or a SelfManagedCluster) into the model. */
export function adaptNative(doc: SourceDocument, ctx: AdaptContext): void {
  const root = fieldsAt(doc, [], ctx);
  if (!root) {
    ctx.diagnostics.error(NATIVE_CODES.UNKNOWN_KIND, 'an aksnet/v1 document must be an object', originAt(doc, []), 'see docs/formats/native.md');
    return;
  }
  const apiVersion = root.str('apiVersion');
  if (apiVersion !== 'aksnet/v1') {
    ctx.diagnostics.error(NATIVE_CODES.UNKNOWN_KIND, `unsupported apiVersion "${apiVersion ?? ''}"; skipped`, root.originOf('apiVersion'),
      'write apiVersion: aksnet/v1');
    return;
  }
  warnUnknownNative(root, ['apiVersion', 'kind', 'metadata', 'spec'], 'an aksnet/v1 document', ctx);
  const kind = root.str('kind');
  const meta = root.obj('metadata');
  if (meta) warnUnknownNative(meta, ['name'], 'metadata', ctx);
  const name = meta ? requireStr(meta, 'name', `${kind ?? 'aksnet/v1'} metadata`, ctx) : undefined;
  if (!meta && !root.has('metadata')) {
    ctx.diagnostics.error(NATIVE_CODES.MISSING_FIELD, `${kind ?? 'aksnet/v1 document'} has no metadata.name; skipped`, root.origin, 'add metadata: { name: ... }');
  }
  switch (kind) {
    case 'Network':
      if (name) adaptNetwork(doc, name, ctx);
      return;
    case 'SelfManagedCluster':
      if (name) adaptSelfManagedCluster(doc, name, ctx);
      return;
    default:
      ctx.diagnostics.error(NATIVE_CODES.UNKNOWN_KIND, `unknown aksnet/v1 kind "${kind ?? ''}"; skipped`, root.originOf('kind'),
        `kind must be one of ${NATIVE_KINDS.join(', ')}`);
  }
}
