/**
 * Every diagnostic code the config layer emits, defined once. Tests, docs and the CLI refer to these;
 * the strings are stable (renaming one is a breaking change).
 */
export const CONFIG_CODES = {
  // Reading files
  fileNotFound: 'config.file-not-found',
  fileUnreadable: 'config.file-unreadable',
  noConfigFiles: 'config.no-config-files',
  fileTooLarge: 'config.file-too-large',
  configTooLarge: 'config.config-too-large',
  ambiguousDefaultFile: 'config.ambiguous-default-file',
  stdinUnavailable: 'config.stdin-unavailable',
  // YAML
  yamlSyntax: 'config.yaml-syntax',
  yamlDuplicateKey: 'config.yaml-duplicate-key',
  yamlTag: 'config.yaml-tag',
  emptyFile: 'config.empty-file',
  notAMapping: 'config.not-a-mapping',
  // Structure (JSON Schema pass)
  unknownField: 'config.unknown-field',
  missingField: 'config.missing-field',
  wrongType: 'config.wrong-type',
  unsupportedVersion: 'config.unsupported-version',
  badKeyName: 'config.bad-key-name',
  badAccountName: 'config.bad-account-name',
  badKeyId: 'config.bad-key-id',
  badAlias: 'config.bad-alias',
  badRegion: 'config.bad-region',
  badVersionId: 'config.bad-version-id',
  badLabel: 'config.bad-label',
  badDuration: 'config.bad-duration',
  badRoleArn: 'config.bad-role-arn',
  badExternalId: 'config.bad-external-id',
  badSessionName: 'config.bad-session-name',
  badProfile: 'config.bad-profile',
  durationSecondsOutOfRange: 'config.duration-seconds-out-of-range',
  maxVersionsOutOfRange: 'config.max-versions-out-of-range',
  tooManyVersions: 'config.too-many-versions',
  invalidValue: 'config.invalid-value',
  // Meaning (semantic rules)
  keyEmpty: 'config.key-empty',
  maxAgeTooShort: 'config.max-age-too-short',
  warnBeforeTooLong: 'config.warn-before-too-long',
  versionsOverMaxVersions: 'config.versions-over-max-versions',
  duplicateVersionId: 'config.duplicate-version-id',
  duplicateLabel: 'config.duplicate-label',
  duplicateKey: 'config.duplicate-key',
  duplicateKeyId: 'config.duplicate-key-id',
  regionMissing: 'config.region-missing',
  unknownRegion: 'config.unknown-region',
  arnRegionMismatch: 'config.arn-region-mismatch',
  misindented: 'config.misindented',
  accountWay: 'config.account-way',
  roleOptionWithoutRole: 'config.role-option-without-role',
  unknownAccount: 'config.unknown-account',
  accountConflict: 'config.account-conflict',
  noKeys: 'config.no-keys',
  // Output
  moreDiagnostics: 'config.more-diagnostics',
} as const;

export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];
