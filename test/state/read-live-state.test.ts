import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { planKeys } from '../../src/plan/planner.js';
import { asKeyApis } from '../../src/state/key-api.js';
import { readForPlan, readLiveState } from '../../src/state/read-live-state.js';
import { liveKeyRef } from '../../src/state/live-state.js';
import { desiredKey, desiredState, pinned, unpinned } from '../builders/desired-state.js';
import { emulatorEnv } from '../builders/emulator-env.js';

const V1 = '11111111-0000-4000-8000-000000000001';
const V2 = '11111111-0000-4000-8000-000000000002';

describe('readLiveState against the emulator', () => {
  let emulator: RunningEmulator;
  let clients: KmsClients;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      freezeClock: true,
      seed: {
        region: 'cn-hangzhou',
        keys: [
          { id: 'key-state-read-00001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/state-read'], versions: [{ id: V1 }, { id: V2, creationDate: '-10d' }] },
          { id: 'key-state-shanghai01', region: 'cn-shanghai', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-3d' },
        ],
      },
    });
    clients = createKmsClients({ env: emulatorEnv(emulator) });
  });
  afterAll(async () => {
    await clients.close();
    await emulator.close();
  });

  it('reads a key with two calls and its versions oldest first, resolving the alias', async () => {
    const before = emulator.stats().total;
    const key = desiredKey({ name: 'a', keyId: 'alias/state-read', versions: [pinned(V1), unpinned()] });
    const live = await readLiveState([key], clients, { parallelism: 4 });
    expect(emulator.stats().total - before).toBe(2);
    const read = live.keys.get(liveKeyRef('cn-hangzhou', 'alias/state-read'));
    expect(read?.status).toBe('found');
    if (read?.status !== 'found') return;
    expect(read.key.metadata.keyId).toBe('key-state-read-00001');
    expect(read.key.versions.map((v) => v.keyVersionId)).toEqual([V1, V2]);
  });

  it('reads a key declared twice under two names only once', async () => {
    const before = emulator.stats().actions.DescribeKey ?? 0;
    const keys = [desiredKey({ name: 'a', keyId: 'alias/state-read' }), desiredKey({ name: 'b', keyId: 'alias/state-read' })];
    const live = await readLiveState(keys, clients, { parallelism: 4 });
    expect((emulator.stats().actions.DescribeKey ?? 0) - before).toBe(1);
    expect(live.keys.size).toBe(1);
  });

  it('keeps the region of each key apart', async () => {
    const keys = [desiredKey({ name: 'sh', keyId: 'key-state-shanghai01', region: 'cn-shanghai' }), desiredKey({ name: 'hz', keyId: 'key-state-shanghai01', region: 'cn-hangzhou' })];
    const live = await readLiveState(keys, clients, { parallelism: 2 });
    expect(live.keys.get(liveKeyRef('cn-shanghai', 'key-state-shanghai01'))?.status).toBe('found');
    expect(live.keys.get(liveKeyRef('cn-hangzhou', 'key-state-shanghai01'))).toMatchObject({ status: 'not-found', code: 'Forbidden.KeyNotFound' });
  });

  it('confirms a pinned version missing from the listing with DescribeKeyVersion, and reports an unknown alias as not found', async () => {
    const missing = '11111111-0000-4000-8000-00000000dead';
    const before = emulator.stats().actions.DescribeKeyVersion ?? 0;
    const keys = [desiredKey({ name: 'a', keyId: 'alias/state-read', versions: [pinned(V1), pinned(missing)] }), desiredKey({ name: 'gone', keyId: 'alias/no-such-alias' })];
    const live = await readLiveState(keys, clients, { parallelism: 2 });
    expect((emulator.stats().actions.DescribeKeyVersion ?? 0) - before).toBe(1);
    const read = live.keys.get(liveKeyRef('cn-hangzhou', 'alias/state-read'));
    expect(read?.status === 'found' && read.key.versions.map((v) => v.keyVersionId)).toEqual([V1, V2]);
    expect(live.keys.get(liveKeyRef('cn-hangzhou', 'alias/no-such-alias'))).toMatchObject({ status: 'not-found', code: 'Forbidden.AliasNotFound' });
  });

  it('reports progress once per distinct key', async () => {
    const seen: number[] = [];
    await readLiveState([desiredKey({ name: 'a', keyId: 'alias/state-read' }), desiredKey({ name: 'sh', keyId: 'key-state-shanghai01', region: 'cn-shanghai' })], clients, {
      parallelism: 1,
      onKeyRead: (done) => seen.push(done),
    });
    expect(seen).toEqual([1, 2]);
  });

  it('plans a rotation-only key that is not due from one request, and lists one that is due', async () => {
    const options = { parallelism: 2, now: () => emulator.clock.now() };
    let before = emulator.stats().total;
    await readForPlan([desiredKey({ name: 'calm', keyId: 'alias/state-read', rotation: '90d' })], asKeyApis(clients), options);
    expect(emulator.stats().total - before).toBe(1);
    before = emulator.stats().total;
    await readForPlan([desiredKey({ name: 'due', keyId: 'alias/state-read', rotation: '7d' })], asKeyApis(clients), options);
    expect(emulator.stats().total - before).toBe(2);
  });

  it('plans an alias and the key ID it resolves to, declared under two names, as key.duplicate-target', async () => {
    const keys = [desiredKey({ name: 'by-alias', keyId: 'alias/state-read', rotation: '7d' }), desiredKey({ name: 'by-id', keyId: 'key-state-read-00001', rotation: '7d' })];
    const live = await readForPlan(keys, asKeyApis(clients), { parallelism: 2, now: () => emulator.clock.now() });
    const plan = planKeys(desiredState(...keys), live, emulator.clock.now());
    expect(plan.keys.map((k) => (k.action === 'error' ? k.error.code : k.action))).toEqual(['key.duplicate-target', 'key.duplicate-target']);
  });
});
