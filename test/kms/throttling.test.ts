/**
 * Every form of the service's throttling answer, in both error-body forms, is recognised by the one
 * test (`isThrottling`): retried for an idempotent call, and lowering both the group's pace and the
 * pair's concurrency limit; CreateKeyVersion is left to its caller, with the status kept on the error.
 */
import { describe, expect, test } from 'vitest';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsApiError } from '../../src/kms/errors.js';
import type { HttpResponse } from '../../src/kms/http-transport.js';
import { isThrottling } from '../../src/kms/wire/error-codes.js';
import { wireKeyMetadata } from './helpers/canned.js';
import { FakeRuntime, ScriptedTransport, json } from './helpers/scripted-transport.js';

const credentials = new StaticCredentialsProvider({ accessKeyId: 'DUMMYthrottled01', accessKeySecret: 's' });
const describeOk = json(200, { RequestId: 'ok', KeyMetadata: wireKeyMetadata() });
const xml = (status: number, body: string): HttpResponse => ({ status, headers: { 'content-type': 'text/xml;charset=utf-8' }, body });

const FORMS: [string, HttpResponse, number, string][] = [
  ['KMS JSON body, 429 Rejected.Throttling', json(429, { HttpStatus: 429, Code: 'Rejected.Throttling', Message: 'QPS Limit Exceeded', RequestId: 'r1' }), 429, 'Rejected.Throttling'],
  ['KMS XML <KMS>, 429 Rejected.Throttling', xml(429, '<?xml version="1.0"?><KMS><HttpStatus>429</HttpStatus><Code>Rejected.Throttling</Code><Message>QPS Limit Exceeded</Message><RequestId>r2</RequestId></KMS>'), 429, 'Rejected.Throttling'],
  ['gateway JSON body, 400 Throttling.User', json(400, { RequestId: 'r3', HostId: 'kms.cn-hangzhou.aliyuncs.com', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', Recommend: 'https://x' }), 400, 'Throttling.User'],
  ['gateway XML <Error>, 503 Throttling', xml(503, '<Error><RequestId>r4</RequestId><HostId>kms</HostId><Code>Throttling</Code><Message>busy</Message></Error>'), 503, 'Throttling'],
  ['any code with HTTP 429', json(429, { RequestId: 'r5', Code: 'Some.NewCode', Message: 'slow down' }), 429, 'Some.NewCode'],
];

describe.each(FORMS)('throttling as %s', (_name, answer, status, code) => {
  test('is one throttling to isThrottling, with its HTTP status kept on the error', async () => {
    const transport = new ScriptedTransport([answer]);
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport, runtime: new FakeRuntime(), retry: { maxAttempts: 1 } });
    const error = (await clients.forRegion('cn-hangzhou').describeKey('k').catch((e: unknown) => e)) as KmsApiError;
    expect(error).toBeInstanceOf(KmsApiError);
    expect({ status: error.httpStatus, code: error.code }).toEqual({ status, code });
    expect(isThrottling(error)).toBe(true);
  });

  test('an idempotent call is made again, and the group’s pace and the pair’s limit are lowered once', async () => {
    const transport = new ScriptedTransport([answer, describeOk]);
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport, runtime: new FakeRuntime(), maxConcurrency: 8 });
    await clients.forRegion('cn-hangzhou').describeKey('k');
    expect(transport.requests).toHaveLength(2);
    const pair = clients.traffic()['-/cn-hangzhou'];
    expect(pair?.limiter).toMatchObject({ decreases: 1, limit: 4 });
    expect(pair?.pacers['key-read']).toMatchObject({ decreases: 1 });
    expect(pair?.pacers['key-read']?.rate).toBeLessThan(50);
  });

  test('CreateKeyVersion is not sent again by the client: its caller decides', async () => {
    const transport = new ScriptedTransport([answer]);
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport, runtime: new FakeRuntime() });
    const error = await clients.forRegion('cn-hangzhou').createKeyVersion('k').catch((e: unknown) => e);
    expect(transport.requests).toHaveLength(1);
    expect(isThrottling(error as KmsApiError)).toBe(true);
    expect(clients.traffic()['-/cn-hangzhou']?.pacers['key-write']).toMatchObject({ decreases: 1 });
  });
});
