import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AdaptiveLimiter, type Permit, type PermitOutcome } from '../../src/kms/adaptive-limiter.js';
import { isThrottling } from '../../src/kms/wire/error-codes.js';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { KmsConfigError } from '../../src/kms/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/kms/http-transport.js';
import { wireKeyMetadata } from './helpers/canned.js';
import { FakeRuntime, ScriptedTransport, json, serviceError } from './helpers/scripted-transport.js';

/** Lets granted permits and settled calls run (everything here resolves within a few ticks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Acquires `n` permits that are granted at once. */
async function take(limiter: AdaptiveLimiter, n: number): Promise<Permit[]> {
  return Promise.all(Array.from({ length: n }, () => limiter.acquire()));
}

function releaseAll(permits: Permit[], outcome: PermitOutcome): void {
  for (const permit of permits) permit.release(outcome);
}

describe('AdaptiveLimiter', () => {
  test('starts at the ceiling and grants that many permits at once', async () => {
    const limiter = new AdaptiveLimiter({ max: 3 });
    await take(limiter, 3);
    let fourth = false;
    void limiter.acquire().then(() => (fourth = true));
    await settle();
    expect(fourth).toBe(false);
    expect(limiter.snapshot()).toMatchObject({ limit: 3, inFlight: 3, queued: 1 });
  });

  test('waiters are served in the order they came', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const [first] = await take(limiter, 1);
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => limiter.acquire().then((permit) => {
      order.push(n);
      permit.release('success');
    }));
    first?.release('success');
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  test('a throttled answer halves the limit, and never below the floor', async () => {
    const limiter = new AdaptiveLimiter({ max: 10 });
    const expected = [5, 2, 1, 1];
    for (const limit of expected) {
      const [permit] = await take(limiter, 1);
      permit?.release('throttled');
      expect(limiter.limit).toBe(limit);
    }
    expect(limiter.snapshot()).toMatchObject({ lowest: 1, decreases: 4 });
  });

  test('the throttlings of requests sent before a decrease halve the limit once, not once each', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const permits = await take(limiter, 8);
    releaseAll(permits, 'throttled');
    expect(limiter.snapshot()).toMatchObject({ limit: 4, decreases: 1 });
    // A request sent under the new limit may lower it again.
    const [later] = await take(limiter, 1);
    later?.release('throttled');
    expect(limiter.limit).toBe(2);
  });

  test('answers grow the limit by one per window of `limit` answers, up to the ceiling', async () => {
    const limiter = new AdaptiveLimiter({ max: 4, initial: 2, windowMs: 0 });
    const limits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const [permit] = await take(limiter, 1);
      permit?.release('success');
      limits.push(limiter.limit);
    }
    // 2 answers to reach 3, 3 more to reach 4, then it stays at the ceiling.
    expect(limits).toEqual([2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(limiter.snapshot().increases).toBe(2);
  });

  test('a window also lasts at least windowMs since the last change, so a small limit climbs no faster than a quota refills', async () => {
    let now = 0;
    const limiter = new AdaptiveLimiter({ max: 8, windowMs: 250, now: () => now });
    const [first] = await take(limiter, 1);
    first?.release('throttled'); // 8 -> 4 at t=0
    const answer = async () => (await take(limiter, 1))[0]?.release('success');
    for (let i = 0; i < 20; i++) await answer();
    expect(limiter.limit).toBe(4); // plenty of answers, but no time has passed
    now = 249;
    await answer();
    expect(limiter.limit).toBe(4);
    now = 250;
    await answer();
    expect(limiter.limit).toBe(5);
    now = 400; // 5 answers more, but only 150 ms since the last change
    for (let i = 0; i < 5; i++) await answer();
    expect(limiter.limit).toBe(5);
    now = 500;
    await answer();
    expect(limiter.snapshot()).toMatchObject({ limit: 6, increases: 2, decreases: 1 });
  });

  test('a request without an answer neither grows nor shrinks the limit', async () => {
    const limiter = new AdaptiveLimiter({ max: 6, initial: 3 });
    releaseAll(await take(limiter, 3), 'failed');
    releaseAll(await take(limiter, 3), 'failed');
    expect(limiter.snapshot()).toMatchObject({ limit: 3, increases: 0, decreases: 0, inFlight: 0 });
  });

  test('a permit released twice frees one slot only', async () => {
    const limiter = new AdaptiveLimiter({ max: 2 });
    const [a] = await take(limiter, 2);
    a?.release('failed');
    a?.release('failed');
    expect(limiter.snapshot().inFlight).toBe(1);
  });

  test('a lowered limit holds the waiters until enough requests have come back', async () => {
    const limiter = new AdaptiveLimiter({ max: 4 });
    const permits = await take(limiter, 4);
    let granted = 0;
    for (let i = 0; i < 4; i++) void limiter.acquire().then(() => granted++);
    permits[0]?.release('throttled'); // limit 2, 3 still in flight
    await settle();
    expect(granted).toBe(0);
    permits[1]?.release('failed'); // 2 in flight: still at the limit
    await settle();
    expect(granted).toBe(0);
    permits[2]?.release('failed'); // 1 in flight: one waiter goes
    await settle();
    expect(granted).toBe(1);
    expect(limiter.snapshot()).toMatchObject({ limit: 2, inFlight: 2, queued: 3 });
  });

  test('a waiter whose signal aborts leaves the queue with the signal reason', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const [held] = await take(limiter, 1);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('interrupted'));
    await expect(waiting).rejects.toThrow('interrupted');
    expect(limiter.snapshot().queued).toBe(0);
    held?.release('success');
    expect(limiter.snapshot().inFlight).toBe(0);
  });

  test('bad settings are configuration errors', () => {
    expect(() => new AdaptiveLimiter({ max: 0 })).toThrow(KmsConfigError);
    expect(() => new AdaptiveLimiter({ max: 2.5 })).toThrow(KmsConfigError);
    expect(() => new AdaptiveLimiter({ max: 4, decrease: 1 })).toThrow(KmsConfigError);
    expect(() => new AdaptiveLimiter({ max: 4, windowMs: -1 })).toThrow(KmsConfigError);
  });

  test('throttling is HTTP 429, Rejected.Throttling or the Throttling family, nothing else', () => {
    expect(['Throttling', 'Throttling.User', 'Throttling.Api', 'Rejected.Throttling'].every((code) => isThrottling({ code, httpStatus: 400 }))).toBe(true);
    expect(isThrottling({ code: 'Anything', httpStatus: 429 })).toBe(true);
    expect(['ServiceUnavailableTemporary', 'InternalFailure', 'Forbidden.KeyNotFound'].some((code) => isThrottling({ code, httpStatus: 400 }))).toBe(false);
  });

  test('whatever the answers, the limit stays within its bounds and no slot is idle while someone waits', async () => {
    const op = fc.oneof(
      fc.constant({ kind: 'acquire' as const }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat(), outcome: fc.constantFrom<PermitOutcome>('success', 'throttled', 'failed') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 80 }), async (max, ops) => {
        const limiter = new AdaptiveLimiter({ max });
        const held: Permit[] = [];
        for (const step of ops) {
          if (step.kind === 'acquire') void limiter.acquire().then((permit) => held.push(permit));
          else if (held.length > 0) held.splice(step.pick % held.length, 1)[0]?.release(step.outcome);
          await Promise.resolve();
          await Promise.resolve();
          const s = limiter.snapshot();
          expect(s.limit).toBeGreaterThanOrEqual(1);
          expect(s.limit).toBeLessThanOrEqual(max);
          expect(s.inFlight).toBeLessThanOrEqual(max);
          if (s.queued > 0) expect(s.inFlight).toBeGreaterThanOrEqual(s.limit);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the limiter in the client factory', () => {
  const credentials = new StaticCredentialsProvider({ accessKeyId: 'DUMMY0LimiterTests', accessKeySecret: 'limiter-secret' });
  const describeOk = json(200, { RequestId: 'r-ok', KeyMetadata: wireKeyMetadata() });

  /** A transport whose answers the test releases, counting the requests in flight. */
  function heldTransport() {
    const pending: { request: HttpRequest; answer: (response: HttpResponse) => void }[] = [];
    let peak = 0;
    const transport = new ScriptedTransport([], (request) =>
      new Promise<HttpResponse>((answer) => {
        pending.push({ request, answer });
        peak = Math.max(peak, pending.length);
      }),
    );
    const answerAll = (response: HttpResponse) => {
      for (const p of pending.splice(0)) p.answer(response);
    };
    return { transport, pending, answerAll, peak: () => peak };
  }

  test('each region has a limiter of its own, even behind one endpoint, and one bound caps the requests in flight across them', async () => {
    const held = heldTransport();
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport: held.transport, runtime: new FakeRuntime(), maxConcurrency: 3 });
    const calls = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'].flatMap((region) => [1, 2, 3].map(() => clients.forRegion(region).describeKey('alias/k')));
    await settle();
    expect(held.pending).toHaveLength(3);
    while (held.pending.length > 0) {
      held.answerAll(describeOk);
      await settle();
    }
    await Promise.all(calls);
    expect({ peak: held.peak(), sent: held.transport.requests.length }).toEqual({ peak: 3, sent: 9 });
    expect(Object.keys(clients.limiters()).sort()).toEqual(['-/cn-beijing', '-/cn-hangzhou', '-/cn-shanghai']);
    expect(Object.values(clients.limiters())).toEqual(Array(3).fill(expect.objectContaining({ limit: 3, max: 3, inFlight: 0 })));
    expect(clients.peakInFlight()).toBe(3);
  });

  test('a throttled call lowers the limit, and its retry goes through the limiter again', async () => {
    const transport = new ScriptedTransport([serviceError(400, 'Throttling'), describeOk], describeOk);
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport, runtime: new FakeRuntime(), maxConcurrency: 8 });
    await clients.forRegion('cn-hangzhou').describeKey('alias/k');
    expect(transport.requests).toHaveLength(2);
    expect(Object.values(clients.limiters())).toEqual([expect.objectContaining({ limit: 4, lowest: 4, decreases: 1, inFlight: 0 })]);
  });

  test('other error answers count as answers: they do not lower the limit', async () => {
    const transport = new ScriptedTransport([serviceError(404, 'Forbidden.KeyNotFound')]);
    const clients = createKmsClients({ endpoint: 'http://127.0.0.1:9', env: {}, credentials, transport, runtime: new FakeRuntime(), maxConcurrency: 8 });
    await expect(clients.forRegion('cn-hangzhou').describeKey('alias/k')).rejects.toMatchObject({ code: 'Forbidden.KeyNotFound' });
    expect(Object.values(clients.limiters())).toEqual([expect.objectContaining({ limit: 8, decreases: 0, inFlight: 0 })]);
  });

  test('a bad ceiling is refused when the clients are made', () => {
    expect(() => createKmsClients({ env: {}, credentials, maxConcurrency: 0 })).toThrow(KmsConfigError);
  });
});
