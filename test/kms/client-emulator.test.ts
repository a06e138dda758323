/**
 * The real client against the in-process emulator (a real HTTP server on loopback, port 0): the
 * CreateKeyVersion rules end to end, alias resolution and the not-found codes.
 */
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import type { KmsClient } from '../../src/kms/client.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsApiError } from '../../src/kms/errors.js';

const REGION = 'cn-hangzhou';
let emulator: RunningEmulator;
let clients: KmsClients;
let kms: KmsClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, env: {} });
  clients = createKmsClients({
    endpoint: emulator.url,
    env: {},
    credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, 'emulator demo'),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  kms = clients.forRegion(REGION);
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

async function apiCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KmsApiError) return error.code;
    throw error;
  }
  return 'no error';
}

async function advanceClock(advance: string): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance }) });
  expect(response.status).toBe(200);
}

describe('the client against the emulator', () => {
  test('create key, describe, version refused within 7 days, advance the clock, create and read the version', async () => {
    const created = await kms.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY', description: 'client emulator test' });
    const keyId = created.value.keyId;
    expect(created.value).toMatchObject({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY', keyState: 'Enabled', description: 'client emulator test' });
    expect(created.requestId).not.toBe('');

    const described = await kms.describeKey(keyId);
    expect(described.value.keyId).toBe(keyId);
    expect(described.value.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(described.value.lastRotationDate).toBeDefined();
    expect(described.value.dkmsInstanceId).toBeUndefined();
    const initial = await kms.listKeyVersions(keyId);
    expect(initial.value).toHaveLength(1);

    expect(await apiCode(kms.createKeyVersion(keyId))).toBe('Rejected.UnsupportedOperation');

    await advanceClock('7d');
    const version = await kms.createKeyVersion(keyId);
    expect(version.value.keyId).toBe(keyId);

    const listed = await kms.listKeyVersions(keyId);
    expect(listed.value).toHaveLength(2);
    expect(listed.value.map((v) => v.keyVersionId)).toContain(version.value.keyVersionId);
    expect(listed.value[1]?.keyVersionId).toBe(version.value.keyVersionId);
    expect(listed.value[0]!.creationDate <= listed.value[1]!.creationDate).toBe(true);

    const one = await kms.describeKeyVersion(keyId, version.value.keyVersionId);
    expect(one.value).toEqual(version.value);

    // A second version right away is within 7 days of the first.
    expect(await apiCode(kms.createKeyVersion(keyId))).toBe('Rejected.UnsupportedOperation');
  });

  test('an alias resolves in DescribeKey and DescribeKeyVersion to the key ID', async () => {
    const { value: key } = await kms.createKey({ keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY' });
    const alias = `alias/client-test-${randomUUID().slice(0, 8)}`;
    await kms.createAlias(alias, key.keyId);
    expect((await kms.describeKey(alias)).value.keyId).toBe(key.keyId);
    const [initial] = (await kms.listKeyVersions(key.keyId)).value;
    expect((await kms.describeKeyVersion(alias, initial!.keyVersionId)).value.keyId).toBe(key.keyId);
    expect((await kms.listAliases()).value.map((a) => a.aliasName)).toContain(alias);
    expect((await kms.listAliasesByKeyId(key.keyId)).value).toEqual([expect.objectContaining({ aliasName: alias, keyId: key.keyId })]);
    expect((await kms.listKeys()).value.map((k) => k.keyId)).toContain(key.keyId);
    expect(await apiCode(kms.createAlias(alias, key.keyId))).toBe('Rejected.ResourceExist');
  });

  test('unknown keys, aliases and versions give the not-found codes', async () => {
    const { value: key } = await kms.createKey({ keySpec: 'RSA_3072', keyUsage: 'SIGN/VERIFY' });
    expect(await apiCode(kms.describeKey(randomUUID()))).toBe('Forbidden.KeyNotFound');
    expect(await apiCode(kms.describeKey('alias/does-not-exist'))).toBe('Forbidden.AliasNotFound');
    expect(await apiCode(kms.describeKeyVersion(key.keyId, randomUUID()))).toBe('Forbidden.KeyVersionNotFound');
    expect(await apiCode(kms.createKeyVersion(randomUUID()))).toBe('Forbidden.KeyNotFound');
  });

  test('a symmetric key cannot get a version, a disabled key is rejected, and deletion is scheduled', async () => {
    const { value: symmetric } = await kms.createKey({ keySpec: 'Aliyun_AES_256' });
    expect(await apiCode(kms.createKeyVersion(symmetric.keyId))).toBe('Rejected.UnsupportedOperation');

    const { value: key } = await kms.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' });
    await advanceClock('8d');
    await kms.disableKey(key.keyId);
    expect((await kms.describeKey(key.keyId)).value.keyState).toBe('Disabled');
    expect(await apiCode(kms.createKeyVersion(key.keyId))).toBe('Rejected.Disabled');
    await kms.enableKey(key.keyId);
    await kms.scheduleKeyDeletion(key.keyId, 7);
    expect((await kms.describeKey(key.keyId)).value.keyState).toBe('PendingDeletion');
    expect(await apiCode(kms.createKeyVersion(key.keyId))).toBe('Rejected.PendingDeletion');
  });

  test('a wrong secret gives SignatureDoesNotMatch and the error does not show the secret', async () => {
    const wrong = createKmsClients({ endpoint: emulator.url, env: {}, credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: 'not-the-demo-secret' }) });
    try {
      const error = await wrong.forRegion(REGION).describeKey('alias/anything').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400 });
      expect(inspect(error, { showHidden: true })).not.toContain('not-the-demo-secret');
    } finally {
      await wrong.close();
    }
  });

  test('an unknown access key gives InvalidAccessKeyId.NotFound', async () => {
    const unknown = createKmsClients({ endpoint: emulator.url, env: {}, credentials: new StaticCredentialsProvider({ accessKeyId: 'DUMMY0NobodyKnowsMe', accessKeySecret: 'x-secret' }) });
    try {
      expect(await apiCode(unknown.forRegion(REGION).describeKey('alias/anything'))).toBe('InvalidAccessKeyId.NotFound');
    } finally {
      await unknown.close();
    }
  });
});
