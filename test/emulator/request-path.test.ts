/**
 * The emulator's request path after its CPU work (listener-based body reading, decoding fast paths,
 * a shared UTF-8 decoder, lazy nonce sweeps, a once-a-second Date header): each behaves as before.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KmsServiceError } from '../../src/emulator/errors.js';
import { NonceCache, TIMESTAMP_TOLERANCE_MS } from '../../src/emulator/nonce-cache.js';
import { decodeParams, readBody } from '../../src/emulator/request-parser.js';
import { abandonRequestMidBody, expectError, startTest } from './helpers.js';
import { send } from './signed-client.js';

/** The decoding every name and value went through before the fast path. */
function referenceDecode(text: string): Record<string, string> | 'refused' {
  // Without a prototype, as decodeParams keeps them: a parameter named __proto__ is a parameter.
  const params = Object.create(null) as Record<string, string>;
  try {
    for (const pair of text.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (name === '') continue;
      if (Object.hasOwn(params, name)) return 'refused';
      params[name] = value;
    }
  } catch {
    return 'refused';
  }
  return { ...params };
}

function decoded(text: string): Record<string, string> | 'refused' {
  try {
    return { ...decodeParams(text, 'form body') };
  } catch (error) {
    if (error instanceof KmsServiceError && error.code === 'InvalidParameter') return 'refused';
    throw error;
  }
}

describe('decoding parameters', () => {
  const piece = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/),
    fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => encodeURIComponent(s)),
    fc.stringMatching(/^[A-Za-z0-9%+=&]{0,12}$/),
    fc.constantFrom('%', '%zz', '%E5%AF', '%ff%fe', '+', 'a+b', '%2B', '=', '&&', '__proto__', 'constructor'),
  );
  const form = fc.array(fc.tuple(piece, fc.constantFrom('=', '=', ''), piece), { maxLength: 8 }).map((pairs) => pairs.map(([n, eq, v]) => `${n}${eq}${v}`).join('&'));

  test('a form or query decodes to what decoding every part gives, and is refused alike', () => {
    fc.assert(
      fc.property(form, (text) => {
        expect(decoded(text)).toEqual(referenceDecode(text));
      }),
      { numRuns: 3_000 },
    );
  });
});

/** A request stand-in: a stream with headers, as readBody sees an IncomingMessage. */
function fakeRequest(headers: Record<string, string> = {}): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers });
}

describe('reading a body', () => {
  test('a body in several chunks is read whole', async () => {
    const req = fakeRequest();
    const reading = readBody(req as unknown as IncomingMessage);
    req.write('Action=');
    req.write('ListKeys');
    req.end('&Format=JSON');
    expect((await reading).toString()).toBe('Action=ListKeys&Format=JSON');
  });

  test('an empty body is empty', async () => {
    const req = fakeRequest();
    const reading = readBody(req as unknown as IncomingMessage);
    req.end();
    expect((await reading).length).toBe(0);
  });

  test('a body over the limit is read to its end, then refused with 413', async () => {
    const req = fakeRequest();
    const reading = readBody(req as unknown as IncomingMessage, 10);
    req.write('0123456789');
    req.write('abc');
    req.end('def');
    await expect(reading).rejects.toMatchObject({ code: 'InvalidParameter', status: 413 });
    expect(req.readableEnded).toBe(true);
  });

  test('a declared length beyond what is ever drained is refused before reading', async () => {
    const req = fakeRequest({ 'content-length': String(65 * 1024 * 1024) });
    await expect(readBody(req as unknown as IncomingMessage)).rejects.toMatchObject({ status: 413 });
  });

  test('a stream error ends the read with that error', async () => {
    const req = fakeRequest();
    const reading = readBody(req as unknown as IncomingMessage);
    req.write('Action=');
    const error = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    req.destroy(error);
    await expect(reading).rejects.toBe(error);
  });

  test('a stream closed before its end ends the read with an error', async () => {
    const req = fakeRequest();
    const reading = readBody(req as unknown as IncomingMessage);
    req.write('Action=');
    req.destroy();
    await expect(reading).rejects.toThrow();
  });

  test('the listeners are gone once the body is read', async () => {
    const req = fakeRequest();
    const before = ['data', 'end', 'error', 'close'].map((e) => (req as EventEmitter).listenerCount(e));
    const reading = readBody(req as unknown as IncomingMessage);
    req.end('x=1');
    await reading;
    expect(['data', 'end', 'error', 'close'].map((e) => (req as EventEmitter).listenerCount(e))).toEqual(before);
  });
});

