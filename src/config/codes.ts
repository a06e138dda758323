/**
 * Every diagnostic code the config layer emits, defined once. Tests, docs and the CLI refer to these;
 * the strings are stable (renaming one is a breaking change).
 */
export const CONFIG_CODES = {
  // Reading files
  fileNotFound: 'config.file-not-found',
  fileUnreadable: 'config.file-unreadable',
  noConfigFiles: 'config.no-config-files',
  // YAML
  yamlSyntax: 'config.yaml-syntax',
  yamlDuplicateKey: 'config.yaml-duplicate-key',
  emptyFile: 'config.empty-file',
  notAMapping: 'config.not-a-mapping',
  // Structure (JSON Schema pass)
  unknownField: 'config.unknown-field',
  missingField: 'config.missing-field',
  wrongType: 'config.wrong-type',
  unsupportedVersion: 'config.unsupported-version',
  badKeyName: 'config.bad-key-name',
  badKeyId: 'config.bad-key-id',
  badAlias: 'config.bad-alias',
  badRegion: 'config.bad-region',
  badVersionId: 'config.bad-version-id',
  badLabel: 'config.bad-label',
  badDuration: 'config.bad-duration',
  maxVersionsOutOfRange: 'config.max-versions-out-of-range',
  tooManyVersions: 'config.too-many-versions',
  invalidValue: 'config.invalid-value',
  // Meaning (semantic rules)
  keyEmpty: 'config.key-empty',
  maxAgeTooShort: 'config.max-age-too-short',
  versionsOverMaxVersions: 'config.versions-over-max-versions',
  duplicateVersionId: 'config.duplicate-version-id',
  duplicateLabel: 'config.duplicate-label',
  duplicateKey: 'config.duplicate-key',
  duplicateKeyId: 'config.duplicate-key-id',
  regionMissing: 'config.region-missing',
  noKeys: 'config.no-keys',
} as const;

export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];
