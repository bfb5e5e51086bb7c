// Where a model object came from, so every answer can point back at the user's own file.

/** A 1-based line and column in a source file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The place in the user's artefacts that produced an object: file, line and column of the object's start, the JSON
 * pointer of the object inside its document (empty string = the whole document), and the resource kind and name as
 * the artefact spells them. Synthesised objects (defaults, derived namespaces) carry the origin of what implied them.
 */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer?: string;
  readonly kind?: string;
  readonly name?: string;
}

/** Origin of objects that aksnet creates itself with no source at all (only built-in defaults). */
export const BUILTIN_ORIGIN: Origin = { file: '<built-in>', line: 0, column: 0 };

/** Formats an origin as `file:line:column` (or just `file` when the position is unknown). */
export function formatOrigin(o: Origin): string {
  return o.line > 0 ? `${o.file}:${o.line}:${o.column}` : o.file;
}

/** Encodes a path as an RFC 6901 JSON pointer ("" for the root). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
