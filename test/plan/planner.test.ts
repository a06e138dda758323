import { describe, expect, it } from 'vitest';
import type { DesiredKey } from '../../src/config/desired-state.js';
import { planKeys } from '../../src/plan/planner.js';
import type { KeyPlan } from '../../src/plan/types.js';
import type { LiveKeyFacts, LiveKeyRead } from '../../src/state/live-state.js';
import {
  DAY_MS,
  SECOND_MS,
  T0,
  datePlus,
  days,
  desiredKey,
  desiredState,
  found,
  instanceKey,
  isoPlus,
  liveKey,
  liveState,
  notFound,
  pinned,
  readFailed,
  rotation,
  unlistedKey,
  unpinned,
  versionDates,
  versionId,
  type DesiredKeyInput,
} from '../builders/index.js';

/** Plans one key read as `read` (undefined: not in the live state) at T0 + `afterMs`. */
function planOne(input: DesiredKeyInput, read: LiveKeyRead<LiveKeyFacts> | undefined, afterMs = days(30)): KeyPlan {
  const key = desiredKey(input);
  const live = read === undefined ? liveState() : liveState([key, read]);
  const plan = planKeys(desiredState(key), live, datePlus(T0, afterMs));
  expect(plan.keys).toHaveLength(1);
  return plan.keys[0]!;
}

function expectError(plan: KeyPlan, code: string): Extract<KeyPlan, { action: 'error' }> {
  expect(plan.action).toBe('error');
  if (plan.action !== 'error') throw new Error('not an error');
  expect(plan.error.code).toBe(code);
  return plan;
}

/** `count` unpinned entries. */
function entries(count: number) {
  return Array.from({ length: count }, () => unpinned());
}

const oneNew = { versions: [pinned(versionId(1)), unpinned('next')] };

describe('planKeys: keys that cannot be read', () => {
  it('reports a missing key as key.not-found with the service code and request ID', () => {
    const plan = expectError(planOne({}, notFound('Forbidden.KeyNotFound', 'req-1')), 'key.not-found');
    expect(plan.error.apiCode).toBe('Forbidden.KeyNotFound');
    expect(plan.error.requestId).toBe('req-1');
    expect(plan.error.message).toMatch(/^key key-signing does not exist in region cn-hangzhou/);
    expect(plan.error.hint).toMatch(/key ID and the region/);
    expect(plan.observed).toBeUndefined();
  });

  it('reports a missing alias as key.not-found naming the alias and suggesting to create it', () => {
    const plan = expectError(planOne({ keyId: 'alias/signing' }, notFound('Forbidden.AliasNotFound', 'req-2')), 'key.not-found');
    expect(plan.error.apiCode).toBe('Forbidden.AliasNotFound');
    expect(plan.error.message).toMatch(/^alias alias\/signing does not exist/);
    expect(plan.error.hint).toMatch(/create the alias/);
  });

  it('reports a key absent from the live state as key.not-found without an API code', () => {
    const plan = expectError(planOne({}, undefined), 'key.not-found');
    expect(plan.error.apiCode).toBeUndefined();
  });

  it('reports a failed read as key.read-failed with the API code and request ID', () => {
    const plan = expectError(planOne({}, readFailed('Forbidden.RAM', 'denied', 'req-3')), 'key.read-failed');
    expect(plan.error).toMatchObject({ apiCode: 'Forbidden.RAM', requestId: 'req-3' });
  });
});

