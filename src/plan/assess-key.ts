/**
 * What a declared key asks of its live state at an instant: how its entries match the live versions,
 * how old its newest version is, and which versions it wants. The planner plans from this, and the
 * state reader asks it whether a key wants a version (to read its instance only then): one answer for both.
 */
import type { DesiredKey } from '../config/desired-state.js';
import type { LiveKeyFacts } from '../state/live-state.js';
import { lastVersionInstant } from './limits.js';
import { matchVersions, type VersionMatching } from './match-versions.js';
import type { PlannedVersion } from './types.js';
import { rotationStatus, wantedVersions, type RotationStatus } from './wanted-versions.js';

export interface KeyAssessment {
  matching: VersionMatching;
  /** When the key last got a version (ms), as the interval rule measures it. */
  lastVersionMs: number | undefined;
  rotation: RotationStatus | undefined;
  /** The versions wanted, in the order they will be created. */
  wanted: PlannedVersion[];
}

/** Pure. A key without a listing matches nothing: only rotation can want a version of it. */
export function assessKey(key: DesiredKey, facts: LiveKeyFacts, nowMs: number): KeyAssessment {
  const matching = matchVersions(key.versions, facts.versions ?? []);
  const lastVersionMs = lastVersionInstant(facts.metadata, facts.versions);
  const rotation = rotationStatus(key, lastVersionMs, nowMs);
  return { matching, lastVersionMs, rotation, wanted: wantedVersions(matching.unmatched, rotation) };
}
