import { describe, expect, it } from 'vitest';
import { planKeys } from '../../src/plan/planner.js';
import { asKeyApis } from '../../src/state/key-api.js';
import { liveKeyRef, type LiveKeyFacts, type LiveKeyRead } from '../../src/state/live-state.js';
import { readForPlan, readForShow, readLiveState } from '../../src/state/read-live-state.js';
import { FakeKms, T0, apiError, datePlus, days, desiredKey, desiredState, isoPlus, missingCredentials, pinned, rotation, unpinned, versionId } from '../builders/index.js';

const NOW = datePlus(T0, days(30));
const options = { parallelism: 4, now: () => NOW };

function readOf(state: { keys: Map<string, LiveKeyRead<LiveKeyFacts>> }, keyId: string, account?: string, region = 'cn-hangzhou'): LiveKeyRead<LiveKeyFacts> | undefined {
  return state.keys.get(liveKeyRef(region, keyId, account));
}

describe('readForPlan: the calls each key costs', () => {
  it('reads a rotation-only key that is not due with DescribeKey alone', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [isoPlus(T0, days(10))] });
    const state = await readForPlan([desiredKey({ keyId: 'key-r', rotation: '90d' })], kms, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey']);
    const read = readOf(state, 'key-r');
    expect(read?.status === 'found' && read.key.versions).toBeUndefined();
  });

  it('lists a rotation-only key that is due: its count against the caps', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [isoPlus(T0, -days(100))] });
    await readForPlan([desiredKey({ keyId: 'key-r', rotation: '90d' })], kms, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey', 'listKeyVersions']);
  });

  it('lists a key that declares versions, and asks DescribeKeyVersion only for a pin the listing lacks', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-v', versions: [T0] });
    await readForPlan([desiredKey({ keyId: 'key-v', versions: [pinned(versionId(1)), unpinned()] })], kms, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey', 'listKeyVersions']);
    await readForPlan([desiredKey({ keyId: 'key-v', versions: [pinned(versionId(1)), pinned('gone')] })], kms, options);
    expect(kms.count({ action: 'describeKeyVersion' })).toBe(1);
  });

  it('reads a key with neither versions nor rotation with DescribeKey alone', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-n' });
    await readForPlan([desiredKey({ keyId: 'key-n' })], kms, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey']);
  });

  it('reads a key declared under two names once, with what either entry needs', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [isoPlus(T0, days(10))] });
    await readForPlan([desiredKey({ name: 'a', keyId: 'key-r', rotation: '90d' }), desiredKey({ name: 'b', keyId: 'key-r', versions: [unpinned()] })], kms, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey', 'listKeyVersions']);
  });

  it('judges "due" by the clock it is given, not the machine’s', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [T0] });
    await readForPlan([desiredKey({ keyId: 'key-r', rotation: '90d' })], kms, { parallelism: 1, now: () => datePlus(T0, days(90)) });
    expect(kms.count({ action: 'listKeyVersions' })).toBe(1);
  });
});

describe('readForPlan: pinned versions', () => {
  it.each([
    ['Forbidden.KeyVersionNotFound', 404],
    ['Forbidden.ResourceNotFound', 404],
    ['EntityNotExist.KeyVersion', 404],
    ['InvalidKeyVersion.NotFound', 400],
  ])('calls a pin missing on a not-found answer about it (%s)', async (code, status) => {
    const kms = new FakeKms().addKey({ keyId: 'key-v', versions: [T0] }).failOn('describeKeyVersion', 'key-v', apiError(code, status, 'DescribeKeyVersion', 'key-v'));
    const key = desiredKey({ keyId: 'key-v', versions: [pinned('gone')] });
    const state = await readForPlan([key], kms, options);
    expect(readOf(state, 'key-v')?.status).toBe('found');
    const plan = planKeys(desiredState(key), state, NOW);
    expect(plan.keys[0]).toMatchObject({ action: 'error', error: { code: 'version.pinned-missing' } });
  });

  it('fails the key’s read on any other answer about the pin', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-v', versions: [T0] }).failOn('describeKeyVersion', 'key-v', apiError('Forbidden.NoPermission', 403, 'DescribeKeyVersion', 'key-v'));
    const state = await readForPlan([desiredKey({ keyId: 'key-v', versions: [pinned('gone')] })], kms, options);
    expect(readOf(state, 'key-v')).toMatchObject({ status: 'failed', code: 'Forbidden.NoPermission', requestId: 'REQ-Forbidden.NoPermission' });
  });
});

