// The Calico selector parser: recursive descent over the tokenizer's output (shared/reference/policy-semantics.md
// §5.2). Precedence, tightest first: match operators, parentheses, `!` (one operation), `&&`, `||`.
import type { CalicoAst, CompareOp } from './ast.js';
import { isSelectorError, tokenize, type SelectorError, type Token, type TokenKind } from './tokenize.js';

/** A parse result: the tree, or the first error with its 0-based offset in the text. */
export type ParseResult = { readonly ok: true; readonly ast: CalicoAst } | { readonly ok: false; readonly error: SelectorError };

class Fail {
  constructor(readonly error: SelectorError) {}
}

const COMPARE: Partial<Record<TokenKind, CompareOp>> = {
  eq: '==', ne: '!=', contains: 'contains', startswith: 'starts with', endswith: 'ends with',
};

class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Token[]) {}
  private peek(): Token {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1];
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  private fail(t: Token, message: string): never {
    throw new Fail({ offset: t.offset, message });
  }

  selector(): CalicoAst {
    if (this.peek().kind === 'eof') return { t: 'all' };
    const e = this.or();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, 'unexpected content at end of selector');
    return e;
  }

  private or(): CalicoAst {
    const args = [this.and()];
    while (this.peek().kind === 'or') {
      this.next();
      args.push(this.and());
    }
    return args.length === 1 ? args[0] : { t: 'or', args };
  }

  private and(): CalicoAst {
    const args = [this.operation()];
    while (this.peek().kind === 'and') {
      this.next();
      args.push(this.operation());
    }
    return args.length === 1 ? args[0] : { t: 'and', args };
  }

  private operation(): CalicoAst {
    let negations = 0;
    while (this.peek().kind === 'not') {
      this.next();
      negations++;
    }
    const p = this.primary();
    return negations % 2 === 1 ? { t: 'not', arg: p } : p;
  }

  private primary(): CalicoAst {
    const t = this.next();
    switch (t.kind) {
      case 'has':
        return { t: 'has', key: t.value ?? '' };
      case 'all':
        return { t: 'all' };
      case 'global':
        return { t: 'global' };
      case 'lparen': {
        if (this.peek().kind === 'rparen') this.fail(this.peek(), 'empty parentheses');
        const e = this.or();
        const close = this.next();
        if (close.kind !== 'rparen') this.fail(close, 'expected )');
        return e;
      }
      case 'label': {
        const key = t.value ?? '';
        const op = this.next();
        const cmp = COMPARE[op.kind];
        if (cmp !== undefined) {
          const v = this.next();
          if (v.kind !== 'string') this.fail(v, `expected a quoted string after ${cmp}`);
          return { t: 'cmp', op: cmp, key, value: v.value ?? '' };
        }
        if (op.kind === 'in' || op.kind === 'notin') {
          return { t: 'set', op: op.kind === 'in' ? 'in' : 'not in', key, values: this.set() };
        }
        return this.fail(op, 'expected an operator after the label');
      }
      case 'eof':
        return this.fail(t, 'unexpected end of selector');
      default:
        return this.fail(t, 'expected a label, has(), all(), global(), ! or (');
    }
  }

  private set(): string[] {
    const open = this.next();
    if (open.kind !== 'lbrace') this.fail(open, 'expected { after in / not in');
    const values = new Set<string>();
    if (this.peek().kind === 'rbrace') {
      this.next();
      return [];
    }
    for (;;) {
      const v = this.next();
      if (v.kind !== 'string') this.fail(v, 'expected a quoted string in the set');
      values.add(v.value ?? '');
      const sep = this.next();
      if (sep.kind === 'rbrace') break;
      if (sep.kind !== 'comma') this.fail(sep, 'expected }');
      if (this.peek().kind === 'rbrace') {
        this.next();
        break;
      }
    }
    return [...values].sort();
  }
}

/** Parses a Calico selector; never throws. Empty or whitespace-only text is `all()`. */
export function parseCalicoSelector(text: string): ParseResult {
  const toks = tokenize(text);
  if (isSelectorError(toks)) return { ok: false, error: toks };
  try {
    return { ok: true, ast: new Parser(toks).selector() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}
