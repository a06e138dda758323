import { describe, expect, test } from 'vitest';
import { DAY_MS, T0, createKey, startTest } from './helpers.js';
import { send } from './signed-client.js';

function postClock(url: string, body: string) {
  return send(url, 'POST', '/_emulator/clock', { 'content-type': 'application/json' }, body);
}

describe('emulator admin endpoints', () => {
  test('GET /_emulator/clock shows the emulator time', async () => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'GET', '/_emulator/clock', {});
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ now: '2026-01-10T08:00:00.000Z', frozen: true });
  });

  test.each([
    ['7d', '2026-01-17T08:00:00.000Z'],
    ['90s', '2026-01-10T08:01:30.000Z'],
    ['30m', '2026-01-10T08:30:00.000Z'],
    ['2h', '2026-01-10T10:00:00.000Z'],
    ['-1d', '2026-01-09T08:00:00.000Z'],
    ['1d12h', '2026-01-11T20:00:00.000Z'],
    ['2w', '2026-01-24T08:00:00.000Z'],
    ['-1w2d', '2026-01-01T08:00:00.000Z'],
  ])('POST /_emulator/clock {"advance":"%s"} moves the clock', async (advance, expected) => {
    const { emulator } = await startTest();
    const response = await postClock(emulator.url, JSON.stringify({ advance }));
    expect({ status: response.status, now: response.body.now }).toEqual({ status: 200, now: expected });
    expect(emulator.clock.now().toISOString()).toBe(expected);
  });

  test('POST /_emulator/clock {"set": ISO} sets the clock, and key dates follow it', async () => {
    const { emulator, kms } = await startTest();
    expect((await postClock(emulator.url, JSON.stringify({ set: '2027-05-01T00:00:00Z' }))).body.now).toBe('2027-05-01T00:00:00.000Z');
    expect((await createKey(kms)).CreationDate).toBe('2027-05-01T00:00:00Z');
  });

  test('a running clock keeps running after an advance', async () => {
    const { emulator } = await startTest({ freezeClock: false, now: T0 });
    emulator.clock.advance(DAY_MS);
    const now = emulator.clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(Date.parse(T0) + DAY_MS);
    expect(now).toBeLessThan(Date.parse(T0) + DAY_MS + 60_000);
    expect(emulator.clock.frozen).toBe(false);
  });

  test.each([
    ['not JSON', 'advance=7d'],
    ['an array', '[]'],
    ['an unknown unit', '{"advance":"7y"}'],
    ['units out of order, as the config refuses them', '{"advance":"12h1d"}'],
    ['a number', '{"advance":604800}'],
    ['both fields', '{"advance":"1d","set":"2026-01-01T00:00:00Z"}'],
    ['no field', '{}'],
    ['an unknown field', '{"jump":"1d"}'],
    ['a set without a zone', '{"set":"2026-01-01T00:00:00"}'],
    ['a set that is no date', '{"set":"tomorrow"}'],
  ])('POST /_emulator/clock with %s is a 400 JSON error and leaves the clock alone', async (_name, body) => {
    const { emulator } = await startTest();
    const response = await postClock(emulator.url, body);
    expect({ status: response.status, code: response.body.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
    expect(emulator.clock.now().toISOString()).toBe('2026-01-10T08:00:00.000Z');
  });

  test('an unknown /_emulator/ path is 404 and a wrong method 405, both JSON', async () => {
    const { emulator } = await startTest();
    const unknown = await send(emulator.url, 'GET', '/_emulator/reset', {});
    const bare = await send(emulator.url, 'GET', '/_emulator', {});
    const wrong = await send(emulator.url, 'DELETE', '/_emulator/clock', {});
    expect([unknown.status, unknown.body.Code, bare.status, wrong.status, wrong.body.Code]).toEqual([404, 'NotFound', 404, 405, 'MethodNotAllowed']);
  });

  test('GET /_emulator/stats counts API requests per action with a total, and per account, region and quota group', async () => {
    const { emulator, kms } = await startTest();
    await createKey(kms);
    await createKey(kms);
    await kms.call('DescribeKey', { KeyId: 'nope' });
    await kms.call('NoSuchAction');
    await send(emulator.url, 'GET', '/_emulator/clock', {});
    const stats = await send(emulator.url, 'GET', '/_emulator/stats', {});
    expect(stats.body).toEqual({
      total: 4,
      actions: { '(unknown)': 1, CreateKey: 2, DescribeKey: 1 },
      errors: 2,
      errorCodes: { 'Forbidden.KeyNotFound': 1, 'InvalidAction.NotFound': 1 },
      throttled: 0,
      accounts: {
        '1234567890123456': {
          'cn-hangzhou': { 'key-create': { requests: 2, throttled: 0 }, 'key-read': { requests: 1, throttled: 0 } },
        },
      },
      faults: { seed: null, fired: 0, rules: [] },
    });
    expect(emulator.stats().total).toBe(4);
  });
});
