// `compileNode`: the iptables filter table and ipsets a policy engine would program on one node.
import type { Pod } from '../model/k8s.js';
import type { Model } from '../model/model.js';
import { compileCalico } from './calico/index.js';
import { compileNpm } from './npm/index.js';
import type { CompiledNode, CompileEngine, CompileOptions } from './types.js';

export type { AttachMode, CompiledIpset, CompiledNode, CompileEngine, CompileOptions, NodeInterface, NpmHashScheme } from './types.js';
export { ATTACH_MODES, COMPILE_ENGINES, NPM_HASH_SCHEMES } from './types.js';
export { COMPILE_CODES } from './codes.js';
export { defaultInterface, validInterfaceName } from './universe.js';

/**
 * What `engine` would program on node `nodeName` for `pods` (pods with addresses and nodeName, e.g. from
 * planPodAddresses(model, deriveNodes(model)).pods): `iptablesSave` (filter table, for iptables-restore),
 * `ipsetRestore` (for ipset restore; load it first), the node's pod `interfaces`, and diagnostics. Pure: no I/O.
 */
export function compileNode(model: Model, pods: readonly Pod[], engine: CompileEngine, nodeName: string, opts: CompileOptions = {}): CompiledNode {
  switch (engine) {
    case 'azure-npm':
      return compileNpm(model, pods, nodeName, opts);
    case 'calico':
      return compileCalico(model, pods, nodeName, opts);
    default: {
      const never: never = engine;
      throw new RangeError(`unknown engine ${String(never)}`);
    }
  }
}
