// Runs a tokenized script symbolically: keeps shell variables, expands words, evaluates `$(az ... show ...)` to the
// synthetic ARM id of what the show command names, and turns `az` command lines into parsed calls.
import { armId, SYNTHETIC_SUBSCRIPTION } from '../../../model/model.js';
import { SYNTHETIC_RESOURCE_GROUP } from '../../aks/arm-shape.js';
import { findFlag, isKnownIgnored, matchCommand, type AzCommandName, type FlagSpec } from './commands.js';
import { asAssignment, tokenize, type SimpleCommand, type Word, type WordPart } from './tokenize.js';

/** A shell value: its text when known; when not, why not (an unset variable, a command aksnet does not evaluate). */
export type Value = { readonly known: true; readonly text: string } | { readonly known: false; readonly text: string; readonly why: string };

/** One flag of an az call: its values (empty for a switch) and the offset of the flag word. */
export interface FlagUse {
  readonly spec: FlagSpec;
  readonly values: readonly Value[];
  readonly offset: number;
}

/** A parsed az command line. `flags` is keyed by the canonical flag name; a repeated flag keeps its last use. */
export interface AzCall {
  readonly name: AzCommandName;
  readonly flags: ReadonlyMap<string, FlagUse>;
  readonly offset: number;
}

/** What the evaluator hands to its caller: problems at offsets, and az calls in script order. */
export interface EvalSink {
  problem(kind: 'unsupported-flag' | 'unsupported-command' | 'syntax', message: string, offset: number, hint?: string): void;
}

/** The shell state of one script: variables set so far, and the subnets created per VNet (for `subnet list`). */
export class ShellState {
  readonly vars = new Map<string, Value>();
  readonly subnetsByVnet = new Map<string, string[]>();
}

const MAX_SUBST_DEPTH = 4;

/** Expands a word with the current variables; `$(...)` is evaluated through `subst`. */
export function expandParts(parts: readonly WordPart[], state: ShellState, subst: (source: string, offset: number) => Value): Value {
  let text = '';
  let why: string | undefined;
  for (const p of parts) {
    switch (p.kind) {
      case 'lit':
        text += p.text;
        break;
      case 'var': {
        let v = state.vars.get(p.name);
        if ((v === undefined || (v.known && v.text === '')) && p.fallback) v = expandParts(p.fallback, state, subst);
        if (v === undefined) v = { known: false, text: `$${p.name}`, why: `$${p.name} is not set in the script` };
        text += v.text;
        if (!v.known) why = why ?? v.why;
        break;
      }
      case 'cmd': {
        const v = subst(p.source, p.offset);
        text += v.text;
        if (!v.known) why = why ?? v.why;
        break;
      }
      default: {
        const never: never = p;
        void never;
      }
    }
  }
  return why === undefined ? { known: true, text } : { known: false, text, why };
}

/** Leading words that only change how the rest is run. */
const PREFIX_WORDS = new Set(['export', 'declare', 'local', 'readonly', 'typeset', 'sudo', 'command', 'exec']);

/**
 * Evaluates every simple command of `text`: assignments update `state`, az command lines are parsed and passed to
 * `onAz`; other programs are skipped. `depth` limits nested substitutions.
 */
export function evaluateScript(text: string, state: ShellState, sink: EvalSink, onAz: (call: AzCall) => void): void {
  const { commands, problems } = tokenize(text);
  for (const p of problems) sink.problem('syntax', p.message, p.offset, 'close the quote or parenthesis');
  const subst = makeSubst(state, 0);
  for (const c of commands) runCommand(c, state, sink, subst, onAz);
}

function runCommand(c: SimpleCommand, state: ShellState, sink: EvalSink, subst: (s: string, o: number) => Value, onAz: (call: AzCall) => void): void {
  let words = [...c.words];
  while (words.length > 0 && PREFIX_WORDS.has(plain(words[0]!) ?? '') && words.length > 0) words = words.slice(1);
  // `export A=1 B=2`, `A=1 cmd ...`: assignments first.
  while (words.length > 0) {
    const a = asAssignment(words[0]!);
    if (!a) break;
    state.vars.set(a.name, expandParts(a.value, state, subst));
    words = words.slice(1);
  }
  if (words.length === 0 || plain(words[0]!) !== 'az') return;
  const call = parseAz(words.slice(1), words[0]!.offset, state, sink, subst, true);
  if (call) onAz(call);
}

function plain(w: Word): string | undefined {
  return w.parts.length === 1 && w.parts[0]!.kind === 'lit' ? w.parts[0]!.text : undefined;
}

