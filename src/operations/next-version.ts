/**
 * Whether and when a key can get its next version, asked of the planner's own rules (src/plan): the
 * same answer `plan` acts on, so `show` can never say a version is allowed that `plan` would refuse
 * (a disabled key, a key at its `maxVersions`). The one place the CLI asks this.
 */
import { formatInstantCeil } from '../plan/instant.js';
import { checkVersionAllowed } from '../plan/key-checks.js';
import { earliestNextVersion, lastVersionInstant } from '../plan/limits.js';
import type { LiveKey } from '../state/live-state.js';

export type NextVersion =
  | { allowed: true; /** The earliest time the service takes CreateKeyVersion (now, when it already would). */ earliest: string }
  | { allowed: false; /** The plan's error code, e.g. `key.not-enabled`. */ code: string; reason: string };

export function nextVersionOf(key: LiveKey, maxVersions: number | undefined, now: Date): NextVersion {
  const blocked = checkVersionAllowed(key.metadata, key.versions.length, maxVersions);
  if (blocked !== undefined) return { allowed: false, code: blocked.code, reason: blocked.message };
  const earliest = earliestNextVersion(lastVersionInstant(key.metadata, key.versions));
  return { allowed: true, earliest: formatInstantCeil(Math.max(earliest ?? now.getTime(), now.getTime())) };
}
