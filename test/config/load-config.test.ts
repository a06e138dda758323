/** Loading valid configs: the desired state produced, merging files and directories, region precedence. */
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { parseDocument } from 'yaml';
import { documentLocator } from '../../src/config/document-locator.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadFiles, located, VALID, workspace } from './load-helpers.js';

const ROTATING = (name: string, extra = '') => `  ${name}:\n    keyId: alias/${name}\n${extra}    rotation: {maxAge: 30d}\n`;

describe('loadConfig', () => {
  it('turns a valid config into the normalised desired state', async () => {
    const result = await loadFiles({ 'kmsctl.yaml': VALID });
    expect(result.diagnostics).toEqual([]);
    const key = result.value!.keys[0]!;
    expect(result.value!.files).toEqual(['kmsctl.yaml']);
    expect(key).toMatchObject({
      name: 'payments-signing',
      keyId: 'alias/payments-signing',
      region: 'cn-shanghai',
      rotation: { maxAgeSeconds: 90 * 86_400, maxAge: '90d' },
      maxVersions: 40,
      versions: [
        { kind: 'pinned', id: '2ab1a983-7072-4bbc-a582-584b5bd8aaaa', label: undefined },
        { kind: 'unpinned', label: '2026-q4' },
      ],
    });
    expect(key.source).toEqual({ file: 'kmsctl.yaml', start: VALID.indexOf('payments-signing:'), end: VALID.indexOf('payments-signing:') + 16 });
  });

  it('reads a file again with yaml when a diagnostic needs a range only yaml gives (a version entry)', async () => {
    const text = 'version: 1\nkeys:\n  a:\n    keyId: alias/a\n    region: cn-hangzhou\n    maxVersions: 1\n    versions:\n      - id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa\n      - label: next  # over the ceiling\n';
    const result = await loadFiles({ 'kmsctl.yaml': text });
    const exact = documentLocator(parseDocument(text), 'kmsctl.yaml');
    expect(result.diagnostics.map((d) => [d.code, d.source, d.related?.[0]?.source])).toEqual([
      [C.versionsOverMaxVersions, exact.valueRange(['keys', 'a', 'versions', 1]), exact.valueRange(['keys', 'a', 'maxVersions'])],
    ]);
  });

  it('reads kmsctl.yaml in the working directory when no file is given', async () => {
    const result = await loadFiles({ 'kmsctl.yaml': VALID }, { files: [] });
    expect(result.value!.files).toEqual(['kmsctl.yaml']);
  });

  it('returns the text of every file read as sources', async () => {
    const result = await loadFiles({ 'a.yaml': VALID, 'b.yaml': 'bad: [' }, { files: ['a.yaml', 'b.yaml'] });
    expect([...result.sources.keys()]).toEqual(['a.yaml', 'b.yaml']);
    expect(result.sources.get('b.yaml')).toBe('bad: [');
  });

  it('keeps pinned version IDs as written, and their labels', async () => {
    const text = VALID.replace('- id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa', '- id: 2AB1A983-7072-4BBC-A582-584B5BD8AAAA\n        label: first');
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.value!.keys[0]!.versions[0]).toMatchObject({ kind: 'pinned', id: '2AB1A983-7072-4BBC-A582-584B5BD8AAAA', label: 'first' });
  });

  it('accepts a key with versions only and a key with rotation only', async () => {
    const text = `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: key-abc\n    versions: [{label: x}]\n${ROTATING('b')}`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => [k.name, k.rotation?.maxAgeSeconds, k.versions.length])).toEqual([
      ['a', undefined, 1],
      ['b', 30 * 86_400, 0],
    ]);
  });

  it('accepts exactly 50 declared versions and maxAge of exactly 7 days', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => `      - label: v${i}\n`).join('');
    const text = `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: key-abc\n    maxVersions: 50\n    rotation: {maxAge: 7d}\n    versions:\n${entries}`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys[0]!.versions).toHaveLength(50);
  });

  it('reads compound durations such as 1w2d and 1d12h in rotation.maxAge', async () => {
    const text = `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: key-a\n    rotation: {maxAge: 1w2d}\n  b:\n    keyId: key-b\n    rotation: {maxAge: 7d12h}\n`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => k.rotation?.maxAgeSeconds)).toEqual([9 * 86_400, 7.5 * 86_400]);
  });

  it('accepts the same key ID in two regions under two names', async () => {
    const text = `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n${ROTATING('a')}  b:\n    keyId: alias/a\n    region: cn-beijing\n    rotation: {maxAge: 30d}\n`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
  });

  it('accepts YAML anchors and aliases', async () => {
    const text = `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n    rotation: &monthly {maxAge: 30d}\n  b:\n    keyId: alias/b\n    rotation: *monthly\n`;
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys[1]!.rotation!.maxAge).toBe('30d');
  });

  it('warns, without failing, when the config declares no keys', async () => {
    const result = await loadFiles({ 'a.yaml': 'version: 1\nkeys: {}\n' });
    expect(located(result).map((d) => [d.severity, d.code])).toEqual([['warning', C.noKeys]]);
    expect(result.value).toEqual({ keys: [], accounts: new Map(), files: ['a.yaml'] });
  });

  it('keeps positions of unicode text in UTF-16 columns', async () => {
    const text = VALID.replace('      - label: 2026-q4', '      - label: "季度"\n        lable: x');
    const result = await loadFiles({ 'a.yaml': text });
    expect(located(result).map((d) => [d.code, d.line, d.column])).toEqual([[C.unknownField, 11, 9]]);
  });
});

