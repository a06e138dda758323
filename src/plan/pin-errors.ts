/** Errors of pinned entries, which hold whether or not the key wants a version. */
import type { DesiredKey } from '../config/desired-state.js';
import { entryName } from './entry-name.js';
import { PLAN_ERROR_CODES } from './error-codes.js';
import { locationText } from './location-text.js';
import type { VersionMatching } from './match-versions.js';
import type { PlanError } from './types.js';

/** `version.pinned-missing` (or a duplicate pin): holds whether or not anything else is wanted. */
export function pinnedError(key: DesiredKey, resolvedKeyId: string, matching: VersionMatching): PlanError | undefined {
  const keyText = resolvedKeyId === key.keyId ? `key ${key.keyId}` : `key ${resolvedKeyId} (${key.keyId})`;
  if (matching.missingPins.length > 0) {
    const pins = matching.missingPins.map((p) => `${entryName(p.entry, p.label)} pins ${p.id}`);
    const plural = pins.length > 1;
    return {
      code: PLAN_ERROR_CODES.pinnedMissing,
      message: `${pins.join(', ')}, which ${plural ? 'are not versions' : 'is not a version'} of ${keyText} in ${locationText(key)}`,
      hint: `remove the ${plural ? 'entries' : 'entry'} or fix the ${plural ? 'IDs' : 'ID'}`,
      apiCode: undefined,
      requestId: undefined,
    };
  }
  const duplicate = matching.duplicatePins[0];
  if (duplicate !== undefined) {
    return {
      code: PLAN_ERROR_CODES.pinnedDuplicate,
      message: `${entryName(duplicate.entry, duplicate.label)} pins ${duplicate.id}, which versions[${duplicate.firstEntry}] already pins`,
      hint: 'pin each version once: remove one of the entries',
      apiCode: undefined,
      requestId: undefined,
    };
  }
  return undefined;
}
