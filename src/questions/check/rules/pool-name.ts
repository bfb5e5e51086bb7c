// AKS2203 pool-name: AKS pool names must be short lower-case alphanumerics; Windows pools at most 6 characters.
import type { Model } from '../../../model/model.js';
import { finding } from '../finding.js';
import { poolLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

const NAME = /^[a-z][a-z0-9]{0,11}$/;
const WINDOWS_MAX = 6;

/** AKS pools: error when the name does not match `^[a-z][a-z0-9]{0,11}$`, or a Windows pool name is longer than 6. */
export const poolName: CheckRule = {
  id: 'AKS2203',
  slug: 'pool-name',
  title: 'Invalid node pool name',
  severity: 'error',
  description: 'Checks AKS pool names against ^[a-z][a-z0-9]{0,11}$ and Windows pool names against the 6-character limit.',
  rationale: 'The pool name becomes part of the VM / computer name; Windows computer names are limited, so AKS rejects longer Windows pool names.',
  source: 'shared/reference/aks-networking.md §1.2 (pool name), §1.3 (--nodepool-name)',
  examples: {
    failing: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'windows1', os: 'Windows' }] }] },
    passing: { clusters: [{ name: 'aks1', pools: [{ name: 'system' }, { name: 'win1', os: 'Windows' }] }] },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    for (const c of model.clusters) {
      if (c.kind !== 'aks') continue;
      for (const p of c.pools) {
        const label = poolLabel(c, p);
        if (!NAME.test(p.name)) {
          out.push(finding(this.id, 'error', label, p.origin,
            `pool name ${JSON.stringify(p.name)} is not 1–12 lower-case letters and digits starting with a letter`,
            'rename the pool, e.g. "user1"'));
        } else if (p.osType === 'Windows' && p.name.length > WINDOWS_MAX) {
          out.push(finding(this.id, 'error', label, p.origin,
            `Windows pool name ${JSON.stringify(p.name)} is longer than ${WINDOWS_MAX} characters`,
            `use at most ${WINDOWS_MAX} characters, e.g. ${JSON.stringify(p.name.slice(0, WINDOWS_MAX))}`));
        }
      }
    }
    return out;
  },
};
