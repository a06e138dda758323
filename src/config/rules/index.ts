/**
 * The semantic rules of the second validation pass, run in this order on every key entry that passed
 * the schema. Cross-entry rules (duplicate names, duplicate key IDs) live in their own files because
 * they need every file loaded, and the regions resolved, first.
 */
import { keyNotEmpty } from './key-not-empty.js';
import { maxAgeAtLeastMinimum } from './max-age.js';
import type { KeyRule } from './rule-context.js';
import { uniqueLabels, uniquePinnedIds } from './unique-versions.js';
import { versionsWithinCeiling } from './versions-within-ceiling.js';

export const KEY_RULES: readonly KeyRule[] = [keyNotEmpty, maxAgeAtLeastMinimum, versionsWithinCeiling, uniquePinnedIds, uniqueLabels];

export { uniqueKeyNames } from './unique-key-names.js';
export { uniqueKeyTargets } from './unique-key-targets.js';
export { keyRuleContext, type KeyRule, type KeyRuleContext } from './rule-context.js';
