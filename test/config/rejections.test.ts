/**
 * Every way a config is rejected: the code, the file and the line:column each diagnostic points at.
 * Each case lists all the diagnostics expected, so a mistake that cascades into others fails too.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { loadFiles, located, VALID } from './load-helpers.js';

interface Case {
  name: string;
  files: Record<string, string>;
  /** [code, file, line, column]; line and column undefined for position-less diagnostics. */
  expected: [string, string | undefined, number | undefined, number | undefined][];
  env?: Record<string, string | undefined>;
  regionFlag?: string;
}

/** VALID with one line replaced (`from` must occur exactly once). */
function edit(from: string, to: string): string {
  expect(VALID.split(from).length).toBe(2);
  return VALID.replace(from, to);
}

function versions(count: number): string {
  return Array.from({ length: count }, (_, i) => `      - label: v${i + 1}\n`).join('');
}

const KEY = (body: string) => `version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n${body}`;

const cases: Case[] = [
  // YAML
  { name: 'a YAML syntax error is reported where the parser stopped', files: { 'a.yaml': 'version: 1\nkeys:\n  a: [1\n' }, expected: [[C.yamlSyntax, 'a.yaml', 4, 1]] },
  {
    name: 'a repeated mapping key is reported at the repeat',
    files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n  a:\n    keyId: alias/b\n') },
    expected: [[C.yamlDuplicateKey, 'a.yaml', 8, 3]],
  },
  { name: 'an unresolved tag (a yaml warning) is an error', files: { 'a.yaml': 'version: !foo 1\nkeys: {}\n' }, expected: [[C.yamlSyntax, 'a.yaml', 1, 10]] },
  { name: 'several YAML documents in one file are rejected', files: { 'a.yaml': 'version: 1\nkeys: {}\n---\nversion: 1\n' }, expected: [[C.yamlSyntax, 'a.yaml', 3, 1]] },
  { name: 'an alias without an anchor is reported at the alias', files: { 'a.yaml': 'version: 1\nkeys: *nope\n' }, expected: [[C.yamlSyntax, 'a.yaml', 2, 7]] },
  { name: 'an alias inside the node it names is reported at the alias', files: { 'a.yaml': 'version: 1\nkeys: &k {a: *k}\n' }, expected: [[C.yamlSyntax, 'a.yaml', 2, 14]] },
  {
    name: 'an alias bomb is rejected instead of expanded',
    files: { 'a.yaml': `version: 1\nx: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nkeys: {}\n` },
    expected: [[C.yamlSyntax, 'a.yaml', 3, 8]],
  },
  { name: 'an empty file is rejected at its start', files: { 'a.yaml': '' }, expected: [[C.emptyFile, 'a.yaml', 1, 1]] },
  { name: 'a file of comments only counts as empty', files: { 'a.yaml': '# nothing yet\n\n' }, expected: [[C.emptyFile, 'a.yaml', 1, 1]] },
  { name: 'a file whose top level is a list is not a mapping', files: { 'a.yaml': '\n- version: 1\n' }, expected: [[C.notAMapping, 'a.yaml', 2, 1]] },
  { name: 'a file whose top level is a scalar is not a mapping', files: { 'a.yaml': 'hello\n' }, expected: [[C.notAMapping, 'a.yaml', 1, 1]] },

  // Structure
  { name: 'an unknown field points at the field name', files: { 'k.yaml': edit('      maxAge: 90d', '      maxage: 90d') }, expected: [[C.unknownField, 'k.yaml', 12, 7]] },
  { name: 'an unknown field at the top level points at it', files: { 'a.yaml': `${VALID}extra: true\n` }, expected: [[C.unknownField, 'a.yaml', 14, 1]] },
  { name: 'an unknown field in a version entry points at it', files: { 'a.yaml': edit('      - label: 2026-q4', '      - lable: 2026-q4') }, expected: [[C.unknownField, 'a.yaml', 10, 9]] },
  { name: 'a misspelt required field is one unknown field, not also a missing one', files: { 'a.yaml': VALID.replace('version: 1', 'verison: 1') }, expected: [[C.unknownField, 'a.yaml', 1, 1]] },
  { name: 'a missing version is reported at the top of the file', files: { 'a.yaml': VALID.replace('version: 1\n', '# c\n') }, expected: [[C.missingField, 'a.yaml', 2, 1]] },
  { name: 'a missing keyId is reported at the key name', files: { 'a.yaml': edit('    keyId: alias/payments-signing\n', '') }, expected: [[C.missingField, 'a.yaml', 5, 3]] },
  { name: 'a rotation without maxAge is reported at "rotation"', files: { 'a.yaml': edit('      maxAge: 90d', '      {}').replace('    rotation:\n      {}', '    rotation: {}') }, expected: [[C.missingField, 'a.yaml', 11, 5]] },
  { name: 'a wrong type points at the value', files: { 'a.yaml': edit('    maxVersions: 40', '    maxVersions: "40"') }, expected: [[C.wrongType, 'a.yaml', 13, 18]] },
  { name: 'a version entry that is not a mapping points at the entry', files: { 'a.yaml': edit('      - label: 2026-q4', '      - 2026-q4') }, expected: [[C.wrongType, 'a.yaml', 10, 9]] },
  { name: 'versions as a mapping is a wrong type', files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n    versions: {label: x}\n') }, expected: [[C.wrongType, 'a.yaml', 7, 15]] },
  { name: 'an empty keys field is a wrong type at the field', files: { 'a.yaml': 'version: 1\nkeys:\n' }, expected: [[C.wrongType, 'a.yaml', 2, 1]] },
  { name: 'a version other than 1 is unsupported', files: { 'a.yaml': VALID.replace('version: 1', 'version: 2') }, expected: [[C.unsupportedVersion, 'a.yaml', 1, 10]] },
  { name: 'a version written as a string is a wrong type', files: { 'a.yaml': VALID.replace('version: 1', 'version: "1"') }, expected: [[C.wrongType, 'a.yaml', 1, 10]] },
  { name: 'a logical name outside the pattern points at the name', files: { 'a.yaml': KEY('  -bad name:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n') }, expected: [[C.badKeyName, 'a.yaml', 5, 3]] },
  { name: 'a bad duration points at the value', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 90 days') }, expected: [[C.badDuration, 'a.yaml', 12, 15]] },
  { name: 'an uppercase duration unit is a bad duration', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 90D') }, expected: [[C.badDuration, 'a.yaml', 12, 15]] },
  { name: 'a fractional duration is a bad duration', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 1.5d') }, expected: [[C.badDuration, 'a.yaml', 12, 15]] },
  { name: 'a duration written as a number is a wrong type', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 90') }, expected: [[C.wrongType, 'a.yaml', 12, 15]] },
  { name: 'a duration over 100 years is a bad duration', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 99999999999d') }, expected: [[C.badDuration, 'a.yaml', 12, 15]] },
  { name: 'a maxAge under 7 days is too short', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 6d') }, expected: [[C.maxAgeTooShort, 'a.yaml', 12, 15]] },
  { name: 'a maxAge of one second under 7 days is too short', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 604799s') }, expected: [[C.maxAgeTooShort, 'a.yaml', 12, 15]] },
  { name: 'a maxAge of 0d is too short', files: { 'a.yaml': edit('      maxAge: 90d', '      maxAge: 0d') }, expected: [[C.maxAgeTooShort, 'a.yaml', 12, 15]] },
  { name: 'maxVersions over 50 is out of range', files: { 'a.yaml': edit('    maxVersions: 40', '    maxVersions: 51') }, expected: [[C.maxVersionsOutOfRange, 'a.yaml', 13, 18]] },
  { name: 'maxVersions under 1 is out of range', files: { 'a.yaml': edit('    maxVersions: 40', '    maxVersions: 0') }, expected: [[C.maxVersionsOutOfRange, 'a.yaml', 13, 18]] },
  { name: 'a fractional maxVersions is a wrong type', files: { 'a.yaml': edit('    maxVersions: 40', '    maxVersions: 4.5') }, expected: [[C.wrongType, 'a.yaml', 13, 18]] },
  {
    name: 'more than 50 declared versions points at the 51st',
    files: { 'a.yaml': KEY(`  a:\n    keyId: alias/a\n    versions:\n${versions(51)}`) },
    expected: [[C.tooManyVersions, 'a.yaml', 58, 9]],
  },
  {
    name: 'more declared versions than the key\'s maxVersions points at the first one over',
    files: { 'a.yaml': edit('    maxVersions: 40', '    maxVersions: 1') },
    expected: [[C.versionsOverMaxVersions, 'a.yaml', 10, 9]],
  },
  { name: 'a version ID too short to be one points at the ID', files: { 'a.yaml': edit('2ab1a983-7072-4bbc-a582-584b5bd8aaaa', 'v1') }, expected: [[C.badVersionId, 'a.yaml', 9, 13]] },
  { name: 'an empty label is a bad label', files: { 'a.yaml': edit('      - label: 2026-q4', '      - label: ""') }, expected: [[C.badLabel, 'a.yaml', 10, 16]] },
  { name: 'a region that is not a region ID points at the value', files: { 'a.yaml': edit('    region: cn-shanghai', '    region: Shanghai') }, expected: [[C.badRegion, 'a.yaml', 7, 13]] },
  { name: 'a bad default region points at the value', files: { 'a.yaml': VALID.replace('  region: cn-hangzhou', '  region: cn_hangzhou') }, expected: [[C.badRegion, 'a.yaml', 3, 11]] },

  // Key IDs and aliases
  { name: 'an alias under alias/acs is reserved', files: { 'a.yaml': edit('alias/payments-signing', 'alias/acs/oss') }, expected: [[C.badAlias, 'a.yaml', 6, 12]] },
  { name: 'an alias without a name is rejected', files: { 'a.yaml': edit('alias/payments-signing', 'alias/') }, expected: [[C.badAlias, 'a.yaml', 6, 12]] },
  { name: 'an alias with a space is rejected', files: { 'a.yaml': edit('alias/payments-signing', '"alias/payments signing"') }, expected: [[C.badAlias, 'a.yaml', 6, 12]] },
  { name: 'an alias longer than 255 characters is rejected', files: { 'a.yaml': edit('alias/payments-signing', `alias/${'a'.repeat(250)}`) }, expected: [[C.badAlias, 'a.yaml', 6, 12]] },
  { name: 'a key ID with a colon is rejected', files: { 'a.yaml': edit('alias/payments-signing', '"alias:payments"') }, expected: [[C.badKeyId, 'a.yaml', 6, 12]] },

  // Meaning
  { name: 'a key with neither versions nor rotation is empty', files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n') }, expected: [[C.keyEmpty, 'a.yaml', 5, 3]] },
  { name: 'a key with an empty versions list and no rotation is empty', files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n    versions: []\n') }, expected: [[C.keyEmpty, 'a.yaml', 5, 3]] },
  {
    name: 'a version ID pinned twice in a key points at the second',
    files: { 'a.yaml': edit('      - label: 2026-q4', '      - id: 2AB1A983-7072-4BBC-A582-584B5BD8AAAA') },
    expected: [[C.duplicateVersionId, 'a.yaml', 10, 13]],
  },
  {
    name: 'a label used twice in a key points at the second',
    files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n    versions:\n      - label: x\n      - label: x\n') },
    expected: [[C.duplicateLabel, 'a.yaml', 9, 16]],
  },
  {
    name: 'two logical names for one key ID and region are an error at both',
    files: { 'a.yaml': KEY('  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n  b:\n    keyId: alias/a\n    rotation: {maxAge: 30d}\n') },
    expected: [[C.duplicateKeyId, 'a.yaml', 6, 12], [C.duplicateKeyId, 'a.yaml', 9, 12]],
  },
  {
    name: 'two logical names for one key ID are caught across files once regions resolve',
    files: {
      'a.yaml': 'version: 1\nkeys:\n  a:\n    keyId: key-1\n    region: cn-beijing\n    rotation: {maxAge: 90d}\n',
      'b.yaml': 'version: 1\ndefaults: {region: cn-beijing}\nkeys:\n  b:\n    keyId: key-1\n    rotation: {maxAge: 90d}\n',
    },
    expected: [[C.duplicateKeyId, 'a.yaml', 4, 12], [C.duplicateKeyId, 'b.yaml', 5, 12]],
  },
  {
    name: 'one logical name in two files is reported in the second',
    files: { 'a.yaml': VALID, 'b.yaml': `version: 1\nkeys:\n  other:\n    keyId: key-2\n    region: cn-beijing\n    rotation: {maxAge: 9d}\n  payments-signing:\n    keyId: key-1\n    region: cn-beijing\n    rotation: {maxAge: 9d}\n` },
    expected: [[C.duplicateKey, 'b.yaml', 7, 3]],
  },
  { name: 'a key with no region anywhere is reported at its name', files: { 'a.yaml': 'version: 1\nkeys:\n  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n' }, expected: [[C.regionMissing, 'a.yaml', 3, 3]] },
  {
    name: 'a malformed region in the environment is reported when a key falls back to it',
    files: { 'a.yaml': 'version: 1\nkeys:\n  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n' },
    env: { ALIBABA_CLOUD_REGION_ID: 'Hangzhou' },
    expected: [[C.badRegion, undefined, undefined, undefined]],
  },
  { name: 'a malformed --region is reported', files: { 'a.yaml': VALID }, regionFlag: 'cn hangzhou', expected: [[C.badRegion, undefined, undefined, undefined]] },
];

describe('a config is rejected', () => {
  it.each(cases)('when $name', async ({ files, expected, env, regionFlag }) => {
    const result = await loadFiles(files, { env, regionFlag });
    expect(located(result).map((d) => [d.code, d.file, d.line, d.column])).toEqual(expected);
    expect(result.value).toBeUndefined();
  });
});

describe('files that cannot be read', () => {
  it('a missing file is reported by path, without a position', async () => {
    const result = await loadFiles({ 'a.yaml': VALID }, { files: ['a.yaml', 'nope.yaml'] });
    expect(located(result)).toEqual([{ severity: 'error', code: C.fileNotFound, file: 'nope.yaml', line: undefined, column: undefined }]);
    expect(result.diagnostics[0]!.summary).toContain('nope.yaml');
    expect(result.value).toBeUndefined();
  });

  it('a missing default kmsctl.yaml is reported as such', async () => {
    const result = await loadFiles({ 'other.yaml': VALID }, { files: [] });
    expect(located(result).map((d) => [d.code, d.file])).toEqual([[C.fileNotFound, 'kmsctl.yaml']]);
  });

  it('a missing directory is reported by path', async () => {
    const result = await loadFiles({ 'a.yaml': VALID }, { files: ['configs/'] });
    expect(located(result).map((d) => [d.code, d.file])).toEqual([[C.fileNotFound, 'configs/']]);
  });

  it('a directory without config files is reported', async () => {
    const result = await loadFiles({ 'configs/readme.txt': 'hi' }, { files: ['configs'] });
    expect(located(result).map((d) => [d.code, d.file])).toEqual([[C.noConfigFiles, 'configs']]);
  });

  it('a path that is neither a file nor a directory is unreadable', async () => {
    const result = await loadFiles({ 'a.yaml': VALID }, { files: ['/dev/null'] });
    expect(located(result).map((d) => [d.code, d.file])).toEqual([[C.fileUnreadable, '/dev/null']]);
  });
});

describe('a rejection as the user sees it', () => {
  it('an unknown field reads as documented: location, offending line, caret, suggestion', async () => {
    const result = await loadFiles({ 'kmsctl.yaml': edit('      maxAge: 90d', '      maxage: 90d') });
    expect(formatDiagnosticsText(result.diagnostics, result.sources, { color: false }).split('\n')).toEqual([
      'error[config.unknown-field]: unknown field "maxage" in rotation of key "payments-signing"',
      '  --> kmsctl.yaml:12:7',
      '   |',
      '12 |       maxage: 90d',
      '   |       ^^^^^^',
      '   = did you mean "maxAge"?',
      '',
    ]);
  });

  it('a name declared in two files points at the second and notes the first', async () => {
    const second = 'version: 1\nkeys:\n  payments-signing:\n    keyId: key-1\n    region: cn-beijing\n    rotation: {maxAge: 9d}\n';
    const result = await loadFiles({ 'a.yaml': VALID, 'b.yaml': second });
    const [diagnostic] = result.diagnostics;
    expect(diagnostic!.source).toMatchObject({ file: 'b.yaml', start: second.indexOf('payments-signing') });
    expect(diagnostic!.related).toEqual([{ message: expect.any(String), source: { file: 'a.yaml', start: VALID.indexOf('payments-signing:'), end: VALID.indexOf('payments-signing:') + 16 } }]);
  });
});
