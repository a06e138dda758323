/**
 * The versions a key wants: one per unpinned entry without a live version, or, when none is declared,
 * one for rotation once the newest version is `rotation.maxAge` old.
 */
import type { DesiredKey } from '../config/desired-state.js';
import type { EntryRef } from './match-versions.js';
import type { PlannedVersion } from './types.js';

export interface RotationStatus {
  /** Age of the newest version, in milliseconds; undefined when the key shows no readable date. */
  ageMs: number | undefined;
  maxAgeMs: number;
  /** When rotation falls due (the newest version's time + maxAge); undefined without a readable date. */
  dueAtMs: number | undefined;
  due: boolean;
}

/** Whether rotation wants a version, for a key with a rotation policy. */
export function rotationStatus(key: DesiredKey, lastVersion: number | undefined, nowMs: number): RotationStatus | undefined {
  if (key.rotation === undefined) return undefined;
  const maxAgeMs = key.rotation.maxAgeSeconds * 1000;
  const ageMs = lastVersion === undefined ? undefined : nowMs - lastVersion;
  const dueAtMs = lastVersion === undefined ? undefined : lastVersion + maxAgeMs;
  return { ageMs, maxAgeMs, dueAtMs, due: ageMs !== undefined && ageMs >= maxAgeMs };
}

/**
 * The instant rotation falls due, when that is within `rotation.warnBefore` of `nowMs` (or already
 * past): the plan's due-soon fact. Undefined without a warning window or a readable date.
 */
export function dueSoonInstant(key: DesiredKey, rotation: RotationStatus | undefined, nowMs: number): number | undefined {
  const windowSeconds = key.rotation?.warnBeforeSeconds;
  if (windowSeconds === undefined || rotation?.dueAtMs === undefined) return undefined;
  return rotation.dueAtMs - nowMs <= windowSeconds * 1000 ? rotation.dueAtMs : undefined;
}

/** In the order they will be created: declared entries first (as declared), else one for rotation. */
export function wantedVersions(unmatched: readonly EntryRef[], rotation: RotationStatus | undefined): PlannedVersion[] {
  if (unmatched.length > 0) {
    return unmatched.map((ref) => ({ cause: 'declared', entry: ref.entry, label: ref.label }));
  }
  if (rotation?.due === true) return [{ cause: 'rotation', entry: undefined, label: undefined }];
  return [];
}
