import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SeedError, startEmulator } from '../../src/emulator/index.js';
import { DAY_MS, createKey, expectError, startTest, tempDir } from './helpers.js';
import { send } from './signed-client.js';

const END = '9999-12-31T23:59:59Z';

function postClock(url: string, body: object) {
  return send(url, 'POST', '/_emulator/clock', { 'content-type': 'application/json' }, JSON.stringify(body));
}

describe('the emulator clock stays within the dates its state file holds', () => {
  test('set to the end of 9999, then advanced 2 days: a 400 naming the limit, the clock unmoved, and the state file still loads', async () => {
    const state = join(tempDir(), 'state.json');
    const { emulator, kms } = await startTest({ statePath: state });
    expect((await postClock(emulator.url, { set: END })).status).toBe(200);
    await createKey(kms, { KeySpec: 'RSA_2048' });
    const refused = await postClock(emulator.url, { advance: '2d' });
    expect({ status: refused.status, code: refused.body.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
    expect(refused.body.Message).toContain('9999-12-31T23:59:59Z');
    expect(emulator.clock.now().toISOString()).toBe('9999-12-31T23:59:59.000Z');
    await emulator.close();
    const again = await startTest({ statePath: state, now: undefined });
    expect(again.emulator.clock.now().toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect((await again.kms.ok('ListKeys')).TotalCount).toBe(1);
  });

  test.each([
    ['a set after 9999 (which is no ISO 8601 time of four-digit year either)', { set: '+010000-01-01T00:00:00Z' }, /ISO 8601/],
    ['a set before 1970', { set: '1969-12-31T23:59:59Z' }, /1970-01-01T00:00:00Z/],
    ['an advance before 1970', { advance: '-30000d' }, /1970-01-01T00:00:00Z/],
    ['an advance of more than a duration can say (100 years)', { advance: '3000000d' }, /100 years/],
  ])('%s is a 400 naming the limit, and leaves the clock alone', async (_name, body, limit) => {
    const { emulator } = await startTest();
    const response = await postClock(emulator.url, body);
    expect({ status: response.status, code: response.body.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
    expect(response.body.Message).toMatch(limit);
    expect(emulator.clock.now().toISOString()).toBe('2026-01-10T08:00:00.000Z');
  });

  test('the library clock refuses the same moves with a RangeError', async () => {
    const { emulator } = await startTest();
    expect(() => emulator.clock.set(new Date('1969-01-01T00:00:00Z'))).toThrow(RangeError);
    emulator.clock.set(new Date('9999-12-30T00:00:00Z'));
    expect(() => emulator.clock.advance(2 * DAY_MS)).toThrow(RangeError);
    expect(emulator.clock.now().toISOString()).toBe('9999-12-30T00:00:00.000Z');
  });

  test('a running clock that reaches the end stands still there, and what it dates loads again', async () => {
    const state = join(tempDir(), 'state.json');
    const emulator = await startEmulator({ port: 0, env: {}, statePath: state, now: END });
    await new Promise((done) => setTimeout(done, 1100));
    expect(emulator.clock.now().toISOString()).toBe('9999-12-31T23:59:59.000Z');
    await emulator.close();
    const again = await startEmulator({ port: 0, env: {}, statePath: state });
    expect(again.clock.now().toISOString()).toBe('9999-12-31T23:59:59.000Z');
    await again.close();
  });

  test('a deletion whose date would pass the end is refused with InvalidParameter', async () => {
    const state = join(tempDir(), 'state.json');
    const { emulator, kms } = await startTest({ statePath: state, now: '9999-12-20T00:00:00Z' });
    const key = await createKey(kms);
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '30' }), 'InvalidParameter', 400);
    expect((await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' })).status).toBe(200);
    await emulator.close();
    await startTest({ statePath: state, now: undefined });
  });

  test('a start time or a seed date outside the range stops the start', async () => {
    await expect(startEmulator({ port: 0, env: {}, now: '1969-07-20T20:17:40Z' })).rejects.toThrow(/1970-01-01T00:00:00Z/);
    const seed = { keys: [{ id: 'key-far-future-0001', creationDate: '+3000000d' }] };
    await expect(startEmulator({ port: 0, env: {}, now: '2026-01-01T00:00:00Z', seed })).rejects.toBeInstanceOf(SeedError);
  });
});
