// A small shell-line tokenizer for az scripts as the AKS documentation writes them: words with quotes, `\` line
// continuations, comments, `$VAR` / `${VAR}` / `${VAR:-default}` expansion, `$(...)` and backtick command
// substitution (kept as source text for the evaluator), `VAR=value` assignments, `export`, and the separators
// newline, `;`, `&&`, `||`, `|` and `&`. Redirections (`> file`, `2>&1`) are dropped. No globbing, no word splitting,
// no control flow: keywords such as `if`/`then`/`fi` are skipped so the commands inside are still seen.
// Never throws: unterminated quotes or substitutions end at the end of the text and are reported as problems.

/** One piece of a word: literal text, a variable expansion, or a command substitution (its inner source). */
export type WordPart =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string; readonly fallback?: readonly WordPart[] }
  | { readonly kind: 'cmd'; readonly source: string; readonly offset: number };

/** A shell word: its parts and the offset (0-based, into the script text) of its first character. */
export interface Word {
  readonly parts: readonly WordPart[];
  readonly offset: number;
  /** The word as written (for messages). */
  readonly raw: string;
}

/** A simple command: its words (assignments included, in order) and the offset of its first word. */
export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly offset: number;
}

/** A lexical problem (unterminated quote or substitution), at an offset. */
export interface TokenProblem {
  readonly message: string;
  readonly offset: number;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '\n']);
