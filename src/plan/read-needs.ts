/**
 * What planning a key needs read beyond DescribeKey, decided by the planner's own rules so the state
 * reader makes no call the plan does not use:
 *
 * - the version listing, for a key that declares `versions` (matching, pins, drift) or whose rotation is
 *   due (its count against the caps). A key that asks only for `rotation` and is not due is planned from
 *   DescribeKey alone: its LastRotationDate is the newest version's time. This relies on a listing never
 *   making a key due that LastRotationDate alone did not: the listing can only move the newest version's
 *   time later (see `lastVersionInstant`), which makes rotation less due, never more;
 * - GetKmsInstance, for a key in a KMS instance that wants a version: its kind decides which rules apply.
 */
import type { DesiredKey } from '../config/desired-state.js';
import type { LiveKeyFacts, LiveKeyMetadata } from '../state/live-state.js';
import { assessKey } from './assess-key.js';
import { lastVersionInstant } from './limits.js';
import { rotationStatus } from './wanted-versions.js';

/** Whether any of the entries declaring one key needs its versions listed, at `nowMs`. */
export function listingNeeded(keys: readonly DesiredKey[], metadata: LiveKeyMetadata, nowMs: number): boolean {
  return keys.some((key) => key.versions.length > 0 || rotationStatus(key, lastVersionInstant(metadata, undefined), nowMs)?.due === true);
}

/** Whether the key lives in a KMS instance and any of its entries wants a version at `nowMs`. */
export function instanceNeeded(keys: readonly DesiredKey[], facts: LiveKeyFacts, nowMs: number): boolean {
  if ((facts.metadata.dkmsInstanceId ?? '') === '') return false;
  return keys.some((key) => assessKey(key, facts, nowMs).wanted.length > 0);
}
