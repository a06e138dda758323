/**
 * The emulator against Alibaba Cloud's official Node SDKs: the old `@alicloud/pop-core` RPCClient
 * (V1, GET, or POST with a form body) and `@alicloud/kms20160120` 1.2 (V1, POST with the parameters in
 * the query). Both must see the service's answers and the service's error codes.
 */
import RPCClient from '@alicloud/pop-core';
import KmsModule, * as $Kms from '@alicloud/kms20160120';
import { Config } from '@alicloud/rpc-client';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

// Vitest hands the CommonJS default export over directly; TypeScript's NodeNext view wraps it in `.default`.
const KmsClient: typeof KmsModule.default = (KmsModule as { default?: typeof KmsModule.default }).default ?? (KmsModule as unknown as typeof KmsModule.default);

/** What the scenario needs from an SDK: a few calls, and failures reduced to HTTP status and Code. */
interface SdkAdapter {
  createKey(spec: string): Promise<{ keyId: string; creationDate: string; lastRotationDate: string; primaryKeyVersion: string }>;
  createKeyVersion(keyId: string): Promise<{ keyId: string; keyVersionId: string; creationDate: string }>;
  describeKeyVersion(keyId: string, versionId: string): Promise<{ keyId: string; keyVersionId: string; creationDate: string }>;
  listKeyVersionIds(keyId: string): Promise<string[]>;
  disableKey(keyId: string): Promise<void>;
}

interface SdkFailure {
  status: number;
  code: string;
}

const emulators: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function start(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, env: {} });
  emulators.push(emulator);
  return emulator;
}

async function advanceClock(emulator: RunningEmulator, advance: string): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advance }), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
}

async function failure(call: Promise<unknown>, read: (error: unknown) => SdkFailure): Promise<SdkFailure> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => read(error),
  );
}

// ---- @alicloud/pop-core --------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PopResult = any;

function popAdapter(url: string, secret: string, method: 'GET' | 'POST'): SdkAdapter {
  const client = new RPCClient({ endpoint: url, apiVersion: '2016-01-20', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: secret });
  const call = (action: string, params: Record<string, string>): Promise<PopResult> => client.request(action, params, { method });
  return {
    async createKey(spec) {
      const m = (await call('CreateKey', { KeySpec: spec })).KeyMetadata;
      return { keyId: m.KeyId, creationDate: m.CreationDate, lastRotationDate: m.LastRotationDate, primaryKeyVersion: m.PrimaryKeyVersion };
    },
    async createKeyVersion(keyId) {
      const v = (await call('CreateKeyVersion', { KeyId: keyId })).KeyVersion;
      return { keyId: v.KeyId, keyVersionId: v.KeyVersionId, creationDate: v.CreationDate };
    },
    async describeKeyVersion(keyId, versionId) {
      const v = (await call('DescribeKeyVersion', { KeyId: keyId, KeyVersionId: versionId })).KeyVersion;
      return { keyId: v.KeyId, keyVersionId: v.KeyVersionId, creationDate: v.CreationDate };
    },
    async listKeyVersionIds(keyId) {
      const body = await call('ListKeyVersions', { KeyId: keyId, PageSize: '100' });
      return body.KeyVersions.KeyVersion.map((v: { KeyVersionId: string }) => v.KeyVersionId);
    },
    async disableKey(keyId) {
      await call('DisableKey', { KeyId: keyId });
    },
  };
}

function popFailure(error: unknown): SdkFailure {
  const e = error as { code?: string; entry?: { response?: { statusCode?: number } } };
  return { status: e.entry?.response?.statusCode ?? 0, code: e.code ?? '' };
}

// ---- @alicloud/kms20160120 -----------------------------------------------------------------------

