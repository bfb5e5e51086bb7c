// Diagnostic codes of the az script adapter (AKS121x). Field values are validated by the shared converter, which
// reports with the Azure codes of adapt/aks/codes.ts at the flag that set the value.

/** Stable codes reported only by the az script adapter. */
export const SCRIPT_CODES = {
  /** A flag the az command table does not know: "unsupported az flag --x, ignored". Warning, at the flag. */
  UNSUPPORTED_FLAG: 'AKS1210',
  /** An az command aksnet does not evaluate (and does not know to be irrelevant). Warning; the command is skipped. */
  UNSUPPORTED_COMMAND: 'AKS1211',
  /** A flag's value comes from a variable or command aksnet cannot evaluate. Warning; the flag is ignored. */
  UNKNOWN_VALUE: 'AKS1212',
  /** Unterminated quote or substitution. Error; the rest of the line is read as far as possible. */
  SYNTAX: 'AKS1213',
  /** A required flag is missing (--name, --resource-group, ...). Error; the command is skipped. */
  MISSING_FLAG: 'AKS1214',
  /** A value az itself fills in when the flag is omitted (vnet prefixes, NSG rule fields). Info. */
  AZ_DEFAULT: 'AKS1215',
  /** The command would be rejected by az (flag combinations the CLI refuses). Error; read as written. */
  AZ_WOULD_FAIL: 'AKS1216',
  /** A command names a resource the script has not created (rule for an NSG not created here, ...). Info. */
  NOT_CREATED_HERE: 'AKS1217',
} as const;
