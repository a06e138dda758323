/**
 * CreateKeyVersion, called again after a throttling answer (429, `Rejected.Throttling`, `Throttling*`). The client never retries CreateKeyVersion
 * (after an ambiguous failure a retry could make a second version), but a throttled call was refused
 * before the service acted on it, so calling again after a pause is safe. Without this, a rate quota
 * would fail keys that a moment later could have been created. Each call still goes through the
 * endpoint's adaptive limiter, which the throttling has just lowered, and the pauses are full-jitter,
 * so throttled keys do not come back all at once.
 */
import { KmsApiError } from '../kms/errors.js';
import { isThrottling } from '../kms/wire/error-codes.js';
import { fullJitterDelay } from '../kms/retry.js';
import type { KeyVersion, WithRequestId } from '../kms/types.js';
import type { KeyApi } from '../state/key-api.js';

export interface ThrottledCreateOptions {
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal | undefined;
  /** Calls after the first one, when each is throttled. Default 4. */
  retries?: number | undefined;
  /** Full-jitter back-off: base and cap in ms. Defaults 500 and 8000, the client's. */
  baseDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  random?: (() => number) | undefined;
}

export async function createKeyVersionThrottled(api: KeyApi, keyId: string, options: ThrottledCreateOptions): Promise<WithRequestId<KeyVersion>> {
  const retries = options.retries ?? 4;
  const policy = { maxAttempts: retries + 1, baseDelayMs: options.baseDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 8_000 };
  for (let retry = 0; ; retry++) {
    try {
      return await api.createKeyVersion(keyId);
    } catch (error) {
      const throttled = error instanceof KmsApiError && isThrottling(error);
      if (!throttled || retry >= retries || options.signal?.aborted) throw error;
      await options.sleep(fullJitterDelay(retry, policy, options.random ?? Math.random));
    }
  }
}