describe('planKeys: pins, matching and drift', () => {
  const three = found(liveKey({ versions: versionDates(3, T0, days(10)) }));

  it('reports a pinned ID that is not a version of the key, even when nothing is wanted', () => {
    const plan = expectError(planOne({ versions: [pinned(versionId(1)), pinned('nope', 'old')] }, three), 'version.pinned-missing');
    expect(plan.error.message).toContain('versions[1] "old" pins nope');
    expect(plan.error.hint).toMatch(/remove the entry or fix the ID/);
    expect(plan.observed?.versionIds).toEqual([versionId(1), versionId(2), versionId(3)]);
  });

  it('reports a pinned-missing error on a disabled key too', () => {
    const key = found(liveKey({ metadata: { keyState: 'Disabled' } }));
    expectError(planOne({ versions: [pinned('nope')] }, key), 'version.pinned-missing');
  });

  it('reports a version pinned twice', () => {
    expectError(planOne({ versions: [pinned(versionId(1)), pinned(versionId(1))] }, three), 'version.pinned-duplicate');
  });

  it('matches unpinned entries in declaration order to the unclaimed versions, oldest first, around a pin in the middle', () => {
    const plan = planOne({ versions: [unpinned('a'), pinned(versionId(2), 'b'), unpinned('c')] }, three);
    expect(plan.action).toBe('no-op');
    expect(plan.matches.map((m) => [m.entry, m.versionId, m.pinned])).toEqual([
      [0, versionId(1), false],
      [1, versionId(2), true],
      [2, versionId(3), false],
    ]);
    expect(plan.drift).toEqual([]);
  });

  it('lets a pin claim the oldest version so unpinned entries take the next ones', () => {
    const plan = planOne({ versions: [unpinned('a'), unpinned('b'), pinned(versionId(1), 'c')] }, three);
    expect(plan.matches.map((m) => [m.entry, m.versionId])).toEqual([
      [0, versionId(2)],
      [1, versionId(3)],
      [2, versionId(1)],
    ]);
  });

  it('reports undeclared live versions as drift with IDs and creation dates, and stays a no-op', () => {
    const plan = planOne({ versions: [pinned(versionId(2))] }, three);
    expect(plan.action).toBe('no-op');
    expect(plan.drift).toEqual([
      { versionId: versionId(1), creationDate: isoPlus(T0, -days(20)) },
      { versionId: versionId(3), creationDate: T0 },
    ]);
    expect(plan.reason).toMatch(/drift/);
  });

  it('says up to date when everything is declared', () => {
    const plan = planOne({ versions: [unpinned(), unpinned(), unpinned()] }, three);
    expect(plan).toMatchObject({ action: 'no-op', reason: 'up to date' });
  });

  it('keeps a disabled key with nothing wanted a no-op', () => {
    const plan = planOne({ versions: [pinned(versionId(1))] }, found(liveKey({ metadata: { keyState: 'Disabled' } })));
    expect(plan.action).toBe('no-op');
  });
});

