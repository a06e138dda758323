/**
 * The store's undo journal: a mutation that throws, or whose save fails, leaves the state exactly as
 * it was (records, their order, the indexes, the clock), by undoing only what it changed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OffsetClock } from '../../src/emulator/clock.js';
import { KmsServiceError } from '../../src/emulator/errors.js';
import type { KeyRecord, KeyView } from '../../src/emulator/model.js';
import { runDueWork } from '../../src/emulator/due-work.js';
import { EmulatorStore, type StoreWriter } from '../../src/emulator/store.js';
import { DAY_MS, T0, createKey, expectError, startTest, tempDir } from './helpers.js';

const T0_MS = Date.parse(T0);
const ACCOUNT = '1234567890';

/** The test account in a region. */
function at(region: string): { account: string; region: string } {
  return { account: ACCOUNT, region };
}

function keyRecord(keyId: string, region = 'cn-hangzhou', versions = 1): KeyRecord {
  return {
    keyId,
    account: ACCOUNT,
    region,
    keySpec: 'RSA_2048',
    keyUsage: 'SIGN/VERIFY',
    keyState: 'Enabled',
    origin: 'Aliyun_KMS',
    protectionLevel: 'SOFTWARE',
    dkmsInstanceId: '',
    description: `key ${keyId}`,
    creationDate: '2026-01-01T00:00:00Z',
    creator: '1234567890',
    deleteDate: '',
    stateBeforeDeletion: '',
    automaticRotation: 'Disabled',
    rotationIntervalSeconds: 0,
    deletionProtection: 'Disabled',
    deletionProtectionDescription: '',
    versions: Array.from({ length: versions }, (_, i) => ({ keyVersionId: `${keyId}-v${i}`, creationDate: '2026-01-01T00:00:00Z' })),
  };
}

/**
 * Three keys over two regions, with aliases. The clock is frozen at T0, or with `running` a running
 * clock (saved as an offset) over a host clock that stands still, so that its offset compares exactly.
 */
function filledStore(running = false): EmulatorStore {
  const store = new EmulatorStore(new OffsetClock({ startMs: T0_MS, frozen: !running, realNow: () => T0_MS - DAY_MS }), ACCOUNT);
  store.mutate((writer) => {
    writer.addKey(keyRecord('key-a', 'cn-hangzhou', 3));
    writer.addKey(keyRecord('key-b', 'cn-hangzhou', 2));
    writer.addKey(keyRecord('key-c', 'cn-shanghai'));
    writer.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/a1', keyId: 'key-a' });
    writer.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/b', keyId: 'key-b' });
    writer.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/a2', keyId: 'key-a' });
    writer.putAlias({ account: ACCOUNT, region: 'cn-shanghai', aliasName: 'alias/c', keyId: 'key-c' });
  });
  return store;
}

/** Everything a client can observe of the store, in the order it is shown. */
function observe(store: EmulatorStore) {
  return {
    state: store.snapshot(),
    keysIn: ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'].map((region) => store.keysIn(at(region)).map((key) => key.keyId)),
    aliasesIn: ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'].map((region) => store.aliasesIn(at(region)).map((alias) => alias.aliasName)),
    aliasesOf: ['key-a', 'key-b', 'key-c', 'key-new'].map((keyId) => store.aliasesOf(keyId).map((alias) => alias.aliasName)),
  };
}

function key(store: EmulatorStore, keyId: string): KeyView {
  const found = store.keyById(keyId);
  if (found === undefined) throw new Error(`no key ${keyId} in the test store`);
  return found;
}