describe('the nonce cache', () => {
  type Step = { kind: 'remember'; key: number; nonce: number; ahead: number } | { kind: 'has'; key: number; nonce: number } | { kind: 'wait'; ms: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('remember' as const), key: fc.integer({ min: 0, max: 2 }), nonce: fc.integer({ min: 0, max: 40 }), ahead: fc.constantFrom(0, 0, 60_000, 10 * 60_000) }),
    fc.record({ kind: fc.constant('has' as const), key: fc.integer({ min: 0, max: 2 }), nonce: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(1, 1_000, 60_000, TIMESTAMP_TOLERANCE_MS) }),
  );

  test('answers like a plain map of expiries, whenever it sweeps', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 3_000 }), (steps) => {
        let now = 1_000_000;
        const cache = new NonceCache(() => now);
        const model = new Map<string, number>();
        for (const s of steps) {
          if (s.kind === 'wait') now += s.ms;
          else if (s.kind === 'remember') {
            cache.remember(`ak${s.key}`, `n${s.nonce}`, now + s.ahead);
            model.set(`ak${s.key}\n${s.nonce}`, Math.max(now, now + s.ahead) + TIMESTAMP_TOLERANCE_MS);
          } else {
            const expiry = model.get(`ak${s.key}\n${s.nonce}`);
            expect(cache.has(`ak${s.key}`, `n${s.nonce}`)).toBe(expiry !== undefined && expiry > now);
          }
        }
        expect(cache.size).toBeLessThanOrEqual(model.size);
      }),
      { numRuns: 200 },
    );
  });

  test('a sweep leaves only entries that have not expired', () => {
    let now = 0;
    const cache = new NonceCache(() => now);
    for (let i = 0; i < 1023; i += 1) cache.remember('ak', `old${i}`, now);
    now += TIMESTAMP_TOLERANCE_MS;
    cache.remember('ak', 'fresh', now);
    expect(cache.size).toBe(1);
    expect(cache.has('ak', 'fresh')).toBe(true);
  });
});

describe('answers', () => {
  test('the Date header follows every change of the emulator clock, also within one real second', async () => {
    const { kms, emulator } = await startTest();
    const dates: string[] = [];
    for (const ms of [0, 1_000, 500, -1_500, 86_400_000]) {
      emulator.clock.advance(ms);
      dates.push(String((await kms.call('ListKeys')).headers['date']));
    }
    expect(dates).toEqual(['Sat, 10 Jan 2026 08:00:00 GMT', 'Sat, 10 Jan 2026 08:00:01 GMT', 'Sat, 10 Jan 2026 08:00:01 GMT', 'Sat, 10 Jan 2026 08:00:00 GMT', 'Sun, 11 Jan 2026 08:00:00 GMT']);
  });

  test('a form body that is not UTF-8 does not spoil the decoding of the next one', async () => {
    const { emulator, kms } = await startTest();
    const bad = Buffer.concat([Buffer.from('Action=ListKeys&Description='), Buffer.from([0xe5, 0xaf])]);
    expectError(await send(emulator.url, 'POST', '/?Format=JSON', { 'content-type': 'application/x-www-form-urlencoded' }, bad), 'InvalidParameter', 400);
    const key = (await kms.ok('CreateKey', { Description: '密钥 ü' })).KeyMetadata;
    expect(key.Description).toBe('密钥 ü');
  });

  test('a client that leaves mid-body is neither answered nor counted', async () => {
    const { emulator, kms } = await startTest();
    await abandonRequestMidBody(emulator.port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await kms.ok('ListKeys');
    const stats = (await send(emulator.url, 'GET', '/_emulator/stats', {})).body;
    expect(stats).toMatchObject({ total: 1, errors: 0 });
  });
});
