// What the lab needs from the machine: root, and the commands of the Debian packages iproute2, iptables, ipset,
// socat (conntrack is optional: used to flush connection tracking between probe rounds when present).
import type { Diagnostic } from '../model/diagnostic.js';
import { LAB_CODES } from './codes.js';

/** A command the lab runs and the Debian package that provides it. */
export interface Requirement {
  readonly command: string;
  readonly debianPackage: string;
  /** False for commands the lab can do without. */
  readonly required: boolean;
}

/** The commands the lab needs, in the order they are checked. */
export const LAB_REQUIREMENTS: readonly Requirement[] = [
  { command: 'ip', debianPackage: 'iproute2', required: true },
  { command: 'iptables-restore', debianPackage: 'iptables', required: true },
  { command: 'iptables-save', debianPackage: 'iptables', required: true },
  { command: 'ipset', debianPackage: 'ipset', required: true },
  { command: 'socat', debianPackage: 'socat', required: true },
  { command: 'conntrack', debianPackage: 'conntrack', required: false },
];

/** The Debian packages the lab needs, for messages. */
export const LAB_DEBIAN_PACKAGES = 'iproute2 iptables ipset socat conntrack';

/** What the environment offers: whether we run as root and which commands `which` finds. */
export interface Environment {
  readonly isRoot: boolean;
  readonly has: (command: string) => boolean;
}

/**
 * The diagnostics that keep the lab from running (empty = it can run): not root, or a required command missing.
 * One diagnostic names everything missing and the Debian packages to install.
 */
export function checkRequirements(env: Environment): Diagnostic[] {
  const missing = LAB_REQUIREMENTS.filter((r) => r.required && !env.has(r.command));
  const problems: string[] = [];
  if (!env.isRoot) problems.push('it must run as root (network namespaces, veth pairs and iptables need CAP_NET_ADMIN)');
  if (missing.length > 0) {
    problems.push(`missing command(s): ${missing.map((m) => `${m.command} (Debian package ${m.debianPackage})`).join(', ')}`);
  }
  if (problems.length === 0) return [];
  return [{
    code: LAB_CODES.REQUIREMENTS, severity: 'error',
    message: `the lab cannot run here: ${problems.join('; ')}`,
    hint: `run as root on Linux with: apt-get install ${LAB_DEBIAN_PACKAGES}`,
  }];
}

/** Whether `command` is an executable file in one of the PATH directories (plus /usr/sbin and /sbin). */
export function hasCommand(command: string, path: string | undefined, isExecutable: (file: string) => boolean): boolean {
  const dirs = [...(path ?? '').split(':').filter(Boolean), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.some((d) => isExecutable(`${d}/${command}`));
}