const SHELL_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{', '(']);
const SHELL_CLOSERS = new Set(['fi', 'done', 'esac', '}', ')']);

/** Splits a script (or the inner text of a `$(...)`) into simple commands. `base` is added to every offset. */
export function tokenize(text: string, base = 0): { commands: SimpleCommand[]; problems: TokenProblem[] } {
  const lx = new Lexer(text, base);
  lx.run();
  return { commands: lx.commands, problems: lx.problems };
}

/** True when a word is a `NAME=value` assignment: returns the name and the parts of the value. */
export function asAssignment(w: Word): { name: string; value: WordPart[] } | undefined {
  const first = w.parts[0];
  if (!first || first.kind !== 'lit') return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  return { name: m[1]!, value: [...(rest ? [{ kind: 'lit', text: rest } as const] : []), ...w.parts.slice(1)] };
}

class Lexer {
  readonly commands: SimpleCommand[] = [];
  readonly problems: TokenProblem[] = [];
  private i = 0;
  private words: Word[] = [];

  constructor(private readonly s: string, private readonly base: number) {}

  run(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') { this.i++; continue; }
      if (c === '\\' && s[this.i + 1] === '\n') { this.i += 2; continue; }
      if (c === '\\' && s[this.i + 1] === '\r' && s[this.i + 2] === '\n') { this.i += 3; continue; }
      if (c === '#') { while (this.i < s.length && s[this.i] !== '\n') this.i++; continue; }
      if (OPERATOR_CHARS.has(c)) { this.i++; this.endCommand(); continue; }
      if (c === '>' || c === '<' || (/[0-9]/.test(c) && (s[this.i + 1] === '>' || s[this.i + 1] === '<'))) { this.redirection(); continue; }
      if (c === ')' && this.words.length === 0) { this.i++; continue; }
      this.words.push(this.word());
    }
    this.endCommand();
  }

  private endCommand(): void {
    let words = this.words;
    this.words = [];
    while (words.length > 0 && isPlain(words[0]!, SHELL_KEYWORDS)) words = words.slice(1);
    while (words.length > 0 && isPlain(words[words.length - 1]!, SHELL_CLOSERS)) words = words.slice(0, -1);
    if (words.length > 0) this.commands.push({ words, offset: words[0]!.offset });
  }

  /** `>`, `>>`, `<`, `2>&1`, `&>` ... and their target word: dropped. */
  private redirection(): void {
    const s = this.s;
    while (this.i < s.length && /[0-9]/.test(s[this.i]!)) this.i++;
    while (this.i < s.length && (s[this.i] === '>' || s[this.i] === '<' || s[this.i] === '&')) this.i++;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
    if (this.i < s.length && !OPERATOR_CHARS.has(s[this.i]!) && s[this.i] !== '\n') this.word();
  }

  private word(): Word {
    const s = this.s;
    const start = this.i;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
    };
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '>' || c === '<') break;
      if (c === ')' ) break;
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === '\n') { this.i += 2; continue; }
        if (n !== undefined) lit += n;
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) {
          this.problems.push({ message: 'unterminated single quote', offset: this.base + this.i });
          lit += s.slice(this.i + 1);
          this.i = s.length;
        } else {
          lit += s.slice(this.i + 1, end);
          this.i = end + 1;
        }
        continue;
      }
      if (c === '"') {
        this.i++;
        let closed = false;
        while (this.i < s.length) {
          const d = s[this.i]!;
          if (d === '"') { this.i++; closed = true; break; }
          if (d === '\\' && this.i + 1 < s.length && '"\\$`\n'.includes(s[this.i + 1]!)) {
            if (s[this.i + 1] !== '\n') lit += s[this.i + 1];
            this.i += 2;
            continue;
          }
          if (d === '$' || d === '`') {
            const p = this.dollarOrBacktick();
            if (p) { flush(); parts.push(p); continue; }
          }
          lit += d;
          this.i++;
        }
        if (!closed) this.problems.push({ message: 'unterminated double quote', offset: this.base + start });
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.dollarOrBacktick();
        if (p) { flush(); parts.push(p); continue; }
      }
      lit += c;
      this.i++;
    }
    if (this.i === start) {
      // A lone ')' or other stop character: consume it so the lexer always advances.
      lit += s[this.i] ?? '';
      this.i++;
    }
    flush();
    return { parts, offset: this.base + start, raw: s.slice(start, this.i) };
  }

  /** At `$` or a backtick: a variable, `${...}`, `$(...)` or `` `...` ``; undefined for a literal `$`. */
  private dollarOrBacktick(): WordPart | undefined {
    const s = this.s;
    const c = s[this.i]!;
    if (c === '`') {
      const end = s.indexOf('`', this.i + 1);
      const stop = end < 0 ? s.length : end;
      if (end < 0) this.problems.push({ message: 'unterminated backtick substitution', offset: this.base + this.i });
      const part: WordPart = { kind: 'cmd', source: s.slice(this.i + 1, stop), offset: this.base + this.i + 1 };
      this.i = Math.min(s.length, stop + 1);
      return part;
    }
    const n = s[this.i + 1];
    if (n === '(') {
      if (s[this.i + 2] === '(') return undefined; // $(( arithmetic )): kept literal
      const close = matchParen(s, this.i + 1);
      if (close < 0) this.problems.push({ message: 'unterminated $( command substitution', offset: this.base + this.i });
      const stop = close < 0 ? s.length : close;
      const part: WordPart = { kind: 'cmd', source: s.slice(this.i + 2, stop), offset: this.base + this.i + 2 };
      this.i = Math.min(s.length, stop + 1);
      return part;
    }
    if (n === '{') {
      const close = s.indexOf('}', this.i + 2);
      if (close < 0) {
        this.problems.push({ message: 'unterminated ${ expansion', offset: this.base + this.i });
        return undefined;
      }
      const body = s.slice(this.i + 2, close);
      this.i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=](.*))?$/s.exec(body);
      if (!m) return { kind: 'lit', text: '${' + body + '}' };
      const fallback = m[2] !== undefined ? [{ kind: 'lit', text: m[2] } as const] : undefined;
      return { kind: 'var', name: m[1]!, fallback };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i + 1, this.i + 200));
    if (m) {
      this.i += 1 + m[0].length;
      return { kind: 'var', name: m[0] };
    }
    return undefined;
  }
}

/** The index of the `)` closing the `(` at `open`, skipping quotes and nested parentheses; -1 if none. */
function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { const e = s.indexOf("'", i + 1); if (e < 0) return -1; i = e; continue; }
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) return i; }
  }
  return -1;
}

function isPlain(w: Word, set: ReadonlySet<string>): boolean {
  return w.parts.length === 1 && w.parts[0]!.kind === 'lit' && set.has(w.parts[0]!.text) && w.raw === w.parts[0]!.text;
}
