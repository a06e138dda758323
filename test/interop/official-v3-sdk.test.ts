/**
 * The emulator against the current official SDK core, `@alicloud/openapi-client` (darabonba `callApi`),
 * which signs ACS3-HMAC-SHA256 (V3) unless told `v2`: RPC calls as the generated product SDKs make
 * them (parameters in the query, headers `x-acs-*`, `Authorization`), with long-term keys and with STS
 * credentials (`x-acs-accesskey-id`, `x-acs-security-token`), over both editions of the version rules:
 * a classic asymmetric key, and a symmetric key in a software KMS instance.
 */
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtilModule from '@alicloud/openapi-util';
import * as $Util from '@alicloud/tea-util';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { instanceKindFromProduct } from '../../src/service-rules/index.js';

// Vitest hands the CommonJS default export over directly; TypeScript's NodeNext view wraps it in `.default`.
const OpenApiClient: typeof OpenApiModule.default = (OpenApiModule as { default?: typeof OpenApiModule.default }).default ?? (OpenApiModule as unknown as typeof OpenApiModule.default);
const OpenApiUtil: typeof OpenApiUtilModule.default = (OpenApiUtilModule as { default?: typeof OpenApiUtilModule.default }).default ?? (OpenApiUtilModule as unknown as typeof OpenApiUtilModule.default);

const emulators: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function start(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, env: {} });
  emulators.push(emulator);
  return emulator;
}

interface Credential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A generic RPC caller of the SDK core: what every generated product SDK's method does. */
function sdk(emulator: RunningEmulator, credential: Credential, signatureAlgorithm?: 'v2') {
  const client = new OpenApiClient(new $OpenApi.Config({ ...credential, endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http', signatureAlgorithm }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async (action: string, query: Record<string, string> = {}, version = '2016-01-20'): Promise<any> => {
    const params = new $OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const request = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) });
    const response = await client.callApi(params, request, new $Util.RuntimeOptions({}));
    return response.body;
  };
}

/** The SDK's failure as HTTP status and the service's Code. */
async function failure(call: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { statusCode?: number; code?: string; data?: { statusCode?: number; Code?: string } };
    return { status: e.data?.statusCode ?? e.statusCode ?? 0, code: e.data?.Code ?? e.code ?? '' };
  }
  throw new Error('expected the call to fail');
}

async function advanceClock(emulator: RunningEmulator, advance: string): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advance }), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
}

const DEMO = { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET };

describe.each([
  ['V3 (ACS3-HMAC-SHA256, the default)', undefined],
  ['V2 (HMAC-SHA1, signatureAlgorithm "v2")', 'v2' as const],
])('@alicloud/openapi-client signing %s', (_name, algorithm) => {
  test('a classic asymmetric key: created, held to 7 days, versioned, and its versions read back', async () => {
    const emulator = await start();
    const call = sdk(emulator, DEMO, algorithm);
    const key = (await call('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY' })).KeyMetadata;
    expect(key.LastRotationDate).toBe(key.CreationDate);
    expect(await failure(call('CreateKeyVersion', { KeyId: key.KeyId }))).toEqual({ status: 400, code: 'Rejected.UnsupportedOperation' });
    await advanceClock(emulator, '7d');
    const version = (await call('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion;
    expect((await call('DescribeKeyVersion', { KeyId: key.KeyId, KeyVersionId: version.KeyVersionId })).KeyVersion).toEqual(version);
    const listed = (await call('ListKeyVersions', { KeyId: key.KeyId, PageSize: '100' })).KeyVersions.KeyVersion.map((v: { KeyVersionId: string }) => v.KeyVersionId);
    expect(listed).toEqual([key.PrimaryKeyVersion, version.KeyVersionId]);
    expect(emulator.stats().errorCodes).toEqual({ 'Rejected.UnsupportedOperation': 1 });
  });

  test('parameter values that need encoding (spaces, +, &, =, %, *, ~, quotes, emoji) verify as the SDK signed them', async () => {
    const emulator = await start();
    const call = sdk(emulator, DEMO, algorithm);
    const description = `déjà vu 🔑 + & = % * ~ ! ' ( ) a+b%20c`;
    const key = (await call('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY', Description: description })).KeyMetadata;
    expect(key.Description).toBe(description);
    expect(emulator.stats().errorCodes).toEqual({});
  });

  test('a request signed with the wrong secret is refused: SignatureDoesNotMatch, HTTP 400', async () => {
    const emulator = await start();
    const call = sdk(emulator, { ...DEMO, accessKeySecret: 'not-the-secret' }, algorithm);
    expect(await failure(call('ListKeys'))).toEqual({ status: 400, code: 'SignatureDoesNotMatch' });
  });

  test('STS credentials from AssumeRole, sent as the SDK sends them, are accepted', async () => {
    const emulator = await start();
    const sts = sdk(emulator, DEMO, algorithm);
    const issued = (await sts('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/kmsctl', RoleSessionName: 'interop' }, '2015-04-01')).Credentials;
    const call = sdk(emulator, { accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret, securityToken: issued.SecurityToken }, algorithm);
    expect((await call('ListKeys', { PageSize: '1' })).RequestId).toMatch(/\S/);
  });

  test('a symmetric key in a software KMS instance gets a version; an asymmetric one there does not', async (context) => {
    const emulator = await start();
    const call = sdk(emulator, DEMO, algorithm);
    const listed = await call('ListKmsInstances').catch((error: unknown) => error);
    if ((listed as { data?: { Code?: string } }).data?.Code === 'InvalidAction.NotFound') {
      context.skip('this emulator has no KMS instances yet (ListKmsInstances is not served)');
      return;
    }
    const ids: string[] = (listed as { KmsInstances: { KmsInstance: { KmsInstanceId: string }[] } }).KmsInstances.KmsInstance.map((i) => i.KmsInstanceId);
    const instances = await Promise.all(ids.map(async (id) => (await call('GetKmsInstance', { KmsInstanceId: id })).KmsInstance));
    const software = instances.find((i: { ProductType?: string; ProductVersion?: string }) => instanceKindFromProduct(i.ProductType, i.ProductVersion) === 'software');
    expect(software, 'a software instance exists by default').toBeDefined();
    const symmetric = (await call('CreateKey', { KeySpec: 'Aliyun_AES_256', KeyUsage: 'ENCRYPT/DECRYPT', DKMSInstanceId: software.InstanceId })).KeyMetadata;
    expect(symmetric.DKMSInstanceId).toBe(software.InstanceId);
    await advanceClock(emulator, '8d');
    const version = (await call('CreateKeyVersion', { KeyId: symmetric.KeyId })).KeyVersion;
    expect(version.KeyId).toBe(symmetric.KeyId);
    const asymmetric = (await call('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY', DKMSInstanceId: software.InstanceId })).KeyMetadata;
    await advanceClock(emulator, '8d');
    expect(await failure(call('CreateKeyVersion', { KeyId: asymmetric.KeyId }))).toMatchObject({ code: 'Rejected.UnsupportedOperation' });
  });
});