const CHANGES: [string, (writer: StoreWriter, store: EmulatorStore) => void][] = [
  ['a key added', (writer) => writer.addKey(keyRecord('key-new'))],
  ['a key added with an alias', (writer) => {
    writer.addKey(keyRecord('key-new', 'cn-beijing'));
    writer.putAlias({ account: ACCOUNT, region: 'cn-beijing', aliasName: 'alias/new', keyId: 'key-new' });
  }],
  ['an alias added', (writer) => writer.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/a3', keyId: 'key-a' })],
  ['an alias pointed at another key', (writer) => writer.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/a1', keyId: 'key-b' })],
  ['an alias removed', (writer) => writer.removeAlias(at('cn-hangzhou'), 'alias/a1')],
  ['the first key removed with its aliases', (writer) => writer.removeKey('key-a')],
  ['a key edited', (writer, store) => {
    const edited = writer.editKey(key(store, 'key-a'));
    edited.keyState = 'Disabled';
    edited.description = 'changed';
    edited.versions.push({ keyVersionId: 'key-a-v3', creationDate: '2026-01-09T00:00:00Z' });
  }],
  ['a key edited twice, its versions replaced and a version changed', (writer, store) => {
    const edited = writer.editKey(key(store, 'key-b'));
    edited.versions.splice(0, 1);
    const again = writer.editKey(key(store, 'key-b'));
    const first = again.versions[0];
    if (first) first.creationDate = '2030-01-01T00:00:00Z';
    again.versions = [];
  }],
  ['the clock advanced', (writer) => writer.advanceClock(30 * DAY_MS)],
  ['the clock set, then advanced', (writer) => {
    writer.setClock(new Date('2027-05-05T00:00:00Z'));
    writer.advanceClock(DAY_MS);
  }],
  ['a nested mutation', (writer, store) => {
    writer.addKey(keyRecord('key-new'));
    store.mutate((inner) => {
      inner.editKey(key(store, 'key-c')).keyState = 'Disabled';
      inner.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/new', keyId: 'key-new' });
      inner.removeAlias(at('cn-hangzhou'), 'alias/b');
    });
    writer.removeKey('key-a');
  }],
];

describe('a failed mutation leaves the store exactly as it was', () => {
  describe.each([false, true])('with a running clock: %s', (running) => {
    test.each(CHANGES)('after %s and a throwing change', (_name, change) => {
      const store = filledStore(running);
      const before = observe(store);
      expect(() =>
        store.mutate((writer) => {
          change(writer, store);
          throw new Error('the change failed');
        }),
      ).toThrow('the change failed');
      expect(observe(store)).toEqual(before);
    });

    test.each(CHANGES)('after %s and a failed save', (_name, change) => {
      const store = filledStore(running);
      const before = observe(store);
      store.persistWith(() => {
        throw new Error('disk full');
      });
      const error = catchError(() => store.mutate((writer) => change(writer, store)));
      expect(error).toBeInstanceOf(KmsServiceError);
      expect((error as KmsServiceError).code).toBe('InternalFailure');
      expect(observe(store)).toEqual(before);
    });
  });

  test('a key edited by the change keeps its object identity, and so do all other records', () => {
    const store = filledStore();
    const records = ['key-a', 'key-b', 'key-c'].map((keyId) => key(store, keyId));
    const versionArrays = records.map((record) => record.versions);
    const versions = records.flatMap((record) => [...record.versions]);
    const aliases = ['alias/a1', 'alias/b', 'alias/a2'].map((name) => store.alias(at('cn-hangzhou'), name));
    expect(() =>
      store.mutate((writer) => {
        const edited = writer.editKey(key(store, 'key-a'));
        edited.versions.push({ keyVersionId: 'key-a-v3', creationDate: '2026-01-09T00:00:00Z' });
        edited.keyState = 'Disabled';
        writer.addKey(keyRecord('key-new'));
        writer.removeAlias(at('cn-hangzhou'), 'alias/b');
        throw new Error('the change failed');
      }),
    ).toThrow('the change failed');
    ['key-a', 'key-b', 'key-c'].forEach((keyId, i) => {
      expect(store.keyById(keyId)).toBe(records[i]);
      expect(store.keyById(keyId)?.versions).toBe(versionArrays[i]);
    });
    expect(store.keyById('key-a')?.keyState).toBe('Enabled');
    expect(records.flatMap((record) => [...record.versions]).every((version, i) => version === versions[i])).toBe(true);
    expect(['alias/a1', 'alias/b', 'alias/a2'].map((name) => store.alias(at('cn-hangzhou'), name))).toEqual(aliases);
    ['alias/a1', 'alias/b', 'alias/a2'].forEach((name, i) => expect(store.alias(at('cn-hangzhou'), name)).toBe(aliases[i]));
  });

  test('a rolled-back deletion schedule leaves no key due for purging', () => {
    const store = filledStore();
    store.persistWith(() => {
      throw new Error('disk full');
    });
    expect(() =>
      store.mutate((writer) => {
        const edited = writer.editKey(key(store, 'key-b'));
        edited.keyState = 'PendingDeletion';
        edited.deleteDate = '2026-01-11T00:00:00Z';
      }),
    ).toThrow(KmsServiceError);
    store.persistWith(() => undefined);
    store.mutate((writer) => writer.advanceClock(30 * DAY_MS));
    runDueWork(store);
    expect(store.keyById('key-b')).toBeDefined();
  });

  test('a purge whose save fails puts the keys and aliases back in their places', () => {
    const store = filledStore();
    store.mutate((writer) => {
      for (const keyId of ['key-a', 'key-c']) {
        const edited = writer.editKey(key(store, keyId));
        edited.keyState = 'PendingDeletion';
        edited.deleteDate = '2026-01-11T00:00:00Z';
      }
      writer.advanceClock(2 * DAY_MS);
    });
    const before = observe(store);
    store.persistWith(() => {
      throw new Error('disk full');
    });
    expect(() => runDueWork(store)).toThrow(KmsServiceError);
    expect(observe(store)).toEqual(before);

    store.persistWith(() => undefined);
    runDueWork(store);
    expect(observe(store).keysIn).toEqual([['key-b'], [], []]);
    expect(observe(store).aliasesIn).toEqual([['alias/b'], [], []]);
    // The purged keys are no longer due: another purge finds nothing to do.
    expect(() => runDueWork(store)).not.toThrow();
  });
});

describe('nested mutations', () => {
  test('save once, at the outermost mutation', () => {
    const store = filledStore();
    const saves: number[] = [];
    store.persistWith((state) => saves.push(state.keys.length));
    store.mutate((writer) => {
      writer.addKey(keyRecord('key-new'));
      store.mutate((inner) => inner.putAlias({ account: ACCOUNT, region: 'cn-hangzhou', aliasName: 'alias/new', keyId: 'key-new' }));
    });
    expect(saves).toEqual([4]);
  });

  test('a failed inner mutation undoes its own changes only, and the outer one may go on', () => {
    const store = filledStore();
    store.mutate((writer) => {
      writer.addKey(keyRecord('key-new'));
      expect(() =>
        store.mutate((inner) => {
          inner.editKey(key(store, 'key-new')).keyState = 'Disabled';
          inner.editKey(key(store, 'key-a')).description = 'inner';
          inner.removeAlias(at('cn-hangzhou'), 'alias/a1');
          throw new Error('the inner change failed');
        }),
      ).toThrow('the inner change failed');
      // Edited again after the inner rollback: this edit needs a copy of its own.
      writer.editKey(key(store, 'key-a')).description = 'outer';
    });
    expect(store.keyById('key-new')?.keyState).toBe('Enabled');
    expect(store.aliasesOf('key-a').map((alias) => alias.aliasName)).toEqual(['alias/a1', 'alias/a2']);
    expect(store.keyById('key-a')?.description).toBe('outer');
  });

  test('an outer mutation that fails after a successful inner one undoes both', () => {
    const store = filledStore();
    const before = observe(store);
    expect(() =>
      store.mutate((writer) => {
        store.mutate((inner) => inner.addKey(keyRecord('key-new')));
        writer.editKey(key(store, 'key-new')).keyState = 'Disabled';
        throw new Error('the outer change failed');
      }),
    ).toThrow('the outer change failed');
    expect(observe(store)).toEqual(before);
  });
});

describe('through the API, a failed save', () => {
  test('leaves no new key, no new alias and no deletion schedule behind', async () => {
    const dir = tempDir();
    const { kms } = await startTest({ statePath: join(dir, 'state.json') });
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/kept' });
    rmSync(dir, { recursive: true, force: true });
    expectError(await kms.call('CreateKey', { KeySpec: 'RSA_2048' }), 'InternalFailure', 500);
    expectError(await kms.call('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/lost' }), 'InternalFailure', 500);
    expectError(await kms.call('DeleteAlias', { AliasName: 'alias/kept' }), 'InternalFailure', 500);
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: '7' }), 'InternalFailure', 500);
    expect((await kms.ok('ListKeys', {})).TotalCount).toBe(1);
    expect((await kms.ok('ListAliasesByKeyId', { KeyId: key.KeyId })).Aliases.Alias.map((alias: { AliasName: string }) => alias.AliasName)).toEqual(['alias/kept']);
    const kept = (await kms.ok('DescribeKey', { KeyId: 'alias/kept' })).KeyMetadata;
    expect(kept.KeyState).toBe('Enabled');
    expect(kept).not.toHaveProperty('DeleteDate');
  });
});

describe('writing to the store', () => {
  test('takes a mutation: the writer refuses to work once its mutation has ended', () => {
    const store = filledStore();
    let kept: StoreWriter | undefined;
    store.mutate((writer) => {
      kept = writer;
    });
    expect(() => kept?.addKey(keyRecord('key-late'))).toThrow('inside mutate');
    expect(store.keyById('key-late')).toBeUndefined();
  });

  test('refuses to edit a key that is no longer stored', () => {
    const store = filledStore();
    const removed = key(store, 'key-b');
    store.mutate((writer) => writer.removeKey('key-b'));
    expect(() => store.mutate((writer) => writer.editKey(removed))).toThrow('key-b');
  });

  test('reads are read-only for the compiler', () => {
    // Never called: the checks are the @ts-expect-error lines, which fail the typecheck when a write compiles.
    const attempts = (view: KeyView): void => {
      // @ts-expect-error a view's fields are read-only
      view.keyState = 'Disabled';
      // @ts-expect-error a view's versions cannot grow
      view.versions.push({ keyVersionId: 'v', creationDate: T0 });
    };
    expect(typeof attempts).toBe('function');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
