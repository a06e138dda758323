/**
 * The one-sentence reasons of key plans. Explanations only: nothing reads them back, and the applier
 * acts on the plan's fields alone.
 */
import type { DesiredKey } from '../config/desired-state.js';
import { citeRule, EDITION_INFO, type VersionRule } from '../service-rules/index.js';
import type { KeyAssessment } from './assess-key.js';
import { entryName } from './entry-name.js';
import { formatDuration, formatInstantCeil } from './instant.js';
import type { PlannedVersion } from './types.js';
import type { Eligibility } from './version-eligibility.js';
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

/** Why a wanted version must wait: the interval rule of the key's edition, and from when it allows one. */
export function waitReason(assessment: KeyAssessment, rule: VersionRule, earliestText: string, nowMs: number): string {
  const last = assessment.lastVersionMs;
  const since = last === undefined ? '' : `the last version is ${formatDuration(nowMs - last)} old, `;
  const who = rule.basis === 'kmsctl' ? 'kmsctl allows' : 'the service allows';
  return `${since}${who} the next version from ${earliestText} by ${citeRule(rule)}`;
}

/** For a key in a KMS instance: which edition's rules allowed (or deferred) the version, and where the key lives. */
export function editionNote(eligibility: Eligibility): string | undefined {
  if (eligibility.placementText === undefined) return undefined;
  return `rules of the ${EDITION_INFO[eligibility.edition].name} edition: ${eligibility.placementText}`;
}

/** The reason of a key with nothing to do. */
export function noOpReason(driftCount: number, keyState: string, rotation: RotationStatus | undefined, dueSoonMs: number | undefined): string {
  const parts = ['up to date'];
  if (rotation?.ageMs !== undefined) {
    parts.push(`newest version ${formatDuration(rotation.ageMs)} old, rotation due in ${formatDuration(rotation.maxAgeMs - rotation.ageMs)}`);
  }
  if (dueSoonMs !== undefined) parts.push(`due soon: rotation falls due at ${formatInstantCeil(dueSoonMs)}, within rotation.warnBefore`);
  if (keyState !== 'Enabled') parts.push(`key is ${keyState}`);
  if (driftCount > 0) {
    parts.push(`${driftCount} live ${driftCount === 1 ? 'version is' : 'versions are'} not declared (drift)`);
  }
  return parts.join('; ');
}

/** A rotation-only key that fell due after the state reader found it not due: the next plan rotates it. */
export function dueDuringReadReason(rotation: RotationStatus | undefined): string {
  const at = rotation?.dueAtMs === undefined ? '' : ` at ${formatInstantCeil(rotation.dueAtMs)}`;
  return `rotation fell due${at}, after this plan read the key: the next plan creates its version`;
}

export function joinReason(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('; ');
}
