// az CLI JSON (`az aks show`, `az aks nodepool list`, `az network vnet show|list`, `az network vnet subnet show|list`,
// `az network nsg show`, `az network route-table show`, `az network nic|asg|public-ip show|list`, also `az resource show` with nested `properties`): single
// objects and arrays. Each element is recognised by its content and handed to the shared ARM-shape converter;
// one element that cannot be read does not stop the others.
import { originAt, type DocPath, type SourceDocument } from '../../load/document.js';
import { recognizeValue } from '../../load/recognize.js';
import { AZ_CODES } from '../aks/codes.js';
import {
  convertAgentPool, convertManagedCluster, convertNsg, convertRouteTable, convertSubnet, convertVNet,
} from '../aks/convert.js';
import type { ConvertOptions } from '../aks/arm-shape.js';
import { azNetworkKind, convertAsg, convertNic, convertPublicIp } from '../aks/network-interfaces.js';
import type { AdaptContext } from '../context.js';
import { ADAPT_CODES } from '../codes.js';

const AZ_OPTIONS: ConvertOptions = { source: 'az-cli' };

/** Reads one az JSON document (an object or an array of objects) into the model. */
export function adaptAzJson(doc: SourceDocument, ctx: AdaptContext): void {
  if (Array.isArray(doc.value)) {
    doc.value.forEach((item, i) => adaptElement(doc, item, [i], ctx));
  } else {
    adaptElement(doc, doc.value, [], ctx);
  }
}

function adaptElement(doc: SourceDocument, value: unknown, base: DocPath, ctx: AdaptContext): void {
  const at = (p: DocPath) => originAt(doc, [...base, ...p]);
  let kind = 'unknown' as ReturnType<typeof recognizeValue>;
  try {
    kind = recognizeValue(value);
    switch (kind) {
      case 'az-aks-cluster':
        convertManagedCluster(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'az-nodepool':
        convertAgentPool(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'az-vnet':
        convertVNet(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'az-subnet':
        convertSubnet(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'az-nsg':
        convertNsg(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'az-route-table':
        convertRouteTable(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        return;
      case 'arm-template':
      case 'terraform-plan':
      case 'az-script':
      case 'kubernetes':
      case 'native':
      case 'unknown': {
        const net = kind === 'unknown' ? azNetworkKind(value) : undefined;
        if (net === 'nic') return void convertNic(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        if (net === 'asg') return void convertAsg(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        if (net === 'public-ip') return void convertPublicIp(value as Record<string, unknown>, at, ctx, AZ_OPTIONS);
        ctx.diagnostics.warning(AZ_CODES.AZ_UNRECOGNISED_ELEMENT,
          base.length > 0 ? `element ${String(base[base.length - 1])} is not an Azure object aksnet reads; skipped` : 'not an Azure object aksnet reads; skipped',
          at([]), 'give az output of: aks show, aks nodepool list, network vnet show/list, vnet subnet show, nsg show, route-table show, nic show, asg show, public-ip show');
        return;
      }
      default: {
        const never: never = kind;
        void never;
      }
    }
  } catch (e) {
    // A bug on one element must not lose the rest of the array.
    ctx.diagnostics.error(ADAPT_CODES.INTERNAL_ERROR, `internal error while reading this ${kind} object: ${(e as Error).message}`, at([]),
      'please report this with the input file');
  }
}
