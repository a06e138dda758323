import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KMS_ACTIONS, type KmsAction } from '../../src/kms/actions.js';
import { KmsClient, type KmsClientOptions } from '../../src/kms/client.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsApiError, KmsConfigError, KmsTransportError } from '../../src/kms/errors.js';
import { HttpFailure } from '../../src/kms/http-transport.js';
import { DEFAULT_RETRY_POLICY, fullJitterDelay, isRetryableError, resolveRetryPolicy, runWithRetries } from '../../src/kms/retry.js';
import { wireKeyMetadata } from './helpers/canned.js';
import { FakeRuntime, ScriptedTransport, json, serviceError, type Step } from './helpers/scripted-transport.js';

const credentials = new StaticCredentialsProvider({ accessKeyId: 'DUMMY0RetryTests', accessKeySecret: 'retry-secret' });
const describeOk = json(200, { RequestId: 'r-ok', KeyMetadata: wireKeyMetadata() });
const versionOk = json(200, { RequestId: 'r-ok', KeyVersion: { KeyId: 'k', KeyVersionId: 'v', CreationDate: '2026-01-01T00:00:00Z' } });

function client(steps: Step[], options: Partial<KmsClientOptions> = {}, fallback?: Step) {
  const transport = new ScriptedTransport(steps, fallback);
  const runtime = new FakeRuntime();
  const kms = new KmsClient({ region: 'cn-hangzhou', credentials, transport, runtime, ...options });
  return { kms, transport, runtime };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('full jitter', () => {
  test('every back-off lies in [0, min(cap, base·2^retry))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 60_000 }), (retry, draw, base, cap) => {
        const delay = fullJitterDelay(retry, { maxAttempts: 5, baseDelayMs: base, maxDelayMs: cap }, () => draw);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(cap, base * 2 ** retry));
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });

  test('the ceiling doubles per retry up to the cap', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    const almostOne = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5].map((r) => fullJitterDelay(r, policy, almostOne))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
  });

  test('the client sleeps the drawn back-off between attempts', async () => {
    const { kms, runtime } = client([serviceError(503, 'ServiceUnavailableTemporary'), serviceError(400, 'Throttling'), describeOk], { retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    runtime.draw = 0.5;
    await kms.describeKey('k');
    expect(runtime.sleeps).toEqual([50, 100]);
  });
});

describe('what is retried', () => {
  test.each([
    ['Throttling', 400],
    ['Throttling.User', 400],
    ['ServiceUnavailableTemporary', 503],
    ['InternalFailure', 500],
    ['SomethingNew', 502],
  ])('%s (HTTP %i) is retried for an idempotent action', async (code, status) => {
    const { kms, transport } = client([serviceError(status, code), describeOk]);
    await kms.describeKey('k');
    expect(transport.requests).toHaveLength(2);
  });

  test.each(['Forbidden.KeyNotFound', 'Forbidden.AliasNotFound', 'InvalidParameter', 'SignatureDoesNotMatch', 'Rejected.Disabled'])('%s is not retried', async (code) => {
    const { kms, transport } = client([serviceError(code.startsWith('Forbidden') ? 404 : 400, code), describeOk]);
    expect(await failure(kms.describeKey('k'))).toMatchObject({ code });
    expect(transport.requests).toHaveLength(1);
  });

  test.each(['connect', 'reset', 'timeout'] as const)('a %s failure is retried for an idempotent action', async (kind) => {
    const { kms, transport } = client([new HttpFailure(kind, 'X', 'x'), describeOk]);
    await kms.describeKey('k');
    expect(transport.requests).toHaveLength(2);
  });

  test('isRetryableError: deadline and bad-response on a 2xx are final, bad-response on a 5xx is not', () => {
    expect(isRetryableError(new KmsTransportError('deadline', 'A', 'e', 'd'))).toBe(false);
    expect(isRetryableError(new KmsTransportError('bad-response', 'A', 'e', 'd', 200))).toBe(false);
    expect(isRetryableError(new KmsTransportError('bad-response', 'A', 'e', 'd', 503))).toBe(true);
    expect(isRetryableError(new KmsConfigError('credentials.missing', 'm'))).toBe(false);
    expect(isRetryableError(new Error('bug'))).toBe(false);
  });
});

