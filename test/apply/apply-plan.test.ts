import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { findStaleKeys } from '../../src/apply/check-saved-plan.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { applySummaryLine } from '../../src/apply/apply-report.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { planKeys } from '../../src/plan/planner.js';
import type { Plan } from '../../src/plan/types.js';
import { asKeyApis } from '../../src/state/key-api.js';
import { readForPlan } from '../../src/state/read-live-state.js';
import { desiredKey, desiredState, unpinned } from '../builders/desired-state.js';
import { emulatorEnv } from '../builders/emulator-env.js';

describe('applyPlan against the emulator', () => {
  let emulator: RunningEmulator;
  let clients: KmsClients;
  const keys = [
    desiredKey({ name: 'due', keyId: 'alias/due', versions: [unpinned(), unpinned()] }),
    desiredKey({ name: 'young', keyId: 'alias/young', versions: [unpinned(), unpinned()] }),
    desiredKey({ name: 'symmetric', keyId: 'alias/symmetric', rotation: '7d' }),
    desiredKey({ name: 'settled', keyId: 'alias/settled', versions: [unpinned()] }),
    desiredKey({ name: 'rotating', keyId: 'alias/rotating', rotation: '14d' }),
  ];

  async function plan(): Promise<Plan> {
    const live = await readForPlan(keys, asKeyApis(clients), { parallelism: 4, now: () => emulator.clock.now() });
    return planKeys(desiredState(...keys), live, emulator.clock.now());
  }

  beforeEach(async () => {
    await clients?.close();
    await emulator?.close();
    emulator = await startEmulator({
      port: 0,
      freezeClock: true,
      seed: {
        region: 'cn-hangzhou',
        keys: [
          { id: 'key-apply-due-000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/due'] },
          { id: 'key-apply-young-0001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-2d', aliases: ['alias/young'] },
          { id: 'key-apply-symmetric1', spec: 'Aliyun_AES_256', creationDate: '-30d', aliases: ['alias/symmetric'] },
          { id: 'key-apply-settled-01', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/settled'] },
          { id: 'key-apply-rotating-1', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/rotating'] },
        ],
      },
    });
    clients = createKmsClients({ env: emulatorEnv(emulator) });
  });
  afterAll(async () => {
    await clients.close();
    await emulator.close();
  });

  it('creates one version for the due key and reports every key', async () => {
    const report = await applyPlan(await plan(), clients, { parallelism: 4 });
    expect(report.results.map((r) => [r.name, r.outcome])).toEqual([
      ['due', 'created'],
      ['young', 'deferred'],
      ['symmetric', 'failed'],
      ['settled', 'no-op'],
      ['rotating', 'created'],
    ]);
    const created = report.results[0]!;
    expect(created.versionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.requestId).toBeTruthy();
    expect((await clients.forRegion('cn-hangzhou').listKeyVersions('alias/due')).value.map((v) => v.keyVersionId)).toContain(created.versionId);
    expect(applySummaryLine(report)).toBe('Apply complete: 2 created, 1 deferred, 1 failed.');
  });

  it('skips a key another writer rotated after the plan, creating nothing for it', async () => {
    const made = await plan();
    await clients.forRegion('cn-hangzhou').createKeyVersion('alias/due');
    const creates = emulator.stats().actions.CreateKeyVersion ?? 0;
    const report = await applyPlan(made, clients, { parallelism: 4 });
    expect(report.results[0]).toMatchObject({ name: 'due', outcome: 'skipped' });
    // One CreateKeyVersion: the rotating key's; none for the key rotated meanwhile.
    expect(emulator.stats().actions.CreateKeyVersion ?? 0).toBe(creates + 1);
    expect((await clients.forRegion('cn-hangzhou').listKeyVersions('alias/due')).value).toHaveLength(2);
  });

  it('finds a saved plan stale when a key it changes was rotated, and fresh otherwise', async () => {
    const made = await plan();
    expect(await findStaleKeys(made, clients, 4)).toEqual([]);
    await clients.forRegion('cn-hangzhou').createKeyVersion('alias/due');
    const stale = await findStaleKeys(made, clients, 4);
    expect(stale.map((s) => s.name)).toEqual(['due']);
    expect(stale[0]!.reasons.join(' ')).toContain('new version');
  });

  it('starts nothing once interrupted, and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await applyPlan(await plan(), clients, { parallelism: 4, signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(report.results[0]).toMatchObject({ name: 'due', outcome: 'not-started' });
    expect(emulator.stats().actions.CreateKeyVersion ?? 0).toBe(0);
    expect(applySummaryLine(report)).toBe('Apply interrupted: 0 created, 1 deferred, 1 failed, 2 not started.');
  });

  it('reads a rotation-only key again with DescribeKey alone before its CreateKeyVersion', async () => {
    const rotating = keys.filter((key) => key.name === 'rotating');
    const live = await readForPlan(rotating, asKeyApis(clients), { parallelism: 1, now: () => emulator.clock.now() });
    const made = planKeys(desiredState(...rotating), live, emulator.clock.now());
    const before = emulator.stats().actions;
    const report = await applyPlan(made, asKeyApis(clients), { parallelism: 1 });
    expect(report.results[0]).toMatchObject({ outcome: 'created' });
    const after = emulator.stats().actions;
    const delta = (action: string) => (after[action] ?? 0) - (before[action] ?? 0);
    expect([delta('DescribeKey'), delta('ListKeyVersions'), delta('CreateKeyVersion')]).toEqual([1, 0, 1]);
  });
});
