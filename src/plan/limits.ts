/**
 * Instants and counts the version rules are measured by, as the planner and `show` compute them. The
 * rules themselves (both editions) are data in src/service-rules; this file only derives their inputs.
 */
import type { KeyVersion } from '../kms/types.js';
import type { LiveKeyMetadata } from '../state/live-state.js';
import { MAX_KEY_VERSIONS, MIN_ROTATION_INTERVAL_SECONDS } from '../kms/wire/enums.js';
import { latestInstant } from './instant.js';

/** The minimum wait between two versions, in milliseconds (both editions: see src/service-rules). */
export const MIN_ROTATION_INTERVAL_MS = MIN_ROTATION_INTERVAL_SECONDS * 1000;

/** The number of versions a key may hold: the service's 50, or the key's own lower `maxVersions`. */
export function versionCap(maxVersions: number | undefined): number {
  return maxVersions === undefined ? MAX_KEY_VERSIONS : Math.min(MAX_KEY_VERSIONS, maxVersions);
}

/**
 * When the key last got a version: the later of `LastRotationDate` and the newest version's
 * `CreationDate` (they agree on the real service; taking the later one is safe when they do not).
 * Without a listing (`versions` undefined), LastRotationDate alone: it is the newest version's time.
 * Falls back to the key's `CreationDate` when neither is readable.
 */
export function lastVersionInstant(metadata: LiveKeyMetadata, versions: readonly KeyVersion[] | undefined): number | undefined {
  const newest = versions?.[versions.length - 1];
  return latestInstant(metadata.lastRotationDate, newest?.creationDate) ?? latestInstant(metadata.creationDate);
}
