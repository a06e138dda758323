/**
 * A file's defaults: account, region, rotation (maxAge, warnBefore) and maxVersions for its keys, a key's
 * own value winning field by field; warnBefore carried to the planner when it is shorter than maxAge.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { loadFiles, positions } from './load-helpers.js';

const DAY = 86_400;
const file = (defaults: string, keys: string) => `version: 1\ndefaults:\n  region: cn-hangzhou\n${defaults}keys:\n${keys}`;

describe('defaults', () => {
  it('give every key of the file a rotation, warnBefore and maxVersions, the key\'s own fields winning', async () => {
    const text = file(
      '  rotation: {maxAge: 90d, warnBefore: 14d}\n  maxVersions: 20\n',
      '  plain:\n    keyId: alias/plain\n  own-age:\n    keyId: alias/own-age\n    rotation: {maxAge: 30d}\n  own-all:\n    keyId: alias/own-all\n    rotation: {maxAge: 60d, warnBefore: 1w}\n    maxVersions: 5\n',
    );
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => [k.name, k.rotation, k.maxVersions])).toEqual([
      ['plain', { maxAge: '90d', maxAgeSeconds: 90 * DAY, warnBefore: '14d', warnBeforeSeconds: 14 * DAY }, 20],
      ['own-age', { maxAge: '30d', maxAgeSeconds: 30 * DAY, warnBefore: '14d', warnBeforeSeconds: 14 * DAY }, 20],
      ['own-all', { maxAge: '60d', maxAgeSeconds: 60 * DAY, warnBefore: '1w', warnBeforeSeconds: 7 * DAY }, 5],
    ]);
  });

  it('apply to their own file only', async () => {
    const result = await loadFiles({
      'a.yaml': file('  rotation: {maxAge: 90d}\n  maxVersions: 20\n', '  a:\n    keyId: alias/a\n'),
      'b.yaml': 'version: 1\nkeys:\n  b:\n    keyId: alias/b\n    region: cn-beijing\n    versions: [{label: x}]\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => [k.name, k.rotation?.maxAge, k.maxVersions])).toEqual([
      ['a', '90d', 20],
      ['b', undefined, undefined],
    ]);
  });

  it('give a warnBefore only to keys that rotate', async () => {
    const result = await loadFiles({ 'a.yaml': file('  rotation: {warnBefore: 14d}\n', '  a:\n    keyId: alias/a\n    versions: [{label: x}]\n  b:\n    keyId: alias/b\n    rotation: {maxAge: 30d}\n') });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => k.rotation?.warnBeforeSeconds)).toEqual([undefined, 14 * DAY]);
  });

  it('let a key with only a keyId rotate on the file\'s schedule', async () => {
    const result = await loadFiles({ 'a.yaml': file('  rotation: {maxAge: 1w2d}\n', '  a:\n    keyId: alias/a\n') });
    expect(result.value!.keys[0]!.rotation?.maxAgeSeconds).toBe(9 * DAY);
  });
});

describe('a defaults mistake is reported once, where it was made', () => {
  it.each([
    ['a maxAge under 7 days in defaults', file('  rotation: {maxAge: 6d}\n', '  a: {keyId: alias/a}\n  b: {keyId: alias/b}\n'), [[C.maxAgeTooShort, 'a.yaml', 4, 22]]],
    ['a bad duration in defaults', file('  rotation: {maxAge: 6 months}\n', '  a: {keyId: alias/a}\n'), [[C.badDuration, 'a.yaml', 4, 22]]],
    ['a warnBefore not shorter than maxAge, both in defaults', file('  rotation: {maxAge: 30d, warnBefore: 30d}\n', '  a: {keyId: alias/a}\n'), [[C.warnBeforeTooLong, 'a.yaml', 4, 39]]],
    ['a key\'s warnBefore not shorter than its file\'s maxAge', file('  rotation: {maxAge: 30d}\n', '  a:\n    keyId: alias/a\n    rotation: {warnBefore: 5w}\n'), [[C.warnBeforeTooLong, 'a.yaml', 8, 28]]],
    ['a file\'s warnBefore not shorter than a key\'s maxAge', file('  rotation: {warnBefore: 30d}\n', '  a:\n    keyId: alias/a\n    rotation: {maxAge: 2w}\n'), [[C.warnBeforeTooLong, 'a.yaml', 8, 24]]],
    ['a maxVersions of 0 in defaults', file('  maxVersions: 0\n', '  a: {keyId: alias/a, rotation: {maxAge: 9d}}\n'), [[C.maxVersionsOutOfRange, 'a.yaml', 4, 16]]],
    ['more versions than the file\'s maxVersions', file('  maxVersions: 1\n', '  a:\n    keyId: alias/a\n    versions: [{label: x}, {label: y}]\n'), [[C.versionsOverMaxVersions, 'a.yaml', 8, 28]]],
    ['a key rotation without maxAge anywhere', file('', '  a:\n    keyId: alias/a\n    rotation: {warnBefore: 1d}\n'), [[C.missingField, 'a.yaml', 7, 5]]],
    ['an unknown field in defaults.rotation', file('  rotation: {maxage: 9d}\n', '  a: {keyId: alias/a}\n'), [[C.unknownField, 'a.yaml', 4, 14]]],
  ])('%s', async (_name, text, expected) => {
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual(expected);
    expect(result.value).toBeUndefined();
  });

  it('a warnBefore too long names where the maxAge was set', async () => {
    const text = file('  rotation: {maxAge: 30d}\n', '  a:\n    keyId: alias/a\n    rotation: {warnBefore: 5w}\n');
    const result = await loadFiles({ 'a.yaml': text });
    expect(result.diagnostics[0]!.related![0]!.source.start).toBe(text.indexOf('30d'));
  });
});
