import { afterEach, describe, expect, test } from 'vitest';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { KmsConfigError } from '../../src/kms/errors.js';
import { UndiciTransport } from '../../src/kms/http-transport.js';
import type { KeyApi, RegionalKeyApis } from '../../src/state/key-api.js';
import { cannedHandlers, KEY_ID } from './helpers/canned.js';
import { startVerifyingServer, type VerifyingServer } from './helpers/verifying-server.js';

let server: VerifyingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function configCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof KmsConfigError ? error.code : 'other';
  }
  return undefined;
}

describe('createKmsClients', () => {
  test('clients are cached per region and know their region and endpoint', async () => {
    const clients = createKmsClients({ env: {} });
    const hz = clients.forRegion('cn-hangzhou');
    expect(clients.forRegion('cn-hangzhou')).toBe(hz);
    expect(clients.forRegion('cn-shanghai')).not.toBe(hz);
    expect(hz.region).toBe('cn-hangzhou');
    expect(clients.endpointFor('cn-shanghai')).toBe('https://kms.cn-shanghai.aliyuncs.com');
    expect(clients.endpointOverride).toBeUndefined();
    await clients.close();
  });

  test('a bad endpoint, insecure endpoint, bad region or bad time-out is a configuration error', () => {
    expect(configCode(() => createKmsClients({ env: {}, endpoint: 'http://example.com' }))).toBe('endpoint.insecure');
    expect(configCode(() => createKmsClients({ env: { KMSCTL_ENDPOINT: 'nope' } }))).toBe('endpoint.invalid');
    expect(configCode(() => createKmsClients({ env: {}, timeouts: { headersMs: 0 } }))).toBe('options.invalid');
    expect(configCode(() => createKmsClients({ env: {}, retry: { maxAttempts: 0 } }))).toBe('options.invalid');
    expect(configCode(() => createKmsClients({ env: {} }).forRegion('Hangzhou'))).toBe('region.invalid');
  });

  test('regions that share an endpoint share one connection pool', async () => {
    server = await startVerifyingServer({ accessKeyId: 'DUMMY0Factory', accessKeySecret: 'factory-secret', handlers: cannedHandlers() });
    const transport = new UndiciTransport();
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'DUMMY0Factory', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'factory-secret', KMSCTL_ENDPOINT: server.url };
    const clients = createKmsClients({ env, transport });
    await Promise.all(['cn-hangzhou', 'cn-shanghai', 'eu-central-1'].map((region) => clients.forRegion(region).describeKey(KEY_ID)));
    expect(transport.poolCount).toBe(1);
    expect(server.requests.map((r) => r.params.RegionId).sort()).toEqual(['cn-hangzhou', 'cn-shanghai', 'eu-central-1']);
    expect(server.rejections).toEqual([]);
    await clients.close();
    // A transport passed in is the caller's to close.
    await clients.forRegion('cn-hangzhou').describeKey(KEY_ID);
    await transport.close();
  });

  test('describeCredentials shows the source and a masked key ID', async () => {
    const clients = createKmsClients({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'DUMMY0ExampleKey1234', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' } });
    expect(await clients.describeCredentials()).toEqual({ source: 'environment', accessKeyId: 'DUMM****1234', hasSecurityToken: false });
    await clients.close();
  });

  test('the factory satisfies the state reader’s RegionalKeyApis', async () => {
    const clients = createKmsClients({ env: {} });
    const apis: RegionalKeyApis = clients;
    const api: KeyApi = apis.forRegion('cn-hangzhou');
    expect(typeof api.createKeyVersion).toBe('function');
    await clients.close();
  });
});
