import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LockConflictError, StateFileError, startEmulator } from '../../src/emulator/index.js';
import { DAY_MS, T0, createKey, expectError, startTest, tempDir } from './helpers.js';
import { assumeRoleKms } from './sts-helpers.js';

function startFails(statePath: string): Promise<unknown> {
  return startEmulator({ port: 0, env: {}, statePath }).then(
    async (emulator) => {
      await emulator.close();
      throw new Error('expected the start to fail');
    },
    (error: unknown) => error,
  );
}

describe('state file', () => {
  test('keys, versions, aliases and the clock survive a restart', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ statePath: state });
    const key = await createKey(first.kms, { KeySpec: 'RSA_2048', RegionId: 'cn-shanghai' });
    await first.kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/kept', RegionId: 'cn-shanghai' });
    first.emulator.clock.advance(7 * DAY_MS);
    const version = (await first.kms.ok('CreateKeyVersion', { KeyId: key.KeyId, RegionId: 'cn-shanghai' })).KeyVersion;
    const before = (await first.kms.ok('DescribeKey', { KeyId: key.KeyId, RegionId: 'cn-shanghai' })).KeyMetadata;
    await first.emulator.close();

    const second = await startTest({ statePath: state, now: undefined });
    expect(second.emulator.clock.now().toISOString()).toBe('2026-01-17T08:00:00.000Z');
    expect((await second.kms.ok('DescribeKey', { KeyId: 'alias/kept', RegionId: 'cn-shanghai' })).KeyMetadata).toEqual(before);
    expect(before).toMatchObject({ PrimaryKeyVersion: version.KeyVersionId, LastRotationDate: version.CreationDate });
    expectError(await second.kms.call('CreateKeyVersion', { KeyId: key.KeyId, RegionId: 'cn-shanghai' }), 'Rejected.UnsupportedOperation', 400);
  });

  test('accounts, their keys, aliases and roles, declared instances and the base account survive a restart', async () => {
    const state = join(tempDir(), 'state.json');
    const seed = { accountUid: '5550000000000001', accounts: [{ uid: '2234567890123456', roles: ['kmsctl'] }], instances: [{ id: 'kst-hzz0kept', kind: 'software' as const }] };
    const first = await startTest({ statePath: state, seed });
    const other = await assumeRoleKms(first.emulator.url, 'acs:ram::2234567890123456:role/kmsctl');
    const theirs = (await other.ok('CreateKey', { DKMSInstanceId: (await other.ok('ListKmsInstances')).KmsInstances.KmsInstance[0].KmsInstanceId })).KeyMetadata;
    await other.ok('CreateAlias', { KeyId: theirs.KeyId, AliasName: 'alias/theirs' });
    const mine = await createKey(first.kms, { DKMSInstanceId: 'kst-hzz0kept' });
    await first.emulator.close();

    const second = await startTest({ statePath: state, now: undefined });
    expect(second.emulator.uid).toBe('5550000000000001');
    expect((await second.kms.ok('DescribeKey', { KeyId: mine.KeyId })).KeyMetadata).toEqual(mine);
    expectError(await second.kms.call('DescribeKey', { KeyId: theirs.KeyId }), 'Forbidden.KeyNotFound', 404);
    const again = await assumeRoleKms(second.emulator.url, 'acs:ram::2234567890123456:role/kmsctl');
    expect((await again.ok('DescribeKey', { KeyId: 'alias/theirs' })).KeyMetadata).toEqual(theirs);
    expect((await second.kms.ok('GetKmsInstance', { KmsInstanceId: 'kst-hzz0kept' })).KmsInstance.InstanceId).toBe('kst-hzz0kept');
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved).toMatchObject({ version: 2, baseAccount: '5550000000000001', accounts: [{ uid: '2234567890123456', roles: ['kmsctl'] }] });
    expect(saved.keys.map((key: { account: string }) => key.account).sort()).toEqual(['2234567890123456', '5550000000000001']);
  });

  test('a state file of the previous format (version 1) loads into the base account, and is written anew as version 2', async () => {
    const state = join(tempDir(), 'state.json');
    const key = (id: string, extra: object) => ({
      keyId: id, region: 'cn-hangzhou', keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY', keyState: 'Enabled', origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE',
      dkmsInstanceId: '', description: '', creationDate: '2026-01-01T00:00:00Z', creator: '1234567890123456', deleteDate: '', stateBeforeDeletion: '',
      automaticRotation: 'Disabled', rotationIntervalSeconds: 0, versions: [{ keyVersionId: `${id}-v1`, creationDate: '2026-01-01T00:00:00Z' }], ...extra,
    });
    writeFileSync(state, JSON.stringify({
      format: 'kmsctl-emulator-state',
      version: 1,
      clock: { frozenAt: '2026-01-10T08:00:00.000Z' },
      keys: [key('key-old', {}), key('key-in-store', { protectionLevel: 'HSM', dkmsInstanceId: 'kst-hzz0oldstore' })],
      aliases: [{ region: 'cn-hangzhou', aliasName: 'alias/old', keyId: 'key-old' }],
    }));
    const { kms } = await startTest({ statePath: state, now: undefined, uid: '5550000000000009' });
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/old' })).KeyMetadata).toMatchObject({ KeyId: 'key-old', Arn: 'acs:kms:cn-hangzhou:5550000000000009:key/key-old', DeletionProtection: 'Disabled' });
    // The private key store of then is a hardware instance now, so the key keeps its placement and its refusal.
    expect((await kms.ok('GetKmsInstance', { KmsInstanceId: 'kst-hzz0oldstore' })).KmsInstance.ProductType).toContain('hardware');
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'key-in-store' }), 'Rejected.UnsupportedOperation', 400);
    await createKey(kms);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ version: 2, baseAccount: '5550000000000009' });
  });

  test('a running clock keeps its offset across a restart', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startEmulator({ port: 0, env: {}, statePath: state });
    first.clock.advance(30 * DAY_MS);
    await first.close();
    const second = await startEmulator({ port: 0, env: {}, statePath: state });
    const offset = second.clock.now().getTime() - Date.now();
    await second.close();
    expect(offset).toBeGreaterThan(30 * DAY_MS - 60_000);
    expect(offset).toBeLessThan(30 * DAY_MS + 60_000);
  });

  test('an explicit start time wins over the clock in the state file', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ statePath: state });
    first.emulator.clock.advance(DAY_MS);
    await first.emulator.close();
    const { emulator } = await startTest({ statePath: state, now: '2026-06-01T00:00:00Z' });
    expect(emulator.clock.now().toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  test('the file is versioned JSON with mode 0600 and is rewritten after every change', async () => {
    const state = join(tempDir(), 'state.json');
    const { kms } = await startTest({ statePath: state });
    expect(existsSync(state)).toBe(true);
    const empty = JSON.parse(readFileSync(state, 'utf8'));
    expect(empty).toMatchObject({
      format: 'kmsctl-emulator-state',
      version: 2,
      baseAccount: '1234567890123456',
      accounts: [],
      instances: [],
      keys: [],
      aliases: [],
      clock: { frozenAt: '2026-01-10T08:00:00.000Z' },
    });
    const key = await createKey(kms);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved.keys.map((k: { keyId: string }) => k.keyId)).toEqual([key.KeyId]);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(state, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('the file holds no secret', async () => {
    const state = join(tempDir(), 'state.json');
    const { kms } = await startTest({ statePath: state, accessKeyId: 'id-x', accessKeySecret: 'very-secret-value' }, { accessKeyId: 'id-x', accessKeySecret: 'very-secret-value' });
    await createKey(kms);
    expect(readFileSync(state, 'utf8')).not.toContain('very-secret-value');
  });

  test.each([
    ['not JSON', '{"format": "kmsctl-emulator-state", '],
    ['empty', ''],
    ['another program\'s JSON', '{"name": "something else"}'],
    ['a newer format version', '{"format":"kmsctl-emulator-state","version":3,"keys":[],"aliases":[],"clock":{"offsetMs":0}}'],
    ['a damaged key', '{"format":"kmsctl-emulator-state","version":1,"keys":[{"keyId":"k"}],"aliases":[],"clock":{"offsetMs":0}}'],
    ['an alias of a missing key', '{"format":"kmsctl-emulator-state","version":1,"keys":[],"aliases":[{"region":"cn-hangzhou","aliasName":"alias/a","keyId":"k"}],"clock":{"offsetMs":0}}'],
  ])('a state file that is %s stops the start with an error naming the file, and is left untouched', async (_name, text) => {
    const state = join(tempDir(), 'state.json');
    writeFileSync(state, text);
    const error = await startFails(state);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).file).toBe(state);
    expect((error as Error).message).toContain(state);
    expect(readFileSync(state, 'utf8')).toBe(text);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  test('a second emulator on the same state file is refused while the first runs', async () => {
    const state = join(tempDir(), 'state.json');
    await startTest({ statePath: state });
    expect(readFileSync(`${state}.lock`, 'utf8').trim()).toBe(String(process.pid));
    const error = await startFails(state);
    expect(error).toBeInstanceOf(LockConflictError);
    expect((error as LockConflictError).ownerPid).toBe(process.pid);
  });

  test('closing the emulator releases the lock, so the file can be used again', async () => {
    const state = join(tempDir(), 'state.json');
    const { emulator } = await startTest({ statePath: state });
    await emulator.close();
    expect(existsSync(`${state}.lock`)).toBe(false);
    await startTest({ statePath: state });
  });

  test('a lock left by a process that no longer runs is taken over', async () => {
    const state = join(tempDir(), 'state.json');
    writeFileSync(`${state}.lock`, '999999999\n');
    await startTest({ statePath: state });
    expect(readFileSync(`${state}.lock`, 'utf8').trim()).toBe(String(process.pid));
  });

  test('a lock naming this process but not held by it was left by an earlier process with the same pid, and is taken over', async () => {
    const state = join(tempDir(), 'state.json');
    writeFileSync(`${state}.lock`, `${process.pid}\n`);
    await startTest({ statePath: state });
    const error = await startFails(state);
    expect(error).toBeInstanceOf(LockConflictError);
  });

  test('a failed save rolls the change back and answers InternalFailure (500)', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    const { kms, emulator } = await startTest({ statePath: state });
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    emulator.clock.advance(7 * DAY_MS);
    rmSync(dir, { recursive: true, force: true });
    expectError(await kms.call('CreateKeyVersion', { KeyId: key.KeyId }), 'InternalFailure', 500);
    expect((await kms.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.LastRotationDate).toBe(T0);
  });

  test('twenty concurrent CreateKeyVersion calls with a state file make exactly one version, on disk too', async () => {
    const state = join(tempDir(), 'state.json');
    const { kms, emulator } = await startTest({ statePath: state });
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    emulator.clock.advance(7 * DAY_MS);
    const results = await Promise.all(Array.from({ length: 20 }, () => kms.call('CreateKeyVersion', { KeyId: key.KeyId }, { transport: 'post-form' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved.keys[0].versions).toHaveLength(2);
  });

  test('a state file in a missing directory stops the start with an error naming the file', async () => {
    const state = join(tempDir(), 'no-such-dir', 'state.json');
    const error = await startFails(state);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).file).toBe(state);
  });

  test('a memory-only emulator writes no file', async () => {
    const { emulator } = await startTest();
    expect(emulator.statePath).toBeUndefined();
  });
});
