/**
 * The read before acting on a planned create (the saved plan's stale check, and the applier's check just
 * before CreateKeyVersion): only what the stale check compares.
 *
 * - A key that declares `versions` is read with DescribeKey and ListKeyVersions: the plan matched its
 *   entries against that list.
 * - A rotation-only key is read with DescribeKey alone (KeyState, LastRotationDate, PrimaryKeyVersion);
 *   its version count is the plan's listing. This relies on what the service does: a new version moves
 *   LastRotationDate to its creation time, and a version is never removed on its own (only with its key).
 *   The plan creates only where LastRotationDate is at least 7 days old, so any version made since the
 *   plan has a later LastRotationDate, and the check sees it.
 */
import type { CreateKeyPlan } from '../plan/types.js';
import type { KeyApi } from '../state/key-api.js';
import type { LiveKeyRead } from '../state/live-state.js';
import { describeLiveKey, failedRead, readKey } from '../state/read-key.js';
import { listedVersions, observeKey } from './observe.js';
import type { ObservedKey } from '../plan/types.js';

export type Reread =
  | {
      status: 'found';
      now: ObservedKey;
      /** The key's version IDs now: listed afresh, or the plan's when only DescribeKey was read. */
      versionIds: ReadonlySet<string>;
    }
  | Exclude<LiveKeyRead, { status: 'found' }>;

/** Whether the check must list the key's versions: the plan matched declared entries against them, or holds no list. */
export function rereadLists(key: CreateKeyPlan): boolean {
  const declaresVersions = key.matches.length > 0 || key.create.cause === 'declared';
  return declaresVersions || key.observed === undefined || !listedVersions(key.observed);
}

/** Reads the key again; raises a failure every key of its location would meet, as `readKey` does. */
export async function rereadForCreate(api: KeyApi, key: CreateKeyPlan): Promise<Reread> {
  const keyId = key.observed?.keyId ?? key.keyId;
  if (rereadLists(key)) {
    const read = await readKey(api, keyId);
    if (read.status !== 'found') return read;
    const now = observeKey(read.key);
    return { status: 'found', now, versionIds: new Set(now.versionIds) };
  }
  try {
    const now = observeKey({ metadata: await describeLiveKey(api, keyId), versions: undefined });
    return { status: 'found', now, versionIds: new Set(key.observed?.versionIds ?? []) };
  } catch (error) {
    return failedRead(error);
  }
}
