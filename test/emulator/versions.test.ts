import { describe, expect, test } from 'vitest';
import { DAY_MS, T0, createKey, expectError, startTest } from './helpers.js';

describe('key versions', () => {
  test('CreateKeyVersion within 7 days of LastRotationDate is Rejected.UnsupportedOperation, at exactly 7 days it succeeds', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.UnsupportedOperation', 400);
    emulator.clock.advance(7 * DAY_MS - 1000);
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.UnsupportedOperation', 400);
    emulator.clock.advance(1000);
    const created = (await kms.ok('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion;
    expect(created).toEqual({ KeyId: key.KeyId, KeyVersionId: expect.stringMatching(/^[0-9a-f-]{36}$/), CreationDate: '2026-01-17T08:00:00Z' });
    const described = (await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    expect(described).toMatchObject({ CreationDate: T0, LastRotationDate: '2026-01-17T08:00:00Z', PrimaryKeyVersion: created.KeyVersionId });
  });

  test('the 7-day rejection names the earliest time a new version is allowed', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'EC_P256' });
    expect((await kms.call('CreateKeyVersion', { KeyId: key.KeyId })).body.Message).toContain('2026-01-17T08:00:00Z');
  });

  test('CreateKeyVersion accepts an alias and answers with the resolved key ID', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_4096' });
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/rotating' });
    emulator.clock.advance(8 * DAY_MS);
    expect((await kms.ok('CreateKeyVersion', { KeyId: 'alias/rotating' })).KeyVersion.KeyId).toBe(key.KeyId);
  });

  test('a symmetric key cannot get a version: Rejected.UnsupportedOperation', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms);
    emulator.clock.advance(30 * DAY_MS);
    const response = await kms.call('CreateKeyVersion', { KeyId: key.KeyId });
    expectError(response, 'Rejected.UnsupportedOperation', 400, 'kms');
    expect(response.body.Message).toContain('classic.asymmetric-only');
  });

  test('an EXTERNAL key cannot get a version: Rejected.UnsupportedOperation naming the rule', async () => {
    const { kms, emulator } = await startTest({
      seed: { keys: [{ id: 'key-byok', spec: 'RSA_2048', origin: 'EXTERNAL', state: 'Enabled', creationDate: '-30d' }] },
    });
    emulator.clock.advance(30 * DAY_MS);
    const response = await kms.call('CreateKeyVersion', { KeyId: 'key-byok' });
    expectError(response, 'Rejected.UnsupportedOperation', 400, 'kms');
    expect(response.body.Message).toContain('classic.external-single-version');
  });

  test.each([
    ['Disabled', 'Rejected.Disabled'],
    ['PendingDeletion', 'Rejected.PendingDeletion'],
  ])('a %s key cannot get a version: %s (409)', async (state, code) => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    if (state === 'Disabled') await kms.ok('DisableKey', { KeyId: key.KeyId });
    else await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '30' });
    emulator.clock.advance(8 * DAY_MS);
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), code, 409);
  });

  test('an asymmetric EXTERNAL key pending import is refused as EXTERNAL (permanent) rather than as PendingImport', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048', Origin: 'EXTERNAL' });
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.UnsupportedOperation', 400);
  });

  test('the 51st version is Rejected.LimitExceeded: the initial version counts among the 50', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    for (let i = 0; i < 49; i += 1) {
      emulator.clock.advance(7 * DAY_MS);
      await kms.ok('CreateKeyVersion', { KeyId: key.KeyId });
    }
    emulator.clock.advance(7 * DAY_MS);
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.LimitExceeded', 400);
    expect((await kms.ok('ListKeyVersions', { KeyId: key.KeyId })).TotalCount).toBe(50);
  });

  test('twenty concurrent CreateKeyVersion calls on one key make exactly one version', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    emulator.clock.advance(7 * DAY_MS);
    const transports = ['get', 'post-form', 'post-split', 'v3-query'] as const;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => kms.call('CreateKeyVersion', { KeyId: key.KeyId }, { transport: transports[i % 4] })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body.Code === 'Rejected.UnsupportedOperation')).toHaveLength(19);
    expect((await kms.ok('ListKeyVersions', { KeyId: key.KeyId })).TotalCount).toBe(2);
  });

  test('DescribeKeyVersion with an alias answers with the resolved key ID; an unknown version is Forbidden.KeyVersionNotFound', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/v' });
    const described = await kms.ok('DescribeKeyVersion', { KeyId: 'alias/v', KeyVersionId: key.PrimaryKeyVersion });
    expect(described.KeyVersion).toEqual({ KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion, CreationDate: T0 });
    expectError(await kms.call('DescribeKeyVersion', { KeyId: key.KeyId, KeyVersionId: '00000000-0000-0000-0000-000000000000' }), 'Forbidden.KeyVersionNotFound', 404);
    expectError(await kms.call('DescribeKeyVersion', { KeyId: key.KeyId }), 'MissingParameter', 400);
    expectError(await kms.call('DescribeKeyVersion', { KeyId: 'alias/none', KeyVersionId: key.PrimaryKeyVersion }), 'Forbidden.AliasNotFound', 404);
  });

  test('a version of another key is Forbidden.KeyVersionNotFound', async () => {
    const { kms } = await startTest();
    const a = await createKey(kms, { KeySpec: 'RSA_2048' });
    const b = await createKey(kms, { KeySpec: 'RSA_2048' });
    expectError(await kms.call('DescribeKeyVersion', { KeyId: a.KeyId, KeyVersionId: b.PrimaryKeyVersion }), 'Forbidden.KeyVersionNotFound', 404);
  });

  test('ListKeyVersions pages in creation order', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'EC_SM2' });
    const ids = [key.PrimaryKeyVersion];
    for (let i = 0; i < 4; i += 1) {
      emulator.clock.advance(10 * DAY_MS);
      ids.push((await kms.ok('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion.KeyVersionId);
    }
    const page1 = await kms.ok('ListKeyVersions', { KeyId: key.KeyId, PageSize: '3' });
    const page2 = await kms.ok('ListKeyVersions', { KeyId: key.KeyId, PageSize: '3', PageNumber: '2' });
    const listed = [...page1.KeyVersions.KeyVersion, ...page2.KeyVersions.KeyVersion].map((v: { KeyVersionId: string }) => v.KeyVersionId);
    expect(listed).toEqual(ids);
    expect(page2).toMatchObject({ PageNumber: 2, PageSize: 3, TotalCount: 5 });
    expectError(await kms.call('ListKeyVersions', { KeyId: key.KeyId, PageSize: '0' }), 'InvalidParameter', 400);
  });
});
