/**
 * Compares what a plan observed of a key with a fresh read. Any difference in state, last rotation,
 * primary version or version list means someone changed the key since the plan.
 */
import type { LiveKeyFacts } from '../state/live-state.js';
import type { ObservedKey } from '../plan/types.js';

/** The observation of a fresh read; its version list only when the read listed it. */
export function observeKey(key: LiveKeyFacts): ObservedKey {
  return {
    keyId: key.metadata.keyId,
    arn: key.metadata.arn || undefined,
    keyState: key.metadata.keyState,
    lastRotationDate: key.metadata.lastRotationDate,
    primaryKeyVersion: key.metadata.primaryKeyVersion,
    versionIds: key.versions === undefined ? [] : key.versions.map((v) => v.keyVersionId),
    versionsListed: key.versions !== undefined,
  };
}

/** Whether an observation holds a version list (a saved plan of an older kmsctl always listed). */
export function listedVersions(observed: ObservedKey): boolean {
  return observed.versionsListed !== false;
}

/**
 * A readable list of what differs, empty when the key looks as observed. The version lists are compared
 * when both observations hold one; without, a new version still shows, as LastRotationDate moves to its
 * creation time (and PrimaryKeyVersion to it), and the service never removes a single version.
 */
export function observedDifferences(planned: ObservedKey, now: ObservedKey): string[] {
  const differences: string[] = [];
  if (planned.keyId !== now.keyId) differences.push(`the key ID is now ${now.keyId} (was ${planned.keyId})`);
  // Another ARN for the same key ID means another account answered: never create there.
  if (planned.arn !== undefined && now.arn !== undefined && planned.arn !== now.arn) differences.push(`the key's ARN is now ${now.arn} (was ${planned.arn}): another account answered`);
  if (planned.keyState !== now.keyState) differences.push(`the key state is now ${now.keyState} (was ${planned.keyState})`);
  if ((planned.lastRotationDate ?? '') !== (now.lastRotationDate ?? '')) {
    differences.push(`LastRotationDate is now ${now.lastRotationDate ?? 'unset'} (was ${planned.lastRotationDate ?? 'unset'})`);
  }
  if ((planned.primaryKeyVersion ?? '') !== (now.primaryKeyVersion ?? '')) {
    differences.push(`PrimaryKeyVersion is now ${now.primaryKeyVersion ?? 'unset'} (was ${planned.primaryKeyVersion ?? 'unset'})`);
  }
  if (!listedVersions(planned) || !listedVersions(now)) return differences;
  const added = now.versionIds.filter((id) => !planned.versionIds.includes(id));
  const removed = planned.versionIds.filter((id) => !now.versionIds.includes(id));
  if (added.length > 0) differences.push(`new version${added.length > 1 ? 's' : ''} ${added.join(', ')}`);
  if (removed.length > 0) differences.push(`version${removed.length > 1 ? 's' : ''} ${removed.join(', ')} gone`);
  return differences;
}
