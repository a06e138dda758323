/**
 * CreateKeyVersion with recovery from ambiguous failures. The call is not idempotent, so after a
 * time-out, a reset or a 5xx the version may or may not exist: list the versions again, adopt one that
 * appeared, and call again only when none did.
 */
import { isAmbiguousFailure } from '../kms/errors.js';
import type { KeyApi } from '../state/key-api.js';
import { createKeyVersionThrottled } from './throttled-create.js';

export type CreateVersionResult =
  | { status: 'created'; versionId: string; requestId: string; recovered: boolean }
  /** The service answered with a definite refusal. */
  | { status: 'refused'; error: unknown }
  /** Still ambiguous after every attempt: the caller must say it cannot tell. */
  | { status: 'unknown'; error: unknown };

export interface CreateVersionOptions {
  /** How many CreateKeyVersion calls at most, recoveries included. */
  attempts: number;
  /** Pause before calling again after an ambiguous failure that left no version. */
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal | undefined;
}

export async function createVersionWithRecovery(
  api: KeyApi,
  keyId: string,
  versionsBefore: ReadonlySet<string>,
  options: CreateVersionOptions,
): Promise<CreateVersionResult> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      const { value, requestId } = await createKeyVersionThrottled(api, keyId, options);
      return { status: 'created', versionId: value.keyVersionId, requestId, recovered: attempt > 1 };
    } catch (error) {
      if (!isAmbiguousFailure(error)) return { status: 'refused', error };
      lastError = error;
    }
    const appeared = await newVersions(api, keyId, versionsBefore);
    if (appeared === undefined) return { status: 'unknown', error: lastError };
    const adopted = appeared[appeared.length - 1];
    if (adopted) return { status: 'created', versionId: adopted.id, requestId: adopted.requestId, recovered: true };
    if (options.signal?.aborted || attempt === options.attempts) break;
    await options.sleep(250 * 2 ** (attempt - 1));
  }
  return { status: 'unknown', error: lastError };
}

/** Versions listed now that were not there before, newest last; undefined when the listing fails too. */
async function newVersions(api: KeyApi, keyId: string, before: ReadonlySet<string>): Promise<{ id: string; requestId: string }[] | undefined> {
  try {
    const { value, requestId } = await api.listKeyVersions(keyId);
    return value.filter((v) => !before.has(v.keyVersionId)).map((v) => ({ id: v.keyVersionId, requestId }));
  } catch {
    return undefined;
  }
}