describe('non-idempotent actions', () => {
  test('CreateKeyVersion is marked non-idempotent in the action table', () => {
    expect(KMS_ACTIONS.CreateKeyVersion.idempotent).toBe(false);
    expect(KMS_ACTIONS.CreateKey.idempotent).toBe(false);
    expect(KMS_ACTIONS.DescribeKey.idempotent).toBe(true);
  });

  test.each([
    ['a 500', serviceError(500, 'InternalFailure')],
    ['a 503', serviceError(503, 'ServiceUnavailableTemporary')],
    ['throttling', serviceError(400, 'Throttling')],
    ['a reset', new HttpFailure('reset', 'UND_ERR_SOCKET', 'closed')],
    ['a timeout', new HttpFailure('timeout', 'UND_ERR_HEADERS_TIMEOUT', 'slow')],
    ['a connect failure', new HttpFailure('connect', 'ECONNREFUSED', 'refused')],
  ])('CreateKeyVersion is sent once after %s', async (_, step) => {
    const { kms, transport, runtime } = client([step as Step], {}, versionOk);
    await failure(kms.createKeyVersion('k'));
    expect(transport.requests).toHaveLength(1);
    expect(runtime.sleeps).toEqual([]);
  });

  test('every non-idempotent action of the table is sent once after a 500', async () => {
    const nonIdempotent = (Object.keys(KMS_ACTIONS) as KmsAction[]).filter((a) => !KMS_ACTIONS[a].idempotent);
    expect(nonIdempotent.sort()).toEqual(['CreateAlias', 'CreateKey', 'CreateKeyVersion', 'ScheduleKeyDeletion']);
    const calls: Record<string, (kms: KmsClient) => Promise<unknown>> = {
      CreateAlias: (kms) => kms.createAlias('alias/a', 'k'),
      CreateKey: (kms) => kms.createKey({ keySpec: 'RSA_2048' }),
      CreateKeyVersion: (kms) => kms.createKeyVersion('k'),
      ScheduleKeyDeletion: (kms) => kms.scheduleKeyDeletion('k', 7),
    };
    for (const action of nonIdempotent) {
      const { kms, transport } = client([], {}, serviceError(500, 'InternalFailure'));
      await failure(calls[action]!(kms));
      expect(transport.requests, action).toHaveLength(1);
    }
  });

  test('an in-flight CreateKeyVersion is not cut by the abort signal, so its outcome is known', async () => {
    const controller = new AbortController();
    const { kms, transport } = client([
      async (request) => {
        controller.abort(new Error('SIGINT'));
        expect(request.signal?.aborted).toBe(false);
        return versionOk;
      },
    ]);
    const { value } = await kms.createKeyVersion('k', { signal: controller.signal });
    expect(value.keyVersionId).toBe('v');
    expect(transport.requests).toHaveLength(1);
  });
});

