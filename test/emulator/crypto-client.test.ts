/** kmsctl's client over the emulator's cryptographic actions: GetPublicKey, AsymmetricSign and AsymmetricVerify decoded as typed values. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsApiError } from '../../src/kms/errors.js';

let emulator: RunningEmulator;
let clients: KmsClients;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, env: {} });
  clients = createKmsClients({
    endpoint: emulator.url,
    env: {},
    credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, 'emulator demo'),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

describe('the client', () => {
  test('signs a digest, verifies it, and reads the public key that OpenSSL verifies it with', async () => {
    const kms = clients.forRegion('cn-hangzhou');
    const key = (await kms.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' })).value;
    const versionId = key.primaryKeyVersion ?? '';
    const digest = createHash('sha256').update('build 7').digest();
    const signed = await kms.asymmetricSign(key.keyId, versionId, 'RSA_PKCS1_SHA_256', digest);
    expect(signed.value).toEqual({ keyId: key.keyId, keyVersionId: versionId, signature: expect.any(String) });
    expect((await kms.asymmetricVerify(key.keyId, versionId, 'RSA_PKCS1_SHA_256', digest, signed.value.signature)).value.valid).toBe(true);
    expect((await kms.asymmetricVerify(key.keyId, versionId, 'RSA_PKCS1_SHA_256', Buffer.alloc(32), signed.value.signature)).value.valid).toBe(false);
    const { publicKeyPem } = (await kms.getPublicKey(key.keyId, versionId)).value;
    expect(verify('sha256', Buffer.from('build 7'), createPublicKey(publicKeyPem), Buffer.from(signed.value.signature, 'base64'))).toBe(true);
  });

  test('a refusal is a typed API error with the service code', async () => {
    const kms = clients.forRegion('cn-hangzhou');
    const key = (await kms.createKey()).value;
    const error = await kms.getPublicKey(key.keyId, key.primaryKeyVersion ?? '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsApiError);
    expect((error as KmsApiError).code).toBe('Rejected.UnsupportedOperation');
  });
});
