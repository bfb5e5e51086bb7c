// The Calico selector language: tokenizer, parser, canonical printer, evaluator and rewriting helpers.
export { MAX_LABEL_LENGTH, type SelectorError } from './tokenize.js';
export { parseCalicoSelector, type ParseResult } from './parse.js';
export {
  evaluateSelector, prefixKeys, printSelector, quote, replaceFunctions, selectorKeysOf, toModelSelector, usesGlobal,
  type CalicoAst, type CompareOp,
} from './ast.js';
