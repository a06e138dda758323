/**
 * Whether and when a key can get its next version, asked of the planner's one eligibility function
 * (src/plan/version-eligibility.ts): the same answer `plan` acts on, so `show` can never say a version is
 * allowed that `plan` would refuse (a disabled key, a key at its `maxVersions`, a key of the wrong
 * edition). The one place the CLI asks this.
 */
import { formatInstantCeil } from '../plan/instant.js';
import { versionEligibility } from '../plan/version-eligibility.js';
import type { LiveKey } from '../state/live-state.js';

export type NextVersion =
  | { allowed: true; /** The earliest time the service takes CreateKeyVersion (now, when it already would). */ earliest: string }
  | { allowed: false; /** The plan's error code, e.g. `key.not-enabled`. */ code: string; reason: string };

export function nextVersionOf(key: LiveKey, maxVersions: number | undefined, now: Date): NextVersion {
  const eligibility = versionEligibility(key, maxVersions, now.getTime());
  switch (eligibility.status) {
    case 'refused':
      return { allowed: false, code: eligibility.error.code, reason: eligibility.error.message };
    case 'wait':
      return { allowed: true, earliest: formatInstantCeil(Math.max(eligibility.earliestMs, now.getTime())) };
    case 'allowed':
      return { allowed: true, earliest: formatInstantCeil(now.getTime()) };
  }
}
