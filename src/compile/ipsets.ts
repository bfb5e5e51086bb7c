// Renders ipsets as `ipset restore` input: hash sets first (list sets name them), each sorted by kernel name.
import type { CompiledIpset } from './types.js';
import { byKey } from '../model/compare.js';

/** `maxelem` Azure NPM gives its sets; used for every hash set. */
export const IPSET_MAXELEM = 4294967295;

/** The `ipset restore` text for `sets`. */
export function renderIpsets(sets: readonly CompiledIpset[]): string {
  const sorted = [...sets].sort(byKey((s) => s.kernelName));
  const lines: string[] = [];
  const emit = (s: CompiledIpset): void => {
    switch (s.type) {
      case 'hash:net':
      case 'hash:ip,port':
        lines.push(`create ${s.kernelName} ${s.type} family inet hashsize 1024 maxelem ${IPSET_MAXELEM}`);
        break;
      case 'list:set':
        lines.push(`create ${s.kernelName} list:set size ${Math.max(8, s.members.length)}`);
        break;
      default: {
        const never: never = s.type;
        throw new RangeError(`unknown ipset type ${String(never)}`);
      }
    }
    for (const m of s.members) lines.push(`add ${s.kernelName} ${m}`);
  };
  for (const s of sorted) if (s.type !== 'list:set') emit(s);
  for (const s of sorted) if (s.type === 'list:set') emit(s);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
