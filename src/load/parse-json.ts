// JSON (and JSON with comments, as az and ARM tooling allow) with a position for every value.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../model/diagnostic.js';
import type { DocPath, SourceDocument } from './document.js';
import { LineIndex } from './line-index.js';
import { LOAD_CODES } from './codes.js';

/** Parses one JSON file into a document; syntax errors become diagnostics with line and column. */
export function parseJsonFile(file: string, text: string): { doc?: SourceDocument; diagnostics: Diagnostic[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const p = lines.position(e.offset);
    return {
      code: LOAD_CODES.INVALID_JSON,
      severity: 'error',
      message: `invalid JSON: ${describe(printParseErrorCode(e.error))}`,
      origin: { file, line: p.line, column: p.column },
      hint: 'fix the syntax at this position (compare with the output of the az/terraform command that produced it)',
    };
  });
  if (!root || errors.length > 0) return { diagnostics };
  const value = nodeValue(root);
  const doc: SourceDocument = {
    file,
    format: 'json',
    index: 0,
    value,
    text,
    position(path: DocPath) {
      for (let n = path.length; n >= 0; n--) {
        const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
        if (node) {
          // Point at the property key for object members, which is where a reader looks.
          const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
          return lines.position(at);
        }
      }
      return lines.position(root.offset);
    },
  };
  return { doc, diagnostics };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The plain value of a parse-tree node (jsonc-parser's getNodeValue, without prototype surprises). */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(nodeValue);
    case 'object': {
      const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) obj[String(k.value)] = nodeValue(v);
      }
      return obj;
    }
    default:
      return node.value;
  }
}
