import { describe, expect, test } from 'vitest';
import { DAY_MS, T0, createKey, expectError, startTest } from './helpers.js';

describe('keys', () => {
  test('a new key has one initial version that is primary, and LastRotationDate equals CreationDate', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY', Description: 'signer' });
    expect(key).toEqual({
      KeyId: expect.stringMatching(/^key-[a-z0-9]{23}$/),
      Arn: `acs:kms:cn-hangzhou:1234567890123456:key/${key.KeyId}`,
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN/VERIFY',
      KeyState: 'Enabled',
      Origin: 'Aliyun_KMS',
      ProtectionLevel: 'SOFTWARE',
      DKMSInstanceId: '',
      CreationDate: T0,
      LastRotationDate: T0,
      PrimaryKeyVersion: expect.stringMatching(/^[0-9a-f-]{36}$/),
      AutomaticRotation: 'Disabled',
      Creator: '1234567890123456',
      Description: 'signer',
      DeletionProtection: 'Disabled',
    });
    const versions = await kms.ok('ListKeyVersions', { KeyId: key.KeyId });
    expect(versions.KeyVersions.KeyVersion).toEqual([{ KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion, CreationDate: T0 }]);
    expect(await kms.ok('DescribeKey', { KeyId: key.KeyId })).toMatchObject({ KeyMetadata: key });
  });

  test('dates are whole seconds in UTC even when the clock has milliseconds', async () => {
    const { kms } = await startTest({ now: '2026-03-01T10:20:30.999Z' });
    expect((await createKey(kms)).CreationDate).toBe('2026-03-01T10:20:30Z');
  });

  test('KeySpec defaults to Aliyun_AES_256 with ENCRYPT/DECRYPT; EC_P256 defaults to SIGN/VERIFY', async () => {
    const { kms } = await startTest();
    expect(await createKey(kms)).toMatchObject({ KeySpec: 'Aliyun_AES_256', KeyUsage: 'ENCRYPT/DECRYPT' });
    expect(await createKey(kms, { KeySpec: 'EC_P256' })).toMatchObject({ KeyUsage: 'SIGN/VERIFY' });
    expect(await createKey(kms, { KeySpec: 'RSA_3072' })).toMatchObject({ KeyUsage: 'ENCRYPT/DECRYPT' });
  });

  test.each([
    ['an unknown KeySpec', { KeySpec: 'RSA_1024' }],
    ['SIGN/VERIFY for a symmetric key', { KeySpec: 'Aliyun_AES_256', KeyUsage: 'SIGN/VERIFY' }],
    ['ENCRYPT/DECRYPT for EC_P256', { KeySpec: 'EC_P256', KeyUsage: 'ENCRYPT/DECRYPT' }],
    ['an unknown KeyUsage', { KeyUsage: 'WRAP' }],
    ['an unknown Origin', { Origin: 'AWS' }],
    ['an unknown ProtectionLevel', { ProtectionLevel: 'TPM' }],
    ['a RotationInterval under 7 days', { EnableAutomaticRotation: 'true', RotationInterval: '6d' }],
    ['a malformed RotationInterval', { EnableAutomaticRotation: 'true', RotationInterval: '1y' }],
    ['a malformed EnableAutomaticRotation', { EnableAutomaticRotation: 'yes' }],
  ])('CreateKey with %s is InvalidParameter', async (_name, params) => {
    const { kms } = await startTest();
    expectError(await kms.call('CreateKey', params), 'InvalidParameter', 400);
  });

  test('an EXTERNAL key starts in PendingImport', async () => {
    const { kms } = await startTest();
    expect(await createKey(kms, { Origin: 'EXTERNAL' })).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport' });
  });

  test('automatic rotation at creation is reported in seconds with its next date', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '30d', ProtectionLevel: 'HSM' });
    expect(key).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '2592000s', NextRotationDate: '2026-02-09T08:00:00Z', ProtectionLevel: 'HSM' });
  });

  test('automatic rotation for an asymmetric key at creation is Rejected.UnsupportedOperation', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('CreateKey', { KeySpec: 'RSA_2048', EnableAutomaticRotation: 'true', RotationInterval: '30d' }), 'Rejected.UnsupportedOperation', 400);
  });

  test('DescribeKey of an unknown key is Forbidden.KeyNotFound and of an unknown alias Forbidden.AliasNotFound', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('DescribeKey', { KeyId: 'key-nope' }), 'Forbidden.KeyNotFound', 404);
    expectError(await kms.call('DescribeKey', { KeyId: 'alias/nope' }), 'Forbidden.AliasNotFound', 404);
    expectError(await kms.call('DescribeKey', { KeyId: '' }), 'MissingParameter', 400);
  });

  test('ListKeys pages in creation order with PageNumber, PageSize and TotalCount', async () => {
    const { kms } = await startTest();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await createKey(kms)).KeyId);
    const first = await kms.ok('ListKeys', { PageSize: '2' });
    const third = await kms.ok('ListKeys', { PageSize: '2', PageNumber: '3' });
    const beyond = await kms.ok('ListKeys', { PageSize: '2', PageNumber: '4' });
    expect(first.Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual(ids.slice(0, 2));
    expect(third.Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual(ids.slice(4));
    expect(beyond).toMatchObject({ Keys: { Key: [] }, PageNumber: 4, PageSize: 2, TotalCount: 5 });
    expect(first.Keys.Key[0]).toEqual({ KeyId: ids[0], KeyArn: `acs:kms:cn-hangzhou:1234567890123456:key/${ids[0]}` });
  });

  test.each([['PageSize', '0'], ['PageSize', '101'], ['PageSize', 'ten'], ['PageNumber', '0'], ['PageNumber', '-1']])(
    'ListKeys with %s=%s is InvalidParameter',
    async (name, value) => {
      const { kms } = await startTest();
      expectError(await kms.call('ListKeys', { [name]: value }), 'InvalidParameter', 400);
    },
  );

  test('ListKeys accepts PageSize 100 and Filters on KeyState and KeySpec', async () => {
    const { kms } = await startTest();
    const rsa = await createKey(kms, { KeySpec: 'RSA_2048' });
    const aes = await createKey(kms);
    await kms.ok('DisableKey', { KeyId: aes.KeyId });
    const filtered = await kms.ok('ListKeys', { PageSize: '100', Filters: JSON.stringify([{ Key: 'KeyState', Values: ['Enabled'] }, { Key: 'KeySpec', Values: ['RSA_2048', 'EC_P256'] }]) });
    expect(filtered.Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual([rsa.KeyId]);
    expectError(await kms.call('ListKeys', { Filters: '[{"Key":"Colour","Values":["red"]}]' }), 'InvalidParameter', 400);
    expectError(await kms.call('ListKeys', { Filters: 'not json' }), 'InvalidParameter', 400);
  });

  test('keys belong to their region: RegionId, else the kms.<region> Host, else the default region', async () => {
    const { kms } = await startTest();
    const shanghai = await createKey(kms, { RegionId: 'cn-shanghai' });
    expect(shanghai.Arn).toContain('acs:kms:cn-shanghai:');
    expectError(await kms.call('DescribeKey', { KeyId: shanghai.KeyId }), 'Forbidden.KeyNotFound', 404);
    await kms.ok('DescribeKey', { KeyId: shanghai.KeyId, RegionId: 'cn-shanghai' });
    await kms.ok('DescribeKey', { KeyId: shanghai.KeyId }, { headers: { host: 'kms.cn-shanghai.aliyuncs.com' } });
    await kms.ok('DescribeKey', { KeyId: shanghai.KeyId }, { headers: { host: 'kms-vpc.cn-shanghai.aliyuncs.com' }, transport: 'v3-query' });
    expect((await kms.ok('ListKeys')).TotalCount).toBe(0);
    expectError(await kms.call('ListKeys', { RegionId: 'Not A Region' }), 'InvalidParameter', 400);
  });

  test('DisableKey and EnableKey switch the state and are idempotent', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('DisableKey', { KeyId: key.KeyId });
    await kms.ok('DisableKey', { KeyId: key.KeyId });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Disabled');
    await kms.ok('EnableKey', { KeyId: key.KeyId });
    await kms.ok('EnableKey', { KeyId: key.KeyId });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Enabled');
  });

  test('EnableKey and DisableKey of a key pending import are Rejected.StateModifiedFailed (409)', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    expectError(await kms.call('EnableKey', { KeyId: key.KeyId }), 'Rejected.StateModifiedFailed', 409, 'kms');
    expectError(await kms.call('DisableKey', { KeyId: key.KeyId }), 'Rejected.StateModifiedFailed', 409, 'kms');
  });

  test('ScheduleKeyDeletion sets PendingDeletion and DeleteDate; CancelKeyDeletion restores Enabled', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion', DeleteDate: '2026-01-17T08:00:00Z' });
    await kms.ok('CancelKeyDeletion', { KeyId: key.KeyId });
    const restored = (await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    expect(restored.KeyState).toBe('Enabled');
    expect(restored).not.toHaveProperty('DeleteDate');
  });

  test.each([
    ['EnableKey on a key pending deletion', 'pending', 'EnableKey', {}],
    ['DisableKey on a key pending deletion', 'pending', 'DisableKey', {}],
    ['ScheduleKeyDeletion twice', 'pending', 'ScheduleKeyDeletion', { PendingWindowInDays: '30' }],
    ['CreateAlias on a key pending deletion', 'pending', 'CreateAlias', { AliasName: 'alias/late' }],
    ['CancelKeyDeletion on a key not pending deletion', 'enabled', 'CancelKeyDeletion', {}],
  ])('%s is Rejected.StateModifiedFailed (409) in KMS\'s error body, and changes nothing', async (_name, state, action, params) => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    if (state === 'pending') await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' });
    const before = (await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    expectError(await kms.call(action, { KeyId: key.KeyId, ...params }), 'Rejected.StateModifiedFailed', 409, 'kms');
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toEqual(before);
    expect((await kms.ok('ListAliasesByKeyId', { KeyId: key.KeyId })).TotalCount).toBe(0);
  });

  test.each(['6', '367', 'seven'])('ScheduleKeyDeletion with PendingWindowInDays=%s is InvalidParameter', async (days) => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: days }), 'InvalidParameter', 400);
  });

  test('ScheduleKeyDeletion without PendingWindowInDays is MissingParameter', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId }), 'MissingParameter', 400);
  });

  test('a key is gone, with its aliases, once its DeleteDate passes on the emulator clock', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms);
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/doomed' });
    await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '366' });
    emulator.clock.advance(365 * DAY_MS);
    await kms.ok('DescribeKey', { KeyId: 'alias/doomed' });
    emulator.clock.advance(DAY_MS);
    expectError(await kms.call('DescribeKey', { KeyId: key.KeyId }), 'Forbidden.KeyNotFound', 404);
    expect((await kms.ok('ListAliases')).TotalCount).toBe(0);
  });

  test('UpdateRotationPolicy turns automatic rotation on and off for an Enabled symmetric key', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('UpdateRotationPolicy', { KeyId: key.KeyId, EnableAutomaticRotation: 'true', RotationInterval: '604800s' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '604800s', NextRotationDate: '2026-01-17T08:00:00Z' });
    await kms.ok('UpdateRotationPolicy', { KeyId: key.KeyId, EnableAutomaticRotation: 'false' });
    const after = (await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    expect(after.AutomaticRotation).toBe('Disabled');
    expect(after).not.toHaveProperty('RotationInterval');
    expect(after).not.toHaveProperty('NextRotationDate');
  });

  test('UpdateRotationPolicy refuses asymmetric, EXTERNAL and disabled keys and checks its parameters', async () => {
    const { kms } = await startTest();
    const rsa = await createKey(kms, { KeySpec: 'RSA_2048' });
    const external = await createKey(kms, { Origin: 'EXTERNAL' });
    const disabled = await createKey(kms);
    await kms.ok('DisableKey', { KeyId: disabled.KeyId });
    const enable = { EnableAutomaticRotation: 'true', RotationInterval: '30d' };
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: rsa.KeyId, ...enable }), 'Rejected.UnsupportedOperation', 400);
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: external.KeyId, ...enable }), 'Rejected.UnsupportedOperation', 400);
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: disabled.KeyId, ...enable }), 'Rejected.Disabled', 409);
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: disabled.KeyId }), 'MissingParameter', 400);
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: disabled.KeyId, EnableAutomaticRotation: 'true' }), 'MissingParameter', 400);
    expectError(await kms.call('UpdateRotationPolicy', { KeyId: disabled.KeyId, EnableAutomaticRotation: 'true', RotationInterval: '731d' }), 'InvalidParameter', 400);
  });
});
