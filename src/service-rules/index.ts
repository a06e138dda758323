/** The service's rules as data, shared by the planner and the emulator: import from here. */
export { EDITIONS, EDITION_INFO, type Edition, type EditionInfo, type RuleBasis } from './editions.js';
export { editionOf, instanceKindFromProduct, placementOf, type KeyPlacement, type PlacementInputs } from './placement.js';
export {
  CREATE_KEY_VERSION_RULES,
  citeRule,
  evaluateCreateKeyVersion,
  type EvaluateOptions,
  type KeyFacts,
  type RuleTopic,
  type Verdict,
  type VersionRule,
} from './create-key-version-rules.js';
