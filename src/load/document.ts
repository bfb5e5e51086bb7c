// A parsed document: the value, and a way back from any path inside it to a line and column of the source file.
import type { Origin, Position } from '../model/origin.js';
import { toPointer } from '../model/origin.js';

/** A path into a document value: object keys and array indices. */
export type DocPath = readonly (string | number)[];

/** How the file was parsed. */
export type DocFormat = 'json' | 'yaml' | 'shell';

/**
 * One document of an input file (a YAML file may hold many). `value` is the parsed JSON/YAML value (undefined
 * for shell scripts, whose text is in `text`). `position(path)` gives the position of the value at `path`, or of
 * its nearest existing ancestor.
 */
export interface SourceDocument {
  readonly file: string;
  readonly format: DocFormat;
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly value: unknown;
  /** The whole file's text. */
  readonly text: string;
  position(path: DocPath): Position;
}

/** The origin of the value at `path` in `doc`, with its JSON pointer and the object's kind and name. */
export function originAt(doc: SourceDocument, path: DocPath, kind?: string, name?: string): Origin {
  const p = doc.position(path);
  const prefix = doc.format === 'yaml' && doc.index > 0 ? `/${doc.index}` : '';
  return { file: doc.file, line: p.line, column: p.column, pointer: prefix + toPointer(path), kind, name };
}

/** True for a JSON object (a non-null, non-array object): the one test every reader of documents uses. */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads `value` at `path` (undefined when any step is missing). */
export function getAt(value: unknown, path: DocPath): unknown {
  let cur: unknown = value;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}
