import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { checkSavedPlan, endpointMismatches, findStaleKeys } from '../../src/apply/check-saved-plan.js';
import type { DesiredKey } from '../../src/config/desired-state.js';
import { planKeys } from '../../src/plan/planner.js';
import type { Plan } from '../../src/plan/types.js';
import { readForPlan } from '../../src/state/read-live-state.js';
import { FakeKms, T0, datePlus, days, desiredKey, desiredState, isoPlus, pinned, unpinned, versionId } from '../builders/index.js';

const NOW = datePlus(T0, days(100));
const OLD = isoPlus(T0, days(10));

async function planWith(kms: FakeKms, keys: DesiredKey[]): Promise<Plan> {
  const live = await readForPlan(keys, kms, { parallelism: 4, now: () => NOW });
  return planKeys(desiredState(...keys), live, NOW);
}

/** Calls made from `from` on, as `action` names. */
function callsSince(kms: FakeKms, from: number): string[] {
  return kms.calls.slice(from).map((c) => c.action);
}

describe('applyPlan: what it reads before each CreateKeyVersion', () => {
  it('reads a rotation-only key again with DescribeKey alone', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-r', rotation: '30d' })]);
    const from = kms.calls.length;
    const report = await applyPlan(plan, kms, { parallelism: 2 });
    expect(report.results[0]).toMatchObject({ outcome: 'created' });
    expect(callsSince(kms, from)).toEqual(['describeKey', 'createKeyVersion']);
  });

  it('lists the versions again of a key that declares them', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-v', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-v', versions: [pinned(versionId(1)), unpinned()] })]);
    const from = kms.calls.length;
    await applyPlan(plan, kms, { parallelism: 2 });
    expect(callsSince(kms, from)).toEqual(['describeKey', 'listKeyVersions', 'createKeyVersion']);
  });

  it('skips a rotation-only key another writer rotated after the plan, creating nothing', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-r', rotation: '30d' })]);
    kms.nowIso = isoPlus(T0, days(99));
    kms.rotateBehindTheBack('key-r');
    const report = await applyPlan(plan, kms, { parallelism: 2 });
    expect(report.results[0]).toMatchObject({ outcome: 'skipped' });
    expect(kms.count({ action: 'createKeyVersion' })).toBe(0);
  });
});

