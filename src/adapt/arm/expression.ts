// ARM template expressions: tokenizer and recursive-descent parser. A JSON string is an expression when it starts
// with `[` and ends with `]`; `[[` at the start escapes a literal `[`. Grammar:
//   expr    := primary ( '.' IDENT | '[' expr ']' )*
//   primary := STRING | NUMBER | IDENT '(' [ expr (',' expr)* ] ')'
// Strings are single-quoted with '' as the escaped quote. Never throws: syntax errors are returned as data.

/** A parsed expression. `offset` is the position in the expression text (0 = just after the opening `[`). */
export type Expr =
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'number'; readonly value: number; readonly offset: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly offset: number }
  | { readonly kind: 'member'; readonly object: Expr; readonly name: string; readonly offset: number }
  | { readonly kind: 'index'; readonly object: Expr; readonly index: Expr; readonly offset: number };

/** What a template string is: a literal (possibly after unescaping `[[`) or an expression to evaluate. */
export type TemplateString =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'expression'; readonly expr: Expr }
  | { readonly kind: 'error'; readonly message: string; readonly offset: number };

type Token =
  | { readonly t: 'punct'; readonly v: '(' | ')' | ',' | '.' | '[' | ']'; readonly offset: number }
  | { readonly t: 'string'; readonly v: string; readonly offset: number }
  | { readonly t: 'number'; readonly v: number; readonly offset: number }
  | { readonly t: 'ident'; readonly v: string; readonly offset: number }
  | { readonly t: 'eof'; readonly offset: number };

class SyntaxError_ {
  constructor(readonly message: string, readonly offset: number) {}
}

/** Deepest nesting accepted; deeper input is reported instead of exhausting the stack. */
const MAX_DEPTH = 64;

/** Splits expression text into tokens; a syntax error is returned instead of tokens. */
export function tokenize(text: string): Token[] | SyntaxError_ {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === '.' || c === '[' || c === ']') {
      out.push({ t: 'punct', v: c, offset: i });
      i++;
    } else if (c === "'") {
      const start = i;
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) return new SyntaxError_('unterminated string literal', start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += text[i];
        i++;
      }
      out.push({ t: 'string', v: s, offset: start });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      out.push({ t: 'number', v: Number(m[0]), offset: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ t: 'ident', v: m[0], offset: i });
      i += m[0].length;
    } else {
      return new SyntaxError_(`unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  out.push({ t: 'eof', offset: text.length });
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.t !== 'eof') this.pos++;
    return t;
  }
  private expectPunct(v: string): Token {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw new SyntaxError_(`expected "${v}" but found ${describe(t)}`, t.offset);
    return t;
  }

  parseAll(): Expr {
    const e = this.expr(0);
    const t = this.peek();
    if (t.t !== 'eof') throw new SyntaxError_(`unexpected ${describe(t)} after the expression`, t.offset);
    return e;
  }

  private expr(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new SyntaxError_('expression nested too deeply', this.peek().offset);
    let e = this.primary(depth);
    for (;;) {
      const t = this.peek();
      if (t.t === 'punct' && t.v === '.') {
        this.next();
        const id = this.next();
        if (id.t !== 'ident') throw new SyntaxError_(`expected a property name after "." but found ${describe(id)}`, id.offset);
        e = { kind: 'member', object: e, name: id.v, offset: id.offset };
      } else if (t.t === 'punct' && t.v === '[') {
        this.next();
        const index = this.expr(depth + 1);
        this.expectPunct(']');
        e = { kind: 'index', object: e, index, offset: t.offset };
      } else {
        return e;
      }
    }
  }

  private primary(depth: number): Expr {
    const t = this.next();
    switch (t.t) {
      case 'string':
        return { kind: 'string', value: t.v, offset: t.offset };
      case 'number':
        return { kind: 'number', value: t.v, offset: t.offset };
      case 'ident': {
        this.expectPunct('(');
        const args: Expr[] = [];
        const close = this.peek();
        if (close.t === 'punct' && close.v === ')') {
          this.next();
          return { kind: 'call', name: t.v, args, offset: t.offset };
        }
        for (;;) {
          args.push(this.expr(depth + 1));
          const sep = this.next();
          if (sep.t === 'punct' && sep.v === ')') break;
          if (sep.t !== 'punct' || sep.v !== ',') throw new SyntaxError_(`expected "," or ")" but found ${describe(sep)}`, sep.offset);
        }
        return { kind: 'call', name: t.v, args, offset: t.offset };
      }
      case 'punct':
      case 'eof':
        throw new SyntaxError_(`expected a function call, string or number but found ${describe(t)}`, t.offset);
      default: {
        const never: never = t;
        return never;
      }
    }
  }
}

function describe(t: Token): string {
  switch (t.t) {
    case 'eof':
      return 'the end of the expression';
    case 'punct':
      return `"${t.v}"`;
    case 'string':
      return `string '${t.v}'`;
    case 'number':
      return `number ${t.v}`;
    case 'ident':
      return `"${t.v}"`;
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** Parses expression text (without the surrounding brackets). */
export function parseExpression(text: string): { ok: true; expr: Expr } | { ok: false; message: string; offset: number } {
  const tokens = tokenize(text);
  if (tokens instanceof SyntaxError_) return { ok: false, message: tokens.message, offset: tokens.offset };
  try {
    return { ok: true, expr: new Parser(tokens).parseAll() };
  } catch (e) {
    if (e instanceof SyntaxError_) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** Classifies a JSON string of a template: literal, `[[` escaped literal, or expression. */
export function classifyTemplateString(s: string): TemplateString {
  if (s.startsWith('[[')) return { kind: 'literal', value: s.slice(1) };
  if (s.length >= 2 && s.startsWith('[') && s.endsWith(']')) {
    const r = parseExpression(s.slice(1, -1));
    return r.ok ? { kind: 'expression', expr: r.expr } : { kind: 'error', message: r.message, offset: r.offset };
  }
  return { kind: 'literal', value: s };
}
