/**
 * The emulator as a remote service: a per-request latency and a plain rate quota answering 429
 * Rejected.Throttling (the service's quotas per account, region and group are in quotas.test.ts).
 * Nothing here measures time: the latency's sleep and the quota's clock are injected, or the quota is
 * so slow to refill (one token in a thousand seconds) that only its bucket counts.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, test, vi } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { trafficFlags } from '../../src/cli/emulator-traffic-flags.js';
import { Latency, drawDelay, parseLatency } from '../../src/emulator/latency.js';
import { RateQuota, checkQuota } from '../../src/emulator/rate-quota.js';
import { TrafficControls } from '../../src/emulator/traffic-controls.js';
import { expectError, startTest } from './helpers.js';
import { send } from './signed-client.js';

function post(url: string, path: string, body: string) {
  return send(url, 'POST', path, { 'content-type': 'application/json' }, body);
}

describe('latency', () => {
  test.each([
    ['20ms', 20],
    ['20', 20],
    ['0', 0],
    ['1.5s', 1500],
    ['0.25ms', 0.25],
    [' 5ms ', 5],
  ])('parseLatency(%j) is %d ms', (text, ms) => {
    expect(parseLatency(text)).toBe(ms);
  });

  test.each(['fast', '-5ms', '5 ms', '5m', '1h', '61s', ''])('parseLatency(%j) is not a latency', (text) => {
    expect(parseLatency(text)).toBeUndefined();
  });

  test('a delay lies within latency ± jitter, uniformly over the draw', () => {
    const settings = { latencyMs: 20, jitterMs: 5 };
    expect(drawDelay(settings, () => 0)).toBe(15);
    expect(drawDelay(settings, () => 0.5)).toBe(20);
    expect(drawDelay(settings, () => 0.999_999)).toBeCloseTo(25, 3);
    expect(drawDelay({ latencyMs: 20, jitterMs: 0 }, () => 0)).toBe(20);
    expect(drawDelay({ latencyMs: 0, jitterMs: 0 }, () => 0.3)).toBe(0);
  });

  test('each wait sleeps one drawn delay; without latency nothing sleeps', async () => {
    const sleeps: number[] = [];
    const draws = [0, 0.5, 0.75];
    const latency = new Latency({ latencyMs: 20, jitterMs: 4 }, { random: () => draws.shift() ?? 0.5, sleep: async (ms) => void sleeps.push(ms) });
    await latency.wait();
    await latency.wait();
    await latency.wait();
    expect(sleeps).toEqual([16, 20, 22]);
    latency.set({ latencyMs: 0, jitterMs: 0 });
    expect(latency.wait()).toBeUndefined();
    expect(sleeps).toHaveLength(3);
  });

  test('a jitter larger than the latency, or a negative latency, is refused', () => {
    expect(() => new Latency({ latencyMs: 5, jitterMs: 6 })).toThrow(RangeError);
    expect(() => new Latency({ latencyMs: -1, jitterMs: 0 })).toThrow(RangeError);
  });
});

describe('rate quota', () => {
  test('serves a full bucket back to back, then refuses until tokens come back at qps', () => {
    let now = 0;
    const quota = new RateQuota({ qps: 10, burst: 3 }, () => now);
    expect([quota.tryTake(), quota.tryTake(), quota.tryTake(), quota.tryTake()]).toEqual([true, true, true, false]);
    now += 50; // half a token
    expect(quota.tryTake()).toBe(false);
    now += 50; // a whole one
    expect([quota.tryTake(), quota.tryTake()]).toEqual([true, false]);
    now += 10_000; // never more than the bucket holds
    expect(Array.from({ length: 5 }, () => quota.tryTake())).toEqual([true, true, true, false, false]);
  });

  test('a refused request takes no token, so refusals do not push the next success further away', () => {
    let now = 0;
    const quota = new RateQuota({ qps: 1, burst: 1 }, () => now);
    expect(quota.tryTake()).toBe(true);
    for (let i = 0; i < 50; i++) expect(quota.tryTake()).toBe(false);
    now += 1000;
    expect(quota.tryTake()).toBe(true);
  });

  test('over the quota, admit throws the service throttling answer (HTTP 429 Rejected.Throttling)', () => {
    const quota = new RateQuota({ qps: 1, burst: 1 }, () => 0);
    quota.admit();
    expect(() => quota.admit()).toThrow(expect.objectContaining({ code: 'Rejected.Throttling', status: 429, message: 'QPS Limit Exceeded' }));
  });

  test('the burst defaults to one second of requests; no qps means no quota', () => {
    expect(checkQuota({ qps: 200 })).toEqual({ qps: 200, burst: 200 });
    expect(checkQuota({ qps: 0.5 })).toEqual({ qps: 0.5, burst: 1 });
    const unlimited = new RateQuota({ qps: undefined }, () => 0);
    expect(Array.from({ length: 1000 }, () => unlimited.tryTake()).every(Boolean)).toBe(true);
    expect(() => checkQuota({ qps: 0 })).toThrow(RangeError);
    expect(() => checkQuota({ qps: 10, burst: 0.5 })).toThrow(RangeError);
    expect(() => checkQuota({ qps: undefined, burst: 3 })).toThrow(RangeError);
  });
});

describe('the emulator with latency and a quota', () => {
  test('beyond the quota, requests get 429 Rejected.Throttling in the gateway error body, counted per action in the stats', async () => {
    const { emulator, kms } = await startTest({ qps: 0.001, qpsBurst: 3 });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await kms.call('ListKeys'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expectError(answers[4]!, 'Rejected.Throttling', 429, 'gateway');
    const stats = (await send(emulator.url, 'GET', '/_emulator/stats', {})).body;
    expect(stats).toMatchObject({ total: 5, actions: { ListKeys: 5 }, errors: 2, errorCodes: { 'Rejected.Throttling': 2 }, throttled: 2 });
  });

  test('admin requests neither wait for the latency nor count against the quota', async () => {
    const { emulator, kms } = await startTest({ qps: 0.001, qpsBurst: 1, latencyMs: 20 });
    const arrive = vi.spyOn(emulator.traffic, 'arrive').mockReturnValue(undefined);
    for (let i = 0; i < 5; i++) expect((await send(emulator.url, 'GET', '/_emulator/stats', {})).status).toBe(200);
    expect(arrive).not.toHaveBeenCalled();
    expect((await kms.call('ListKeys')).status).toBe(200);
    expect((await kms.call('ListKeys')).status).toBe(429);
    expect(arrive).toHaveBeenCalledTimes(2);
  });

  test('GET /_emulator/latency and /_emulator/quota show the settings the emulator started with', async () => {
    const { emulator } = await startTest({ latencyMs: 20, latencyJitterMs: 5, qps: 200 });
    const quotas = { 'key-read': null, 'key-write': null, 'key-create': null, 'instance-read': null };
    const expected = { latencyMs: 20, jitterMs: 5, latency: '20ms', jitter: '5ms', qps: 200, burst: 200, quotas, inFlight: 0, peakInFlight: 0 };
    expect((await send(emulator.url, 'GET', '/_emulator/latency', {})).body).toEqual(expected);
    expect((await send(emulator.url, 'GET', '/_emulator/quota', {})).body).toEqual(expected);
  });

  test('POST /_emulator/latency and /_emulator/quota change them while the emulator runs', async () => {
    const { emulator, kms } = await startTest({ qps: 0.001, qpsBurst: 1 });
    vi.spyOn(emulator.traffic.latency, 'wait').mockReturnValue(undefined);
    expect((await kms.call('ListKeys')).status).toBe(200);
    expect((await kms.call('ListKeys')).status).toBe(429);
    const lifted = await post(emulator.url, '/_emulator/quota', '{"qps": null}');
    expect({ status: lifted.status, qps: lifted.body.qps, burst: lifted.body.burst }).toEqual({ status: 200, qps: null, burst: null });
    for (let i = 0; i < 5; i++) expect((await kms.call('ListKeys')).status).toBe(200);
    const slowed = await post(emulator.url, '/_emulator/latency', '{"latency": "20ms", "jitter": 2.5}');
    expect(slowed.body).toMatchObject({ latencyMs: 20, jitterMs: 2.5, latency: '20ms', jitter: '2.5ms' });
    expect(emulator.traffic.latency.settings).toEqual({ latencyMs: 20, jitterMs: 2.5 });
    const limited = await post(emulator.url, '/_emulator/quota', '{"qps": 50, "burst": 10}');
    expect(limited.body).toMatchObject({ qps: 50, burst: 10 });
  });

  test.each([
    ['/_emulator/latency', '{"latency": "fast"}'],
    ['/_emulator/latency', '{"latency": "5ms", "jitter": "10ms"}'],
    ['/_emulator/latency', '{"jitter": "1ms"}'],
    ['/_emulator/latency', '{"latency": "5ms", "spread": "1ms"}'],
    ['/_emulator/quota', '{"qps": -1}'],
    ['/_emulator/quota', '{"qps": "200"}'],
    ['/_emulator/quota', '{"qps": 10, "burst": 0}'],
    ['/_emulator/quota', '{}'],
    ['/_emulator/quota', 'qps=10'],
  ])('POST %s %s is a 400 and changes nothing', async (path, body) => {
    const { emulator } = await startTest({ latencyMs: 1, qps: 5 });
    const before = emulator.traffic.describe();
    const response = await post(emulator.url, path, body);
    expect({ status: response.status, code: response.body.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
    expect(emulator.traffic.describe()).toEqual(before);
  });

  test('other methods on the traffic endpoints are 405', async () => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'DELETE', '/_emulator/quota', {});
    expect({ status: response.status, code: response.body.Code }).toEqual({ status: 405, code: 'MethodNotAllowed' });
  });

  test('bad latency or quota options refuse to start the emulator', async () => {
    await expect(startTest({ latencyMs: 5, latencyJitterMs: 6 })).rejects.toThrow(RangeError);
    await expect(startTest({ qps: -3 })).rejects.toThrow(RangeError);
  });

  test('a TrafficControls without settings neither delays nor throttles', () => {
    const traffic = new TrafficControls();
    expect(traffic.arrive(new EventEmitter() as ServerResponse)).toBeUndefined();
    for (let i = 0; i < 100; i++) traffic.admit();
  });

  test('counts the requests in flight until each answer closes, and the peak since the last reset', () => {
    const traffic = new TrafficControls();
    const answers = Array.from({ length: 3 }, () => new EventEmitter());
    for (const res of answers) traffic.arrive(res as ServerResponse);
    answers[0]?.emit('close');
    expect(traffic.describe()).toMatchObject({ inFlight: 2, peakInFlight: 3 });
    traffic.resetPeak();
    answers[1]?.emit('close');
    traffic.arrive(new EventEmitter() as ServerResponse);
    expect(traffic.describe()).toMatchObject({ inFlight: 2, peakInFlight: 2 });
  });

  test('the emulator counts concurrent API requests', async () => {
    const { emulator, kms } = await startTest();
    await Promise.all(Array.from({ length: 6 }, () => kms.call('ListKeys')));
    const described = (await send(emulator.url, 'GET', '/_emulator/quota', {})).body;
    expect(described.inFlight).toBe(0);
    expect(described.peakInFlight).toBeGreaterThanOrEqual(1);
    expect(described.peakInFlight).toBeLessThanOrEqual(6);
  });
});

describe('kmsctl emulator traffic flags', () => {
  test('turn into emulator options', () => {
    expect(trafficFlags({ latency: '20ms', 'latency-jitter': '5ms', qps: '200', 'qps-burst': '50' })).toEqual({ latencyMs: 20, latencyJitterMs: 5, qps: 200, qpsBurst: 50 });
    expect(trafficFlags({})).toEqual({ latencyMs: undefined, latencyJitterMs: undefined, qps: undefined, qpsBurst: undefined });
  });

  test.each([
    [{ latency: 'slow' }],
    [{ latency: '5ms', 'latency-jitter': '6ms' }],
    [{ 'latency-jitter': '1ms' }],
    [{ qps: '0' }],
    [{ qps: 'many' }],
    [{ 'qps-burst': '5' }],
    [{ qps: '10', 'qps-burst': '0.5' }],
  ])('%j is a bad flag value', (values) => {
    expect(() => trafficFlags(values)).toThrow(expect.objectContaining({ code: 'cli.bad-flag-value' }));
    expect(() => trafficFlags(values)).toThrow(CliError);
  });
});
