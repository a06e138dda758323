import { describe, expect, test } from 'vitest';
import { HttpFailure, UndiciTransport, classifyNetworkError } from '../../src/kms/http-transport.js';
import { KmsConfigError } from '../../src/kms/errors.js';

function netError(code: string, syscall?: string): Error {
  return Object.assign(new Error(`${syscall ?? 'x'} ${code}`), { code, syscall });
}

describe('classifying network failures', () => {
  test.each([
    ['ECONNREFUSED', 'connect'],
    ['ENOTFOUND', 'connect'],
    ['EAI_AGAIN', 'connect'],
    ['EHOSTUNREACH', 'connect'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'connect'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'connect'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_SOCKET', 'reset'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'reset'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['UND_ERR_ABORTED', 'aborted'],
    ['SOMETHING_NEW', 'reset'],
  ])('%s is a %s failure', (code, kind) => {
    expect(classifyNetworkError(netError(code)).kind).toBe(kind);
  });

  test('a failure during the connect system call is a connect failure whatever its code', () => {
    expect(classifyNetworkError(netError('ETIMEDOUT', 'connect')).kind).toBe('connect');
    expect(classifyNetworkError(netError('ECONNRESET', 'connect')).kind).toBe('connect');
    expect(classifyNetworkError(netError('ECONNRESET', 'read')).kind).toBe('reset');
  });

  test('an AggregateError of happy-eyeballs attempts is read by its first error', () => {
    const aggregate = Object.assign(new AggregateError([netError('ECONNREFUSED', 'connect'), netError('ECONNREFUSED', 'connect')]), {});
    expect(classifyNetworkError(aggregate).kind).toBe('connect');
  });

  test('the failure keeps only the code, not the original error', () => {
    const failure = classifyNetworkError(Object.assign(netError('ECONNRESET'), { body: 'AccessKeyId=x&Signature=y' }));
    expect(failure).toBeInstanceOf(HttpFailure);
    expect(failure.code).toBe('ECONNRESET');
    expect(JSON.stringify(failure)).not.toContain('Signature');
    expect('cause' in failure).toBe(false);
  });
});

describe('the undici transport', () => {
  test('bad pool options are configuration errors', () => {
    expect(() => new UndiciTransport({ connections: 0 })).toThrow(KmsConfigError);
    expect(() => new UndiciTransport({ connectTimeoutMs: -5 })).toThrow(KmsConfigError);
  });

  test('a send after close fails as connect without opening a pool', async () => {
    const transport = new UndiciTransport();
    await transport.close();
    await expect(transport.send({ origin: 'http://127.0.0.1:9', path: '/', headers: {}, body: '', headersTimeoutMs: 10, bodyTimeoutMs: 10 })).rejects.toMatchObject({ kind: 'connect' });
    expect(transport.poolCount).toBe(0);
  });
});
