/**
 * Matching declared version entries to live versions. Pins claim their versions first; unpinned
 * entries then take the unclaimed live versions in declaration order, oldest version first. What is
 * left on either side is wanted (entries) or drift (live versions).
 */
import type { DesiredVersion } from '../config/desired-state.js';
import { idKey } from '../config/version-ids.js';
import type { KeyVersion } from '../kms/types.js';
import { normaliseDate } from './instant.js';
import type { DriftVersion, VersionMatch } from './types.js';

/** An entry of the `versions` list, by index and label. */
export interface EntryRef {
  entry: number;
  label: string | undefined;
}

export interface PinProblem extends EntryRef {
  /** The pinned version ID, as written. */
  id: string;
}

export interface DuplicatePin extends PinProblem {
  /** The entry that pinned the ID first. */
  firstEntry: number;
}

export interface VersionMatching {
  /** Pinned and matched entries, in entry order. */
  matches: VersionMatch[];
  /** Live versions nothing declares, oldest first. */
  drift: DriftVersion[];
  /** Pins whose ID is not a version of the key. */
  missingPins: PinProblem[];
  /** Pins of an ID an earlier entry already pins. */
  duplicatePins: DuplicatePin[];
  /** Unpinned entries with no live version: each is a version wanted, in declaration order. */
  unmatched: EntryRef[];
}

/** Matches `declared` (as listed) against `live` (oldest first). Pure. IDs compare as `idKey` has them (a UUID case-blind). */
export function matchVersions(declared: readonly DesiredVersion[], live: readonly KeyVersion[]): VersionMatching {
  const liveById = new Map(live.map((v) => [idKey(v.keyVersionId), v]));
  const claimedBy = new Map<string, number>();
  const matches: VersionMatch[] = [];
  const missingPins: PinProblem[] = [];
  const duplicatePins: DuplicatePin[] = [];

  declared.forEach((version, entry) => {
    if (version.kind !== 'pinned') return;
    const ref = { entry, label: version.label, id: version.id };
    const found = liveById.get(idKey(version.id));
    const firstEntry = claimedBy.get(idKey(version.id));
    if (found === undefined) missingPins.push(ref);
    else if (firstEntry !== undefined) duplicatePins.push({ ...ref, firstEntry });
    else {
      claimedBy.set(idKey(version.id), entry);
      matches.push(toMatch(entry, version.label, found, true));
    }
  });

  const unclaimed = live.filter((v) => !claimedBy.has(idKey(v.keyVersionId)));
  const unmatched: EntryRef[] = [];
  let next = 0;
  declared.forEach((version, entry) => {
    if (version.kind !== 'unpinned') return;
    const found = unclaimed[next];
    if (found === undefined) {
      unmatched.push({ entry, label: version.label });
      return;
    }
    next += 1;
    matches.push(toMatch(entry, version.label, found, false));
  });

  matches.sort((a, b) => a.entry - b.entry);
  // A key that lists no versions (rotation only) leaves its versions to the policy: nothing to drift from.
  const drift = declared.length === 0 ? [] : unclaimed.slice(next).map((v) => ({ versionId: v.keyVersionId, creationDate: normaliseDate(v.creationDate) }));
  return { matches, drift, missingPins, duplicatePins, unmatched };
}

function toMatch(entry: number, label: string | undefined, version: KeyVersion, pinned: boolean): VersionMatch {
  return { entry, label, versionId: version.keyVersionId, creationDate: normaliseDate(version.creationDate), pinned };
}