describe('several files', () => {
  it('merges the keys of several files in the order given', async () => {
    const result = await loadFiles(
      {
        'b.yaml': `version: 1\ndefaults: {region: cn-beijing}\nkeys:\n${ROTATING('from-b')}`,
        'a.yaml': `version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n${ROTATING('from-a')}`,
      },
      { files: ['b.yaml', 'a.yaml'] },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.files).toEqual(['b.yaml', 'a.yaml']);
    expect(result.value!.keys.map((k) => [k.name, k.region, k.source!.file])).toEqual([
      ['from-b', 'cn-beijing', 'b.yaml'],
      ['from-a', 'cn-hangzhou', 'a.yaml'],
    ]);
  });

  it('applies a file\'s defaults to that file\'s keys only', async () => {
    const result = await loadFiles({
      'a.yaml': `version: 1\ndefaults: {region: cn-beijing}\nkeys:\n${ROTATING('a')}`,
      'b.yaml': `version: 1\nkeys:\n${ROTATING('b')}`,
    });
    expect(located(result).map((d) => [d.code, d.file, d.line, d.column])).toEqual([[C.regionMissing, 'b.yaml', 3, 3]]);
  });

  it('reads a directory\'s *.yaml and *.yml files sorted by name, skipping others and subdirectories', async () => {
    const cwd = await workspace({
      'conf/20-b.yml': `version: 1\nkeys:\n${ROTATING('b', '    region: cn-beijing\n')}`,
      'conf/10-a.yaml': `version: 1\nkeys:\n${ROTATING('a', '    region: cn-beijing\n')}`,
      'conf/notes.txt': 'not yaml',
      'conf/.hidden.yaml': 'not: [valid',
      'conf/nested/c.yaml': 'not: [valid',
    });
    const result = await loadConfig({ files: ['conf'], cwd, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.files).toEqual(['conf/10-a.yaml', 'conf/20-b.yml']);
    expect(result.value!.keys.map((k) => k.name)).toEqual(['a', 'b']);
  });

  it('reads a file once when it is given twice, directly and through its directory', async () => {
    const cwd = await workspace({ 'conf/a.yaml': `version: 1\nkeys:\n${ROTATING('a', '    region: cn-beijing\n')}` });
    const result = await loadConfig({ files: ['conf/a.yaml', 'conf'], cwd, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.files).toEqual(['conf/a.yaml']);
  });

  it('reports the problems of every file, in the order the files were read', async () => {
    const result = await loadFiles(
      { 'b.yaml': 'version: 2\nkeys: {}\n', 'a.yaml': 'version: 1\nkeys: []\n' },
      { files: ['b.yaml', 'a.yaml', 'missing.yaml'] },
    );
    expect(located(result).map((d) => [d.code, d.file, d.line])).toEqual([
      [C.fileNotFound, 'missing.yaml', undefined],
      [C.unsupportedVersion, 'b.yaml', 1],
      [C.wrongType, 'a.yaml', 2],
    ]);
  });

  it('still checks the other files when one has a syntax error', async () => {
    const result = await loadFiles({ 'a.yaml': 'version: [\n', 'b.yaml': 'version: 1\nkeys:\n  x:\n    keyId: alias/x\n    region: cn-beijing\n' });
    expect(located(result).map((d) => [d.code, d.file])).toEqual([
      [C.yamlSyntax, 'a.yaml'],
      [C.keyEmpty, 'b.yaml'],
    ]);
  });
});

describe('region precedence', () => {
  const config = (keyRegion: string | undefined, defaultRegion: string | undefined) =>
    `version: 1\n${defaultRegion ? `defaults:\n  region: ${defaultRegion}\n` : ''}keys:\n  k:\n    keyId: alias/k\n${keyRegion ? `    region: ${keyRegion}\n` : ''}    rotation: {maxAge: 30d}\n`;
  const env = { ALIBABA_CLOUD_REGION_ID: 'cn-qingdao' };

  it.each([
    ['the key\'s region beats --region, the defaults and the environment', 'cn-chengdu', 'cn-shenzhen', 'cn-beijing', env, 'cn-shenzhen'],
    ['the file\'s defaults beat --region', 'cn-chengdu', undefined, 'cn-beijing', env, 'cn-beijing'],
    ['--region beats the environment for a key that names no region', 'cn-chengdu', undefined, undefined, env, 'cn-chengdu'],
    ['the key\'s region beats the defaults and the environment', undefined, 'cn-shenzhen', 'cn-beijing', env, 'cn-shenzhen'],
    ['the file\'s defaults beat the environment', undefined, undefined, 'cn-beijing', env, 'cn-beijing'],
    ['the environment is the last resort', undefined, undefined, undefined, env, 'cn-qingdao'],
    ['an empty environment variable counts as unset', 'cn-chengdu', undefined, undefined, { ALIBABA_CLOUD_REGION_ID: '' }, 'cn-chengdu'],
  ])('%s', async (_name, regionFlag, keyRegion, defaultRegion, environment, expected) => {
    const result = await loadFiles({ 'a.yaml': config(keyRegion, defaultRegion) }, { regionFlag, env: environment });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys[0]!.region).toBe(expected);
  });

  it('a malformed environment region is ignored when no key needs it', async () => {
    const result = await loadFiles({ 'a.yaml': config('cn-beijing', undefined) }, { env: { ALIBABA_CLOUD_REGION_ID: 'nope' } });
    expect(result.diagnostics).toEqual([]);
  });

  it('no region anywhere is an error on the key', async () => {
    const result = await loadFiles({ 'a.yaml': config(undefined, undefined) }, { env: { ALIBABA_CLOUD_REGION_ID: '' } });
    expect(located(result).map((d) => [d.code, d.line, d.column])).toEqual([[C.regionMissing, 3, 3]]);
  });
});
