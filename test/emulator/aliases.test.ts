import { describe, expect, test } from 'vitest';
import { createKey, expectError, startTest } from './helpers.js';

describe('aliases', () => {
  test('an alias resolves wherever a KeyId is accepted', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/app/signing-key_1' });
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/app/signing-key_1' })).KeyMetadata.KeyId).toBe(key.KeyId);
    expect((await kms.ok('ListKeyVersions', { KeyId: 'alias/app/signing-key_1' })).TotalCount).toBe(1);
    await kms.ok('DisableKey', { KeyId: 'alias/app/signing-key_1' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Disabled');
  });

  test('CreateAlias accepts an alias as KeyId and points the new alias at the resolved key', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/first' });
    await kms.ok('CreateAlias', { KeyId: 'alias/first', AliasName: 'alias/second' });
    const listed = await kms.ok('ListAliasesByKeyId', { KeyId: key.KeyId });
    expect(listed.Aliases.Alias).toEqual([
      { AliasName: 'alias/first', AliasArn: 'acs:kms:cn-hangzhou:1234567890123456:alias/first', KeyId: key.KeyId },
      { AliasName: 'alias/second', AliasArn: 'acs:kms:cn-hangzhou:1234567890123456:alias/second', KeyId: key.KeyId },
    ]);
  });

  test.each([
    ['without the alias/ prefix', 'signing'],
    ['with only the prefix', 'alias/'],
    ['with a space', 'alias/my key'],
    ['with a dot', 'alias/my.key'],
    ['under alias/acs', 'alias/acs/kms'],
    ['longer than 255 characters', `alias/${'a'.repeat(250)}`],
  ])('an alias name %s is InvalidParameter', async (_name, aliasName) => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expectError(await kms.call('CreateAlias', { KeyId: key.KeyId, AliasName: aliasName }), 'InvalidParameter', 400);
  });

  test('an alias of exactly 255 characters is accepted', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: `alias/${'a'.repeat(249)}` });
  });

  test('an alias name taken in the region is Rejected.ResourceExist (409), but is free in another region', async () => {
    const { kms } = await startTest();
    const a = await createKey(kms);
    const b = await createKey(kms);
    await kms.ok('CreateAlias', { KeyId: a.KeyId, AliasName: 'alias/shared' });
    expectError(await kms.call('CreateAlias', { KeyId: b.KeyId, AliasName: 'alias/shared' }), 'Rejected.ResourceExist', 409);
    const other = await createKey(kms, { RegionId: 'cn-beijing' });
    await kms.ok('CreateAlias', { KeyId: other.KeyId, AliasName: 'alias/shared', RegionId: 'cn-beijing' });
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/shared', RegionId: 'cn-beijing' })).KeyMetadata.KeyId).toBe(other.KeyId);
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/shared' })).KeyMetadata.KeyId).toBe(a.KeyId);
  });

  test('CreateAlias for a key of another region is Forbidden.KeyNotFound', async () => {
    const { kms } = await startTest();
    const other = await createKey(kms, { RegionId: 'cn-beijing' });
    expectError(await kms.call('CreateAlias', { KeyId: other.KeyId, AliasName: 'alias/x' }), 'Forbidden.KeyNotFound', 404);
  });

  test('DeleteAlias removes the alias; deleting it again is Forbidden.AliasNotFound', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/temp' });
    await kms.ok('DeleteAlias', { AliasName: 'alias/temp' });
    expectError(await kms.call('DescribeKey', { KeyId: 'alias/temp' }), 'Forbidden.AliasNotFound', 404);
    expectError(await kms.call('DeleteAlias', { AliasName: 'alias/temp' }), 'Forbidden.AliasNotFound', 404);
    expectError(await kms.call('DeleteAlias', {}), 'MissingParameter', 400);
  });

  test('ListAliases pages through the aliases of the region', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    for (let i = 1; i <= 3; i += 1) await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: `alias/a${i}` });
    const page2 = await kms.ok('ListAliases', { PageSize: '2', PageNumber: '2' });
    expect(page2).toMatchObject({ PageNumber: 2, PageSize: 2, TotalCount: 3, Aliases: { Alias: [{ AliasName: 'alias/a3', KeyId: key.KeyId }] } });
    expectError(await kms.call('ListAliases', { PageSize: '101' }), 'InvalidParameter', 400);
  });

  test('ListAliasesByKeyId of an unknown key is Forbidden.KeyNotFound', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('ListAliasesByKeyId', { KeyId: 'key-none' }), 'Forbidden.KeyNotFound', 404);
  });
});
