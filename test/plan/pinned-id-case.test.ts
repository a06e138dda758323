/** A UUID pinned in upper case is the same version as the service's lower-case ID: matched, not missing, never drift. */
import { describe, expect, it } from 'vitest';
import { planKeys } from '../../src/plan/planner.js';
import { listLiveVersions } from '../../src/state/read-key.js';
import type { KeyApi } from '../../src/state/key-api.js';
import { T0, datePlus, days, desiredKey, desiredState, found, liveKey, liveState, pinned } from '../builders/index.js';

const ID = '2ab1a983-7072-4bbc-a582-584b5bd8aaaa';

describe('pinned version IDs as written', () => {
  it('match the live version whatever the case of a UUID', () => {
    const key = desiredKey({ versions: [pinned(ID.toUpperCase(), 'initial')] });
    const plan = planKeys(desiredState(key), liveState([key, found(liveKey({ versions: [{ id: ID, creationDate: T0 }] }))]), datePlus(T0, days(1)));
    expect(plan.keys[0]).toMatchObject({ action: 'no-op', drift: [], matches: [{ entry: 0, versionId: ID, pinned: true }] });
  });

  it('are not looked up again when the listing has them in another case', async () => {
    const calls: string[] = [];
    const api = {
      listKeyVersions: async () => ({ value: [{ keyId: 'key-signing', keyVersionId: ID, creationDate: T0 }], requestId: 'r' }),
      describeKeyVersion: async (_key: string, id: string) => {
        calls.push(id);
        return { value: { keyId: 'key-signing', keyVersionId: id.toLowerCase(), creationDate: T0 }, requestId: 'r' };
      },
    } as unknown as KeyApi;
    const versions = await listLiveVersions(api, 'key-signing', new Set([ID.toUpperCase()]));
    expect(calls).toEqual([]);
    expect(versions.map((v) => v.keyVersionId)).toEqual([ID]);
  });
});