describe('planKeys: what blocks a wanted version', () => {
  const cases: [string, Parameters<typeof liveKey>[0], DesiredKeyInput, string, RegExp][] = [
    ['a Disabled key', { metadata: { keyState: 'Disabled' } }, oneNew, 'key.not-enabled', /EnableKey/],
    ['a key pending deletion', { metadata: { keyState: 'PendingDeletion' } }, oneNew, 'key.not-enabled', /CancelKeyDeletion/],
    ['a key pending import', { metadata: { keyState: 'PendingImport' } }, oneNew, 'key.not-enabled', /import the key material/],
    ['a symmetric key', { metadata: { keySpec: 'Aliyun_AES_256' } }, oneNew, 'key.symmetric', /asymmetric/],
    ['a symmetric key wanting rotation', { metadata: { keySpec: 'Aliyun_SM4' } }, { rotation: '7d' }, 'key.symmetric', /asymmetric/],
    ['a BYOK key', { metadata: { origin: 'EXTERNAL' } }, oneNew, 'key.external', /new key/],
    ['an asymmetric key in a KMS instance', { metadata: { dkmsInstanceId: 'kst-hzz123' } }, oneNew, 'key.asymmetric-in-instance', /symmetric/],
  ];

  it.each(cases)('refuses %s', (_name, live, desired, code, hint) => {
    const plan = expectError(planOne(desired, found(liveKey(live))), code);
    expect(plan.error.hint).toMatch(hint);
    expect(plan.observed).toBeDefined();
  });

  it('names the state in key.not-enabled', () => {
    const plan = expectError(planOne(oneNew, found(liveKey({ metadata: { keyState: 'PendingDeletion' } }))), 'key.not-enabled');
    expect(plan.error.message).toContain('PendingDeletion');
  });

  it('prefers the lasting reason to the state: a disabled symmetric key is key.symmetric', () => {
    expectError(planOne(oneNew, found(liveKey({ metadata: { keyState: 'Disabled', keySpec: 'Aliyun_AES_128' } }))), 'key.symmetric');
  });

  it('refuses a 51st version: the cap of 50 counts the initial version', () => {
    const live = found(liveKey({ versions: versionDates(50, T0, days(8)) }));
    const plan = expectError(planOne({ versions: entries(51) }, live), 'key.limit-reached');
    expect(plan.error.message).toContain('rule classic.max-versions');
  });

  it('creates the 50th version', () => {
    const live = found(liveKey({ versions: versionDates(49, T0, days(8)) }));
    expect(planOne({ rotation: '30d' }, live).action).toBe('create');
  });

  it('refuses a version at the key’s maxVersions', () => {
    const live = found(liveKey({ versions: versionDates(3, T0, days(8)) }));
    const plan = expectError(planOne({ rotation: '7d', maxVersions: 3 }, live), 'key.limit-reached');
    expect(plan.error.message).toContain('maxVersions of 3');
  });

  it('applies the service cap when maxVersions is above 50', () => {
    const live = found(liveKey({ versions: versionDates(50, T0, days(8)) }));
    const plan = expectError(planOne({ rotation: '7d', maxVersions: 80 }, live), 'key.limit-reached');
    expect(plan.error.message).toContain('rule classic.max-versions');
  });

  it('creates below the cap but warns when the wanted versions would exceed it', () => {
    const live = found(liveKey({ versions: versionDates(49, T0, days(8)) }));
    const plan = planOne({ versions: entries(52) }, live);
    expect(plan).toMatchObject({ action: 'create', remaining: 2 });
    expect(plan.reason).toMatch(/only 1 of the 3 wanted versions fit under the cap of 50/);
  });
});

describe('planKeys: the 7-day rule', () => {
  const live = found(liveKey({ versions: [T0] }));

  it('creates exactly 7 days after the last rotation', () => {
    const plan = planOne(oneNew, live, 7 * DAY_MS);
    expect(plan).toMatchObject({ action: 'create', create: { cause: 'declared', entry: 1, label: 'next' }, remaining: 0 });
    if (plan.action === 'create') expect(plan.nextEarliest).toBeUndefined();
  });

  it('defers one second earlier, with the earliest time', () => {
    const plan = planOne(oneNew, live, 7 * DAY_MS - SECOND_MS);
    expect(plan).toMatchObject({ action: 'deferred', earliest: '2026-01-08T00:00:00Z', wanted: 1, create: { entry: 1 } });
  });

  it('measures from LastRotationDate when it is later than the newest version', () => {
    const key = found(liveKey({ versions: [T0], metadata: { lastRotationDate: isoPlus(T0, days(3)) } }));
    expect(planOne(oneNew, key, days(8))).toMatchObject({ action: 'deferred', earliest: '2026-01-11T00:00:00Z' });
  });

  it('measures from the newest version when LastRotationDate is older', () => {
    const key = found(liveKey({ versions: [isoPlus(T0, -days(20)), T0], metadata: { lastRotationDate: isoPlus(T0, -days(20)) } }));
    expect(planOne({ versions: [unpinned(), unpinned(), unpinned()] }, key, days(6))).toMatchObject({ action: 'deferred' });
  });

  it('creates one version per run and keeps the rest for later runs', () => {
    const plan = planOne({ versions: [unpinned(), unpinned(), unpinned(), unpinned()] }, live, days(10));
    expect(plan).toMatchObject({ action: 'create', remaining: 2, nextEarliest: '2026-01-18T00:00:00Z', create: { entry: 1 } });
  });

  it('rounds a next-earliest time with milliseconds up to the second', () => {
    const plan = planOne({ versions: [unpinned(), unpinned(), unpinned()] }, live, days(10) + 250);
    expect(plan).toMatchObject({ action: 'create', nextEarliest: '2026-01-18T00:00:01Z' });
  });
});

