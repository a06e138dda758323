/** The quota pacer driven by an injected clock: its sleeps move the clock, so nothing here waits. */
import { describe, expect, test } from 'vitest';
import { QuotaPacer } from '../../src/kms/quota-pacer.js';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { parseQuotaOverrides, resolveQuotaFigures } from '../../src/kms/pair-traffic.js';
import { OLDER_PUBLISHED_QUOTAS, PUBLISHED_QUOTAS } from '../../src/kms/wire/quotas.js';

/** A clock that moves only when the pacer sleeps (or the test moves it). */
function fakeClock(): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; advance(ms: number): void; sleeps: number[] } {
  let time = 1_000;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms) => {
      time += ms;
    },
    sleeps,
  };
}

/** Times at which `count` requests, paced one after another, get their slot. */
async function paceTimes(pacer: QuotaPacer, clock: ReturnType<typeof fakeClock>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await pacer.pace()).pacedAt);
  void clock;
  return times;
}

describe('the quota pacer', () => {
  test('after its burst, requests go at the configured rate', async () => {
    const clock = fakeClock();
    const pacer = new QuotaPacer({ ratePerSecond: 50, burst: 1, now: clock.now, sleep: clock.sleep });
    const times = await paceTimes(pacer, clock, 101);
    expect(times.at(-1)! - times[0]!).toBeCloseTo(2_000, 6);
    expect(new Set(times.slice(1).map((t, i) => Math.round(t - times[i]!)))).toEqual(new Set([20]));
  });

  test('a quiet pacer lets its burst go at once, then paces', async () => {
    const clock = fakeClock();
    const pacer = new QuotaPacer({ ratePerSecond: 50, now: clock.now, sleep: clock.sleep });
    const times = await paceTimes(pacer, clock, 12);
    // The default burst is a fifth of a second's worth: 10 at 50 a second.
    expect(times.slice(0, 10)).toEqual(Array(10).fill(1_000));
    expect(times.slice(10)).toEqual([1_020, 1_040]);
  });

  test('concurrent requests each reserve their own slot, in the order they asked', async () => {
    const clock = fakeClock();
    const pacer = new QuotaPacer({ ratePerSecond: 10, burst: 1, now: () => clock.now(), sleep: async (ms) => {
        clock.sleeps.push(ms);
      } });
    await Promise.all([pacer.pace(), pacer.pace(), pacer.pace(), pacer.pace()]);
    expect(clock.sleeps).toEqual([100, 200, 300]);
  });

  test('a throttling answer lowers the rate once per overload, and it recovers slowly to the configured figure', async () => {
    const clock = fakeClock();
    const pacer = new QuotaPacer({ ratePerSecond: 50, burst: 1, now: clock.now, sleep: clock.sleep });
    const early = await pacer.pace();
    const alsoEarly = await pacer.pace();
    pacer.throttled(early);
    expect(pacer.rate).toBeCloseTo(35, 6);
    // An answer to a request paced before that decrease is the same overload: no second decrease.
    pacer.throttled(alsoEarly);
    expect(pacer.snapshot()).toMatchObject({ decreases: 1, lowest: 35 });
    clock.advance(5_000);
    expect(pacer.rate).toBeCloseTo(40, 6);
    clock.advance(60_000);
    expect(pacer.rate).toBe(50);
  });

  test('an account with the older, lower quota is paced near it after a few throttlings, without configuration', async () => {
    // A simulated service bucket at the older figure (20 a second, a second's worth of burst) answers each paced request.
    const clock = fakeClock();
    const served = { tokens: 20, at: clock.now(), throttled: 0 };
    const pacer = new QuotaPacer({ ratePerSecond: PUBLISHED_QUOTAS['key-read']!, now: clock.now, sleep: clock.sleep });
    const serviceRate = OLDER_PUBLISHED_QUOTAS['key-read']!;
    for (let i = 0; i < 2_000; i++) {
      const ticket = await pacer.pace();
      served.tokens = Math.min(serviceRate, served.tokens + ((clock.now() - served.at) / 1000) * serviceRate);
      served.at = clock.now();
      if (served.tokens >= 1) served.tokens -= 1;
      else {
        served.throttled += 1;
        pacer.throttled(ticket);
      }
    }
    const seconds = (clock.now() - 1_000) / 1000;
    // Close to the real quota (2,000 requests at 20 a second is 100 s), with few throttled.
    expect(seconds).toBeLessThan(2_000 / (serviceRate * 0.75));
    expect(served.throttled / 2_000).toBeLessThan(0.05);
    expect(pacer.snapshot().lowest).toBeLessThan(serviceRate);
  });

  test('an aborted wait rejects with the reason and gives its slot back', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    // A request with a signal waits until it aborts; one without moves the clock.
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
      signal ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })) : clock.sleep(ms);
    const pacer = new QuotaPacer({ ratePerSecond: 10, burst: 1, now: clock.now, sleep });
    await pacer.pace();
    const waiting = pacer.pace(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    // The slot the aborted request had (100 ms on) is the next request's, not the one after it.
    await pacer.pace();
    expect(clock.sleeps).toEqual([100]);
  });

  test('bad settings are refused with the value quoted', () => {
    const clock = fakeClock();
    expect(() => new QuotaPacer({ ratePerSecond: 0, now: clock.now, sleep: clock.sleep })).toThrow(/rate .* got 0/);
    expect(() => new QuotaPacer({ ratePerSecond: 5, decrease: 1.5, now: clock.now, sleep: clock.sleep })).toThrow(/decrease .* got 1.5/);
  });
});