function kmsAdapter(port: number, secret: string): SdkAdapter {
  const client = new KmsClient(new Config({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: secret, endpoint: `127.0.0.1:${port}`, protocol: 'http' }));
  return {
    async createKey(spec) {
      const m = (await client.createKey(new $Kms.CreateKeyRequest({ keySpec: spec }))).keyMetadata;
      return { keyId: m.keyId, creationDate: m.creationDate, lastRotationDate: m.lastRotationDate, primaryKeyVersion: m.primaryKeyVersion };
    },
    async createKeyVersion(keyId) {
      const v = (await client.createKeyVersion(new $Kms.CreateKeyVersionRequest({ keyId }))).keyVersion;
      return { keyId: v.keyId, keyVersionId: v.keyVersionId, creationDate: v.creationDate };
    },
    async describeKeyVersion(keyId, keyVersionId) {
      const v = (await client.describeKeyVersion(new $Kms.DescribeKeyVersionRequest({ keyId, keyVersionId }))).keyVersion;
      return { keyId: v.keyId, keyVersionId: v.keyVersionId, creationDate: v.creationDate };
    },
    async listKeyVersionIds(keyId) {
      const body = await client.listKeyVersions(new $Kms.ListKeyVersionsRequest({ keyId, pageSize: 100 }));
      return body.keyVersions.keyVersion.map((v) => v.keyVersionId);
    },
    async disableKey(keyId) {
      await client.disableKey(new $Kms.DisableKeyRequest({ keyId }));
    },
  };
}

/** The tea runtime reports `code: <HTTP status>` in its message and the service's body in `data`. */
function kmsFailure(error: unknown): SdkFailure {
  const e = error as { message?: string; data?: { Code?: string } };
  return { status: Number(/code: (\d+)/.exec(e.message ?? '')?.[1] ?? 0), code: e.data?.Code ?? '' };
}

// ---- the scenario --------------------------------------------------------------------------------

const SDKS: [string, (emulator: RunningEmulator, secret: string) => SdkAdapter, (error: unknown) => SdkFailure][] = [
  ['@alicloud/pop-core RPCClient (GET)', (e, secret) => popAdapter(e.url, secret, 'GET'), popFailure],
  ['@alicloud/pop-core RPCClient (POST form)', (e, secret) => popAdapter(e.url, secret, 'POST'), popFailure],
  ['@alicloud/kms20160120 client (POST, parameters in the query)', (e, secret) => kmsAdapter(e.port, secret), kmsFailure],
];

describe.each(SDKS)('%s', (_name, connect, readFailure) => {
  test('creates a key, is held to 7 days and 50 versions, and reads its versions back', async () => {
    const emulator = await start();
    const sdk = connect(emulator, DEMO_ACCESS_KEY_SECRET);
    const key = await sdk.createKey('RSA_2048');
    expect(key.lastRotationDate).toBe(key.creationDate);

    expect(await failure(sdk.createKeyVersion(key.keyId), readFailure)).toEqual({ status: 400, code: 'Rejected.UnsupportedOperation' });

    await advanceClock(emulator, '7d');
    const version = await sdk.createKeyVersion(key.keyId);
    expect(version.keyId).toBe(key.keyId);
    expect(await sdk.describeKeyVersion(key.keyId, version.keyVersionId)).toEqual(version);
    expect(await sdk.listKeyVersionIds(key.keyId)).toEqual([key.primaryKeyVersion, version.keyVersionId]);

    for (let count = 2; count < 50; count += 1) {
      await advanceClock(emulator, '7d');
      await sdk.createKeyVersion(key.keyId);
    }
    await advanceClock(emulator, '7d');
    expect(await failure(sdk.createKeyVersion(key.keyId), readFailure)).toEqual({ status: 400, code: 'Rejected.LimitExceeded' });
    expect(await sdk.listKeyVersionIds(key.keyId)).toHaveLength(50);
  });

  test('is refused a version of a symmetric key and of a disabled key', async () => {
    const emulator = await start();
    const sdk = connect(emulator, DEMO_ACCESS_KEY_SECRET);
    const symmetric = await sdk.createKey('Aliyun_AES_256');
    const disabled = await sdk.createKey('RSA_2048');
    await sdk.disableKey(disabled.keyId);
    await advanceClock(emulator, '8d');
    expect(await failure(sdk.createKeyVersion(symmetric.keyId), readFailure)).toEqual({ status: 400, code: 'Rejected.UnsupportedOperation' });
    expect(await failure(sdk.createKeyVersion(disabled.keyId), readFailure)).toEqual({ status: 409, code: 'Rejected.Disabled' });
  });

  test('is refused any request signed with a wrong secret: SignatureDoesNotMatch, HTTP 400', async () => {
    const emulator = await start();
    const sdk = connect(emulator, 'not-the-secret');
    expect(await failure(sdk.createKey('RSA_2048'), readFailure)).toEqual({ status: 400, code: 'SignatureDoesNotMatch' });
    expect(emulator.stats().errorCodes).toEqual({ SignatureDoesNotMatch: 1 });
  });
});
