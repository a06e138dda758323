/**
 * The config schema itself: it compiles in strict mode, documents every property for editors, closes
 * every object, and carries the same patterns and limits as the code.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN } from '../../src/time/duration.js';
import { KEY_NAME_PATTERN, LABEL_PATTERN, REGION_PATTERN } from '../../src/config/identifiers.js';
import { KEY_ID_PATTERN, keyIdProblem } from '../../src/config/key-ids.js';
import { VERSION_ID_PATTERN } from '../../src/config/version-ids.js';
import { MAX_KEY_VERSIONS } from '../../src/kms/wire/enums.js';

type SchemaNode = Record<string, unknown> & { properties?: Record<string, SchemaNode>; definitions?: Record<string, SchemaNode> };
const schema = JSON.parse(readFileSync(new URL('../../schemas/kmsctl.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const key = schema.definitions!['key']!;
const version = schema.definitions!['version']!;

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
    expect(key.properties!['keyId']!['pattern']).toBe(KEY_ID_PATTERN);
    expect(key.properties!['region']!['pattern']).toBe(REGION_PATTERN);
    expect(schema.properties!['defaults']!.properties!['region']!['pattern']).toBe(REGION_PATTERN);
    expect((key.properties!['rotation']!.properties!['maxAge']!)['pattern']).toBe(DURATION_PATTERN);
    expect(version.properties!['id']!['pattern']).toBe(VERSION_ID_PATTERN);
    expect(version.properties!['label']!['pattern']).toBe(LABEL_PATTERN);
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
    '',
  ])('the keyId pattern and the alias rules agree on %j', (keyId) => {
    expect(new RegExp(KEY_ID_PATTERN, 'u').test(keyId)).toBe(keyIdProblem(keyId) === undefined);
  });
});