describe('quota figures', () => {
  test('the published figures by default, each group overridable, "unlimited" for none', () => {
    expect(resolveQuotaFigures(undefined)).toEqual(PUBLISHED_QUOTAS);
    expect(resolveQuotaFigures({ 'key-read': 20, 'key-create': 'unlimited' })).toEqual({ ...PUBLISHED_QUOTAS, 'key-read': 20, 'key-create': undefined });
  });

  test('an unknown group or a bad figure is an options.invalid error', () => {
    expect(() => resolveQuotaFigures({ reads: 5 } as never)).toThrow(expect.objectContaining({ code: 'options.invalid' }));
    expect(() => resolveQuotaFigures({ 'key-read': -1 })).toThrow(expect.objectContaining({ code: 'options.invalid' }));
  });
});

describe('KMSCTL_QUOTAS', () => {
  test('"unlimited" turns every group off; pairs override the groups they name', () => {
    expect(resolveQuotaFigures(parseQuotaOverrides('unlimited'))).toEqual({ 'key-read': undefined, 'key-write': undefined, 'key-create': undefined, 'instance-read': undefined });
    expect(resolveQuotaFigures(parseQuotaOverrides(' key-read=20, key-create=unlimited '))).toEqual({ ...PUBLISHED_QUOTAS, 'key-read': 20, 'key-create': undefined });
    expect(parseQuotaOverrides('')).toBeUndefined();
  });

  test('a malformed value is an options.invalid error quoting it', () => {
    expect(() => parseQuotaOverrides('reads:20')).toThrow(expect.objectContaining({ code: 'options.invalid', message: expect.stringContaining('"reads:20"') }));
    expect(() => resolveQuotaFigures(parseQuotaOverrides('reads=20'))).toThrow(expect.objectContaining({ code: 'options.invalid' }));
  });

  test('the factory reads it from its env, and its quotas option wins', () => {
    const base = { endpoint: 'http://127.0.0.1:9', credentials: new StaticCredentialsProvider({ accessKeyId: 'DUMMYquotas0001', accessKeySecret: 's' }) };
    const fromEnv = createKmsClients({ ...base, env: { KMSCTL_QUOTAS: 'key-read=20' } });
    fromEnv.forRegion('cn-hangzhou');
    expect(fromEnv.traffic()['-/cn-hangzhou']?.pacers['key-read']?.configured).toBe(20);
    const option = createKmsClients({ ...base, env: { KMSCTL_QUOTAS: 'key-read=20' }, quotas: { 'key-read': 5 } });
    option.forRegion('cn-hangzhou');
    expect(option.traffic()['-/cn-hangzhou']?.pacers['key-read']?.configured).toBe(5);
    const off = createKmsClients({ ...base, env: { KMSCTL_QUOTAS: 'unlimited' } });
    off.forRegion('cn-hangzhou');
    expect(off.traffic()['-/cn-hangzhou']?.pacers).toEqual({});
  });
});
