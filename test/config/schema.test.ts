/**
 * The config schema itself: it compiles in strict mode, documents every property for editors, closes
 * every object, and carries the same patterns and limits as the code.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DURATION_PATTERN } from '../../src/time/duration.js';
import { EXTERNAL_ID_PATTERN, MAX_ROLE_SESSION_SECONDS, MIN_ROLE_SESSION_SECONDS, PROFILE_PATTERN, ROLE_ARN_PATTERN, roleArnProblem, SESSION_NAME_PATTERN } from '../../src/config/account-fields.js';
import { ACCOUNT_NAME_PATTERN, KEY_NAME_PATTERN, LABEL_PATTERN, REGION_PATTERN } from '../../src/config/identifiers.js';
import { KEY_ID_PATTERN, keyIdProblem } from '../../src/config/key-ids.js';
import { VERSION_ID_PATTERN, versionIdProblem } from '../../src/config/version-ids.js';
import { MAX_KEY_VERSIONS } from '../../src/kms/wire/enums.js';

type SchemaNode = Record<string, unknown> & { properties?: Record<string, SchemaNode>; definitions?: Record<string, SchemaNode> };
const schema = JSON.parse(readFileSync(new URL('../../schemas/kmsctl.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const key = schema.definitions!['key']!;
const version = schema.definitions!['version']!;
const account = schema.definitions!['account']!;
const defaults = schema.properties!['defaults']!;
const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);

/** Every schema object below `node` that has `properties`, with its path. */
function objects(node: SchemaNode, path = '#'): [string, SchemaNode][] {
  const found: [string, SchemaNode][] = node.properties ? [[path, node]] : [];
  for (const [name, child] of Object.entries(node.properties ?? {})) found.push(...objects(child, `${path}/properties/${name}`));
  for (const [name, child] of Object.entries(node.definitions ?? {})) found.push(...objects(child, `${path}/definitions/${name}`));
  return found;
}

describe('the config schema', () => {
  it('compiles with ajv in strict mode', () => {
    expect(() => new Ajv({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it('describes every property and closes every object', () => {
    for (const [path, node] of objects(schema)) {
      expect(node['additionalProperties'], path).toBe(false);
      expect(typeof node['description'], path).toBe('string');
      for (const [name, property] of Object.entries(node.properties!)) expect(typeof property['description'], `${path}/${name}`).toBe('string');
    }
  });

  it('uses the patterns the code checks', () => {
    const keys = schema.properties!['keys']!;
    expect((keys['propertyNames'] as SchemaNode)['pattern']).toBe(KEY_NAME_PATTERN);
    expect((schema.properties!['accounts']!['propertyNames'] as SchemaNode)['pattern']).toBe(ACCOUNT_NAME_PATTERN);
    expect(key.properties!['account']!['pattern']).toBe(ACCOUNT_NAME_PATTERN);
    expect(defaults.properties!['account']!['pattern']).toBe(ACCOUNT_NAME_PATTERN);
    expect(key.properties!['keyId']!['pattern']).toBe(KEY_ID_PATTERN);
    expect(key.properties!['region']!['pattern']).toBe(REGION_PATTERN);
    expect(defaults.properties!['region']!['pattern']).toBe(REGION_PATTERN);
    for (const rotation of [key.properties!['rotation']!, defaults.properties!['rotation']!]) {
      expect(rotation.properties!['maxAge']!['pattern']).toBe(DURATION_PATTERN);
      expect(rotation.properties!['warnBefore']!['pattern']).toBe(DURATION_PATTERN);
    }
    expect(version.properties!['id']!['pattern']).toBe(VERSION_ID_PATTERN);
    expect(version.properties!['label']!['pattern']).toBe(LABEL_PATTERN);
    expect(account.properties!['roleArn']!['pattern']).toBe(ROLE_ARN_PATTERN);
    expect(account.properties!['externalId']!['pattern']).toBe(EXTERNAL_ID_PATTERN);
    expect(account.properties!['sessionName']!['pattern']).toBe(SESSION_NAME_PATTERN);
    expect(account.properties!['profile']!['pattern']).toBe(PROFILE_PATTERN);
    expect([account.properties!['durationSeconds']!['minimum'], account.properties!['durationSeconds']!['maximum']]).toEqual([MIN_ROLE_SESSION_SECONDS, MAX_ROLE_SESSION_SECONDS]);
  });

  it('gives an example for what an editor completes: accounts, defaults.rotation, role ARNs, key IDs', () => {
    expect(schema.properties!['accounts']!['examples']).toBeInstanceOf(Array);
    expect(defaults.properties!['rotation']!['examples']).toBeInstanceOf(Array);
    expect(account.properties!['roleArn']!['examples']).toBeInstanceOf(Array);
    expect(key.properties!['keyId']!['examples']).toEqual(expect.arrayContaining([expect.stringMatching(/^acs:kms:/)]));
    expect(version.properties!['id']!['examples']).toEqual(expect.arrayContaining([expect.stringMatching(/^key-/)]));
  });

  it('the version ID pattern and versionIdProblem agree', () => {
    const id = fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,140}$/), fc.uuid().map((u) => u.toUpperCase()));
    fc.assert(
      fc.property(id, (text) => {
        expect(new RegExp(VERSION_ID_PATTERN, 'u').test(text), text).toBe(versionIdProblem(text) === undefined);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the role ARN pattern and roleArnProblem agree', () => {
    const arn = fc.oneof(fc.string(), fc.tuple(fc.constantFrom('acs:ram:', 'acs:ram:cn-hangzhou', 'acs:kms:'), fc.constantFrom(':123', ':12a', ':'), fc.constantFrom(':role/kmsctl', ':role/', ':user/x', ':role/a b')).map((p) => p.join('')));
    fc.assert(
      fc.property(arn, (text) => {
        expect(new RegExp(ROLE_ARN_PATTERN, 'u').test(text), text).toBe(roleArnProblem(text) === undefined);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('caps versions and maxVersions at the service limit', () => {
    expect(key.properties!['versions']!['maxItems']).toBe(MAX_KEY_VERSIONS);
    expect(key.properties!['maxVersions']!['maximum']).toBe(MAX_KEY_VERSIONS);
    expect(key.properties!['maxVersions']!['minimum']).toBe(1);
  });

  it.each([
    'alias/a',
    'alias/payments-signing',
    'alias/team/app_1',
    `alias/${'a'.repeat(249)}`,
    `alias/${'a'.repeat(250)}`,
    'alias/',
    'alias/acs',
    'alias/acs/oss',
    'alias/ac',
    'alias/x y',
    'alias/é',
    'Alias/x',
    'key-hzz62f1cb66fa42qo1234',
    '2ab1a983-7072-4bbc-a582-584b5bd8aaaa',
    'key_1',
    '-key',
    'acs:kms:cn-hangzhou:1:key/x',
    'acs:kms:cn-hangzhou:1234567890123456:key/key-hzz62f1cb66fa42qo1234',
    'acs:kms:cn-hangzhou:1:alias/x',
    'acs:kms:cn-hangzhou::key/x',
    'acs:kms::1:key/x',
    'acs:kms:cn-hangzhou:1:key/',
    'acs:kms:cn-hangzhou:1:key/x:y',
    '',
  ])('the keyId pattern and the alias rules agree on %j', (keyId) => {
    expect(new RegExp(KEY_ID_PATTERN, 'u').test(keyId)).toBe(keyIdProblem(keyId) === undefined);
  });
});
