// The Calico selector tokenizer (shared/reference/policy-semantics.md §5.1). Context-sensitive like Calico's own:
// right after a label only an operator may follow, so keywords are not reserved and `contains == "x"` is a label
// compared to a string. Only space and TAB are whitespace; strings have no escapes.

/** Characters a label key is made of. */
const ID_CHAR = /[A-Za-z0-9_./-]/;

/** The longest label key Calico accepts. */
export const MAX_LABEL_LENGTH = 512;

/** Token kinds. `has` carries its label in `value`; `string` its text without quotes; `label` its key. */
export type TokenKind =
  | 'label' | 'string' | 'has' | 'all' | 'global'
  | 'eq' | 'ne' | 'contains' | 'startswith' | 'endswith' | 'in' | 'notin'
  | 'not' | 'and' | 'or' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma' | 'eof';

/** One token; `offset` is its 0-based position in the selector text. */
export interface Token {
  readonly kind: TokenKind;
  readonly offset: number;
  readonly value?: string;
}

/** A syntax error at 0-based `offset` of the selector text. */
export interface SelectorError {
  readonly offset: number;
  readonly message: string;
}

/** True when `t` is a SelectorError rather than a token list. */
export function isSelectorError(t: unknown): t is SelectorError {
  return typeof t === 'object' && t !== null && 'message' in t && 'offset' in t;
}

function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isId(c: string | undefined): boolean {
  return c !== undefined && ID_CHAR.test(c);
}

/** Reads a label at `i`; returns its end, or an error for an over-long key. */
function labelEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isId(s[j])) j++;
  return j;
}

/**
 * Matches a word operator (`contains`, `starts with`, `ends with`, `in`, `not in`) at `i`: words separated by any
 * run of spaces/tabs (including none), followed by a non-identifier character or the end.
 */
function wordOperator(s: string, i: number): { kind: TokenKind; end: number } | undefined {
  const ops: [TokenKind, string[]][] = [
    ['contains', ['contains']], ['startswith', ['starts', 'with']], ['endswith', ['ends', 'with']],
    ['notin', ['not', 'in']], ['in', ['in']],
  ];
  for (const [kind, words] of ops) {
    let j = i;
    let ok = true;
    words.forEach((w, k) => {
      if (!ok) return;
      if (k > 0) while (isWs(s[j])) j++;
      if (s.startsWith(w, j)) j += w.length;
      else ok = false;
    });
    if (ok && !isId(s[j])) return { kind, end: j };
  }
  return undefined;
}

/** Splits a selector into tokens (ending with `eof`), or returns the first lexical error. */
export function tokenize(s: string): Token[] | SelectorError {
  const out: Token[] = [];
  let i = 0;
  let afterLabel = false;
  for (;;) {
    while (isWs(s[i])) i++;
    if (i >= s.length) {
      out.push({ kind: 'eof', offset: i });
      return out;
    }
    const c = s[i];
    if (afterLabel) {
      afterLabel = false;
      if (s.startsWith('==', i)) {
        out.push({ kind: 'eq', offset: i });
        i += 2;
        continue;
      }
      if (s.startsWith('!=', i)) {
        out.push({ kind: 'ne', offset: i });
        i += 2;
        continue;
      }
      const w = wordOperator(s, i);
      if (w) {
        out.push({ kind: w.kind, offset: i });
        i = w.end;
        continue;
      }
      return { offset: i, message: 'expected an operator (==, !=, in, not in, contains, starts with, ends with) after the label' };
    }
    switch (c) {
      case '(': out.push({ kind: 'lparen', offset: i }); i++; continue;
      case ')': out.push({ kind: 'rparen', offset: i }); i++; continue;
      case '{': out.push({ kind: 'lbrace', offset: i }); i++; continue;
      case '}': out.push({ kind: 'rbrace', offset: i }); i++; continue;
      case ',': out.push({ kind: 'comma', offset: i }); i++; continue;
      default: break;
    }
    if (s.startsWith('&&', i)) { out.push({ kind: 'and', offset: i }); i += 2; continue; }
    if (s.startsWith('||', i)) { out.push({ kind: 'or', offset: i }); i += 2; continue; }
    if (s.startsWith('==', i)) { out.push({ kind: 'eq', offset: i }); i += 2; continue; }
    if (s.startsWith('!=', i)) { out.push({ kind: 'ne', offset: i }); i += 2; continue; }
    if (c === '!') { out.push({ kind: 'not', offset: i }); i++; continue; }
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return { offset: i, message: `unterminated string (no closing ${c})` };
      out.push({ kind: 'string', offset: i, value: s.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    if (c === '=' || c === '&' || c === '|') return { offset: i, message: `unexpected '${c}' (did you mean '${c}${c}'?)` };
    if (s.startsWith('has(', i)) {
      let j = i + 4;
      while (isWs(s[j])) j++;
      const end = labelEnd(s, j);
      if (end === j) return { offset: j, message: 'has( needs a label' };
      if (end - j > MAX_LABEL_LENGTH) return { offset: j, message: `label longer than ${MAX_LABEL_LENGTH} characters` };
      const key = s.slice(j, end);
      j = end;
      while (isWs(s[j])) j++;
      if (s[j] !== ')') return { offset: j, message: 'expected ) to close has(' };
      out.push({ kind: 'has', offset: i, value: key });
      i = j + 1;
      continue;
    }
    const fn = s.startsWith('all(', i) ? 'all' : s.startsWith('global(', i) ? 'global' : undefined;
    if (fn !== undefined) {
      let j = i + fn.length + 1;
      while (isWs(s[j])) j++;
      if (s[j] !== ')') return { offset: j, message: `expected ) after ${fn}(` };
      out.push({ kind: fn, offset: i });
      i = j + 1;
      continue;
    }
    if (isId(c)) {
      const end = labelEnd(s, i);
      if (end - i > MAX_LABEL_LENGTH) return { offset: i, message: `label longer than ${MAX_LABEL_LENGTH} characters` };
      out.push({ kind: 'label', offset: i, value: s.slice(i, end) });
      i = end;
      afterLabel = true;
      continue;
    }
    return { offset: i, message: `unexpected character ${JSON.stringify(c)}` };
  }
}