/** Parses the words after `az`. Unknown flags and commands are reported when `report` is true. */
function parseAz(words: readonly Word[], offset: number, state: ShellState, sink: EvalSink, subst: (s: string, o: number) => Value,
  report: boolean): AzCall | undefined {
  const values = words.map((w) => ({ w, v: expandParts(w.parts, state, subst) }));
  const groups: string[] = [];
  let i = 0;
  while (i < values.length && !values[i]!.v.text.startsWith('-')) groups.push(values[i++]!.v.text);
  const m = matchCommand(groups);
  if (!m || m.length !== groups.length) {
    if (report && !isKnownIgnored(groups)) {
      sink.problem('unsupported-command', `az ${groups.join(' ')} is not evaluated by aksnet; skipped`, offset,
        'aksnet reads az network vnet/subnet/route-table/nsg/nic/asg/public-ip create, az vm create, az aks create and az aks nodepool add; give the result as az JSON instead');
    }
    return undefined;
  }
  const flags = new Map<string, FlagUse>();
  while (i < values.length) {
    const { w, v } = values[i]!;
    i++;
    if (!v.text.startsWith('-') || v.text === '-') continue; // a stray value (e.g. of an unknown flag) was already skipped
    const eq = v.text.indexOf('=');
    const flagText = eq > 0 && v.text.startsWith('--') ? v.text.slice(0, eq) : v.text;
    const spec = findFlag(m.name, flagText);
    const taken: Value[] = [];
    if (eq > 0 && v.text.startsWith('--')) taken.push(v.known ? { known: true, text: v.text.slice(eq + 1) } : { ...v, text: v.text.slice(eq + 1) });
    const takeValues = (many: boolean): void => {
      while (i < values.length && !isFlagLike(values[i]!.v.text)) {
        taken.push(values[i]!.v);
        i++;
        if (!many) break;
      }
    };
    if (!spec) {
      if (report) sink.problem('unsupported-flag', `unsupported az flag ${flagText}, ignored`, w.offset, `az ${m.name} flags aksnet reads are listed in its az command table`);
      if (taken.length === 0) takeValues(true);
      continue;
    }
    if (taken.length === 0) {
      switch (spec.type) {
        case 'value':
          takeValues(false);
          break;
        case 'list':
          takeValues(true);
          break;
        case 'switch':
          if (i < values.length && /^(true|false)$/i.test(values[i]!.v.text)) takeValues(false);
          break;
        default: {
          const never: never = spec.type;
          void never;
        }
      }
    }
    flags.set(spec.name, { spec, values: taken, offset: w.offset });
  }
  return { name: m.name, flags, offset };
}

function isFlagLike(t: string): boolean {
  return /^--?[A-Za-z]/.test(t);
}

/** `$(...)` evaluation: assignments inside are ignored; an az show command gives the id it would print. */
function makeSubst(state: ShellState, depth: number): (source: string, offset: number) => Value {
  return (source, offset) => {
    const unknown = (why: string): Value => ({ known: false, text: `$(${source.trim().slice(0, 40)})`, why });
    if (depth >= MAX_SUBST_DEPTH) return unknown('command substitutions are nested too deeply');
    const { commands } = tokenize(source, offset);
    const first = commands[0];
    const quiet: EvalSink = { problem: () => undefined };
    if (!first || plain(first.words[0]!) !== 'az') return unknown(`aksnet does not evaluate \`${source.trim().slice(0, 60)}\``);
    const call = parseAz(first.words.slice(1), first.offset, state, quiet, makeSubst(state, depth + 1), false);
    if (!call) return unknown(`aksnet does not evaluate \`${source.trim().slice(0, 60)}\``);
    return showResult(call, state) ?? unknown(`aksnet evaluates only \`--query id\` of az show commands, not \`${source.trim().slice(0, 60)}\``);
  };
}

/** The value an az show / list command prints with `--query id -o tsv` (a synthetic ARM id), if aksnet knows it. */
function showResult(call: AzCall, state: ShellState): Value | undefined {
  const str = (name: string): string | undefined => {
    const f = call.flags.get(name);
    const v = f?.values[0];
    return v && v.known ? v.text : undefined;
  };
  const query = (str('--query') ?? '').replace(/^["']|["']$/g, '').trim();
  const rg = str('--resource-group') ?? SYNTHETIC_RESOURCE_GROUP;
  const id = (v: string | undefined): Value | undefined => (v === undefined ? undefined : { known: true, text: v });
  if (call.name === 'network vnet subnet list') {
    const vnet = str('--vnet-name');
    if (vnet === undefined || !/^\[0\]\.id$/.test(query)) return undefined;
    const first = state.subnetsByVnet.get(armId(rg, 'Microsoft.Network/virtualNetworks', vnet))?.[0];
    return id(first === undefined ? undefined : armId(rg, 'Microsoft.Network/virtualNetworks', vnet, 'subnets', first));
  }
  if (query !== 'id') return undefined;
  const name = str('--name');
  switch (call.name) {
    case 'network vnet subnet show': {
      const vnet = str('--vnet-name');
      return name === undefined || vnet === undefined ? undefined : id(armId(rg, 'Microsoft.Network/virtualNetworks', vnet, 'subnets', name));
    }
    case 'network vnet show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/virtualNetworks', name));
    case 'network route-table show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/routeTables', name));
    case 'network nsg show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/networkSecurityGroups', name));
    case 'network nic show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/networkInterfaces', name));
    case 'network asg show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/applicationSecurityGroups', name));
    case 'network public-ip show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.Network/publicIPAddresses', name));
    case 'aks show':
      return name === undefined ? undefined : id(armId(rg, 'Microsoft.ContainerService/managedClusters', name));
    case 'aks nodepool show': {
      const cluster = str('--cluster-name');
      return name === undefined || cluster === undefined ? undefined
        : id(armId(rg, 'Microsoft.ContainerService/managedClusters', cluster, 'agentPools', name));
    }
    case 'group show': {
      const g = str('--name');
      return g === undefined ? undefined : id(`/subscriptions/${SYNTHETIC_SUBSCRIPTION}/resourceGroups/${g}`.toLowerCase());
    }
    default:
      return undefined;
  }
}