describe('readForPlan: KMS instances', () => {
  const instanceKeys = (count: number, account?: string) =>
    Array.from({ length: count }, (_, i) => ({
      keyId: `key-i${i}`,
      account,
      versions: [isoPlus(T0, -days(100))],
      metadata: { keySpec: 'Aliyun_AES_256' as const, dkmsInstanceId: 'kst-soft', protectionLevel: 'SOFTWARE' as const },
    }));

  it('asks GetKmsInstance once per instance, for the keys that want a version', async () => {
    const kms = new FakeKms().addInstance({ id: 'kst-soft', productType: 'kms_ddi_public_cn (software key management)' });
    for (const key of instanceKeys(3)) kms.addKey(key);
    const state = await readForPlan(instanceKeys(3).map((k) => desiredKey({ name: k.keyId, keyId: k.keyId, rotation: '90d' })), kms, options);
    expect(kms.count({ action: 'getKmsInstance' })).toBe(1);
    const read = readOf(state, 'key-i0');
    expect(read?.status === 'found' && read.key.instance).toEqual({ status: 'read', instanceId: 'kst-soft', kind: 'software' });
  });

  it('does not ask for the instance of a key that wants no version', async () => {
    const kms = new FakeKms().addInstance({ id: 'kst-soft', productType: 'software' });
    for (const key of instanceKeys(2)) kms.addKey(key);
    await readForPlan(instanceKeys(2).map((k) => desiredKey({ name: k.keyId, keyId: k.keyId, rotation: '365d' })), kms, options);
    expect(kms.count({ action: 'getKmsInstance' })).toBe(0);
  });

  it('asks once per account for an instance of the same ID', async () => {
    const kms = new FakeKms().addInstance({ id: 'kst-soft', productType: 'software' }).addInstance({ id: 'kst-soft', productType: 'software', account: 'other' });
    for (const key of [...instanceKeys(2), ...instanceKeys(2, 'other')]) kms.addKey(key);
    const keys = [...instanceKeys(2), ...instanceKeys(2, 'other')].map((k) => desiredKey({ name: `${k.account}-${k.keyId}`, account: k.account, keyId: k.keyId, rotation: '90d' }));
    await readForPlan(keys, kms, options);
    expect(kms.count({ action: 'getKmsInstance', account: undefined })).toBe(1);
    expect(kms.count({ action: 'getKmsInstance', account: 'other' })).toBe(1);
  });

  it('keeps a failed GetKmsInstance as a fact, and the planner falls back to ProtectionLevel', async () => {
    const kms = new FakeKms();
    for (const key of instanceKeys(1)) kms.addKey(key);
    const key = desiredKey({ keyId: 'key-i0', rotation: '90d' });
    const state = await readForPlan([key], kms, options);
    const read = readOf(state, 'key-i0');
    expect(read?.status === 'found' && read.key.instance).toMatchObject({ status: 'failed', code: 'Forbidden.ResourceNotFound' });
    expect(planKeys(desiredState(key), state, NOW).keys[0]!.action).toBe('create');
  });
});

