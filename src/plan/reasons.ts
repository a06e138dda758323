/**
 * The one-sentence reasons of key plans. Explanations only: nothing reads them back, and the applier
 * acts on the plan's fields alone.
 */
import type { DesiredKey } from '../config/desired-state.js';
import { entryName } from './entry-name.js';
import { formatDuration } from './instant.js';
import type { PlannedVersion } from './types.js';
import type { RotationStatus } from './wanted-versions.js';

/** Why this version is wanted: `versions[2] "v3" has no live version`. */
export function wantedReason(version: PlannedVersion, rotation: RotationStatus | undefined, key: DesiredKey): string {
  if (version.cause === 'declared') return `${entryName(version.entry ?? 0, version.label)} has no live version`;
  const age = rotation?.ageMs === undefined ? 'of unknown age' : `${formatDuration(rotation.ageMs)} old`;
  return `the newest version is ${age}, rotation.maxAge is ${key.rotation?.maxAge ?? '?'}`;
}

/** The note added when the wanted versions would not all fit under the key's cap. */
export function capWarning(versionCount: number, wanted: number, cap: number): string | undefined {
  const room = cap - versionCount;
  if (wanted <= room) return undefined;
  return `only ${room} of the ${wanted} wanted versions fit under the cap of ${cap} versions (counting the initial one)`;
}

/** The reason of a key with nothing to do. */
export function noOpReason(driftCount: number, keyState: string, rotation: RotationStatus | undefined): string {
  const parts = ['up to date'];
  if (rotation?.ageMs !== undefined) {
    parts.push(`newest version ${formatDuration(rotation.ageMs)} old, rotation due in ${formatDuration(rotation.maxAgeMs - rotation.ageMs)}`);
  }
  if (keyState !== 'Enabled') parts.push(`key is ${keyState}`);
  if (driftCount > 0) {
    parts.push(`${driftCount} live ${driftCount === 1 ? 'version is' : 'versions are'} not declared (drift)`);
  }
  return parts.join('; ');
}

export function joinReason(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('; ');
}
