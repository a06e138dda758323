/**
 * What a new user runs into: every mistake shown at once (schema and rules together), region typos, a
 * misindented field, a repeated field named whole, kmsctl.yml found like kmsctl.yaml, a config on
 * standard input.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { loadConfig } from '../../src/config/load-config.js';
import { readConfigStream, STDIN_NAME } from '../../src/config/read-config-stream.js';
import { unknownRegion } from '../../src/config/region-check.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { KMS_REGIONS } from '../../src/kms/wire/regions.js';
import { loadFiles, positions, VALID, workspace } from './load-helpers.js';

describe('validate shows every mistake at once', () => {
  it('runs the rules on the parts of a key the schema accepted, next to its schema errors', async () => {
    const text = `version: 1
defaults: {region: cn-hangzhou}
keys:
  a:
    keyId: alias/a
    lable: typo
    rotation: {maxAge: 6d}
    versions:
      - label: x
      - label: x
  b:
    keyId: 42
    rotation: {maxAge: 3d}
`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([
      [C.unknownField, 'a.yaml', 6, 5],
      [C.maxAgeTooShort, 'a.yaml', 7, 24],
      [C.duplicateLabel, 'a.yaml', 10, 16],
      [C.wrongType, 'a.yaml', 12, 12],
      [C.maxAgeTooShort, 'a.yaml', 13, 24],
    ]);
  });

  it('runs the rules on the other keys and files when one file is of another format version', async () => {
    const result = await loadFiles({ 'a.yaml': 'version: 2\nkeys: {}\n', 'b.yaml': 'version: 1\nkeys:\n  b:\n    keyId: alias/b\n    region: cn-beijing\n    rotation: {maxAge: 1d}\n' });
    expect(positions(result)).toEqual([
      [C.unsupportedVersion, 'a.yaml', 1, 10],
      [C.maxAgeTooShort, 'b.yaml', 6, 24],
    ]);
  });
});

describe('regions', () => {
  it.each([
    ['cn-hangzou', 'cn-hangzhou'],
    ['cn-beijng', 'cn-beijing'],
    ['ap-southeast-l', 'ap-southeast-1'],
    ['eu-centrl-1', 'eu-central-1'],
  ])('a typo %s is an error with a did-you-mean %s', async (typo, meant) => {
    const result = await loadFiles({ 'a.yaml': VALID.replace('region: cn-shanghai', `region: ${typo}`) });
    expect(positions(result)).toEqual([[C.unknownRegion, 'a.yaml', 7, 13]]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', detail: `did you mean ${JSON.stringify(meant)}?` });
  });

  it.each(['ap-southeast-9', 'us-east-2', 'xx-newplace-1'])('%s, not a typo of a known region, is a warning', async (region) => {
    const result = await loadFiles({ 'a.yaml': VALID.replace('region: cn-shanghai', `region: ${region}`) });
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', C.unknownRegion]]);
    expect(result.value!.keys[0]!.region).toBe(region);
  });

  it('checks defaults.region, --region and the environment too', async () => {
    const inDefaults = await loadFiles({ 'a.yaml': VALID.replace('  region: cn-hangzhou', '  region: cn-hangzou') });
    expect(positions(inDefaults)).toEqual([[C.unknownRegion, 'a.yaml', 3, 11]]);
    const override = await loadFiles({ 'a.yaml': VALID }, { regionFlag: 'cn-shangai' });
    expect(positions(override)).toEqual([[C.unknownRegion, undefined, undefined, undefined]]);
    const environment = await loadFiles({ 'a.yaml': VALID.replace('defaults:\n  region: cn-hangzhou\n', '').replace('    region: cn-shanghai\n', '') }, { env: { ALIBABA_CLOUD_REGION_ID: 'cn-shenzen' } });
    expect(positions(environment)).toEqual([[C.unknownRegion, undefined, undefined, undefined]]);
  });

  it('knows every region of its own list, and takes none of them for a typo of another', () => {
    for (const region of KMS_REGIONS) expect(unknownRegion(region, 'x')).toBeUndefined();
    expect(new Set(KMS_REGIONS).size).toBe(KMS_REGIONS.length);
  });
});

describe('a misindented field', () => {
  it('written as a sibling of its key is one error at it, naming the key above', async () => {
    const text = 'version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n  versions:\n    - label: x\n';
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([
      [C.keyEmpty, 'a.yaml', 4, 3],
      [C.misindented, 'a.yaml', 6, 3],
    ]);
    expect(result.diagnostics.find((d) => d.code === C.misindented)!.detail).toContain('"a"');
  });

  it('written at column 1 is one error at it, naming the key above', async () => {
    const text = 'version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n    rotation: {maxAge: 30d}\nversions:\n  - label: x\n';
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([[C.misindented, 'a.yaml', 7, 1]]);
    expect(result.diagnostics[0]!.detail).toContain('"a"');
  });

  it('a rotation written as a sibling is one error, not an unknown field and a missing keyId', async () => {
    const text = 'version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n    versions: [{label: x}]\n  rotation:\n    maxAge: 90d\n';
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([[C.misindented, 'a.yaml', 7, 3]]);
  });
});

describe('a repeated field', () => {
  it('is named whole, with the caret under all of it', async () => {
    const text = 'version: 1\nkeys:\n  a:\n    keyId: alias/a\n    keyId: alias/b\n';
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([[C.yamlDuplicateKey, 'a.yaml', 5, 5]]);
    expect(result.diagnostics[0]!.summary).toContain('"keyId"');
    const shown = formatDiagnosticsText(result.diagnostics, result.sources, { color: false }).split('\n');
    expect(shown[4]).toBe('  |     ^^^^^');
  });
});

describe('where the config comes from', () => {
  it('finds kmsctl.yml when there is no kmsctl.yaml', async () => {
    const cwd = await workspace({ 'kmsctl.yml': VALID });
    const result = await loadConfig({ files: [], cwd, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.files).toEqual(['kmsctl.yml']);
  });

  it('refuses to guess between kmsctl.yaml and kmsctl.yml', async () => {
    const cwd = await workspace({ 'kmsctl.yml': VALID, 'kmsctl.yaml': VALID });
    const result = await loadConfig({ files: [], cwd, env: {} });
    expect(positions(result)).toEqual([[C.ambiguousDefaultFile, undefined, undefined, undefined]]);
  });

  it('reads standard input for -f -, under its display name, beside other files', async () => {
    const cwd = await workspace({ 'b.yaml': 'version: 1\nkeys:\n  b:\n    keyId: alias/b\n    region: cn-beijing\n    rotation: {maxAge: 30d}\n' });
    const text = await readConfigStream(Readable.from([VALID.slice(0, 40), VALID.slice(40)]));
    const result = await loadConfig({ files: ['-', 'b.yaml'], cwd, env: {}, stdin: { name: STDIN_NAME, text } });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.files).toEqual([STDIN_NAME, 'b.yaml']);
    expect(result.value!.keys.map((k) => [k.name, k.source?.file])).toEqual([
      ['payments-signing', STDIN_NAME],
      ['b', 'b.yaml'],
    ]);
  });

  it('places the diagnostics of standard input in its text', async () => {
    const cwd = await workspace({});
    const result = await loadConfig({ files: ['-'], cwd, env: {}, stdin: { name: STDIN_NAME, text: VALID.replace('maxAge: 90d', 'maxAge: 6d') } });
    expect(positions(result)).toEqual([[C.maxAgeTooShort, STDIN_NAME, 12, 15]]);
  });

  it('says so when -f - is given and no standard input was', async () => {
    const cwd = await workspace({});
    expect(positions(await loadConfig({ files: ['-'], cwd, env: {} }))).toEqual([[C.stdinUnavailable, undefined, undefined, undefined]]);
  });
});
