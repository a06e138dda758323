/**
 * IDs as the service gives them: key IDs, aliases and key ARNs in keyId (an ARN's region must be the
 * key's), version IDs of both editions (opaque, checked for length and characters only), compared as
 * written except UUIDs, and one KMS key never declared twice, also by an ID and its ARN.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { keyIdentity, keyIdProblem, parseKeyArn } from '../../src/config/key-ids.js';
import { idKey, sameId, versionIdProblem } from '../../src/config/version-ids.js';
import { loadFiles, positions } from './load-helpers.js';

const ARN = 'acs:kms:cn-hangzhou:1234567890123456:key/key-hzz62f1cb66fa42qo1234';
const INSTANCE_VERSION = 'key-hzz62f1cb66fa42qo1234-20v29b5678';
const config = (keys: string, defaults = 'defaults: {region: cn-hangzhou}\n') => `version: 1\n${defaults}keys:\n${keys}`;
const key = (name: string, keyId: string, extra = '') => `  ${name}:\n    keyId: ${keyId}\n${extra}    rotation: {maxAge: 90d}\n`;

describe('keyId', () => {
  it('takes a key ARN and an instance key with its instance-form version IDs', async () => {
    const result = await loadFiles({ 'a.yaml': config(`${key('signing', ARN, `    versions:\n      - id: ${INSTANCE_VERSION}\n      - label: next\n`)}`) });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys[0]).toMatchObject({ keyId: ARN, region: 'cn-hangzhou', versions: [{ kind: 'pinned', id: INSTANCE_VERSION }, { kind: 'unpinned', label: 'next' }] });
  });

  it('takes the region of an ARN when nothing else sets one', async () => {
    const result = await loadFiles({ 'a.yaml': config(key('signing', ARN), '') });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys[0]!.region).toBe('cn-hangzhou');
  });

  it.each([
    ['the key\'s own region', config(key('signing', ARN, '    region: cn-shanghai\n')), {}, [[C.arnRegionMismatch, 'a.yaml', 5, 12]]],
    ['the file\'s defaults.region', config(key('signing', ARN), 'defaults: {region: cn-beijing}\n'), {}, [[C.arnRegionMismatch, 'a.yaml', 5, 12]]],
    ['--region', config(key('signing', ARN), ''), { regionFlag: 'cn-beijing' }, [[C.arnRegionMismatch, 'a.yaml', 4, 12]]],
  ])('is an error at the keyId when the ARN\'s region is not %s', async (_what, text, options, expected) => {
    const result = await loadFiles({ 'a.yaml': text }, options);
    expect(positions(result)).toEqual(expected);
    expect(result.value).toBeUndefined();
  });

  it.each([
    ['an alias ARN', 'acs:kms:cn-hangzhou:123:alias/signing', C.badKeyId, /write the alias itself/],
    ['an ARN of another service', 'acs:ram::123:role/x', C.badKeyId, /not an ARN of KMS/],
    ['an ARN whose UID is not a number', 'acs:kms:cn-hangzhou:abc:key/key-1', C.badKeyId, /account UID "abc"/],
    ['an ARN with a bad region', 'acs:kms:Hangzhou:123:key/key-1', C.badKeyId, /region "Hangzhou"/],
    ['an ARN without key/', 'acs:kms:cn-hangzhou:123:key-1', C.badKeyId, /acs:kms:<region>/],
  ])('rejects %s, saying which part is wrong', async (_what, keyId, code, reason) => {
    expect(keyIdProblem(keyId)).toEqual({ code, reason: expect.stringMatching(reason) });
    const result = await loadFiles({ 'a.yaml': config(key('signing', `"${keyId}"`)) });
    expect(positions(result)).toEqual([[code, 'a.yaml', 5, 12]]);
  });

  it('parses an ARN into region, UID and key ID, and nothing else', () => {
    expect(parseKeyArn(ARN)).toEqual({ region: 'cn-hangzhou', uid: '1234567890123456', keyId: 'key-hzz62f1cb66fa42qo1234' });
    expect(parseKeyArn('key-hzz62f1cb66fa42qo1234')).toBeUndefined();
    expect(parseKeyArn('alias/x')).toBeUndefined();
  });
});

describe('version IDs', () => {
  it.each([
    ['2ab1a983-7072-4bbc-a582-584b5bd8aaaa', undefined],
    [INSTANCE_VERSION, undefined],
    ['2AB1A983-7072-4BBC-A582-584B5BD8AAAA', undefined],
    ['', /empty/],
    ['2026-q4', /too short/],
    ['v 1 of the key', /not " "/],
    ['-leading-dash-id', /starts with a letter or digit/],
    ['x'.repeat(129), /at most 128/],
    ['key-hzz62f1cb66fa42qo1234/20v29b5678', /not "\/"/],
  ])('%j: %s', (id, problem) => {
    const found = versionIdProblem(id);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toEqual({ code: C.badVersionId, reason: expect.stringMatching(problem) });
  });

  it('are reported malformed at the ID, with the reason from the same check', async () => {
    const result = await loadFiles({ 'a.yaml': config(key('signing', 'alias/signing', '    versions:\n      - id: "v 1 of the key"\n')) });
    expect(positions(result)).toEqual([[C.badVersionId, 'a.yaml', 7, 13]]);
    expect(result.diagnostics[0]!.summary).toContain('not " "');
  });

  it('compare as written, except UUIDs, which compare case-blind', () => {
    expect(sameId('2AB1A983-7072-4BBC-A582-584B5BD8AAAA', '2ab1a983-7072-4bbc-a582-584b5bd8aaaa')).toBe(true);
    expect(sameId(INSTANCE_VERSION, INSTANCE_VERSION.toUpperCase())).toBe(false);
    expect(idKey(INSTANCE_VERSION.toUpperCase())).toBe(INSTANCE_VERSION.toUpperCase());
  });

  it('pinned twice in a key is an error for UUIDs in two cases, not for instance IDs in two cases', async () => {
    const uuid = await loadFiles({ 'a.yaml': config(key('a', 'alias/a', '    versions:\n      - id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa\n      - id: 2AB1A983-7072-4BBC-A582-584B5BD8AAAA\n')) });
    expect(positions(uuid)).toEqual([[C.duplicateVersionId, 'a.yaml', 8, 13]]);
    const instance = await loadFiles({ 'a.yaml': config(key('a', 'alias/a', `    versions:\n      - id: ${INSTANCE_VERSION}\n      - id: ${INSTANCE_VERSION.toUpperCase()}\n`)) });
    expect(instance.diagnostics).toEqual([]);
  });
});

describe('one KMS key declared twice', () => {
  it('by its ID and by its ARN is an error at both lines', async () => {
    const result = await loadFiles({ 'a.yaml': config(`${key('one', 'key-hzz62f1cb66fa42qo1234')}${key('two', ARN)}`) });
    expect(positions(result)).toEqual([
      [C.duplicateKeyId, 'a.yaml', 5, 12],
      [C.duplicateKeyId, 'a.yaml', 8, 12],
    ]);
    expect(result.diagnostics.map((d) => d.related?.[0]?.source.start)).toEqual([result.diagnostics[1]!.source!.start, result.diagnostics[0]!.source!.start]);
  });

  it('by a UUID in two cases is an error; in two accounts or two regions it is two keys', async () => {
    const uuid = '0c7d3e2a-5b1f-4a9e-8d6c-2f3e4a5b6c7d';
    const twice = await loadFiles({ 'a.yaml': config(`${key('one', uuid)}${key('two', uuid.toUpperCase())}`) });
    expect(positions(twice).map((p) => p[0])).toEqual([C.duplicateKeyId, C.duplicateKeyId]);
    const accounts = 'accounts:\n  prod: {profile: prod}\n  test: {profile: test}\n';
    const apart = await loadFiles({ 'a.yaml': `${accounts}${config(`${key('one', uuid, '    account: prod\n')}${key('two', uuid, '    account: test\n')}${key('three', uuid, '    region: cn-beijing\n    account: prod\n')}`)}` });
    expect(apart.diagnostics).toEqual([]);
  });

  it('is compared by the key ID an ARN holds', () => {
    expect(keyIdentity(ARN)).toBe(keyIdentity('key-hzz62f1cb66fa42qo1234'));
    expect(keyIdentity('alias/x')).toBe('alias/x');
  });
});
