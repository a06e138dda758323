/**
 * The real client (undici, real sockets) against a real node:http server on 127.0.0.1 that checks
 * every signature with the official SDK's signer.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createKmsClients, type KmsClients, type KmsClientsOptions } from '../../src/kms/client-factory.js';
import type { KmsRequestEvent } from '../../src/kms/client.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsApiError, KmsTransportError, isAmbiguousFailure } from '../../src/kms/errors.js';
import { UndiciTransport } from '../../src/kms/http-transport.js';
import { KEY_ID, apiError, cannedHandlers } from './helpers/canned.js';
import { startVerifyingServer, type VerifyingServer } from './helpers/verifying-server.js';

const ACCESS_KEY_ID = 'DUMMY0TestAccessKeyId01';
const SECRET = 'Sup3r-Secret/Value+With=Specials';
const TOKEN = 'CAIS-sts-token/with+plus=and&amp';
const REGION = 'cn-hangzhou';

let server: VerifyingServer;
let opened: KmsClients[] = [];
let events: KmsRequestEvent[];

beforeEach(async () => {
  server = await startVerifyingServer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, handlers: cannedHandlers(250) });
  events = [];
});

afterEach(async () => {
  await Promise.all(opened.map((c) => c.close()));
  opened = [];
  await server.close();
});

/** Clients against the test server, with no real back-off so retries take no time. */
function open(overrides: KmsClientsOptions = {}): KmsClients {
  const clients = createKmsClients({
    endpoint: server.url,
    env: {},
    credentials: new StaticCredentialsProvider({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET }),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onRequest: (e) => events.push(e),
    ...overrides,
  });
  opened.push(clients);
  return clients;
}

