import { describe, expect, test } from 'vitest';
import { createVersionWithRecovery } from '../../src/apply/create-version.js';
import { createKeyVersionThrottled } from '../../src/apply/throttled-create.js';
import { KmsApiError } from '../../src/kms/errors.js';
import type { KeyVersion, WithRequestId } from '../../src/kms/types.js';
import type { KeyApi } from '../../src/state/key-api.js';

function apiError(code: string, httpStatus = 400): KmsApiError {
  return new KmsApiError({ httpStatus, code, message: `${code} message`, requestId: `req-${code}`, action: 'CreateKeyVersion', endpoint: 'https://kms.test', keyId: 'k' });
}

/** A KeyApi whose CreateKeyVersion answers from a script; the other calls say nothing changed. */
function scriptedApi(answers: (KmsApiError | 'ok')[]) {
  const calls = { create: 0, list: 0 };
  const api: KeyApi = {
    describeKey: () => Promise.reject(new Error('not used')),
    describeKeyVersion: () => Promise.reject(new Error('not used')),
    getKmsInstance: () => Promise.reject(new Error('not used')),
    listKeyVersions: async () => {
      calls.list += 1;
      return { value: [], requestId: 'req-list' };
    },
    createKeyVersion: async (keyId): Promise<WithRequestId<KeyVersion>> => {
      const answer = answers[calls.create++] ?? 'ok';
      if (answer !== 'ok') throw answer;
      return { value: { keyId, keyVersionId: `v${calls.create}`, creationDate: '2026-06-01T00:00:00Z' }, requestId: `req-${calls.create}` };
    },
  };
  return { api, calls };
}

describe('CreateKeyVersion after Throttling', () => {
  test('is called again after a full-jitter pause, and the version it makes is the result', async () => {
    const { api, calls } = scriptedApi([apiError('Throttling'), apiError('Throttling.User'), 'ok']);
    const sleeps: number[] = [];
    const created = await createKeyVersionThrottled(api, 'k', { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    expect(created.value.keyVersionId).toBe('v3');
    expect(calls.create).toBe(3);
    expect(sleeps).toEqual([250, 500]);
  });

  test('any other refusal is final at once', async () => {
    const { api, calls } = scriptedApi([apiError('Rejected.UnsupportedOperation')]);
    const sleeps: number[] = [];
    await expect(createKeyVersionThrottled(api, 'k', { sleep: async (ms) => void sleeps.push(ms) })).rejects.toMatchObject({ code: 'Rejected.UnsupportedOperation' });
    expect({ calls: calls.create, sleeps }).toEqual({ calls: 1, sleeps: [] });
  });

  test('gives up after its retries, with the Throttling error', async () => {
    const { api, calls } = scriptedApi(Array.from({ length: 10 }, () => apiError('Throttling')));
    await expect(createKeyVersionThrottled(api, 'k', { sleep: async () => {}, retries: 2 })).rejects.toMatchObject({ code: 'Throttling' });
    expect(calls.create).toBe(3);
  });

  test('an aborted run does not call again', async () => {
    const { api, calls } = scriptedApi([apiError('Throttling')]);
    const controller = new AbortController();
    controller.abort();
    await expect(createKeyVersionThrottled(api, 'k', { sleep: async () => {}, signal: controller.signal })).rejects.toMatchObject({ code: 'Throttling' });
    expect(calls.create).toBe(1);
  });

  test('the applier creates through throttling without listing versions: nothing was in doubt', async () => {
    const { api, calls } = scriptedApi([apiError('Throttling'), 'ok']);
    const result = await createVersionWithRecovery(api, 'k', new Set(), { attempts: 3, sleep: async () => {} });
    expect(result).toMatchObject({ status: 'created', versionId: 'v2', recovered: false });
    expect(calls).toEqual({ create: 2, list: 0 });
  });
});