describe('applyPlan: accounts', () => {
  it('creates each version through its own account’s client, never another’s', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-a', versions: [OLD] }).addKey({ keyId: 'key-a', account: 'prod', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ name: 'base', keyId: 'key-a', rotation: '30d' }), desiredKey({ name: 'prod', keyId: 'key-a', account: 'prod', rotation: '30d' })]);
    const report = await applyPlan(plan, kms, { parallelism: 4 });
    expect(report.results.map((r) => [r.name, r.account, r.outcome])).toEqual([
      ['base', undefined, 'created'],
      ['prod', 'prod', 'created'],
    ]);
    expect(kms.count({ action: 'createKeyVersion', account: undefined })).toBe(1);
    expect(kms.count({ action: 'createKeyVersion', account: 'prod' })).toBe(1);
    expect(kms.versionsOf('key-a', { account: 'prod', region: 'cn-hangzhou' })).toContain(report.results[1]!.versionId);
    expect(kms.versionsOf('key-a')).not.toContain(report.results[1]!.versionId);
  });

  it('fails the keys of an account whose credentials fail, with the code and request ID, and applies the others', async () => {
    const kms = new FakeKms();
    for (const account of ['broken', 'good']) for (const i of [0, 1, 2]) kms.addKey({ keyId: `key-${i}`, account, versions: [OLD] });
    const keys = ['broken', 'good'].flatMap((account) => [0, 1, 2].map((i) => desiredKey({ name: `${account}-${i}`, keyId: `key-${i}`, account, rotation: '30d' })));
    const plan = await planWith(kms, keys);
    expect(plan.summary.create).toBe(6);
    kms.failAccount('broken');
    const from = kms.calls.length;
    const report = await applyPlan(plan, kms, { parallelism: 1 });
    const broken = report.results.filter((r) => r.account === 'broken');
    expect(broken.map((r) => r.outcome)).toEqual(['failed', 'not-started', 'not-started']);
    for (const result of broken) expect(result).toMatchObject({ code: 'EntityNotExist.Role', requestId: 'REQ-EntityNotExist.Role' });
    expect(broken[1]!.message).toContain('apply stopped after a failure every key would meet in broken/cn-hangzhou');
    expect(report.results.filter((r) => r.account === 'good').map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    expect(kms.calls.slice(from).filter((c) => c.location.account === 'broken').map((c) => c.action)).toEqual(['describeKey']);
  });

  it('skips a key whose account’s client now reaches another Alibaba Cloud account (its ARN differs), creating nothing', async () => {
    const kms = new FakeKms()
      .addKey({ keyId: 'key-a', account: 'prod', versions: [OLD], metadata: { arn: 'acs:kms:cn-hangzhou:111:key/key-a' } })
      .addKey({ keyId: 'key-a', versions: [OLD], metadata: { arn: 'acs:kms:cn-hangzhou:222:key/key-a' } });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-a', account: 'prod', rotation: '30d' })]);
    // The account's name now leads to the base account, where a key of the same ID lives.
    const miswired = { forLocation: () => kms.forLocation({ account: undefined, region: 'cn-hangzhou' }), endpointFor: () => 'https://kms.fake' };
    expect((await checkSavedPlan(plan, miswired, { parallelism: 1 })).stale).toHaveLength(1);
    const report = await applyPlan(plan, miswired, { parallelism: 1 });
    expect(report.results[0]).toMatchObject({ outcome: 'skipped' });
    expect(kms.count({ action: 'createKeyVersion' })).toBe(0);
  });

  it('fails a key of a named account when only per-region clients (the base identity) are at hand, sending nothing', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-a', account: 'prod', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-a', account: 'prod', rotation: '30d' })]);
    const from = kms.calls.length;
    const regional = { forRegion: (region: string) => kms.forLocation({ account: undefined, region }), endpointFor: () => 'https://kms.fake' };
    const report = await applyPlan(plan, regional, { parallelism: 1 });
    expect(report.results[0]).toMatchObject({ outcome: 'failed', code: 'account.no-client' });
    expect(kms.calls.length).toBe(from);
  });
});

describe('checkSavedPlan', () => {
  it('finds nothing stale in a fresh plan, reading a rotation-only key with DescribeKey alone', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ keyId: 'key-r', rotation: '30d' })]);
    const from = kms.calls.length;
    expect(await checkSavedPlan(plan, kms, { parallelism: 2 })).toEqual({ stale: [], unreadable: [] });
    expect(callsSince(kms, from)).toEqual(['describeKey']);
  });

  it('finds a rotation-only key stale once another writer made a version', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ name: 'r', keyId: 'key-r', rotation: '30d' })]);
    kms.nowIso = isoPlus(T0, days(99));
    kms.rotateBehindTheBack('key-r');
    const check = await checkSavedPlan(plan, kms, { parallelism: 2 });
    expect(check.stale.map((s) => s.name)).toEqual(['r']);
    expect(check.stale[0]!.reasons.length).toBeGreaterThan(0);
  });

  it('leaves an account that cannot be read out of the stale keys and names it; findStaleKeys raises it', async () => {
    const kms = new FakeKms().addKey({ keyId: 'key-r', versions: [OLD] }).addKey({ keyId: 'key-r', account: 'broken', versions: [OLD] });
    const plan = await planWith(kms, [desiredKey({ name: 'a', keyId: 'key-r', rotation: '30d' }), desiredKey({ name: 'b', keyId: 'key-r', account: 'broken', rotation: '30d' })]);
    kms.failAccount('broken');
    const check = await checkSavedPlan(plan, kms, { parallelism: 2 });
    expect(check.stale).toEqual([]);
    expect(check.unreadable.map((u) => [u.location.account, u.code, u.requestId])).toEqual([['broken', 'EntityNotExist.Role', 'REQ-EntityNotExist.Role']]);
    await expect(findStaleKeys(plan, kms, 2)).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
  });

  it('compares the endpoints the plan read by region', () => {
    const kms = new FakeKms();
    expect(endpointMismatches({ 'cn-hangzhou': 'https://kms.cn-hangzhou.fake' }, kms)).toEqual([]);
    expect(endpointMismatches({ 'cn-hangzhou': 'https://elsewhere' }, kms)).toHaveLength(1);
  });
});