describe('planKeys: rotation', () => {
  const live = found(liveKey({ versions: [T0] }));

  it('wants a version once the newest is maxAge old', () => {
    const plan = planOne({ rotation: '90d' }, live, days(90));
    expect(plan).toMatchObject({ action: 'create', create: { cause: 'rotation', entry: undefined }, remaining: 0 });
    expect(plan.reason).toMatch(/90d old, rotation.maxAge is 90d/);
  });

  it('wants nothing a second before maxAge', () => {
    const plan = planOne({ rotation: '90d' }, live, days(90) - SECOND_MS);
    expect(plan.action).toBe('no-op');
    expect(plan.reason).toMatch(/rotation due in 1s/);
  });

  it('does not add a rotation version when declared versions are wanted', () => {
    const plan = planOne({ rotation: '30d', versions: [unpinned(), unpinned(), unpinned()] }, live, days(90));
    expect(plan).toMatchObject({ action: 'create', create: { cause: 'declared' }, remaining: 1 });
  });

  it('defers a due rotation within 7 days of LastRotationDate', () => {
    const key = found(liveKey({ versions: [T0], metadata: { lastRotationDate: isoPlus(T0, days(88)) } }));
    // age counts from the later of the two dates, so rotation is not due
    expect(planOne({ rotation: '90d' }, key, days(90)).action).toBe('no-op');
  });
});

describe('planKeys: whole plans', () => {
  it('a key 8 days after its last version wanting two new versions: one create that says one more is wanted, then deferred', () => {
    const key = desiredKey({ versions: [unpinned('initial'), unpinned('2026-a'), unpinned('2026-b')] });
    const first = planKeys(desiredState(key), liveState([key, found(liveKey({ versions: [T0] }))]), datePlus(T0, days(8)));
    expect(first.summary).toEqual({ create: 1, deferred: 0, error: 0, noop: 0, drift: 0 });
    expect(first.keys[0]).toMatchObject({ action: 'create', remaining: 1, create: { entry: 1, label: '2026-a' } });

    const createdAt = isoPlus(T0, days(8));
    const after = found(liveKey({ versions: [T0, createdAt] }));
    const second = planKeys(desiredState(key), liveState([key, after]), datePlus(createdAt, days(6.99)));
    expect(second.keys[0]).toMatchObject({ action: 'deferred', wanted: 1, earliest: isoPlus(createdAt, days(7)), create: { entry: 2 } });
    expect(second.summary).toEqual({ create: 0, deferred: 1, error: 0, noop: 0, drift: 0 });
  });

  it('reports no drift for a key that declares only a rotation policy', () => {
    const key = desiredKey({ name: 'r', keyId: 'key-r', rotation: '90d' });
    const live = liveState([key, found(liveKey({ keyId: 'key-r', versions: [T0, isoPlus(T0, days(8))] }))]);
    const plan = planKeys(desiredState(key), live, datePlus(T0, days(10)));
    expect(plan.keys[0]).toMatchObject({ action: 'no-op', drift: [] });
    expect(plan.summary.drift).toBe(0);
  });

  it('keeps config order and counts every outcome and the drift', () => {
    const keys: DesiredKey[] = [
      desiredKey({ name: 'a', keyId: 'key-a', versions: [unpinned(), unpinned()] }),
      desiredKey({ name: 'b', keyId: 'key-b', versions: [pinned(versionId(1))] }),
      desiredKey({ name: 'c', keyId: 'alias/c', region: 'cn-shanghai' }),
      desiredKey({ name: 'd', keyId: 'key-d', versions: [unpinned(), unpinned()] }),
    ];
    const live = liveState(
      [keys[0]!, found(liveKey({ keyId: 'key-a', versions: [T0] }))],
      [keys[1]!, found(liveKey({ keyId: 'key-b', versions: [T0, isoPlus(T0, days(8)), isoPlus(T0, days(9))] }))],
      [keys[2]!, notFound('Forbidden.AliasNotFound')],
      [keys[3]!, found(liveKey({ keyId: 'key-d', versions: [isoPlus(T0, days(5))] }))],
    );
    const plan = planKeys(desiredState(...keys), live, datePlus(T0, days(10)));
    expect(plan.keys.map((k) => [k.name, k.action])).toEqual([
      ['a', 'create'],
      ['b', 'no-op'],
      ['c', 'error'],
      ['d', 'deferred'],
    ]);
    expect(plan.summary).toEqual({ create: 1, deferred: 1, error: 1, noop: 1, drift: 2 });
    expect(plan.createdAt).toBe('2026-01-11T00:00:00Z');
  });

  it('records what it observed of the key for the applier', () => {
    const key = desiredKey({ keyId: 'alias/signing' });
    const live = liveState([key, found(liveKey({ keyId: 'key-real', versions: [T0, isoPlus(T0, days(9))] }))]);
    const plan = planKeys(desiredState(key), live, datePlus(T0, days(20)));
    expect(plan.keys[0]!.observed).toEqual({
      keyId: 'key-real',
      arn: 'acs:kms:cn-hangzhou:1234567890:key/key-real',
      keyState: 'Enabled',
      lastRotationDate: isoPlus(T0, days(9)),
      primaryKeyVersion: versionId(2),
      versionIds: [versionId(1), versionId(2)],
      versionsListed: true,
    });
  });

  it('writes dates without milliseconds', () => {
    const plan = planKeys(desiredState(), liveState(), new Date('2026-03-04T05:06:07.890Z'));
    expect(plan.createdAt).toBe('2026-03-04T05:06:07Z');
  });
});