/** Everything a printed or serialised error could show. */
function renderings(error: unknown): string {
  return [String(error), (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n');
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('every action', () => {
  test.each(['v3', 'v1'] as const)('every action the client sends, signed %s, is accepted by the official SDK signer and decoded', async (signatureVersion) => {
    const kms = open({ signatureVersion }).forRegion(REGION);
    const described = await kms.describeKey(KEY_ID);
    expect(described.value.keyId).toBe(KEY_ID);
    expect(described.value.dkmsInstanceId).toBeUndefined();
    expect(described.requestId).toBe('req-ok');
    expect((await kms.describeKey('alias/with space*and~tilde')).value.keyId).toBe(KEY_ID);
    expect((await kms.listKeyVersions(KEY_ID)).value).toHaveLength(250);
    expect((await kms.listKeyVersionsPage(KEY_ID, 2, 10)).items).toHaveLength(10);
    expect((await kms.describeKeyVersion(KEY_ID, 'v-1')).value.keyVersionId).toBe('v-1');
    expect((await kms.createKeyVersion(KEY_ID)).value.keyVersionId).toBe('11111111-2222-4333-8444-555555555555');
    const created = await kms.createKey({ keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY', description: 'déjà vu 🔑 + & = %', enableAutomaticRotation: false });
    expect(created.value.keySpec).toBe('EC_P256');
    expect(created.value.description).toBe('déjà vu 🔑 + & = %');
    expect((await kms.createAlias('alias/prod-signing', KEY_ID)).requestId).toBe('req-ok');
    expect((await kms.listAliases()).value).toHaveLength(130);
    expect((await kms.listAliasesByKeyId(KEY_ID)).value).toHaveLength(2);
    expect((await kms.listKeys()).value).toHaveLength(205);
    await kms.enableKey(KEY_ID);
    await kms.disableKey(KEY_ID);
    await kms.scheduleKeyDeletion(KEY_ID, 7);
    expect(server.rejections).toEqual([]);
    expect(new Set(server.requests.map((r) => r.signatureVersion))).toEqual(new Set([signatureVersion]));
    const actions = new Set(server.requests.map((r) => r.action));
    expect([...actions].sort()).toEqual(
      ['CreateAlias', 'CreateKey', 'CreateKeyVersion', 'DescribeKey', 'DescribeKeyVersion', 'DisableKey', 'EnableKey', 'ListAliases', 'ListAliasesByKeyId', 'ListKeyVersions', 'ListKeys', 'ScheduleKeyDeletion'].sort(),
    );
  });

  test('requests carry RegionId, parameters only in the form body and a fresh nonce each', async () => {
    const kms = open().forRegion('ap-southeast-1');
    await kms.describeKey(KEY_ID);
    await kms.describeKey(KEY_ID);
    const [first, second] = server.requests;
    expect(first?.url).toBe('/');
    expect(first?.params.RegionId).toBe('ap-southeast-1');
    expect(first?.params.KeyId).toBe(KEY_ID);
    expect(first?.params.SignatureNonce).not.toBe(second?.params.SignatureNonce);
    expect(server.rejections).toEqual([]);
  });

  test.each(['v3', 'v1'] as const)('STS credentials send a SecurityToken the signer accepts (%s)', async (signatureVersion) => {
    await server.close();
    server = await startVerifyingServer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: TOKEN, handlers: cannedHandlers() });
    const kms = open({ signatureVersion, credentials: new StaticCredentialsProvider({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: TOKEN }) }).forRegion(REGION);
    await kms.describeKey(KEY_ID);
    expect(server.rejections).toEqual([]);
    expect(server.requests[0]?.params.SecurityToken).toBe(TOKEN);
  });

  test('environment credentials are read from the env object given to the factory', async () => {
    const kms = open({ credentials: undefined, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET } }).forRegion(REGION);
    await kms.describeKey(KEY_ID);
    expect(server.rejections).toEqual([]);
  });

  test('the endpoint can come from KMSCTL_ENDPOINT in the env object', async () => {
    const kms = open({ endpoint: undefined, env: { KMSCTL_ENDPOINT: server.url } }).forRegion(REGION);
    await kms.describeKey(KEY_ID);
    expect(server.count('DescribeKey')).toBe(1);
  });
});

describe('connections', () => {
  test('sequential calls reuse kept-alive connections', async () => {
    const kms = open().forRegion(REGION);
    for (let i = 0; i < 20; i++) await kms.describeKey(KEY_ID);
    // undici may open a second connection while the first is still finishing a response, then alternates.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  test('concurrent calls open no more connections than the pool allows', async () => {
    const kms = open({ maxConnectionsPerOrigin: 3 }).forRegion(REGION);
    await Promise.all(Array.from({ length: 30 }, () => kms.describeKey(KEY_ID)));
    expect(server.count('DescribeKey')).toBe(30);
    expect(server.connections()).toBeLessThanOrEqual(3);
    expect(server.rejections).toEqual([]);
  });
});

describe('paging', () => {
  test('listKeyVersions reads every page of 100 and sorts by creation date then ID', async () => {
    const kms = open().forRegion(REGION);
    const { value, requestIds } = await kms.listKeyVersions(KEY_ID);
    const pages = server.requests.filter((r) => r.action === 'ListKeyVersions');
    expect(pages.map((r) => [r.params.PageNumber, r.params.PageSize])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    expect(requestIds).toHaveLength(3);
    const sorted = [...value].sort((a, b) => a.creationDate.localeCompare(b.creationDate) || a.keyVersionId.localeCompare(b.keyVersionId));
    expect(value).toEqual(sorted);
    expect(new Set(value.map((v) => v.keyVersionId)).size).toBe(250);
  });

  test('a listing that fits one page makes one request', async () => {
    await server.close();
    server = await startVerifyingServer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, handlers: cannedHandlers(100) });
    await open().forRegion(REGION).listKeyVersions(KEY_ID);
    expect(server.count('ListKeyVersions')).toBe(1);
  });
});

describe('retries', () => {
  test('throttling is retried and then succeeds', async () => {
    server.script('DescribeKey', apiError(400, 'Throttling.User'), apiError(400, 'Throttling'));
    const { value } = await open().forRegion(REGION).describeKey(KEY_ID);
    expect(value.keyId).toBe(KEY_ID);
    expect(server.count('DescribeKey')).toBe(3);
    expect(events.map((e) => [e.attempt, e.outcome, e.code])).toEqual([
      [1, 'api-error', 'Throttling.User'],
      [2, 'api-error', 'Throttling'],
      [3, 'success', undefined],
    ]);
    expect(server.rejections).toEqual([]);
  });

  test('a 500 InternalFailure is retried and then succeeds', async () => {
    server.script('ListKeyVersions', apiError(500, 'InternalFailure'));
    const { value } = await open().forRegion(REGION).listKeyVersions(KEY_ID);
    expect(value).toHaveLength(250);
    expect(server.count('ListKeyVersions')).toBe(4);
  });

  test('a 502 HTML page from a proxy is retried and then succeeds', async () => {
    server.script('DescribeKey', { status: 502, body: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' });
    await open().forRegion(REGION).describeKey(KEY_ID);
    expect(server.count('DescribeKey')).toBe(2);
  });

  test('a connection reset is retried and then succeeds', async () => {
    server.script('DescribeKey', { reset: true });
    await open().forRegion(REGION).describeKey(KEY_ID);
    expect(server.count('DescribeKey')).toBe(2);
    expect(events[0]).toMatchObject({ outcome: 'transport-error', errorKind: 'reset', retryDelayMs: expect.any(Number) });
  });

  test('Forbidden.KeyNotFound is not retried and surfaces as an API error', async () => {
    server.script('DescribeKey', apiError(404, 'Forbidden.KeyNotFound'));
    const error = await failure(open().forRegion(REGION).describeKey('key-missing'));
    expect(error).toBeInstanceOf(KmsApiError);
    expect(error).toMatchObject({ code: 'Forbidden.KeyNotFound', httpStatus: 404, requestId: 'req-Forbidden.KeyNotFound', hostId: 'kms.cn-hangzhou.aliyuncs.com', keyId: 'key-missing' });
    expect((error as KmsApiError).recommend).toContain('troubleshoot');
    expect(server.count('DescribeKey')).toBe(1);
  });

  test('retries stop after the configured number of attempts', async () => {
    server.script('DescribeKey', ...Array.from({ length: 10 }, () => apiError(503, 'ServiceUnavailableTemporary')));
    const error = await failure(open({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ code: 'ServiceUnavailableTemporary', httpStatus: 503 });
    expect(server.count('DescribeKey')).toBe(3);
    expect(events.at(-1)?.retryDelayMs).toBeUndefined();
  });
});

describe('CreateKeyVersion is never retried', () => {
  test('a 500 on CreateKeyVersion is not retried and is an ambiguous failure', async () => {
    server.script('CreateKeyVersion', apiError(500, 'InternalFailure'));
    const error = await failure(open().forRegion(REGION).createKeyVersion(KEY_ID));
    expect(error).toMatchObject({ code: 'InternalFailure', httpStatus: 500 });
    expect(isAmbiguousFailure(error)).toBe(true);
    expect(server.count('CreateKeyVersion')).toBe(1);
  });

  test('a reset on CreateKeyVersion is not retried and is an ambiguous failure', async () => {
    server.script('CreateKeyVersion', { reset: true });
    const error = await failure(open().forRegion(REGION).createKeyVersion(KEY_ID));
    expect(error).toBeInstanceOf(KmsTransportError);
    expect(error).toMatchObject({ kind: 'reset', action: 'CreateKeyVersion', keyId: KEY_ID });
    expect(isAmbiguousFailure(error)).toBe(true);
    expect(server.count('CreateKeyVersion')).toBe(1);
  });

  test('throttling on CreateKeyVersion is not retried either', async () => {
    server.script('CreateKeyVersion', apiError(400, 'Throttling'));
    const error = await failure(open().forRegion(REGION).createKeyVersion(KEY_ID));
    expect(error).toMatchObject({ code: 'Throttling' });
    expect(server.count('CreateKeyVersion')).toBe(1);
  });
});

describe('transport failures', () => {
  test('a closed port gives kind connect, which is not ambiguous', async () => {
    const port = await closedPort();
    const error = await failure(open({ endpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).forRegion(REGION).createKeyVersion(KEY_ID));
    expect(error).toBeInstanceOf(KmsTransportError);
    expect((error as KmsTransportError).kind).toBe('connect');
    expect(isAmbiguousFailure(error)).toBe(false);
  });

  test('a server that never answers gives kind timeout with a short headers time-out', async () => {
    server.script('DescribeKey', { hang: true }, { hang: true });
    const error = await failure(open({ timeouts: { headersMs: 200 }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(server.count('DescribeKey')).toBe(2);
  });

  test('the overall deadline ends a call whose attempts keep hanging', async () => {
    server.script('DescribeKey', { hang: true }, { hang: true }, { hang: true });
    const started = Date.now();
    const error = await failure(open({ timeouts: { headersMs: 5_000, deadlineMs: 300 } }).forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ kind: 'deadline' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('a 200 that is not JSON gives kind bad-response naming the action', async () => {
    server.script('DescribeKey', { status: 200, body: 'not json at all' });
    const error = await failure(open().forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ kind: 'bad-response', action: 'DescribeKey', httpStatus: 200 });
    expect(server.count('DescribeKey')).toBe(1);
  });

  test('a 200 of the wrong shape gives kind bad-response', async () => {
    server.script('DescribeKeyVersion', { status: 200, json: { RequestId: 'r', KeyVersion: { KeyId: KEY_ID } } });
    const error = await failure(open().forRegion(REGION).describeKeyVersion(KEY_ID, 'v'));
    expect(error).toMatchObject({ kind: 'bad-response', action: 'DescribeKeyVersion' });
  });

  test('an aborted signal stops the retry loop with the abort reason', async () => {
    server.script('DescribeKey', ...Array.from({ length: 5 }, () => apiError(503, 'ServiceUnavailableTemporary')));
    const controller = new AbortController();
    const reason = new Error('interrupted by SIGINT');
    const kms = open({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 }, runtime: { random: () => 0.99 } }).forRegion(REGION);
    const call = failure(kms.describeKey(KEY_ID, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(server.count('DescribeKey')).toBe(1);
  });

  test('an answer whose body stalls gives kind timeout after the body time-out', async () => {
    server.script('DescribeKey', { stall: true });
    const error = await failure(open({ timeouts: { bodyMs: 200 }, retry: { maxAttempts: 1 } }).forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ kind: 'timeout', action: 'DescribeKey' });
    expect(isAmbiguousFailure(error)).toBe(true);
  });

  test('an in-flight read is cut short by the abort signal', async () => {
    server.script('DescribeKey', { hang: true });
    const controller = new AbortController();
    const reason = new Error('interrupted by SIGINT');
    const started = Date.now();
    const call = failure(open().forRegion(REGION).describeKey(KEY_ID, { signal: controller.signal }));
    setTimeout(() => controller.abort(reason), 100);
    expect(await call).toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('an answer larger than the cap gives kind bad-response', async () => {
    server.script('DescribeKey', { status: 200, body: 'x'.repeat(64 * 1024) });
    const transport = new UndiciTransport({ maxResponseBytes: 1024 });
    try {
      const error = await failure(open({ transport, retry: { maxAttempts: 1 } }).forRegion(REGION).describeKey(KEY_ID));
      expect(error).toMatchObject({ kind: 'bad-response' });
    } finally {
      await transport.close();
    }
  });

  test('close() ends the pools so later calls fail without reaching the server', async () => {
    const factory = open();
    await factory.forRegion(REGION).describeKey(KEY_ID);
    await factory.close();
    const error = await failure(factory.forRegion(REGION).describeKey(KEY_ID));
    expect(error).toMatchObject({ kind: 'connect' });
    expect(server.count('DescribeKey')).toBe(1);
  });
});

describe('secrets never leak', () => {
  test('no error of any kind shows the secret or the security token', async () => {
    await server.close();
    // A server that knows a different secret refuses every signature and quotes its string to sign (with the token).
    server = await startVerifyingServer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: 'another-secret', securityToken: TOKEN, handlers: cannedHandlers() });
    const credentials = new StaticCredentialsProvider({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: TOKEN });
    const kms = open({ credentials, retry: { maxAttempts: 1 }, timeouts: { headersMs: 200 } }).forRegion(REGION);
    const errors: unknown[] = [];
    errors.push(await failure(kms.describeKey(KEY_ID)));
    expect(server.rejections).toHaveLength(1);
    // Then a server that accepts the signature and misbehaves after it, echoing the secrets.
    await server.close();
    server = await startVerifyingServer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: TOKEN, handlers: cannedHandlers() });
    server.script('DescribeKey', { reset: true }, { hang: true }, { status: 502, body: `<html>${SECRET} ${TOKEN}</html>`, contentType: 'text/html' }, { status: 200, body: `{"oops": "${SECRET}"` });
    server.script('DescribeKeyVersion', apiError(400, 'InvalidParameter', `echo ${SECRET} and ${TOKEN} and ${encodeURIComponent(TOKEN)}`));
    const kms2 = open({ credentials, endpoint: server.url, retry: { maxAttempts: 1 }, timeouts: { headersMs: 200 } }).forRegion(REGION);
    for (let i = 0; i < 4; i++) errors.push(await failure(kms2.describeKey(KEY_ID)));
    errors.push(await failure(kms2.describeKeyVersion(KEY_ID, 'v')));
    errors.push(await failure(open({ credentials, endpoint: `http://127.0.0.1:${await closedPort()}`, retry: { maxAttempts: 1 } }).forRegion(REGION).describeKey(KEY_ID)));
    expect(errors.map((e) => (e as { code?: string; kind?: string }).code ?? (e as { kind?: string }).kind)).toEqual([
      'SignatureDoesNotMatch',
      'reset',
      'timeout',
      'bad-response',
      'bad-response',
      'InvalidParameter',
      'connect',
    ]);
    for (const error of errors) {
      const text = renderings(error);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(encodeURIComponent(TOKEN));
      expect(text).not.toContain(encodeURIComponent(encodeURIComponent(TOKEN)));
    }
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(/Sup3r|CAIS/);
  });
});

describe('observer', () => {
  test('events carry action, endpoint, attempt, status, request ID and duration, and nothing else of the request', async () => {
    await open().forRegion(REGION).createAlias('alias/secret-project-name', KEY_ID);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ action: 'CreateAlias', region: REGION, endpoint: server.url, keyId: KEY_ID, attempt: 1, outcome: 'success', status: 200, requestId: 'req-ok' });
    expect(event?.durationMs).toBeGreaterThanOrEqual(0);
    expect(event?.serverDate).toBeInstanceOf(Date);
    expect(Math.abs((event?.serverDate?.getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
    expect(JSON.stringify(event)).not.toContain('secret-project-name');
    expect(JSON.stringify(event)).not.toContain(ACCESS_KEY_ID);
  });

  test('an observer that throws does not change the outcome', async () => {
    const { value } = await open({ onRequest: () => { throw new Error('observer bug'); } }).forRegion(REGION).describeKey(KEY_ID);
    expect(value.keyId).toBe(KEY_ID);
  });
});

/** A port with nothing listening: bind one, then close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
