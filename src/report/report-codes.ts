/** The codes `kmsctl report` reports of its own, defined once; tests and tooling match on them. */
export const REPORT_CODES = {
  /** The HTML page or its JSON figures could not be written. */
  unwritable: 'report.unwritable',
} as const;
