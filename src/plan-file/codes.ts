/** The codes of every way a saved plan file can be wrong, defined once; the CLI's code table includes them. */
export const PLAN_FILE_CODES = {
  planFileUnreadable: 'plan-file.unreadable',
  planFileNotAFile: 'plan-file.not-a-file',
  planFileNotJson: 'plan-file.not-json',
  planFileForeign: 'plan-file.foreign',
  planFileVersion: 'plan-file.version',
  planFileInvalid: 'plan-file.invalid',
  planFileChecksum: 'plan-file.checksum',
  planFileStale: 'plan-file.stale',
  planFileEndpointMismatch: 'plan-file.endpoint-mismatch',
  planFileUnwritable: 'plan-file.unwritable',
} as const;
