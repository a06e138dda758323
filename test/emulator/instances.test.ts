/**
 * KMS instances: the default software and hardware instance of each account and region, keys placed in
 * them, the IDs they get, and CreateKeyVersion by the rules of each edition (src/service-rules).
 */
import { describe, expect, test } from 'vitest';
import { DAY_MS, createKey, expectError, startTest } from './helpers.js';
import type { TestKms } from './signed-client.js';
import { assumeRoleKms } from './sts-helpers.js';

/** The caller's default instances in the request's region, by kind. */
async function defaults(kms: Pick<TestKms, 'ok'>, params: Record<string, string> = {}): Promise<{ software: string; hardware: string }> {
  const ids: string[] = (await kms.ok('ListKmsInstances', params)).KmsInstances.KmsInstance.map((i: { KmsInstanceId: string }) => i.KmsInstanceId);
  const kinds = await Promise.all(ids.map(async (id) => [(await kms.ok('GetKmsInstance', { KmsInstanceId: id, ...params })).KmsInstance.ProductType, id] as const));
  const find = (kind: string) => kinds.find(([type]) => type.includes(kind))?.[1] ?? '';
  return { software: find('software'), hardware: find('hardware') };
}

describe('KMS instances', () => {
  test('every account has a software and a hardware instance in each region, listed and described', async () => {
    const { kms } = await startTest();
    const listed = await kms.ok('ListKmsInstances');
    expect(listed).toMatchObject({ PageNumber: 1, TotalCount: 2 });
    for (const entry of listed.KmsInstances.KmsInstance) {
      expect(entry).toEqual({ KmsInstanceId: expect.stringMatching(/^kst-hzz[a-z0-9]{17}$/), KmsInstanceArn: `acs:kms:cn-hangzhou:1234567890123456:keystore/${entry.KmsInstanceId}` });
    }
    const { software, hardware } = await defaults(kms);
    expect((await kms.ok('GetKmsInstance', { KmsInstanceId: software })).KmsInstance).toMatchObject({ InstanceId: software, Status: 'Connected', KeyNum: 1000, ProductVersion: '3' });
    expect(hardware).not.toBe(software);
    const shanghai = await defaults(kms, { RegionId: 'cn-shanghai' });
    expect(shanghai.software).toMatch(/^kst-shh/);
    expect(shanghai.software).not.toBe(software);
  });

  test('an unknown instance, or another account\'s, is not found (404)', async () => {
    const { kms, emulator } = await startTest();
    const { software } = await defaults(kms);
    expectError(await kms.call('GetKmsInstance', { KmsInstanceId: 'kst-hzz0none' }), 'Forbidden.ResourceNotFound', 404, 'kms');
    const other = await assumeRoleKms(emulator.url, 'acs:ram::2234567890123456:role/kmsctl');
    expectError(await other.call('GetKmsInstance', { KmsInstanceId: software }), 'Forbidden.ResourceNotFound', 404);
    expect((await defaults(other)).software).not.toBe(software);
  });

  test('CreateKey with DKMSInstanceId places the key there: a key-<tag> ID, versions <keyId>-<suffix>, the instance\'s protection level', async () => {
    const { kms } = await startTest();
    const { software, hardware } = await defaults(kms);
    const key = await createKey(kms, { DKMSInstanceId: software });
    expect(key).toMatchObject({ KeyId: expect.stringMatching(/^key-hzz[a-z0-9]{20}$/), DKMSInstanceId: software, ProtectionLevel: 'SOFTWARE' });
    expect(key.PrimaryKeyVersion).toMatch(new RegExp(`^${key.KeyId}-[a-z0-9]{10}$`));
    expect(await createKey(kms, { DKMSInstanceId: hardware, ProtectionLevel: 'SOFTWARE' })).toMatchObject({ DKMSInstanceId: hardware, ProtectionLevel: 'HSM' });
    const classic = await createKey(kms);
    expect(classic.PrimaryKeyVersion).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('CreateKey in an unknown instance is refused (404) and makes no key', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('CreateKey', { DKMSInstanceId: 'kst-hzz0none' }), 'Forbidden.ResourceNotFound', 404, 'kms');
    expect((await kms.ok('ListKeys')).TotalCount).toBe(0);
  });

  test('a symmetric key in a software instance gets versions at once and again, of the instance form', async () => {
    const { kms } = await startTest();
    const { software } = await defaults(kms);
    const key = await createKey(kms, { DKMSInstanceId: software });
    const first = (await kms.ok('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion;
    const second = (await kms.ok('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion;
    expect(first.KeyVersionId).toMatch(new RegExp(`^${key.KeyId}-[a-z0-9]{10}$`));
    expect(second.KeyVersionId).not.toBe(first.KeyVersionId);
    expect((await kms.ok('ListKeyVersions', { KeyId: key.KeyId })).TotalCount).toBe(3);
  });

  test.each([
    ['an asymmetric key in a software instance', 'software', { KeySpec: 'RSA_2048' }, 'instance.symmetric-only'],
    ['a key in a hardware instance', 'hardware', {}, 'instance.software-instance-only'],
  ])('%s cannot get a version: Rejected.UnsupportedOperation naming the KMS-instance rule', async (_name, kind, params, rule) => {
    const { kms } = await startTest();
    const instances = await defaults(kms);
    const key = await createKey(kms, { DKMSInstanceId: kind === 'software' ? instances.software : instances.hardware, ...params });
    const response = await kms.call('CreateKeyVersion', { KeyId: key.KeyId });
    expectError(response, 'Rejected.UnsupportedOperation', 400, 'kms');
    expect(response.body.Message).toContain(`rule ${rule} (KMS instance edition`);
  });

  test('a symmetric classic key cannot get a version: the classic rule', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms);
    emulator.clock.advance(30 * DAY_MS);
    const response = await kms.call('CreateKeyVersion', { KeyId: key.KeyId });
    expectError(response, 'Rejected.UnsupportedOperation', 400, 'kms');
    expect(response.body.Message).toContain('rule classic.asymmetric-only (classic shared KMS edition');
  });

  test('a disabled key in a software instance is refused for its state (409)', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { DKMSInstanceId: (await defaults(kms)).software });
    await kms.ok('DisableKey', { KeyId: key.KeyId });
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.Disabled', 409, 'kms');
  });

  test('each version uses a unit of the instance\'s key quota: once used up, Rejected.LimitExceeded', async () => {
    const { kms } = await startTest({ seed: { instances: [{ id: 'kst-hzz0small', kind: 'software', keyNum: 3 }] } });
    const key = await createKey(kms, { DKMSInstanceId: 'kst-hzz0small' });
    await kms.ok('CreateKeyVersion', { KeyId: key.KeyId });
    await kms.ok('CreateKeyVersion', { KeyId: key.KeyId });
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'Rejected.LimitExceeded', 400, 'kms');
    expectError(await kms.call('CreateKey', { DKMSInstanceId: 'kst-hzz0small' }), 'Rejected.LimitExceeded', 400, 'kms');
    await kms.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' });
    expect((await kms.ok('ListKeyVersions', { KeyId: key.KeyId })).TotalCount).toBe(3);
  });

  test('a seed declares instances with their kind and quota, and places keys in them', async () => {
    const { kms } = await startTest({
      seed: {
        instances: [{ id: 'kst-hzz0declared', kind: 'hardware', name: 'payments-hsm', keyNum: 50 }],
        keys: [{ id: 'key-hzz0inhsm', spec: 'RSA_2048', dkmsInstanceId: 'kst-hzz0declared' }],
      },
    });
    expect((await kms.ok('GetKmsInstance', { KmsInstanceId: 'kst-hzz0declared' })).KmsInstance).toMatchObject({ InstanceName: 'payments-hsm', KeyNum: 50 });
    expect((await kms.ok('ListKmsInstances')).TotalCount).toBe(3);
    const key = (await kms.ok('DescribeKey', { KeyId: 'key-hzz0inhsm' })).KeyMetadata;
    expect(key).toMatchObject({ DKMSInstanceId: 'kst-hzz0declared', ProtectionLevel: 'HSM' });
    expect(key.PrimaryKeyVersion).toMatch(/^key-hzz0inhsm-[a-z0-9]{10}$/);
  });
});
