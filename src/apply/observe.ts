/**
 * Compares what a plan observed of a key with a fresh read. Any difference in state, last rotation,
 * primary version or version list means someone changed the key since the plan.
 */
import type { LiveKey } from '../state/live-state.js';
import type { ObservedKey } from '../plan/types.js';

export function observeKey(key: LiveKey): ObservedKey {
  return {
    keyId: key.metadata.keyId,
    keyState: key.metadata.keyState,
    lastRotationDate: key.metadata.lastRotationDate,
    primaryKeyVersion: key.metadata.primaryKeyVersion,
    versionIds: key.versions.map((v) => v.keyVersionId),
  };
}

/** A readable list of what differs, empty when the key looks as observed. */
export function observedDifferences(planned: ObservedKey, now: ObservedKey): string[] {
  const differences: string[] = [];
  if (planned.keyId !== now.keyId) differences.push(`the key ID is now ${now.keyId} (was ${planned.keyId})`);
  if (planned.keyState !== now.keyState) differences.push(`the key state is now ${now.keyState} (was ${planned.keyState})`);
  if ((planned.lastRotationDate ?? '') !== (now.lastRotationDate ?? '')) {
    differences.push(`LastRotationDate is now ${now.lastRotationDate ?? 'unset'} (was ${planned.lastRotationDate ?? 'unset'})`);
  }
  const added = now.versionIds.filter((id) => !planned.versionIds.includes(id));
  const removed = planned.versionIds.filter((id) => !now.versionIds.includes(id));
  if (added.length > 0) differences.push(`new version${added.length > 1 ? 's' : ''} ${added.join(', ')}`);
  if (removed.length > 0) differences.push(`version${removed.length > 1 ? 's' : ''} ${removed.join(', ')} gone`);
  return differences;
}