describe('planKeys: the rules of the key’s edition', () => {
  const wantsRotation = { rotation: '30d' };

  it('plans a version for a symmetric key in a software KMS instance, naming the instance edition', () => {
    const plan = planOne(wantsRotation, found(instanceKey({ kind: 'software' })));
    expect(plan).toMatchObject({ action: 'create', create: { cause: 'rotation' } });
    expect(plan.reason).toContain('KMS instance edition');
    expect(plan.reason).toContain('kst-hzz0software01');
  });

  it('refuses an asymmetric key in a KMS instance, citing the instance rule', () => {
    const plan = expectError(planOne(wantsRotation, found(instanceKey({ kind: 'software', metadata: { keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY' } }))), 'key.asymmetric-in-instance');
    expect(plan.error.message).toContain('rule instance.symmetric-only');
  });

  it('refuses a key in a hardware instance, as GetKmsInstance says, before looking at its spec', () => {
    const plan = expectError(planOne(wantsRotation, found(instanceKey({ kind: 'hardware', metadata: { keySpec: 'RSA_2048' } }))), 'key.hardware-instance');
    expect(plan.error.message).toContain('rule instance.software-instance-only');
  });

  it('takes the instance kind from ProtectionLevel when GetKmsInstance was not read, and says how to let kmsctl read it', () => {
    const plan = expectError(planOne(wantsRotation, found(instanceKey({ protectionLevel: 'HSM' }))), 'key.hardware-instance');
    expect(plan.error.message).toContain('ProtectionLevel HSM');
    expect(plan.error.hint).toContain('kms:GetKmsInstance');
  });

  it('takes the instance kind from ProtectionLevel when GetKmsInstance failed', () => {
    const instance = { status: 'failed' as const, instanceId: 'kst-hzz0software01', code: 'Forbidden.NoPermission', message: 'denied', requestId: 'req-i' };
    expect(planOne(wantsRotation, found(instanceKey({ protectionLevel: 'HSM', instance }))).action).toBe('error');
    expect(planOne(wantsRotation, found(instanceKey({ protectionLevel: 'SOFTWARE', instance }))).action).toBe('create');
  });

  it('believes GetKmsInstance over the key’s ProtectionLevel', () => {
    expect(planOne(wantsRotation, found(instanceKey({ kind: 'software', protectionLevel: 'HSM' }))).action).toBe('create');
  });

  it('never reads the placement from the shape of an ID: an instance-form ID without DKMSInstanceId is a classic key', () => {
    const classicAsym = found(liveKey({ keyId: 'key-hzz62f1cb66fa42qo0001' }));
    expect(planOne({ keyId: 'key-hzz62f1cb66fa42qo0001', ...wantsRotation }, classicAsym).action).toBe('create');
    const classicSym = found(liveKey({ keyId: 'key-hzz62f1cb66fa42qo0002', metadata: { keySpec: 'Aliyun_AES_256' } }));
    expectError(planOne({ keyId: 'key-hzz62f1cb66fa42qo0002', ...wantsRotation }, classicSym), 'key.symmetric');
  });

  it('keeps the 7-day interval for instance keys, and says it is kmsctl’s rule there', () => {
    const plan = planOne(oneNew, found(instanceKey({ kind: 'software', versions: [T0] })), days(3));
    expect(plan).toMatchObject({ action: 'deferred', earliest: '2026-01-08T00:00:00Z' });
    expect(plan.reason).toContain('rule instance.min-interval');
    expect(plan.reason).toContain('kmsctl allows');
  });

  it('keeps the 50-version cap for instance keys', () => {
    const plan = expectError(planOne(wantsRotation, found(instanceKey({ kind: 'software', versions: versionDates(50, T0, days(8)) }))), 'key.limit-reached');
    expect(plan.error.message).toContain('rule instance.max-versions');
  });

  it('applies the key’s own maxVersions to instance keys too', () => {
    const plan = expectError(planOne({ ...wantsRotation, maxVersions: 2 }, found(instanceKey({ kind: 'software', versions: versionDates(2, T0, days(8)) }))), 'key.limit-reached');
    expect(plan.error.message).toContain('maxVersions of 2');
  });

  it('refuses a disabled instance key as key.not-enabled', () => {
    expectError(planOne(wantsRotation, found(instanceKey({ kind: 'software', metadata: { keyState: 'Disabled' } }))), 'key.not-enabled');
  });
});

describe('planKeys: keys read with DescribeKey alone', () => {
  it('plans a rotation-only key that is not due from its LastRotationDate, as a no-op with no version list', () => {
    const plan = planOne({ rotation: '90d' }, found(unlistedKey({ versions: [T0] })), days(30));
    expect(plan).toMatchObject({ action: 'no-op', matches: [], drift: [] });
    expect(plan.observed).toMatchObject({ versionsListed: false, versionIds: [], lastRotationDate: T0 });
    expect(plan.reason).toMatch(/rotation due in 60d/);
  });

  it('creates nothing for an unlisted key that fell due after it was read: the next plan rotates it', () => {
    const plan = planOne({ rotation: '90d' }, found(unlistedKey({ versions: [T0] })), days(91));
    expect(plan.action).toBe('no-op');
  });

  it('reports an unlisted key that declares versions as key.read-failed', () => {
    expectError(planOne(oneNew, found(unlistedKey())), 'key.read-failed');
  });
});

describe('planKeys: due soon', () => {
  const live = found(liveKey({ versions: [T0] }));
  const warned = (warnBefore: string) => {
    const policy = rotation('90d');
    return { ...policy, warnBefore, warnBeforeSeconds: rotation(warnBefore).maxAgeSeconds };
  };

  it('marks a no-op key whose rotation falls due within warnBefore with the date it falls due', () => {
    const plan = planOne({ rotation: warned('14d') }, live, days(80));
    expect(plan).toMatchObject({ action: 'no-op', dueSoon: '2026-04-01T00:00:00Z' });
  });

  it('marks it from the first instant of the window, and not a second before', () => {
    expect(planOne({ rotation: warned('14d') }, live, days(76))).toMatchObject({ dueSoon: '2026-04-01T00:00:00Z' });
    expect(planOne({ rotation: warned('14d') }, live, days(76) - SECOND_MS)).toMatchObject({ action: 'no-op', dueSoon: undefined });
  });

  it('does not mark a key without warnBefore', () => {
    expect(planOne({ rotation: '90d' }, live, days(89))).toMatchObject({ action: 'no-op', dueSoon: undefined });
  });

  it('marks a key read with DescribeKey alone the same way', () => {
    expect(planOne({ rotation: warned('14d') }, found(unlistedKey({ versions: [T0] })), days(80))).toMatchObject({ action: 'no-op', dueSoon: '2026-04-01T00:00:00Z' });
  });

  it('leaves a due key to create, without a due-soon mark', () => {
    const plan = planOne({ rotation: warned('14d') }, live, days(90));
    expect(plan.action).toBe('create');
    expect(plan).not.toHaveProperty('dueSoon');
  });
});

describe('planKeys: accounts and entries that resolve to one key', () => {
  const source = (start: number) => ({ file: 'kmsctl.yaml', start, end: start + 5 });
  const text = ['version: 1', 'keys:', '  by-alias:', '    keyId: alias/pay', '  by-id:', '    keyId: key-pay', '  by-arn:', '    keyId: acs:kms:cn-hangzhou:1:key/key-pay'].join('\n');
  const at = (line: number) => text.split('\n').slice(0, line - 1).join('\n').length + 1;

  it('reports an alias and the ID it resolves to as key.duplicate-target on both entries, naming both lines', () => {
    const alias = { ...desiredKey({ name: 'by-alias', keyId: 'alias/pay' }), source: source(at(3)) };
    const id = { ...desiredKey({ name: 'by-id', keyId: 'key-pay' }), source: source(at(5)) };
    const read = found(liveKey({ keyId: 'key-pay' }));
    const plan = planKeys(desiredState(alias, id), liveState([alias, read], [id, read]), datePlus(T0, days(30)), { sources: new Map([['kmsctl.yaml', text]]) });
    for (const key of plan.keys) expectError(key, 'key.duplicate-target');
    const [first, second] = plan.keys as [KeyPlan & { action: 'error' }, KeyPlan & { action: 'error' }];
    expect(first.error.message).toContain('(kmsctl.yaml:3)');
    expect(first.error.message).toContain('(kmsctl.yaml:5)');
    expect(first.error.related).toEqual([{ message: expect.any(String), source: id.source }]);
    expect(second.error.related).toEqual([{ message: expect.any(String), source: alias.source }]);
    expect(plan.summary.create).toBe(0);
  });

  it('catches an ID and its ARN too, and names the file without its text', () => {
    const id = { ...desiredKey({ name: 'by-id', keyId: 'key-pay' }), source: source(at(5)) };
    const arn = { ...desiredKey({ name: 'by-arn', keyId: 'acs:kms:cn-hangzhou:1:key/key-pay' }), source: source(at(7)) };
    const read = found(liveKey({ keyId: 'key-pay' }));
    const plan = planKeys(desiredState(id, arn), liveState([id, read], [arn, read]), datePlus(T0, days(30)));
    expect(plan.keys.map((k) => (k.action === 'error' ? k.error.code : k.action))).toEqual(['key.duplicate-target', 'key.duplicate-target']);
    expect(plan.keys[0]!.reason).toContain('"by-arn" (kmsctl.yaml)');
  });

  it('keeps the same key ID in two accounts, or two regions, apart', () => {
    const keys = [
      desiredKey({ name: 'a', keyId: 'key-pay', account: 'payments-prod', rotation: '30d' }),
      desiredKey({ name: 'b', keyId: 'key-pay', account: 'shared-services', rotation: '30d' }),
      desiredKey({ name: 'c', keyId: 'key-pay', region: 'cn-shanghai', rotation: '30d' }),
    ];
    const live = liveState(
      [keys[0]!, found(liveKey({ keyId: 'key-pay', versions: [T0] }))],
      [keys[1]!, found(liveKey({ keyId: 'key-pay', versions: [isoPlus(T0, days(29))] }))],
      [keys[2]!, notFound()],
    );
    const plan = planKeys(desiredState(...keys), live, datePlus(T0, days(31)));
    expect(plan.keys.map((k) => [k.name, k.account, k.region, k.action])).toEqual([
      ['a', 'payments-prod', 'cn-hangzhou', 'create'],
      ['b', 'shared-services', 'cn-hangzhou', 'no-op'],
      ['c', undefined, 'cn-shanghai', 'error'],
    ]);
  });

  it('names the account in messages about a key of one', () => {
    const plan = expectError(planOne({ account: 'payments-prod' }, notFound()), 'key.not-found');
    expect(plan.error.message).toContain('account payments-prod, region cn-hangzhou');
  });
});
