/**
 * The planner: desired state + live state + a time → one outcome per declared key. Pure: no I/O, no
 * client, no clock of its own, so the same input always gives the same plan.
 */
import type { DesiredKey, DesiredState } from '../config/desired-state.js';
import type { LiveKey, LiveKeyRead, LiveState } from '../state/live-state.js';
import { liveKeyRef } from '../state/live-state.js';
import { formatDuration, formatInstant, formatInstantCeil } from './instant.js';
import { checkVersionAllowed } from './key-checks.js';
import { MIN_ROTATION_INTERVAL_MS, earliestNextVersion, lastVersionInstant, versionCap } from './limits.js';
import { matchVersions } from './match-versions.js';
import { pinnedError } from './pin-errors.js';
import { notFoundError, readFailedError } from './read-errors.js';
import { capWarning, joinReason, noOpReason, wantedReason } from './reasons.js';
import { summarisePlan } from './summary.js';
import type { KeyPlan, ObservedKey, Plan, PlanError } from './types.js';
import { rotationStatus, wantedVersions } from './wanted-versions.js';

/** Plans every declared key, in config order, as of `now`. */
export function planKeys(desired: DesiredState, live: LiveState, now: Date): Plan {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('planKeys: `now` is an invalid Date');
  const keys = desired.keys.map((key) => planKey(key, live.keys.get(liveKeyRef(key.region, key.keyId)), nowMs));
  return { createdAt: formatInstant(nowMs), keys, summary: summarisePlan(keys) };
}

/** The outcome of one key, given what was read of it (undefined: nothing was). */
export function planKey(key: DesiredKey, read: LiveKeyRead | undefined, nowMs: number): KeyPlan {
  const ids = { name: key.name, keyId: key.keyId, region: key.region };
  if (read === undefined || read.status === 'not-found') {
    return unreadKey(ids, notFoundError(key, read));
  }
  if (read.status === 'failed') return unreadKey(ids, readFailedError(key, read));
  return planFoundKey(key, read.key, nowMs);
}

function unreadKey(ids: { name: string; keyId: string; region: string }, error: PlanError): KeyPlan {
  return { ...ids, action: 'error', reason: error.message, matches: [], drift: [], observed: undefined, error };
}

function planFoundKey(key: DesiredKey, liveKey: LiveKey, nowMs: number): KeyPlan {
  const { metadata, versions } = liveKey;
  const matching = matchVersions(key.versions, versions);
  const base = {
    name: key.name,
    keyId: key.keyId,
    region: key.region,
    matches: matching.matches,
    drift: matching.drift,
    observed: observe(liveKey),
  };
  const pinError = pinnedError(key, metadata.keyId, matching);
  if (pinError !== undefined) return { ...base, action: 'error', reason: pinError.message, error: pinError };

  const lastVersion = lastVersionInstant(metadata, versions);
  const rotation = rotationStatus(key, lastVersion, nowMs);
  const wanted = wantedVersions(matching.unmatched, rotation);
  const first = wanted[0];
  if (first === undefined) {
    return { ...base, action: 'no-op', reason: noOpReason(matching.drift.length, metadata.keyState, rotation) };
  }

  const why = wantedReason(first, rotation, key);
  const blocked = checkVersionAllowed(metadata, versions.length, key.maxVersions);
  if (blocked !== undefined) return { ...base, action: 'error', reason: `${why}, but ${blocked.message}`, error: blocked };

  const warning = capWarning(versions.length, wanted.length, versionCap(key.maxVersions));
  const earliest = earliestNextVersion(lastVersion);
  if (earliest !== undefined && nowMs < earliest) {
    const earliestText = formatInstantCeil(earliest);
    const since = lastVersion === undefined ? '' : `the last version is ${formatDuration(nowMs - lastVersion)} old, `;
    return {
      ...base,
      action: 'deferred',
      create: first,
      wanted: wanted.length,
      earliest: earliestText,
      reason: joinReason(
        why,
        wanted.length > 1 ? `${wanted.length} versions wanted` : undefined,
        `${since}the service allows the next version from ${earliestText}`,
        warning,
      ),
    };
  }

  const remaining = wanted.length - 1;
  const nextEarliest = remaining > 0 ? formatInstantCeil(nowMs + MIN_ROTATION_INTERVAL_MS) : undefined;
  return {
    ...base,
    action: 'create',
    create: first,
    remaining,
    nextEarliest,
    reason: joinReason(
      `${why}: create one version now`,
      nextEarliest === undefined ? undefined : `${remaining} more wanted, the next from ${nextEarliest}`,
      warning,
    ),
  };
}

/** What the applier compares before acting on a saved plan. */
function observe(liveKey: LiveKey): ObservedKey {
  const { metadata, versions } = liveKey;
  return {
    keyId: metadata.keyId,
    keyState: metadata.keyState,
    lastRotationDate: metadata.lastRotationDate,
    primaryKeyVersion: metadata.primaryKeyVersion,
    versionIds: versions.map((v) => v.keyVersionId),
  };
}