describe('readForPlan: accounts', () => {
  it('reads each key through its own account’s client, the same key ID in two accounts twice', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-a', versions: [T0] }).addKey({ keyId: 'key-a', account: 'prod', versions: [isoPlus(T0, days(20))] });
    const keys = [desiredKey({ name: 'base', keyId: 'key-a', rotation: '90d' }), desiredKey({ name: 'prod', keyId: 'key-a', account: 'prod', rotation: '90d' })];
    const state = await readForPlan(keys, kms, options);
    expect(kms.count({ account: undefined })).toBe(1);
    expect(kms.count({ account: 'prod' })).toBe(1);
    const prod = readOf(state, 'key-a', 'prod');
    expect(prod?.status === 'found' && prod.key.metadata.lastRotationDate).toBe(isoPlus(T0, days(20)));
  });

  it('fails only the keys of an account whose role cannot be assumed, each with the code and request ID, calling it once', async () => {
    const kms = new FakeKms().failAccount('broken');
    for (let i = 0; i < 3; i++) kms.addKey({ keyId: `key-b${i}`, account: 'broken' }).addKey({ keyId: `key-g${i}`, account: 'good' });
    const keys = [0, 1, 2].flatMap((i) => [
      desiredKey({ name: `b${i}`, keyId: `key-b${i}`, account: 'broken', rotation: '90d' }),
      desiredKey({ name: `g${i}`, keyId: `key-g${i}`, account: 'good', rotation: '90d' }),
    ]);
    const state = await readForPlan(keys, kms, { ...options, parallelism: 1 });
    for (let i = 0; i < 3; i++) {
      expect(readOf(state, `key-b${i}`, 'broken')).toEqual({ status: 'failed', code: 'EntityNotExist.Role', message: 'EntityNotExist.Role (fake)', requestId: 'REQ-EntityNotExist.Role' });
      expect(readOf(state, `key-g${i}`, 'good')?.status).toBe('found');
    }
    expect(kms.count({ account: 'broken' })).toBe(1);
    expect(state.failures?.map((f) => [f.location.account, f.code])).toEqual([['broken', 'EntityNotExist.Role']]);
    const plan = planKeys(desiredState(...keys), state, NOW);
    expect(plan.keys.filter((k) => k.action === 'error').map((k) => k.account)).toEqual(['broken', 'broken', 'broken']);
    expect(plan.keys.find((k) => k.name === 'b1')).toMatchObject({ error: { code: 'key.read-failed', apiCode: 'EntityNotExist.Role', requestId: 'REQ-EntityNotExist.Role' } });
  });

  it('fails an account without credentials the same way', async () => {
    const kms = new FakeKms().failAccount('nocreds', missingCredentials()).addKey({ keyId: 'key-x', account: 'nocreds' }).addKey({ keyId: 'key-y' });
    const state = await readForPlan([desiredKey({ name: 'x', keyId: 'key-x', account: 'nocreds' }), desiredKey({ name: 'y', keyId: 'key-y' })], kms, options);
    expect(readOf(state, 'key-x', 'nocreds')).toMatchObject({ status: 'failed', code: 'credentials.missing' });
    expect(readOf(state, 'key-y')?.status).toBe('found');
  });
});

describe('the other readers', () => {
  it('readForShow lists every key and reads the instance of instance keys', async () => {
    const kms = new FakeKms()
      .addInstance({ id: 'kst-hard', productType: 'hardware key management' })
      .addKey({ keyId: 'key-h', metadata: { dkmsInstanceId: 'kst-hard', protectionLevel: 'HSM' } })
      .addKey({ keyId: 'key-r' });
    const state = await readForShow([desiredKey({ name: 'h', keyId: 'key-h', rotation: '365d' }), desiredKey({ name: 'r', keyId: 'key-r', rotation: '365d' })], kms, options);
    expect(kms.count({ action: 'listKeyVersions' })).toBe(2);
    const read = state.keys.get(liveKeyRef('cn-hangzhou', 'key-h'));
    expect(read?.status === 'found' && read.key.instance).toMatchObject({ status: 'read', kind: 'hardware' });
  });

  it('readLiveState with per-region clients lists every key, and raises a failure of the whole location', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [T0] });
    const regional = { forRegion: (region: string) => kms.forLocation({ account: undefined, region }), endpointFor: (region: string) => kms.endpointFor({ account: undefined, region }) };
    await readLiveState([desiredKey({ keyId: 'key-r', rotation: '90d' })], regional, options);
    expect(kms.calls.map((c) => c.action)).toEqual(['describeKey', 'listKeyVersions']);
    await expect(readLiveState([desiredKey({ keyId: 'key-r', account: 'prod' })], regional, options)).rejects.toMatchObject({ code: 'account.no-client' });
  });

  it('per-region clients never serve a named account', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r' });
    const apis = asKeyApis({ forRegion: (region: string) => kms.forLocation({ account: undefined, region }), endpointFor: () => 'https://kms.fake' });
    await expect(apis.forLocation({ account: 'prod', region: 'cn-hangzhou' }).describeKey('key-r')).rejects.toMatchObject({ code: 'account.no-client' });
    expect(kms.calls).toEqual([]);
  });

  it('plans a rotation policy with warnBefore read from DescribeKey alone', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [T0] });
    const policy = { ...rotation('40d'), warnBefore: '14d', warnBeforeSeconds: 14 * 86_400 };
    const key = desiredKey({ keyId: 'key-r', rotation: policy });
    const plan = planKeys(desiredState(key), await readForPlan([key], kms, options), NOW);
    expect(plan.keys[0]).toMatchObject({ action: 'no-op', dueSoon: '2026-02-10T00:00:00Z' });
    expect(kms.calls).toHaveLength(1);
  });
});
