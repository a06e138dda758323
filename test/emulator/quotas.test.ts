/**
 * The service's request quotas: a token bucket per account, region and quota group. Nothing here
 * measures time: the quotas under test refill one token in a thousand seconds, so only the bucket
 * (one request) counts.
 */
import { describe, expect, test } from 'vitest';
import { trafficFlags } from '../../src/cli/emulator-traffic-flags.js';
import { OLDER_PUBLISHED_QUOTAS, PUBLISHED_QUOTAS } from '../../src/kms/wire/quotas.js';
import { QuotaBoard, parseQuotaAssignment } from '../../src/emulator/quota-board.js';
import { expectError, startTest } from './helpers.js';
import { send } from './signed-client.js';
import { assumeRoleKms, sts } from './sts-helpers.js';

/** A figure that lets one request through, then none for a thousand seconds. */
const ONE = 0.001;

function post(url: string, path: string, body: unknown) {
  return send(url, 'POST', path, { 'content-type': 'application/json' }, JSON.stringify(body));
}

/** A client acting in another account, through AssumeRole. */
function otherAccount(url: string, uid: string) {
  return assumeRoleKms(url, `acs:ram::${uid}:role/kmsctl`);
}

describe('the service quotas', () => {
  test('are off by default: every group unlimited', async () => {
    const { emulator, kms } = await startTest();
    expect(emulator.traffic.describe().quotas).toEqual({ 'key-read': null, 'key-write': null, 'key-create': null, 'instance-read': null });
    for (let i = 0; i < 60; i++) expect((await kms.call('ListKeys')).status).toBe(200);
  });

  test('beyond a group\'s quota the answer is 429 Rejected.Throttling from the gateway, while another group still answers', async () => {
    const { kms } = await startTest({ quotaGroups: { 'key-read': ONE } });
    expect((await kms.call('ListKeys')).status).toBe(200);
    const throttled = await kms.call('DescribeKey', { KeyId: 'key-none' });
    expectError(throttled, 'Rejected.Throttling', 429, 'gateway');
    expect(throttled.body.Message).toBe('QPS Limit Exceeded');
    expect((await kms.call('CreateKey')).status).toBe(200);
    expect((await kms.call('ListKmsInstances')).status).toBe(200);
    expect((await kms.call('ListAliases')).status).toBe(429);
  });

  test('a throttled request does nothing: CreateKey over its quota makes no key', async () => {
    const { kms } = await startTest({ quotaGroups: { 'key-create': ONE } });
    expect((await kms.call('CreateKey')).status).toBe(200);
    expect((await kms.call('CreateKey')).status).toBe(429);
    expect((await kms.ok('ListKeys')).TotalCount).toBe(1);
  });

  test('are kept per region: one region over its quota leaves another answering', async () => {
    const { kms } = await startTest({ quotaGroups: { 'key-read': ONE } });
    expect((await kms.call('ListKeys')).status).toBe(200);
    expect((await kms.call('ListKeys')).status).toBe(429);
    expect((await kms.call('ListKeys', { RegionId: 'cn-shanghai' })).status).toBe(200);
    expect((await kms.call('ListKeys', {}, { headers: { host: 'kms.cn-beijing.aliyuncs.com' } })).status).toBe(200);
  });

  test('are kept per account: one account over its quota leaves another answering', async () => {
    const { emulator, kms } = await startTest({ quotaGroups: { 'key-read': ONE } });
    expect((await kms.call('ListKeys')).status).toBe(200);
    expect((await kms.call('ListKeys')).status).toBe(429);
    const other = await otherAccount(emulator.url, '2234567890123456');
    expect((await other.call('ListKeys')).status).toBe(200);
    expect((await other.call('ListKeys')).status).toBe(429);
  });

  test('the stats count requests and throttled answers per account, region and group', async () => {
    const { emulator, kms } = await startTest({ quotaGroups: { 'key-read': ONE } });
    await kms.call('ListKeys');
    await kms.call('ListKeys');
    await kms.call('ListKeys', { RegionId: 'cn-shanghai' });
    await kms.call('CreateKey');
    const other = await otherAccount(emulator.url, '2234567890123456');
    await other.call('ListKeys');
    const stats = (await send(emulator.url, 'GET', '/_emulator/stats', {})).body;
    expect(stats.throttled).toBe(1);
    expect(stats.accounts).toEqual({
      '1234567890123456': {
        'cn-hangzhou': { 'key-read': { requests: 2, throttled: 1 }, 'key-create': { requests: 1, throttled: 0 } },
        'cn-shanghai': { 'key-read': { requests: 1, throttled: 0 } },
      },
      '2234567890123456': { 'cn-hangzhou': { 'key-read': { requests: 1, throttled: 0 } } },
    });
  });

  test('--quotas service and older set the published figures of each page', async () => {
    const service = await startTest({ quotas: 'service' });
    expect(service.emulator.traffic.describe().quotas).toEqual({ ...PUBLISHED_QUOTAS });
    const older = await startTest({ quotas: 'older', quotaGroups: { 'key-read': 40, 'instance-read': null } });
    expect(older.emulator.traffic.describe().quotas).toEqual({ ...OLDER_PUBLISHED_QUOTAS, 'key-read': 40, 'instance-read': null });
  });

  test('at the published figures, a second\'s worth of a group is served back to back', async () => {
    const { kms } = await startTest({ quotas: 'service', quotaGroups: { 'key-create': ONE } });
    // key-read is 50 per second: the bucket holds one second's worth.
    const answers = await Promise.all(Array.from({ length: 50 }, () => kms.call('ListKeys')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  test('change at run time through /_emulator/quota and the handle, and a bad body changes nothing', async () => {
    const { emulator, kms } = await startTest();
    const changed = await post(emulator.url, '/_emulator/quota', { quotas: { 'key-read': ONE } });
    expect(changed.body.quotas).toMatchObject({ 'key-read': ONE, 'key-write': null });
    expect((await kms.call('ListKeys')).status).toBe(200);
    expect((await kms.call('ListKeys')).status).toBe(429);
    expect((await post(emulator.url, '/_emulator/quota', { quotas: 'none' })).body.quotas['key-read']).toBeNull();
    expect((await kms.call('ListKeys')).status).toBe(200);
    emulator.traffic.quotas.change({ 'key-write': ONE });
    const key = (await kms.ok('CreateKey')).KeyMetadata;
    expect((await kms.call('DisableKey', { KeyId: key.KeyId })).status).toBe(200);
    expect((await kms.call('EnableKey', { KeyId: key.KeyId })).status).toBe(429);
    const before = emulator.traffic.describe();
    for (const body of [{ quotas: 'fast' }, { quotas: { 'key-reads': 5 } }, { quotas: { 'key-read': 0 } }, { quotas: { 'key-read': 5 }, qps: -1 }, { burst: 5 }]) {
      const response = await post(emulator.url, '/_emulator/quota', body);
      expect({ status: response.status, code: response.body.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
    }
    expect(emulator.traffic.describe()).toEqual(before);
  });

  test('actions in no group (STS) count against no quota', async () => {
    const { emulator } = await startTest({ quotas: 'service', quotaGroups: { 'key-read': ONE, 'key-write': ONE, 'key-create': ONE, 'instance-read': ONE } });
    for (let i = 0; i < 3; i++) expect((await sts(emulator.url, 'GetCallerIdentity', {})).status).toBe(200);
  });
});

describe('the quota board', () => {
  test('takes no token for a refused request: refusals do not push the next success further away', () => {
    let now = 0;
    const board = new QuotaBoard({ 'key-read': 1, 'key-write': undefined, 'key-create': undefined, 'instance-read': undefined }, () => now);
    const slot = { account: '1', region: 'cn-hangzhou', group: 'key-read' as const };
    board.admit(slot);
    for (let i = 0; i < 20; i++) expect(() => board.admit(slot)).toThrow(expect.objectContaining({ code: 'Rejected.Throttling', status: 429 }));
    now += 1000;
    expect(() => board.admit(slot)).not.toThrow();
  });

  test('refuses a figure that is not a positive number', () => {
    expect(() => new QuotaBoard({ 'key-read': 0, 'key-write': undefined, 'key-create': undefined, 'instance-read': undefined })).toThrow(RangeError);
  });

  test.each([
    ['key-read=40', { 'key-read': 40 }],
    ['key-write=0.5', { 'key-write': 0.5 }],
    ['instance-read=none', { 'instance-read': null }],
  ])('%s is a change of one group', (text, change) => {
    expect(parseQuotaAssignment(text)).toEqual(change);
  });

  test.each(['key-read', 'key-read=', 'key-reads=40', 'key-read=0', 'key-read=-5', 'key-read=lots'])('%s is not a change', (text) => {
    expect(typeof parseQuotaAssignment(text)).toBe('string');
  });
});

describe('kmsctl emulator quota flags', () => {
  test('--quotas and --quota turn into emulator options, a later --quota of a group winning', () => {
    expect(trafficFlags({ quotas: 'service', quota: ['key-read=40', 'key-write=none', 'key-read=45'] })).toMatchObject({
      quotas: 'service',
      quotaGroups: { 'key-read': 45, 'key-write': null },
    });
  });

  test.each([[{ quotas: 'fast' }], [{ quota: ['key-read'] }], [{ quota: ['colour=5'] }], [{ quota: ['key-read=0'] }]])('%j is a bad flag value', (values) => {
    expect(() => trafficFlags(values)).toThrow(expect.objectContaining({ code: 'cli.bad-flag-value' }));
  });
});
