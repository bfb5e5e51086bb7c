// az scripts: shell scripts of `az` command lines as the AKS documentation writes them. The script is tokenized
// (script/tokenize.ts), run symbolically with its variables (script/evaluate.ts; `VAR=$(az ... show ... --query id
// -o tsv)` yields the synthetic ARM id of what the show command names), each az line is checked against the command
// table (script/commands.ts: unknown flag → warning at its line:column), and the resources it creates are built as
// ARM shapes and converted with the CLI's defaults (script/build.ts, source 'az-script').
import type { SourceDocument } from '../../load/document.js';
import { LineIndex } from '../../load/line-index.js';
import type { Origin } from '../../model/origin.js';
import type { AdaptContext } from '../context.js';
import { ScriptModel } from './script/build.js';
import { SCRIPT_CODES } from './script/codes.js';
import { evaluateScript, ShellState } from './script/evaluate.js';

export { SCRIPT_CODES } from './script/codes.js';

/** Reads one az script into the model. Never throws on any text. */
export function adaptAzScript(doc: SourceDocument, ctx: AdaptContext): void {
  const lines = new LineIndex(doc.text);
  const originOf = (offset: number, kind?: string, name?: string): Origin => {
    const p = lines.position(offset);
    return { file: doc.file, line: p.line, column: p.column, kind, name };
  };
  const state = new ShellState();
  const model = new ScriptModel(ctx, state, originOf);
  evaluateScript(doc.text, state, {
    problem(kind, message, offset, hint) {
      switch (kind) {
        case 'syntax':
          ctx.diagnostics.error(SCRIPT_CODES.SYNTAX, message, originOf(offset), hint);
          return;
        case 'unsupported-flag':
          ctx.diagnostics.warning(SCRIPT_CODES.UNSUPPORTED_FLAG, message, originOf(offset), hint);
          return;
        case 'unsupported-command':
          ctx.diagnostics.warning(SCRIPT_CODES.UNSUPPORTED_COMMAND, message, originOf(offset), hint);
          return;
        default: {
          const never: never = kind;
          void never;
        }
      }
    },
  }, (call) => model.apply(call));
  model.finish();
}
