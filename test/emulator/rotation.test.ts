/**
 * Automatic rotation: once the emulator clock passes an Enabled key's NextRotationDate, the key gets a
 * version dated at that instant, one per interval missed, as the service rotates such keys itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DAY_MS, T0, createKey, startTest, tempDir } from './helpers.js';

type Version = { KeyVersionId: string; CreationDate: string };

async function versions(kms: Awaited<ReturnType<typeof startTest>>['kms'], keyId: string): Promise<Version[]> {
  return (await kms.ok('ListKeyVersions', { KeyId: keyId, PageSize: '100' })).KeyVersions.KeyVersion;
}

describe('automatic rotation', () => {
  test('the clock passing NextRotationDate gives the key a version dated then, and its dates move', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '30d' });
    emulator.clock.advance(30 * DAY_MS - 1000);
    expect(await versions(kms, key.KeyId)).toHaveLength(1);
    emulator.clock.advance(1000);
    const listed = await versions(kms, key.KeyId);
    expect(listed.map((v) => v.CreationDate)).toEqual([T0, '2026-02-09T08:00:00Z']);
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata).toMatchObject({
      LastRotationDate: '2026-02-09T08:00:00Z',
      PrimaryKeyVersion: listed[1]?.KeyVersionId,
      NextRotationDate: '2026-03-11T08:00:00Z',
    });
  });

  test('one version per interval missed, each dated at its own rotation time', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '7d' });
    emulator.clock.advance(22 * DAY_MS);
    expect((await versions(kms, key.KeyId)).map((v) => v.CreationDate)).toEqual([T0, '2026-01-17T08:00:00Z', '2026-01-24T08:00:00Z', '2026-01-31T08:00:00Z']);
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.NextRotationDate).toBe('2026-02-07T08:00:00Z');
  });

  test('a key that is not Enabled is not rotated while it is not', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '7d' });
    await kms.ok('DisableKey', { KeyId: key.KeyId });
    emulator.clock.advance(30 * DAY_MS);
    expect(await versions(kms, key.KeyId)).toHaveLength(1);
  });

  test('a key without a policy, or whose policy was turned off, is never rotated', async () => {
    const { kms, emulator } = await startTest();
    const plain = await createKey(kms);
    const stopped = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '7d' });
    await kms.ok('UpdateRotationPolicy', { KeyId: stopped.KeyId, EnableAutomaticRotation: 'false' });
    emulator.clock.advance(60 * DAY_MS);
    expect(await versions(kms, plain.KeyId)).toHaveLength(1);
    expect(await versions(kms, stopped.KeyId)).toHaveLength(1);
  });

  test('a seeded key rotated by the service before the start shows the versions it got', async () => {
    const { kms } = await startTest({ seed: { keys: [{ id: 'key-rotating', rotationInterval: '90d', creationDate: '-100d' }] } });
    expect((await versions(kms, 'key-rotating')).map((v) => v.CreationDate)).toEqual(['2025-10-02T08:00:00Z', '2025-12-31T08:00:00Z']);
  });

  test('rotations are persisted with the state', async () => {
    const state = join(tempDir(), 'state.json');
    const { kms, emulator } = await startTest({ statePath: state });
    const key = await createKey(kms, { EnableAutomaticRotation: 'true', RotationInterval: '7d' });
    emulator.clock.advance(7 * DAY_MS);
    await kms.ok('ListKeys');
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved.keys.find((k: { keyId: string }) => k.keyId === key.KeyId).versions).toHaveLength(2);
  });

  test('a key in a KMS instance gets rotated versions of the instance form', async () => {
    const { kms, emulator } = await startTest();
    const software = (await kms.ok('ListKmsInstances')).KmsInstances.KmsInstance[0].KmsInstanceId;
    const key = await createKey(kms, { DKMSInstanceId: software, EnableAutomaticRotation: 'true', RotationInterval: '7d' });
    emulator.clock.advance(7 * DAY_MS);
    expect((await versions(kms, key.KeyId))[1]?.KeyVersionId).toMatch(new RegExp(`^${key.KeyId}-[a-z0-9]{10}$`));
  });
});
