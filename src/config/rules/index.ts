/**
 * The semantic rules of the second validation pass, run in this order on every key entry, on the parts
 * of it that passed the schema. Rules on a file's defaults run once per file. Cross-entry rules
 * (duplicate names, duplicate keys, accounts) live in their own files because they need every file
 * loaded, and the regions resolved, first.
 */
import { keyNotEmpty } from './key-not-empty.js';
import { defaultMaxAgeAtLeastMinimum, maxAgeAtLeastMinimum } from './max-age.js';
import { defaultRegionKnown, regionKnown } from './region-known.js';
import { rotationNeedsMaxAge } from './rotation-needs-max-age.js';
import type { FileDefaults, KeyRule } from './rule-context.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { uniqueLabels, uniquePinnedIds } from './unique-versions.js';
import { versionsWithinCeiling } from './versions-within-ceiling.js';
import { defaultWarnBefore, warnBeforeWithinMaxAge } from './warn-before.js';

export const KEY_RULES: readonly KeyRule[] = [
  keyNotEmpty,
  rotationNeedsMaxAge,
  maxAgeAtLeastMinimum,
  warnBeforeWithinMaxAge,
  versionsWithinCeiling,
  uniquePinnedIds,
  uniqueLabels,
  regionKnown,
];

export const DEFAULTS_RULES: readonly ((defaults: FileDefaults) => Diagnostic[])[] = [defaultMaxAgeAtLeastMinimum, defaultWarnBefore, defaultRegionKnown];

export { uniqueKeyNames } from './unique-key-names.js';
export { uniqueKeyTargets } from './unique-key-targets.js';
export { fileDefaults, keyRuleContext, type FileDefaults, type KeyRule, type KeyRuleContext } from './rule-context.js';