describe('bounds', () => {
  test('attempts stop at maxAttempts', async () => {
    const { kms, transport, runtime } = client([], { retry: { maxAttempts: 4 } }, serviceError(503, 'ServiceUnavailableTemporary'));
    expect(await failure(kms.describeKey('k'))).toBeInstanceOf(KmsApiError);
    expect(transport.requests).toHaveLength(4);
    expect(runtime.sleeps).toHaveLength(3);
  });

  test('the default policy is 5 attempts, 500 ms base, 8 s cap', async () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 });
    const { kms, transport } = client([], {}, serviceError(503, 'ServiceUnavailableTemporary'));
    await failure(kms.describeKey('k'));
    expect(transport.requests).toHaveLength(5);
  });

  test('no back-off is begun that would end after the deadline; the last error is thrown', async () => {
    const { kms, transport, runtime } = client([], { retry: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 10 }, timeouts: { deadlineMs: 2_500 } }, serviceError(400, 'Throttling'));
    runtime.draw = 0.9999; // 999 ms each
    const error = await failure(kms.describeKey('k'));
    expect(error).toMatchObject({ code: 'Throttling' });
    expect(runtime.sleeps).toEqual([999, 999]);
    expect(transport.requests).toHaveLength(3);
  });

  test('when an attempt outlasts the deadline, no further attempt is made and the last error is thrown', async () => {
    const runtime = new FakeRuntime();
    const transport = new ScriptedTransport([
      async () => {
        runtime.time += 70_000; // this attempt took longer than the whole deadline
        throw new HttpFailure('reset', 'ECONNRESET', 'reset');
      },
    ]);
    const kms = new KmsClient({ region: 'cn-hangzhou', credentials, transport, runtime, retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    expect(await failure(kms.describeKey('k'))).toMatchObject({ kind: 'reset' });
    expect(transport.requests).toHaveLength(1);
  });

  test('an attempt that would start after the deadline is not sent and gives kind deadline', async () => {
    const runtime = new FakeRuntime();
    runtime.sleep = async (ms: number) => {
      runtime.time += ms + 70_000; // the process was suspended during the back-off
    };
    const { kms, transport } = client([new HttpFailure('reset', 'ECONNRESET', 'reset'), describeOk], { runtime });
    expect(await failure(kms.describeKey('k'))).toMatchObject({ kind: 'deadline', action: 'DescribeKey' });
    expect(transport.requests).toHaveLength(1);
  });

  test('an abort during the back-off ends the loop with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('SIGINT');
    const runtime = new FakeRuntime();
    runtime.sleep = async () => {
      controller.abort(reason);
      throw reason;
    };
    const { kms, transport } = client([serviceError(503, 'ServiceUnavailableTemporary'), describeOk], { runtime, signal: controller.signal });
    expect(await failure(kms.describeKey('k'))).toBe(reason);
    expect(transport.requests).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('SIGINT'));
    const { kms, transport } = client([describeOk]);
    expect(await failure(kms.describeKey('k', { signal: controller.signal }))).toMatchObject({ message: 'SIGINT' });
    expect(transport.requests).toHaveLength(0);
  });

  test('a bad policy is a configuration error', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(KmsConfigError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(KmsConfigError);
    expect(resolveRetryPolicy({ maxAttempts: undefined as unknown as number })).toEqual(DEFAULT_RETRY_POLICY);
  });

  test('runWithRetries reports each failure with the chosen back-off, undefined on the last', async () => {
    const seen: [number, number | undefined][] = [];
    const runtime = new FakeRuntime();
    await failure(
      runWithRetries({
        idempotent: true,
        policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
        runtime,
        deadlineAt: runtime.now() + 60_000,
        attempt: async () => {
          throw new KmsTransportError('reset', 'A', 'e', 'd');
        },
        onFailure: (_, attempt, delay) => seen.push([attempt, delay]),
      }),
    );
    expect(seen).toEqual([
      [1, 5],
      [2, 10],
      [3, undefined],
    ]);
  });
});

describe('each attempt is a new signed request', () => {
  test('a retry has a new nonce and a new timestamp', async () => {
    const { kms, transport } = client([serviceError(400, 'Throttling'), describeOk], { retry: { baseDelayMs: 4_000, maxDelayMs: 4_000 } });
    await kms.describeKey('k');
    const [first, second] = transport.params;
    expect(first?.SignatureNonce).not.toBe(second?.SignatureNonce);
    expect(first?.Timestamp).toBe('2026-11-22T04:41:58Z');
    expect(second?.Timestamp).toBe('2026-11-22T04:42:00Z');
    expect(first?.Signature).not.toBe(second?.Signature);
  });

  test('credentials are asked for on every attempt, so a refreshing provider can rotate them', async () => {
    let asked = 0;
    const rotating = {
      getCredentials: async () => ({ accessKeyId: `DUMMYrotating${++asked}`, accessKeySecret: 's' }),
      describe: async () => ({ source: 'test', accessKeyId: '****', hasSecurityToken: false }),
    };
    const { kms, transport } = client([new HttpFailure('reset', 'ECONNRESET', 'x'), describeOk], { credentials: rotating });
    await kms.describeKey('k');
    expect(transport.params.map((p) => p.AccessKeyId)).toEqual(['DUMMYrotating1', 'DUMMYrotating2']);
  });

  test('missing credentials fail before anything is sent, with code credentials.missing', async () => {
    const { EnvCredentialsProvider } = await import('../../src/kms/credentials.js');
    const { kms, transport } = client([describeOk], { credentials: new EnvCredentialsProvider({}) });
    expect(await failure(kms.describeKey('k'))).toMatchObject({ code: 'credentials.missing' });
    expect(transport.requests).toHaveLength(0);
  });
});
