/**
 * Pacing against the real emulator with a rate quota: the client's pace keeps a burst of reads under the
 * quota, where the same burst unpaced is throttled. Counts only (no test asserts a time), and independent
 * of which throttling answer the emulator gives (any answer `isThrottling` accepts is counted).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients, type KmsClientsOptions } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import type { KmsRequestEvent } from '../../src/kms/request-event.js';
import { isThrottling } from '../../src/kms/wire/error-codes.js';

const REGION = 'cn-hangzhou';
const QPS = 100;
const CALLS = 150;
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function emulatorWithQuota(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, env: {} });
  opened.push(emulator);
  return emulator;
}

function clientsFor(emulator: RunningEmulator, options: Partial<KmsClientsOptions>, events: KmsRequestEvent[]): KmsClients {
  const clients = createKmsClients({
    endpoint: emulator.url,
    env: {},
    credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }),
    maxConcurrency: 24,
    retry: { maxAttempts: 1 },
    onRequest: (event) => events.push(event),
    ...options,
  });
  opened.push(clients);
  return clients;
}

/**
 * A key to read; then the quota is set, its bucket full. By default a second's worth, as the emulator's
 * default (and, presumably, the service's); a small bucket where a test needs throttling to happen even
 * on a loaded machine, whose client cannot send fast.
 */
async function keyToRead(emulator: RunningEmulator, quota: { qps: number; burst?: number } = { qps: QPS }): Promise<string> {
  const setup = clientsFor(emulator, {}, []);
  const { value } = await setup.forRegion(REGION).createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' });
  emulator.traffic.quota.set(quota);
  return value.keyId;
}

const SMALL_BUCKET = { qps: 50, burst: 5 };

const throttled = (events: KmsRequestEvent[]) => events.filter((e) => e.outcome === 'api-error' && isThrottling({ code: e.code ?? '', httpStatus: e.status ?? 0 })).length;

describe('pacing at a rate quota', () => {
  test(`${CALLS} concurrent reads paced at the quota are not throttled`, async () => {
    const emulator = await emulatorWithQuota();
    const keyId = await keyToRead(emulator);
    const events: KmsRequestEvent[] = [];
    const clients = clientsFor(emulator, { quotas: { 'key-read': QPS } }, events);
    const kms = clients.forRegion(REGION);
    const results = await Promise.allSettled(Array.from({ length: CALLS }, () => kms.describeKey(keyId)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(throttled(events)).toBe(0);
    expect(clients.traffic()[`-/${REGION}`]?.pacers['key-read']).toMatchObject({ configured: QPS, paced: CALLS, decreases: 0 });
  });

  test('the same reads unpaced are throttled: the pace is what keeps them under the quota', async () => {
    const emulator = await emulatorWithQuota();
    const keyId = await keyToRead(emulator, SMALL_BUCKET);
    const events: KmsRequestEvent[] = [];
    const kms = clientsFor(emulator, { quotas: { 'key-read': 'unlimited' } }, events).forRegion(REGION);
    await Promise.allSettled(Array.from({ length: CALLS }, () => kms.describeKey(keyId)));
    expect(throttled(events)).toBeGreaterThan(0);
  });

  test('a throttling answer lowers the pace of the group that was throttled', async () => {
    const emulator = await emulatorWithQuota();
    const keyId = await keyToRead(emulator, SMALL_BUCKET);
    const events: KmsRequestEvent[] = [];
    // Paced at ten times the quota, as an account whose quota is lower than kmsctl assumes.
    const clients = clientsFor(emulator, { quotas: { 'key-read': SMALL_BUCKET.qps * 10 } }, events);
    const kms = clients.forRegion(REGION);
    await Promise.allSettled(Array.from({ length: CALLS }, () => kms.describeKey(keyId)));
    const pacer = clients.traffic()[`-/${REGION}`]?.pacers['key-read'];
    expect(throttled(events)).toBeGreaterThan(0);
    expect(pacer?.decreases).toBeGreaterThan(0);
    expect(pacer?.lowest).toBeLessThan(SMALL_BUCKET.qps * 10);
  });
});
