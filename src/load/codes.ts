// Diagnostic codes of loading (AKS1000–1009): paths that cannot be read and files that do not parse. Codes are
// stable: never renumber, only add.

/** Every code the loader (and the CLI's input step) reports, with its meaning. */
export const LOAD_CODES = {
  /** A path does not exist, or a file or directory cannot be read (permissions, ...). Error; the path is skipped. */
  UNREADABLE: 'AKS1000',
  /** A JSON file has a syntax error (at its line and column). Error; the file is not read. */
  INVALID_JSON: 'AKS1001',
  /** A YAML document has a syntax error (at its line and column). Error; the other documents of the file are read. */
  INVALID_YAML: 'AKS1002',
  /** The paths given hold no input file at all (an empty directory, only other file types). Error. */
  NO_INPUT_FILES: 'AKS1003',
} as const;

/** One of the loader's codes. */
export type LoadCode = (typeof LOAD_CODES)[keyof typeof LOAD_CODES];
