/**
 * DescribeKey as the DescribeKey reference gives it: fields left out when they do not apply,
 * AutomaticRotation Suspended, deletion protection, and the Unavailable state.
 */
import { describe, expect, test } from 'vitest';
import { createKey, expectError, startTest } from './helpers.js';

describe('DescribeKey', () => {
  test('DeleteDate is there only while the key is PendingDeletion', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expect(key).not.toHaveProperty('DeleteDate');
    await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.DeleteDate).toBe('2026-01-17T08:00:00Z');
    await kms.ok('CancelKeyDeletion', { KeyId: key.KeyId });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).not.toHaveProperty('DeleteDate');
  });

  test('RotationInterval and NextRotationDate are there only while AutomaticRotation is Enabled or Suspended', async () => {
    const { kms } = await startTest();
    const plain = await createKey(kms);
    expect(plain.AutomaticRotation).toBe('Disabled');
    expect(plain).not.toHaveProperty('RotationInterval');
    expect(plain).not.toHaveProperty('NextRotationDate');
    const rotating = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '30d' });
    expect(rotating).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '2592000s', NextRotationDate: '2026-02-09T08:00:00Z' });
  });

  test('a key with a rotation policy shows Suspended while it is not Enabled, with its interval and next date, and Enabled again once enabled', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '30d' });
    await kms.ok('DisableKey', { KeyId: key.KeyId });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toMatchObject({
      KeyState: 'Disabled',
      AutomaticRotation: 'Suspended',
      RotationInterval: '2592000s',
      NextRotationDate: '2026-02-09T08:00:00Z',
    });
    await kms.ok('EnableKey', { KeyId: key.KeyId });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.AutomaticRotation).toBe('Enabled');
    await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.AutomaticRotation).toBe('Suspended');
  });

  test('MaterialExpireTime is left out: no key\'s material expires in the emulator', async () => {
    const { kms } = await startTest();
    expect(await createKey(kms, { Origin: 'EXTERNAL' })).not.toHaveProperty('MaterialExpireTime');
  });
});

describe('deletion protection', () => {
  test('SetDeletionProtection turns it on with its description and off again; DescribeKey shows the description only while on', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expect(key.DeletionProtection).toBe('Disabled');
    expect(key).not.toHaveProperty('DeletionProtectionDescription');
    await kms.ok('SetDeletionProtection', { ProtectedResourceArn: key.Arn, EnableDeletionProtection: 'true', DeletionProtectionDescription: 'used by billing' });
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toMatchObject({ DeletionProtection: 'Enabled', DeletionProtectionDescription: 'used by billing' });
    await kms.ok('SetDeletionProtection', { KeyId: key.KeyId, EnableDeletionProtection: 'false' });
    const after = (await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    expect(after.DeletionProtection).toBe('Disabled');
    expect(after).not.toHaveProperty('DeletionProtectionDescription');
  });

  test('a protected key cannot be scheduled for deletion: 409 Rejected.StateModifiedFailed, and it stays Enabled', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    await kms.ok('SetDeletionProtection', { ProtectedResourceArn: key.Arn, EnableDeletionProtection: 'true' });
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' }), 'Rejected.StateModifiedFailed', 409, 'kms');
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Enabled');
  });

  test('SetDeletionProtection checks its parameters', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms);
    expectError(await kms.call('SetDeletionProtection', { KeyId: key.KeyId }), 'MissingParameter', 400, 'kms');
    expectError(await kms.call('SetDeletionProtection', { EnableDeletionProtection: 'true' }), 'MissingParameter', 400, 'kms');
    expectError(await kms.call('SetDeletionProtection', { KeyId: key.KeyId, EnableDeletionProtection: 'yes' }), 'InvalidParameter', 400, 'kms');
    expectError(await kms.call('SetDeletionProtection', { ProtectedResourceArn: 'acs:kms:cn-hangzhou:1234567890123456:key/key-none', EnableDeletionProtection: 'true' }), 'Forbidden.KeyNotFound', 404, 'kms');
  });

  test('a seed can protect a key', async () => {
    const { kms } = await startTest({ seed: { keys: [{ id: 'key-kept', deletionProtection: true, deletionProtectionDescription: 'audit' }] } });
    expect((await kms.ok('DescribeKey', { KeyId: 'key-kept' })).KeyMetadata).toMatchObject({ DeletionProtection: 'Enabled', DeletionProtectionDescription: 'audit' });
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: 'key-kept', PendingWindowInDays: '7' }), 'Rejected.StateModifiedFailed', 409);
  });
});

describe('the Unavailable state', () => {
  test('a seeded Unavailable key is refused CreateKeyVersion with Rejected.Unavailable (409), and cannot be enabled', async () => {
    const { kms } = await startTest({ seed: { keys: [{ id: 'key-gone-dark', spec: 'RSA_2048', state: 'Unavailable', creationDate: '-30d' }] } });
    expect((await kms.ok('DescribeKey', { KeyId: 'key-gone-dark' })).KeyMetadata.KeyState).toBe('Unavailable');
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'key-gone-dark' }), 'Rejected.Unavailable', 409, 'kms');
    expectError(await kms.call('EnableKey', { KeyId: 'key-gone-dark' }), 'Rejected.StateModifiedFailed', 409, 'kms');
  });
});
