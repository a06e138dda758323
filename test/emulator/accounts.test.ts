/**
 * Several accounts: the base access key's account, accounts reached with STS AssumeRole, what each
 * caller sees, GetCallerIdentity, and key ARNs, which name an account and a region.
 */
import { describe, expect, test } from 'vitest';
import { createKey, expectError, startTest } from './helpers.js';
import { TestKms } from './signed-client.js';
import { assumeRoleKms, sts } from './sts-helpers.js';

const OTHER = '2234567890123456';
const OTHER_ROLE = `acs:ram::${OTHER}:role/kmsctl`;

describe('accounts', () => {
  test('AssumeRole into another account gives credentials that see only that account\'s keys and aliases', async () => {
    const { emulator, kms } = await startTest();
    const mine = await createKey(kms, { KeySpec: 'RSA_2048' });
    await kms.ok('CreateAlias', { KeyId: mine.KeyId, AliasName: 'alias/signing' });
    const other = await assumeRoleKms(emulator.url, OTHER_ROLE);
    expect((await other.ok('ListKeys')).TotalCount).toBe(0);
    expectError(await other.call('DescribeKey', { KeyId: mine.KeyId }), 'Forbidden.KeyNotFound', 404, 'kms');
    expectError(await other.call('DescribeKey', { KeyId: 'alias/signing' }), 'Forbidden.AliasNotFound', 404, 'kms');
    expectError(await other.call('CreateKeyVersion', { KeyId: mine.KeyId }), 'Forbidden.KeyNotFound', 404, 'kms');

    const theirs = (await other.ok('CreateKey', { KeySpec: 'RSA_2048' })).KeyMetadata;
    expect(theirs).toMatchObject({ Arn: `acs:kms:cn-hangzhou:${OTHER}:key/${theirs.KeyId}`, Creator: OTHER });
    // The same alias name in each account, each its own.
    await other.ok('CreateAlias', { KeyId: theirs.KeyId, AliasName: 'alias/signing' });
    expect((await other.ok('DescribeKey', { KeyId: 'alias/signing' })).KeyMetadata.KeyId).toBe(theirs.KeyId);
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/signing' })).KeyMetadata.KeyId).toBe(mine.KeyId);
    expect((await other.ok('ListAliases')).Aliases.Alias).toEqual([{ AliasName: 'alias/signing', AliasArn: `acs:kms:cn-hangzhou:${OTHER}:alias/signing`, KeyId: theirs.KeyId }]);
    expect((await kms.ok('ListKeys')).Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual([mine.KeyId]);
  });

  test('a role assumed in the base account acts in the base account', async () => {
    const { emulator, kms } = await startTest();
    const key = await createKey(kms);
    const same = await assumeRoleKms(emulator.url, 'acs:ram::1234567890123456:role/kmsctl');
    expect((await same.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyId).toBe(key.KeyId);
  });

  test('a seed places keys in accounts, and lists the roles AssumeRole accepts in one; others are EntityNotExist.Role', async () => {
    const { emulator } = await startTest({
      seed: { accounts: [{ uid: OTHER, roles: ['kmsctl'] }], keys: [{ id: 'key-theirs', account: OTHER, aliases: ['alias/theirs'] }, { id: 'key-mine' }] },
    });
    const other = await assumeRoleKms(emulator.url, `acs:ram::${OTHER}:role/KMSCTL`);
    expect((await other.ok('DescribeKey', { KeyId: 'alias/theirs' })).KeyMetadata).toMatchObject({ KeyId: 'key-theirs', Creator: OTHER });
    expectError(await other.call('DescribeKey', { KeyId: 'key-mine' }), 'Forbidden.KeyNotFound', 404);
    expectError(await sts(emulator.url, 'AssumeRole', { RoleArn: `acs:ram::${OTHER}:role/admin`, RoleSessionName: 'nope' }), 'EntityNotExist.Role', 404, 'gateway');
    // An account no seed lists accepts any role name.
    expect((await sts(emulator.url, 'AssumeRole', { RoleArn: 'acs:ram::3334567890123456:role/anything', RoleSessionName: 'ok' })).status).toBe(200);
  });

  test('the base account is settable: option, else the seed\'s accountUid', async () => {
    const byOption = await startTest({ uid: '5550000000000001', seed: { accountUid: '5550000000000002' } });
    expect(byOption.emulator.uid).toBe('5550000000000001');
    expect((await createKey(byOption.kms)).Arn).toContain(':5550000000000001:key/');
    const bySeed = await startTest({ seed: { accountUid: '5550000000000002', keys: [{ id: 'key-seeded' }] } });
    expect(bySeed.emulator.uid).toBe('5550000000000002');
    expect((await bySeed.kms.ok('DescribeKey', { KeyId: 'key-seeded' })).KeyMetadata.Arn).toBe('acs:kms:cn-hangzhou:5550000000000002:key/key-seeded');
    await expect(startTest({ uid: 'acme' })).rejects.toThrow(RangeError);
  });
});

describe('GetCallerIdentity', () => {
  test('tells the base key\'s account, and an assumed role\'s session in its account', async () => {
    const { emulator } = await startTest();
    const base = await sts(emulator.url, 'GetCallerIdentity', {});
    expect(base.body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      AccountId: '1234567890123456',
      Arn: 'acs:ram::1234567890123456:root',
      IdentityType: 'Account',
      PrincipalId: '1234567890123456',
      UserId: '1234567890123456',
    });
    const other = await assumeRoleKms(emulator.url, OTHER_ROLE, 'ci-run');
    const assumed = await sts(emulator.url, 'GetCallerIdentity', { SecurityToken: other.credentials.SecurityToken }, { accessKeyId: other.credentials.AccessKeyId, accessKeySecret: other.credentials.AccessKeySecret });
    expect(assumed.body).toMatchObject({
      AccountId: OTHER,
      Arn: `acs:ram::${OTHER}:assumed-role/kmsctl/ci-run`,
      IdentityType: 'AssumedRoleUser',
      PrincipalId: expect.stringMatching(/^\d{17}:ci-run$/),
      RoleId: expect.stringMatching(/^\d{17}$/),
    });
  });

  test('is authenticated like any signed call', async () => {
    const { emulator } = await startTest();
    expectError(await sts(emulator.url, 'GetCallerIdentity', {}, { accessKeySecret: 'wrong' }), 'SignatureDoesNotMatch', 400, 'gateway');
  });
});

describe('ARNs as KeyId', () => {
  test('are accepted wherever a KeyId is', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    emulator.clock.advance(7 * 86_400_000);
    expect((await kms.ok('DescribeKey', { KeyId: key.Arn })).KeyMetadata.KeyId).toBe(key.KeyId);
    const version = (await kms.ok('CreateKeyVersion', { KeyId: key.Arn })).KeyVersion;
    expect(version.KeyId).toBe(key.KeyId);
    expect((await kms.ok('ListKeyVersions', { KeyId: key.Arn })).TotalCount).toBe(2);
    expect((await kms.ok('DescribeKeyVersion', { KeyId: key.Arn, KeyVersionId: version.KeyVersionId })).KeyVersion.KeyId).toBe(key.KeyId);
    await kms.ok('CreateAlias', { KeyId: key.Arn, AliasName: 'alias/by-arn' });
    expect((await kms.ok('DescribeKey', { KeyId: 'acs:kms:cn-hangzhou:1234567890123456:alias/by-arn' })).KeyMetadata.KeyId).toBe(key.KeyId);
  });

  test.each([
    ['of another region', (arn: string) => arn.replace(':cn-hangzhou:', ':cn-shanghai:')],
    ['of another account', (arn: string) => arn.replace(':1234567890123456:', ':2234567890123456:')],
    ['naming no key', (arn: string) => arn.replace(/key\/.*$/, 'key/key-none')],
    ['that is not a KMS ARN', () => 'acs:ram::1234567890123456:role/x'],
  ])('an ARN %s is Forbidden.KeyNotFound (404)', async (_name, change) => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expectError(await kms.call('DescribeKey', { KeyId: change(key.Arn) }), 'Forbidden.KeyNotFound', 404, 'kms');
  });

  test('an ARN of the other account works with that account\'s credentials, in its region', async () => {
    const { emulator } = await startTest();
    const other = await assumeRoleKms(emulator.url, OTHER_ROLE);
    const theirs = (await other.ok('CreateKey', { RegionId: 'cn-shanghai' })).KeyMetadata;
    expect((await other.ok('DescribeKey', { KeyId: theirs.Arn, RegionId: 'cn-shanghai' })).KeyMetadata.KeyId).toBe(theirs.KeyId);
    expectError(await other.call('DescribeKey', { KeyId: theirs.Arn }), 'Forbidden.KeyNotFound', 404);
    expectError(await new TestKms(emulator.url).call('DescribeKey', { KeyId: theirs.Arn, RegionId: 'cn-shanghai' }), 'Forbidden.KeyNotFound', 404);
  });
});
